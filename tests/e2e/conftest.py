"""Fixtures of the browser tests: Debian's Chromium through Playwright, one fresh context per test.

The tests are marked ``e2e`` and skipped unless ``KIPP_E2E=1``, so ``make test`` and the PostgreSQL run stay
fast whatever ``-m`` expression they use. With ``KIPP_E2E=1`` a missing Playwright package or Chromium skips
them with the reason; with ``KIPP_REQUIRE_E2E=1`` (CI; implies ``KIPP_E2E=1``) it fails them instead.
"""

import os
import pathlib
import re
import shutil
import threading
import time

import pytest

CHROMIUM = os.environ.get("KIPP_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("KIPP_REQUIRE_E2E") == "1"
ENABLED = REQUIRED or os.environ.get("KIPP_E2E") == "1"
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Longest wait for anything on screen, in milliseconds (a page load, an autosave round trip).
TIMEOUT_MS = 15_000


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set KIPP_CHROMIUM)"
    return None


def pytest_collection_modifyitems(config, items):
    if not ENABLED:
        reason = "browser test: set KIPP_E2E=1 to run it (see docs/contributing.md)"
    elif not REQUIRED and missing_reason():
        reason = missing_reason()  # skipped here, before the database is set up for nothing
    else:
        return  # the ``browser`` fixture fails when something is missing
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    """Say in one line why browser tests were skipped (without needing ``-rs``)."""
    reasons = {}
    for report in terminalreporter.stats.get("skipped", []):
        if "e2e" in getattr(report, "keywords", {}) and isinstance(report.longrepr, tuple):
            reason = report.longrepr[2].removeprefix("Skipped: ")
            reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in reasons.items():
        terminalreporter.write_line(f"e2e: {count} browser test(s) skipped: {reason}", yellow=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """
    A SQLite file instead of the in-memory database, when the browser tests set up the database.

    With an in-memory database, pytest-django shares one connection between the test and every request
    thread of the live server; a file gives each thread its own connection and real transactions.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and database["NAME"] in ("", ":memory:"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e-db") / "kipp.sqlite3")


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """
    pytest-django's live server, started only once the test database exists.

    Started before, it would see the in-memory database of the settings and share the test's connection with
    its request threads; a request closing it while a test queries crashes the interpreter.
    """
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        reason = "the browser tests need a run of their own (KIPP_E2E=1 pytest tests/e2e): in-memory database"
        if REQUIRED:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return live_server


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the whole session (Debian's, not Playwright's download)."""
    reason = missing_reason()
    if reason:
        if REQUIRED:
            pytest.fail(f"KIPP_REQUIRE_E2E=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # this run's screenshots only

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.kipp_failed = True
    return report


@pytest.fixture
def new_context(request, browser, live_server):
    """Open browser contexts (own cookies and storage: one per "session" or person); all closed at the end.

    When the test fails, every page still open is saved as a screenshot next to the others.
    """
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(
            base_url=live_server.url,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            viewport=viewport,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    failed = getattr(request.node, "kipp_failed", False)
    for number, context in enumerate(contexts, 1):
        try:
            if failed:
                for index, open_page in enumerate(context.pages, 1):
                    save_screenshot(open_page, request.node.name, f"failed-{number}-{index}")
            context.close()
        except Exception:  # noqa: S110 - closed by the test already
            pass
    wait_for_requests_to_finish()


def wait_for_requests_to_finish(timeout: float = 10.0) -> None:
    """
    Wait until the live server has answered what the closed pages had still asked for (a reload, a beacon).

    Its request threads are daemons: one still running a query while the database is flushed or the
    interpreter exits can crash the whole run.
    """
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def page(new_context):
    """A page in a fresh desktop-sized context."""
    return new_context().new_page()


def save_screenshot(page, test_name: str, name: str) -> pathlib.Path:
    """Save a full-page screenshot as test-artifacts/e2e/<test>-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^\w-]+", "-", f"{test_name}-{name}").strip("-") + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "receipt")`` keeps a picture of a key screen of this test."""
    return lambda page, name: save_screenshot(page, request.node.name, name)
