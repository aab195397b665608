"""The compare table as CSV: one row per attribute, one column per method."""

import csv
import io

from django.utils.translation import gettext

from compare.comparison import Comparison
from compare.table import cell_text

# Spreadsheet programs read a file as UTF-8 only when it starts with a BOM.
BOM = "\ufeff"


def comparison_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            gettext("Attribute"),
            *(str(card.name) for card in comparison.cards),
            gettext("Differs"),
        ]
    )
    for row in comparison.rows:
        writer.writerow(
            [
                str(row.label),
                *(cell_text(row.key, cell) for cell in row.cells),
                gettext("yes") if row.differs else gettext("no"),
            ]
        )
    return BOM + buffer.getvalue()
