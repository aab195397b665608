"""The load generators take the paths they are given in turn."""

import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmark import load

PATHS = ["/en/compare/?m=a,b", "/en/compare/?m=c,d", "/zh/compare/?m=e,f"]


@pytest.fixture
def server() -> Iterator[tuple[int, Counter]]:
    """A stand-in server that counts the paths it is asked for."""
    seen: Counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            seen[self.path] += 1
            self.send_response(404 if self.path == "/missing/" else 200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], seen
    httpd.shutdown()
    httpd.server_close()


def test_the_python_load_generator_asks_for_every_path(server):
    port, seen = server

    rate = load._python_load(port, PATHS, seconds=1)

    assert rate > 0
    assert set(seen) == set(PATHS)


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_wrk_asks_for_every_path(server):
    port, seen = server

    rate, tool = load.requests_per_second(port, PATHS, seconds=1)

    assert tool == "wrk"
    assert rate > 0
    assert set(seen) == set(PATHS)


def test_a_page_that_fails_under_load_stops_the_measure(server):
    port, _seen = server

    with pytest.raises(RuntimeError, match="failed under load"):
        load._python_load(port, ["/missing/"], seconds=1)
