"""The compare table: one row per attribute, and which rows differ.

Rows differ by their values, never by rendered strings: taxonomy by
identity, texts by normalised English text (so both languages highlight the
same rows), lists as sets, counts as numbers, the dataset record by version,
source count and status. A missing value differs from a present one.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from methods.cards import Card, LocalText


def normalise(text: str | None) -> str | None:
    """White space and case folded; empty text counts as missing."""
    folded = " ".join((text or "").split()).casefold()
    return folded or None


@dataclass(frozen=True)
class Attribute:
    key: str
    label: Promise
    display: Callable[[Card], Any]
    identity: Callable[[Card], Hashable]


ATTRIBUTES = [
    Attribute(
        "field",
        _("Field"),
        lambda card: card.field,
        lambda card: card.field.slug if card.field else None,
    ),
    Attribute(
        "family",
        _("Method family"),
        lambda card: card.family,
        lambda card: card.family.slug if card.family else None,
    ),
    Attribute(
        "origin_year",
        _("Origin year"),
        lambda card: card.origin_year_text,
        lambda card: normalise(card.english.get("origin_year_text")),
    ),
    Attribute(
        "proposers",
        _("Proposed by"),
        lambda card: card.proposers,
        lambda card: normalise(card.proposers),
    ),
    Attribute(
        "type",
        _("Type"),
        lambda card: card.method_type,
        lambda card: normalise(card.english.get("type")),
    ),
    Attribute(
        "seminal_reference",
        _("Seminal reference"),
        lambda card: card.references,
        lambda card: tuple(normalise(ref.text) for ref in card.references) or None,
    ),
    Attribute(
        "aliases",
        _("Aliases"),
        lambda card: card.aliases,
        lambda card: frozenset(normalise(alias.name) for alias in card.aliases) or None,
    ),
    Attribute(
        "related",
        _("Related"),
        lambda card: card.related,
        lambda card: len(card.related),
    ),
    Attribute(
        "summary",
        _("Summary"),
        lambda card: card.summary,
        lambda card: normalise(card.english.get("summary")),
    ),
    Attribute(
        "dataset",
        _("ScholarGate dataset"),
        lambda card: card,
        lambda card: (card.version, len(card.sources), card.status),
    ),
]


@dataclass(frozen=True)
class Cell:
    card: Card
    value: Any

    @property
    def missing(self) -> bool:
        return self.value is None or self.value == "" or self.value == ()

    @property
    def lang(self) -> str | None:
        """Set when the text fell back to English on a Chinese page."""
        if isinstance(self.value, LocalText) and self.value.fallback:
            return self.value.lang
        return None


@dataclass(frozen=True)
class Row:
    key: str
    label: Promise
    cells: tuple[Cell, ...]
    differs: bool


def build_rows(cards: list[Card], *, only_differences: bool = False) -> list[Row]:
    differing = differing_keys(cards)
    rows = [
        Row(
            key=attribute.key,
            label=attribute.label,
            cells=tuple(Cell(card, attribute.display(card)) for card in cards),
            differs=attribute.key in differing,
        )
        for attribute in ATTRIBUTES
    ]
    return [row for row in rows if row.differs] if only_differences else rows


def differing_keys(cards: list[Card]) -> set[str]:
    """The attributes whose values are not all the same; none for one card."""
    if len(cards) < 2:
        return set()
    return {
        attribute.key
        for attribute in ATTRIBUTES
        if len({attribute.identity(card) for card in cards}) > 1
    }


MISSING_TEXT = "—"


def cell_text(key: str, cell: Cell) -> str:
    """What the page shows in a cell, as plain text for files.

    Links become their addresses, since a file cannot follow "DOI ↗"; several
    references stand one per line.
    """
    if cell.missing:
        return MISSING_TEXT
    if key in ("field", "family"):
        return str(cell.value.name)
    if key == "seminal_reference":
        return "\n".join(f"{ref.text} {ref.href}".strip() for ref in cell.value)
    if key == "aliases":
        return ", ".join(alias.name for alias in cell.value)
    if key == "related":
        return str(len(cell.value))
    if key == "dataset":
        return dataset_text(cell.card)
    return str(cell.value)


def dataset_text(card: Card) -> str:
    count = len(card.sources)
    sources = ngettext("%(counter)s source", "%(counter)s sources", count) % {
        "counter": count
    }
    return f"v{card.version} · {sources} · {card.status_code}"
