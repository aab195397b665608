"""An entry's own references and citation, as BibTeX and RIS."""

import datetime

import bibtexparser
import pytest
import rispy
from django.template.loader import render_to_string

from methods.cards import latest_cards

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_bibtex_file_cites_the_entry_and_its_references(client, language):
    response = client.get(f"/{language}/methods/knowledge-distillation/references.bib")

    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    entry, reference = library.entries
    assert entry.entry_type == "misc"
    assert entry.key == "scholargate-knowledge-distillation-v1"
    assert entry.fields_dict["url"].value == (
        f"http://testserver/{language}/methods/knowledge-distillation/v/1/"
    )
    assert entry.fields_dict["urldate"].value == datetime.date.today().isoformat()
    assert entry.fields_dict["title"].value == "Knowledge Distillation"
    assert reference.fields_dict["title"].value == (
        "Distilling the Knowledge in a Neural Network"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="scholargate-knowledge-distillation-references.bib"'
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_ris_file_reads_back_with_the_entry_first(client, language):
    response = client.get(f"/{language}/methods/transfer-learning/references.ris")

    entry, reference = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["urls"] == [
        f"http://testserver/{language}/methods/transfer-learning/v/1/"
    ]
    assert reference["doi"] == "10.1109/TKDE.2009.191"
    assert reference["authors"] == ["Pan, S. J.", "Yang, Q."]


@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_an_unknown_entry_is_404(client, extension):
    response = client.get(f"/en/methods/no-such-method/references.{extension}")

    assert response.status_code == 404


@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_an_entry_export_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, extension
):
    # The catalogue generation, the version, field and family names.
    with django_assert_num_queries(4):
        client.get(f"/en/methods/fitnets/references.{extension}")


def test_the_export_links_include_points_at_both_files():
    card = latest_cards(["fitnets"], "en")["fitnets"]

    html = render_to_string("methods/_export_links.html", {"card": card})

    assert 'href="/en/methods/fitnets/references.bib"' in html
    assert 'href="/en/methods/fitnets/references.ris"' in html
