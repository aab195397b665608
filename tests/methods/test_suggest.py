"""Suggestions as the reader types: a fragment of at most eight links."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_suggests_entries_linking_to_their_pages(client):
    response = client.get("/en/methods/suggest/?q=distil")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<a href="/en/methods/distilbert/">' in html
    assert '<a href="/en/methods/knowledge-distillation/">' in html


def test_suggestions_use_the_page_language(client):
    response = client.get("/zh/methods/suggest/?q=蒸馏")

    assert '<a href="/zh/methods/knowledge-distillation/">' in response.content.decode()
    assert "知识蒸馏" in response.content.decode()


def test_at_most_eight_suggestions(client):
    response = client.get("/en/methods/suggest/?q=e")

    assert response.content.decode().count("<li>") == 8


def test_for_the_compare_page_suggestions_add_to_the_comparison(client):
    response = client.get(
        "/en/methods/suggest/?q=distil&compare=transfer-learning,fitnets"
    )

    html = response.content.decode()
    assert 'href="/en/compare/?m=transfer-learning,fitnets,distilbert"' in html
    assert "m=transfer-learning,fitnets,fitnets" not in html


def test_a_full_comparison_gets_suggestions_to_entry_pages_not_a_seventh_column(
    client,
):
    six = "multitask-learning,knowledge-distillation,transfer-learning,fitnets,tinybert,model-compression"

    response = client.get(f"/en/methods/suggest/?q=distilbert&compare={six}")

    html = response.content.decode()
    assert 'href="/en/methods/distilbert/"' in html
    assert "/compare/" not in html


def test_an_empty_query_suggests_nothing(client):
    response = client.get("/en/methods/suggest/?q=")

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize("query", ["q=%00", "q=" + "x" * 5000, "compare=%00,,,", ""])
def test_odd_input_never_breaks_suggestions(client, query):
    assert client.get(f"/en/methods/suggest/?{query}").status_code == 200


def test_suggestions_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The ranked matches, the generation, the cards' versions, field and
    # family names.
    with django_assert_num_queries(5):
        client.get("/en/methods/suggest/?q=learning")


def test_repeated_suggestions_are_answered_with_not_modified(client):
    etag = client.get("/en/methods/suggest/?q=learning")["ETag"]

    response = client.get(
        "/en/methods/suggest/?q=learning", headers={"If-None-Match": etag}
    )

    assert response.status_code == 304


def test_another_query_has_its_own_suggestions_validator(client):
    learning = client.get("/en/methods/suggest/?q=learning")["ETag"]

    response = client.get(
        "/en/methods/suggest/?q=distil", headers={"If-None-Match": learning}
    )

    assert response.status_code == 200
    assert "DistilBERT" in response.content.decode()


def test_the_header_search_box_suggests_and_works_without_javascript(client):
    html = client.get("/en/").content.decode()

    assert 'action="/en/methods/" method="get" data-suggest' in html
    assert 'hx-get="/en/methods/suggest/"' in html
