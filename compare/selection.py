"""Reading a comparison from its URL: the URL alone rebuilds the page."""

import re
from dataclasses import dataclass

from django.http import QueryDict

MAX_METHODS = 6
MAX_PARAMETER_LENGTH = 2000
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SelectionTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Selection:
    """The methods a URL asks for, in order, each once, lowercased."""

    requested: tuple[str, ...]
    only_differences: bool = False

    @property
    def well_formed(self) -> tuple[str, ...]:
        """The requested names that could be slugs at all; only these are looked up."""
        return tuple(slug for slug in self.requested if _SLUG.match(slug))


def parse_selection(query: QueryDict) -> Selection:
    """Accept `m=a,b,c` and repeated `m=` alike; refuse overlong parameters."""
    for values in query.lists():
        for value in values[1]:
            if len(value) > MAX_PARAMETER_LENGTH:
                raise SelectionTooLong(values[0])

    requested: list[str] = []
    for value in query.getlist("m"):
        for part in value.split(","):
            slug = part.strip().lower()
            if slug and slug not in requested:
                requested.append(slug)
    return Selection(tuple(requested), only_differences=query.get("only") == "diff")


def query_string(
    slugs: list[str] | tuple[str, ...], *, only_differences: bool = False
) -> str:
    """The canonical query string of a comparison, commas kept readable."""
    query = "m=" + ",".join(slugs)
    if only_differences:
        query += "&only=diff"
    return query
