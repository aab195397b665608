"""Entries as readers see them: cards built from published versions.

Every reader-facing page consumes cards, so a page never shows a draft and
a pinned version looks the same as the latest one. Cards for any number of
entries cost one query for their versions; field and family names are kept
per catalogue generation (two queries when it changes).
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, NamedTuple

from django.db import connection
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from methods import freshness
from methods.models import MethodFamily, ResearchField, Status

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class LocalText:
    """A text in the language it is actually stored in."""

    text: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Taxon:
    slug: str
    name: LocalText


@dataclass(frozen=True)
class Alias:
    name: str
    language: str


@dataclass(frozen=True)
class Citation:
    authors: str
    year: int | None
    title: str
    venue: str
    volume: str
    issue: str
    pages: str
    doi: str
    url: str

    @property
    def text(self) -> str:
        """The citation in the catalogue's style (close to APA)."""
        title = self.title.rstrip()
        if title and title[-1] not in ".?!":
            title += "."
        parts = [f"{self.authors} ({self.year if self.year else 'n.d.'}).", title]
        where = self.venue
        if self.volume:
            where += f", {self.volume}"
            if self.issue:
                where += f"({self.issue})"
        if self.pages:
            where += f", {self.pages}"
        if where:
            parts.append(where + ".")
        return " ".join(parts)

    @property
    def href(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def is_doi(self) -> bool:
        return bool(self.doi)


@dataclass(frozen=True)
class SourceRecord:
    title: str
    url: str
    accessed: str


@dataclass(frozen=True)
class Card:
    slug: str
    version: int
    status: str
    published_at: datetime
    language: str
    name: LocalText
    english_name: str
    # The canonical English texts, for comparisons that must not depend on
    # the page's language.
    english: dict[str, str]
    method_type: LocalText | None
    summary: LocalText | None
    origin_year_text: LocalText | None
    origin_year: int | None
    proposers: str
    field: Taxon | None
    family: Taxon | None
    aliases: tuple[Alias, ...]
    references: tuple[Citation, ...]
    related: tuple[str, ...]
    sources: tuple[SourceRecord, ...]
    attribution: str = ""
    licence: str = ""
    pinned: bool = False
    retraction_reason: str = ""
    retracted_at: datetime | None = None

    @property
    def is_retracted(self) -> bool:
        return self.status == Status.RETRACTED

    @property
    def is_preview(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def status_code(self) -> str:
        return self.status.upper()

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def localize(texts: dict[str, str], language: str) -> LocalText | None:
    """Pick the page's language, falling back to English."""
    if texts.get(language):
        return LocalText(texts[language], language)
    if texts.get(DEFAULT_LANGUAGE):
        return LocalText(
            texts[DEFAULT_LANGUAGE], DEFAULT_LANGUAGE, fallback=language != "en"
        )
    return None


VersionKey = tuple[str, int | None]
MAX_VERSION_NUMBER = 2**31 - 1


def latest_cards(slugs: Iterable[str], language: str) -> dict[str, Card]:
    """The latest published version of each entry, keyed by slug."""
    cards = cards_for([(slug, None) for slug in slugs], language)
    return {slug: card for (slug, _number), card in cards.items()}


# One statement whatever the keys: its text never changes, so the ORM does
# not build and compile it again for every page (a millisecond for 25 cards).
_VERSIONS_SQL = """
SELECT m.slug, v.number, v.status, v.published_at, v.content,
       v.retraction_reason, v.retracted_at
FROM methods_method m
JOIN methods_methodversion v ON v.method_id = m.id
WHERE m.slug = ANY(%(latest)s)
  AND v.number = (
      SELECT u.number FROM methods_methodversion u
      WHERE u.method_id = m.id AND u.status = %(published)s
      ORDER BY u.number DESC
      LIMIT 1
  )
UNION ALL
SELECT m.slug, v.number, v.status, v.published_at, v.content,
       v.retraction_reason, v.retracted_at
FROM unnest(%(pinned_slugs)s::text[], %(pinned_numbers)s::integer[])
     AS pin(slug, number)
JOIN methods_method m ON m.slug = pin.slug
JOIN methods_methodversion v ON v.method_id = m.id AND v.number = pin.number
"""


def cards_for(keys: Iterable[VersionKey], language: str) -> dict[VersionKey, Card]:
    """Cards for (slug, version) pairs; a None version means the latest published.

    One query for the versions whatever the mix of pinned and latest, so a
    page costs the same with or without pins.
    """
    keys = list(keys)
    latest = {slug for slug, number in keys if number is None}
    # A number no version can have (past PostgreSQL's integer) finds nothing.
    pinned = {
        (slug, number)
        for slug, number in keys
        if number is not None and 0 < number <= MAX_VERSION_NUMBER
    }
    if not keys:
        return {}

    with connection.cursor() as cursor:
        cursor.execute(
            _VERSIONS_SQL,
            {
                "latest": sorted(latest),
                "pinned_slugs": [slug for slug, _number in pinned],
                "pinned_numbers": [number for _slug, number in pinned],
                "published": Status.PUBLISHED,
            },
        )
        versions = [
            _StoredVersion(
                slug, number, status, published_at, json.loads(content), *rest
            )
            for slug, number, status, published_at, content, *rest in cursor
        ]

    cards = _cards(versions, language)
    found: dict[VersionKey, Card] = {}
    for key, card in cards.items():
        if key in pinned:
            found[key] = replace(card, pinned=True)
    # The latest of an entry is its highest published version among those
    # read (a pin may have brought lower or retracted ones along).
    for (slug, _number), card in sorted(cards.items(), key=lambda item: item[0][1]):
        if slug in latest and card.status == Status.PUBLISHED:
            found[(slug, None)] = card
    return found


def card_from_content(content: dict[str, Any], language: str, *, version: int) -> Card:
    """A card for content that is not a stored version: a draft preview."""
    draft = _StoredVersion(
        content["slug"], version, Status.DRAFT, None, content, "", None
    )
    return next(iter(_cards([draft], language).values()))


class _StoredVersion(NamedTuple):
    """What a card needs of a version: read as plain values, not model
    instances, which would cost more than the card itself."""

    slug: str
    number: int
    status: str
    published_at: datetime | None
    content: dict[str, Any]
    retraction_reason: str
    retracted_at: datetime | None


def _cards(versions: Iterable[_StoredVersion], language: str) -> dict[VersionKey, Card]:
    fields, families = taxa(language)
    return {
        (version.slug, version.number): _card(version, fields, families, language)
        for version in versions
    }


def taxa(language: str) -> tuple[dict[str, Taxon], dict[str, Taxon]]:
    """Every field and every family by slug, named in this language.

    Field and family names change rarely and every card names them: two
    queries, once per catalogue generation (which any change to them bumps)
    and language.
    """
    return freshness.kept(
        ("taxa", language),
        lambda: (_taxa(ResearchField, language), _taxa(MethodFamily, language)),
    )


def _taxa(model: type[ResearchField | MethodFamily], language: str) -> dict[str, Taxon]:
    return {
        slug: Taxon(slug, localize({"en": name_en, "zh": name_zh or ""}, language))
        for slug, name_en, name_zh in model.objects.order_by().values_list(
            "slug", "name_en", "name_zh"
        )
    }


def _card(
    version: _StoredVersion,
    fields: dict[str, Taxon],
    families: dict[str, Taxon],
    language: str,
) -> Card:
    content: dict[str, Any] = version.content
    return Card(
        slug=version.slug,
        version=version.number,
        status=version.status,
        published_at=version.published_at,
        language=language,
        name=localize(content["name"], language),
        english_name=content["name"]["en"],
        english={
            key: content[key].get("en", "")
            for key in ("name", "type", "summary", "origin_year_text")
        },
        method_type=localize(content["type"], language),
        summary=localize(content["summary"], language),
        origin_year_text=localize(content["origin_year_text"], language),
        origin_year=content["origin_year"],
        proposers=content["proposers"],
        field=fields.get(content["field"]),
        family=families.get(content["family"]),
        aliases=tuple(Alias(**alias) for alias in content["aliases"]),
        references=tuple(Citation(**ref) for ref in content["references"]),
        related=tuple(content["related"]),
        sources=tuple(SourceRecord(**source) for source in content["sources"]),
        attribution=content.get("attribution", {}).get("text", ""),
        licence=content.get("attribution", {}).get("licence", ""),
        retraction_reason=version.retraction_reason,
        retracted_at=version.retracted_at,
    )


def alias_groups(card: Card) -> list[tuple[str, str, list[str]]]:
    """Aliases grouped by language, in order of first appearance.

    Each group is (code, the language's own name, names); a language Django
    does not know is shown by its code.
    """
    groups: dict[str, list[str]] = {}
    for alias in card.aliases:
        groups.setdefault(alias.language, []).append(alias.name)
    return [(code, _language_name(code), names) for code, names in groups.items()]


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def citation_line(card: Card, url: str, retrieved: date | None) -> str:
    """How to cite the entry itself, at the version shown.

    A pinned version never changes: its citation needs no retrieval date.
    """
    if retrieved is None:
        return _("ScholarGate: %(name)s (v%(version)d). %(url)s") % {
            "name": card.name.text,
            "version": card.version,
            "url": url,
        }
    return _(
        "ScholarGate: %(name)s (v%(version)d). Retrieved %(date)s from %(url)s"
    ) % {
        "name": card.name.text,
        "version": card.version,
        "date": retrieved.isoformat(),
        "url": url,
    }
