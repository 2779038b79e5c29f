"""Shared links in real Chromium: a fresh server, a link opened straight into the Playground, the
settings restored exactly in its controls, nothing trained; a damaged link reported, not fatal.
Saves screenshots to tests/artifacts/share_*.png."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import wait_for_app

from ganlab.config import Config
from ganlab.urlstate import from_params, share_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).parent / "artifacts"
WAIT_MS = 90_000
SHARED = Config().replace(dataset="grid25", loss="wgan_gp", lr_d=0.0005, lr_g=5e-5, seed=42,
                          steps=3000, batch_size=128, g_width=64, gp_weight=1.5, beta1=0.3)


def eventually(read, want, timeout: float = 30.0):
    """read() until it returns want (widgets fill in a moment after the first paint)."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        try:
            value = read()
        except Exception:  # noqa: BLE001 - element being redrawn
            value = None
        if value == want:
            return value
        time.sleep(0.25)
    assert value == want


def value_of(page, key: str) -> str:
    return page.locator(f".st-key-{key} input").first.input_value()


def settled_url(page, timeout: float = 30.0) -> str:
    """The address bar once the page has written its settings into it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "seed=" in page.url:
            return page.url
        time.sleep(0.25)
    return page.url


def test_a_shared_link_restores_the_settings_exactly(app_server, page):
    url = share_url(f"{app_server.url}/playground", SHARED)
    page.goto(url)   # the first request this server ever sees: a link someone was sent
    wait_for_app(page)
    page.locator(".st-key-pgw_seed input").first.wait_for(timeout=WAIT_MS)
    page.get_by_text("Settings restored from the link").first.wait_for(timeout=WAIT_MS)

    # What the controls show ...
    eventually(lambda: value_of(page, "pgw_seed"), "42")
    eventually(lambda: value_of(page, "pgw_steps"), "3000")
    eventually(lambda: value_of(page, "pgw_loss"), "WGAN-GP")
    # The slider's label paints a moment after its input exists: read it until it shows.
    eventually(lambda: "0.0005" in page.locator(".st-key-pgw_lr_d").first.inner_text(), True)
    # ... and the Config they make (the page writes it back into the address bar): identical,
    # including keys that have no widget (gp_weight, beta1).
    back, problems = from_params(parse_qs(urlsplit(settled_url(page)).query))
    assert problems == [] and back == SHARED

    page.locator(".st-key-share_notice").first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "share_restored.png"))
    time.sleep(2)
    assert not any(app_server.runs_dir.iterdir()), "opening a link must not start training"
    assert not [e for e in page.console_errors if "Error" in e and "favicon" not in e]


def test_a_damaged_link_is_reported_and_defaults_used(app_server, page):
    page.goto(f"{app_server.url}/playground?lr_d=fast&batch_size=999999&seed=7&lossx=hinge")
    wait_for_app(page)
    warning = page.locator("[data-testid='stAlertContentWarning']").first
    warning.wait_for(timeout=WAIT_MS)
    text = warning.inner_text()
    assert "lr_d=fast" in text and "batch_size=999999" in text and "lossx" in text
    eventually(lambda: value_of(page, "pgw_seed"), "7")
    assert not page.locator("[data-testid='stException']").count()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "share_damaged.png"))
