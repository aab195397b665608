"""The site shell: languages in URLs, the switch, localized error pages."""

import pytest
from django.contrib.staticfiles import finders

from tests.pages import page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.5", "/zh/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fr-FR", "/en/"),
        ("zh-TW", "/zh/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("path", "text"),
    [("/en/", "Research methods, side by side"), ("/zh/", "研究方法，并排对比")],
)
def test_home_page_answers_in_each_language(client, path, text):
    response = client.get(path)

    assert response.status_code == 200
    assert text in response.content.decode()


def test_a_repeated_home_page_request_is_answered_with_not_modified(client):
    etag = client.get("/en/")["ETag"]

    response = client.get("/en/", headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_the_home_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    # The catalogue generation, the featured versions, field and family names.
    with django_assert_num_queries(4):
        client.get("/en/")

    etag = client.get("/en/")["ETag"]
    with django_assert_num_queries(1):
        client.get("/en/", headers={"If-None-Match": etag})


def test_each_language_has_its_own_home_page_validator(client):
    english = client.get("/en/")["ETag"]

    response = client.get("/zh/", headers={"If-None-Match": english})

    assert response.status_code == 200


def test_language_switch_keeps_the_page_and_its_query_string(client):
    response = client.get("/en/methods/?q=distillation&page=2")

    assert 'href="/zh/methods/?q=distillation&amp;page=2"' in response.content.decode()


def test_unknown_page_gets_the_localized_404(client):
    response = client.get("/zh/no-such-page/")

    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_unknown_entry_gets_the_localized_404(client):
    response = client.get("/en/methods/no-such-method/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_500_page_is_localized(client, rf):
    from django.utils import translation

    from scholargate.views import server_error

    with translation.override("zh"):
        response = server_error(rf.get("/zh/"))

    assert response.status_code == 500
    assert "出错了" in response.content.decode()


def test_every_page_has_a_content_security_policy(client):
    response = client.get("/en/")

    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_pages_embed_nothing_that_changes_with_every_response(client):
    # No CSP nonce and no masked CSRF token: repeated requests can get a 304.
    first = client.get("/en/compare/?m=transfer-learning,multitask-learning")
    second = client.get("/en/compare/?m=transfer-learning,multitask-learning")

    assert first.content == second.content
    assert b"nonce" not in first.content


def test_pages_name_the_site_icon_so_browsers_find_it(client):
    response = client.get("/en/")

    icon = page(response).select_one("link[rel=icon]")["href"]
    assert icon == "/static/favicon.svg"
    assert finders.find("favicon.svg")
