"""RIS: the page itself as an electronic source, then each seminal reference once.

Written by hand because RIS is a handful of `TAG  - value` lines, and the
library that reads it back (rispy, used by the tests) prefixes each record
with a counter line that other readers do not expect.
"""

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

_TYPES = {"article": "JOUR", "inproceedings": "CONF", "book": "BOOK", "misc": "GEN"}
_LINE_END = "\r\n"


def write_ris(record: WebRecord, cards: list[Card]) -> str:
    records = [_web_lines(record)]
    records += [_reference_lines(ref) for ref in unique_references(cards)]
    return "".join(_record(lines) for lines in records)


def ris_name(person: Person) -> str:
    if person.corporate:
        return person.surname
    return ", ".join(
        part for part in (person.surname, person.given, person.suffix) if part
    )


def _record(lines: list[tuple[str, str]]) -> str:
    """One record; values are flattened to one line, since RIS has no continuation."""
    body = [f"{tag}  - {' '.join(value.split())}" for tag, value in lines if value]
    return _LINE_END.join([*body, "ER  - ", ""]) + _LINE_END


def _web_lines(record: WebRecord) -> list[tuple[str, str]]:
    return [
        ("TY", "ELEC"),
        ("ID", record.key),
        ("AU", "ScholarGate"),
        ("TI", record.title),
        ("PY", str(record.year)),
        ("UR", record.url),
        ("Y2", record.accessed.strftime("%Y/%m/%d") if record.accessed else ""),
        ("N1", record.note),
    ]


def _reference_lines(reference: Reference) -> list[tuple[str, str]]:
    citation = reference.citation
    entry_type = kind(citation)
    first_page, last_page = page_range(citation.pages)
    lines = [("TY", _TYPES[entry_type]), ("ID", reference.key)]
    lines += [("AU", ris_name(person)) for person in split_authors(citation.authors)]
    lines += [
        ("PY", str(citation.year or "")),
        ("TI", citation.title),
        ("PB" if entry_type == "book" else "T2", citation.venue),
        ("VL", citation.volume),
        ("IS", citation.issue),
        ("SP", first_page),
        ("EP", last_page),
        ("DO", citation.doi),
        ("UR", citation.href),
    ]
    return lines
