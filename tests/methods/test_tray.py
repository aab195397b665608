"""The compare tray: tick methods anywhere, compare them in the order ticked."""

import pytest

from methods import tray

pytestmark = pytest.mark.django_db

SIX = [
    "multitask-learning",
    "knowledge-distillation",
    "transfer-learning",
    "fitnets",
    "distilbert",
    "tinybert",
]


def tick(client, slug, *, htmx=False, **extra):
    data = {"action": "add", "slug": slug, "next": "/en/methods/?q=bert", **extra}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post("/en/methods/tray/", data, **headers)


def test_ticked_methods_show_in_the_tray_in_order(client):
    tick(client, "transfer-learning")
    tick(client, "fitnets")

    response = client.get("/en/methods/")

    assert (
        'href="/en/compare/?m=transfer-learning,fitnets"' in response.content.decode()
    )
    assert "Compare (2)" in response.content.decode()


def test_without_javascript_a_tick_redirects_back(client):
    response = tick(client, "fitnets")

    assert response.status_code == 302
    assert response["Location"] == "/en/methods/?q=bert"


def test_a_redirect_never_leaves_the_site(client):
    response = tick(client, "fitnets", next="https://evil.example/")

    assert response["Location"] == "/en/methods/"


def test_with_htmx_a_tick_returns_the_tray_and_the_ticked_box(client):
    response = tick(client, "fitnets", htmx=True, shown="fitnets,tinybert")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<aside id="compare-tray"' in html
    assert 'href="/en/compare/?m=fitnets"' in html
    assert 'id="tick-fitnets" hx-swap-oob="true"' in html
    assert '"action": "remove"' in html


def test_with_htmx_unticking_updates_the_tray(client):
    tick(client, "fitnets")
    tick(client, "tinybert")

    response = client.post(
        "/en/methods/tray/",
        {"action": "remove", "slug": "fitnets", "shown": "fitnets"},
        HTTP_HX_REQUEST="true",
    )

    assert 'href="/en/compare/?m=tinybert"' in response.content.decode()
    assert '"action": "add", "slug": "fitnets"' in response.content.decode()


def test_a_seventh_tick_explains_the_limit(client):
    for slug in SIX:
        tick(client, slug)

    response = tick(client, "model-compression", htmx=True, shown="model-compression")

    html = response.content.decode()
    assert "You can compare at most 6 methods at once." in html
    assert "Compare (6)" in html
    # The box the reader just ticked is unticked again.
    assert 'id="tick-model-compression" hx-swap-oob="true"' in html
    assert "checked" not in html.split('id="tick-model-compression"')[1]


def test_a_seventh_tick_without_javascript_says_so_after_the_redirect(client):
    for slug in SIX:
        tick(client, slug)

    response = tick(client, "model-compression")
    page = client.get(response["Location"])

    assert "You can compare at most 6 methods at once." in page.content.decode()


def test_the_tray_survives_a_language_switch(client):
    tick(client, "transfer-learning")

    response = client.get("/zh/methods/")

    assert 'href="/zh/compare/?m=transfer-learning"' in response.content.decode()
    assert "迁移学习" in response.content.decode()


def test_ticked_boxes_stay_ticked_while_paging_and_searching(client):
    tick(client, "fitnets")

    response = client.get("/en/methods/?q=fitnets")

    html = response.content.decode()
    assert 'value="fitnets"\n           checked' in html


def test_the_no_javascript_form_opens_the_compare_page(client):
    tick(client, "transfer-learning")

    html = client.get("/en/methods/?q=bert").content.decode()

    assert '<form id="compare-form" action="/en/compare/" method="get">' in html
    assert 'name="m"\n           value="distilbert"' in html
    # Ticked methods shown elsewhere travel along, once.
    assert (
        '<input type="hidden" name="m" value="transfer-learning" form="compare-form">'
        in html
    )
    assert html.count('value="transfer-learning"') == 1 + html.count(
        'name="slug" value="transfer-learning"'
    )


def test_clearing_empties_the_tray(client):
    tick(client, "fitnets")

    client.post("/en/methods/tray/", {"action": "clear"})

    assert "Tick up to 6 methods" in client.get("/en/methods/").content.decode()


def test_an_unknown_method_cannot_be_ticked(client):
    assert tick(client, "no-such-method").status_code == 404


def test_an_unknown_action_is_refused(client):
    response = client.post("/en/methods/tray/", {"action": "explode", "slug": "x"})

    assert response.status_code == 400


def test_the_tray_only_takes_posts(client):
    assert client.get("/en/methods/tray/").status_code == 405


def test_ticking_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    tick(client, "fitnets")

    # Existence, session, the catalogue generation, cards (3), and the
    # session saved in a savepoint (3).
    with django_assert_num_queries(9):
        tick(client, "tinybert", htmx=True)


def test_the_tray_keeps_at_most_six_in_order(rf):
    session = {}

    added = [tray.add(session, slug) for slug in [*SIX, "model-compression"]]

    assert added == [True] * 6 + [False]
    assert tray.tray_slugs(session) == SIX


def test_compare_selection_keeps_well_formed_slugs_once():
    raw = "fitnets, tinybert,fitnets,BAD SLUG,,a-b"

    assert tray.compare_selection(raw) == ["fitnets", "tinybert", "a-b"]


@pytest.mark.parametrize("action", ["remove", "clear"])
@pytest.mark.parametrize("slug", ["\x00", "a\x00b", "x" * 5000])
def test_unticking_something_that_is_no_slug_leaves_the_tray_alone(
    client, action, slug
):
    client.post("/en/methods/tray/", {"action": "add", "slug": "fitnets"})

    response = client.post(
        "/en/methods/tray/", {"action": action, "slug": slug}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 404
    assert tray.tray_slugs(client.session) == ["fitnets"]


@pytest.mark.parametrize("slug", ["\x00", "a\x00b", "x" * 5000, "<b>"])
def test_ticking_something_that_is_no_slug_is_not_found(client, slug):
    response = client.post("/en/methods/tray/", {"action": "add", "slug": slug})

    assert response.status_code == 404
