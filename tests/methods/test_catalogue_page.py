"""The catalogue list: browse, filter, sort, search and page through entries."""

import re

import pytest

from methods import search
from methods.listing import Listing, ordered
from methods.models import CatalogueEntry
from tests.builders import make_many_published, make_published
from tests.pages import page, text

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    """Entry names in the order the list shows them."""
    return re.findall(
        r'<h2>\s*<a href="[^"]+"[^>]*>([^<]+)</a>', response.content.decode()
    )


def test_it_lists_published_entries_by_name(client):
    response = client.get("/en/methods/")

    assert response.status_code == 200
    assert names(response)[:3] == ["Cross-stitch Networks", "DistilBERT", "FitNets"]
    assert "10 methods in the catalogue." in response.content.decode()


def test_it_shows_names_in_the_page_language(client):
    response = client.get("/zh/methods/")

    assert "迁移学习" in names(response)
    assert "Transfer Learning" not in names(response)


def test_each_row_shows_field_family_origin_and_a_summary_line(client):
    response = client.get("/en/methods/?q=FitNets")

    assert names(response) == ["FitNets"]
    assert '<a href="/en/methods/?field=deep-learning"' in response.content.decode()
    assert (
        '<a href="/en/methods/?family=model-compression"' in response.content.decode()
    )
    assert ">2015</span>" in response.content.decode()
    assert "FitNets extends knowledge distillation" in response.content.decode()


def test_it_filters_by_field(client):
    response = client.get("/en/methods/?field=machine-learning")

    assert names(response) == [
        "Model Compression",
        "Self-taught Learning",
        "Transfer Learning",
    ]
    assert "3 methods match these filters." in response.content.decode()


def test_it_filters_by_family_and_decade_together(client):
    response = client.get("/en/methods/?family=model-compression&decade=2010")

    assert names(response) == ["DistilBERT", "FitNets"]
    assert "2 methods match these filters." in response.content.decode()


def test_one_match_is_counted_in_the_singular(client):
    response = client.get("/en/methods/?family=model-compression&decade=2000")

    assert names(response) == ["Model Compression"]
    assert "1 method matches these filters." in response.content.decode()


def test_it_sorts_by_origin_year(client):
    response = client.get("/en/methods/?sort=year&family=model-compression")

    assert names(response) == ["Model Compression", "FitNets", "DistilBERT", "TinyBERT"]


def test_it_sorts_by_last_published(client):
    make_published(slug="fresh-method")

    response = client.get("/en/methods/?sort=published")

    assert names(response)[0] == "Fresh Method"


def test_search_combines_with_filters_and_sort(client):
    response = client.get(
        "/en/methods/?q=distillation&family=model-compression&sort=year"
    )

    assert names(response) == ["Model Compression", "FitNets", "DistilBERT", "TinyBERT"]
    assert "4 methods match “distillation”." in response.content.decode()


def test_search_results_come_best_match_first(client):
    response = client.get("/en/methods/?q=distillation")

    assert names(response)[0] == "Knowledge Distillation"
    assert '<option value="relevance" selected>' in response.content.decode()


def test_an_empty_query_shows_the_browse_list(client):
    response = client.get("/en/methods/?q=+++")

    assert len(names(response)) == 10


def test_a_query_that_finds_nothing_says_so_and_suggests_close_names(client):
    response = client.get("/en/methods/?q=trnsfr+lrnng")

    assert names(response) == []
    assert (
        "Nothing in the catalogue matches “trnsfr lrnng”." in response.content.decode()
    )
    assert "The closest names:" in response.content.decode()
    assert 'href="/en/methods/transfer-learning/"' in response.content.decode()


def test_the_query_is_shown_escaped(client):
    response = client.get("/en/methods/?q=<script>x</script>")

    assert "<script>x</script>" not in response.content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("field=astrology", "There is no field “astrology”: showing every field."),
        ("family=%00", "There is no method family"),
        ("decade=1995", "“1995” is not a decade such as 1990: showing every year."),
        ("decade=abc", "is not a decade"),
        ("sort=price", "“price” is not a way to sort"),
        ("sort=relevance", "is not a way to sort"),
        ("q=" + "x" * 300, "Only the first 200 characters of the search were used."),
    ],
)
def test_bad_values_fall_back_to_defaults_and_say_so(client, query, notice):
    response = client.get(f"/en/methods/?{query}")

    assert response.status_code == 200
    assert notice in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=%FF%FE", "q=%25%25", "page=%00", "q=" + "蒸" * 10000, "decade=99999"],
)
def test_odd_bytes_never_break_the_page(client, query):
    assert client.get(f"/en/methods/?{query}").status_code == 200


class TestPagination:
    @pytest.fixture
    def many(self, db):
        make_many_published(30, origin_year_text={"en": "1950"})

    def test_twenty_five_entries_a_page(self, client, many):
        response = client.get("/en/methods/?decade=1950")

        assert len(names(response)) == 25
        assert "Page 1 of 2" in response.content.decode()
        assert 'href="?decade=1950&amp;page=2" rel="next"' in response.content.decode()

    def test_the_last_page_holds_the_rest(self, client, many):
        response = client.get("/en/methods/?decade=1950&page=2")

        assert names(response) == [f"Bulk {n:03}" for n in range(25, 30)]
        assert 'href="?decade=1950&amp;page=1" rel="prev"' in response.content.decode()

    def test_search_results_are_paged_the_same_way(self, client, many):
        response = client.get("/en/methods/?q=bulk&page=2")

        assert names(response) == [f"Bulk {n:03}" for n in range(25, 30)]
        assert "Page 2 of 2" in response.content.decode()

    @pytest.mark.parametrize("sort", ["name", "year", "published"])
    def test_the_whole_list_shows_every_entry_once_over_its_pages(
        self, client, many, sort
    ):
        shown = names(client.get(f"/en/methods/?sort={sort}")) + names(
            client.get(f"/en/methods/?sort={sort}&page=2")
        )

        assert len(shown) == len(set(shown)) == CatalogueEntry.objects.count()

    def test_an_entry_published_since_takes_its_place_in_the_list(self, client, many):
        client.get("/en/methods/?page=2")
        make_published(slug="aaa-first", name={"en": "Aaa First"})

        assert names(client.get("/en/methods/"))[0] == "Aaa First"

    @pytest.mark.parametrize("page", ["3", "999999999999999999999"])
    def test_a_page_past_the_end_gets_the_last_page(self, client, many, page):
        response = client.get(f"/en/methods/?decade=1950&page={page}")

        assert response.status_code == 200
        assert "Page 2 of 2" in response.content.decode()

    @pytest.mark.parametrize(
        "page", ["3", "7", "400000000000000000", "999999999999999999999"]
    )
    def test_a_search_page_past_the_end_gets_the_last_page(self, client, many, page):
        response = client.get(f"/en/methods/?q=bulk&page={page}")

        assert response.status_code == 200
        assert names(response) == [f"Bulk {n:03}" for n in range(25, 30)]
        assert "Page 2 of 2" in response.content.decode()

    def test_a_search_page_past_the_end_costs_one_more_query(
        self, client, many, django_assert_num_queries
    ):
        # A search's 6, and the last page once the page asked for has
        # counted the matches.
        with django_assert_num_queries(7):
            client.get("/en/methods/?q=bulk&page=7")

    def test_a_capped_search_by_best_match_says_the_closest_come_first(
        self, client, many, monkeypatch
    ):
        monkeypatch.setattr(search, "CANDIDATES", 5)

        response = client.get("/en/methods/?q=bulk")

        assert "methods match “bulk”; the closest come first." in text(page(response))

    @pytest.mark.parametrize("sort", ["name", "year", "published"])
    def test_a_capped_search_sorted_otherwise_does_not_claim_the_closest_come_first(
        self, client, many, monkeypatch, sort
    ):
        monkeypatch.setattr(search, "CANDIDATES", 5)

        response = client.get(f"/en/methods/?q=bulk&sort={sort}")

        shown = text(page(response))
        assert re.search(r"More than \d+ methods match “bulk”\.", shown)
        assert "the closest come first" not in shown

    @pytest.mark.parametrize("page", ["abc", "0", "-4", "1.5", ""])
    def test_a_page_that_is_not_a_number_gets_the_first_page(self, client, many, page):
        response = client.get(f"/en/methods/?decade=1950&page={page}")

        assert response.status_code == 200
        assert "Page 1 of 2" in response.content.decode()


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The catalogue generation; fields, families and decades for the filters,
    # every slug in order (all kept for the generation); the page's cards.
    with django_assert_num_queries(6):
        client.get("/en/methods/")

    make_many_published(20)

    with django_assert_num_queries(6):
        response = client.get("/en/methods/?page=2")
    assert len(names(response)) == 5


def test_the_list_by_last_published_is_kept_once_for_every_language():
    by_published = Listing(sort="published")

    assert ordered(by_published, "zh") is ordered(by_published, "en")


def test_a_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The generation, the filters (3), the ranked page of matches, the cards.
    with django_assert_num_queries(6):
        client.get("/zh/methods/?q=learning&field=deep-learning&sort=year")


def test_a_search_that_finds_nothing_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    # The closest names cost 3 (the trigram threshold set and put back).
    with django_assert_num_queries(9):
        client.get("/en/methods/?q=trnsfr+lrnng")


def test_the_catalogue_is_translated(client):
    html = client.get("/zh/methods/?q=zzqxv").content.decode()

    assert "目录中没有与“zzqxv”匹配的方法。" in html
    assert "全部领域" in html


def test_ticks_are_added_to_the_comparison_the_reader_came_from(client):
    response = client.get(
        "/en/methods/", {"q": "distillation", "compare": "transfer-learning@1,fitnets"}
    )

    soup = page(response)
    carried = [
        i["value"] for i in soup.select("#compare-form input[type=hidden][name=m]")
    ]
    assert carried == ["transfer-learning@1", "fitnets"]
    assert soup.select_one("form.catalogue-search input[name=compare]")["value"] == (
        "transfer-learning@1,fitnets"
    )
    assert "added to your comparison of 2 methods" in text(soup.main)


def test_a_malformed_carried_comparison_is_ignored(client):
    response = client.get("/en/methods/", {"compare": "<script>,a@0,%00"})

    assert response.status_code == 200
    assert page(response).select("#compare-form input[type=hidden][name=m]") == []


def test_family_names_in_the_filter_are_escaped(client):
    from methods.models import MethodFamily

    MethodFamily.objects.create(slug="odd-family", name_en='Odd <b>"family"</b>')

    response = client.get("/en/methods/", {"family": "odd-family"})

    html = response.content.decode()
    assert (
        '<option value="odd-family" selected>Odd &lt;b&gt;&quot;family&quot;&lt;/b&gt;'
        "</option>"
    ) in html


@pytest.mark.parametrize("query", ["%", "_", "   +++ "])
def test_a_search_without_letters_or_digits_says_it_shows_everything(client, query):
    response = client.get("/en/methods/", {"q": query})

    assert response.status_code == 200
    assert (
        "A search needs a letter or a digit: showing every method."
        in response.content.decode()
    )


def test_a_repeated_catalogue_request_is_answered_with_not_modified(client):
    client.get("/en/methods/?q=learning")  # sets the CSRF cookie
    etag = client.get("/en/methods/?q=learning")["ETag"]

    response = client.get("/en/methods/?q=learning", headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_ticking_a_method_changes_the_catalogue_validator(client):
    client.get("/en/methods/")
    etag = client.get("/en/methods/")["ETag"]
    client.post("/en/methods/tray/", {"action": "add", "slug": "fitnets"})

    response = client.get("/en/methods/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "FitNets" in text(page(response).select_one("#compare-tray"))


def test_publishing_changes_the_catalogue_validator(client):
    client.get("/en/methods/")
    etag = client.get("/en/methods/")["ETag"]
    make_published(slug="zeta-sampling", name={"en": "Zeta Sampling"})

    response = client.get("/en/methods/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "Zeta Sampling" in names(response)


def test_the_catalogue_is_private_to_the_reader(client):
    response = client.get("/en/methods/")

    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
