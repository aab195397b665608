"""BibTeX: the comparison as a @misc, then the seminal references, parsed back."""

import datetime

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

from methods.cards import latest_cards
from methods.citations.bibtex import write_bibtex
from methods.citations.records import WebRecord
from tests.builders import make_published
from tests.compare.exports.shown import REFERENCE, shown_comparison

pytestmark = pytest.mark.django_db


def parse(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware()]
    )
    assert library.failed_blocks == []
    return library


def fields(entry) -> dict[str, str]:
    return {field.key: field.value for field in entry.fields}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reference_comparison_parses_back_with_what_the_page_shows(
    client, language
):
    shown = shown_comparison(client, language, m=REFERENCE)

    response = client.get(f"/{language}/compare/references.bib", {"m": REFERENCE})

    comparison, *references = parse(response.content.decode()).entries
    assert comparison.entry_type == "misc"
    assert fields(comparison)["url"] == shown.canonical_url
    assert fields(comparison)["urldate"] == datetime.date.today().isoformat()
    assert (
        "Multitask Learning · Knowledge Distillation · Transfer Learning"
        in (fields(comparison)["title"])
    )
    assert [ref.key for ref in references] == [
        "caruana1997multitask",
        "hinton2015distilling",
        "pan2010survey",
    ]
    titles = [fields(ref)["title"] for ref in references]
    assert titles == [
        "Multitask learning",
        "Distilling the Knowledge in a Neural Network",
        "A Survey on Transfer Learning",
    ]
    for title, row_text in zip(titles, shown.rows[5].cells, strict=True):
        assert title in row_text
    links = [
        f"https://doi.org/{f['doi']}" if "doi" in f else f["url"]
        for f in map(fields, references)
    ]
    assert links == shown.reference_links


def test_authors_are_joined_with_and(client):
    response = client.get("/en/compare/references.bib", {"m": "knowledge-distillation"})

    reference = parse(response.content.decode()).entries[1]
    assert fields(reference)["author"] == "Hinton, G. and Vinyals, O. and Dean, J."


def test_journal_articles_carry_volume_issue_and_a_page_range(client):
    response = client.get("/en/compare/references.bib", {"m": "transfer-learning"})

    reference = parse(response.content.decode()).entries[1]
    assert reference.entry_type == "article"
    assert {
        key: fields(reference)[key] for key in ("journal", "volume", "number", "pages")
    } == {
        "journal": "IEEE Transactions on Knowledge and Data Engineering",
        "volume": "22",
        "number": "10",
        "pages": "1345–1359",
    }


def test_a_reference_shared_by_two_methods_is_written_once(client):
    response = client.get(
        "/en/compare/references.bib",
        {"m": "knowledge-distillation,knowledge-distillation"},
    )

    assert len(parse(response.content.decode()).entries) == 2


def test_latex_specials_and_chinese_text_survive_the_round_trip():
    make_published(
        slug="odd-reference",
        references=[
            {
                "authors": "Ward, J. H., Jr., & 王, 小.",
                "year": 2020,
                "title": "DistilBERT & 100% of {braces}: 知识蒸馏_综述",
                "venue": "Proceedings of Odd Things #3",
                "url": "https://example.org/odd?a=1&b=2",
            }
        ],
    )
    card = latest_cards(["odd-reference"], "en")["odd-reference"]
    record = WebRecord(
        "k", "Title", "https://example.org", datetime.date(2026, 1, 2), 2026
    )

    text = write_bibtex(record, [card])

    reference = parse(text).entries[1]
    raw = bibtexparser.parse_string(text).entries[1]
    assert reference.entry_type == "inproceedings"
    assert fields(reference)["title"] == "DistilBERT & 100% of {braces}: 知识蒸馏_综述"
    assert fields(reference)["booktitle"] == "Proceedings of Odd Things #3"
    assert fields(raw)["url"] == "https://example.org/odd?a=1&b=2"
    assert fields(reference)["author"] == "Ward, Jr., J. H. and 王, 小."


def test_capitalised_words_are_protected_from_lowercasing_styles():
    make_published(
        slug="capitals",
        references=[
            {
                "authors": "Sanh, V.",
                "year": 2019,
                "title": "DistilBERT, a model",
                "url": "https://example.org",
            }
        ],
    )
    card = latest_cards(["capitals"], "en")["capitals"]
    record = WebRecord(
        "k", "Title", "https://example.org", datetime.date(2026, 1, 2), 2026
    )

    text = write_bibtex(record, [card])

    assert "title = {{DistilBERT,} a model}" in text
