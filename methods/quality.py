"""Data quality checks over catalogue entries in the content format.

Each check is a plain function from a list of entries to findings, so the
`check_catalogue` command and the tests run the same rules, on the database
or on the shipped fixtures.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from methods.content import Content
from methods.doi import is_valid_doi
from methods.names import name_key

EARLIEST_YEAR = 1600
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(.+)$", flags=re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Finding:
    slug: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.slug}: [{self.check}] {self.message}"


def check_dois(entries: Iterable[Content]) -> list[Finding]:
    """Reference DOIs, and DOIs inside doi.org source links, must be well formed."""
    findings = []
    for entry in entries:
        for reference in entry["references"]:
            if reference["doi"] and not is_valid_doi(reference["doi"]):
                findings.append(
                    Finding(entry["slug"], "doi", f"malformed DOI “{reference['doi']}”")
                )
        for source in entry["sources"]:
            link = _DOI_LINK.match(source["url"] or "")
            if link and not is_valid_doi(link.group(1)):
                findings.append(
                    Finding(
                        entry["slug"], "doi", f"malformed DOI link “{source['url']}”"
                    )
                )
    return findings


def check_related(entries: Iterable[Content]) -> list[Finding]:
    """Related links point at an existing entry, never itself, and link back."""
    entries = list(entries)
    related = {entry["slug"]: set(entry["related"]) for entry in entries}
    findings = []
    for slug, others in related.items():
        for other in sorted(others):
            if other == slug:
                findings.append(Finding(slug, "related", "links to itself"))
            elif other not in related:
                findings.append(
                    Finding(
                        slug, "related", f"links to “{other}”, which does not exist"
                    )
                )
            elif slug not in related[other]:
                findings.append(
                    Finding(
                        slug, "related", f"links to “{other}”, which does not link back"
                    )
                )
    return findings


def check_aliases(entries: Iterable[Content]) -> list[Finding]:
    """The same alias (after folding case and punctuation) once per language."""
    findings = []
    for entry in entries:
        seen: set[tuple[str, str]] = set()
        for alias in entry["aliases"]:
            key = (alias["language"], name_key(alias["name"]))
            if key in seen:
                findings.append(
                    Finding(
                        entry["slug"],
                        "alias",
                        f"alias “{alias['name']}” appears twice in {alias['language']}",
                    )
                )
            seen.add(key)
    return findings


def check_sources(entries: Iterable[Content]) -> list[Finding]:
    return [
        Finding(entry["slug"], "source", "has no source")
        for entry in entries
        if not entry["sources"]
    ]


def check_years(
    entries: Iterable[Content], *, this_year: int | None = None
) -> list[Finding]:
    """Years in the origin text and in references lie between 1600 and now."""
    latest = this_year or datetime.date.today().year
    findings = []
    for entry in entries:
        years = [
            (int(year), "origin year")
            for text in entry["origin_year_text"].values()
            for year in _YEAR.findall(text)
        ]
        years += [
            (reference["year"], "reference year")
            for reference in entry["references"]
            if reference["year"] is not None
        ]
        for year, what in years:
            if not EARLIEST_YEAR <= year <= latest:
                findings.append(
                    Finding(
                        entry["slug"],
                        "year",
                        f"{what} {year} is outside {EARLIEST_YEAR}–{latest}",
                    )
                )
    return findings


def check_chinese_names(entries: Iterable[Content]) -> list[Finding]:
    return [
        Finding(entry["slug"], "chinese-name", "has no Chinese name")
        for entry in entries
        if not entry["name"].get("zh")
    ]


def check_duplicates(entries: Iterable[Content]) -> list[Finding]:
    """Two entries whose names or aliases fold to the same key are likely one."""
    owners: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in entries:
        names = [*entry["name"].values(), *(a["name"] for a in entry["aliases"])]
        for name in names:
            key = name_key(name)
            if key:
                owners[key].setdefault(entry["slug"], name)
    findings = []
    for shared in owners.values():
        if len(shared) < 2:
            continue
        slugs = sorted(shared)
        for slug in slugs:
            others = ", ".join(
                f"“{shared[other]}” ({other})" for other in slugs if other != slug
            )
            findings.append(
                Finding(
                    slug,
                    "duplicate",
                    f"“{shared[slug]}” matches {others}: likely the same method",
                )
            )
    return findings


CHECKS: dict[str, Callable[[list[Content]], list[Finding]]] = {
    "doi": check_dois,
    "related": check_related,
    "alias": check_aliases,
    "source": check_sources,
    "year": check_years,
    "chinese-name": check_chinese_names,
    "duplicate": check_duplicates,
}


def check_catalogue(entries: Iterable[Content]) -> list[Finding]:
    entries = list(entries)
    return sorted({finding for check in CHECKS.values() for finding in check(entries)})
