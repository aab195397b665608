"""A comparison as a PowerPoint deck: title, the table, one slide per method, citation.

The table is split over as many slides as it takes to keep 12-point text; a
row too tall for a shared slide gets a slide of its own, in smaller type down
to 9 points, and only then are its cells shortened (the method slides carry
the full texts). Heights are estimated from character widths, since no
renderer is at hand; the estimate errs towards more slides.

The same comparison gives the same bytes apart from the date: core
properties and zip timestamps are set from the comparison's date.
"""

import datetime
import io
import math
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame, _Run
from pptx.util import Emu, Inches, Pt

from compare.comparison import Comparison
from compare.table import ATTRIBUTES, Cell, cell_text
from methods.cards import Card

EAST_ASIAN_FONT = "Noto Sans CJK SC"
# GB2312: lets an application without the named font substitute a Chinese one.
EAST_ASIAN_CHARSET = "-122"
LANGUAGE_TAGS = {"zh": "zh-CN", "en": "en-US"}

SLIDE_WIDTH = Emu(12192000)  # 16:9
SLIDE_HEIGHT = Emu(6858000)
MARGIN = Inches(0.5)
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TITLE_TOP = Inches(0.35)
TITLE_HEIGHT = Inches(0.8)
TABLE_TOP = Inches(1.25)
FOOTER_HEIGHT = Inches(0.4)
TABLE_BOTTOM = SLIDE_HEIGHT - MARGIN - FOOTER_HEIGHT
LABEL_WIDTH = Inches(2.0)
CELL_MARGIN_X = Inches(0.1)
CELL_MARGIN_Y = Inches(0.05)

TABLE_SIZES = (12, 11, 10, 9)
BODY_SIZES = (20, 18, 16, 14, 12)
LINE_SPACING = 1.2
# Average advance of a Latin character, in ems, with room for word wrapping.
LATIN_EM = 0.55
WRAP_ALLOWANCE = 1.1

INK = RGBColor(0x1F, 0x23, 0x28)
MUTED = RGBColor(0x5B, 0x63, 0x6E)
ACCENT = RGBColor(0x1F, 0x5F, 0xBF)
ON_ACCENT = RGBColor(0xFF, 0xFF, 0xFF)
DIFFERS_FILL = RGBColor(0xFF, 0xF4, 0xD6)
PLAIN_FILL = RGBColor(0xFF, 0xFF, 0xFF)
DIFFERS_MARK = "≠"
ELLIPSIS = "…"


@dataclass(frozen=True)
class SlideRow:
    """A table row as the slides show it: plain texts, one per method."""

    key: str
    label: str
    texts: tuple[str, ...]
    langs: tuple[str, ...]
    differs: bool

    @property
    def shown_label(self) -> str:
        return f"{self.label} {DIFFERS_MARK}" if self.differs else self.label


@dataclass(frozen=True)
class TablePage:
    rows: tuple[SlideRow, ...]
    size: int


def comparison_slides(comparison: Comparison) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT

    _title_slide(deck, comparison)
    pages = paginate(slide_rows(comparison), len(comparison.cards))
    for number, page in enumerate(pages, start=1):
        _table_slide(deck, comparison, page, number, len(pages))
    for card in comparison.cards:
        _method_slide(deck, comparison, card)
    _closing_slide(deck, comparison)

    _set_core_properties(deck, comparison)
    buffer = io.BytesIO()
    deck.save(buffer)
    return _with_fixed_timestamps(buffer.getvalue(), comparison.today)


def slide_rows(comparison: Comparison) -> list[SlideRow]:
    return [
        SlideRow(
            key=row.key,
            label=str(row.label),
            texts=tuple(cell_text(row.key, cell) for cell in row.cells),
            langs=tuple(cell.lang or comparison.language for cell in row.cells),
            differs=row.differs,
        )
        for row in comparison.rows
    ]


def paginate(rows: list[SlideRow], columns: int) -> list[TablePage]:
    """Rows in order over as few slides as keep them at 12 points."""
    widths = _column_widths(columns)
    pages: list[TablePage] = []
    current: list[SlideRow] = []
    used = 0.0
    largest = TABLE_SIZES[0]
    available = _table_space(columns, largest)
    for row in rows:
        height = _row_height(row, widths, largest)
        if height > available:
            if current:
                pages.append(TablePage(tuple(current), largest))
                current, used = [], 0.0
            pages.append(_page_of_its_own(row, widths, columns))
            continue
        if used + height > available:
            pages.append(TablePage(tuple(current), largest))
            current, used = [], 0.0
        current.append(row)
        used += height
    if current or not pages:
        pages.append(TablePage(tuple(current), largest))
    return pages


def _page_of_its_own(row: SlideRow, widths: list[int], columns: int) -> TablePage:
    for size in TABLE_SIZES[1:]:
        if _row_height(row, widths, size) <= _table_space(columns, size):
            return TablePage((row,), size)
    size = TABLE_SIZES[-1]
    lines = int(
        (_table_space(columns, size) - 2 * CELL_MARGIN_Y)
        / (size * LINE_SPACING * 12700)
    )
    texts = tuple(
        _shorten(text, lines * _line_units(width, size))
        for text, width in zip(row.texts, widths[1:], strict=True)
    )
    return TablePage(
        (SlideRow(row.key, row.label, texts, row.langs, row.differs),), size
    )


def _column_widths(columns: int) -> list[int]:
    method_width = (CONTENT_WIDTH - LABEL_WIDTH) // max(columns, 1)
    return [LABEL_WIDTH, *([method_width] * columns)]


def _table_space(columns: int, size: int) -> float:
    """Height left for body rows under the header row, in EMU."""
    header = SlideRow("", gettext("Attribute"), ("",) * columns, ("",) * columns, False)
    return TABLE_BOTTOM - TABLE_TOP - _row_height(header, _column_widths(columns), size)


def _text_units(text: str) -> float:
    """Width in ems: wide (CJK) characters take one em, others about half."""
    return sum(
        1.0 if unicodedata.east_asian_width(char) in "WF" else LATIN_EM for char in text
    )


def _line_units(width: int, size: int) -> float:
    return (width - 2 * CELL_MARGIN_X) / (size * 12700) / WRAP_ALLOWANCE


def _text_lines(text: str, width: int, size: int) -> int:
    per_line = _line_units(width, size)
    return sum(
        max(1, math.ceil(_text_units(paragraph) / per_line))
        for paragraph in text.split("\n")
    )


def _row_height(row: SlideRow, widths: list[int], size: int) -> float:
    lines = max(
        _text_lines(text, width, size)
        for text, width in zip((row.shown_label, *row.texts), widths, strict=True)
    )
    return lines * size * LINE_SPACING * 12700 + 2 * CELL_MARGIN_Y


def _shorten(text: str, units: float) -> str:
    if _text_units(text) <= units:
        return text
    kept, used = [], 0.0
    for char in text:
        used += _text_units(char)
        if used > units - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS


# Slides


def _title_slide(deck: Deck, comparison: Comparison) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    language = comparison.language
    box = slide.shapes.add_textbox(MARGIN, Inches(1.6), CONTENT_WIDTH, Inches(1.2))
    _write(box.text_frame, [gettext("Method comparison")], 40, language, bold=True)

    lines = [comparison.names]
    if comparison.only_differences:
        lines.append(f"({gettext('only the rows that differ')})")
    box = slide.shapes.add_textbox(MARGIN, Inches(2.9), CONTENT_WIDTH, Inches(1.8))
    _write(box.text_frame, lines, 24, language, color=INK)

    box = slide.shapes.add_textbox(MARGIN, Inches(5.2), CONTENT_WIDTH, Inches(1.2))
    today = comparison.today.isoformat() if comparison.today else ""
    _write(box.text_frame, [today], 16, language, color=MUTED)
    _write(
        box.text_frame,
        [comparison.canonical_url],
        16,
        language,
        color=ACCENT,
        link=comparison.canonical_url,
        append=True,
    )


def _table_slide(
    deck: Deck,
    comparison: Comparison,
    page: TablePage,
    number: int,
    total: int,
) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    language = comparison.language
    title = gettext("Methods side by side")
    if comparison.only_differences:
        title += f" ({gettext('only the rows that differ')})"
    if total > 1:
        title += f" ({number}/{total})"
    _slide_title(slide, title, language)

    columns = len(comparison.cards)
    widths = _column_widths(columns)
    shape = slide.shapes.add_table(
        len(page.rows) + 1, columns + 1, MARGIN, TABLE_TOP, CONTENT_WIDTH, Inches(1)
    )
    table = shape.table
    table.first_row, table.horz_banding = True, False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width

    header = [gettext("Attribute"), *(str(card.name) for card in comparison.cards)]
    header_langs = [language, *(card.name.lang for card in comparison.cards)]
    header_row = SlideRow(
        "", header[0], tuple(header[1:]), tuple(header_langs[1:]), False
    )
    table.rows[0].height = Emu(int(_row_height(header_row, widths, page.size)))
    for index, (text, lang) in enumerate(zip(header, header_langs, strict=True)):
        _fill_cell(table.cell(0, index), text, page.size, lang, ACCENT, ON_ACCENT, True)

    for row_index, row in enumerate(page.rows, start=1):
        table.rows[row_index].height = Emu(int(_row_height(row, widths, page.size)))
        fill = DIFFERS_FILL if row.differs else PLAIN_FILL
        cells = [(row.shown_label, language), *zip(row.texts, row.langs, strict=True)]
        for index, (text, lang) in enumerate(cells):
            _fill_cell(
                table.cell(row_index, index),
                text,
                page.size,
                lang,
                fill,
                INK,
                index == 0,
            )

    _footer(
        slide, gettext("Highlighted rows (≠) differ between the methods."), language
    )


def _method_slide(deck: Deck, comparison: Comparison, card: Card) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    language = comparison.language
    _slide_title(slide, str(card.name), card.name.lang)

    attributes = {attribute.key: attribute for attribute in ATTRIBUTES}
    summary = attributes["summary"].display(card)
    summary_text = cell_text("summary", Cell(card, summary))
    label = str(attributes["seminal_reference"].label)
    # Each reference with its address on a line of its own, as in the table.
    references = cell_text("seminal_reference", Cell(card, card.references))
    body_space = TABLE_BOTTOM - TABLE_TOP
    size = _body_size([summary_text, label, references], CONTENT_WIDTH, body_space)

    frame = slide.shapes.add_textbox(
        MARGIN, TABLE_TOP, CONTENT_WIDTH, body_space
    ).text_frame
    _write(frame, [summary_text], size, summary.lang if summary else language)
    _write(frame, [label], size, language, bold=True, append=True, space=12)
    for reference in card.references:
        _write(frame, [reference.text], size, language, append=True)
        _write(
            frame,
            [reference.href],
            size - 2,
            language,
            color=ACCENT,
            link=reference.href,
            append=True,
        )
    if not card.references:
        _write(frame, [references], size, language, color=MUTED, append=True)


def _closing_slide(deck: Deck, comparison: Comparison) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    language = comparison.language
    _slide_title(slide, gettext("Cite this comparison"), language)
    box = slide.shapes.add_textbox(MARGIN, Inches(2.2), CONTENT_WIDTH, Inches(2.5))
    box.text_frame.word_wrap = True
    _write(box.text_frame, [comparison.citation], 20, language, color=INK)


def _body_size(paragraphs: list[str], width: int, height: int) -> int:
    for size in BODY_SIZES:
        lines = sum(_text_lines(text, width, size) for text in paragraphs)
        if lines * size * LINE_SPACING * 12700 + Pt(12) <= height:
            return size
    return BODY_SIZES[-1]


def _slide_title(slide: Slide, text: str, lang: str) -> None:
    box = slide.shapes.add_textbox(MARGIN, TITLE_TOP, CONTENT_WIDTH, TITLE_HEIGHT)
    box.text_frame.word_wrap = True
    _write(box.text_frame, [text], 28, lang, bold=True, color=INK)


def _footer(slide: Slide, text: str, lang: str) -> None:
    box = slide.shapes.add_textbox(
        MARGIN,
        SLIDE_HEIGHT - MARGIN - FOOTER_HEIGHT + Inches(0.1),
        CONTENT_WIDTH,
        FOOTER_HEIGHT,
    )
    _write(box.text_frame, [text], 11, lang, color=MUTED)


def _fill_cell(
    cell: _Cell,
    text: str,
    size: int,
    lang: str,
    fill: RGBColor,
    color: RGBColor,
    bold: bool,
) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.vertical_anchor = MSO_ANCHOR.TOP
    cell.margin_left = cell.margin_right = CELL_MARGIN_X
    cell.margin_top = cell.margin_bottom = CELL_MARGIN_Y
    _write(cell.text_frame, text.split("\n"), size, lang, bold=bold, color=color)


def _write(
    frame: TextFrame,
    paragraphs: list[str],
    size: int,
    lang: str,
    *,
    bold: bool = False,
    color: RGBColor = INK,
    link: str = "",
    append: bool = False,
    space: int = 0,
) -> None:
    """Paragraphs of one style; the first fills the frame's empty paragraph."""
    frame.word_wrap = True
    for index, text in enumerate(paragraphs):
        reuse = index == 0 and not append
        paragraph = frame.paragraphs[0] if reuse else frame.add_paragraph()
        if space:
            paragraph.space_before = Pt(space)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = color
        if link:
            run.hyperlink.address = link
        _set_language(run, lang)


def _set_language(run: _Run, lang: str) -> None:
    """Tag the run's language and give East Asian text a font that has it."""
    properties = run._r.get_or_add_rPr()
    properties.set("lang", LANGUAGE_TAGS.get(lang, lang))
    latin = properties.get_or_add_latin()
    latin.set("typeface", "+mn-lt")
    east_asian = etree.SubElement(properties, qn("a:ea"))
    east_asian.set("typeface", EAST_ASIAN_FONT)
    east_asian.set("charset", EAST_ASIAN_CHARSET)
    latin.addnext(east_asian)


# Determinism


def _set_core_properties(deck: Deck, comparison: Comparison) -> None:
    moment = datetime.datetime.combine(
        comparison.today or datetime.date(2000, 1, 1), datetime.time()
    )
    properties = deck.core_properties
    properties.title = _property(f"{gettext('Method comparison')}: {comparison.names}")
    properties.subject = _property(comparison.canonical_url)
    properties.author = properties.last_modified_by = "ScholarGate"
    properties.comments = _property(comparison.citation)
    properties.keywords = _property(", ".join(comparison.slugs))
    properties.language = LANGUAGE_TAGS.get(comparison.language, comparison.language)
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = moment


def _property(text: str) -> str:
    """Core properties hold at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + ELLIPSIS


def _with_fixed_timestamps(package: bytes, today: datetime.date | None) -> bytes:
    """Re-pack the zip with each member dated by the comparison, not the clock."""
    day = today or datetime.date(2000, 1, 1)
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(package))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return target_buffer.getvalue()
