"""A comparison whose methods are all pinned never changes: its files cite it
as the page does, without a date, and name the pins safely."""

import datetime
import io
from unittest import mock

import bibtexparser
import pytest
import rispy
from pptx import Presentation

from compare.exports.naming import comparison_stem
from tests.compare.exports.shown import shown_comparison

pytestmark = pytest.mark.django_db

PINNED = "transfer-learning@1,knowledge-distillation@1"
PARTLY_PINNED = "transfer-learning@1,knowledge-distillation"
PINNED_STEM = "scholargate-compare-transfer-learning-v1-knowledge-distillation-v1"


def fields(entry) -> dict[str, str]:
    return {field.key: field.value for field in entry.fields}


def test_the_page_cites_a_pinned_comparison_without_a_date(client):
    shown = shown_comparison(client, "en", m=PINNED)

    assert "Retrieved" not in shown.citation


def test_a_pinned_comparison_s_bibtex_has_no_access_date(client):
    shown = shown_comparison(client, "en", m=PINNED)

    response = client.get("/en/compare/references.bib", {"m": PINNED})

    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    comparison = library.entries[0]
    assert fields(comparison)["url"] == shown.canonical_url
    assert "urldate" not in fields(comparison)
    assert "Accessed" not in response.content.decode()


def test_a_pinned_comparison_s_ris_has_no_access_date(client):
    shown = shown_comparison(client, "zh", m=PINNED)

    response = client.get("/zh/compare/references.ris", {"m": PINNED})

    comparison = rispy.loads(response.content.decode())[0]
    assert comparison["urls"] == [shown.canonical_url]
    assert "access_date" not in comparison


def test_a_partly_pinned_comparison_keeps_its_access_date(client):
    today = datetime.date.today()
    shown = shown_comparison(client, "en", m=PARTLY_PINNED)

    bibtex = client.get("/en/compare/references.bib", {"m": PARTLY_PINNED})
    ris = client.get("/en/compare/references.ris", {"m": PARTLY_PINNED})

    assert f"Retrieved {today.isoformat()}" in shown.citation
    entry = bibtexparser.parse_string(bibtex.content.decode()).entries[0]
    assert fields(entry)["urldate"] == today.isoformat()
    assert rispy.loads(ris.content.decode())[0]["access_date"] == (
        today.strftime("%Y/%m/%d")
    )


def test_a_pinned_comparison_s_deck_closes_with_the_page_s_citation(client):
    shown = shown_comparison(client, "en", m=PINNED)

    response = client.get("/en/compare/slides.pptx", {"m": PINNED})

    closing = list(Presentation(io.BytesIO(response.content)).slides)[-1]
    texts = [shape.text_frame.text for shape in closing.shapes if shape.has_text_frame]
    assert shown.citation in texts


def test_pins_are_written_as_version_numbers_in_the_bibtex_key(client):
    response = client.get("/en/compare/references.bib", {"m": PINNED})

    comparison = bibtexparser.parse_string(response.content.decode()).entries[0]
    assert comparison.key == PINNED_STEM


def test_pins_are_written_as_version_numbers_in_the_ris_id(client):
    response = client.get("/en/compare/references.ris", {"m": PINNED})

    assert rispy.loads(response.content.decode())[0]["id"] == PINNED_STEM


@pytest.mark.parametrize("name", ["slides.pptx", "table.csv", "references.bib"])
def test_pins_are_written_as_version_numbers_in_file_names(client, name):
    response = client.get(f"/en/compare/{name}", {"m": PINNED})

    extension = name.rsplit(".", 1)[1]
    assert response["Content-Disposition"] == (
        f'attachment; filename="{PINNED_STEM}.{extension}"'
    )


def test_a_stem_names_pinned_and_latest_methods_side_by_side():
    assert comparison_stem(["transfer-learning@12", "fitnets"]) == (
        "scholargate-compare-transfer-learning-v12-fitnets"
    )


@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_a_pinned_comparison_s_file_is_the_same_in_a_later_year(client, extension):
    url = f"/en/compare/references.{extension}"
    now = client.get(url, {"m": PINNED}).content
    a_later_year = datetime.date(2031, 5, 4)

    with mock.patch("django.utils.timezone.localdate", return_value=a_later_year):
        later = client.get(url, {"m": PINNED}).content

    assert later == now
