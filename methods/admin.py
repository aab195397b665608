from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from methods.models import (
    Alias,
    Method,
    MethodFamily,
    MethodVersion,
    Reference,
    ResearchField,
    Source,
)
from methods.names import name_key
from methods.publishing import (
    PUBLISH_PERMISSION,
    mark_edited,
    publish,
    retract,
    submit_for_review,
)


class MethodAdminForm(forms.ModelForm):
    """Tells the second of two editors saving the same entry that it changed."""

    expected_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Method
        fields = [
            "slug",
            "name",
            "method_type",
            "summary",
            "origin_year_text",
            "proposers",
            "field",
            "family",
            "related",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_revision"].initial = self.instance.revision

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            # Locked until the admin's transaction ends, so two saves queue.
            current = (
                Method.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("revision", flat=True)
                .first()
            )
            if cleaned.get("expected_revision") != current:
                raise ValidationError(
                    _(
                        "Someone else changed this entry since you opened it. Your "
                        "changes were not saved: reload the page to see theirs, "
                        "then make yours again."
                    ),
                    code="edit_conflict",
                )
        return cleaned


class AliasFormSet(BaseInlineFormSet):
    """Catch the same alias twice in one submission, before the database does."""

    def clean(self) -> None:
        super().clean()
        seen: set[tuple[str, str]] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            key = (name_key(data["name"]), data.get("language", ""))
            if key in seen:
                raise ValidationError(
                    _("“%(name)s” is listed twice for language %(language)s."),
                    params={"name": data["name"], "language": key[1]},
                )
            seen.add(key)


class AliasInline(admin.TabularInline):
    model = Alias
    formset = AliasFormSet
    fields = ["name", "language", "position"]
    extra = 1


class ReferenceInline(admin.StackedInline):
    model = Reference
    fields = [
        ("authors", "year"),
        "title",
        ("venue", "volume", "issue", "pages"),
        ("doi", "url"),
        "position",
    ]
    extra = 0


class SourceInline(admin.TabularInline):
    model = Source
    fields = ["title", "url", "accessed_on", "position"]
    extra = 0


class VersionInline(admin.TabularInline):
    model = MethodVersion
    fields = ["number", "status", "published_at", "published_by", "change_note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ResearchField)
class ResearchFieldAdmin(TranslationAdmin):
    list_display = ["name_en", "name_zh", "slug"]
    search_fields = ["name_en", "name_zh", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(MethodFamily)
class MethodFamilyAdmin(TranslationAdmin):
    list_display = ["name_en", "name_zh", "slug"]
    search_fields = ["name_en", "name_zh", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Method)
class MethodAdmin(TranslationAdmin):
    list_display = [
        "name_en",
        "name_zh",
        "slug",
        "field",
        "family",
        "status",
        "origin_year",
    ]
    list_filter = ["field", "family", "status"]
    list_select_related = ["field", "family"]
    search_fields = ["name_en", "name_zh", "slug", "aliases__name"]
    search_help_text = _("Search by name in either language, alias or slug.")
    autocomplete_fields = ["field", "family", "related"]
    readonly_fields = ["status", "origin_year"]
    prepopulated_fields = {"slug": ["name_en"]}
    form = MethodAdminForm
    # English and Chinese side by side, one row per translated field.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    ("name_en", "name_zh"),
                    ("method_type_en", "method_type_zh"),
                    "status",
                    "expected_revision",
                ]
            },
        ),
        (
            _("Origin"),
            {
                "fields": [
                    ("origin_year_text_en", "origin_year_text_zh"),
                    "origin_year",
                    "proposers",
                ]
            },
        ),
        (_("Classification"), {"fields": ["field", "family", "related"]}),
        (_("Summary"), {"fields": [("summary_en", "summary_zh")]}),
    ]
    inlines = [AliasInline, ReferenceInline, SourceInline, VersionInline]
    actions = ["submit_selected", "publish_selected"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        mark_edited(form.instance)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.action(description=_("Submit the selected drafts for review"))
    def submit_selected(self, request: HttpRequest, queryset: QuerySet[Method]) -> None:
        drafts = [method for method in queryset if method.status == "draft"]
        for method in drafts:
            submit_for_review(method)
        self.message_user(
            request,
            ngettext(
                "Submitted %(count)d draft for review.",
                "Submitted %(count)d drafts for review.",
                len(drafts),
            )
            % {"count": len(drafts)},
            messages.SUCCESS if drafts else messages.WARNING,
        )

    @admin.action(
        description=_("Publish the selected entries as their next version"),
        permissions=["publish"],
    )
    def publish_selected(
        self, request: HttpRequest, queryset: QuerySet[Method]
    ) -> None:
        versions = [publish(method, user=request.user) for method in queryset]
        self.message_user(
            request,
            ngettext(
                "Published %(count)d entry.",
                "Published %(count)d entries.",
                len(versions),
            )
            % {"count": len(versions)},
            messages.SUCCESS,
        )


@admin.register(MethodVersion)
class MethodVersionAdmin(admin.ModelAdmin):
    """Published versions are read-only here: citations point at them."""

    list_display = ["method", "number", "status", "published_at", "published_by"]
    list_filter = ["status"]
    list_select_related = ["method", "published_by"]
    search_fields = ["method__slug", "method__name_en", "method__name_zh"]
    readonly_fields = [
        "method",
        "number",
        "status",
        "content",
        "change_note",
        "published_at",
        "published_by",
        "retraction_reason",
    ]

    readonly_fields = [*readonly_fields, "retracted_at", "retracted_by"]
    change_form_template = "admin/methods/methodversion/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/retract/",
                self.admin_site.admin_view(self.retract_view),
                name="methods_methodversion_retract",
            ),
            *super().get_urls(),
        ]

    def retract_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        version = get_object_or_404(
            MethodVersion.objects.select_related("method"), pk=pk
        )
        form = RetractionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                retract(version, user=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("Version %(number)d of %(name)s is retracted.")
                    % {"number": version.number, "name": version.content["name"]["en"]},
                )
                return HttpResponseRedirect(
                    reverse("admin:methods_methodversion_change", args=[pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Retract %(version)s") % {"version": version},
            "version": version,
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(
            request, "admin/methods/methodversion/retract.html", context
        )


class RetractionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for retraction"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Readers see this reason on the retracted version."),
    )
