"""BibTeX: the page itself as a @misc, then each seminal reference once."""

from compare.comparison import Comparison
from compare.exports.references import comparison_record
from methods.citations.bibtex import write_bibtex


def comparison_bibtex(comparison: Comparison) -> str:
    return write_bibtex(comparison_record(comparison), comparison.cards)
