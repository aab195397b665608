"""The catalogue list: what the query string asks for, and the entries it gets.

Filters, sort and search combine; every value that cannot be used is
dropped with a notice that says so, never an error.
"""

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from methods import freshness
from methods.cards import Card, taxa
from methods.cards import Taxon as CardTaxon
from methods.models import CatalogueEntry
from methods.search import (
    MAX_QUERY_LENGTH,
    SORTS,
    Results,
    clean_query,
    matches,
    name_order,
)

PAGE_SIZE = 25
SUMMARY_LINE = 240


@dataclass(frozen=True)
class Choices:
    """What the filters offer: (slug, name) pairs and decades."""

    fields: list[tuple[str, str]]
    families: list[tuple[str, str]]
    decades: list[int]


@dataclass(frozen=True)
class Listing:
    query: str = ""
    field: str = ""
    family: str = ""
    decade: int | None = None
    sort: str = ""
    notices: list[str] = dataclasses.field(default_factory=list, compare=False)

    @property
    def filtered(self) -> bool:
        return bool(self.field or self.family or self.decade)

    @property
    def effective_sort(self) -> str:
        """Relevance for a search, unless the reader picked another sort."""
        if self.sort:
            return self.sort
        return "relevance" if self.query else "name"


def filter_choices(language: str) -> Choices:
    """Fields and families by name, and the decades entries come from.

    Kept for the catalogue generation, which every change to what readers
    see bumps (`methods.freshness.kept`). A process reads the generation at
    most once in `freshness.GENERATION_TTL` (1 s), so a kept value is at
    most that much behind a change made elsewhere.
    """

    def choices() -> Choices:
        fields, families = taxa(language)
        return Choices(
            fields=_by_name(fields),
            families=_by_name(families),
            decades=_decades(),
        )

    return freshness.kept(("choices", language), choices)


def _by_name(named: dict[str, CardTaxon]) -> list[tuple[str, str]]:
    return sorted(
        ((slug, taxon.name.text) for slug, taxon in named.items()),
        key=lambda pair: (pair[1], pair[0]),
    )


# Decade by decade down the origin year index: one probe per decade, where
# DISTINCT would read every entry.
_DECADES_SQL = """
WITH RECURSIVE decades(decade) AS (
    SELECT min(origin_year) / 10 * 10 FROM methods_catalogueentry
    UNION ALL
    SELECT (
        SELECT e.origin_year / 10 * 10 FROM methods_catalogueentry e
        WHERE e.origin_year >= decades.decade + 10
        ORDER BY e.origin_year LIMIT 1
    ) FROM decades WHERE decades.decade IS NOT NULL
)
SELECT decade FROM decades WHERE decade IS NOT NULL ORDER BY decade
"""


def _decades() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_DECADES_SQL)
        return [decade for (decade,) in cursor.fetchall()]


def read_listing(params: QueryDict, choices: Choices) -> Listing:
    notices: list[str] = []
    raw_query = params.get("q", "")
    query = clean_query(raw_query)
    if raw_query.strip() and not query:
        notices.append(_("A search needs a letter or a digit: showing every method."))
    if len(" ".join(raw_query.split())) > MAX_QUERY_LENGTH:
        notices.append(
            _("Only the first %(count)d characters of the search were used.")
            % {"count": MAX_QUERY_LENGTH}
        )

    field_slug = params.get("field", "")
    if field_slug and field_slug not in dict(choices.fields):
        notices.append(
            _("There is no field “%(value)s”: showing every field.")
            % {"value": _shorten(field_slug)}
        )
        field_slug = ""

    family = params.get("family", "")
    if family and family not in dict(choices.families):
        notices.append(
            _("There is no method family “%(value)s”: showing every family.")
            % {"value": _shorten(family)}
        )
        family = ""

    decade = _decade(params.get("decade", ""))
    if params.get("decade") and decade is None:
        notices.append(
            _("“%(value)s” is not a decade such as 1990: showing every year.")
            % {"value": _shorten(params["decade"])}
        )

    sort = params.get("sort", "")
    if sort and (sort not in SORTS or (sort == "relevance" and not query)):
        notices.append(
            _("“%(value)s” is not a way to sort: sorted by the usual order.")
            % {"value": _shorten(sort)}
        )
        sort = ""

    return Listing(query, field_slug, family, decade, sort, notices)


def _decade(raw: str) -> int | None:
    value = raw.strip().removesuffix("s")
    if not value.isascii() or not value.isdigit() or len(value) != 4:
        return None
    year = int(value)
    return year if year % 10 == 0 and year >= 1000 else None


def _shorten(value: str) -> str:
    return Truncator(value).chars(40)


def found(listing: Listing, language: str, page: int) -> tuple[Results, int]:
    """One page of a search's matches, filtered and sorted, and its number.

    A page past the end gives the last page, as Paginator.get_page does: one
    statement more, the first having counted the matches.
    """
    years = (listing.decade, listing.decade + 9) if listing.decade is not None else None

    def page_of(number: int) -> Results:
        return matches(
            listing.query,
            language,
            field=listing.field,
            family=listing.family,
            years=years,
            sort=listing.effective_sort,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )

    results = page_of(page)
    last = max(1, -(-results.total // PAGE_SIZE))
    if page > last and results.total:
        results = page_of(last)
    return results, min(page, last)


def ordered(listing: Listing, language: str) -> list[str]:
    """Every entry's slug in the list's order, kept per catalogue generation.

    For the unfiltered list only: a page far down it would otherwise make
    PostgreSQL step over every entry before it (10 ms at 50,000), where a
    slice of this list costs nothing. About 3 MB for each order a reader
    asks for, read in one index-only scan: by name and by year once for
    each language, whose names decide them, by last published once.
    """
    sort = listing.effective_sort
    names_in = "" if sort == "published" else language
    return freshness.kept(
        ("ordered", sort, names_in),
        lambda: list(entries(listing, language).values_list("slug", flat=True)),
    )


def count(listing: Listing) -> int:
    """How many entries the filters let through, counted once per generation."""
    return freshness.kept(
        ("count", listing.field, listing.family, listing.decade),
        lambda: entries(listing, "en").count(),
    )


def entries(listing: Listing, language: str) -> QuerySet[CatalogueEntry]:
    """The entries shown without a search, filtered and sorted; not yet evaluated."""
    rows = CatalogueEntry.objects.all()
    if listing.field:
        rows = rows.filter(field=listing.field)
    if listing.family:
        rows = rows.filter(family=listing.family)
    if listing.decade is not None:
        rows = rows.filter(
            origin_year__gte=listing.decade, origin_year__lte=listing.decade + 9
        )

    names = name_order(language)
    sort = listing.effective_sort
    if sort == "year":
        return rows.order_by(F("origin_year").asc(nulls_last=True), *names)
    if sort == "published":
        return rows.order_by("-published_at", "slug")
    return rows.order_by(*names)


def rows(cards: list[Card], ticked: Collection[str]) -> list[dict[str, Any]]:
    """What each line of the list shows, as plain values.

    Dicts, because the template engine tries a key before an attribute: for
    an object every lookup first fails as a key, and on a page of many
    lines those failures cost more than everything else the lines need.
    """
    return [_row(card, card.slug in ticked) for card in cards]


def _row(card: Card, in_tray: bool) -> dict[str, Any]:
    summary = card.summary
    return {
        "slug": card.slug,
        "href": reverse("methods:detail", args=[card.slug]),
        "name": card.name.text,
        "name_fallback": card.name.fallback,
        "field": _taxon(card.field),
        "family": _taxon(card.family),
        "year": card.origin_year_text.text if card.origin_year_text else "",
        "year_fallback": bool(card.origin_year_text and card.origin_year_text.fallback),
        "summary": Truncator(summary.text).chars(SUMMARY_LINE) if summary else "",
        "summary_fallback": bool(summary and summary.fallback),
        "in_tray": in_tray,
    }


def _taxon(taxon: CardTaxon | None) -> dict[str, Any] | None:
    if taxon is None:
        return None
    return {
        "slug": taxon.slug,
        "name": taxon.name.text,
        "fallback": taxon.name.fallback,
    }
