"""A version's own citation and references: they cite that version, forever."""

import datetime

import bibtexparser
import pytest
import rispy
from django.utils import timezone

from methods.citations.files import MAX_STEM_LENGTH, entry_stem
from methods.models import Method, MethodVersion
from methods.publishing import publish, retract
from tests.pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_version() -> MethodVersion:
    method = Method.objects.get(slug="transfer-learning")
    method.summary_en = method.summary_en.replace("less data", "far less data")
    method.save()
    return publish(method, note="Clearer summary.")


def fields(entry) -> dict[str, str]:
    return {field.key: field.value for field in entry.fields}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_version_s_bibtex_cites_that_version_once_a_newer_one_exists(
    client, second_version, language
):
    response = client.get(f"/{language}/methods/transfer-learning/v/1/references.bib")

    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    entry, reference = library.entries
    assert entry.key == "scholargate-transfer-learning-v1"
    assert fields(entry)["url"] == (
        f"http://testserver/{language}/methods/transfer-learning/v/1/"
    )
    assert fields(entry)["note"] == "ScholarGate catalogue entry, version 1"
    assert "urldate" not in fields(entry)
    assert reference.fields_dict["doi"].value == "10.1109/TKDE.2009.191"


def test_a_version_s_ris_cites_that_version_without_an_access_date(
    client, second_version
):
    response = client.get("/en/methods/transfer-learning/v/1/references.ris")

    entry, reference = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["id"] == "scholargate-transfer-learning-v1"
    assert entry["urls"] == ["http://testserver/en/methods/transfer-learning/v/1/"]
    assert "access_date" not in entry
    assert reference["doi"] == "10.1109/TKDE.2009.191"


def test_the_latest_files_cite_the_latest_version_with_an_access_date(
    client, second_version
):
    response = client.get("/en/methods/transfer-learning/references.bib")

    entry = bibtexparser.parse_string(response.content.decode()).entries[0]
    assert entry.key == "scholargate-transfer-learning-v2"
    assert fields(entry)["url"] == "http://testserver/en/methods/transfer-learning/v/2/"
    assert fields(entry)["urldate"] == datetime.date.today().isoformat()


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [
        ("bib", "application/x-bibtex; charset=utf-8"),
        ("ris", "application/x-research-info-systems; charset=utf-8"),
    ],
)
def test_a_version_s_files_are_named_for_the_version(client, extension, content_type):
    response = client.get(f"/en/methods/transfer-learning/v/1/references.{extension}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="scholargate-transfer-learning-v1-references.{extension}"'
    )


def test_an_overlong_slug_is_cut_before_the_version_it_names():
    stem = entry_stem("x" * 300, 12)

    assert len(stem) == MAX_STEM_LENGTH
    assert stem.endswith("x-v12")


@pytest.mark.parametrize("extension", ["bib", "ris"])
@pytest.mark.parametrize("number", ["0", "9", "2147483648", "99999999999"])
def test_a_version_that_does_not_exist_has_no_files(client, extension, number):
    response = client.get(
        f"/en/methods/transfer-learning/v/{number}/references.{extension}"
    )

    assert response.status_code == 404


@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_an_unknown_entry_has_no_version_files(client, extension):
    response = client.get(f"/en/methods/no-such-method/v/1/references.{extension}")

    assert response.status_code == 404


def test_a_retracted_version_is_exported_with_its_retraction(client):
    version = MethodVersion.objects.get(method__slug="fitnets")
    retract(version, user=None, reason="The venue was wrong.")
    day = timezone.localdate(version.retracted_at).isoformat()

    bibtex = client.get("/en/methods/fitnets/v/1/references.bib")
    ris = client.get("/en/methods/fitnets/v/1/references.ris")

    note = (
        f"ScholarGate catalogue entry, version 1. Retracted {day}: The venue was wrong."
    )
    entry = bibtexparser.parse_string(bibtex.content.decode()).entries[0]
    assert fields(entry)["note"] == note
    assert rispy.loads(ris.content.decode())[0]["notes"] == [note]


@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_a_version_export_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, extension
):
    # The catalogue generation, the version, field and family names.
    with django_assert_num_queries(4):
        client.get(f"/en/methods/fitnets/v/1/references.{extension}")


@pytest.mark.parametrize("extension", ["bib", "ris"])
def test_version_exports_refuse_writes(client, extension):
    response = client.post(f"/en/methods/fitnets/v/1/references.{extension}")

    assert response.status_code == 405


def test_a_version_s_page_links_its_own_files(client, second_version):
    response = client.get("/zh/methods/transfer-learning/v/1/")

    links = [a["href"] for a in page(response).select(".export-links a")]
    assert links == [
        "/zh/methods/transfer-learning/v/1/references.bib",
        "/zh/methods/transfer-learning/v/1/references.ris",
    ]


def test_the_latest_page_links_the_latest_files(client, second_version):
    response = client.get("/zh/methods/transfer-learning/")

    links = [a["href"] for a in page(response).select(".export-links a")]
    assert links == [
        "/zh/methods/transfer-learning/references.bib",
        "/zh/methods/transfer-learning/references.ris",
    ]
