"""Journeys beyond the Playground's training view, in real Chromium against serve.py: classroom
mode, the Runs page (open, resume, export), Compare and sweeps, share links and the language.

One server for the module; its two stored runs are made by the CLI, as a user would
(`ganlab train --steps 300 --out <runs>/<name>`). Each test says what the person would see.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import pytest
from journey import WAIT_MS, assert_log_clean, choose, click, error_boxes, open_app, page_text, poll

from ganlab import presets
from ganlab.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HINGE = {"loss": "hinge", "lr_d": 0.0003, "lr_g": 0.002, "batch_size": 64}
STEPS = 300


@pytest.fixture(scope="module")
def server(app_server):
    """The module's server with two finished CLI runs: `hinge-run` (its own loss, lrs, batch) and
    `default-run`; both trained at once to save time."""
    procs = []
    for name, sets in (("hinge-run", HINGE), ("default-run", {})):
        sets = {**sets, "sample_every": 100}      # samples on disk: the GIF export has frames
        args = [a for k, v in sets.items() for a in ("--set", f"{k}={v}")]
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "ganlab.cli", "train", *args, "--steps", str(STEPS),
             "--quiet", "--out", str(app_server.runs_dir / name)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert f"finished: {STEPS} iterations" in out     # the CLI's final summary
    return app_server


def font_px(page, selector: str) -> float:
    return page.evaluate("s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)",
                         selector)


def overlaps(page) -> list[str]:
    """Charts on the page whose legend box intersects their title box."""
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(el => {
        const t = el.querySelector('.gtitle'), l = el.querySelector('.legend');
        if (!t || !l) return [];
        const a = t.getBoundingClientRect(), b = l.getBoundingClientRect();
        const hit = a.bottom > b.top + 1 && b.bottom > a.top + 1
                    && a.right > b.left && b.right > a.left;
        return hit ? [t.textContent] : [];
    })""")


def stop_training(page) -> None:
    click(page, "pgw_btn_reset")


def test_classroom_mode_makes_everything_big(server, page):
    open_app(page, server)
    page.locator(".st-key-pgw_btn_step button p").first.wait_for(timeout=WAIT_MS)
    button, label = "[data-testid='stMain'] .st-key-pgw_btn_step button p", \
        "[data-testid='stSidebar'] label p"
    before = {s: font_px(page, s) for s in (button, label, "h1")}
    page.locator("[data-testid='stSidebar'] .st-key-pgw_classroom label").first.click()
    poll(lambda: font_px(page, button), lambda v: v >= 1.3 * before[button],
         what="the buttons' font to grow")
    for sel, px in before.items():
        assert font_px(page, sel) >= 1.3 * px, sel            # sidebar and headings too
    click(page, "pgw_btn_train")
    metric = ".st-key-pg_status [data-testid='stMetricValue']"
    poll(lambda: page.locator(metric).count(), lambda n: n > 0, what="the status metrics")
    assert font_px(page, metric) >= 1.3 * 36            # Streamlit's metric value: 36 px
    # A chart below the fold waits until it is seen (plotly_react.js): the big type pushes D(x)
    # under the losses, so scroll to it as a person at the back of the room would.
    page.locator(".st-key-pg_d_outputs").first.scroll_into_view_if_needed(timeout=WAIT_MS)
    poll(lambda: page.locator(".js-plotly-plot .gtitle").count(), lambda n: n >= 2,
         what="titled charts")
    page.wait_for_timeout(2000)
    assert overlaps(page) == []                               # no legend on a chart title
    stop_training(page)
    assert_log_clean(server)


def test_a_click_on_a_row_opens_the_run_and_each_export_downloads_a_real_file(server, page):
    open_app(page, server, "runs")
    search = page.locator(".st-key-runs_search input").first
    search.fill("default-run")                      # other tests' runs may sit above it
    search.press("Enter")
    grid = page.locator("[data-testid='stDataFrame']").first
    poll(lambda: grid.bounding_box()["height"], lambda h: h < 100, what="one row left")
    page.wait_for_timeout(1000)
    box = grid.bounding_box()
    # The first data row's name cell (rows are ~35 px, the header one row); the grid reacts to a
    # click once the pointer has moved over it, as a person's does.
    x, y = box["x"] + 120, box["y"] + 35 + 17
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    poll(lambda: page.locator("h3").all_inner_texts(),
         lambda t: any("default-run" in x for x in t), what="the clicked run to open")
    page.get_by_role("tab", name="Export").click()
    got = {}
    for key in ("dl_config", "dl_metrics", "dl_ckpt", "dl_gif"):
        with page.expect_download(timeout=WAIT_MS) as info:
            click(page, key)
        got[key] = info.value.path().read_bytes()
    cfg = json.loads(got["dl_config"])
    assert cfg["steps"] == STEPS and "loss" in cfg
    header, *rows = got["dl_metrics"].decode().splitlines()
    assert header.split(",")[0] == "step" and "loss_d" in header and len(rows) > 5
    names = zipfile.ZipFile(io.BytesIO(got["dl_ckpt"])).namelist()
    assert any(n.endswith("checkpoint.safetensors") for n in names)
    assert got["dl_gif"][:6] in (b"GIF87a", b"GIF89a") and len(got["dl_gif"]) > 1000
    assert error_boxes(page) == []
    assert_log_clean(server)


def test_resume_from_runs_keeps_the_runs_config(server, page):
    before = json.loads((server.runs_dir / "hinge-run" / "config.json").read_text())
    open_app(page, server, "runs", "open=hinge-run")
    actions = page.locator(".st-key-runs_actions")
    actions.wait_for(timeout=WAIT_MS)
    actions.get_by_role("button", name="Resume").first.click()
    page.locator("[data-testid='stPopoverBody'] input").first.fill("200")
    page.locator("[data-testid='stPopoverBody'] input").first.press("Enter")
    page.wait_for_timeout(1000)
    click(page, "runs_resume_go")
    # On the Playground, the run goes on from its checkpoint ...
    poll(lambda: page.locator(".st-key-pg_status [data-testid='stMetricValue']").first
         .inner_text(), lambda t: int(t.replace(",", "") or 0) > STEPS,
         what="the resumed run to pass its checkpoint")
    assert "hinge-run" in page_text(page)
    # ... with its own settings in the controls, so nothing is sent to it as a live change.
    assert page.locator(".st-key-pgw_loss input").first.input_value() == "hinge"
    page.wait_for_timeout(3000)
    after = json.loads((server.runs_dir / "hinge-run" / "config.json").read_text())
    # (The run's target length may follow the resume; nothing else may change.)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed <= {"steps"}, {k: (before[k], after.get(k)) for k in changed}
    stop_training(page)
    assert_log_clean(server)


def test_compare_two_runs(server, page):
    open_app(page, server, "compare", "runs=hinge-run,default-run")
    # Runs are named by their data and loss, not only by their folder. (One look at the text
    # once "Settings that differ" shows is not enough: the page is still drawing its chips.)
    poll(lambda: page_text(page), lambda t: "Settings that differ" in t and
         "ring8 · hinge · hinge-run" in t and "ring8 · nonsaturating · default-run" in t,
         what="the comparison, its runs named by data and loss")
    cells = poll(lambda: page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stDataFrame] td')]"
        ".map(c => c.textContent)"), lambda c: len(c) > 0, what="the table of differing keys")
    for key in HINGE:
        assert key in cells, cells
    # Leaving Compare and coming back keeps the choice.
    page.get_by_role("link", name="Runs").first.click()
    page.wait_for_timeout(2000)
    page.get_by_role("link", name="Compare").first.click()
    poll(lambda: page_text(page), lambda t: "Settings that differ" in t,
         what="the same runs again after leaving Compare")
    assert error_boxes(page) == []
    assert_log_clean(server)


def test_a_share_link_opens_the_same_setup_in_a_new_browser_context(server, browser):
    first = browser.new_context(viewport={"width": 1280, "height": 800})
    page = first.new_page()
    open_app(page, server, "playground", "dataset=grid25&loss=hinge&lr_d=0.0005&seed=3")
    preset = page.locator(".st-key-pgw_preset input").first
    poll(lambda: preset.input_value(), lambda v: v == "Custom (no preset)",
         what="the Preset box to say the link's setup is custom")
    assert "replaced" not in page_text(page)
    link = page.locator("[data-testid='stSidebar'] code").first
    page.locator("[data-testid='stSidebar']").get_by_text("Share & import settings").click()
    url = poll(lambda: link.inner_text(), lambda t: "dataset=grid25" in t, what="the share link")
    first.close()

    second = browser.new_context(viewport={"width": 1280, "height": 800})
    page = second.new_page()
    page.goto(url)
    page.locator(".st-key-pgw_loss input").first.wait_for(timeout=WAIT_MS)
    poll(lambda: page.locator(".st-key-pgw_loss input").first.input_value(),
         lambda v: v == "hinge", what="the link's loss")
    assert page.locator(".st-key-pgw_seed input").first.input_value() == "3"
    assert "0.0005" in page.locator(".st-key-pgw_lr_d").first.inner_text()
    second.close()
    assert_log_clean(server)


def test_a_digits_link_says_nothing_false(server, page):
    open_app(page, server, "playground", "dataset=digits&seed=0")
    page.get_by_text("Settings restored from the link").first.wait_for(timeout=WAIT_MS)
    text = page_text(page)
    assert "replaced" not in text and "could not be used" not in text
    assert_log_clean(server)


def test_switch_the_language(server, page):
    open_app(page, server, "runs")
    assert page.locator("h1").first.inner_text().strip().endswith("Runs")
    choose(page, "_lang_widget", "中文")
    poll(lambda: page.locator("h1").first.inner_text(), lambda t: "运行记录" in t,
         what="the heading in Chinese")
    choose(page, "_lang_widget", "English")
    poll(lambda: page.locator("h1").first.inner_text(), lambda t: t.strip().endswith("Runs"),
         what="the heading in English again")
    assert_log_clean(server)


def test_the_gallery_plays_a_stored_run(server, page):
    open_app(page, server, "gallery")
    chart = page.locator(".st-key-gallery_timelapse [data-testid='stPlotlyChart']")
    plot = chart.locator(".js-plotly-plot")
    plot.wait_for(timeout=WAIT_MS)
    label = ("(gd) => gd.querySelector('.slider-container .slider-label, .slider-label')"
             "?.textContent")
    first_step = plot.evaluate(label)
    fake = "(gd) => JSON.stringify([gd.data[1].x, gd.data[1].y])"
    first = plot.evaluate(fake)
    chart.locator(".updatemenu-button").first.click()          # Play
    # The generated points move and the step under the slider counts up.
    page.wait_for_function("([gd, first]) => JSON.stringify([gd.data[1].x, gd.data[1].y]) "
                           "!== first", arg=[plot.element_handle(), first], timeout=WAIT_MS)
    assert plot.evaluate(label) != first_step
    assert error_boxes(page) == []
    assert_log_clean(server)


LEARN_PAGES = ("learn_sampling", "learn_information", "learn_mle", "learn_gan_game", "learn_wgan",
               "learn_cyclegan", "learn_evaluating")


@pytest.mark.parametrize("stem", LEARN_PAGES)
def test_each_learn_pages_try_it_preset_opens_the_playground_with_that_preset(server, page, stem):
    open_app(page, server, stem)
    box = page.locator("[class*='st-key-preset_']").first
    box.wait_for(timeout=WAIT_MS)
    key = next(c for c in box.get_attribute("class").split() if c.startswith("st-key-preset_"))
    name = max((n for n in presets.names() if key.endswith("_" + n)), key=len)
    box.locator("button").click()
    # The Playground opens with that preset in its Preset box (under the Playground's own title).
    want = t(presets.title_key(name), "en", **presets.facts(name))
    preset = page.locator(".st-key-pgw_preset input").first
    preset.wait_for(timeout=WAIT_MS)
    poll(lambda: preset.input_value(), lambda v: v == want,
         what=f"the Playground's Preset box to show {want!r}")
    assert error_boxes(page) == []
    assert_log_clean(server)


def test_a_sweep_within_the_limits(server, page):
    open_app(page, server, "compare")
    steps = page.locator(".st-key-sweep_steps input").first
    steps.wait_for(timeout=WAIT_MS)
    assert "runs going at once" in page_text(page)             # the form says the limit
    steps.fill("40")
    steps.press("Enter")
    page.wait_for_timeout(1500)
    click(page, "sweep_go")
    done = poll(lambda: page_text(page), lambda t: "Queued" in t, what="the sweep to launch")
    assert error_boxes(page) == [], done
    poll(lambda: sorted(p.name for p in server.runs_dir.iterdir() if p.name.startswith("sweep")),
         lambda names: len(names) >= 2, what="the sweep's run folders")
    poll(lambda: page_text(page), lambda t: "sweep-loss" in t, what="the sweep's runs listed")
    assert_log_clean(server)
