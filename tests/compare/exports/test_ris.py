"""RIS: the comparison as an electronic source, then the references, read back."""

import datetime

import pytest
import rispy

from tests.compare.exports.shown import REFERENCE, shown_comparison

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reference_comparison_reads_back_with_what_the_page_shows(client, language):
    shown = shown_comparison(client, language, m=REFERENCE)

    response = client.get(f"/{language}/compare/references.ris", {"m": REFERENCE})

    comparison, *references = rispy.loads(response.content.decode())
    assert comparison["type_of_reference"] == "ELEC"
    assert comparison["urls"] == [shown.canonical_url]
    assert comparison["access_date"] == datetime.date.today().strftime("%Y/%m/%d")
    assert [ref["type_of_reference"] for ref in references] == ["JOUR", "CONF", "JOUR"]
    assert [ref["title"] for ref in references] == [
        "Multitask learning",
        "Distilling the Knowledge in a Neural Network",
        "A Survey on Transfer Learning",
    ]
    assert [ref["urls"][0] for ref in references] == shown.reference_links
    assert references[1]["authors"] == ["Hinton, G.", "Vinyals, O.", "Dean, J."]
    assert (references[2]["start_page"], references[2]["end_page"]) == ("1345", "1359")


def test_records_are_plain_ris_without_counter_lines(client):
    response = client.get("/en/compare/references.ris", {"m": "transfer-learning"})

    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - ELEC"
    assert all(line[:2].isupper() and line[2:6] == "  - " for line in lines if line)
    assert (
        response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    )
