"""What every journey test does the same way: open a page of a live server in Chromium, press a
keyed button, read the Playground's status, poll until something a person would see holds, and
check that the server's log holds no traceback.

Journey tests (tests/test_journey_*.py, listed in docs/journeys.md) walk a whole path a person
takes, against `serve.py` (what `ganlab app` runs), and assert what that person would read.
"""

from __future__ import annotations

import re
import time

import pytest

from conftest import AppServer, wait_for_app

WAIT_MS = 90_000          # a busy 2-core machine imports torch in a worker before the first frame


def open_app(page, server: AppServer, path: str = "", query: str = "") -> None:
    """Load `path` (a page's url path, "" for the Playground) with `query` and wait for its run."""
    page.goto(f"{server.url}/{path}" + (f"?{query}" if query else ""))
    wait_for_app(page)


def click(page, key: str) -> None:
    """Press the button whose Streamlit key is `key` (it renders as class st-key-KEY)."""
    page.locator(f".st-key-{key} button").first.click()


def metric(page, n: int) -> str:
    """The text of the n-th metric of the Playground's status row (0 = iteration counter)."""
    return page.locator(".st-key-pg_status [data-testid='stMetricValue']").nth(n).inner_text()


def counter(page) -> int:
    text = page.locator(".st-key-pg_status [data-testid='stMetricValue']").first.inner_text()
    return int(re.sub(r"[^0-9]", "", text) or 0)


def state(page) -> str:
    return metric(page, 2)


def poll(fn, cond, timeout: float = WAIT_MS / 1000, what: str = ""):
    """The first value of fn() for which cond holds; fails naming `what` and the last value."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        try:
            value = fn()
            if cond(value):
                return value
        except Exception:  # noqa: BLE001 - the element is being redrawn; try again
            pass
        time.sleep(0.25)
    pytest.fail(f"gave up waiting for {what}; last value {value!r}")


def page_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def error_boxes(page) -> list[str]:
    """Texts of Streamlit's red error boxes and exception blocks on the page."""
    return page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stException'], [data-testid='stAlertContentError']")]
        .map(e => e.innerText)""")


def assert_log_clean(server: AppServer) -> None:
    """The server printed no traceback (a page that crashed and recovered still counts)."""
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log[-4000:]
