"""Loading the curated default catalogue shipped in `fixtures/`.

Entries are compared with their latest published version, and only new or
changed entries are written and published, so loading twice changes nothing.
"""

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from methods.content import Content, apply_content, normalize_content
from methods.models import Method, MethodFamily, MethodVersion, ResearchField, Status
from methods.publishing import latest_version, publish

logger = logging.getLogger(__name__)

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
LOADER_NOTE = "Curated catalogue"


class CatalogueError(Exception):
    pass


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Entries editors have changed since the catalogue was loaded: theirs win.
    kept: list[str] = field(default_factory=list)
    taxa_written: int = 0


def read_catalogue(directory: Path = FIXTURES_DIR) -> tuple[dict, list[Content]]:
    taxonomy: dict[str, dict[str, dict]] = {"fields": {}, "families": {}}
    for path in sorted((directory / "taxonomy").glob("*.json")):
        data = _read_json(path)
        for kind in taxonomy:
            for taxon in data.get(kind, []):
                known = taxonomy[kind].get(taxon["slug"])
                if known and known != taxon:
                    raise CatalogueError(
                        f"{path.name}: {kind} “{taxon['slug']}” differs from "
                        "its definition in another taxonomy file"
                    )
                taxonomy[kind][taxon["slug"]] = taxon

    entries: list[Content] = []
    for path in sorted((directory / "methods").glob("*.json")):
        entries.extend(normalize_content(raw) for raw in _read_json(path))
    _check_links(entries)
    return taxonomy, entries


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueError(f"{path}: {error}") from None


def _check_links(entries: list[Content]) -> None:
    by_slug: dict[str, Content] = {}
    for entry in entries:
        if entry["slug"] in by_slug:
            raise CatalogueError(f"{entry['slug']}: the slug is used twice")
        by_slug[entry["slug"]] = entry
    for entry in entries:
        for other in entry["related"]:
            if other not in by_slug:
                raise CatalogueError(
                    f"{entry['slug']}: related “{other}” does not exist"
                )
            if entry["slug"] not in by_slug[other]["related"]:
                raise CatalogueError(
                    f"{entry['slug']}: related “{other}” does not link back"
                )


@transaction.atomic
def load_catalogue(
    directory: Path = FIXTURES_DIR, *, dry_run: bool = False
) -> LoadReport:
    taxonomy, entries = read_catalogue(directory)
    report = LoadReport()
    report.taxa_written += _load_taxa(ResearchField, taxonomy["fields"].values())
    report.taxa_written += _load_taxa(MethodFamily, taxonomy["families"].values())

    existing = {
        method.slug: method
        for method in Method.objects.filter(slug__in=[e["slug"] for e in entries])
    }
    changed: list[tuple[Method, Content]] = []
    for entry in entries:
        method = existing.get(entry["slug"])
        previous = latest_version(method) if method else None
        if previous is not None and normalize_content(previous.content) == entry:
            report.unchanged.append(entry["slug"])
            continue
        if method is not None and _changed_by_editors(method, previous):
            report.kept.append(entry["slug"])
            continue
        (report.updated if method else report.created).append(entry["slug"])
        method = method or Method()
        try:
            apply_content(method, entry)
        except ValidationError as error:
            raise CatalogueError(" ".join(error.messages)) from None
        changed.append((method, entry))

    slugs_to_methods = {
        m.slug: m for m in Method.objects.filter(slug__in=[e["slug"] for e in entries])
    }
    for method, entry in changed:
        method.related.set([slugs_to_methods[slug] for slug in entry["related"]])
    for method, _entry in changed:
        publish(method, note=LOADER_NOTE)

    if dry_run:
        transaction.set_rollback(True)
    logger.info(
        "Catalogue loaded: %d created, %d updated, %d unchanged",
        len(report.created),
        len(report.updated),
        len(report.unchanged),
    )
    return report


def _changed_by_editors(method: Method, previous: MethodVersion | None) -> bool:
    """A draft in progress, or a version an editor published, is not overwritten."""
    if method.status != Status.PUBLISHED:
        return True
    return previous is not None and (
        previous.published_by_id is not None or previous.change_note != LOADER_NOTE
    )


def _load_taxa(model, taxa) -> int:
    written = 0
    for taxon in taxa:
        names = taxon["name"]
        values = {"name_en": names["en"], "name_zh": names.get("zh", "")}
        obj = model.objects.filter(slug=taxon["slug"]).first()
        if obj and all(
            (getattr(obj, key) or "") == value for key, value in values.items()
        ):
            continue
        model.objects.update_or_create(slug=taxon["slug"], defaults=values)
        written += 1
    return written
