"""The hoverable formulas' terms (ganlab/ui/formula_terms.py): every term names traces its page's
figure really draws, is wrapped in the formula's TeX, and has the value the theory's closed
forms give; the browser half (a hover lights the trace and shows the value) is checked in
tests/test_learn_layout_browser.py's visit of the GAN game page."""

import math
import re

import numpy as np
import pytest

from ganlab.theory import gan_game as g
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui import formula_terms as FT
from ganlab.ui.hover_formula import katex_module, plain
from ganlab.viz import theory as V

P_DATA = Mixture((0.3, 0.7), (-1.5, 1.5), (0.5, 0.5))
P_G = Mixture.gaussian(0.5, 0.8)


def game_names(lang: str = "en") -> dict:
    x = grid_for(P_DATA, P_G, n=201)
    fig = V.game_figure(x, P_DATA.pdf(x), P_G.pdf(x), g.d_star(x, P_DATA, P_G), lang)
    value = V.value_curve_figure(np.linspace(-1, 1, 5), np.zeros(5), 0.0, lang)
    return fig, value, {**FT.trace_names(fig, ("p_data", "p_g", "dstar")),
                        "value": value.data[0].name}


def by_name(terms) -> dict:
    return {t.name: t for t in terms}


@pytest.mark.parametrize("tex,terms", [
    (FT.VALUE_TEX, ("e_data", "e_g")), (FT.DSTAR_TEX, ("dstar", "pdata", "vstar", "js")),
    (FT.SAT_TEX, ("sat", "sat_grad")), (FT.NS_TEX, ("ns", "ns_grad")),
    (FT.WGAN_TEX, ("w1", "e_r", "e_gf"))])
def test_every_term_is_marked_in_its_formula_once(tex, terms):
    assert sorted(re.findall(r"\\htmlData\{term=([a-z_0-9]+)\}", tex)) == sorted(terms)
    assert "htmlData" not in plain(tex)              # the st.latex fallback


def test_v_of_g_d_splits_into_its_two_expectations():
    fig, value, names = game_names()
    t = by_name(FT.value_terms(P_DATA, P_G, names))
    exact = g.value_at_optimum(P_DATA, P_G)
    assert t["e_data"].value + t["e_g"].value == pytest.approx(exact.direct, abs=1e-9)
    assert t["e_data"].value + t["e_g"].value == pytest.approx(exact.via_js, abs=1e-4)
    assert t["e_data"].value == pytest.approx(
        g.nonsaturating_at_optimum(P_DATA, P_G)["e_data_log_dstar"], abs=1e-12)
    drawn = {tr.name for tr in fig.data}
    assert set(t["e_data"].traces) == {"p_data", "D*(x)"} <= drawn
    assert set(t["e_g"].traces) == {"p_g", "D*(x)"}


def test_at_p_g_equal_p_data_every_term_takes_its_textbook_value():
    _, _, names = game_names()
    t = by_name(FT.value_terms(P_DATA, P_DATA, names) + FT.dstar_terms(P_DATA, P_DATA, names))
    assert t["e_data"].value == pytest.approx(-math.log(2), abs=1e-9)   # D* = 1/2
    assert t["e_g"].value == pytest.approx(-math.log(2), abs=1e-9)
    assert t["dstar"].value == pytest.approx(0.5, abs=1e-9)
    assert t["pdata"].value == pytest.approx(0.5, abs=1e-9)
    assert t["js"].value == pytest.approx(0.0, abs=1e-9)
    assert t["vstar"].value == pytest.approx(-math.log(4), abs=1e-9)


def test_d_star_terms_light_the_traces_the_figures_draw():
    fig, value, names = game_names("zh")
    t = by_name(FT.dstar_terms(P_DATA, P_G, names))
    assert t["vstar"].traces == (value.data[0].name,) and t["dstar"].traces == ("D*(x)",)
    assert set(t["js"].traces) == {"p_data", "p_g"}
    assert t["js"].value == pytest.approx(g.value_at_optimum(P_DATA, P_G).js, abs=1e-12)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_generator_loss_terms_are_the_losses_at_the_sliders_d(lang):
    d = 0.1
    grid = np.logspace(-4, -0.01, 50)
    fig = V.generator_loss_figure(grid, g.saturating_loss(grid), g.nonsaturating_loss(grid),
                                  g.saturating_grad_logit(grid),
                                  g.nonsaturating_grad_logit(grid), d, lang)
    names = FT.trace_names(fig, ("sat", "ns", "sat_grad", "ns_grad"))
    t = by_name(FT.loss_terms(d, names))
    # by hand: log(0.9), -log(0.1), -D, -(1 - D)
    assert t["sat"].value == pytest.approx(-0.1053605, abs=1e-6)
    assert t["ns"].value == pytest.approx(2.3025851, abs=1e-6)
    assert (t["sat_grad"].value, t["ns_grad"].value) == pytest.approx((-0.1, -0.9))
    assert [t[k].traces[0] for k in ("sat", "ns", "sat_grad", "ns_grad")] == \
        [tr.name for tr in fig.data]                      # each lights its own curve


def test_wgan_terms_of_a_linear_critic_are_the_means():
    # f(x) = x: E_r f = mu_r and E_g f = mu_g, and W1 of two equal-width Gaussians |mu_r - mu_g|
    p_r, p_g = Mixture.gaussian(-1.0, 0.5), Mixture.gaussian(1.5, 0.5)
    x = np.linspace(-6, 8, 4001)
    fig = V.critic_figure(x, p_r.pdf(x), p_g.pdf(x), x, "zh")
    names = FT.trace_names(fig, ("p_r", "p_g", "critic"))
    t = by_name(FT.wgan_terms({"x": x, "f": x, "w1": 2.5}, p_r, p_g, names))
    assert t["e_r"].value == pytest.approx(-1.0, abs=1e-6)
    assert t["e_gf"].value == pytest.approx(1.5, abs=1e-6)
    assert t["w1"].value == 2.5 and set(t["e_r"].traces) == {"p_r", fig.data[2].name}
    waiting = by_name(FT.wgan_terms(None, p_r, p_g, {}))     # the critic is still training
    assert waiting["e_r"].value is None and waiting["e_r"].payload()["value"] == "—"


def test_katex_is_the_module_streamlit_itself_serves():
    src = katex_module("")
    assert src is not None and re.fullmatch(r"/static/js/katex\.[\w-]+\.js", src)
    assert katex_module("/base/").startswith("/base/static/js/")
