"""The benchmark's own code, on a few hundred entries (bin/bench runs 50,000)."""

import random

import pytest

from benchmark import budgets, measure
from benchmark.catalogue import generate
from methods.models import Method, MethodVersion
from methods.search import search

pytestmark = pytest.mark.django_db


def test_the_generated_catalogue_is_published_and_searchable(client):
    built = generate(200, vacuum=False)

    slug = built.slugs[0]
    method = Method.objects.get(slug=slug)
    assert MethodVersion.objects.filter(method=method).count() >= 1
    assert client.get(f"/en/methods/{slug}/").status_code == 200
    assert search(method.name_en, "en").slugs[0] == slug


def test_related_links_are_symmetric_and_at_most_ten():
    built = generate(200, vacuum=False)

    for slug, others in built.related.items():
        assert len(others) <= 10
        assert all(slug in built.related[other] for other in others)


def test_every_measured_page_answers():
    built = generate(120, vacuum=False)

    timings = measure.page_timings(built.slugs, runs=2, rng=random.Random(1))
    timings += measure.search_timings(runs=1)

    assert {status for timing in timings for status in timing.statuses} <= {200}
    assert all(
        len(timing.queries) == 1 for timing in timings if "compare" in timing.name
    )


def test_the_budgets_read_a_run_of_results():
    built = generate(60, vacuum=False)
    timings = measure.page_timings(built.slugs, runs=1, rng=random.Random(2))
    timings += measure.search_timings(runs=1)
    results = {
        "timings": [
            {
                "name": timing.name,
                "p95_ms": timing.p95,
                "queries": sorted(timing.queries),
            }
            for timing in timings
        ],
        "sizes": [size.__dict__ for size in measure.sizes(built.slugs)],
        "conditional": measure.conditional(built.slugs),
        "throughput": {"ratio": 1.0},
    }

    checks = budgets.check(results)

    assert len(checks) == 9
    by_name = {check["budget"]: check for check in checks}
    assert by_name["CSS under 20 KB"]["holds"]
    assert by_name["unchanged pages answer conditional requests with 304"]["holds"]
