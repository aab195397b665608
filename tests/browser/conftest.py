"""Browser tests: Playwright driving Debian's Chromium against the live server.

Run them alone with `bin/test -m browser`. Where Chromium is missing they are
skipped with a message saying how to install it; `.ci/run` installs it.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.builders import load_reference_catalogue

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop beside the ORM in this process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Chromium is not installed; install it with "
            "`apt-get install chromium fonts-noto-cjk` to run the browser tests."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def catalogue(live_server):
    """The reference entries; the live server's database starts empty each test."""
    load_reference_catalogue()
    return live_server


def _open_page(browser, request, *, javascript: bool):
    context = browser.new_context(
        java_script_enabled=javascript,
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is None or report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture
def page(browser, request):
    yield from _open_page(browser, request, javascript=True)


@pytest.fixture
def page_without_js(browser, request):
    yield from _open_page(browser, request, javascript=False)
