"""Small builders for catalogue entries, shared by all tests."""

from typing import Any

from methods.content import apply_content
from methods.models import Method, MethodVersion
from methods.publishing import publish


def entry(**overrides: Any) -> dict[str, Any]:
    slug = overrides.get("slug", "test-method")
    content: dict[str, Any] = {
        "slug": slug,
        "name": {"en": slug.replace("-", " ").title()},
        "type": {"en": "Test method"},
        "summary": {"en": "A method that exists for the tests."},
        "origin_year_text": {"en": "2001"},
        "proposers": "Tester, T.",
        "field": "machine-learning",
        "family": "machine-learning",
        "aliases": [],
        "references": [
            {
                "authors": "Tester, T.",
                "year": 2001,
                "title": "On testing",
                "url": "https://example.org/testing",
            }
        ],
        "related": [],
        "sources": [
            {
                "title": "Test source",
                "url": "https://example.org",
                "accessed": "2026-12-01",
            }
        ],
    }
    content.update(overrides)
    return content


def make_method(**overrides: Any) -> Method:
    """A working copy, not yet published."""
    return apply_content(Method(), entry(**overrides))


def make_published(**overrides: Any) -> MethodVersion:
    return publish(make_method(**overrides))
