"""The Papers with Code methods dump: a JSON list of method records.

What the real dump is like (see ../shared/data/README.md): `introduced_year`
is a placeholder 2000 in almost every record, so years come from the arXiv
identifier of the introducing paper instead; `full_name` may be null;
descriptions are Markdown with inline LaTeX and link to other method pages,
which become related entries.
"""

import datetime
import json
import re
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from methods.content import normalize_content
from methods.importers import ImportFailed, Record, Taxa
from methods.names import name_key

LICENCE = "CC BY-SA 4.0"
PLACEHOLDER_YEAR = 2000
EARLIEST_YEAR = 1600

_METHOD_LINK = re.compile(
    r"^(?:https?://(?:www\.)?paperswithcode\.com)?/method/([A-Za-z0-9_-]+)/?$",
    flags=re.IGNORECASE,
)
_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)[^)]*\)")
_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?",
    flags=re.IGNORECASE,
)
_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\..+)$", flags=re.IGNORECASE)
_MATH = re.compile(r"(\$\$.+?\$\$|\$[^$\n]+\$)", flags=re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1", flags=re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_HEADING = re.compile(r"^#{1,6}\s*", flags=re.MULTILINE)
_HTML_TAG = re.compile(
    r"</?(?:a|b|br|center|div|em|figure|figcaption|h[1-6]|i|img|li|ol|p|span|strong|sub|sup|table|td|th|tr|u|ul)\b[^<>]*>",
    flags=re.IGNORECASE,
)


def read_pwc(
    path: Path, *, accessed: datetime.date | None = None
) -> tuple[list[Record], Taxa]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ImportFailed(f"{path}: {error}") from None
    if not isinstance(data, list):
        raise ImportFailed(f"{path}: expected a JSON list of method records")
    accessed = accessed or datetime.date.today()
    taxa = Taxa()
    records = [
        _record(number, raw, taxa, accessed) for number, raw in enumerate(data, 1)
    ]
    return records, taxa


def _record(number: int, raw: Any, taxa: Taxa, accessed: datetime.date) -> Record:
    label = f"record {number}"
    if not isinstance(raw, dict):
        raise ImportFailed(f"{label}: not a JSON object")
    url = raw.get("url")
    key = _method_key(url) if isinstance(url, str) else None
    if key is None:
        raise ImportFailed(f"{label}: “url” is not a Papers with Code method link")
    label = f"record {number} ({key})"
    short = _plain_name(raw.get("name"))
    full = _plain_name(raw.get("full_name")) or short
    if not full:
        raise ImportFailed(f"{label}: no name")
    description = raw.get("description") or ""
    collections = raw.get("collections") or []
    if not isinstance(description, str) or not isinstance(collections, list):
        raise ImportFailed(
            f"{label}: “description” or “collections” has the wrong type"
        )

    field = family = None
    if collections:
        first = collections[0]
        if not isinstance(first, dict) or not first.get("collection"):
            raise ImportFailed(f"{label}: a collection without a name")
        family = slugify(first["collection"])
        taxa.families.setdefault(family, {"en": first["collection"].strip()})
        if first.get("area"):
            field = slugify(first.get("area_id") or first["area"])
            taxa.fields.setdefault(field, {"en": first["area"].strip()})

    reference, year = _reference(raw, label)
    introduced = raw.get("introduced_year")
    if (
        isinstance(introduced, int)
        and introduced != PLACEHOLDER_YEAR
        and EARLIEST_YEAR <= introduced <= accessed.year
    ):
        year = introduced
    content = normalize_content(
        {
            "slug": key,
            "name": {"en": full},
            "summary": {"en": readable_summary(description)},
            "origin_year_text": {"en": str(year) if year else ""},
            "field": field,
            "family": family,
            "aliases": (
                [{"name": short, "language": "en"}]
                if name_key(short) != name_key(full)
                else []
            ),
            "references": [reference] if reference else [],
            "attribution": {
                "text": f"Text from Papers with Code, “{full}”, {url}",
                "licence": LICENCE,
            },
            "sources": [
                {
                    "title": f"Papers with Code: {full}",
                    "url": url,
                    "accessed": accessed.isoformat(),
                }
            ],
        }
    )
    targets = (_method_key(target) for target in _LINK_TARGET.findall(description))
    links = sorted({target for target in targets if target} - {key})
    return Record(label=label, content=content, key=key, links=links)


def _method_key(url: str) -> str | None:
    match = _METHOD_LINK.match(url.strip())
    return match.group(1).lower() if match else None


def _plain_name(value: Any) -> str:
    """A name with its inline math unwrapped: `PanGu-$α$` reads PanGu-α."""
    if not isinstance(value, str):
        return ""
    return " ".join(value.replace("$", "").split())


def _reference(raw: dict, label: str) -> tuple[dict | None, int | None]:
    """The introducing paper; an arXiv link gives its DOI and its year."""
    source_url = (raw.get("source_url") or "").strip()
    paper = raw.get("paper") if isinstance(raw.get("paper"), dict) else {}
    title = (raw.get("source_title") or paper.get("title") or "").strip()
    if not title or not (source_url or paper.get("url")):
        return None, None
    reference = {
        "authors": UNKNOWN_AUTHORS,
        "title": title,
        "url": source_url or paper["url"],
        "doi": "",
        "year": None,
    }
    arxiv = _ARXIV.search(source_url)
    doi = _DOI_LINK.match(source_url)
    if arxiv:
        identifier = arxiv.group(1)
        reference["doi"] = f"10.48550/arXiv.{identifier}"
        reference["url"] = f"https://arxiv.org/abs/{identifier}"
        reference["year"] = arxiv_year(identifier)
    elif doi:
        reference["doi"] = doi.group(1)
    return reference, reference["year"]


# The dump names no authors, and a reference must name some.
# TODO: fill authors from the DOI's metadata when imports may reach DataCite.
UNKNOWN_AUTHORS = "Authors not recorded by Papers with Code"


def arxiv_year(identifier: str) -> int:
    """The submission year in an arXiv identifier: 1908.01259 and cs/9901001."""
    digits = identifier.split("/")[-1]
    two = int(digits[:2])
    return 1900 + two if two >= 91 else 2000 + two


def readable_summary(markdown: str) -> str:
    """Markdown as plain text; LaTeX is kept as written, HTML tags dropped.

    Pages escape the result, so nothing in it is ever executed or rendered
    as markup.
    """
    # Math is set aside while Markdown is undone, so `*` and `_` inside it
    # survive, and put back as written.
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    formulas = _MATH.findall(text)
    text = _MATH.sub("\x00", text)
    text = _unmark(text)
    for formula in formulas:
        text = text.replace("\x00", formula, 1)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _unmark(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _HEADING.sub("", text)
