"""Showcase mode end to end: `streamlit run app.py` with GANLAB_SHOWCASE=1, driven by Chromium.

The app must open on the Gallery, a stored run must play in the browser, no page may show a
server path or a CLI hint, and no page may offer a file upload. A second, websocket-level test
checks that the hosting config is really in force: a foreign Host or Origin is refused.
"""

from __future__ import annotations

import socket

import pytest
from conftest import ROOT, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ("", "gallery", "playground", "runs", "compare")


@pytest.fixture(scope="module")
def showcase(start_app):
    return start_app(env={"GANLAB_SHOWCASE": "1"})


def _leaks(text: str, runs_dir) -> list[str]:
    needles = [str(runs_dir), str(ROOT), "/work/", ".venv", "site-packages", "ganlab train",
               "ganlab sample", "Traceback"]
    return [n for n in needles if n in text]


def test_showcase_opens_on_a_playing_gallery_without_paths_or_uploads(showcase, page):
    page.goto(showcase.url)
    wait_for_app(page)
    # The landing page is the Gallery, and its time-lapse plays in the browser.
    chart = page.locator(".st-key-gallery_timelapse [data-testid='stPlotlyChart']")
    chart.wait_for(timeout=60_000)
    plot = chart.locator(".js-plotly-plot")
    plot.wait_for(timeout=30_000)
    # The generated points of the first frame; pressing Play must replace them in the browser.
    fake = "(gd) => JSON.stringify([gd.data[1].x, gd.data[1].y])"
    first = plot.evaluate(fake)
    chart.locator(".updatemenu-button").first.click()          # ▶ Play
    page.wait_for_function(
        "([gd, first]) => JSON.stringify([gd.data[1].x, gd.data[1].y]) !== first",
        arg=[plot.element_handle(), first], timeout=30_000)

    # Runs and Compare (every visitor's runs) are not offered in showcase mode.
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Gallery" in nav and "Playground" in nav and "Runs" not in nav and "Compare" not in nav

    for path in PAGES:
        page.goto(f"{showcase.url}/{path}")
        wait_for_app(page)
        page.wait_for_timeout(1500)     # let late elements (fragments, expanders) render
        text = page.locator("[data-testid='stApp']").inner_text()
        assert _leaks(text, showcase.runs_dir) == [], path
        assert page.locator("[data-testid='stFileUploader']").count() == 0, path
        assert page.locator("[data-testid='stException']").count() == 0, path


def _handshake(port: int, host: str, origin: str | None = None) -> str:
    """The status line the server answers a websocket upgrade with (raw HTTP over loopback)."""
    lines = ["GET /_stcore/stream HTTP/1.1", f"Host: {host}", "Upgrade: websocket",
             "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
             "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: streamlit"]
    if origin:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return s.recv(4096).decode("latin-1").split("\r\n")[0]


def test_the_hosting_config_refuses_foreign_hosts_and_origins(showcase):
    port = showcase.port
    assert " 101 " in _handshake(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}")
    assert " 101 " not in _handshake(port, "evil.example.com")           # DNS rebinding
    assert " 101 " not in _handshake(port, f"127.0.0.1:{port}", "http://evil.example.com")
