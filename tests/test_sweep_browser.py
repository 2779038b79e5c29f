"""A seeded Optuna search from the Compare page, in real Chromium against serve.py with real
workers: the person picks search, a log range of lr_d, two seeds and a budget of two configs,
starts it, and sees both configs finish with their mean over seeds, the parallel coordinates and
the members listed as ordinary runs."""

from __future__ import annotations

import pytest
from journey import WAIT_MS, assert_log_clean, click, error_boxes, open_app, page_text, poll

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def fill(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} input").first
    box.wait_for(timeout=WAIT_MS)
    box.fill(text)
    box.press("Enter")
    page.wait_for_timeout(800)


def test_a_seeded_search_runs_through_the_job_manager(app_server, page):
    open_app(page, app_server, "compare")
    page.locator(".st-key-sweep_kind label").filter(has_text="search").first.click()
    page.wait_for_timeout(800)
    box = page.locator(".st-key-sweep_key0 input").first   # a long list: type to find the key
    box.click()
    page.keyboard.type("lr_d")
    page.get_by_role("option", name="lr_d", exact=True).click()
    page.wait_for_timeout(800)
    fill(page, "sweep_vals0_lr_d", "1e-4..1e-2")
    fill(page, "sweep_seeds", "0-1")
    fill(page, "sweep_budget", "2")
    fill(page, "sweep_steps", "100")    # coverage is logged every 100 iterations
    poll(lambda: page_text(page), lambda t: "2 configs × 2 seeds = 4 runs" in t,
         what="the plan of the sweep")
    click(page, "sweep_start")
    poll(lambda: page_text(page), lambda t: "2 of 2 configs done" in t and "Sweep finished." in t,
         timeout=240, what="both configs to finish")
    assert error_boxes(page) == []
    poll(lambda: page.locator(".st-key-sweepview_parcoords .parcoords").count(),
         lambda n: n >= 1, what="the parallel coordinates")
    members = sorted(p.name for p in app_server.runs_dir.iterdir() if "-t00" in p.name)
    assert members == [f"search-ring8-lr_d-t00{t}-seed-{s}" for t in (0, 1) for s in (0, 1)]
    assert_log_clean(app_server)
