import pytest
from django.http import QueryDict

from compare.selection import SelectionTooLong, parse_selection, query_string


def test_methods_keep_the_order_given():
    selection = parse_selection(QueryDict("m=c,a,b"))

    assert selection.requested == ("c", "a", "b")


def test_repeated_m_parameters_are_accepted():
    selection = parse_selection(QueryDict("m=c&m=a,b"))

    assert selection.requested == ("c", "a", "b")


def test_a_repeated_slug_appears_once_whatever_its_case():
    selection = parse_selection(
        QueryDict("m=Transfer-Learning,transfer-learning, TRANSFER-LEARNING ")
    )

    assert selection.requested == ("transfer-learning",)


def test_empty_parts_are_ignored():
    assert parse_selection(QueryDict("m=,,a,,")).requested == ("a",)


def test_only_diff_is_read():
    assert parse_selection(QueryDict("m=a&only=diff")).only_differences


def test_names_that_cannot_be_slugs_are_not_looked_up():
    selection = parse_selection(QueryDict("m=a,b%20c,d'--,é,@1"))

    assert selection.keys == {"a": ("a", None)}


def test_a_pin_to_no_possible_version_still_names_its_entry():
    selection = parse_selection(QueryDict("m=e@0,f@x,g@,h@99999999999"))

    assert selection.keys == {
        "e@0": ("e", 0),
        "f@x": ("f", 0),
        "g@": ("g", 0),
        "h@99999999999": ("h", 99999999999),
    }


def test_a_slug_may_be_pinned_to_a_version():
    selection = parse_selection(QueryDict("m=transfer-learning@1,fitnets"))

    assert selection.keys == {
        "transfer-learning@1": ("transfer-learning", 1),
        "fitnets": ("fitnets", None),
    }


@pytest.mark.parametrize("query", ["m=" + "a" * 2001, "other=" + "x" * 2001])
def test_a_parameter_over_2000_characters_is_refused(query):
    with pytest.raises(SelectionTooLong):
        parse_selection(QueryDict(query))


def test_the_canonical_query_keeps_commas_readable():
    assert query_string(["a", "b"], only_differences=True) == "m=a,b&only=diff"
