"""The comparison itself as a record that reference managers can hold."""

import datetime

from compare.comparison import Comparison
from compare.exports.naming import comparison_stem
from methods.citations.records import WebRecord


def comparison_record(comparison: Comparison) -> WebRecord:
    """As the page cites it: a comparison of pinned versions only never
    changes, so it has no access date, and dates from its newest version."""
    today = comparison.today or datetime.date.today()
    if comparison.all_pinned and comparison.cards:
        year = max(card.published_at.year for card in comparison.cards)
    else:
        year = today.year
    return WebRecord(
        key=comparison_stem(comparison.slugs),
        title=f"ScholarGate method comparison: {comparison.english_names}",
        url=comparison.canonical_url,
        accessed=None if comparison.all_pinned else today,
        year=year,
    )
