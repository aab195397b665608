"""The export URLs: same parameters and refusals as the page, fixed queries, named files."""

import pytest

from tests.compare.exports.shown import REFERENCE
from tests.pages import page, text

pytestmark = pytest.mark.django_db

EXPORTS = {
    "slides.pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "table.csv": "text/csv; charset=utf-8",
    "references.bib": "application/x-bibtex; charset=utf-8",
    "references.ris": "application/x-research-info-systems; charset=utf-8",
}


@pytest.mark.parametrize(("name", "content_type"), EXPORTS.items())
def test_each_export_is_a_download_named_for_its_methods(client, name, content_type):
    response = client.get(f"/en/compare/{name}", {"m": REFERENCE})

    extension = name.rsplit(".", 1)[1]
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        "attachment; filename="
        f'"scholargate-compare-multitask-learning-knowledge-distillation-transfer-learning.{extension}"'
    )


@pytest.mark.parametrize("name", EXPORTS)
def test_a_parameter_over_2000_characters_gets_400_with_a_plain_message(client, name):
    response = client.get(f"/en/compare/{name}", {"m": "a" * 2001})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "longer than 2,000 characters" in response.content.decode()


@pytest.mark.parametrize("name", EXPORTS)
def test_no_method_named_gets_400_saying_how_to_name_them(client, name):
    response = client.get(f"/en/compare/{name}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "?m=slug1,slug2" in response.content.decode()


@pytest.mark.parametrize("name", EXPORTS)
def test_none_found_gets_404_saying_so(client, name):
    response = client.get(f"/zh/compare/{name}", {"m": "nope,nada"})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "没有可导出的内容:所请求的方法均不在目录中。"


def test_unknown_slugs_are_left_out_as_on_the_page(client):
    response = client.get("/en/compare/table.csv", {"m": "no-such-method,fitnets"})

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0] == (
        "Attribute,FitNets,Differs"
    )
    assert "scholargate-compare-fitnets.csv" in response["Content-Disposition"]


def test_more_than_six_exports_the_first_six_as_the_page_shows(client):
    seven = [
        "multitask-learning",
        "knowledge-distillation",
        "transfer-learning",
        "fitnets",
        "distilbert",
        "tinybert",
        "model-compression",
    ]

    response = client.get("/en/compare/table.csv", {"m": ",".join(seven)})

    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.count(",") == 7
    assert "Model Compression" not in header


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize(
    "slugs",
    ["transfer-learning", REFERENCE, REFERENCE + ",fitnets,distilbert,tinybert"],
)
def test_each_export_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, name, slugs
):
    # The catalogue generation, the versions, field and family names.
    with django_assert_num_queries(4):
        client.get(f"/en/compare/{name}", {"m": slugs})


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_refuse_writes(client, name):
    response = client.post(f"/en/compare/{name}", {"m": REFERENCE})

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("language", "actions"),
    [("zh", "前往搜索 下载幻灯片"), ("en", "Go to search Download slides")],
)
def test_the_page_offers_slides_beside_go_to_search(client, language, actions):
    response = client.get(f"/{language}/compare/", {"m": REFERENCE})

    soup = page(response)
    assert text(soup.select_one(".compare-actions")) == actions
    assert soup.select_one(".compare-actions a[download]")["href"] == (
        f"/{language}/compare/slides.pptx?m={REFERENCE}"
    )


def test_the_page_links_each_file_with_the_same_parameters(client):
    response = client.get("/en/compare/", {"m": REFERENCE, "only": "diff"})

    links = {text(a): a["href"] for a in page(response).select(".compare-downloads a")}
    query = f"?m={REFERENCE}&only=diff"
    assert links == {
        "table (CSV)": f"/en/compare/table.csv{query}",
        "references (BibTeX)": f"/en/compare/references.bib{query}",
        "references (RIS)": f"/en/compare/references.ris{query}",
    }


def test_the_htmx_fragment_carries_the_download_links_too(client):
    response = client.get(
        "/en/compare/", {"m": "fitnets"}, headers={"HX-Request": "true"}
    )

    assert "/en/compare/slides.pptx?m=fitnets" in response.content.decode()
