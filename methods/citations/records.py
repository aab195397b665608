"""What BibTeX and RIS share: who wrote a reference, what kind it is, its key.

The catalogue stores references as the page shows them (APA-like author lists,
one venue string), so the reference managers' structure is read back here,
once, for both formats.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from django.utils import timezone

from methods.cards import Card, Citation

Kind = Literal["article", "inproceedings", "book", "misc"]

_INITIALS = re.compile(r"^(?:[^\W\d_]\.[\s-]*)+$")
_SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}
_CONFERENCE_WORDS = ("proceedings", "conference", "workshop", "findings", "symposium")
_KEY_STOPWORDS = {"a", "an", "the", "on", "of", "for", "in", "and", "to", "with"}


@dataclass(frozen=True)
class Person:
    """One author; a corporate author has only a surname and is kept whole."""

    surname: str
    given: str = ""
    suffix: str = ""
    corporate: bool = False


@dataclass(frozen=True)
class WebRecord:
    """A ScholarGate page as something to cite: a comparison or an entry.

    A page that never changes (a version, a fully pinned comparison) is
    cited without an access date: `accessed` is None.
    """

    key: str
    title: str
    url: str
    accessed: datetime.date | None
    year: int
    note: str = ""


@dataclass(frozen=True)
class Reference:
    key: str
    citation: Citation


def split_authors(authors: str) -> list[Person]:
    """`Pan, S. J., & Yang, Q.` as two people; anything else as one corporate author."""
    parts = [part.strip() for part in re.split(r",|&", authors) if part.strip()]
    people: list[Person] = []
    index = 0
    while index < len(parts):
        if index + 1 >= len(parts) or not _INITIALS.match(parts[index + 1]):
            return [Person(authors.strip(), corporate=True)] if authors.strip() else []
        surname, given = parts[index], parts[index + 1]
        index += 2
        suffix = ""
        if index < len(parts) and parts[index] in _SUFFIXES:
            suffix = parts[index]
            index += 1
        people.append(Person(surname, given, suffix))
    return people


def kind(citation: Citation) -> Kind:
    venue = citation.venue.casefold()
    if citation.volume:
        return "article"
    if any(word in venue for word in _CONFERENCE_WORDS):
        return "inproceedings"
    if not venue or venue.startswith("arxiv"):
        return "misc"
    return "book"


def page_range(pages: str) -> tuple[str, str]:
    """`41–75` as (`41`, `75`); a single page as (`41`, ``)."""
    match = re.fullmatch(r"\s*(\S+?)\s*[–—-]+\s*(\S+)\s*", pages)
    return (match[1], match[2]) if match else (pages.strip(), "")


def ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def unique_references(cards: list[Card]) -> list[Reference]:
    """Each reference once, in column order, with a stable, unique key."""
    seen: dict[Citation, str] = {}
    taken: set[str] = set()
    for card in cards:
        for citation in card.references:
            if citation in seen:
                continue
            base = _base_key(citation)
            key, suffix = base, ord("a")
            while key in taken:
                suffix += 1
                key = base + chr(suffix)
            taken.add(key)
            seen[citation] = key
    return [Reference(key, citation) for citation, key in seen.items()]


def _base_key(citation: Citation) -> str:
    people = split_authors(citation.authors)
    surname = ascii_word(people[0].surname) if people else ""
    words = [ascii_word(word) for word in citation.title.split()]
    first_word = next(
        (word for word in words if word and word not in _KEY_STOPWORDS), ""
    )
    return f"{surname or 'anon'}{citation.year or ''}{first_word}"


def entry_record(card: Card, *, url: str, accessed: datetime.date | None) -> WebRecord:
    """The entry at the version shown; a retracted version says so, and why."""
    note = f"ScholarGate catalogue entry, version {card.version}"
    if card.is_retracted:
        note += ". Retracted"
        if card.retracted_at:
            # The day as the version's page shows it, in the site's time zone.
            note += f" {timezone.localdate(card.retracted_at).isoformat()}"
        note += f": {card.retraction_reason}"
    return WebRecord(
        key=f"scholargate-{card.slug}-v{card.version}",
        title=card.english_name,
        url=url,
        accessed=accessed,
        year=card.published_at.year,
        note=note,
    )
