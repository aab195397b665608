"""Finding entries by name, alias or summary, in any language and script.

Search reads its own index (`CatalogueEntry`, `SearchTerm`), which is rebuilt
from an entry's latest published version each time it is published, and
answers with slugs; pages render those as cards (`methods.cards`).

A name or alias that matches places its entry in a tier: the whole term
(exact), its start (prefix), any part of it (substring), or its words
spelt a little differently (a small typo, corrected word by word against
the vocabulary of every name). Words of the summary alone rank below every
tier. Within a tier, terms closer in length to the query go first.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import QuerySet

from methods.models import (
    CatalogueEntry,
    Fold,
    MethodVersion,
    SearchTerm,
    SearchWord,
    Status,
)

MAX_QUERY_LENGTH = 200
SUGGESTIONS = 8
CLOSEST = 3
# Entries ranked at most per kind of match (names, summaries…); past that a
# search says "more than 200" rather than rank every match of a very broad query.
CANDIDATES = 200
# Close names (typos) are looked for when direct matches are fewer than this.
FEW = 20
# Words shorter than this are taken as typed: too short to tell a typo.
SHORTEST_WORD = 4

EXACT, PREFIX, SUBSTRING, FUZZY = 4.0, 3.0, 2.0, 1.0
# Closeness and summary rank each stay at or below 1, so tiers never mix.
TIER_WIDTH = 4.0
# Closest names, offered when nothing matched: looser than a match.
CLOSEST_SIMILARITY = 0.1
# OFFSET is a bigint; past every match, any offset finds the same nothing.
_LARGEST_OFFSET = 2**63 - 1
# Held while a transaction changes the vocabulary, until it ends. Without
# it, a publisher removing a word's last term could delete the word while
# another, not yet committed, gives the word a new term and, finding the
# word still there, adds nothing. Any key will do, as long as every process
# uses the same ("SGvocab" in ASCII).
VOCABULARY_LOCK = 0x53_47_76_6F_63_61_62

# Kana, CJK ideographs and Hangul: folded one character a word (migration 0011).
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class Results:
    slugs: list[str]
    total: int
    # More entries match than were ranked: the total is a lower bound.
    capped: bool = False


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


# One statement finds the candidates, ranks them and returns one page. Each
# kind of match reads its own index and stops after CANDIDATES rows, so a
# query that matches half the catalogue costs no more than one that matches
# a thousand entries:
# - names and aliases starting with the query (exact ones included), in
#   order, from the C-collated b-tree `term_prefix`;
# - names and aliases containing it, from the trigram index `term_trigrams`;
# - close names (typos), only when the two above found fewer than FEW
#   entries: each word of the query becomes the closest word of the
#   vocabulary (`methods_searchword`: thousands of words where there are
#   hundreds of thousands of terms), and the terms holding those words in
#   that order come from `term_trigrams` again;
# - summary words, from `entry_summary_words`.
# Within a tier of name matches, the term closest in length to the query
# goes first: a cheap stand-in for trigram similarity, which costs
# microseconds a row. Only entries found by their summary alone are ranked
# with ts_rank, the other costly function.
# Prefixes, substrings and summary words compare with the folded query as a
# constant (scholargate_fold is IMMUTABLE), which the b-tree range needs.
# Close names compare with the corrected words instead, which only the
# vocabulary knows: a subquery run once before any term is read, whose
# pattern the trigram index then takes as it would a constant.
# A query can fold to nothing (① is a digit to Python, punctuation to
# PostgreSQL): each kind of match requires a folded query that is not
# empty, which the planner settles once, so such a query finds nothing.
# The total comes with every page, even one past the end.
# NB: `folded` never holds % or _ (folding turns punctuation into spaces), so
# the query needs no LIKE escaping.
_MATCHES_SQL = """
WITH query AS MATERIALIZED (
    SELECT scholargate_fold(%(query)s) AS folded,
           {tsquery}('english', scholargate_fold(%(query)s)) AS words
),
prefix AS MATERIALIZED (
    SELECT t.entry_id, t.folded FROM methods_searchterm t {join}
    WHERE {folded} <> ''
      AND t.folded COLLATE "C" >= {folded}
      AND t.folded COLLATE "C" < {folded} || chr(1114111)
      {filters}
    ORDER BY t.folded COLLATE "C"
    LIMIT %(candidates)s
),
inside AS MATERIALIZED (
    SELECT t.entry_id, t.folded FROM methods_searchterm t {join}
    WHERE {folded} <> '' AND t.folded LIKE '%%' || {folded} || '%%' {filters}
    LIMIT %(candidates)s
),
corrected AS MATERIALIZED (
    SELECT '%%' || string_agg(coalesce(closest.word, typed.word), '%%'
                              ORDER BY typed.position) || '%%' AS pattern
    FROM regexp_split_to_table({folded}, ' ') WITH ORDINALITY
         AS typed(word, position)
    LEFT JOIN LATERAL (
        SELECT v.word FROM methods_searchword v
        WHERE length(typed.word) >= %(shortest_word)s AND v.word %% typed.word
        ORDER BY similarity(v.word, typed.word) DESC, v.word
        LIMIT 1
    ) closest ON true
),
close AS MATERIALIZED (
    SELECT t.entry_id, t.folded FROM methods_searchterm t {join}
    WHERE %(fuzzy)s AND {folded} <> ''
      AND (SELECT count(DISTINCT entry_id) FROM (
             SELECT entry_id FROM prefix UNION ALL SELECT entry_id FROM inside
           ) direct) < %(few)s
      AND t.folded LIKE (SELECT pattern FROM corrected) {filters}
    LIMIT %(candidates)s
),
summary AS MATERIALIZED (
    SELECT e.method_id AS entry_id FROM methods_catalogueentry e
    WHERE {folded} <> '' AND e.document @@ {tsquery}('english', {folded}) {filters}
    LIMIT %(candidates)s
),
named AS (
    SELECT terms.entry_id, max(
        CASE WHEN terms.folded = query.folded THEN {exact}
             WHEN starts_with(terms.folded, query.folded) THEN {prefix}
             WHEN strpos(terms.folded, query.folded) > 0 THEN {substring}
             ELSE {fuzzy} END * {width}
        + least(length(query.folded), length(terms.folded))::float8
          / greatest(length(query.folded), length(terms.folded), 1)
    ) AS score
    FROM (
        SELECT * FROM prefix UNION ALL SELECT * FROM inside
        UNION ALL SELECT * FROM close
    ) terms, query
    GROUP BY terms.entry_id
),
ranked AS (
    SELECT e.slug, e.folded_{name_column} AS folded_name, e.origin_year,
           e.published_at,
           coalesce(named.score, ts_rank(e.document, query.words, 32)) AS rank
    FROM (SELECT entry_id FROM named UNION SELECT entry_id FROM summary) hits
    JOIN methods_catalogueentry e ON e.method_id = hits.entry_id
    LEFT JOIN named ON named.entry_id = hits.entry_id, query
    {exclude}
),
page AS (
    SELECT slug, row_number() OVER (ORDER BY {order}) AS position FROM ranked
    ORDER BY position
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.slug, totals.total, totals.capped
FROM (
    SELECT count(*) AS total,
           (SELECT count(*) FROM prefix) >= %(candidates)s
             OR (SELECT count(*) FROM inside) >= %(candidates)s
             OR (SELECT count(*) FROM close) >= %(candidates)s
             OR (SELECT count(*) FROM summary) >= %(candidates)s AS capped
    FROM ranked
) totals
LEFT JOIN page ON true
ORDER BY page.position
"""

# How each sort orders the matches, as `methods.listing.entries` orders the
# list: ties go by the folded name (`name_order`), then slug.
_ORDERS = {
    "relevance": "rank DESC, folded_name, slug",
    "name": "folded_name, slug",
    "year": "origin_year NULLS LAST, folded_name, slug",
    "published": "published_at DESC, slug",
}
SORTS = tuple(_ORDERS)


def matches(
    query: str,
    language: str,
    *,
    field: str = "",
    family: str = "",
    years: tuple[int, int] | None = None,
    exclude: Sequence[str] = (),
    sort: str = "relevance",
    limit: int = 50,
    offset: int = 0,
) -> Results:
    """One page of the entries matching the query, and how many match. One query.

    The query must be clean (`clean_query`). At most a few hundred
    candidates are ranked (CANDIDATES per kind of match); a query that
    matches more says so with `capped`. A page past the end is empty but
    still counts the matches; a query that folds to nothing (①) finds
    nothing.
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
        # Terms join their entries only to be filtered by them.
        join="JOIN methods_catalogueentry e ON e.method_id = t.entry_id"
        if filters
        else "",
        name_column="name_zh" if language == "zh" else "name_en",
        exclude="WHERE e.slug <> ALL(%(exclude)s)" if exclude else "",
        order=_ORDERS[sort],
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
        shortest_word=SHORTEST_WORD,
        exclude=list(exclude),
        limit=limit,
        offset=min(offset, _LARGEST_OFFSET),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # One row at least: an empty page is one row without a slug.
    _slug, total, capped = rows[0]
    return Results([slug for slug, *_rest in rows if slug is not None], total, capped)


def _fuzzy(query: str) -> bool:
    """Whether to look for close names (typos) at all.

    Each word of the query is corrected to its closest vocabulary word, and
    words shorter than SHORTEST_WORD are kept as typed: a query with fewer
    letters or digits than that has nothing to correct. Chinese, Japanese
    and Korean fold one character a word, too short for trigrams to tell a
    typo.
    """
    return (
        not CJK.search(query) and sum(char.isalnum() for char in query) >= SHORTEST_WORD
    )


def search(query: str, language: str, limit: int = 50, offset: int = 0) -> Results:
    """Ranked slugs of the entries matching a reader's query, and how many match.

    The plain way to ask the index a question, from the shell, a script or
    a test: the query is cleaned and matched with no filter and the usual
    ranking. Pages go through `methods.listing.found` (filters, sorts and
    pages) and `suggest`, which share `matches` with it.
    """
    query = clean_query(query)
    if not query:
        return Results([], 0)
    return matches(query, language, limit=limit, offset=offset)


def suggest(query: str, language: str, exclude: Sequence[str] = ()) -> list[str]:
    """The best few matches, for suggestions as the reader types."""
    query = clean_query(query)
    if not query:
        return []
    return matches(query, language, exclude=exclude, limit=SUGGESTIONS).slugs


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


@transaction.atomic(savepoint=False)
def refresh_index(method_ids: Iterable[int]) -> None:
    """Rebuild the index rows of these entries from their latest published version.

    An entry without a published version leaves the index. Runs in the
    caller's transaction, if any: the vocabulary stays locked against other
    publishers (VOCABULARY_LOCK) until that transaction ends.
    """
    ids = list(method_ids)
    old_words = _words(SearchTerm.objects.filter(entry__in=ids))
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
    fold_index(
        CatalogueEntry.objects.filter(pk__in=ids),
        SearchTerm.objects.filter(entry__in=ids),
    )
    new_words = _words(SearchTerm.objects.filter(entry__in=ids))
    added, gone = new_words - old_words, old_words - new_words
    if not added and not gone:
        return
    # Each statement after the lock sees the terms of whoever held it before.
    _lock_vocabulary()
    if added:
        SearchWord.objects.bulk_create(
            [SearchWord(word) for word in added], ignore_conflicts=True
        )
    if gone:
        with connection.cursor() as cursor:
            cursor.execute(_UNUSED_WORDS_SQL, [sorted(gone)])


def fold_index(entries: QuerySet[CatalogueEntry], terms: QuerySet[SearchTerm]) -> None:
    """Fold what search compares, in the database, by the function that
    folds queries."""
    entries.update(
        document=SearchVector(Fold("summary"), config="english"),
        folded_name_en=Fold("name_en"),
        folded_name_zh=Fold("name_zh"),
    )
    terms.update(folded=Fold("text"))


def _lock_vocabulary() -> None:
    """Until the transaction ends: call it inside one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [VOCABULARY_LOCK])


# Of these words, those no term holds any more; the trigram index narrows
# the terms to look at before they are split into words.
_UNUSED_WORDS_SQL = """
DELETE FROM methods_searchword v
WHERE v.word = ANY(%s) AND NOT EXISTS (
    SELECT 1 FROM methods_searchterm t
    WHERE t.folded LIKE '%%' || v.word || '%%'
      AND v.word = ANY(string_to_array(t.folded, ' '))
)
"""


def _words(terms: QuerySet[SearchTerm]) -> set[str]:
    """The words of these terms that typos are corrected to."""
    return {
        word
        for folded in terms.values_list("folded", flat=True)
        for word in folded.split(" ")
        if len(word) >= SHORTEST_WORD
    }


@transaction.atomic(savepoint=False)
def rebuild_vocabulary() -> None:
    """The vocabulary anew from every term: for catalogues loaded in bulk."""
    _lock_vocabulary()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM methods_searchword")
        cursor.execute(
            """
            INSERT INTO methods_searchword (word)
            SELECT DISTINCT word
            FROM methods_searchterm, regexp_split_to_table(folded, ' ') AS word
            WHERE length(word) >= %s
            """,
            [SHORTEST_WORD],
        )


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
