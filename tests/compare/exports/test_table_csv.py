"""The table as CSV: what the page shows, row by row, readable by spreadsheets."""

import csv
import io

import pytest

from tests.compare.exports.shown import REFERENCE, folded, shown_comparison

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reference_comparison_matches_the_page_cell_by_cell(client, language):
    shown = shown_comparison(client, language, m=REFERENCE)

    response = client.get(f"/{language}/compare/table.csv", {"m": REFERENCE})

    header, *rows = read_csv(response)
    assert header[1:-1] == shown.names
    assert [row[0] for row in rows] == [row.label for row in shown.rows]
    for row, expected in zip(rows, shown.rows, strict=True):
        assert [folded(cell) for cell in row[1:-1]] == expected.cells, expected.label
    differs = {"zh": ("是", "否"), "en": ("yes", "no")}[language]
    assert [row[-1] for row in rows] == [
        differs[0] if row.differs else differs[1] for row in shown.rows
    ]


def test_the_file_starts_with_a_bom_so_spreadsheets_read_chinese(client):
    response = client.get("/zh/compare/table.csv", {"m": REFERENCE})

    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "多任务学习" in response.content.decode("utf-8-sig")


def test_the_header_names_the_attribute_and_differs_columns(client):
    response = client.get("/en/compare/table.csv", {"m": REFERENCE})

    assert read_csv(response)[0] == [
        "Attribute",
        "Multitask Learning",
        "Knowledge Distillation",
        "Transfer Learning",
        "Differs",
    ]


def test_only_differences_keeps_only_the_differing_rows(client):
    response = client.get("/en/compare/table.csv", {"m": REFERENCE, "only": "diff"})

    rows = read_csv(response)[1:]
    assert len(rows) == 9
    assert "Method family" not in [row[0] for row in rows]
    assert {row[-1] for row in rows} == {"yes"}


def test_columns_keep_the_order_given(client):
    response = client.get(
        "/en/compare/table.csv", {"m": "transfer-learning,multitask-learning"}
    )

    assert read_csv(response)[0][1:3] == ["Transfer Learning", "Multitask Learning"]
