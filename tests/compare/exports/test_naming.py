"""File names say what they hold and stay short; any name survives the header."""

from compare.exports.naming import MAX_STEM_LENGTH, comparison_stem
from methods.citations.files import disposition, entry_stem


def test_a_few_methods_are_all_named():
    assert comparison_stem(["fitnets", "distilbert"]) == (
        "scholargate-compare-fitnets-distilbert"
    )


def test_a_long_list_names_the_first_methods_and_how_many_more():
    slugs = [f"a-rather-long-method-name-{n}" for n in range(6)]

    stem = comparison_stem(slugs)

    assert len(stem) <= MAX_STEM_LENGTH
    assert stem == (
        "scholargate-compare-a-rather-long-method-name-0-"
        "a-rather-long-method-name-1-and-4-more"
    )


def test_one_overlong_slug_is_cut():
    assert len(comparison_stem(["x" * 300])) == MAX_STEM_LENGTH
    assert len(entry_stem("x" * 300)) == MAX_STEM_LENGTH


def test_an_ascii_name_is_quoted_plainly():
    assert disposition("scholargate-compare-fitnets.pptx") == (
        'attachment; filename="scholargate-compare-fitnets.pptx"'
    )


def test_a_non_ascii_name_gets_rfc_5987_and_an_ascii_fallback():
    header = disposition("scholargate-知识蒸馏-Öğrenme.pptx")

    assert header == (
        'attachment; filename="scholargate-Ogrenme.pptx"; '
        "filename*=utf-8''scholargate-%E7%9F%A5%E8%AF%86%E8%92%B8%E9%A6%8F-"
        "%C3%96%C4%9Frenme.pptx"
    )
