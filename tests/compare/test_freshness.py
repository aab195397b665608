"""The compare page tells browsers and caches when it has not changed."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache

from methods.models import Method
from methods.publishing import publish
from tests.pages import page, text

pytestmark = pytest.mark.django_db

LATEST = "/en/compare/?m=transfer-learning,multitask-learning"
PINNED = "/en/compare/?m=transfer-learning@1,multitask-learning@1"


def test_a_repeated_request_is_answered_with_not_modified(client):
    etag = client.get(LATEST)["ETag"]

    response = client.get(LATEST, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response["ETag"] == etag


def test_not_modified_costs_one_query(client, django_assert_num_queries):
    etag = client.get(LATEST)["ETag"]

    with django_assert_num_queries(1):
        client.get(LATEST, headers={"If-None-Match": etag})


def test_a_page_rendered_before_is_served_for_one_query(
    client, django_assert_num_queries
):
    first = client.get(LATEST)

    with django_assert_num_queries(1):
        again = client.get(LATEST)

    assert again.content == first.content


def test_publishing_a_version_changes_the_page_validator(client):
    etag = client.get(LATEST)["ETag"]
    method = Method.objects.get(slug="transfer-learning")
    method.sources.first().delete()
    method.save()
    publish(method)

    response = client.get(LATEST, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "<span>v2</span>" in response.content.decode()


def test_each_language_and_the_htmx_partial_have_their_own_validator(client):
    english = client.get(LATEST)["ETag"]
    chinese = client.get(LATEST.replace("/en/", "/zh/"))["ETag"]
    partial = client.get(LATEST, headers={"HX-Request": "true"})

    assert len({english, chinese, partial["ETag"]}) == 3
    assert "HX-Request" in partial["Vary"]


def test_latest_versions_are_revalidated_on_every_use(client):
    response = client.get(LATEST)

    assert "no-cache" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_a_comparison_of_pinned_versions_may_be_kept_for_a_week(client):
    response = client.get(PINNED)

    assert "public" in response["Cache-Control"]
    assert "max-age=604800" in response["Cache-Control"]


def test_a_comparison_of_pinned_versions_is_cited_without_a_retrieval_date(client):
    response = client.get(PINNED)

    citation = text(page(response).select_one("#citation"))
    assert citation == (
        "ScholarGate method comparison: Transfer Learning · Multitask Learning. "
        "http://testserver/en/compare/?m=transfer-learning@1,multitask-learning@1"
    )


def test_a_pinned_comparison_is_the_same_page_on_another_day(client):
    first = client.get(PINNED)["ETag"]
    another_day = datetime.date(2031, 5, 4)
    with mock.patch("django.utils.timezone.localdate", return_value=another_day):
        later = client.get(PINNED, headers={"If-None-Match": first})

    assert later.status_code == 304


def test_the_page_sets_no_cookie(client):
    response = client.get(PINNED)

    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize(
    "query", ["transfer-learning@9", "no-such-method@1,transfer-learning@1"]
)
def test_a_pinned_comparison_that_leaves_something_out_is_revalidated(client, query):
    response = client.get("/en/compare/", {"m": query})

    assert "no-cache" in response["Cache-Control"]
    assert "max-age" not in response["Cache-Control"]


def test_a_weak_validator_is_answered_with_not_modified(client):
    # Proxies that compress a page weaken its validator (nginx's gzip does).
    etag = client.get(LATEST)["ETag"]

    response = client.get(LATEST, headers={"If-None-Match": f"W/{etag}"})

    assert response.status_code == 304


def test_not_modified_repeats_the_pages_caching_headers(client):
    first = client.get(LATEST)

    response = client.get(LATEST, headers={"If-None-Match": first["ETag"]})

    assert response["Cache-Control"] == first["Cache-Control"]
    assert response["Vary"] == first["Vary"]


def test_not_modified_for_a_pinned_comparison_keeps_it_for_a_week(client):
    etag = client.get(PINNED)["ETag"]
    cache.clear()  # another worker, which has not rendered this comparison

    response = client.get(PINNED, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert "max-age=604800" in response["Cache-Control"]
