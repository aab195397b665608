"""Importers: public method datasets and our own export, into the catalogue.

Each format module reads a file into `Record`s; `merge.import_records`
matches them against the catalogue and writes them through
`methods.content`, in one transaction.
"""

from dataclasses import dataclass, field
from typing import Any

from methods.content import Content


class ImportFailed(Exception):
    """A file, or one of its records, that cannot be imported; nothing was."""


@dataclass
class Record:
    """One entry as a source describes it, before it meets the catalogue."""

    label: str  # how messages name it, e.g. "record 12 (fsaf)"
    content: Content  # normalised; its slug is only a proposal
    key: str  # the record's identifier in its source, for cross-links
    links: list[str] = field(default_factory=list)  # keys of related records
    # Our own export names entries by slug, so a slug alone identifies one.
    trust_slug: bool = False
    status: str | None = None
    versions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Taxa:
    """Fields and families a source brings, by proposed slug: {slug: {lang: name}}."""

    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    families: dict[str, dict[str, str]] = field(default_factory=dict)
