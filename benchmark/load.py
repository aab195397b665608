"""Throughput under gunicorn on the loopback interface.

The compare page and a trivial view of the same app run under the same
server in the same run, so their ratio says what the page costs beyond
the stack itself, whatever the machine.
"""

import http.client
import itertools
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORKERS = 2
CONNECTIONS = 4


@contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[int]:
    """Serve the app with 2 sync workers on 127.0.0.1; yield the port."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "scholargate.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=env,
    )
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def requests_per_second(
    port: int, paths: Sequence[str], seconds: int
) -> tuple[float, str]:
    """Requests per second over `paths`, taken in turn, and the tool that
    measured it. One path measures a page served again and again; many
    measure pages that are each new to the server."""
    _get(port, paths[0])  # each worker connects and warms up
    _get(port, paths[-1])
    if not shutil.which("wrk"):
        return _python_load(port, paths, seconds), "python"

    with tempfile.TemporaryDirectory(prefix="scholargate-wrk-") as folder:
        script = Path(folder) / "paths.lua"
        script.write_text(_wrk_script(paths))
        output = subprocess.run(
            [
                "wrk",
                "--threads",
                "1",
                "--connections",
                str(CONNECTIONS),
                "--duration",
                f"{seconds}s",
                "--script",
                str(script),
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise RuntimeError(f"wrk said nothing about requests: {output}")
    if re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"{paths[0]} failed under load: {output}")
    return float(match[1]), "wrk"


def _wrk_script(paths: Sequence[str]) -> str:
    """A wrk script that requests the paths in turn."""
    quoted = ",\n".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{\n{quoted}\n}}\n"
        "local next_path = 0\n"
        "request = function()\n"
        "  next_path = next_path % #paths + 1\n"
        '  return wrk.format("GET", paths[next_path])\n'
        "end\n"
    )


def _python_load(port: int, paths: Sequence[str], seconds: int) -> float:
    """A small load generator for machines without wrk: keep-alive clients."""
    deadline = time.monotonic() + seconds
    counts = [0] * CONNECTIONS
    turns = itertools.cycle(paths)
    failures: list[str] = []

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            while time.monotonic() < deadline and not failures:
                path = next(turns)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(f"{path} failed under load: {response.status}")
                counts[slot] += 1
        finally:
            connection.close()

    threads = [
        threading.Thread(target=client, args=(slot,)) for slot in range(CONNECTIONS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(failures[0])
    return sum(counts) / (time.monotonic() - started)


def _get(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            _get(port, "/health/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")
