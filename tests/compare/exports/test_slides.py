"""The slides: the page's comparison, legible, in either language."""

import datetime
import io
import time

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from compare.comparison import build_comparison
from compare.exports.slides import (
    DIFFERS_FILL,
    EAST_ASIAN_FONT,
    TABLE_SIZES,
    SlideRow,
    comparison_slides,
    paginate,
)
from compare.selection import parse_selection
from tests.compare.exports.shown import REFERENCE, folded, shown_comparison

pytestmark = pytest.mark.django_db


def deck(response) -> Presentation:
    assert response.status_code == 200
    return Presentation(io.BytesIO(response.content))


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def tables(presentation):
    return [
        shape.table
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_table
    ]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_table_slides_hold_the_page_s_rows_labels_and_highlights(client, language):
    shown = shown_comparison(client, language, m=REFERENCE)

    presentation = deck(
        client.get(f"/{language}/compare/slides.pptx", {"m": REFERENCE})
    )

    body = []
    for table in tables(presentation):
        header = [cell.text for cell in table.rows[0].cells]
        assert header[1:] == shown.names
        body += list(table.rows)[1:]
    assert [row.cells[0].text.replace("≠", "").strip() for row in body] == [
        row.label for row in shown.rows
    ]
    for row, expected in zip(body, shown.rows, strict=True):
        cells = list(row.cells)
        assert [folded(cell.text) for cell in cells[1:]] == expected.cells
        assert (cells[0].fill.fore_color.rgb == DIFFERS_FILL) == expected.differs
        assert cells[0].text.endswith("≠") == expected.differs


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_deck_opens_with_a_title_and_closes_with_the_citation(client, language):
    shown = shown_comparison(client, language, m=REFERENCE)

    presentation = deck(
        client.get(f"/{language}/compare/slides.pptx", {"m": REFERENCE})
    )

    slides = list(presentation.slides)
    title = "\n".join(slide_texts(slides[0]))
    assert {"zh": "方法对比", "en": "Method comparison"}[language] in title
    assert " · ".join(shown.names) in title
    assert datetime.date.today().isoformat() in title
    assert shown.canonical_url in title
    assert shown.citation in slide_texts(slides[-1])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_method_has_a_slide_with_its_summary_and_reference(client, language):
    shown = shown_comparison(client, language, m=REFERENCE)
    summaries = next(row for row in shown.rows if row.label in ("Summary", "摘要"))

    presentation = deck(
        client.get(f"/{language}/compare/slides.pptx", {"m": REFERENCE})
    )

    method_slides = list(presentation.slides)[-4:-1]
    for slide, name, summary, reference in zip(
        method_slides, shown.names, summaries.cells, shown.rows[5].cells, strict=True
    ):
        texts = slide_texts(slide)
        assert texts[0] == name
        assert summary in folded(texts[1])
        assert reference.replace(" https", "\nhttps") in texts[1]


def test_the_reference_comparison_takes_two_table_slides(client):
    presentation = deck(client.get("/en/compare/slides.pptx", {"m": REFERENCE}))

    assert len(presentation.slides) == 1 + 2 + 3 + 1
    assert "Methods side by side (2/2)" in slide_texts(presentation.slides[2])


def test_only_differences_leaves_the_same_rows_out_of_the_slides(client):
    presentation = deck(
        client.get("/en/compare/slides.pptx", {"m": REFERENCE, "only": "diff"})
    )

    labels = [row.cells[0].text for table in tables(presentation) for row in table.rows]
    assert "Method family" not in labels
    assert "only the rows that differ" in "\n".join(slide_texts(presentation.slides[0]))


def test_chinese_runs_name_a_font_that_covers_cjk(client):
    presentation = deck(client.get("/zh/compare/slides.pptx", {"m": REFERENCE}))

    runs = [
        run
        for slide in presentation.slides
        for shape in slide.shapes
        for frame in (
            [cell.text_frame for row in shape.table.rows for cell in row.cells]
            if shape.has_table
            else [shape.text_frame]
        )
        for paragraph in frame.paragraphs
        for run in paragraph.runs
    ]
    chinese = [run for run in runs if "学习" in run.text]
    assert chinese
    for run in runs:
        east_asian = run._r.rPr.find(qn("a:ea"))
        assert east_asian is not None and east_asian.get("typeface") == EAST_ASIAN_FONT
    assert {run._r.rPr.get("lang") for run in chinese} == {"zh-CN"}


def test_english_fallback_text_on_a_chinese_deck_is_tagged_english(client):
    presentation = deck(
        client.get("/zh/compare/slides.pptx", {"m": "transfer-learning"})
    )

    summary_row = next(
        row
        for table in tables(presentation)
        for row in table.rows
        if row.cells[0].text.startswith("摘要")
    )
    run = summary_row.cells[1].text_frame.paragraphs[0].runs[0]
    assert run._r.rPr.get("lang") == "en-US"


def test_the_same_comparison_gives_the_same_bytes(rf, monkeypatch):
    def slides_now() -> bytes:
        comparison = build_comparison(
            parse_selection(rf.get("/", {"m": REFERENCE}).GET),
            language="en",
            site_url="https://scholargate.example",
            today=datetime.date(2026, 6, 17),
        )
        return comparison_slides(comparison)

    first = slides_now()
    later = time.time() + 3 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second = slides_now()

    assert first == second


def test_core_properties_are_set_from_the_comparison_not_the_clock(client):
    presentation = deck(client.get("/en/compare/slides.pptx", {"m": REFERENCE}))

    properties = presentation.core_properties
    midnight = datetime.datetime.combine(datetime.date.today(), datetime.time())
    assert properties.modified == properties.created == midnight
    assert properties.author == "ScholarGate"
    assert properties.title.startswith("Method comparison: Multitask Learning")


def row(text: str, columns: int = 3) -> SlideRow:
    return SlideRow("key", "Label", (text,) * columns, ("en",) * columns, False)


def test_a_row_too_tall_to_share_gets_a_slide_of_its_own():
    rows = [row("short"), row("a long summary " * 60), row("short")]

    pages = paginate(rows, 3)

    assert [len(page.rows) for page in pages] == [1, 1, 1]
    assert pages[1].rows[0].texts[0].startswith("a long summary")


def test_short_rows_share_a_slide_in_12_point_type():
    pages = paginate([row("short", 6)] * 8, 6)

    assert len(pages) == 1 and pages[0].size == 12


def test_text_never_shrinks_below_9_points_and_is_shortened_instead():
    pages = paginate([row("word " * 2000, 6)], 6)

    assert pages[0].size == TABLE_SIZES[-1] == 9
    assert pages[0].rows[0].texts[0].endswith("…")
    assert len(pages[0].rows[0].texts[0]) < 2000
