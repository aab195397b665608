"""A compare request as one straight walk: selection, cards, rows, citation."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext

from compare.selection import MAX_METHODS, Selection, query_string
from compare.table import Row, build_rows
from methods.cards import Card, cards_for


@dataclass(frozen=True)
class Chip:
    card: Card
    remove_query: str


def token(card: Card) -> str:
    return f"{card.slug}@{card.version}" if card.pinned else card.slug


@dataclass(frozen=True)
class Comparison:
    language: str
    cards: list[Card]
    rows: list[Row]
    only_differences: bool
    unknown: list[str] = field(default_factory=list)
    # (token, card of the latest version) for pins to versions that do not exist.
    unknown_versions: list[tuple[str, Card]] = field(default_factory=list)
    over_limit: list[str] = field(default_factory=list)
    site_url: str = ""
    today: datetime.date | None = None

    @property
    def slugs(self) -> list[str]:
        """What the URL names, pins included: `transfer-learning@1`."""
        return [token(card) for card in self.cards]

    @property
    def pinned_query(self) -> str:
        """The same comparison with every method pinned to the version shown."""
        return query_string(
            [f"{card.slug}@{card.version}" for card in self.cards],
            only_differences=self.only_differences,
        )

    @property
    def all_pinned(self) -> bool:
        return all(card.pinned for card in self.cards)

    @property
    def query(self) -> str:
        return query_string(self.slugs, only_differences=self.only_differences)

    @property
    def all_rows_query(self) -> str:
        return query_string(self.slugs)

    @property
    def only_differences_query(self) -> str:
        return query_string(self.slugs, only_differences=True)

    @property
    def chips(self) -> list[Chip]:
        return [
            Chip(
                card,
                query_string(
                    [other for other in self.slugs if other != token(card)],
                    only_differences=self.only_differences,
                ),
            )
            for card in self.cards
        ]

    def url(self, language: str) -> str:
        """The canonical absolute URL of this comparison in a language."""
        return f"{self.site_url}/{language}/compare/?{query_string(self.slugs)}"

    @property
    def canonical_url(self) -> str:
        return self.url(self.language)

    @property
    def alternates(self) -> list[tuple[str, str]]:
        return [(code, self.url(code)) for code in ("en", "zh")]

    @property
    def english_names(self) -> str:
        return " · ".join(card.english_name for card in self.cards)

    @property
    def names(self) -> str:
        return " · ".join(str(card.name) for card in self.cards)

    @property
    def citation(self) -> str:
        """The line to cite: English names, so it reads the same in any language.

        Pinned versions never change, so their citation needs no retrieval date.
        """
        if self.all_pinned:
            return gettext("ScholarGate method comparison: %(names)s. %(url)s") % {
                "names": self.english_names,
                "url": self.canonical_url,
            }
        return gettext(
            "ScholarGate method comparison: %(names)s. Retrieved %(date)s from %(url)s"
        ) % {
            "names": self.english_names,
            "date": self.today.isoformat() if self.today else "",
            "url": self.canonical_url,
        }


def build_comparison(
    selection: Selection,
    *,
    language: str,
    site_url: str,
    today: datetime.date,
) -> Comparison:
    keys = selection.keys
    # The latest version of each pinned entry too, in the same query, so an
    # unknown version can be told from an unknown entry.
    latest = {(slug, None) for slug, number in keys.values() if number is not None}
    found = cards_for([*keys.values(), *latest], language)
    known = [token for token, key in keys.items() if key in found]
    cards = [found[keys[token]] for token in known[:MAX_METHODS]]
    missing_versions = {
        token: found[(key[0], None)]
        for token, key in keys.items()
        if key not in found and (key[0], None) in found
    }
    return Comparison(
        language=language,
        cards=cards,
        rows=build_rows(cards, only_differences=selection.only_differences),
        only_differences=selection.only_differences,
        unknown=[
            token
            for token in selection.requested
            if token not in known and token not in missing_versions
        ],
        unknown_versions=list(missing_versions.items()),
        over_limit=known[MAX_METHODS:],
        site_url=site_url,
        today=today,
    )
