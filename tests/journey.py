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


def toggle(page, key: str) -> None:
    """Flip the toggle whose Streamlit key is `key`."""
    page.locator(f".st-key-{key} label").first.click()


def slide(page, key: str, press: str) -> None:
    """Move the slider whose Streamlit key is `key` by keyboard (`press`: ArrowRight, Home...)."""
    thumb = page.locator(f".st-key-{key} input[type='range']").first
    thumb.wait_for(state="attached", timeout=WAIT_MS)
    thumb.focus()
    thumb.press(press)


def slider_value(page, key: str) -> str | None:
    """The value the slider whose Streamlit key is `key` shows on its thumb, as a person reads it
    (it moves at once on a key press; the page's rerun for it may come seconds later)."""
    return page.evaluate("""(key) => {
        const el = document.querySelector(`.st-key-${key} [data-testid='stSliderThumbValue']`);
        return el ? el.innerText : null; }""", key)


def pressed(page, key: str) -> list[str]:
    """Texts of the lit pills of the pills widget whose Streamlit key is `key`."""
    return page.evaluate("""(key) => [...document.querySelectorAll(`.st-key-${key} button`)]
        .filter(b => b.getAttribute('aria-pressed') === 'true').map(b => b.innerText)""", key)


def settled(page) -> None:
    """Wait for the page's script run to finish (after a click that reruns it)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=WAIT_MS)


def choose(page, key: str, option: str) -> None:
    """Pick `option` in the selectbox whose Streamlit key is `key` (a combobox: type-ahead input,
    then a listbox of role=option)."""
    # A click that lands while the page is re-rendered (a run's first seconds) can be lost, as
    # it is for a person, who clicks again: so does this, up to three times.
    item = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        page.locator(f".st-key-{key} input").first.click()
        try:
            item.wait_for(timeout=2_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: the list did not open
            page.keyboard.press("Escape")
    item.click()


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


def canvas_colours(page, key: str = "pg_picture") -> dict:
    """Pixels of the real (green) and generated (purple) colours that the live chart `key`
    painted on its canvas layer (the picture's samples): what a person sees as two clouds."""
    return page.evaluate("""(key) => {
        const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
        const cv = gd && gd.__canvas;
        if (!cv) return {real: 0, fake: 0};
        const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        const out = {real: 0, fake: 0};
        for (let i = 0; i < px.length; i += 4) {
            if (px[i] === 27 && px[i + 1] === 158 && px[i + 2] === 75) out.real++;
            if (px[i] === 123 && px[i + 1] === 50 && px[i + 2] === 148) out.fake++;
        }
        return out;
    }""", key)


def chart_xy(page, key: str, x: float, y: float) -> tuple[float, float]:
    """Where on the page the data point (x, y) of the plotly chart `key` lies (for the mouse)."""
    page.locator(f".st-key-{key} .js-plotly-plot").first.scroll_into_view_if_needed()
    return tuple(page.evaluate("""([key, x, y]) => {
        const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
        const fl = gd._fullLayout, r = gd.getBoundingClientRect();
        return [r.left + fl.xaxis._offset + fl.xaxis.d2p(x),
                r.top + fl.yaxis._offset + fl.yaxis.d2p(y)];
    }""", [key, x, y]))


def metric_named(page, label: str) -> str:
    """The value of the metric labelled `label` in the main area."""
    return page.locator("[data-testid='stMain'] [data-testid='stMetric']").filter(
        has_text=label).first.locator("[data-testid='stMetricValue']").inner_text()
