"""bin/bench: build a large catalogue in a database of its own, measure, clean up.

bin/bench                      # 50,000 entries, the embedded PostgreSQL
DATABASE_URL=postgres://postgres@127.0.0.1:5432/x bin/bench --entries 5000
"""

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from benchmark.database import bench_database

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bin/bench", description=__doc__)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=100, help="requests per measure")
    parser.add_argument(
        "--load-seconds", type=int, default=10, help="per URL under gunicorn"
    )
    parser.add_argument(
        "--output", type=Path, default=PROJECT / "benchmark-results.json"
    )
    args = parser.parse_args(argv)
    server_url = os.environ.get("DATABASE_URL", "").strip() or None

    with (
        bench_database(server_url) as url,
        tempfile.TemporaryDirectory(prefix="scholargate-bench-static-") as static,
    ):
        os.environ.update(
            STATIC_ROOT=static,
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="scholargate.settings",
            DEBUG="0",
            SECRET_KEY="benchmark-only-key-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            SECURE_SSL_REDIRECT="0",
        )
        try:
            results = _run(args)
        finally:
            from django.db import connections

            connections.close_all()

    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.output}")
    failed = [check["budget"] for check in results["budgets"] if not check["holds"]]
    if failed:
        print("Budgets not met: " + "; ".join(failed))
    return 1 if failed else 0


def _run(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from benchmark import budgets, load, measure
    from benchmark.catalogue import generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    print(f"Building {args.entries:,} entries…", flush=True)
    started = time.perf_counter()
    catalogue = generate(args.entries)
    build_seconds = time.perf_counter() - started
    print(
        f"  {catalogue.entries:,} entries, {catalogue.versions:,} versions, "
        f"{catalogue.aliases:,} aliases, {catalogue.terms:,} search terms, "
        f"{catalogue.related_links:,} related links in {build_seconds:.1f} s",
        flush=True,
    )

    # The benchmark's own lists (50,000 slugs, their related links) live to
    # the end: out of the collector's reach, as a worker's start-up objects
    # are (scholargate/wsgi.py), so a full collection during a measure does
    # not walk them and time the benchmark instead of the page.
    gc.collect()
    gc.freeze()

    # In-process, every request reads the catalogue generation, so query
    # counts are the worst case; under gunicorn a worker reads it once a second.
    from methods import freshness

    freshness.GENERATION_TTL = 0.0
    rng = random.Random(7)
    print("Timing pages…", flush=True)
    timings = measure.page_timings(catalogue.slugs, args.runs, rng)
    print("Timing searches…", flush=True)
    timings += measure.search_timings(args.runs)
    sizes = measure.sizes(catalogue.slugs)
    conditional = measure.conditional(catalogue.slugs)

    print("Load under gunicorn…", flush=True)
    one_comparison = [measure.compare_url(catalogue.slugs[100:106])]
    # More comparisons than the server can answer in the time, so none is
    # served from a worker's rendered copy.
    new_comparisons = [
        measure.compare_url(rng.sample(catalogue.slugs, 6))
        for _ in range(args.load_seconds * 2_000)
    ]
    with load.gunicorn(dict(os.environ)) as port:
        trivial, tool = load.requests_per_second(port, ["/health/"], args.load_seconds)
        compare, _tool = load.requests_per_second(
            port, one_comparison, args.load_seconds
        )
        uncached, _tool = load.requests_per_second(
            port, new_comparisons, args.load_seconds
        )
    throughput = {
        "tool": tool,
        "workers": load.WORKERS,
        "connections": load.CONNECTIONS,
        "seconds": args.load_seconds,
        "trivial_view_rps": round(trivial, 1),
        "compare_6_rps": round(compare, 1),
        "ratio": round(compare / trivial, 3),
        "compare_6_each_new_rps": round(uncached, 1),
        "each_new_ratio": round(uncached / trivial, 3),
    }

    results = {
        "machine": _machine(),
        "catalogue": {
            "entries": catalogue.entries,
            "versions": catalogue.versions,
            "aliases": catalogue.aliases,
            "references": catalogue.references,
            "related_links": catalogue.related_links,
            "search_terms": catalogue.terms,
            "build_seconds": round(build_seconds, 1),
        },
        "timings": [
            {
                "name": timing.name,
                "p50_ms": round(timing.p50, 1),
                "p95_ms": round(timing.p95, 1),
                "queries": sorted(timing.queries),
                "statuses": sorted(timing.statuses),
                "runs": len(timing.samples),
            }
            for timing in timings
        ],
        "throughput": throughput,
        "sizes": [size.__dict__ for size in sizes],
        "conditional": conditional,
    }
    results["budgets"] = budgets.check(results)
    _print(results)
    return results


def _machine() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024),
        "cpu": model,
        "python": platform.python_version(),
        "postgresql": postgres,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=PROJECT,
        ).stdout.strip(),
    }


def _print(results: dict) -> None:
    machine = results["machine"]
    print(
        f"\n{machine['cores']} cores, {machine['memory_gib']} GiB, {machine['cpu']}; "
        f"PostgreSQL {machine['postgresql']}; {results['catalogue']['entries']:,} "
        f"entries built in {results['catalogue']['build_seconds']} s\n"
    )
    width = max(_columns(timing["name"]) for timing in results["timings"])
    print(f"{_pad('page', width)}  {'p50 ms':>7}  {'p95 ms':>7}  queries")
    for timing in results["timings"]:
        queries = ", ".join(str(count) for count in timing["queries"])
        print(
            f"{_pad(timing['name'], width)}  {timing['p50_ms']:>7.1f}  "
            f"{timing['p95_ms']:>7.1f}  {queries}"
        )
    throughput = results["throughput"]
    print(
        f"\nUnder gunicorn ({throughput['workers']} workers, {throughput['tool']}, "
        f"{throughput['connections']} connections, {throughput['seconds']} s each): "
        f"compare of 6 {throughput['compare_6_rps']} req/s, trivial view "
        f"{throughput['trivial_view_rps']} req/s, ratio {throughput['ratio']}; "
        f"a new comparison of 6 each request {throughput['compare_6_each_new_rps']} "
        f"req/s, ratio {throughput['each_new_ratio']}"
    )
    print(f"\n{'file':<40}  {'bytes':>8}  {'gzip':>8}")
    for size in results["sizes"]:
        print(f"{size['name']:<40}  {size['raw']:>8,}  {size['gzip']:>8,}")
    print(f"\n{'page asked for again with its ETag':<36}  answer  Cache-Control")
    for name, outcome in results["conditional"].items():
        print(f"{name:<36}  {outcome['repeat_status']:>6}  {outcome['cache_control']}")
    print("\nBudgets:")
    for check in results["budgets"]:
        mark = "ok  " if check["holds"] else "FAIL"
        print(f"  {mark} {check['budget']}: {check['measured']}")


def _columns(text: str) -> int:
    """How many terminal columns a text takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _columns(text))


if __name__ == "__main__":
    sys.exit(main())
