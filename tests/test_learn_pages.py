"""AppTest checks of the Learn pages: every page runs in both languages with no missing string,
and moving a slider changes a displayed number to the value ganlab.theory computes."""

from pathlib import Path

import numpy as np
import pytest
from scipy.stats import kstest, norm, wasserstein_distance
from streamlit.testing.v1 import AppTest
from test_tasks_pages import open_page, ready

from ganlab.i18n import LANGS, TABLE
from ganlab.theory import aliasing as A
from ganlab.theory import entropy as E
from ganlab.theory import gan_game as g
from ganlab.theory import generative as gen
from ganlab.theory import histogram_js as HJ
from ganlab.theory import holdout as H
from ganlab.theory import information as I
from ganlab.theory import inverse_cdf as icdf
from ganlab.theory import mle, nash
from ganlab.theory import sampling as S
from ganlab.theory import sparing as sp
from ganlab.theory import transport as T
from ganlab.theory.densities import Mixture
from ganlab.theory.offers import PRESETS, presets_for

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["sampling", "information", "mle", "gan_game", "wgan", "cyclegan", "evaluating"]


def num(v, digits=4):  # the pages' number format (ganlab.ui.learn.num)
    if np.isinf(v):
        return "∞"
    return f"{v:.{digits}g}"


def run_page(name: str, lang: str = "en", state: dict | None = None) -> AppTest:
    # What a page trains, a task's process computes: wait for it (tests/test_tasks_pages.py).
    return ready(open_page(name, lang, state))


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label.strip() == label]
    assert found, f"no metric {label!r}; have {[m.label for m in at.metric]}"
    return found[-1]  # the last one: sections further down repeat some labels


def visible_text(at: AppTest) -> list[str]:
    texts = [e.value
             for kind in ("title", "subheader", "markdown", "caption", "latex", "info", "warning")
             for e in getattr(at, kind)]
    texts += [m.label for m in at.metric]
    for kind in ("slider", "select_slider", "radio", "selectbox", "checkbox", "button",
                 "number_input"):
        texts += [w.label for w in getattr(at, kind)]
    return texts


def test_every_learn_key_has_both_languages():
    keys = [k for k in TABLE if k.startswith("learn.")]
    assert len(keys) > 200
    for k in keys:
        for lang in LANGS:
            assert TABLE[k].get(lang), f"{k} lacks {lang}"


def test_presets_are_valid_configs_with_strings():
    from ganlab.config import Config

    for name, preset in PRESETS.items():
        Config.from_dict(preset["config"])
        assert f"learn.preset.{name}" in TABLE and f"learn.preset.{name}.what" in TABLE
    for page in PAGES:
        assert presets_for(page), f"page {page} offers no Playground preset"


def test_theory_and_viz_do_not_import_streamlit():
    for path in [*(ROOT / "ganlab" / "theory").glob("*.py"), ROOT / "ganlab" / "viz" / "theory.py"]:
        src = path.read_text()
        assert "import streamlit" not in src and "from streamlit" not in src, path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_runs_without_missing_strings(name, lang):
    at = run_page(name, lang)
    leaked = [t for t in visible_text(at) if "learn." in t or "nav." in t]
    assert not leaked, leaked
    assert at.button, "no preset buttons"
    if lang == "zh":  # the page really is in Chinese
        assert any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value)


def test_sampling_slider_changes_exact_sd():
    pop = S.make_population(rng=np.random.default_rng(0))
    at = run_page("sampling")
    label = "exact SD of the estimate"
    assert metric(at, label) == num(np.sqrt(S.srs_variance(pop, 40)))
    at.slider(key="samp_n").set_value(80).run()
    assert metric(at, label) == num(np.sqrt(S.srs_variance(pop, 80)))
    at.radio(key="samp_method").set_value("stratified").run()
    assert metric(at, label) == num(np.sqrt(S.stratified_variance(pop, 80)))
    at.select_slider(key="samp_mboot").set_value(1000).run()
    assert metric(at, "(1 − 1/m)^m") == f"{(1 - 1 / 1000) ** 1000:.4f}"


def test_information_sliders():
    at = run_page("information")
    at.slider(key="info_shift").set_value(2.0).run()
    r = I.slide_apart(2.0, "uniform", 1.0)
    assert metric(at, "W₁(p, q)") == num(r.w1) and abs(r.w1 - 2.0) < 2e-3
    js_metrics = [m.value for m in at.metric if m.label == "JS(p, q)"]
    assert js_metrics[-1] == num(np.log(2))
    kl_metrics = [m.value for m in at.metric if m.label == "KL(p‖q)"]
    assert kl_metrics[-1] == "∞"
    # editing p changes its entropy: a point mass has H = 0
    for x in range(1, 5):
        at.slider(key=f"info_p{x}").set_value(0)
    at.run()
    assert metric(at, "H(p)") == "0"
    # entropy's properties: two fair coins carry 1 bit each and 2 together
    at.slider(key="info_ent_p").set_value(0.5)
    at.radio(key="info_ent_unit").set_value("bits").run()
    assert metric(at, "H(X)") == "1" and metric(at, "H(X, Y)") == "2"
    at.slider(key="info_ent_q").set_value(0.1).run()
    assert metric(at, "H(X, Y)") == metric(at, "H(X) + H(Y)") == num(1 + E.bernoulli_entropy(
        0.1, "bits"))


def test_mle_slider_moves_the_moment_matched_fit():
    at = run_page("mle")
    at.slider(key="mle_w").set_value(0.3).run()
    p = mle.two_mode_target(4.0, 0.3, 0.5)
    assert metric(at, "μ (forward)") == num(p.mean()) and abs(p.mean() - 0.8) < 1e-12
    assert metric(at, "σ (forward)") == num(p.std())
    assert float(metric(at, "μ (reverse)")) == pytest.approx(2.0, abs=0.01)  # the heavier mode
    # generative vs discriminative: the closed-form weight of the fitted Gaussian classes
    at.slider(key="mle_gen_sep").set_value(3.0).run()
    fit = gen.fit_gaussian_classes(*gen.toy_data(3.0, 20, seed=0))
    assert metric(at, "w, generative") == num(fit.logit_weights()[0])
    # the inverse-CDF map: Phi^{-1}(0.975) and the KS distance of the mapped sample
    at.slider(key="mle_icdf_u").set_value(0.975).run()
    assert metric(at, "Φ⁻¹(u)") == num(norm.ppf(0.975)) == "1.96"
    _, x = icdf.mapped_sample(1000, seed=0)
    assert metric(at, "KS distance D_n") == num(kstest(x, "norm").statistic, 3)


def test_gan_game_sliders():
    at = run_page("gan_game")
    at.slider(key="game_mu_g").set_value(0.0).run()
    pd, pg = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)), Mixture.gaussian(0.0, 0.6)
    res = g.value_at_optimum(pd, pg)
    assert metric(at, "V(G, D*)") == num(res.direct)
    assert metric(at, "−log 4 + 2·JS") == num(res.via_js)
    at.slider(key="game_logd").set_value(-3.0).run()
    assert metric(at, "|gradient|, saturating") == num(1e-3)
    assert metric(at, "|gradient|, non-saturating") == num(1 - 1e-3)


def test_gan_game_nash_and_sparing_sections():
    """The payoff inputs and the examples drive the equilibrium shown; the G step's three values
    are the core's (in Chinese: the labels are math, the text is not)."""
    at = run_page("gan_game", "zh")
    value = TABLE["learn.game.nash.value"]["zh"]
    assert metric(at, value) == num(1 / 7)                      # the mixed default (3, -1, -2, 1)
    at.button(key="game_ex_pennies").click().run()
    assert metric(at, value) == "0" and metric(at, "E(p, q)") == "0"   # p = q = ½: at equilibrium
    assert any(m.value.startswith(TABLE["learn.game.nash.at_eq"]["zh"][:8]) for m in at.markdown)
    at.number_input(key="game_b").set_value(3.0).run()         # (1, 3, -1, 1): a saddle at a
    eq = nash.solve_2x2([[1, 3], [-1, 1]])
    assert eq.saddle and metric(at, value) == num(eq.value)
    pd = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5))
    at.slider(key="game_step").set_value(10.0).run()
    big = sp.g_step(pd, 4.0, 0.6, 10.0)
    assert metric(at, "V(G₁, D₁*)") == num(big.v11).replace("-", "−") and not big.helped
    assert metric(at, "V(G₁, D₀*)") == num(big.v10).replace("-", "−")


def test_sampling_loo_stratified_and_aliasing_sections():
    at = run_page("sampling")
    at.slider(key="samp_loo_m").set_value(12).run()
    assert metric(at, "models to train, leave-one-out") == "12"
    at.slider(key="samp_st_m").set_value(60).run()
    sd = H.random_share_sd(60, 18, 15)                          # 30% of 60; 25% test
    assert metric(at, "SD of the share, random") == f"{sd:.1%}"
    at.slider(key="samp_alias_f").set_value(21).run()           # f_s = 16: |21 - 16| = 5
    assert metric(at, "|f − k·f_s|") == "5" == num(A.apparent_frequency(21, 16))
    assert metric(at, "spectrum peak of the samples") == "5"


def test_wgan_true_w1_follows_the_means():
    at = run_page("wgan")
    ready(at.slider(key="wgan_mu_g").set_value(2.0).run())   # a new critic: a new task
    assert float(metric(at, "true W₁")) == pytest.approx(3.0, abs=1e-3)
    # W1 as a transport plan: the sorted matching is scipy's W1; the assignment's cost shown
    at.slider(key="wgan_tp_n").set_value(20).run()
    x, y = T.two_samples_1d(20, 1.5, 1.0, seed=0)
    assert metric(at, "(1/n) Σ|x₍ᵢ₎ − y₍ᵢ₎|") == num(wasserstein_distance(x, y))
    assert metric(at, "∫|F − G| dx") == num(wasserstein_distance(x, y))
    a, b = T.two_clouds_2d(12, 1.0, seed=0)
    assert metric(at, "optimal matching") == num(T.optimal_matching(a, b)[1])


def test_cyclegan_reports_round_trip_error():
    at = run_page("cyclegan")
    err = float(metric(at, "E‖F(G(x)) − x‖₁"))
    assert err > 0


def test_evaluating_confidence_one_gives_m():
    at = run_page("evaluating")
    at.slider(key="eval_conf").set_value(1.0).run()
    at.slider(key="eval_m").set_value(4).run()
    assert metric(at, "IS") == num(4.0)
    at.slider(key="eval_modes").set_value(3).run()
    assert float(metric(at, "IS, collapsed")) == pytest.approx(3.0, rel=0.02)
    # the histogram JS of two samples of one distribution in 784 dimensions: log 2
    assert metric(at, "histogram JS") == num(np.log(2))
    at.select_slider(key="eval_hist_d").set_value(1).run()
    r = HJ.over_dimensions(1000, [1], 0.0, 4)
    assert metric(at, "histogram JS") == num(r["plugin"][0]) and r["plugin"][0] < 0.01


def test_preset_button_hands_over_or_shows_the_cli_command():
    at = run_page("sampling")
    at.button(key="preset_sampling_small_batch").click().run()
    assert at.session_state["playground_preset"] == "small_batch"
    if not (ROOT / "app_pages" / "playground.py").is_file():  # no Playground: the CLI equivalent
        assert any("ganlab train" in c.value and "batch_size=16" in c.value for c in at.code)


@pytest.fixture(autouse=True, scope="module")
def _tmp_data_dir(tmp_path_factory):
    """The Evaluating page trains the digits classifier on first use: keep its cache out of ./data
    (same folder as tests/test_learn_evaluating.py, so one session trains it once), and the
    task cache (in the runs folder) out of ./runs."""
    folder = tmp_path_factory.getbasetemp() / "learn-data"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GANLAB_DATA", str(folder))
        mp.setenv("GANLAB_RUNS", str(tmp_path_factory.mktemp("learn-runs")))
        yield
