"""A reader's journeys on the compare page, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from compare.table import differing_keys
from methods.cards import latest_cards

REFERENCE = "multitask-learning,knowledge-distillation,transfer-learning"


def column_names(page) -> list[str]:
    return [name.strip() for name in page.locator("table thead th a").all_inner_texts()]


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_removing_a_chip_changes_the_table_and_the_address(request, catalogue, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{catalogue.url}/en/compare/?m={REFERENCE}")

    page.get_by_role("link", name="Remove Knowledge Distillation").click()

    expect(page.locator("table thead th a")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"m=multitask-learning,transfer-learning$"))
    assert column_names(page) == ["Multitask Learning", "Transfer Learning"]


def test_back_restores_and_reload_rebuilds_the_same_page(catalogue, page):
    page.goto(f"{catalogue.url}/en/compare/?m={REFERENCE}")
    page.get_by_role("link", name="Remove Knowledge Distillation").click()
    expect(page.locator("table thead th a")).to_have_count(2)

    page.go_back()

    expect(page.locator("table thead th a")).to_have_count(3)
    expect(page).to_have_url(re.compile(f"m={REFERENCE}$"))
    page.reload()
    assert column_names(page) == [
        "Multitask Learning",
        "Knowledge Distillation",
        "Transfer Learning",
    ]


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_switching_language_keeps_the_methods(request, catalogue, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(f"{catalogue.url}/en/compare/?m={REFERENCE}")

    page.get_by_role("link", name="中文").click()

    expect(page.locator("h1")).to_have_text("方法对比")
    assert column_names(page) == ["多任务学习", "知识蒸馏", "迁移学习"]
    expect(page.locator("tbody th[scope=row]").first).to_contain_text("领域")


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_only_differences_shows_the_rows_the_server_rule_names(
    request, catalogue, fixture
):
    page = request.getfixturevalue(fixture)
    page.goto(f"{catalogue.url}/en/compare/?m={REFERENCE}")

    page.get_by_role("link", name="Show only differences").click()

    expect(page).to_have_url(re.compile(r"only=diff"))
    expect(page.locator("tbody tr")).to_have_count(9)
    classes = page.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => r.className)"
    )
    cards = latest_cards(REFERENCE.split(","), "en")
    expected = differing_keys([cards[slug] for slug in REFERENCE.split(",")])
    assert {
        c.split()[0].removeprefix("row-").replace("-", "_") for c in classes
    } == expected
