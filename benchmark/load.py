"""Throughput under gunicorn on the loopback interface.

The compare page and a trivial view of the same app run under the same
server in the same run, so their ratio says what the page costs beyond
the stack itself, whatever the machine.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
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


def requests_per_second(port: int, path: str, seconds: int) -> tuple[float, str]:
    """Requests per second for one path, and the tool that measured it."""
    url = f"http://127.0.0.1:{port}{path}"
    _get(port, path)  # each worker connects and warms up
    _get(port, path)
    if shutil.which("wrk"):
        output = subprocess.run(
            [
                "wrk",
                "--threads",
                "1",
                "--connections",
                str(CONNECTIONS),
                "--duration",
                f"{seconds}s",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        match = re.search(r"Requests/sec:\s+([\d.]+)", output)
        if not match:
            raise RuntimeError(f"wrk said nothing about requests: {output}")
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if errors:
            raise RuntimeError(f"{path} failed under load: {output}")
        return float(match[1]), "wrk"
    return _python_load(port, path, seconds), "python"


def _python_load(port: int, path: str, seconds: int) -> float:
    """A small load generator for machines without wrk: keep-alive clients."""
    deadline = time.monotonic() + seconds
    counts = [0] * CONNECTIONS

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            counts[slot] += 1
        connection.close()

    threads = [
        threading.Thread(target=client, args=(slot,)) for slot in range(CONNECTIONS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def _get(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
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


def server_environment() -> dict[str, str]:
    return dict(os.environ)
