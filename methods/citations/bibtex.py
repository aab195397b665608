"""BibTeX: the page itself as a @misc, then each seminal reference once."""

import re

import bibtexparser
from bibtexparser.model import Entry, Field

from methods.cards import Card
from methods.citations.records import (
    Person,
    Reference,
    WebRecord,
    kind,
    page_range,
    split_authors,
    unique_references,
)

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_VENUE_FIELD = {
    "article": "journal",
    "inproceedings": "booktitle",
    "book": "publisher",
    "misc": "howpublished",
}


def write_bibtex(record: WebRecord, cards: list[Card]) -> str:
    library = bibtexparser.Library()
    library.add(_web_entry(record))
    for reference in unique_references(cards):
        library.add(_reference_entry(reference))
    return bibtexparser.write_string(library)


def escape(text: str) -> str:
    """Text as LaTeX reads it literally; Unicode stays as it is (biber and
    modern BibTeX read UTF-8)."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def protect_capitals(title: str) -> str:
    """Brace words like `DistilBERT` so that styles that lowercase titles keep them."""
    return re.sub(
        r"\S*[A-Z]\S*[A-Z]\S*",
        lambda word: "{" + word[0] + "}",
        escape(title),
    )


def bibtex_name(person: Person) -> str:
    if person.corporate:
        return "{" + escape(person.surname) + "}"
    parts = [escape(person.surname)]
    if person.suffix:
        parts.append(escape(person.suffix))
    parts.append(escape(person.given))
    return ", ".join(parts)


def _web_entry(record: WebRecord) -> Entry:
    candidates = [
        ("author", "{ScholarGate}"),
        ("title", protect_capitals(record.title)),
        ("year", str(record.year)),
        ("url", record.url),
        ("urldate", record.accessed.isoformat() if record.accessed else ""),
        ("note", escape(_note(record))),
    ]
    fields = [Field(name, value) for name, value in candidates if value]
    return Entry("misc", record.key, fields)


def _note(record: WebRecord) -> str:
    """The record's note, then the access date for styles that ignore urldate."""
    if record.accessed is None:
        return record.note
    accessed = f"Accessed {record.accessed.isoformat()}"
    return f"{record.note}. {accessed}" if record.note else accessed


def _reference_entry(reference: Reference) -> Entry:
    citation = reference.citation
    entry_type = kind(citation)
    people = split_authors(citation.authors)
    candidates = [
        ("author", " and ".join(bibtex_name(person) for person in people)),
        ("title", protect_capitals(citation.title)),
        (_VENUE_FIELD[entry_type], escape(citation.venue)),
        ("year", str(citation.year or "")),
        ("volume", escape(citation.volume)),
        ("number", escape(citation.issue)),
        ("pages", "--".join(part for part in page_range(citation.pages) if part)),
        ("doi", citation.doi),
        ("url", "" if citation.doi else citation.url),
    ]
    fields = [Field(name, value) for name, value in candidates if value]
    return Entry(entry_type, reference.key, fields)
