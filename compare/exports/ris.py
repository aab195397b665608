"""RIS: the page itself as an electronic source, then each seminal reference once."""

from compare.comparison import Comparison
from compare.exports.references import comparison_record
from methods.citations.ris import write_ris


def comparison_ris(comparison: Comparison) -> str:
    return write_ris(comparison_record(comparison), comparison.cards)
