"""Learn: the minimax game, the optimal discriminator, V(G, D*) = −log 4 + 2 JS, and the
saturating vs non-saturating generator loss."""

import numpy as np
import streamlit as st

from ganlab.theory import gan_game as g
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, notes_box, num
from ganlab.viz import theory as V

L = lang()


def data_mixture(sep: float, w: float, s: float) -> Mixture:
    return Mixture((w, 1 - w), (-sep / 2, sep / 2), (s, s))


@st.cache_data(show_spinner=False, max_entries=64)
def value_curve(sep: float, w: float, s: float, sigma_g: float):
    pd = data_mixture(sep, w, s)
    mus = np.linspace(-8, 8, 65)
    return mus, np.array([g.value_at_optimum(pd, Mixture.gaussian(m, sigma_g), n=2001).direct
                          for m in mus])


lesson = Lesson("game", presets="gan_game")
lesson.intro.top.latex(r"\min_G\max_D V(G,D)=\mathbb{E}_{x\sim p_{data}}[\log D(x)]"
                       r"+\mathbb{E}_{z\sim p_z}[\log(1-D(G(z)))]")

# ---- 1. the optimal discriminator ----------------------------------------------------------------
with lesson.section("learn.game.dstar.title") as sec:
    sec.ctl.markdown(tr("learn.game.dstar.text"))
    sec.top.latex(r"D^*(x)=\frac{p_{data}(x)}{p_{data}(x)+p_g(x)}\qquad "
                  r"V(G,D^*)=-\log 4+2\,\mathrm{JS}(p_{data}\|p_g)")
    left, right = sec.ctl.columns(2)
    with left:
        st.markdown(tr("learn.game.pdata"))
        sep = st.slider(tr("learn.game.sep"), 0.0, 6.0, 3.0, 0.25, key="game_sep")
        w = st.slider(tr("learn.game.w"), 0.05, 0.95, 0.5, 0.05, key="game_w")
        s = st.slider(tr("learn.game.s"), 0.2, 1.5, 0.5, 0.05, key="game_s")
    with right:
        st.markdown(tr("learn.game.pg"))
        mu_g = st.slider("μ_g", -8.0, 8.0, 4.0, 0.25, key="game_mu_g")
        sigma_g = st.slider("σ_g", 0.2, 3.0, 0.6, 0.05, key="game_sigma_g")
    pd, pg = data_mixture(sep, w, s), Mixture.gaussian(mu_g, sigma_g)
    x = grid_for(pd, pg, n=801, n_sigma=4.0)
    sec.chart(V.game_figure(x, pd.pdf(x), pg.pdf(x), g.d_star(x, pd, pg), L))
    res = g.value_at_optimum(pd, pg)
    xx = grid_for(pd, pg, n=8001, n_sigma=10.0)
    dstar = g.d_star(xx, pd, pg)
    mean_d_fake = float(np.trapezoid(pg.pdf(xx) * dstar, xx))
    m = sec.cols(4, sec.fig)
    m[0].metric("JS(p_data‖p_g)", num(res.js), help=tr("learn.game.js.help"))
    m[1].metric("V(G, D*)", num(res.direct), help=tr("learn.game.direct.help"))
    m[2].metric("−log 4 + 2·JS", num(res.via_js), help=tr("learn.game.via_js.help"))
    m[3].metric("E[D*(G(z))]", num(mean_d_fake), help=tr("learn.game.mean_d.help"))
    mus, values = value_curve(sep, w, s, sigma_g)
    sec.chart(V.value_curve_figure(mus, values, mu_g, L))
    sec.fig.caption(tr("learn.game.curve.caption"))
    with sec.ctl:
        notes_box("concave")
        notes_box("v_zero", v=num(g.value_of_outputs(0.999, 0.001)))

# ---- 2. the generator's loss ---------------------------------------------------------------------
with lesson.section("learn.game.loss.title") as sec:
    sec.ctl.markdown(tr("learn.game.loss.text"))
    # One formula per loss, each under its translated name: on one line the non-saturating half
    # ran off the right edge, and \text{...} put English words inside the Chinese formula.
    f_sat, f_ns = sec.top.columns(2)
    f_sat.markdown(f"**{tr('learn.game.sat_name')}**")
    f_sat.latex(r"L_G=\log\big(1-D(G(z))\big),\quad \frac{\partial L_G}{\partial a}=-D")
    f_ns.markdown(f"**{tr('learn.game.ns_name')}**")
    f_ns.latex(r"L_G=-\log D(G(z)),\quad \frac{\partial L_G}{\partial a}=-(1-D)")
    log_d = sec.ctl.slider(tr("learn.game.d_slider"), -4.0, 0.0, -2.0, 0.1, key="game_logd",
                           help=tr("learn.game.d_slider.help"))
    d_now = float(min(10**log_d, 0.999))
    grid_d = np.logspace(-4, np.log10(0.999), 400)  # log-spaced: the x axis is log D
    sec.chart(V.generator_loss_figure(
        grid_d, g.saturating_loss(grid_d), g.nonsaturating_loss(grid_d),
        g.saturating_grad_logit(grid_d), g.nonsaturating_grad_logit(grid_d), d_now, L))
    m = sec.cols(3, sec.fig)
    m[0].metric("D(G(z))", num(d_now))
    m[1].metric(tr("learn.game.grad_sat"), num(abs(float(g.saturating_grad_logit(d_now)))))
    m[2].metric(tr("learn.game.grad_ns"), num(abs(float(g.nonsaturating_grad_logit(d_now)))))
    sec.ctl.markdown(tr("learn.game.loss.now", mean_d=num(mean_d_fake), sat=num(mean_d_fake),
                        ns=num(1 - mean_d_fake)))
    sec.ctl.markdown(tr("learn.game.loss.takeaway"))

lesson.finish()
