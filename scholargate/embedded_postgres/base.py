import psycopg
from django.db.backends.postgresql import base

from scholargate.embedded_postgres import socket_dir


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL over the embedded server's socket, started on demand."""

    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        params["host"] = socket_dir()
        _ensure_database(params["host"], params.get("dbname") or "postgres")
        return params


_created: set[str] = set()


def _ensure_database(host: str, name: str) -> None:
    if name in _created:
        return
    with psycopg.connect(
        host=host, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        # Test databases are created and dropped by the test runner itself.
        if not exists and not name.startswith("test_"):
            conn.execute(f'CREATE DATABASE "{name}"')
    _created.add(name)
