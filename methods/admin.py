from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from methods.models import (
    Alias,
    Method,
    MethodFamily,
    MethodVersion,
    Reference,
    ResearchField,
    Source,
)
from methods.publishing import mark_edited, publish


class AliasFormSet(BaseInlineFormSet):
    """Catch the same alias twice in one submission, before the database does."""

    def clean(self) -> None:
        super().clean()
        seen: set[tuple[str, str]] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            key = (data["name"].strip().casefold(), data.get("language", ""))
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
class MethodAdmin(TabbedTranslationAdmin):
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
    fieldsets = [
        (None, {"fields": ["slug", "name", "method_type", "status"]}),
        (
            _("Origin"),
            {"fields": ["origin_year_text", "origin_year", "proposers"]},
        ),
        (_("Classification"), {"fields": ["field", "family", "related"]}),
        (_("Summary"), {"fields": ["summary"]}),
    ]
    inlines = [AliasInline, ReferenceInline, SourceInline, VersionInline]
    actions = ["publish_selected"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        mark_edited(form.instance)

    @admin.action(description=_("Publish the selected entries as their next version"))
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
