"""Journeys through the Playground's training controls, in real Chromium against serve.py.

Each test is a path a person takes, named as they would say it, and asserts what they would see:
the iteration counter, the D / G update counts, the state text, the samples painted on the
picture, which pills are lit. One server for the module (its start costs ~10 s); each test opens
its own tab and ends its run with Reset, so the next one trains alone on the 2-core machine.
Waits poll what is on screen with generous deadlines; no test asserts on speed (latency is
measured by benchmarks/bench_browser.py --latency).
"""

from __future__ import annotations

import json
import re
import time

import pytest
from journey import (
    WAIT_MS,
    assert_log_clean,
    canvas_colours,
    choose,
    click,
    counter,
    error_boxes,
    metric,
    open_app,
    page_text,
    poll,
    pressed,
    settled,
    slide,
    slider_value,
    state,
    toggle,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SMALL = "g_width=16&d_width=16&batch_size=64"   # share-link settings: a fast worker


def updates(page) -> tuple[int, int]:
    """The D / G update counts of the status row ("1,234 / 1,233")."""
    d, g = metric(page, 3).replace(",", "").split("/")
    return int(d), int(g)


def train(page, server, query: str = SMALL) -> None:
    open_app(page, server, query=query)
    click(page, "pgw_btn_train")
    poll(lambda: counter(page), lambda n: n > 0, what="the first iterations")


def reset(page) -> None:
    click(page, "pgw_btn_reset")
    page.locator(".st-key-pgw_btn_train button").first.wait_for(timeout=WAIT_MS)


def runs(server) -> list:
    """Run folders, oldest first (a run's config.json is written when it is created)."""
    made = {p.parent: (p.parent / "status.json").stat().st_ctime
            for p in server.runs_dir.rglob("status.json")}
    return sorted(made, key=made.get)


def config_of(run) -> dict:
    return json.loads((run / "config.json").read_text())


def status_of(run) -> dict:
    return json.loads((run / "status.json").read_text())


def script_errors(page) -> list[str]:
    """Console and page errors, less resources the offline test machine cannot fetch."""
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def test_train_the_default_and_watch_it_learn(app_server, page):
    open_app(page, app_server)
    click(page, "pgw_btn_train")
    first = poll(lambda: counter(page), lambda n: n > 0, what="the first iterations")
    later = poll(lambda: counter(page), lambda n: n > first + 100, what="the counter to climb")
    assert state(page) == "training"
    d, g = updates(page)
    assert d >= later and g >= later            # one D and one G update per iteration
    paint = poll(lambda: canvas_colours(page), lambda c: c["real"] > 0 and c["fake"] > 0,
                 what="real and generated samples on the picture")
    assert paint["fake"] > 50, paint
    assert {"pg_picture", "pg_losses", "pg_d_outputs", "pg_diagram"} <= set(charts_shown(page))
    reset(page)
    assert error_boxes(page) == [] and script_errors(page) == []
    assert_log_clean(app_server)


def test_switch_the_loss_and_lr_d_live(app_server, page):
    train(page, app_server)
    run = runs(app_server)[-1]
    assert config_of(run)["loss"] == "nonsaturating" and config_of(run)["lr_d"] == 1e-3
    choose(page, "pgw_loss", "hinge")
    settled(page)
    slide(page, "pgw_lr_d", "ArrowRight")        # 0.001 -> the next choice, 0.002
    poll(lambda: config_of(run), lambda c: c["loss"] == "hinge" and c["lr_d"] == 2e-3,
         what="the run's config to take the new loss and lr_d")
    before = counter(page)
    poll(lambda: counter(page), lambda n: n > before + 50, what="the same run to go on")
    assert state(page) == "training" and runs(app_server)[-1] == run   # no new run
    assert "need new networks" not in page_text(page)   # nor does anything ask for a Reset
    reset(page)
    assert_log_clean(app_server)


def lit_lines(page) -> list[str]:
    """Numbers of the Algorithm page's lit pseudo-code lines (st-key-algo_gan_l<N>)."""
    return page.evaluate("""() => [...document.querySelectorAll("[class*='st-key-algo_gan_l']")]
        .filter((e) => getComputedStyle(e).borderLeftWidth === '4px')
        .map((e) => [...e.classList].find((c) => c.startsWith('st-key-algo_gan_l')).slice(17))""")


def test_step_step_d_step_g_each_visibly_counted(app_server, page):
    open_app(page, app_server, query=SMALL)
    click(page, "pgw_btn_step")                  # no run yet: one is set up, paused, and stepped
    poll(lambda: counter(page), lambda n: n == 1, what="iteration 1 after Step")
    assert state(page) == "paused" and updates(page) == (1, 1)
    click(page, "pgw_btn_step_d")
    poll(lambda: updates(page), lambda u: u == (2, 1), what="one more D update")
    click(page, "pgw_btn_step_g")
    poll(lambda: updates(page), lambda u: u == (2, 2), what="one more G update")
    # The Algorithm page follows the same run: its G-step lines are lit (ganlab.ui.pseudocode)
    page.locator("[data-testid='stSidebarNav'] a[href*='learn_algorithm']").first.click()
    poll(lambda: lit_lines(page), lambda lit: lit == ["6", "7"], what="the G lines lit")
    page.locator("[data-testid='stSidebarNav'] a[href$='/']").first.click()
    poll(lambda: updates(page), lambda u: u == (2, 2), what="the Playground again, same run")
    click(page, "pgw_btn_step")
    poll(lambda: counter(page), lambda n: n == 2, what="iteration 2")
    assert updates(page) == (3, 3) and state(page) == "paused"
    time.sleep(2.5)                              # live ticks: a paused run stays put
    assert (counter(page), updates(page)) == (2, (3, 3))
    reset(page)
    assert_log_clean(app_server)


def test_slow_motion_on_and_off(app_server, page):
    train(page, app_server)
    toggle(page, "pgw_slow")
    poll(lambda: state(page), lambda s: s == "slow motion", what="the slow-motion state")
    start = counter(page)
    seen = set()
    # default pace 1.5 s per update: an iteration (D then G) every 3 s; the counter advances
    poll(lambda: (seen.add("D" if "D just moved" in page_text(page) else
                           "G" if "G just moved" in page_text(page) else "-"), counter(page))[1],
         lambda n: n >= start + 2 and {"D", "G"} <= seen, timeout=60,
         what="slow iterations, D and G each named as they move")
    click(page, "pgw_btn_pause")
    poll(lambda: state(page), lambda s: s == "paused", what="Pause in slow motion")
    paused = counter(page)
    time.sleep(4)
    assert counter(page) == paused
    click(page, "pgw_btn_resume")
    poll(lambda: state(page), lambda s: s == "slow motion", what="Resume back to slow motion")
    poll(lambda: counter(page), lambda n: n > paused, timeout=30, what="slow motion resumed")
    toggle(page, "pgw_slow")
    poll(lambda: state(page), lambda s: s == "training", what="full speed again")
    fast = counter(page)
    poll(lambda: counter(page), lambda n: n > fast + 100, what="full-speed iterations")
    reset(page)
    assert_log_clean(app_server)


def shown_iteration(page) -> int | None:
    """The iteration of the past snapshot on show ("Showing the snapshot of iteration N")."""
    m = re.search(r"snapshot of iteration ([0-9,]+)", page_text(page))
    return int(m.group(1).replace(",", "")) if m else None


def test_scrub_back_in_time_2d_and_images(app_server, page):
    train(page, app_server)
    poll(lambda: (counter(page), state(page)), lambda c: c[0] > 300,
         what="a few hundred iterations")
    toggle(page, "pgw_follow")                   # "Live" off: the time slider appears
    slide(page, "pgw_frame", "Home")             # back to the first snapshot
    poll(lambda: page_text(page), lambda t: "Showing the snapshot of iteration 0 " in t,
         what="the first snapshot named")
    def later() -> tuple:                        # frame by frame: early on G's arrows cover G
        slide(page, "pgw_frame", "ArrowRight")
        # The thumb moves at once; on a busy machine the page's rerun for it comes later, and a
        # snapshot read before it is not the one chosen (CI saw 241 read, then 500 shown).
        chosen = poll(lambda: slider_value(page, "pgw_frame"), lambda v: v is not None,
                      what="the slider's value")
        step = int(chosen.replace(",", ""))
        poll(lambda: shown_iteration(page), lambda s: s == step, what=f"iteration {step} shown")
        settled(page)
        return step, canvas_colours(page)

    past, paint = poll(later, lambda v: v[0] and v[1]["fake"] > 0 and v[1]["real"] > 0,
                       what="a later snapshot with its samples on the picture")
    frozen = counter(page)
    assert past < frozen
    time.sleep(2.5)
    assert shown_iteration(page) == past         # the past stays shown while training goes on
    toggle(page, "pgw_follow")
    poll(lambda: counter(page), lambda n: n > frozen, what="live again")
    reset(page)

    # Images: digits, the same slider over the sample grids.
    train(page, app_server, query="dataset=digits")
    page.locator("[data-testid='stImage'] img").first.wait_for(timeout=WAIT_MS)
    poll(lambda: counter(page), lambda n: n > 40, timeout=120, what="some digits iterations")
    toggle(page, "pgw_follow")
    slide(page, "pgw_frame", "Home")
    poll(lambda: page_text(page), lambda t: "Showing the snapshot of iteration 0 " in t,
         what="the first image snapshot named")
    assert "· iteration 0" in page_text(page)    # the grid shown is that snapshot's
    time.sleep(2.5)
    assert "· iteration 0" in page_text(page)    # and it does not snap back to live
    reset(page)
    assert error_boxes(page) == []
    assert_log_clean(app_server)


VIEW_CHARTS = {"Picture": ["pg_picture"], "Losses": ["pg_losses"], "D over time":
               ["pg_d_outputs"], "Model diagram": ["pg_diagram"], "D histogram": ["pg_d_hist"],
               "Gradient norms": ["pg_grad_norms"], "Diagnostics": ["dp_"]}


def charts_shown(page) -> list[str]:
    """st-key names of the live charts with data drawn (a plot with at least one trace)."""
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(el => (el._fullData || []).length > 0)
        .map(el => ((el.closest('[class*="st-key-pg_"], [class*="st-key-dp_"]') || {})
                    .className || '').match(/st-key-((pg|dp)_[a-z_0-9]+)/))
        .filter(m => m).map(m => m[1]).sort()""")


def test_each_views_choice_shows_its_charts(app_server, page):
    train(page, app_server)
    page.locator("[data-testid='stPopover'] button").first.click()
    lit = poll(lambda: pressed(page, "pgw_views"), lambda p: len(p) == 4,
               what="the four default views lit")
    assert lit == ["Picture", "Losses", "D over time", "Model diagram"]
    assert pressed(page, "pgw_layers") == ["D heatmap", "Real", "Generated", "G's gradient"]
    for view in lit[1:]:                          # down to the picture alone
        page.locator(".st-key-pgw_views button").filter(has_text=view).first.click()
        settled(page)
    poll(lambda: charts_shown(page), lambda c: c == ["pg_picture"], what="the picture alone")
    poll(lambda: canvas_colours(page), lambda c: c["fake"] > 0, what="samples on it")
    for view, keys in VIEW_CHARTS.items():
        if view != "Picture":
            page.locator(".st-key-pgw_views button").filter(has_text=view).first.click()
            settled(page)
        poll(lambda: charts_shown(page),
             lambda c: all(any(name.startswith(k) for name in c) for k in keys),
             what=f"the {view} chart(s)")
        assert view in pressed(page, "pgw_views")
    assert len(pressed(page, "pgw_views")) == len(VIEW_CHARTS)
    page.keyboard.press("Escape")
    reset(page)
    assert error_boxes(page) == []
    assert_log_clean(app_server)


def test_a_preset_chosen_while_paused_starts_a_new_run_and_leaves_the_old_one_intact(
        app_server, page):
    train(page, app_server)
    click(page, "pgw_btn_pause")
    poll(lambda: state(page), lambda s: s == "paused", what="paused")
    old = runs(app_server)[-1]
    kept = config_of(old)
    choose(page, "pgw_preset", "Unbalanced learning rates")
    page.locator(".st-key-pgw_btn_train button").first.wait_for(timeout=WAIT_MS)
    poll(lambda: status_of(old)["state"], lambda s: s == "stopped", what="the old run stopped")
    assert config_of(old) == kept                 # its loss and learning rates are its own
    click(page, "pgw_btn_train")
    poll(lambda: counter(page), lambda n: n > 0, what="the new run training")
    new = runs(app_server)[-1]
    assert new != old
    assert (config_of(new)["lr_d"], config_of(new)["lr_g"]) == (2e-3, 2e-5)
    assert config_of(old) == kept
    reset(page)
    assert_log_clean(app_server)
