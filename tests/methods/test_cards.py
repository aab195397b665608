"""Readers see published versions, in their language, falling back to English."""

import pytest

from methods.cards import cards_for, latest_cards
from methods.publishing import retract
from tests.builders import make_method, make_published, publish_renamed

pytestmark = pytest.mark.django_db


def test_chinese_name_is_used_on_chinese_pages():
    card = latest_cards(["transfer-learning"], "zh")["transfer-learning"]

    assert (card.name.text, card.name.lang, card.name.fallback) == (
        "迁移学习",
        "zh",
        False,
    )


def test_missing_chinese_text_falls_back_to_english_and_says_so():
    card = latest_cards(["transfer-learning"], "zh")["transfer-learning"]

    assert card.method_type.text == "Learning paradigm"
    assert card.method_type.lang == "en"
    assert card.method_type.fallback


def test_taxonomy_without_chinese_falls_back_to_english():
    card = latest_cards(["transfer-learning"], "zh")["transfer-learning"]

    assert card.field.name.text == "机器学习"
    assert card.family.name.text == "Machine learning"
    assert card.family.name.fallback


def test_unpublished_entries_have_no_card():
    make_method(slug="draft-only")

    assert latest_cards(["draft-only"], "en") == {}


def test_the_latest_published_version_is_shown():
    version = make_published(slug="twice")
    method = version.method
    method.proposers = "Changed, C."
    method.save()
    from methods.publishing import publish

    publish(method)

    card = latest_cards(["twice"], "en")["twice"]
    assert (card.version, card.proposers) == (2, "Changed, C.")


def test_citation_text_follows_the_reference_style():
    card = latest_cards(["transfer-learning"], "en")["transfer-learning"]

    assert card.references[0].text == (
        "Pan, S. J., & Yang, Q. (2010). A Survey on Transfer Learning. IEEE "
        "Transactions on Knowledge and Data Engineering, 22(10), 1345–1359."
    )
    assert card.references[0].href == "https://doi.org/10.1109/TKDE.2009.191"


def test_cards_cost_a_fixed_number_of_queries_whatever_their_number(
    django_assert_num_queries,
):
    slugs = [
        "multitask-learning",
        "knowledge-distillation",
        "transfer-learning",
        "fitnets",
    ]

    # The catalogue generation, the versions, field and family names.
    with django_assert_num_queries(4):
        cards = latest_cards(slugs, "zh")
    # Names of fields and families are kept for the generation.
    with django_assert_num_queries(2):
        latest_cards(slugs[:1], "zh")

    assert set(cards) == set(slugs)


def test_a_pinned_retracted_version_leaves_the_latest_published_one_latest():
    first = make_published(slug="twice-published", name={"en": "Twice"})
    second = publish_renamed(first, "Twice, renamed")
    retract(second, user=None, reason="Wrong name.")

    cards = cards_for([("twice-published", 2), ("twice-published", None)], "en")

    assert cards[("twice-published", None)].version == 1
    assert cards[("twice-published", 2)].is_retracted
    assert cards[("twice-published", 2)].pinned
