"""From the catalogue to a comparison: searching, ticking, the keyboard, slides."""

import pytest
from playwright.sync_api import expect
from pptx import Presentation


def column_names(page) -> list[str]:
    return [name.strip() for name in page.locator("table thead th a").all_inner_texts()]


def test_search_tick_search_tick_compare(catalogue, page):
    page.goto(f"{catalogue.url}/en/")

    page.get_by_label("Search the catalogue").fill("迁移学习")
    page.get_by_label("Search the catalogue").press("Enter")
    page.get_by_label("Compare: Transfer Learning").check()
    expect(page.get_by_role("link", name="Compare (1)")).to_be_visible()
    search = page.get_by_label("Search by name or alias, in any language")
    search.fill("distillation")
    search.press("Enter")
    page.get_by_label("Compare: Knowledge Distillation").check()
    page.get_by_role("link", name="Compare (2)").click()

    assert column_names(page) == ["Transfer Learning", "Knowledge Distillation"]


def test_the_same_journey_without_javascript(catalogue, page_without_js):
    page = page_without_js
    page.goto(f"{catalogue.url}/en/")

    page.get_by_label("Search the catalogue").fill("迁移学习")
    page.get_by_label("Search the catalogue").press("Enter")
    page.get_by_label("Compare: Transfer Learning").check()
    page.get_by_role("button", name="Compare ticked methods").click()
    page.get_by_label("Add a method").fill("distillation")
    page.get_by_label("Add a method").press("Enter")
    page.get_by_label("Compare: Knowledge Distillation").check()
    page.get_by_role("button", name="Compare ticked methods").click()

    assert column_names(page) == ["Transfer Learning", "Knowledge Distillation"]


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_keyboard_only_search_suggestion_tick_compare_and_remove(catalogue, page):
    page.goto(f"{catalogue.url}/en/methods/")

    tab_to(page, "#catalogue-q")
    page.keyboard.type("fitnet")
    expect(page.locator("#catalogue-suggestions a").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#catalogue-suggestions a").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("FitNets")
    tab_to(page, "#entry-tray-button button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Compare (1)")).to_be_visible()
    tab_to(page, "#compare-tray a.button")
    page.keyboard.press("Enter")
    expect(page.locator("table thead th a")).to_have_text(["FitNets"])
    tab_to(page, ".chip a")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Nothing to compare yet")).to_be_visible()


def test_download_slides_gives_a_file_python_pptx_opens(catalogue, page, tmp_path):
    page.goto(
        f"{catalogue.url}/zh/compare/?m=multitask-learning,knowledge-distillation"
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="下载幻灯片").click()

    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    texts = [
        shape.text_frame.text
        for slide in Presentation(path).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("多任务学习" in text for text in texts)
