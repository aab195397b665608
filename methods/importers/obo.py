"""The Artificial Intelligence Ontology (AIO) in OBO format.

Each `[Term]` stanza becomes an entry: its name, its definition (with the
definition's sources), its EXACT synonyms as aliases and its `is_a` parents
as related entries. RELATED synonyms are left out: in AIO they name
neighbouring ideas ("autoregressive" for a causal language model), not the
same method.
"""

import datetime
import re
from pathlib import Path

from django.utils.text import slugify

from methods.content import normalize_content
from methods.importers import ImportFailed, Record

LICENCE = "CC BY 4.0"
ATTRIBUTION = (
    "Text from the Artificial Intelligence Ontology (AIO), release {release}, "
    "https://w3id.org/aio/ (Joachimiak et al. 2024, doi:10.1177/15705838241304103)"
)
TERM_URL = "https://w3id.org/aio/{local}"

_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*(.*)$')
_XREFS = re.compile(r"\[(.*)\]\s*(?:\{.*\})?$")


def read_obo(path: Path, *, accessed: datetime.date | None = None) -> list[Record]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        raise ImportFailed(f"{path}: {error}") from None
    accessed = accessed or datetime.date.today()
    header, stanzas = _stanzas(text)
    release = header.get("data-version", [""])[0].rstrip("/").split("/")[-2:-1]
    release = release[0] if release else "unknown"
    records = []
    for line_number, kind, tags in stanzas:
        if kind != "Term" or tags.get("is_obsolete", ["false"])[0] == "true":
            continue
        records.append(_record(line_number, tags, release, accessed))
    if not records:
        raise ImportFailed(f"{path}: no [Term] stanzas")
    return records


def _stanzas(text: str) -> tuple[dict[str, list[str]], list]:
    """The header's tags and each stanza's (line number, kind, tags)."""
    header: dict[str, list[str]] = {}
    stanzas: list = []
    current = header
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("!"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = {}
            stanzas.append((number, line[1:-1], current))
            continue
        tag, separator, value = line.partition(":")
        if not separator:
            raise ImportFailed(f"line {number}: “{line[:60]}” is not a tag: value pair")
        current.setdefault(tag.strip(), []).append(value.strip())
    return header, stanzas


def _record(
    line_number: int, tags: dict[str, list[str]], release: str, accessed
) -> Record:
    term_id = (tags.get("id") or [""])[0]
    label = f"term at line {line_number} ({term_id or 'no id'})"
    names = tags.get("name") or []
    if not term_id or len(names) != 1 or not names[0]:
        raise ImportFailed(f"{label}: a term needs one id and one name")
    name = names[0]
    definition, definition_sources = "", []
    if tags.get("def"):
        definition, xrefs = _quoted(tags["def"][0], label)
        definition_sources = [x for x in _xref_list(xrefs) if x.startswith("http")]
    aliases = []
    for synonym in tags.get("synonym", []):
        text, rest = _quoted(synonym, label)
        if rest.split(" ", 1)[0] == "EXACT":
            aliases.append({"name": text, "language": "en"})
    parents = [value.split("!")[0].strip() for value in tags.get("is_a", [])]

    local = term_id.split(":", 1)[-1]
    term_url = TERM_URL.format(local=local)
    sources = [
        {
            "title": f"Artificial Intelligence Ontology: {name} ({term_id})",
            "url": term_url,
            "accessed": accessed.isoformat(),
        }
    ] + [
        {
            "title": f"Source of the AIO definition of {name}",
            "url": url,
            "accessed": accessed.isoformat(),
        }
        for url in definition_sources
    ]
    content = normalize_content(
        {
            "slug": slugify(name),
            "name": {"en": name},
            "summary": {"en": definition},
            "aliases": aliases,
            "attribution": {
                "text": ATTRIBUTION.format(release=release),
                "licence": LICENCE,
            },
            "sources": sources,
        }
    )
    return Record(label=label, content=content, key=term_id, links=parents)


def _quoted(value: str, label: str) -> tuple[str, str]:
    match = _QUOTED.match(value)
    if not match:
        raise ImportFailed(f"{label}: “{value[:60]}” lacks its quoted text")
    text = re.sub(r"\\(.)", r"\1", match.group(1))
    return text, match.group(2)


def _xref_list(rest: str) -> list[str]:
    match = _XREFS.search(rest)
    if not match or not match.group(1).strip():
        return []
    return [xref.strip().split(" ", 1)[0] for xref in match.group(1).split(",")]
