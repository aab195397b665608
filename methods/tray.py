"""The compare tray: methods a reader has ticked, kept in their session.

The session is the same under /en/ and /zh/, so the tray survives a
language switch. Slugs stay in the order they were ticked.
"""

import re
from collections.abc import Sequence

from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse

from methods.models import SLUG_PATTERN

SESSION_KEY = "compare_tray"
LIMIT = 6


def tray_slugs(session: SessionBase) -> list[str]:
    slugs = session.get(SESSION_KEY, [])
    return [slug for slug in slugs if isinstance(slug, str)][:LIMIT]


def add(session: SessionBase, slug: str) -> bool:
    """Tick a method; False when the tray is already full."""
    slugs = tray_slugs(session)
    if slug in slugs:
        return True
    if len(slugs) >= LIMIT:
        return False
    session[SESSION_KEY] = [*slugs, slug]
    return True


def remove(session: SessionBase, slug: str) -> None:
    slugs = tray_slugs(session)
    if slug in slugs:
        session[SESSION_KEY] = [other for other in slugs if other != slug]


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def compare_url(slugs: Sequence[str]) -> str:
    """The compare page for these methods, in this order.

    Slugs are lowercase letters, digits and dashes, safe in a URL as they are.
    """
    return f"{reverse('compare:page')}?m={','.join(slugs)}"


_SLUG = re.compile(SLUG_PATTERN)


def is_slug(text: str) -> bool:
    """Could this name an entry? Checked before it reaches a query: a NUL
    byte, for one, is an error in PostgreSQL, not a slug that is missing."""
    return len(text) <= 100 and _SLUG.fullmatch(text) is not None


# A slug, optionally pinned to a version as the compare page allows: `tl@1`.
_COMPARED = re.compile(SLUG_PATTERN.removesuffix("$") + r"(@[1-9][0-9]{0,8})?$")


def compare_selection(raw: str, limit: int | None = LIMIT) -> list[str]:
    """Methods of a comparison from a comma-separated parameter, each once.

    Pins (`slug@2`) are kept, so adding to a pinned comparison keeps it pinned.
    """
    tokens = [token.strip().lower() for token in raw.split(",")]
    valid = [token for token in tokens if len(token) <= 110 and _COMPARED.match(token)]
    return list(dict.fromkeys(valid))[:limit]
