"""An entry's content as one plain dict: what a version freezes.

The same shape is written by publishing, read by the reader-facing cards,
loaded from `fixtures/` and exchanged by the import and export commands,
so there is one description of what an entry holds.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from methods.doi import normalize_doi
from methods.models import (
    Alias,
    Method,
    MethodFamily,
    Reference,
    ResearchField,
    Source,
)
from methods.years import earliest_year

LANGUAGES = ("en", "zh")
TRANSLATED = {
    "name": "name",
    "type": "method_type",
    "summary": "summary",
    "origin_year_text": "origin_year_text",
}
REFERENCE_KEYS = (
    "authors",
    "year",
    "title",
    "venue",
    "volume",
    "issue",
    "pages",
    "doi",
    "url",
)
SOURCE_KEYS = ("title", "url", "accessed")

Content = dict[str, Any]


def method_content(method: Method) -> Content:
    """The content of a working copy, ready to be frozen into a version."""
    raw: Content = {"slug": method.slug}
    for key, attribute in TRANSLATED.items():
        raw[key] = {lang: getattr(method, f"{attribute}_{lang}") for lang in LANGUAGES}
    raw.update(
        proposers=method.proposers,
        field=method.field.slug if method.field_id else None,
        family=method.family.slug if method.family_id else None,
        aliases=[
            {"name": alias.name, "language": alias.language}
            for alias in method.aliases.all()
        ],
        references=[
            {key: getattr(reference, key) for key in REFERENCE_KEYS}
            for reference in method.references.all()
        ],
        related=[other.slug for other in method.related.all()],
        attribution={"text": method.attribution, "licence": method.licence},
        sources=[
            {
                "title": source.title,
                "url": source.url,
                "accessed": source.accessed_on.isoformat(),
            }
            for source in method.sources.all()
        ],
    )
    return normalize_content(raw)


def normalize_content(raw: Content) -> Content:
    """One canonical form, so that equal content compares equal."""
    content: Content = {"slug": raw["slug"]}
    for key in TRANSLATED:
        texts = raw.get(key) or {}
        content[key] = {
            lang: texts[lang].strip()
            for lang in LANGUAGES
            if (texts.get(lang) or "").strip()
        }
    content["origin_year"] = earliest_year(content["origin_year_text"].get("en", ""))
    content["proposers"] = (raw.get("proposers") or "").strip()
    content["field"] = raw.get("field") or None
    content["family"] = raw.get("family") or None
    content["aliases"] = [
        {"name": alias["name"].strip(), "language": alias["language"].strip()}
        for alias in raw.get("aliases") or []
    ]
    content["references"] = [
        {
            **{key: _text(reference.get(key)) for key in REFERENCE_KEYS},
            "year": reference.get("year") or None,
            "doi": normalize_doi(reference.get("doi") or ""),
        }
        for reference in raw.get("references") or []
    ]
    content["related"] = sorted(set(raw.get("related") or []))
    attribution = raw.get("attribution") or {}
    content["attribution"] = {
        "text": _text(attribution.get("text")),
        "licence": _text(attribution.get("licence")),
    }
    content["sources"] = [
        {key: _text(source.get(key)) for key in SOURCE_KEYS}
        for source in raw.get("sources") or []
    ]
    return content


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def apply_content(method: Method, content: Content) -> Method:
    """Write content into a working copy, all but its related links.

    Raises ValidationError, naming the entry, for anything the models refuse;
    callers run inside a transaction so nothing half-written stays.
    """
    slug = content.get("slug", "?")
    try:
        with transaction.atomic():
            _apply(method, normalize_content(content))
    except ValidationError as error:
        raise ValidationError(f"{slug}: {_flatten(error)}") from None
    return method


def _apply(method: Method, content: Content) -> None:
    method.slug = content["slug"]
    for key, attribute in TRANSLATED.items():
        texts = content.get(key) or {}
        for lang in LANGUAGES:
            setattr(method, f"{attribute}_{lang}", texts.get(lang, ""))
    method.proposers = content.get("proposers") or ""
    method.attribution = content["attribution"]["text"]
    method.licence = content["attribution"]["licence"]
    method.field = _taxon(ResearchField, content.get("field"))
    method.family = _taxon(MethodFamily, content.get("family"))
    method.full_clean(exclude=["status"])
    method.save()

    method.aliases.all().delete()
    method.references.all().delete()
    method.sources.all().delete()
    for position, alias in enumerate(content.get("aliases") or []):
        _save_child(Alias(method=method, position=position, **alias))
    for position, reference in enumerate(content.get("references") or []):
        _save_child(Reference(method=method, position=position, **reference))
    for position, source in enumerate(content.get("sources") or []):
        _save_child(
            Source(
                method=method,
                position=position,
                title=source["title"],
                url=source.get("url") or "",
                accessed_on=datetime.date.fromisoformat(source["accessed"]),
            )
        )


def _save_child(instance: Alias | Reference | Source) -> None:
    instance.full_clean(exclude=["method"])
    instance.save()


def _taxon(model: type[ResearchField | MethodFamily], slug: str | None):
    if not slug:
        return None
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist:
        raise ValidationError(f"unknown {model._meta.verbose_name} “{slug}”") from None


def _flatten(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
