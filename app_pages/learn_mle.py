"""Learn: maximum likelihood is forward KL (mode covering); reverse KL seeks one mode."""

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.config import Config
from ganlab.theory import generative as gen
from ganlab.theory import inverse_cdf as icdf
from ganlab.theory import mle
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, notes_box, num
from ganlab.viz import measures as VM
from ganlab.viz import theory as V

L = lang()


@st.cache_data(show_spinner=False, max_entries=64)
def fits(separation: float, weight: float, sigma: float):
    p = mle.two_mode_target(separation, weight, sigma)
    return mle.fit_forward_kl(p), mle.fit_reverse_kl(p)


@st.cache_data(show_spinner=False, max_entries=64)
def sample_fits(separation: float, weight: float, sigma: float, seed: int):
    p = mle.two_mode_target(separation, weight, sigma)
    ns = np.array([10, 30, 100, 300, 1000, 3000, 10000, 30000])
    rng = np.random.default_rng(seed)
    xs = [p.sample(int(n), rng) for n in ns]
    return ns, np.array([x.mean() for x in xs]), np.array([x.std() for x in xs])


def fit_panel(where, direction: str, fit, pad: str, check: str) -> None:
    """One fit's numbers: its μ and σ, both KL directions, and the closed-form check."""
    short = {"forward": "fwd", "reverse": "rev"}[direction]
    with where:
        st.markdown(tr(f"learn.mle.{direction}.head"))
        a, b = st.columns(2)
        a.metric(tr(f"learn.mle.mu_{short}"), num(fit.mu))
        b.metric(tr(f"learn.mle.sigma_{short}"), num(fit.sigma))
        a.metric("KL(p‖q)" + pad, num(fit.kl_forward))
        b.metric("KL(q‖p)" + pad, num(fit.kl_reverse))
        st.caption(check)


lesson = Lesson("mle", presets="mle")
lesson.intro.top.latex(r"\theta^*=\arg\max_\theta \frac1m\sum_{i=1}^m \log q_\theta(x^i)"
                       r"\;\xrightarrow[m\to\infty]{}\;"
                       r"\arg\max_\theta \mathbb{E}_{x\sim p}[\log q_\theta(x)]"
                       r"=\arg\min_\theta \mathrm{KL}(p\,\|\,q_\theta)")

# ---- generative vs discriminative ----------------------------------------------------------------
GEN_SAMPLES = 40  # new x drawn from the fitted p(x, y)
with lesson.section("learn.mle.gen.title") as sec:
    sec.top.latex(r"p(y{=}1\mid x)=\frac{p(x,y{=}1)}{p(x,y{=}0)+p(x,y{=}1)}=\sigma(wx+b),\quad "
                  r"w=\frac{\mu_1-\mu_0}{\sigma^2},\;"
                  r"b=\frac{\mu_0^2-\mu_1^2}{2\sigma^2}+\log\frac{\pi}{1-\pi}")
    sec.ctl.markdown(tr("learn.mle.gen.text", m=GEN_SAMPLES))
    c1, c2 = sec.cols(2)
    d_gen = c1.slider(tr("learn.mle.gen.sep"), 0.5, 5.0, 2.0, 0.25, key="mle_gen_sep")
    n_gen = c2.select_slider(tr("learn.mle.gen.n"), [5, 10, 20, 50, 100, 200, 500], value=20,
                             key="mle_gen_n")
    x_tr, y_tr = gen.toy_data(d_gen, int(n_gen), seed=0)
    joint = gen.fit_gaussian_classes(x_tr, y_tr)
    w_gen, b_gen = joint.logit_weights()
    w_log, b_log = gen.fit_logistic(x_tr, y_tr)
    x_new, y_new = joint.sample(GEN_SAMPLES, np.random.default_rng(1))
    sec.chart(VM.generative_figure(x_tr, y_tr, joint, (w_log, b_log), x_new, y_new, L))
    m = sec.cols(4, sec.fig)
    m[0].metric(tr("learn.mle.gen.w_gen"), num(w_gen))
    m[1].metric(tr("learn.mle.gen.w_disc"), num(w_log))
    m[2].metric(tr("learn.mle.gen.x_gen"), num(gen.boundary(w_gen, b_gen)))
    m[3].metric(tr("learn.mle.gen.x_disc"), num(gen.boundary(w_log, b_log)))
    span = np.linspace(x_tr.min() - 1, x_tr.max() + 1, 201)
    err = float(np.max(np.abs(joint.posterior(span) - gen.sigmoid(w_gen * span + b_gen))))
    sec.ctl.markdown(tr("learn.mle.gen.closed", w=num(w_gen), b=num(b_gen), wd=num(w_log),
                        bd=num(b_log), err=f"{max(err, 1e-16):.0e}"))
    sec.ctl.markdown(tr("learn.mle.gen.gan"))
    with sec.ctl:
        notes_box("gen_joint")

with lesson.section("learn.mle.fit.title") as sec:
    sec.ctl.markdown(tr("learn.mle.fit.text"))
    c1, c2, c3 = sec.cols(3)
    sep = c1.slider(tr("learn.mle.separation"), 0.5, 8.0, 4.0, 0.25, key="mle_sep")
    w = c2.slider(tr("learn.mle.weight"), 0.05, 0.95, 0.5, 0.05, key="mle_w")
    s = c3.slider(tr("learn.mle.sigma"), 0.2, 1.5, 0.5, 0.05, key="mle_sigma")
    p = mle.two_mode_target(sep, w, s)
    fwd, rev = fits(sep, w, s)
    x = grid_for(p, Mixture.gaussian(fwd.mu, fwd.sigma), n=801, n_sigma=4.0)
    qf, qr = Mixture.gaussian(fwd.mu, fwd.sigma).pdf(x), Mixture.gaussian(rev.mu, rev.sigma).pdf(x)
    sec.chart(V.fits_figure(x, p.pdf(x), qf, qr, L))
    left, right = sec.fig.columns(2)
    fit_panel(left, "forward", fwd, "", tr("learn.mle.forward.check", mean=num(p.mean()),
                                           sd=num(p.std())))
    # (trailing spaces: metric labels must differ from the forward panel's)
    fit_panel(right, "reverse", rev, " ", tr("learn.mle.reverse.check", lw=num(-np.log(w)),
                                             rw=num(-np.log(1 - w))))
    with sec.ctl.expander(tr("learn.mle.optima")):
        st.markdown(tr("learn.mle.optima.text"))
        starts = list(zip(p.means, p.sigmas)) + [(p.mean(), p.std())]
        st.dataframe(pd.DataFrame({
            tr("learn.mle.col.start"): [f"μ₀ = {m0:.2f}, σ₀ = {s0:.2f}" for m0, s0 in starts],
            "μ": [o[0] for o in rev.local_optima],
            "σ": [o[1] for o in rev.local_optima],
            "KL(q‖p)": [o[2] for o in rev.local_optima],
        }), hide_index=True, width="stretch")
    sec.ctl.markdown(tr("learn.mle.gan_link"))
    sec.box.latex(r"\mathbb{E}_{x\sim p_g}[-\log D^*(x)] = \mathrm{KL}(p_g\|p_{data})"
                  r" - 2\,\mathrm{JS}(p_{data}\|p_g) + \log 4"
                  r" + \mathbb{E}_{x\sim p_{data}}[\log D^*(x)]")

# ---- MLE from samples ----------------------------------------------------------------------------
with lesson.section("learn.mle.samples.title") as sec:
    sec.ctl.markdown(tr("learn.mle.samples.text"))
    c1, c2 = sec.cols(2)
    n_idx = c1.select_slider(tr("learn.mle.n"), [10, 30, 100, 300, 1000, 3000, 10000, 30000],
                             value=100, key="mle_n")
    seed = c2.number_input(tr("learn.mle.seed"), 0, 999, 0, key="mle_seed")
    ns, means, stds = sample_fits(sep, w, s, int(seed))
    i = int(np.flatnonzero(ns == n_idx)[0])
    a, b, c, d = sec.cols(4, sec.fig)
    a.metric("μ̂ₙ", num(means[i]))
    b.metric("μ* = E_p[x]", num(p.mean()))
    c.metric("σ̂ₙ", num(stds[i]))
    d.metric("σ* = sd_p[x]", num(p.std()))
    sec.chart(V.samples_fit_figure(ns, means, stds, p.mean(), p.std(), L))

# ---- from uniform noise to a Gaussian: the inverse-CDF map ---------------------------------------
GUIDES = np.linspace(0.05, 0.95, 10)  # evenly spaced u's: where they land shows the stretching
EDGES = np.linspace(-3.5, 3.5, 36)
with lesson.section("learn.mle.icdf.title") as sec:
    sec.top.latex(r"U\sim U[0,1],\;X=F^{-1}(U)\;\Rightarrow\;"
                  r"P(X\le x)=P(U\le F(x))=F(x)\qquad"
                  r"\Phi(x)=\int_{-\infty}^{x}\tfrac{1}{\sqrt{2\pi}}e^{-t^2/2}\,dt")
    sec.ctl.markdown(tr("learn.mle.icdf.text"))
    c1, c2 = sec.cols(2)
    u0 = c1.slider("u", 0.01, 0.99, 0.8, 0.01, key="mle_icdf_u")
    n_u = c2.select_slider(tr("learn.mle.icdf.n"), [100, 300, 1000, 3000, 10000], value=1000,
                           key="mle_icdf_n")
    _, x_u = icdf.mapped_sample(int(n_u), seed=int(seed))
    x0 = float(icdf.normal_quantile(u0))
    guides = list(zip(GUIDES, icdf.normal_quantile(GUIDES)))
    sec.chart(VM.inverse_cdf_figure(u0, x0, guides, x_u, EDGES,
                                    icdf.histogram_density(x_u, EDGES), L))
    d_n, bound = icdf.ks_statistic(x_u), icdf.dkw_bound(int(n_u), 0.01)
    m = sec.cols(3, sec.fig)
    m[0].metric("Φ⁻¹(u)", num(x0))
    m[1].metric(tr("learn.mle.icdf.ks"), num(d_n, 3), help=tr("learn.mle.icdf.ks.help"))
    m[2].metric(tr("learn.mle.icdf.dkw"), num(bound, 3), help=tr("learn.mle.icdf.dkw.help"))
    sec.ctl.markdown(tr("learn.mle.icdf.check", n=int(n_u), d=num(d_n, 3), bound=num(bound, 3)))
    sec.ctl.markdown(tr("learn.mle.icdf.gan"))
    with sec.ctl:
        notes_box("noise_uniform", noise=tr(f"learn.mle.icdf.noise.{Config().noise}"))

lesson.finish()
