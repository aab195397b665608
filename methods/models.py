"""The catalogue: entries that editors keep, and the versions readers see.

An editor works on a `Method` (the working copy, with its aliases,
references and sources). Publishing freezes its content into a
`MethodVersion`; readers only ever see published versions (`cards.py`).
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Collate, Lower
from django.utils.translation import gettext_lazy as _

from methods.doi import DOI_PATTERN, normalize_doi, validate_doi
from methods.names import name_key
from methods.years import earliest_year

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_TAG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


class DOIField(models.CharField):
    """A DOI kept bare, whatever resolver link or label was typed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_doi)

    def to_python(self, value):
        return normalize_doi(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = normalize_doi(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class Taxon(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResearchField(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class MethodFamily(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = _("method family")
        verbose_name_plural = _("method families")


class Method(models.Model):
    """The working copy of a catalogue entry, as editors keep it."""

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Lowercase words joined by dashes; used in every URL."),
    )
    name = models.CharField(_("name"), max_length=200)
    method_type = models.CharField(_("type"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    origin_year_text = models.CharField(
        _("origin year"),
        max_length=200,
        blank=True,
        help_text=_("As written, e.g. “2010 (formalized); 1990s (early roots)”."),
    )
    origin_year = models.PositiveSmallIntegerField(
        _("origin year (number)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The earliest year named in the origin year, for sorting."),
    )
    proposers = models.CharField(_("proposed by"), max_length=500, blank=True)
    field = models.ForeignKey(
        ResearchField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("field"),
    )
    family = models.ForeignKey(
        MethodFamily,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("method family"),
    )
    related = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("related entries")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DRAFT
    )
    attribution = models.TextField(
        _("attribution"),
        blank=True,
        help_text=_("Where imported text comes from, shown on the entry's page."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        help_text=_("The licence of imported text, e.g. CC BY-SA 4.0."),
    )
    revision = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Counts saves, so that an editor saving a stale form is told.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN),
                name="method_slug_format",
                violation_error_message=_(
                    "A slug is lowercase letters and digits joined by single dashes."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="method_status_valid",
                violation_error_message=_("That is not a known status."),
            ),
            models.CheckConstraint(
                condition=~Q(name_en=""), name="method_name_en_required"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.origin_year = earliest_year(self.origin_year_text_en)
        self.revision += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "origin_year",
                "revision",
            }
        super().save(*args, **kwargs)


class Alias(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=16,
        help_text=_("A language code such as en, zh, tr or de."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                F("method"),
                F("language"),
                Lower("name"),
                name="alias_unique_per_language",
                violation_error_message=_(
                    "This entry already has that alias in that language."
                ),
            ),
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_TAG_PATTERN),
                name="alias_language_code",
                violation_error_message=_(
                    "Use a language code such as en, zh, tr or pt-BR."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(name__regex=r"^\s*$"), name="alias_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"

    def clean(self) -> None:
        """Refuse an alias that folds to one the entry has in that language.

        The database refuses exact (case-insensitive) repeats; this also
        catches "M.D." beside "MD", as the catalogue checks do.
        """
        if not self.method_id or not self.name:
            return
        siblings = Alias.objects.filter(
            method_id=self.method_id, language=self.language
        ).exclude(pk=self.pk)
        key = name_key(self.name)
        for other in siblings.values_list("name", flat=True):
            if name_key(other) == key:
                raise ValidationError(
                    {
                        "name": _(
                            "This entry already has “%(other)s” in that language, "
                            "which differs only in case, accents or punctuation."
                        )
                        % {"other": other}
                    }
                )


class Reference(models.Model):
    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    authors = models.CharField(_("authors"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    issue = models.CharField(_("issue"), max_length=20, blank=True)
    pages = models.CharField(_("pages"), max_length=30, blank=True)
    doi = DOIField(_("DOI"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("seminal reference")
        verbose_name_plural = _("seminal references")
        constraints = [
            models.CheckConstraint(
                condition=Q(doi="") | Q(doi__regex=DOI_PATTERN),
                name="reference_doi_format",
                violation_error_message=_("That is not a DOI."),
            ),
            models.CheckConstraint(
                condition=~Q(doi="") | ~Q(url=""),
                name="reference_doi_or_url",
                violation_error_message=_("Give a DOI or a link."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}"


class Source(models.Model):
    """Where the entry's facts were checked: part of its dataset record."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    accessed_on = models.DateField(_("date accessed"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title


class FrozenVersionError(Exception):
    """Published versions never change: citations point at them."""


class MethodVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise FrozenVersionError(
            "Published versions cannot be updated; use methods.publishing.retract."
        )

    def delete(self):
        raise FrozenVersionError("Published versions cannot be deleted.")

    def _retract(self, **kwargs) -> int:
        """The one change allowed, for methods.publishing.retract only."""
        return super().update(**kwargs)


class MethodVersion(models.Model):
    """A published version of an entry: its content, frozen for citation.

    The database refuses any change but retraction (a trigger, migration
    0004); the model and its querysets refuse earlier, with a clear error.
    """

    method = models.ForeignKey(
        Method, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.PUBLISHED
    )
    content = models.JSONField(_("content"))
    change_note = models.TextField(_("change note"), blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    retraction_reason = models.TextField(_("reason for retraction"), blank=True)
    retracted_at = models.DateTimeField(_("retracted at"), null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retracted by"),
    )

    objects = MethodVersionQuerySet.as_manager()

    class Meta:
        ordering = ["method", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        permissions = [
            ("publish_method", _("Can publish entries and retract versions")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "number"], name="version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.PUBLISHED, Status.RETRACTED]),
                name="version_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.PUBLISHED)
                | (~Q(retraction_reason="") & Q(retracted_at__isnull=False)),
                name="version_retraction_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method.slug} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise FrozenVersionError(
                f"{self} is published and cannot be changed; retract it instead."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenVersionError(f"{self} is published and cannot be deleted.")

    @property
    def is_retracted(self) -> bool:
        return self.status == Status.RETRACTED


class Fold(Func):
    """Text as search compares it: lower case, unaccented, punctuation as
    spaces, and each Chinese or Japanese character and each Hangul syllable
    a word of its own (Hangul since migration 0011).

    `scholargate_fold` is an IMMUTABLE SQL function (migration 0005), so
    indexes can use it, and stored text and queries fold the same way.
    Folded text can be longer than the text (æ becomes ae), or empty where
    Python sees a letter or digit (①).
    """

    function = "scholargate_fold"
    output_field = models.TextField()


class CatalogueEntry(models.Model):
    """An entry's latest published version, flattened for listing and search.

    Rebuilt from published content only (`methods.search.refresh_index`), so
    what it finds is what readers may see; pages still render cards.
    """

    method = models.OneToOneField(
        Method, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    slug = models.SlugField(max_length=100, unique=True)
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200, help_text="English when untranslated.")
    origin_year = models.PositiveSmallIntegerField(null=True)
    field = models.SlugField(max_length=80, blank=True)
    family = models.SlugField(max_length=80, blank=True)
    summary = models.TextField(blank=True, help_text="Every language, one per line.")
    # Filled with SearchVector(Fold("summary"), config="english").
    document = SearchVectorField(null=True)
    # Filled with Fold("name_en"), Fold("name_zh"): what ties between equally
    # good matches go by, read where folding hundreds of names per search
    # would cost milliseconds.
    folded_name_en = models.TextField(default="")
    folded_name_zh = models.TextField(default="")

    class Meta:
        indexes = [
            GinIndex(fields=["document"], name="entry_summary_words"),
            # The name itself ends each sort index, so a page far into the
            # list is read from the index alone (an index-only scan).
            models.Index(
                Fold("name_en"), F("slug"), F("name_en"), name="entry_name_en"
            ),
            models.Index(
                Fold("name_zh"), F("slug"), F("name_zh"), name="entry_name_zh"
            ),
            models.Index(
                F("origin_year"),
                Fold("name_en"),
                F("slug"),
                F("name_en"),
                name="entry_year_en",
            ),
            models.Index(
                F("origin_year"),
                Fold("name_zh"),
                F("slug"),
                F("name_zh"),
                name="entry_year_zh",
            ),
            models.Index(fields=["-published_at", "slug"], name="entry_published"),
            models.Index(fields=["field"], name="entry_field"),
            models.Index(fields=["family"], name="entry_family"),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


class SearchTerm(models.Model):
    """A name or alias of a published entry, in any language."""

    class Kind(models.TextChoices):
        NAME = "name"
        ALIAS = "alias"

    entry = models.ForeignKey(
        CatalogueEntry, on_delete=models.CASCADE, related_name="terms"
    )
    kind = models.CharField(max_length=8, choices=Kind)
    language = models.CharField(max_length=16)
    text = models.CharField(max_length=200)
    # Filled with Fold("text"): search compares folded text only.
    folded = models.TextField(default="")

    class Meta:
        indexes = [
            GinIndex(OpClass("folded", "gin_trgm_ops"), name="term_trigrams"),
            # Byte order, so the terms starting with a text are one range.
            models.Index(Collate("folded", "C"), name="term_prefix"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"


class SearchWord(models.Model):
    """A word of some name or alias: the vocabulary typos are corrected against.

    Thousands of words stand behind hundreds of thousands of terms, so
    finding the word closest to a misspelt one is cheap where comparing the
    misspelling with every term is not (`methods.search`).
    """

    # Folded, like SearchTerm.folded; only words long enough to misspell.
    # Text of any length: folding makes words longer (æ becomes ae).
    word = models.TextField(primary_key=True)

    class Meta:
        indexes = [GinIndex(OpClass("word", "gin_trgm_ops"), name="word_trigrams")]

    def __str__(self) -> str:
        return self.word


class CatalogueGeneration(models.Model):
    """How many times what readers see has changed: one row, kept by triggers.

    Migration 0008 bumps `number` after every statement that touches
    published versions, fields or families, so a page can ask "has anything
    changed since?" with one read of one row (`methods.freshness`). Since
    migration 0013 a bump is at least the time in microseconds, so a number
    is never handed out twice, even after a flush or a restore.
    """

    id = models.PositiveSmallIntegerField(primary_key=True)
    number = models.BigIntegerField()

    def __str__(self) -> str:
        return f"generation {self.number}"
