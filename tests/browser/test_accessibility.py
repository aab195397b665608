"""axe-core finds no serious or critical problems on the pages readers use."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "/en/",
    "/zh/",
    "/en/methods/",
    "/en/methods/?q=distillation",
    "/en/methods/transfer-learning/",
    "/zh/methods/transfer-learning/",
    "/en/compare/?m=multitask-learning,knowledge-distillation,transfer-learning",
    "/zh/compare/?m=multitask-learning,knowledge-distillation,transfer-learning",
    "/en/compare/",
    "/en/methods/transfer-learning/history/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(catalogue, page, path):
    page.goto(catalogue.url + path)

    results = Axe().run(page)

    serious = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_focus_is_always_visible(catalogue, page):
    page.goto(catalogue.url + "/en/compare/?m=transfer-learning,knowledge-distillation")

    for _ in range(8):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => getComputedStyle(document.activeElement).outlineStyle"
        )
        assert outline != "none", page.evaluate(
            "() => document.activeElement.outerHTML"
        )


def test_highlighted_rows_are_told_apart_without_colour(catalogue, page):
    page.goto(catalogue.url + "/en/compare/?m=transfer-learning,knowledge-distillation")

    row = page.locator("tr.differs").first

    assert row.locator(".differs-mark").inner_text() == "≠"
    assert row.locator(".visually-hidden").inner_text() == "(differs)"
