"""Editors get clear messages; the model layer explains what the database refuses."""

import pytest
from django.core.exceptions import ValidationError

from methods.doi import normalize_doi, validate_doi
from methods.models import Alias, Method, Reference
from methods.years import earliest_year

pytestmark = pytest.mark.django_db


def test_malformed_doi_gets_a_message_that_shows_the_expected_form():
    with pytest.raises(ValidationError) as error:
        validate_doi("https://doi.org/banana")

    assert "10.1109/TKDE.2009.191" in error.value.messages[0]


def test_normalize_doi_strips_resolver_and_label():
    assert (
        normalize_doi(" https://doi.org/10.1023/A:1007379606734 ")
        == "10.1023/A:1007379606734"
    )


def test_reference_full_clean_refuses_a_bad_doi():
    method = Method.objects.get(slug="transfer-learning")
    reference = Reference(method=method, authors="A", title="T", doi="12.34/x")

    with pytest.raises(ValidationError) as error:
        reference.full_clean()

    assert "doi" in error.value.message_dict


def test_alias_full_clean_names_the_duplicate():
    method = Method.objects.get(slug="transfer-learning")
    alias = Alias(method=method, name="Tl", language="en")

    with pytest.raises(ValidationError) as error:
        alias.full_clean()

    assert "This entry already has" in str(error.value)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2010 (formalized); 1990s (early roots)", 1990),
        ("1997", 1997),
        ("c. 1950s", 1950),
        ("early 20th century", None),
        ("", None),
    ],
)
def test_earliest_year_named_in_the_text(text, year):
    assert earliest_year(text) == year


def test_origin_year_number_follows_the_text_on_save():
    method = Method.objects.get(slug="transfer-learning")

    assert method.origin_year == 1990


@pytest.mark.parametrize("typed", ["T.L.", "t-l", "ＴＬ"])
def test_an_alias_differing_only_in_punctuation_or_width_is_refused(typed):
    method = Method.objects.get(slug="transfer-learning")

    with pytest.raises(ValidationError) as error:
        Alias(method=method, name=typed, language="en").full_clean()

    assert "differs only in case, accents or punctuation" in str(error.value)


def test_the_same_folded_alias_in_another_language_is_fine():
    method = Method.objects.get(slug="transfer-learning")

    Alias(method=method, name="T.L.", language="de").full_clean()
