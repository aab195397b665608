import re

_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?:s)?(?!\d)")


def earliest_year(text: str) -> int | None:
    """The earliest year named in free text: "2010; 1990s (roots)" gives 1990."""
    years = [int(match) for match in _YEAR.findall(text or "")]
    return min(years) if years else None
