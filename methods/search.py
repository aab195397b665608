"""Finding entries by name, alias or summary, in any language and script.

Search reads its own index (`CatalogueEntry`, `SearchTerm`), which is rebuilt
from an entry's latest published version each time it is published, and
answers with slugs; pages render those as cards (`methods.cards`).

A name or alias that matches places its entry in a tier: the whole term
(exact), its start (prefix), any part of it (substring), or close to it
(a small typo, through trigram similarity). Words of the summary alone rank
below every tier. Within a tier, closer terms and better summaries go first.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection

from methods.models import CatalogueEntry, Fold, MethodVersion, SearchTerm, Status

MAX_QUERY_LENGTH = 200
SUGGESTIONS = 8
CLOSEST = 3
# Entries ranked at most per kind of match (names, summaries…); past that a
# search says "1,000+" rather than rank every match of a very broad query.
CANDIDATES = 1000
# Close names (typos) are looked for when direct matches are fewer than this.
FEW = 20

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
    # More entries match than were ranked: the total is a lower bound.
    capped: bool = False


@dataclass(frozen=True)
class Hit:
    slug: str
    rank: float
    sort_name: str
    origin_year: int | None
    published_at: datetime.datetime


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


# One statement finds and ranks the candidates. Each kind of match reads its
# own index and stops after CANDIDATES rows, so a query that matches half the
# catalogue costs no more than one that matches a thousand entries:
# - names and aliases starting with the query (exact ones included), in
#   order, from the C-collated b-tree `term_prefix`;
# - names and aliases containing it, from the trigram index `term_trigrams`;
# - close names (a typo), from the same index, only when the two above found
#   fewer than FEW entries: similarity is costly to check on many rows;
# - summary words, from `entry_summary_words`.
# Only those candidates are ranked.
# Every condition compares with the folded query as a constant
# (scholargate_fold is IMMUTABLE), which the b-tree range needs.
# NB: `folded` never holds % or _ (folding turns punctuation into spaces), so
# the query needs no LIKE escaping.
_MATCHES_SQL = """
WITH query AS MATERIALIZED (
    SELECT scholargate_fold(%(query)s) AS folded,
           {tsquery}('english', scholargate_fold(%(query)s)) AS words
),
prefix AS MATERIALIZED (
    SELECT t.entry_id, t.folded FROM methods_searchterm t
    JOIN methods_catalogueentry e ON e.method_id = t.entry_id
    WHERE t.folded COLLATE "C" >= {folded}
      AND t.folded COLLATE "C" < {folded} || chr(1114111)
      {filters}
    ORDER BY t.folded COLLATE "C"
    LIMIT %(candidates)s
),
inside AS MATERIALIZED (
    SELECT t.entry_id, t.folded FROM methods_searchterm t
    JOIN methods_catalogueentry e ON e.method_id = t.entry_id
    WHERE t.folded LIKE '%%' || {folded} || '%%' {filters}
    LIMIT %(candidates)s
),
close AS MATERIALIZED (
    SELECT t.entry_id, t.folded FROM methods_searchterm t
    JOIN methods_catalogueentry e ON e.method_id = t.entry_id
    WHERE %(fuzzy)s
      AND (SELECT count(DISTINCT entry_id) FROM (
             SELECT entry_id FROM prefix UNION ALL SELECT entry_id FROM inside
           ) direct) < %(few)s
      AND (t.folded %% {folded} OR t.folded %%> {folded}) {filters}
    LIMIT %(candidates)s
),
summary AS MATERIALIZED (
    SELECT e.method_id AS entry_id FROM methods_catalogueentry e
    WHERE e.document @@ {tsquery}('english', {folded}) {filters}
    LIMIT %(candidates)s
),
scored AS (
    SELECT terms.entry_id, max(
        CASE WHEN terms.folded = query.folded THEN {exact}
             WHEN starts_with(terms.folded, query.folded) THEN {prefix}
             WHEN strpos(terms.folded, query.folded) > 0 THEN {substring}
             ELSE {fuzzy} END * {width}
        + similarity(terms.folded, query.folded)
    ) AS score
    FROM (
        SELECT * FROM prefix UNION ALL SELECT * FROM inside
        UNION ALL SELECT * FROM close
    ) terms, query
    GROUP BY terms.entry_id
),
hits AS (SELECT entry_id FROM scored UNION SELECT entry_id FROM summary)
SELECT e.slug,
       coalesce(scored.score, 0) + ts_rank(e.document, query.words, 32) AS rank,
       scholargate_fold(e.{name_column}) AS sort_name,
       e.origin_year,
       e.published_at,
       (SELECT count(*) FROM prefix) >= %(candidates)s
         OR (SELECT count(*) FROM inside) >= %(candidates)s
         OR (SELECT count(*) FROM close) >= %(candidates)s
         OR (SELECT count(*) FROM summary) >= %(candidates)s AS capped
FROM hits
JOIN methods_catalogueentry e ON e.method_id = hits.entry_id
LEFT JOIN scored ON scored.entry_id = hits.entry_id, query
{exclude}
"""


def matches(
    query: str,
    language: str,
    *,
    field: str = "",
    family: str = "",
    years: tuple[int, int] | None = None,
    exclude: Sequence[str] = (),
) -> tuple[list[Hit], bool]:
    """Entries matching the query, best first, and whether more were left out.

    The query must be clean (`clean_query`). At most a few thousand
    candidates are ranked (CANDIDATES per kind of match); a query that
    matches more says so with `capped`.
    """
    filters, params = [], {}
    if field:
        filters.append("AND e.field = %(field)s")
        params["field"] = field
    if family:
        filters.append("AND e.family = %(family)s")
        params["family"] = family
    if years:
        filters.append("AND e.origin_year BETWEEN %(first_year)s AND %(last_year)s")
        params["first_year"], params["last_year"] = years
    sql = _MATCHES_SQL.format(
        tsquery="phraseto_tsquery" if CJK.search(query) else "plainto_tsquery",
        # Folding a constant is done once, when the statement is planned, so
        # each index sees a constant.
        folded="scholargate_fold(%(query)s)",
        filters=" ".join(filters),
        name_column="name_zh" if language == "zh" else "name_en",
        exclude="WHERE e.slug <> ALL(%(exclude)s)" if exclude else "",
        exact=EXACT,
        prefix=PREFIX,
        substring=SUBSTRING,
        fuzzy=FUZZY,
        width=TIER_WIDTH,
    )
    params.update(
        query=query,
        candidates=CANDIDATES,
        few=FEW,
        fuzzy=_fuzzy(query),
        exclude=list(exclude),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hits = [Hit(*row[:5]) for row in rows]
    hits.sort(key=lambda hit: (-hit.rank, hit.sort_name, hit.slug))
    return hits, any(row[5] for row in rows)


def sorted_hits(hits: list[Hit], sort: str) -> list[Hit]:
    """Matches in another order than relevance: by year, published or name."""
    if sort == "year":
        return sorted(
            hits,
            key=lambda hit: (
                hit.origin_year is None,
                hit.origin_year or 0,
                hit.sort_name,
                hit.slug,
            ),
        )
    if sort == "published":
        return sorted(hits, key=lambda hit: (-hit.published_at.timestamp(), hit.slug))
    if sort == "name":
        return sorted(hits, key=lambda hit: (hit.sort_name, hit.slug))
    return hits


def _fuzzy(query: str) -> bool:
    """Typos are forgiven in Latin-script words long enough to have some.

    Trigrams say little about a short query or about Chinese, and a short
    query cannot use the trigram index for similarity at all.
    """
    return not CJK.search(query) and sum(char.isalnum() for char in query) >= 4


def search(query: str, language: str, limit: int = 50, offset: int = 0) -> Results:
    """Ranked slugs of the entries matching the query, and how many match."""
    query = clean_query(query)
    if not query:
        return Results([], 0)
    hits, capped = matches(query, language)
    slugs = [hit.slug for hit in hits[offset : offset + limit]]
    return Results(slugs, len(hits), capped)


def suggest(query: str, language: str, exclude: Sequence[str] = ()) -> list[str]:
    """The best few matches, for suggestions as the reader types."""
    query = clean_query(query)
    if not query:
        return []
    hits, _capped = matches(query, language, exclude=exclude)
    return [hit.slug for hit in hits[:SUGGESTIONS]]


def closest_names(query: str, limit: int = CLOSEST) -> list[str]:
    """Entries whose name or alias comes closest, when nothing matched.

    Looser than a match (CLOSEST_SIMILARITY): the trigram index answers
    with that threshold, set for this call only. Three queries.
    """
    query = clean_query(query)
    if not query:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('pg_trgm.similarity_threshold'), "
            "set_config('pg_trgm.similarity_threshold', %s, false)",
            [str(CLOSEST_SIMILARITY)],
        )
        usual = cursor.fetchone()[0]
        try:
            cursor.execute(
                """
                SELECT e.slug FROM methods_searchterm t
                JOIN methods_catalogueentry e ON e.method_id = t.entry_id,
                     (SELECT scholargate_fold(%s) AS folded) query
                WHERE t.folded %% query.folded
                ORDER BY similarity(t.folded, query.folded) DESC, e.slug
                LIMIT %s
                """,
                [query, limit * 3],
            )
            closest = [slug for (slug,) in cursor.fetchall()]
        finally:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                [usual],
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
