"""The Learn pages at 1280×800 in real Chromium, both languages, normal and classroom mode: no
formula or figure wider than its container, no legend on a subplot title, tick labels of at least
16 px in classroom mode, and Chinese drawn with the app's own CJK font on a machine without one.

One server (app.py: the Learn pages need no training worker) and one browser; every page is
visited once per language and mode. In classroom mode every section is measured in one visit:
the test lifts the CSS that hides the sections other than the current one (each section's layout
does not depend on the others being shown).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ["learn_sampling", "learn_information", "learn_mle", "learn_gan_game", "learn_algorithm",
         "learn_wgan", "learn_cyclegan", "learn_evaluating", "learn_dcgan"]  # dcgan's runs: last
MIN_TICK_PX = 16

# fontconfig as on a classroom PC without a CJK font: the system's fonts minus every CJK one.
FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<selectfont><rejectfont><glob>*CJK*</glob><glob>*cjk*</glob><glob>*wqy*</glob><glob>*Noto*SC*</glob>
<glob>*/truetype/arphic*</glob><glob>*/opentype/noto/*</glob></rejectfont></selectfont></fontconfig>
"""

MEASURE = """(classroom) => {
  const out = {formulas: [], figures: [], overlaps: [], small_ticks: [], charts: 0};
  const rect = (el) => el.getBoundingClientRect();
  const box = (el) => el.closest("[data-testid='stElementContainer']") || el.parentElement;
  for (const k of document.querySelectorAll(".katex-display")) {
    const inner = k.querySelector(".katex-html") || k;
    const r = rect(inner), c = rect(box(k));
    if (r.width > 0 && (r.right > c.right + 1 || r.left < c.left - 1))
      out.formulas.push(
        `${k.innerText.slice(0, 40)}: ${Math.round(r.width)} > ${Math.round(c.width)}`);
  }
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const r = rect(plot);
    if (r.width === 0) continue;           // in a closed expander
    out.charts += 1;
    const c = rect(box(plot));
    const svg = plot.querySelector(".main-svg");
    const w = Math.max(r.width, svg ? rect(svg).width : 0);
    if (w > c.width + 1) out.figures.push(`${Math.round(w)} > ${Math.round(c.width)}`);
    const anns = (plot._fullLayout && plot._fullLayout.annotations) || [];
    const titles = [...plot.querySelectorAll("g.annotation")].filter((g) => {
      const a = anns[+g.getAttribute("data-index")];
      return a && a.xref === "paper" && a.yref === "paper" && a.text;
    });
    const gtitle = plot.querySelector(".g-gtitle text");
    if (gtitle) titles.push(gtitle);
    const legend = plot.querySelector("g.legend");
    if (legend) {
      const l = rect(legend);
      for (const t of titles) {
        const a = rect(t);
        const overlap = Math.min(l.right, a.right) - Math.max(l.left, a.left) > 1 &&
                        Math.min(l.bottom, a.bottom) - Math.max(l.top, a.top) > 1;
        if (overlap) out.overlaps.push(t.textContent.slice(0, 40));
      }
    }
    if (classroom) {
      for (const t of plot.querySelectorAll(".xaxislayer-above text, .yaxislayer-above text")) {
        const px = parseFloat(getComputedStyle(t).fontSize);
        if (t.textContent && px < %d) out.small_ticks.push(`${t.textContent}: ${px}px`);
      }
    }
  }
  return out;
}""" % MIN_TICK_PX


FITTED = """() => [...document.querySelectorAll('.js-plotly-plot')].every((p) => {
    const c = (p.closest("[data-testid='stElementContainer']") || p.parentElement)
        .getBoundingClientRect();
    return p.getBoundingClientRect().width <= c.width + 1; })"""


@pytest.fixture(scope="module")
def learn_server(start_app, tmp_path_factory):
    data = tmp_path_factory.mktemp("learn-layout-data")   # the digits classifier's cache
    return start_app("app.py", env={"GANLAB_DATA": str(data)})


@pytest.fixture(scope="module")
def cjkless_page(playwright):
    """A 1280×800 page in a Chromium that sees no CJK system font."""
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "fonts.conf"
        conf.write_text(FONTS_CONF)
        env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             env=env)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        yield page
        browser.close()


def settle(page) -> None:
    """Wait for the run to finish and the charts to be drawn (plotly draws after mounting)."""
    wait_for_app(page, timeout=240_000)
    page.wait_for_function("""() => {
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        return plots.length > 0 && plots.every((p) =>
            p.getBoundingClientRect().width === 0 || p.querySelector('.main-svg')); }""",
                           timeout=60_000)
    page.wait_for_timeout(500)


def fonts_of_heading(page) -> list[dict]:
    """The fonts Chromium really used for the page title's text (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    fonts = []
    for selector in ("h1", "h1 span", "h1 div"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if node:
            fonts += cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts


HOVERED = """() => {
  const shown = (g) => [g.__data__[0].trace.name, getComputedStyle(g).opacity];
  const traces = [...document.querySelectorAll('.ganlab-hovering .scatterlayer .trace')];
  return {lit: traces.filter((g) => g.classList.contains('ganlab-lit')).map(shown),
          dim: traces.filter((g) => !g.classList.contains('ganlab-lit')).map(shown),
          value: [...document.querySelectorAll('.ganlab-value')].map((e) => e.innerText)};
}"""


def hover_problems(page) -> list[str]:
    """Hovering JS(p_data‖p_g) in the D* formula lights the p_data and p_g areas, dims D*, and
    shows JS for the page's default sliders (ganlab.ui.hover_formula)."""
    from ganlab.theory.densities import Mixture
    from ganlab.theory.gan_game import value_at_optimum
    from ganlab.ui.learn import num

    js = num(value_at_optimum(Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)),
                              Mixture.gaussian(4.0, 0.6)).js)
    page.locator(".ganlab-formula [data-term='js']").first.hover()
    page.wait_for_timeout(300)
    seen = page.evaluate(HOVERED)
    page.mouse.move(0, 0)
    ok = (sorted(n for n, o in seen["lit"] if o == "1") == ["p_data", "p_g"] and
          [o for _, o in seen["dim"]] == ["0.15"] and any(js in v for v in seen["value"]))
    return [] if ok else [f"hovering JS: {seen} (want JS = {js})"]


def test_learn_pages_fit_and_chinese_renders(learn_server, cjkless_page):
    page, problems = cjkless_page, []
    for name in PAGES:
        for lang in ("en", "zh"):
            for classroom in (False, True):
                query = f"lang={lang}" + ("&classroom=1&section=1" if classroom else "")
                page.goto(f"{learn_server.url}/{name}?{query}")
                settle(page)
                where = f"{name} {lang} {'classroom' if classroom else 'normal'}"
                if classroom:
                    assert not page.locator("[data-testid='stSidebar']").is_visible(), where
                    assert page.locator(".st-key-learn_next button").is_visible(), where
                    # show every section at once (see the module docstring)
                    page.evaluate("""() => document.querySelectorAll('style').forEach((s) => {
                        if (s.textContent.startsWith('.st-key-learn_sec_')) s.remove(); })""")
                    # A chart drawn while hidden got plotly's default 700 px; shown, it is
                    # redrawn at its column's width. Give that a few seconds (a real overflow
                    # stays and is reported below).
                    try:
                        page.wait_for_function(FITTED, timeout=8_000)
                    except Exception:  # noqa: BLE001 - measured and reported below
                        pass
                if (name, lang, classroom) == ("learn_gan_game", "en", False):
                    problems += hover_problems(page)
                m = page.evaluate(MEASURE, classroom)
                assert m["charts"] > 0, f"{where}: no chart drawn"
                for kind in ("formulas", "figures", "overlaps", "small_ticks"):
                    if m[kind]:
                        problems.append(f"{where}: {kind}: {m[kind][:5]}")
                if lang == "zh" and not classroom:
                    fonts = fonts_of_heading(page)
                    served = [f for f in fonts
                              if f.get("isCustomFont") and "CJK" in f["familyName"]]
                    assert served, f"{where}: the title's Chinese is not drawn with the served " \
                                   f"font: {fonts}"
    assert not problems, "\n".join(problems)
