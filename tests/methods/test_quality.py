"""The data quality checks, and the shipped catalogue passing them."""

import pytest
from django.core.management import CommandError, call_command

from methods.catalogue import read_catalogue
from methods.content import normalize_content
from methods.quality import check_catalogue
from tests.builders import entry, make_method


def content(**overrides) -> dict:
    return normalize_content(
        entry(**overrides)
        | {
            "name": {
                "en": overrides.get("name_en", overrides["slug"]),
                "zh": "名" + overrides["slug"],
            }
        }
    )


def checks(*entries) -> list[str]:
    return [f"{finding.slug}:{finding.check}" for finding in check_catalogue(entries)]


def test_the_shipped_fixtures_have_no_findings():
    _taxonomy, entries = read_catalogue()

    assert check_catalogue(entries) == []


@pytest.mark.django_db
def test_the_command_passes_on_the_shipped_catalogue(shipped_catalogue, capsys):
    call_command("check_catalogue")

    assert "No findings in 165 entries." in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_fails_and_names_the_finding():
    make_method(slug="lonely", sources=[])

    with pytest.raises(CommandError, match="source"):
        call_command("check_catalogue", verbosity=0)


def test_a_clean_entry_has_no_findings():
    assert checks(content(slug="clean")) == []


def test_a_malformed_doi_is_found():
    bad = content(
        slug="a", references=[{"authors": "A", "title": "T", "doi": "10.12/x y"}]
    )

    assert checks(bad) == ["a:doi"]


def test_one_sided_and_dangling_related_links_are_found():
    found = checks(content(slug="a", related=["b", "ghost"]), content(slug="b"))

    assert found == ["a:related", "a:related"]


def test_the_same_alias_twice_in_one_language_is_found():
    aliases = [{"name": "ABC", "language": "en"}, {"name": "a-b-c", "language": "en"}]

    assert checks(content(slug="a", aliases=aliases)) == ["a:alias"]


def test_an_entry_without_sources_is_found():
    assert checks(content(slug="a", sources=[])) == ["a:source"]


@pytest.mark.parametrize("year", ["1599", "2999"])
def test_years_outside_1600_to_now_are_found(year):
    assert checks(content(slug="a", origin_year_text={"en": year})) == ["a:year"]


def test_a_missing_chinese_name_is_found():
    missing = normalize_content(entry(slug="a"))

    assert checks(missing) == ["a:chinese-name"]


def test_names_matching_after_folding_are_likely_duplicates():
    found = checks(
        content(slug="a", name_en="Multi-task Learning"),
        content(
            slug="b",
            name_en="x",
            aliases=[{"name": "multitask learning", "language": "en"}],
        ),
    )

    assert found == ["a:duplicate", "b:duplicate"]
