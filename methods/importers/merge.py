"""Matching imported records against the catalogue, merging, and writing.

A record joins the entry that has its slug (when the source's slugs are
ours, or when the names agree too) or whose name or alias folds to the same
key as the record's name (`methods.names.name_key`); otherwise it becomes
a new entry. A merge only fills what is empty and adds what is missing:
where both sides hold a different value, the catalogue's is kept and the
difference is reported as a conflict.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from methods.content import (
    LANGUAGES,
    TRANSLATED,
    Content,
    apply_content,
    method_content,
    normalize_content,
)
from methods.importers import ImportFailed, Record, Taxa
from methods.models import Method, MethodFamily, MethodVersion, ResearchField, Status
from methods.names import name_key
from methods.publishing import mark_edited, publish
from methods.search import refresh_index

logger = logging.getLogger(__name__)

SLUG_MAX_LENGTH = 100
TAXON_SLUG_MAX_LENGTH = 80


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    taxa_created: list[str] = field(default_factory=list)
    links_added: int = 0
    links_dropped: int = 0
    versions_restored: int = 0


@dataclass
class _Entry:
    content: Content
    label: str
    method: Method | None = None
    record: Record | None = None  # the first record that made or matched it
    changed: bool = False


class _Catalogue:
    """The catalogue held in memory for one import, with its name index."""

    def __init__(self) -> None:
        methods = (
            Method.objects.select_related("field", "family")
            .prefetch_related("aliases", "references", "related", "sources")
            .order_by("slug")
        )
        self.entries: dict[str, _Entry] = {}
        self.names: dict[str, set[str]] = defaultdict(set)
        self.aliases: dict[str, set[str]] = defaultdict(set)
        for method in methods:
            self.add(_Entry(method_content(method), method.slug, method=method))

    def add(self, entry: _Entry) -> None:
        self.entries[entry.content["slug"]] = entry
        self.index(entry.content)

    def index(self, content: Content) -> None:
        for key in _name_keys(content):
            self.names[key].add(content["slug"])
        for key in _alias_keys(content):
            self.aliases[key].add(content["slug"])

    def match(self, record: Record) -> tuple[str | None, list[str]]:
        """The slug of the entry the record belongs to, and any rival matches."""
        slug = record.content["slug"]
        names, aliases = _name_keys(record.content), _alias_keys(record.content)
        if slug in self.entries:
            if record.trust_slug:
                return slug, []
            known = self.entries[slug].content
            if (names | aliases) & (_name_keys(known) | _alias_keys(known)):
                return slug, []
        candidates: set[str] = set()
        for key in names:
            candidates |= self.names.get(key, set()) | self.aliases.get(key, set())
        for key in aliases:
            candidates |= self.names.get(key, set())
        ordered = sorted(candidates)
        if len(ordered) == 1:
            return ordered[0], []
        return None, ordered

    def free_slug(self, wanted: str) -> str:
        base = _valid_slug(wanted)
        slug, number = base, 2
        while slug in self.entries:
            suffix = f"-{number}"
            slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
            number += 1
        return slug


def import_records(
    records: Iterable[Record],
    *,
    taxa: Taxa | None = None,
    source: str,
    publish_entries: bool = False,
    dry_run: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportReport:
    """Import records in one transaction: a bad record imports nothing.

    Raises ImportFailed naming the record and the reason.
    """
    records = list(records)
    report = ImportReport()
    with transaction.atomic():
        renamed = _ensure_taxa(taxa or Taxa(), report)
        catalogue = _Catalogue()
        key_to_slug: dict[str, str] = {}
        pending_links: list[tuple[str, Record]] = []

        for record in records:
            _retaxon(record.content, renamed)
            slug, rivals = catalogue.match(record)
            if rivals:
                report.skipped.append(
                    (
                        record.label,
                        "its names match several entries: " + ", ".join(rivals),
                    )
                )
                continue
            if slug is None:
                slug = catalogue.free_slug(record.content["slug"])
                content = normalize_content({**record.content, "slug": slug})
                content["aliases"] = _distinct_aliases(content)
                content["related"] = []
                catalogue.add(
                    _Entry(content, record.label, record=record, changed=True)
                )
                report.created.append(slug)
            else:
                entry = catalogue.entries[slug]
                merged, conflicts = merge_content(entry.content, record.content)
                report.conflicts += [f"{record.label} → {slug}: {c}" for c in conflicts]
                by_slug = slug == record.content["slug"]
                if merged != entry.content:
                    entry.content = merged
                    entry.changed = True
                    catalogue.index(merged)
                    (report.updated if by_slug else report.merged).append(slug)
                else:
                    report.unchanged.append(slug)
                if entry.record is None or (record.trust_slug and by_slug):
                    entry.record = record
            key_to_slug[record.key] = slug
            pending_links.append((slug, record))

        _link(catalogue, pending_links, key_to_slug, report)
        _write(catalogue, report, source, publish_entries, progress)

        if dry_run:
            transaction.set_rollback(True)
    created = set(report.created)
    report.merged = sorted(set(report.merged) - created)
    report.updated = sorted(set(report.updated) - created - set(report.merged))
    report.unchanged = sorted(
        set(report.unchanged) - created - set(report.updated) - set(report.merged)
    )
    logger.info(
        "Imported %s: %d created, %d updated, %d merged, %d skipped, %d conflicts",
        source,
        len(report.created),
        len(report.updated),
        len(report.merged),
        len(report.skipped),
        len(report.conflicts),
    )
    return report


def merge_content(known: Content, incoming: Content) -> tuple[Content, list[str]]:
    """Fill what `known` lacks from `incoming`; list what differs and was kept."""
    merged = {**known}
    conflicts: list[str] = []
    took_text = False
    for key in TRANSLATED:
        texts = dict(known[key])
        for lang, text in incoming[key].items():
            if not texts.get(lang):
                texts[lang] = text
                took_text = True
            elif texts[lang] != text and key != "name":
                conflicts.append(f"{key} ({lang}) differs; kept the catalogue's")
        merged[key] = texts
    for key in ("proposers", "field", "family"):
        if incoming[key] and not known[key]:
            merged[key] = incoming[key]
        elif incoming[key] and incoming[key] != known[key]:
            conflicts.append(
                f"{key}: kept “{known[key]}”, the source has “{incoming[key]}”"
            )

    # A name that differs is another name for the same method: an alias.
    aliases = list(known["aliases"])
    taken = {
        (lang, name_key(name)) for lang, name in merged["name"].items() if name
    } | {(a["language"], name_key(a["name"])) for a in aliases}
    offered = [
        {"name": name, "language": lang} for lang, name in incoming["name"].items()
    ] + incoming["aliases"]
    for alias in offered:
        key = (alias["language"], name_key(alias["name"]))
        if key[1] and key not in taken:
            aliases.append(alias)
            taken.add(key)
    merged["aliases"] = aliases

    merged["references"] = known["references"] + [
        reference
        for reference in incoming["references"]
        if _reference_key(reference)
        not in {_reference_key(r) for r in known["references"]}
    ]
    known_sources = {source["url"] or source["title"] for source in known["sources"]}
    merged["sources"] = known["sources"] + [
        source
        for source in incoming["sources"]
        if (source["url"] or source["title"]) not in known_sources
    ]
    text, licence = incoming["attribution"]["text"], incoming["attribution"]["licence"]
    if took_text and text and text not in known["attribution"]["text"]:
        merged["attribution"] = {
            "text": _joined(known["attribution"]["text"], text, "\n"),
            "licence": _joined(known["attribution"]["licence"], licence, "; "),
        }
    return normalize_content(merged), conflicts


def _distinct_aliases(content: Content) -> list[dict[str, str]]:
    """Aliases without repeats, and without the entry's own names."""
    taken = {(lang, name_key(name)) for lang, name in content["name"].items()}
    aliases = []
    for alias in content["aliases"]:
        key = (alias["language"], name_key(alias["name"]))
        if key[1] and key not in taken:
            aliases.append(alias)
            taken.add(key)
    return aliases


def _joined(first: str, second: str, separator: str) -> str:
    if not first:
        return second
    if second in first.split(separator):
        return first
    return first + separator + second


def _reference_key(reference: Content) -> str:
    return reference["doi"].lower() or reference["url"] or name_key(reference["title"])


def _name_keys(content: Content) -> set[str]:
    return {name_key(name) for name in content["name"].values()} - {""}


def _alias_keys(content: Content) -> set[str]:
    return {name_key(alias["name"]) for alias in content["aliases"]} - {""}


def _valid_slug(wanted: str) -> str:
    slug = slugify(wanted).replace("_", "-")
    slug = "-".join(part for part in slug.split("-") if part)
    return slug[:SLUG_MAX_LENGTH].rstrip("-") or "method"


def _link(
    catalogue: _Catalogue,
    pending: list[tuple[str, Record]],
    key_to_slug: dict[str, str],
    report: ImportReport,
) -> None:
    """Add each record's links, both ways, so related links stay symmetric."""
    for slug, record in pending:
        for key in record.links:
            target = key_to_slug.get(key)
            if target is None and record.trust_slug and key in catalogue.entries:
                target = key
            if target is None:
                report.links_dropped += 1
                continue
            if target == slug:
                continue
            for one, other in ((slug, target), (target, slug)):
                entry = catalogue.entries[one]
                if other not in entry.content["related"]:
                    entry.content["related"] = sorted(
                        {*entry.content["related"], other}
                    )
                    entry.changed = True
                    if one == slug:
                        report.links_added += 1
                    report.updated.append(one)


def _write(
    catalogue: _Catalogue,
    report: ImportReport,
    source: str,
    publish_entries: bool,
    progress: Callable[[Iterable], Iterable],
) -> None:
    changed = [entry for entry in catalogue.entries.values() if entry.changed]
    created = set(report.created)  # new working copies are drafts already
    for entry in progress(changed):
        method = entry.method or Method()
        try:
            apply_content(method, entry.content)
        except ValidationError as error:
            label = entry.record.label if entry.record else entry.label
            raise ImportFailed(f"{label}: {' '.join(error.messages)}") from None
        entry.method = method

    _set_related(changed)

    for entry in changed:
        record = entry.record
        if (
            record is not None
            and record.trust_slug
            and record.content["slug"] == entry.content["slug"]
        ):
            report.versions_restored += _restore_versions(entry, report)
        elif publish_entries:
            publish(entry.method, note=f"Imported from {source}")
        elif entry.content["slug"] not in created:
            mark_edited(entry.method)


def _set_related(changed: list[_Entry]) -> None:
    """Rewrite the related links of the changed entries in two queries.

    The links are symmetric in memory already, so each pair is stored both
    ways, as Django's symmetrical many-to-many expects.
    """
    ids = dict(Method.objects.values_list("slug", "id"))
    Link = Method.related.through
    changed_ids = [entry.method.pk for entry in changed]
    Link.objects.filter(
        Q(from_method_id__in=changed_ids) | Q(to_method_id__in=changed_ids)
    ).delete()
    pairs = {
        (entry.method.pk, ids[other])
        for entry in changed
        for other in entry.content["related"]
    }
    pairs |= {(to, frm) for frm, to in pairs}
    Link.objects.bulk_create(
        [Link(from_method_id=frm, to_method_id=to) for frm, to in sorted(pairs)],
        ignore_conflicts=True,
    )


def _restore_versions(entry: _Entry, report: ImportReport) -> int:
    """Published versions from our own export, kept as they were frozen."""
    method, record = entry.method, entry.record
    existing = {v.number: v for v in method.versions.all()}
    restored = 0
    for version in sorted(record.versions, key=lambda v: v["number"]):
        known = existing.get(version["number"])
        if known is not None:
            if normalize_content(known.content) != normalize_content(
                version["content"]
            ):
                report.conflicts.append(
                    f"{record.label}: version {version['number']} differs from "
                    "the stored one; kept the stored one"
                )
            continue
        MethodVersion.objects.create(
            method=method,
            number=version["number"],
            status=version["status"],
            content=version["content"],
            change_note=version.get("change_note") or "",
            published_at=datetime.datetime.fromisoformat(version["published_at"]),
            retraction_reason=version.get("retraction_reason") or "",
            retracted_at=_retracted_at(version),
        )
        restored += 1
    if restored:
        refresh_index([method.pk])
    if record.status:
        Method.objects.filter(pk=method.pk).update(status=record.status)
    else:
        mark_edited(method)
    return restored


def _ensure_taxa(taxa: Taxa, report: ImportReport) -> dict[tuple[str, str], str]:
    """Create the fields and families a source brings, reusing equal ones.

    A taxon is the same as an existing one when its slug or its folded
    English name is; the returned map renames the source's slugs to ours.
    """
    renamed: dict[tuple[str, str], str] = {}
    for kind, model, wanted in (
        ("field", ResearchField, taxa.fields),
        ("family", MethodFamily, taxa.families),
    ):
        if not wanted:
            continue
        existing = {taxon.slug: taxon for taxon in model.objects.all()}
        by_name = {name_key(taxon.name_en): slug for slug, taxon in existing.items()}
        for slug, names in wanted.items():
            ours = slug if slug in existing else by_name.get(name_key(names["en"]))
            if ours is None:
                ours = slugify(slug)[:TAXON_SLUG_MAX_LENGTH].strip("-")
                existing[ours] = model.objects.create(
                    slug=ours, name_en=names["en"], name_zh=names.get("zh", "")
                )
                by_name[name_key(names["en"])] = ours
                report.taxa_created.append(f"{kind} {ours}")
            else:
                taxon = existing[ours]
                for lang in LANGUAGES:
                    stored = getattr(taxon, f"name_{lang}") or ""
                    offered = names.get(lang) or ""
                    if offered and stored and name_key(offered) != name_key(stored):
                        report.conflicts.append(
                            f"{kind} {ours}: name ({lang}) kept “{stored}”, "
                            f"the source has “{offered}”"
                        )
            renamed[(kind, slug)] = ours
    return renamed


def _retaxon(content: Content, renamed: dict[tuple[str, str], str]) -> None:
    for kind in ("field", "family"):
        if content[kind]:
            content[kind] = renamed.get((kind, content[kind]), content[kind])


def _retracted_at(version: dict) -> datetime.datetime | None:
    """When a version was retracted; older exports knew only that it was."""
    if version["status"] != Status.RETRACTED:
        return None
    when = version.get("retracted_at") or version["published_at"]
    return datetime.datetime.fromisoformat(when)
