"""An entry's own page: every attribute of its latest published version."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    return client.get("/en/methods/knowledge-distillation/").content.decode()


def test_it_shows_every_attribute(page):
    for text in [
        "<h1 >Knowledge Distillation</h1>",
        "Knowledge distillation compresses a large teacher model",
        "Deep learning",
        "Machine learning",
        "2015",
        "Hinton",
    ]:
        assert text in page


def test_field_and_family_link_to_the_filtered_list(page):
    assert 'href="/en/methods/?field=deep-learning"' in page
    assert 'href="/en/methods/?family=machine-learning"' in page


def test_aliases_are_grouped_by_language(page):
    assert '<dt lang="tr">Türkçe</dt>' in page
    assert '<dt lang="en">English</dt>' in page
    assert page.index("Bilgi Damıtma") < page.index("teacher-student distillation")


def test_references_link_out_by_doi(client):
    html = client.get("/en/methods/transfer-learning/").content.decode()

    assert 'href="https://doi.org/10.1109/TKDE.2009.191" rel="external"' in html


def test_related_entries_are_links_in_the_page_language(client):
    html = client.get("/zh/methods/multitask-learning/").content.decode()

    assert '<a href="/zh/methods/transfer-learning/" >迁移学习</a>' in html


def test_the_dataset_record_shows_version_status_and_sources(page):
    assert "<dd>v1</dd>" in page
    assert "<dd>Published</dd>" in page
    assert "accessed 2026-" in page


def test_it_has_a_citation_line(page):
    today = datetime.date.today().isoformat()

    assert (
        f"ScholarGate: Knowledge Distillation (v1). Retrieved {today} from "
        "http://testserver/en/methods/knowledge-distillation/"
    ) in page


def test_the_citation_uses_the_public_address_when_set(client, settings):
    settings.SITE_URL = "https://scholargate.example"

    html = client.get("/en/methods/fitnets/").content.decode()

    assert "from https://scholargate.example/en/methods/fitnets/" in html


def test_it_has_canonical_alternates_and_a_description(page):
    assert (
        '<link rel="canonical" href="http://testserver/en/methods/knowledge-distillation/">'
        in page
    )
    assert (
        '<link rel="alternate" hreflang="zh" href="http://testserver/zh/methods/knowledge-distillation/">'
        in page
    )
    assert '<meta name="description" content="Knowledge distillation compresses' in page


def test_add_to_compare_works_without_javascript(client):
    html = client.get("/en/methods/fitnets/").content.decode()
    assert 'name="action" value="add"' in html

    response = client.post(
        "/en/methods/tray/",
        {"action": "add", "slug": "fitnets", "next": "/en/methods/fitnets/"},
    )
    html = client.get(response["Location"]).content.decode()

    assert "Remove from compare" in html
    assert 'href="/en/compare/?m=fitnets"' in html


def test_add_to_compare_with_htmx_updates_the_button(client):
    response = client.post(
        "/en/methods/tray/",
        {"action": "add", "slug": "fitnets", "entry": "fitnets"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert 'id="entry-tray-button"' in html
    assert 'hx-swap-oob="true"' in html
    assert "Remove from compare" in html


def test_unknown_slugs_get_the_localized_404(client):
    response = client.get("/zh/methods/no-such-method/")

    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_drafts_are_not_shown(client):
    from tests.builders import make_method

    make_method(slug="only-a-draft")

    assert client.get("/en/methods/only-a-draft/").status_code == 404


def test_the_entry_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    # The catalogue generation, the entry's version, field and family names
    # (kept after), then the versions of related and ticked entries.
    with django_assert_num_queries(5):
        client.get("/en/methods/multitask-learning/")


def test_a_repeated_entry_request_is_answered_with_not_modified(client):
    client.get("/en/methods/multitask-learning/")  # sets the CSRF cookie
    etag = client.get("/en/methods/multitask-learning/")["ETag"]

    response = client.get(
        "/en/methods/multitask-learning/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 304


def test_a_readers_first_revalidation_is_answered_with_not_modified(client):
    # The first visit sets the form token's cookie; its validator names it.
    etag = client.get("/en/methods/multitask-learning/")["ETag"]

    response = client.get(
        "/en/methods/multitask-learning/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 304


def test_a_reader_without_a_form_token_cookie_gets_the_whole_page(client):
    # A copy kept from before holds a token for a cookie they no longer have.
    etag = client.get("/en/methods/multitask-learning/")["ETag"]
    client.cookies.clear()

    response = client.get(
        "/en/methods/multitask-learning/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 200


def test_not_modified_keeps_an_entry_page_private(client):
    client.get("/en/methods/multitask-learning/")
    etag = client.get("/en/methods/multitask-learning/")["ETag"]

    response = client.get(
        "/en/methods/multitask-learning/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 304
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_ticking_a_method_changes_the_entry_page_validator(client):
    client.get("/en/methods/multitask-learning/")
    etag = client.get("/en/methods/multitask-learning/")["ETag"]
    client.post("/en/methods/tray/", {"action": "add", "slug": "fitnets"})

    response = client.get(
        "/en/methods/multitask-learning/", headers={"If-None-Match": etag}
    )

    assert response.status_code == 200
    assert "FitNets" in response.content.decode()


def test_entry_pages_are_private_to_the_reader(client):
    response = client.get("/en/methods/multitask-learning/")

    assert "private" in response["Cache-Control"]
    assert response.has_header("ETag")
