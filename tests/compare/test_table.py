"""Which rows differ is decided from values, not rendered strings."""

import pytest

from compare.table import Cell, build_rows, cell_text, differing_keys, normalise
from methods.cards import latest_cards
from tests.builders import make_published

pytestmark = pytest.mark.django_db


def cards(*slugs: str, language: str = "en"):
    found = latest_cards(slugs, language)
    return [found[slug] for slug in slugs]


def test_the_reference_comparison_differs_in_every_row_but_the_family():
    keys = differing_keys(
        cards("multitask-learning", "knowledge-distillation", "transfer-learning")
    )

    assert keys == {
        "field",
        "origin_year",
        "proposers",
        "type",
        "seminal_reference",
        "aliases",
        "related",
        "summary",
        "dataset",
    }


def test_one_method_highlights_nothing():
    assert differing_keys(cards("transfer-learning")) == set()


def test_the_same_rows_differ_in_both_languages():
    slugs = ("multitask-learning", "knowledge-distillation", "transfer-learning")

    assert differing_keys(cards(*slugs, language="zh")) == differing_keys(
        cards(*slugs, language="en")
    )


def test_texts_that_differ_only_in_case_and_white_space_are_the_same():
    make_published(slug="one", proposers="Smith,  J.\n& Jones, K.")
    make_published(slug="two", proposers="smith, j. & jones, k.")

    assert "proposers" not in differing_keys(cards("one", "two"))


def test_aliases_compare_as_sets():
    make_published(
        slug="one",
        aliases=[{"name": "A", "language": "en"}, {"name": "B", "language": "en"}],
    )
    make_published(
        slug="two",
        aliases=[{"name": "b", "language": "en"}, {"name": "a", "language": "en"}],
    )

    assert "aliases" not in differing_keys(cards("one", "two"))


def test_a_missing_value_differs_from_a_present_one():
    make_published(slug="one", type={"en": "Estimator"})
    make_published(slug="two", type={})

    assert "type" in differing_keys(cards("one", "two"))


def test_two_missing_values_are_the_same():
    make_published(slug="one", type={})
    make_published(slug="two", type={})

    assert "type" not in differing_keys(cards("one", "two"))


def test_taxonomy_values_compare_by_identity():
    make_published(slug="one", field="deep-learning")
    make_published(slug="two", field="deep-learning")

    assert "field" not in differing_keys(cards("one", "two"))


def test_related_entries_compare_by_count():
    make_published(slug="one")
    make_published(slug="two")

    assert "related" not in differing_keys(cards("one", "two"))


def test_only_differences_keeps_the_differing_rows():
    rows = build_rows(
        cards("multitask-learning", "knowledge-distillation"), only_differences=True
    )

    assert all(row.differs for row in rows)
    assert "family" not in [row.key for row in rows]


def test_normalise_folds_case_and_white_space():
    assert normalise("  Deep\tLearning \n") == "deep learning"
    assert normalise("   ") is None


def test_cell_text_is_what_the_page_shows_with_links_as_addresses():
    card = latest_cards(["transfer-learning"], "en")["transfer-learning"]
    rows = {row.key: row for row in build_rows([card])}

    assert cell_text("field", rows["field"].cells[0]) == "Machine learning"
    assert cell_text("related", rows["related"].cells[0]) == "3"
    assert cell_text("dataset", rows["dataset"].cells[0]) == (
        "v1 · 2 sources · PUBLISHED"
    )
    assert cell_text("seminal_reference", rows["seminal_reference"].cells[0]) == (
        "Pan, S. J., & Yang, Q. (2010). A Survey on Transfer Learning. IEEE "
        "Transactions on Knowledge and Data Engineering, 22(10), 1345–1359. "
        "https://doi.org/10.1109/TKDE.2009.191"
    )


def test_cell_text_shows_a_dash_for_a_missing_value():
    card = latest_cards(["transfer-learning"], "en")["transfer-learning"]

    assert cell_text("proposers", Cell(card, "")) == "—"
