"""The compare page: the URL is the state, and the table reads right."""

import datetime
import json
from pathlib import Path

import pytest

from tests.pages import page, text

pytestmark = pytest.mark.django_db

REFERENCE = "multitask-learning,knowledge-distillation,transfer-learning"
SEED = (
    Path(__file__).resolve().parents[3] / "shared" / "reference" / "compare-seed.json"
)


def header_names(soup) -> list[str]:
    return [text(th) for th in soup.select("table thead th[scope=col]")][1:]


def body_rows(soup) -> dict[str, dict]:
    rows = {}
    for tr in soup.select("table tbody tr"):
        label = tr.find("th", scope="row")
        differs = "differs" in tr.get("class", [])
        rows[text(label).replace("≠", "").strip()] = {
            "differs": differs,
            "cells": [text(td) for td in tr.find_all("td")],
            "tds": tr.find_all("td"),
        }
    return rows


@pytest.mark.skipif(
    not SEED.exists(), reason="../shared/reference is not beside the project"
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reference_comparison_matches_the_seed_cell_by_cell(client, language):
    seed = json.loads(SEED.read_text(encoding="utf-8"))

    response = client.get(f"/{language}/compare/", {"m": REFERENCE})

    soup = page(response)
    assert response.status_code == 200
    assert text(soup.h1) == seed["page"]["title"][language]
    assert seed["page"]["subtitle"][language] in text(soup.main)
    assert header_names(soup) == [
        method["name"][language] for method in seed["methods"]
    ]
    rows = body_rows(soup)
    assert list(rows) == [row["label"][language] for row in seed["rows"]]
    for row in seed["rows"]:
        shown = rows[row["label"][language]]
        assert shown["differs"] == row["differs"], row["key"]
        values = row["values"]
        if isinstance(values, dict):
            expected = values.get(language, values["en"])
            if "links" in row:
                # The out-link's text follows the citation in its cell.
                expected = [
                    f"{v} {link['text']}"
                    for v, link in zip(expected, row["links"], strict=True)
                ]
            assert shown["cells"] == expected, row["key"]
        else:
            assert all(shown["cells"]), row["key"]
        if "links" in row:
            links = [td.select("a[rel~=external]")[0] for td in shown["tds"]]
            assert [(text(a), a["href"]) for a in links] == [
                (link["text"], link["href"]) for link in row["links"]
            ]
    expected = seed["page"]["citation"][language].format(
        date=datetime.date.today().isoformat(),
        url=f"http://testserver/{language}/compare/?m={REFERENCE}",
    )
    assert text(soup.select_one("#citation")) == expected
    assert seed["page"]["actions"][language][0] in text(soup.main)


def test_columns_keep_the_order_given(client):
    response = client.get("/en/compare/", {"m": "transfer-learning,multitask-learning"})

    assert header_names(page(response)) == ["Transfer Learning", "Multitask Learning"]


def test_each_name_links_to_its_entry(client):
    response = client.get("/zh/compare/", {"m": "transfer-learning"})

    link = page(response).select_one("thead a")
    assert link["href"] == "/zh/methods/transfer-learning/"


def test_repeated_m_parameters_give_the_same_page(client):
    response = client.get("/en/compare/?m=transfer-learning&m=multitask-learning")

    assert header_names(page(response)) == ["Transfer Learning", "Multitask Learning"]


def test_a_repeated_slug_appears_once(client):
    response = client.get("/en/compare/", {"m": "transfer-learning,transfer-learning"})

    assert header_names(page(response)) == ["Transfer Learning"]


def test_slugs_match_whatever_their_case_and_the_canonical_link_is_lowercase(client):
    response = client.get("/en/compare/", {"m": "Transfer-Learning,FITNETS"})

    soup = page(response)
    assert header_names(soup) == ["Transfer Learning", "FitNets"]
    assert soup.select_one("link[rel=canonical]")["href"] == (
        "http://testserver/en/compare/?m=transfer-learning,fitnets"
    )


def test_hreflang_alternates_name_both_languages(client):
    response = client.get("/en/compare/", {"m": "fitnets"})

    alternates = {
        link["hreflang"]: link["href"]
        for link in page(response).select("link[rel=alternate]")
    }
    assert alternates == {
        "en": "http://testserver/en/compare/?m=fitnets",
        "zh": "http://testserver/zh/compare/?m=fitnets",
    }


SEVEN = [
    "multitask-learning",
    "knowledge-distillation",
    "transfer-learning",
    "fitnets",
    "distilbert",
    "tinybert",
    "model-compression",
]


def test_more_than_six_shows_the_first_six_and_says_so(client):
    response = client.get("/en/compare/", {"m": ",".join(SEVEN)})

    soup = page(response)
    assert response.status_code == 200
    assert len(header_names(soup)) == 6
    assert "Model Compression" not in header_names(soup)
    assert "At most 6 methods can be compared at once" in text(soup.main)


def test_an_unknown_slug_is_named_and_the_rest_compared(client):
    response = client.get("/en/compare/", {"m": "transfer-learning,no-such-method"})

    soup = page(response)
    assert response.status_code == 200
    assert header_names(soup) == ["Transfer Learning"]
    assert "Not in the catalogue, so left out: “no-such-method”" in text(soup.main)


def test_no_method_shows_the_empty_state_with_a_search_box(client):
    response = client.get("/zh/compare/")

    soup = page(response)
    assert response.status_code == 200
    assert "还没有要对比的方法" in text(soup.main)
    assert soup.select_one(".empty-state form[action='/zh/methods/'] input[name=q]")
    assert soup.select_one("table") is None


def test_none_found_shows_the_empty_state_and_names_them(client):
    response = client.get("/en/compare/", {"m": "nope,nada"})

    soup = page(response)
    assert response.status_code == 200
    assert "Nothing to compare yet" in text(soup.main)
    assert "“nope”, “nada”" in text(soup.main)


def test_a_parameter_over_2000_characters_gets_400_with_a_plain_message(client):
    response = client.get("/en/compare/", {"m": "a" * 2001})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "longer than 2,000 characters" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "m=%00",
        "m=%ff%fe",
        "m=transfer-learning%00,fitnets",
        "m=%E2%80%AE%3Cscript%3E",
        "m=transfer-learning@1",
        "m[]=x&only=%00",
        "m=" + "a," * 900,
    ],
)
def test_odd_bytes_never_cause_an_error(client, query):
    response = client.get(f"/en/compare/?{query}")

    assert response.status_code == 200


def test_only_differences_hides_the_rows_that_are_the_same(client):
    response = client.get("/en/compare/", {"m": REFERENCE, "only": "diff"})

    rows = body_rows(page(response))
    assert "Method family" not in rows
    assert len(rows) == 9
    assert all(row["differs"] for row in rows.values())


def test_chinese_page_marks_english_fallback_cells(client):
    response = client.get("/zh/compare/", {"m": "transfer-learning"})

    rows = body_rows(page(response))
    assert rows["类型"]["tds"][0]["lang"] == "en"
    assert rows["摘要"]["tds"][0]["lang"] == "en"
    assert rows["方法族"]["tds"][0].span["lang"] == "en"
    assert "lang" not in rows["领域"]["tds"][0].attrs


def test_differing_rows_say_so_in_text_for_screen_readers(client):
    response = client.get("/en/compare/", {"m": REFERENCE})

    row = page(response).select_one("tr.differs th[scope=row]")
    assert row.select_one(".visually-hidden").get_text() == "(differs)"


def test_the_table_is_marked_up_for_machines_and_screen_readers(client):
    response = client.get("/en/compare/", {"m": REFERENCE})

    table = page(response).table
    assert text(table.caption)
    assert len(table.select("thead th[scope=col]")) == 4
    for row in table.select("tbody tr"):
        assert row.contents and row.find(True).name == "th" and row.th["scope"] == "row"
        assert len(row.find_all("td")) == 3


def test_one_method_highlights_nothing(client):
    response = client.get("/en/compare/", {"m": "transfer-learning"})

    assert page(response).select("tr.differs") == []


def test_chips_remove_a_method_with_a_plain_link(client):
    response = client.get("/en/compare/", {"m": REFERENCE})

    removes = [a["href"] for a in page(response).select(".chip a")]
    assert removes == [
        "?m=knowledge-distillation,transfer-learning",
        "?m=multitask-learning,transfer-learning",
        "?m=multitask-learning,knowledge-distillation",
    ]


def test_the_add_box_works_without_javascript(client):
    response = client.get("/en/compare/", {"m": REFERENCE})

    form = page(response).select_one("form.add-method")
    assert form["action"] == "/en/methods/"
    assert form.select_one("input[name=q]")["hx-get"] == "/en/methods/suggest/"


def test_htmx_requests_get_the_comparison_fragment(client):
    response = client.get(
        "/en/compare/", {"m": REFERENCE}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "<table" in content and "Go to search" in content
    assert "HX-Request" in response["Vary"]


def test_full_page_responses_vary_on_htmx_too(client):
    response = client.get("/en/compare/", {"m": REFERENCE})

    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_related_count_links_to_the_entry_s_related_list(client):
    response = client.get("/en/compare/", {"m": "knowledge-distillation"})

    link = body_rows(page(response))["Related"]["tds"][0].a
    assert (text(link), link["href"]) == (
        "5",
        "/en/methods/knowledge-distillation/#related",
    )


def test_the_citation_uses_english_names_on_the_chinese_page(client):
    response = client.get("/zh/compare/", {"m": "transfer-learning,fitnets"})

    citation = text(page(response).select_one("#citation"))
    assert citation.startswith("ScholarGate方法对比: Transfer Learning · FitNets. 于 ")


@pytest.mark.parametrize(
    "slugs",
    [
        ["transfer-learning"],
        ["multitask-learning", "knowledge-distillation", "transfer-learning"],
        SEVEN[:6],
    ],
)
def test_a_fixed_number_of_queries_whatever_the_number_of_methods(
    client, django_assert_num_queries, slugs
):
    # The catalogue generation, then cards (3).
    with django_assert_num_queries(4):
        client.get("/en/compare/", {"m": ",".join(slugs)})


@pytest.fixture
def transfer_learning_v2():
    from methods.models import Method
    from methods.publishing import publish

    method = Method.objects.get(slug="transfer-learning")
    method.sources.first().delete()
    method.save()
    return publish(method)


def test_a_pinned_version_is_shown_and_cited(client, transfer_learning_v2):
    response = client.get(
        "/en/compare/", {"m": "transfer-learning@1,knowledge-distillation"}
    )

    soup = page(response)
    rows = body_rows(soup)
    assert rows["ScholarGate dataset"]["cells"][0] == "v1 · 2 sources · PUBLISHED"
    assert soup.select_one("thead a")["href"] == "/en/methods/transfer-learning/v/1/"
    assert text(soup.select_one("#citation")).endswith(
        "from http://testserver/en/compare/?m=transfer-learning@1,knowledge-distillation"
    )


def test_without_a_pin_the_latest_version_is_shown(client, transfer_learning_v2):
    response = client.get("/en/compare/", {"m": "transfer-learning"})

    assert body_rows(page(response))["ScholarGate dataset"]["cells"][0] == (
        "v2 · 1 source · PUBLISHED"
    )


def test_pin_these_versions_links_to_the_pinned_comparison(
    client, transfer_learning_v2
):
    response = client.get("/en/compare/", {"m": "transfer-learning,fitnets"})

    link = page(response).find("a", string="Pin these versions")
    assert link["href"] == "?m=transfer-learning@2,fitnets@1"


@pytest.mark.parametrize("version", ["7", "0", "-1", "99999999999", "x", ""])
def test_an_unknown_version_is_named_in_a_notice(client, version):
    response = client.get("/en/compare/", {"m": f"transfer-learning@{version},fitnets"})

    soup = page(response)
    assert header_names(soup) == ["FitNets"]
    assert (
        f"“transfer-learning@{version}” was left out: Transfer Learning has no "
        "such version (the latest is version 1)."
    ) in text(soup.main)
    assert "Not in the catalogue" not in text(soup.main)


def test_control_characters_never_reach_the_page(client):
    response = client.get("/en/compare/?m=%00abc%01,transfer-learning")

    assert "\x00" not in response.content.decode()
    assert "“abc”" in text(page(response).main)


def test_pins_cost_no_extra_queries(client, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/en/compare/", {"m": "transfer-learning@1,fitnets,distilbert@1"})
