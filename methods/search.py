"""Finding entries by name, alias or summary, in any language and script.

Search reads its own index (`CatalogueEntry`, `SearchTerm`), which is rebuilt
from an entry's latest published version each time it is published, and
answers with slugs; pages render those as cards (`methods.cards`).

A name or alias that matches places its entry in a tier: the whole term
(exact), its start (prefix), any part of it (substring), or close to it
(a small typo, through trigram similarity). Words of the summary alone rank
below every tier. Within a tier, closer terms and better summaries go first.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db.models import (
    Case,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from methods.models import CatalogueEntry, Fold, MethodVersion, SearchTerm, Status

MAX_QUERY_LENGTH = 200
SUGGESTIONS = 8
CLOSEST = 3

EXACT, PREFIX, SUBSTRING, FUZZY = 4.0, 3.0, 2.0, 1.0
# Similarity and summary rank each stay below 1, so tiers never mix.
TIER_WIDTH = 4.0
# Closest names, offered when nothing matched: looser than a match.
CLOSEST_SIMILARITY = 0.1

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Results:
    slugs: list[str]
    total: int


def clean_query(raw: str) -> str:
    """The query as search uses it: printable, single-spaced, not too long.

    A query without a letter or digit in it searches for nothing.
    """
    text = "".join(char if char.isprintable() else " " for char in raw)
    text = " ".join(text.split())[:MAX_QUERY_LENGTH].strip()
    return text if any(char.isalnum() for char in text) else ""


def name_order(language: str) -> list:
    """Alphabetical by the name readers see, ignoring case and accents."""
    column = "name_zh" if language == "zh" else "name_en"
    return [Fold(column).asc(), "slug"]


def matching(query: str) -> QuerySet[CatalogueEntry]:
    """Entries matching the query, annotated with `rank` (higher first)."""
    folded = Fold(Value(query))
    words = SearchQuery(
        folded,
        config="english",
        # Each Chinese character is a word of the folded text: keep them in order.
        search_type="phrase" if CJK.search(query) else "plain",
    )
    terms = SearchTerm.objects.filter(_term_matches(query, folded))
    # A union lets each half use its own index: trigrams, summary words.
    hits = terms.values("entry").union(
        CatalogueEntry.objects.filter(document=words).values("pk")
    )
    best_term = (
        terms.filter(entry=OuterRef("pk"))
        .annotate(score=_term_score(folded))
        .order_by("-score")
        .values("score")[:1]
    )
    return CatalogueEntry.objects.filter(pk__in=hits).annotate(
        rank=Coalesce(Subquery(best_term), 0.0)
        + SearchRank(F("document"), words, normalization=32)
    )


def _fuzzy(query: str) -> bool:
    """Typos are forgiven in Latin-script words long enough to have some.

    Trigrams say little about a short query or about Chinese, and a short
    query cannot use the trigram index for similarity at all.
    """
    return not CJK.search(query) and sum(char.isalnum() for char in query) >= 4


def _term_matches(query: str, folded: Fold) -> Q:
    # Each condition is served by the trigram index on SearchTerm.folded.
    matches = Q(folded__contains=folded)
    if _fuzzy(query):
        matches |= Q(folded__trigram_similar=folded)
        matches |= Q(folded__trigram_word_similar=folded)
    return matches


def _term_score(folded: Fold) -> Case:
    """Only called on matching terms: what did not match otherwise was close."""
    tier = Case(
        When(folded=folded, then=Value(EXACT)),
        When(folded__startswith=folded, then=Value(PREFIX)),
        When(folded__contains=folded, then=Value(SUBSTRING)),
        default=Value(FUZZY),
        output_field=FloatField(),
    )
    return tier * TIER_WIDTH + TrigramSimilarity("folded", folded)


def search(query: str, language: str, limit: int = 50, offset: int = 0) -> Results:
    """Ranked slugs of the entries matching the query, and how many match."""
    query = clean_query(query)
    if not query:
        return Results([], 0)
    entries = matching(query).order_by("-rank", *name_order(language))
    slugs = list(entries.values_list("slug", flat=True)[offset : offset + limit])
    return Results(slugs, entries.count())


def suggest(query: str, language: str, exclude: Sequence[str] = ()) -> list[str]:
    """The best few matches, for suggestions as the reader types."""
    query = clean_query(query)
    if not query:
        return []
    entries = (
        matching(query)
        .exclude(slug__in=exclude)
        .order_by("-rank", *name_order(language))
    )
    return list(entries.values_list("slug", flat=True)[:SUGGESTIONS])


def closest_names(query: str, limit: int = CLOSEST) -> list[str]:
    """Entries whose name or alias comes closest, when nothing matched.

    NB: this compares the query with every term (a sequential scan), which
    only happens on a page that found nothing.
    """
    query = clean_query(query)
    if not query:
        return []
    closest = (
        SearchTerm.objects.annotate(
            similarity=TrigramSimilarity("folded", Fold(Value(query)))
        )
        .filter(similarity__gte=CLOSEST_SIMILARITY)
        .order_by("-similarity", "entry__slug")
        .values_list("entry__slug", flat=True)[: limit * 3]
    )
    return list(dict.fromkeys(closest))[:limit]


def refresh_index(method_ids: Iterable[int]) -> None:
    """Rebuild the index rows of these entries from their latest published version.

    An entry without a published version leaves the index.
    """
    ids = list(method_ids)
    versions = (
        MethodVersion.objects.filter(method_id__in=ids, status=Status.PUBLISHED)
        .order_by("method_id", "-number")
        .distinct("method_id")
    )
    entries: list[CatalogueEntry] = []
    terms: list[SearchTerm] = []
    for version in versions:
        entry, entry_terms = index_rows(version)
        entries.append(entry)
        terms.extend(entry_terms)

    CatalogueEntry.objects.filter(pk__in=ids).delete()
    CatalogueEntry.objects.bulk_create(entries)
    SearchTerm.objects.bulk_create(terms)
    # Folded in the database, by the same function that folds queries.
    CatalogueEntry.objects.filter(pk__in=ids).update(
        document=SearchVector(Fold("summary"), config="english")
    )
    SearchTerm.objects.filter(entry__in=ids).update(folded=Fold("text"))


def index_rows(version: MethodVersion) -> tuple[CatalogueEntry, list[SearchTerm]]:
    content = version.content
    names: dict[str, str] = content["name"]
    entry = CatalogueEntry(
        method_id=version.method_id,
        slug=content["slug"],
        version=version.number,
        published_at=version.published_at,
        name_en=names["en"],
        name_zh=names.get("zh") or names["en"],
        origin_year=content["origin_year"],
        field=content["field"] or "",
        family=content["family"] or "",
        summary="\n".join(content["summary"].values()),
    )
    terms = [
        SearchTerm(entry=entry, kind=SearchTerm.Kind.NAME, language=lang, text=name)
        for lang, name in names.items()
    ]
    terms += [
        SearchTerm(
            entry=entry,
            kind=SearchTerm.Kind.ALIAS,
            language=alias["language"],
            text=alias["name"],
        )
        for alias in content["aliases"]
    ]
    return entry, terms
