"""Small builders for catalogue entries, shared by all tests."""

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.utils import timezone

from methods.catalogue import FIXTURES_DIR, load_catalogue
from methods.content import apply_content, normalize_content
from methods.models import Method, MethodVersion, Status
from methods.publishing import publish
from methods.search import refresh_index


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


def publish_renamed(version: MethodVersion, english_name: str) -> MethodVersion:
    """The entry of `version` published again under another English name."""
    method = version.method
    method.name_en = english_name
    method.save()
    return publish(method)


def make_many_published(count: int, **overrides: Any) -> list[str]:
    """Published entries `bulk-000`, `bulk-001`…, in a few queries."""
    contents = [
        normalize_content(entry(**{"slug": f"bulk-{number:03}", **overrides}))
        for number in range(count)
    ]
    methods = Method.objects.bulk_create(
        Method(slug=c["slug"], name_en=c["name"]["en"], status=Status.PUBLISHED)
        for c in contents
    )
    MethodVersion.objects.bulk_create(
        MethodVersion(method=method, number=1, content=c, published_at=timezone.now())
        for method, c in zip(methods, contents, strict=True)
    )
    refresh_index(method.pk for method in methods)
    return [c["slug"] for c in contents]


def load_reference_catalogue() -> None:
    """The reference entries and the ten they relate to, not the whole catalogue.

    Tests read better against a small, stable set; the whole shipped
    catalogue has tests of its own.
    """
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        for part in ("taxonomy", "methods"):
            (directory / part).mkdir()
            shutil.copy(FIXTURES_DIR / part / "reference.json", directory / part)
        load_catalogue(directory)
