"""ScholarGate's own exchange format, both ways: JSON Lines, one object a line.

The first line is a header; then every field and family; then every entry
with its working copy and all its published versions. Contents are in the
format of `methods.content`, so every language travels with them. Who
published a version is not exported: accounts belong to one site.
"""

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from methods.content import method_content, normalize_content
from methods.importers import ImportFailed, Record, Taxa
from methods.models import Method, MethodFamily, ResearchField, Status

FORMAT = "scholargate-catalogue"
FORMAT_VERSION = 1


def export_lines() -> Iterator[dict[str, Any]]:
    """The whole catalogue, in a stable order so that equal catalogues
    export to equal files."""
    yield {"type": "header", "format": FORMAT, "version": FORMAT_VERSION}
    for kind, model in (("field", ResearchField), ("family", MethodFamily)):
        for taxon in model.objects.order_by("slug"):
            names = {"en": taxon.name_en, "zh": taxon.name_zh or ""}
            yield {
                "type": kind,
                "slug": taxon.slug,
                "name": {lang: name for lang, name in names.items() if name},
            }
    methods = (
        Method.objects.select_related("field", "family")
        .prefetch_related("aliases", "references", "related", "sources", "versions")
        .order_by("slug")
    )
    for method in methods:
        yield {
            "type": "method",
            "status": method.status,
            "content": method_content(method),
            "versions": [
                {
                    "number": version.number,
                    "status": version.status,
                    "published_at": version.published_at.isoformat(),
                    "change_note": version.change_note,
                    "retraction_reason": version.retraction_reason,
                    "retracted_at": version.retracted_at.isoformat()
                    if version.retracted_at
                    else None,
                    "content": version.content,
                }
                for version in sorted(method.versions.all(), key=lambda v: v.number)
            ],
        }


def write_export(out: IO[str]) -> int:
    """Write the catalogue to `out`; returns the number of entries written."""
    count = 0
    for line in export_lines():
        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        count += line["type"] == "method"
    return count


def read_scholargate(path: Path) -> tuple[list[Record], Taxa]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as error:
        raise ImportFailed(f"{path}: {error}") from None
    taxa = Taxa()
    records: list[Record] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        label = f"line {number}"
        try:
            item = json.loads(line)
        except ValueError as error:
            raise ImportFailed(f"{label}: not JSON ({error})") from None
        kind = item.get("type") if isinstance(item, dict) else None
        if number == 1:
            if kind != "header" or item.get("format") != FORMAT:
                raise ImportFailed(f"{label}: not a {FORMAT} file")
            if item.get("version") != FORMAT_VERSION:
                raise ImportFailed(
                    f"{label}: format version {item.get('version')} is not "
                    f"{FORMAT_VERSION}"
                )
        elif kind in ("field", "family"):
            names = item.get("name") or {}
            if not item.get("slug") or not names.get("en"):
                raise ImportFailed(
                    f"{label}: a {kind} needs a slug and an English name"
                )
            target = taxa.fields if kind == "field" else taxa.families
            target[item["slug"]] = names
        elif kind == "method":
            records.append(_record(label, item))
        else:
            raise ImportFailed(f"{label}: unknown line type “{kind}”")
    return records, taxa


def _record(label: str, item: dict) -> Record:
    try:
        content = normalize_content(item["content"])
        versions = item.get("versions") or []
        for version in versions:
            normalize_content(version["content"])
            if int(version["number"]) < 1 or version["status"] not in (
                Status.PUBLISHED,
                Status.RETRACTED,
            ):
                raise ValueError(f"version {version['number']}")
            datetime.datetime.fromisoformat(version["published_at"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportFailed(f"{label}: malformed entry ({error!r})") from None
    status = item.get("status")
    if status not in Status.values:
        raise ImportFailed(f"{label}: unknown status “{status}”")
    label = f"{label} ({content['slug']})"
    links, content["related"] = content["related"], []
    return Record(
        label=label,
        content=content,
        key=content["slug"],
        links=links,
        trust_slug=True,
        status=status,
        versions=versions,
    )
