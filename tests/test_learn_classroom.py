"""Classroom mode of the Learn pages (AppTest): carried in the URL, one section per screen with
previous/next, the toggle that enters it, and every section drawn on every run (later sections
read earlier sections' widgets)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ganlab.ui.learn import CLASSROOM, SECTION, TOGGLE

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["sampling", "information", "mle", "gan_game", "wgan", "cyclegan", "evaluating",
         "algorithm"]
FAST = {"wgan": {"wgan_steps": 50}, "cyclegan": {"cyc_steps": 50}}


def run(name: str, lang: str = "en", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app_pages" / f"learn_{name}.py"), default_timeout=120)
    at.session_state["lang"] = lang
    for k, v in FAST.get(name, {}).items():
        at.session_state[k] = v
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("name", PAGES)
def test_classroom_mode_pages_run_with_a_section_nav(name):
    at = run(name, "zh" if name in ("sampling", "gan_game") else "en", {CLASSROOM: "1"})
    keys = {b.key for b in at.button}
    assert {"learn_prev", "learn_next", "learn_exit"} <= keys
    assert not [t for t in at.toggle if t.key == TOGGLE]     # the toggle is for normal mode
    assert at.button(key="learn_prev").disabled                # section 0: the title screen
    nav = [m.value for m in at.markdown if "/" in m.value and m.value.startswith("**")]
    assert nav and nav[-1].startswith("**1 / "), nav


def test_next_and_previous_move_through_the_sections_in_the_url():
    at = run("gan_game", query={CLASSROOM: "1"})
    at.button(key="learn_next").click().run()
    assert at.query_params[SECTION] == "1"
    at.button(key="learn_next").click().run()
    at.button(key="learn_prev").click().run()
    assert at.query_params[SECTION] == "1"
    n = int([m.value for m in at.markdown if m.value.startswith("**2 / ")][-1][6:-2])
    for _ in range(n - 2):  # from section 1 to the last, n - 1
        at.button(key="learn_next").click().run()
    assert at.button(key="learn_next").disabled and at.query_params[SECTION] == str(n - 1)
    at.button(key="learn_exit").click().run()
    assert CLASSROOM not in at.query_params and not [b for b in at.button if b.key == "learn_next"]


def test_the_toggle_enters_classroom_mode():
    at = run("sampling")
    assert not [b for b in at.button if b.key == "learn_next"]
    at.toggle(key=TOGGLE).set_value(True).run()
    assert at.query_params[CLASSROOM] == "1" and at.query_params[SECTION] == "0"
    assert [b for b in at.button if b.key == "learn_next"]


def test_a_later_section_still_reads_the_first_sections_sliders():
    """Section 2 of Sampling uses section 1's n: shown alone, it must still follow it."""
    at = run("sampling", query={CLASSROOM: "1", SECTION: "2"})
    at.slider(key="samp_n").set_value(80).run()
    assert not at.exception
    assert any("(0." in m.value for m in at.markdown)        # the ranking line with its SDs


@pytest.fixture(autouse=True, scope="module")
def _tmp_data_dir(tmp_path_factory):
    """Same classifier cache folder as tests/test_learn_pages.py (trained once per session); the
    task cache (in the runs folder) out of ./runs."""
    folder = tmp_path_factory.getbasetemp() / "learn-data"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GANLAB_DATA", str(folder))
        mp.setenv("GANLAB_RUNS", str(tmp_path_factory.mktemp("classroom-runs")))
        yield


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_algorithm_page_shows_the_minibatch_estimate_of_v(lang):
    """The Algorithm page: both loops as numbered pseudo-code with no missing string, and its
    minibatch estimate computed from the same samples as ganlab.theory."""
    import numpy as np

    from ganlab.theory import gan_game as g
    from ganlab.theory.densities import Mixture

    at = run("algorithm", lang)
    text = " ".join(m.value for m in at.markdown)
    assert "learn." not in text and "\\nabla" in text
    assert ("ascending" if lang == "en" else "上升") in text
    at.select_slider(key="algo_m").set_value(1024).run()
    pd, pg = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)), Mixture.gaussian(1.0, 0.6)
    rng = np.random.default_rng(0)
    x, xg = pd.sample(1024, rng), pg.sample(1024, rng)
    want = g.minibatch_value(g.d_star(x, pd, pg), g.d_star(xg, pd, pg))
    shown = [m.value for m in at.metric]
    assert f"{want:.4g}" in shown and f"{g.value_at_optimum(pd, pg).direct:.4g}" in shown
