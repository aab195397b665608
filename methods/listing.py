"""The catalogue list: what the query string asks for, and the entries it gets.

Filters, sort and search combine; every value that cannot be used is
dropped with a notice that says so, never an error.
"""

import dataclasses
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from methods.models import CatalogueEntry, MethodFamily, ResearchField
from methods.search import (
    MAX_QUERY_LENGTH,
    clean_query,
    matches,
    name_order,
    sorted_hits,
)

PAGE_SIZE = 50
SORTS = ("relevance", "name", "year", "published")


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


def filter_choices() -> Choices:
    """Three queries: fields, families and the decades entries come from."""
    return Choices(
        fields=[(t.slug, t.name) for t in ResearchField.objects.all()],
        families=[(t.slug, t.name) for t in MethodFamily.objects.all()],
        decades=_decades(),
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


def found(listing: Listing, language: str) -> tuple[list[str], bool]:
    """A search's slugs, filtered and sorted, and whether more match.

    A search ranks a bounded set of candidates (`methods.search.matches`),
    so its results are a list, not a query.
    """
    years = (listing.decade, listing.decade + 9) if listing.decade is not None else None
    hits, capped = matches(
        listing.query,
        language,
        field=listing.field,
        family=listing.family,
        years=years,
    )
    return [hit.slug for hit in sorted_hits(hits, listing.effective_sort)], capped


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
