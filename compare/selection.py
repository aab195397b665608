"""Reading a comparison from its URL: the URL alone rebuilds the page."""

import re
from dataclasses import dataclass

from django.http import QueryDict

MAX_METHODS = 6
MAX_PARAMETER_LENGTH = 2000
# A slug, optionally pinned to a version: `transfer-learning@1`. What
# follows the @ is read as a version whatever it is, so that `slug@0` is
# an entry without such a version, not something missing from the catalogue.
_TOKEN = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:@(?P<version>.*))?$")
# The version of a pin that names none: no version has it.
NO_VERSION = 0


class SelectionTooLong(ValueError):
    pass


def version_key(token: str) -> tuple[str, int | None] | None:
    """`slug` or `slug@n` as (slug, n); None for what cannot be either.

    A pin that is not a version number (`slug@x`, `slug@-1`) names NO_VERSION.
    """
    match = _TOKEN.match(token)
    if not match:
        return None
    version = match["version"]
    if version is None:
        return match["slug"], None
    if version.isascii() and version.isdigit():
        return match["slug"], int(version)
    return match["slug"], NO_VERSION


@dataclass(frozen=True)
class Selection:
    """The methods a URL asks for, in order, each once, lowercased."""

    requested: tuple[str, ...]
    only_differences: bool = False

    @property
    def all_pinned(self) -> bool:
        """Every method named with its version: the page never changes."""
        keys = self.keys
        return (
            bool(keys)
            and len(keys) == len(self.requested)
            and all(number is not None for _slug, number in keys.values())
        )

    @property
    def keys(self) -> dict[str, tuple[str, int | None]]:
        """The requested tokens that can be looked up at all, with their keys."""
        return {token: key for token in self.requested if (key := version_key(token))}


def parse_selection(query: QueryDict) -> Selection:
    """Accept `m=a,b,c` and repeated `m=` alike; refuse overlong parameters."""
    for values in query.lists():
        for value in values[1]:
            if len(value) > MAX_PARAMETER_LENGTH:
                raise SelectionTooLong(values[0])

    requested: list[str] = []
    for value in query.getlist("m"):
        for part in value.split(","):
            # Control characters (a NUL, say) are never part of a name.
            if not part.isprintable():
                part = "".join(char for char in part if char.isprintable())
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
