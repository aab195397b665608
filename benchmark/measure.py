"""Server time, queries and sizes of reader pages, measured in-process.

Each request goes through the whole Django stack (middleware, view,
template) with `django.test.Client`; the time is wall-clock around it,
so it is what the server spends, without the network.
"""

import gzip
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from methods.listing import PAGE_SIZE

# (kind, query): every kind of search a reader makes.
SEARCHES = [
    ("latin word", "regression"),
    ("latin words", "bayesian network"),
    ("latin prefix", "learn"),
    ("latin, broad", "analysis"),
    ("latin, two letters", "ne"),
    ("summary words", "high-dimensional"),
    ("exact name", "Sparse Robust Clustering"),
    ("chinese", "回归"),
    ("chinese", "贝叶斯"),
    ("chinese substring", "蒸馏"),
    ("chinese, longer", "卷积网络"),
    ("alias", "BHR"),
    ("cyrillic alias", "регрессия"),
    ("japanese alias", "ネットワーク"),
    ("korean alias", "회귀"),
    ("typo", "regresion"),
    ("typos", "bayesain inferense"),
    ("typos", "hierarchcal clustring"),
    ("no hits", "zzqxv"),
    ("no hits, chinese", "量子纠缠"),
]


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)
    queries: set[int] = field(default_factory=set)
    statuses: set[int] = field(default_factory=set)

    @property
    def p50(self) -> float:
        return percentile(self.samples, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)


def percentile(samples: Sequence[float], rank: int) -> float:
    """Nearest-rank percentile, in milliseconds."""
    ordered = sorted(samples)
    index = max(0, -(-rank * len(ordered) // 100) - 1)
    return ordered[index] * 1000


def time_requests(
    name: str, urls: Callable[[], str], runs: int, warmup: int = 2
) -> Timing:
    """Request `runs` URLs (a new one from `urls` each time) and time them."""
    client = Client()
    timing = Timing(name)
    for _ in range(warmup):
        client.get(urls())
    for _ in range(runs):
        url = urls()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timing.samples.append(time.perf_counter() - started)
        timing.queries.add(len(queries))
        timing.statuses.add(response.status_code)
    return timing


def compare_url(slugs: Sequence[str]) -> str:
    return "/en/compare/?m=" + ",".join(slugs)


def page_timings(slugs: Sequence[str], runs: int, rng: random.Random) -> list[Timing]:
    """The compare page with 2, 4, 6 methods, the catalogue, an entry page."""
    pages = len(slugs) // PAGE_SIZE + 1
    timings = [
        time_requests(
            f"compare, {count} methods",
            lambda count=count: compare_url(rng.sample(slugs, count)),
            runs,
        )
        for count in (2, 4, 6)
    ]
    timings.append(
        time_requests(
            "compare, 6 pinned",
            lambda: compare_url([f"{slug}@1" for slug in rng.sample(slugs, 6)]),
            runs,
        )
    )
    timings.append(time_requests("catalogue, first page", lambda: "/en/methods/", runs))
    timings.append(
        time_requests(
            "catalogue, any page",
            lambda: f"/en/methods/?page={rng.randint(1, pages)}",
            runs,
        )
    )
    timings.append(
        time_requests(
            "catalogue, by year",
            lambda: f"/zh/methods/?sort=year&page={rng.randint(1, pages)}",
            runs,
        )
    )
    timings.append(
        time_requests("entry page", lambda: f"/en/methods/{rng.choice(slugs)}/", runs)
    )
    timings.append(
        time_requests(
            "entry page, pinned",
            lambda: f"/zh/methods/{rng.choice(slugs)}/v/1/",
            runs,
        )
    )
    return timings


def search_timings(runs: int) -> list[Timing]:
    """Each search as a catalogue page and as suggestions."""
    timings = []
    for kind, query in SEARCHES:
        language = "zh" if re.search(r"[\u4e00-\u9fff]", query) else "en"
        q = quote(query)
        timings.append(
            time_requests(
                f"search: {query} ({kind})",
                lambda language=language, q=q: f"/{language}/methods/?q={q}",
                runs,
            )
        )
        timings.append(
            time_requests(
                f"suggest: {query} ({kind})",
                lambda language=language, q=q: f"/{language}/methods/suggest/?q={q}",
                runs,
            )
        )
    return timings


@dataclass(frozen=True)
class Size:
    name: str
    raw: int
    gzip: int


def sizes(slugs: Sequence[str]) -> list[Size]:
    """The compare page of six methods and every file it loads."""
    client = Client()
    html = client.get(compare_url(slugs[:6])).content
    found = [Size("HTML, compare page of 6", len(html), _gzipped(html))]
    text = html.decode()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    assets += re.findall(r'<script[^>]* src="([^"]+)"', text)
    for url in assets:
        body = _static_file(url)
        kind = "CSS" if url.endswith(".css") else "JavaScript"
        found.append(
            Size(f"{kind}: {url.rsplit('/', 1)[-1]}", len(body), _gzipped(body))
        )
    return found


def _static_file(url: str) -> bytes:
    """A static file's bytes, found as `collectstatic` would find them."""
    name = url.removeprefix(settings.STATIC_URL)
    # Hashed names (site.3f2a…c1.css) come from the same source file.
    path = finders.find(name) or finders.find(
        re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", name)
    )
    if path is None:
        raise FileNotFoundError(url)
    return Path(path).read_bytes()


def _gzipped(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def conditional(slugs: Sequence[str]) -> dict[str, dict]:
    """Does a page answer a repeated request with 304, and may caches keep it?"""
    client = Client()
    pages = {
        "compare of 6": compare_url(slugs[:6]),
        "compare of 6, pinned": compare_url([f"{slug}@1" for slug in slugs[:6]]),
        "entry page": f"/en/methods/{slugs[0]}/",
        "entry page, pinned": f"/en/methods/{slugs[0]}/v/1/",
        "entry history": f"/en/methods/{slugs[0]}/history/",
        "catalogue page": "/en/methods/?page=2",
        "search": "/zh/methods/?q=%E5%9B%9E%E5%BD%92",
        "suggestions": "/en/methods/suggest/?q=regression",
        "home page": "/zh/",
    }
    outcomes = {}
    for name, url in pages.items():
        client.get(url)  # a reader's first visit sets the CSRF cookie
        first = client.get(url)
        headers = {}
        if first.has_header("ETag"):
            headers["HTTP_IF_NONE_MATCH"] = first["ETag"]
        if first.has_header("Last-Modified"):
            headers["HTTP_IF_MODIFIED_SINCE"] = first["Last-Modified"]
        again = client.get(url, **headers) if headers else first
        outcomes[name] = {
            "etag": first.get("ETag", ""),
            "last_modified": first.get("Last-Modified", ""),
            "repeat_status": again.status_code,
            "cache_control": first.get("Cache-Control", ""),
            "vary": first.get("Vary", ""),
        }
    return outcomes
