"""The Playground in real Chromium against `streamlit run app.py` (architecture §3, issue 3).

Open the page, press Train, see the iteration counter and the loss chart advance; Pause stops the
counter; Step advances it by exactly one iteration; no console errors. Saves a screenshot to
tests/artifacts/playground.png. Waits poll concrete elements; nothing asserts on speed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import wait_for_app
from journey import WAIT_MS, click, counter, poll, state

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).parent / "artifacts"






def loss_points(page) -> int:
    """Points of the D-loss trace actually drawn by plotly in the browser."""
    return page.evaluate("""() => {
        const el = document.querySelector('.st-key-pg_losses .js-plotly-plot');
        // _fullData: plotly's own decoded copy (the wire sends arrays as base64 binary).
        if (!el || !el._fullData || !el._fullData.length) return 0;
        const xs = el._fullData[0].x || [];
        return xs.length ? xs[xs.length - 1] : 0;
    }""")


def tag_plots(page) -> None:
    page.evaluate("""() => document.querySelectorAll('.js-plotly-plot')
        .forEach(el => { el.__ganlabTagged = true; })""")


def tagged_plots(page) -> list[str]:
    """st-key-pg_* names of the live charts whose plot element is still a tagged one."""
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(el => el.__ganlabTagged)
        .map(el => ((el.closest('[class*="st-key-pg_"]') || {}).className || '')
                    .match(/st-key-(pg_[a-z_]+)/))
        .filter(m => m).map(m => m[1]).sort()""")


def zoom_losses(page, x_range) -> None:
    """What a drag-zoom does: a relayout of the x axis on the plot."""
    page.evaluate("""(r) => window.Plotly.relayout(
        document.querySelector('.st-key-pg_losses .js-plotly-plot'), {'xaxis.range': r})""",
                  x_range)


def loss_x_range(page) -> list:
    return page.evaluate("""() => document.querySelector('.st-key-pg_losses .js-plotly-plot')
        ._fullLayout.xaxis.range""")


def canvas_paint(page) -> dict:
    """What the picture's canvas layer shows: pixels of the real, fake and arrow colours, and
    the share of fake samples whose spot, placed by plotly's own axis maths, is painted."""
    return page.evaluate("""() => {
        const gd = document.querySelector('.st-key-pg_picture .js-plotly-plot');
        const cv = gd.__canvas, fl = gd._fullLayout;
        const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        const colours = {real: [27, 158, 75], fake: [123, 50, 148], arrows: [231, 41, 138]};
        const out = {real: 0, fake: 0, arrows: 0};
        for (let i = 0; i < px.length; i += 4) {
            for (const [name, c] of Object.entries(colours)) {
                if (px[i] === c[0] && px[i + 1] === c[1] && px[i + 2] === c[2]) out[name]++;
            }
        }
        const dpr = cv.width / fl.width;
        let hit = 0, n = 0;
        for (const {trace, xs, ys} of gd.__layers.values()) {
            if (trace.name !== 'generated G(z)') continue;
            for (let k = 0; k < xs.length; k++) {
                const x = fl.xaxis._offset + fl.xaxis.l2p(xs[k]);
                const y = fl.yaxis._offset + fl.yaxis.l2p(ys[k]);
                if (x < fl.xaxis._offset || x > fl.xaxis._offset + fl.xaxis._length ||
                    y < fl.yaxis._offset || y > fl.yaxis._offset + fl.yaxis._length) continue;
                n++;
                if (px[(Math.round(y * dpr) * cv.width + Math.round(x * dpr)) * 4 + 3]) hit++;
            }
        }
        out.placed = n ? hit / n : 0;
        return out;
    }""")


def legend_click(page, chart: str, name: str) -> None:
    page.locator(f".st-key-{chart} .legend .traces").filter(has_text=name) \
        .locator(".legendtoggle").first.click()


def diagram_losses(page) -> str:
    """The diagram's live text (the latest losses), as plotly last drew it."""
    return page.evaluate("""() => {
        const gd = document.querySelector('.st-key-pg_diagram .js-plotly-plot');
        return gd._fullLayout.annotations.map(a => a.text).filter(t => t.includes('<span'))
            .join('');
    }""")


def scroll_main(page, top: int) -> None:
    page.evaluate("(top) => { document.querySelector('[data-testid=stMain]').scrollTop = top; }",
                  top)






def test_train_pause_step_in_chromium(app_server, page):
    page.goto(app_server.url)
    wait_for_app(page)
    page.locator(".st-key-pgw_btn_train button").first.wait_for(timeout=WAIT_MS)
    click(page, "pgw_btn_train")

    first = poll(lambda: counter(page), lambda n: n > 0, what="the first iterations")
    poll(lambda: counter(page), lambda n: n > first, what="the counter to advance")
    x0 = poll(lambda: loss_points(page), lambda x: x > 0, what="a loss chart")
    tag_plots(page)
    zoom_losses(page, [0, 7])
    poll(lambda: loss_points(page), lambda x: x > x0, what="the loss chart to advance")
    # The new frame was drawn into the same plots (Plotly.react), not into re-mounted ones,
    # and the reader's zoom survived it.
    assert tagged_plots(page) == ["pg_d_outputs", "pg_diagram", "pg_losses", "pg_picture"]
    assert loss_x_range(page) == [0, 7]
    page.locator(".st-key-pg_picture .js-plotly-plot").first.wait_for(timeout=WAIT_MS)

    # The picture's samples and arrows are painted on its canvas layer, where plotly's own axes
    # put them; a legend click hides a layer and a second one brings it back.
    paint = poll(lambda: canvas_paint(page), lambda c: min(c["real"], c["fake"], c["arrows"]) > 0,
                 what="samples and arrows on the canvas")
    assert paint["placed"] > 0.9, paint
    legend_click(page, "pg_picture", "generated G(z)")
    poll(lambda: canvas_paint(page), lambda c: c["fake"] == 0 and c["real"] > 0,
         what="the fake samples to be hidden")
    legend_click(page, "pg_picture", "generated G(z)")
    poll(lambda: canvas_paint(page), lambda c: c["fake"] > 0, what="the fake samples again")

    # A chart out of view waits (it keeps only its newest frame) and catches up when seen.
    page.set_viewport_size({"width": 1440, "height": 380})   # the charts start ~400 px down
    scroll_main(page, 0)
    time.sleep(1.5)                                          # a draw in flight may finish
    hidden = diagram_losses(page)
    start = counter(page)
    poll(lambda: counter(page), lambda n: n > start + 50, what="training while out of view")
    time.sleep(2)                                            # two more ticks
    assert diagram_losses(page) == hidden
    page.locator(".st-key-pg_diagram").scroll_into_view_if_needed()
    poll(lambda: diagram_losses(page), lambda t: t != hidden, what="the diagram to catch up")
    page.set_viewport_size({"width": 1440, "height": 1000})
    scroll_main(page, 0)

    page.locator(".st-key-pgw_btn_pause button").first.wait_for(timeout=WAIT_MS)
    click(page, "pgw_btn_pause")
    poll(lambda: state(page), lambda s: s == "paused", what="the paused state")
    paused = counter(page)
    page.locator(".st-key-pgw_btn_resume button").first.wait_for(timeout=WAIT_MS)
    time.sleep(3)   # several live ticks: a paused run must not move
    assert counter(page) == paused

    click(page, "pgw_btn_step")
    stepped = poll(lambda: counter(page), lambda n: n != paused, what="one step")
    assert stepped == paused + 1
    time.sleep(2)
    assert counter(page) == paused + 1

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "playground.png"), full_page=True)
    assert page.console_errors == []
