"""Learn: maximum likelihood is forward KL (mode covering); reverse KL seeks one mode."""

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.theory import mle
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui.lang import tr
from ganlab.ui.learn import header, lang, num, playground_presets
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


header("mle")
st.latex(r"\theta^*=\arg\max_\theta \frac1m\sum_{i=1}^m \log q_\theta(x^i)"
         r"\;\xrightarrow[m\to\infty]{}\;\arg\max_\theta \mathbb{E}_{x\sim p}[\log q_\theta(x)]"
         r"=\arg\min_\theta \mathrm{KL}(p\,\|\,q_\theta)")

st.subheader(tr("learn.mle.fit.title"))
st.markdown(tr("learn.mle.fit.text"))
c1, c2, c3 = st.columns(3)
sep = c1.slider(tr("learn.mle.separation"), 0.5, 8.0, 4.0, 0.25, key="mle_sep")
w = c2.slider(tr("learn.mle.weight"), 0.05, 0.95, 0.5, 0.05, key="mle_w")
s = c3.slider(tr("learn.mle.sigma"), 0.2, 1.5, 0.5, 0.05, key="mle_sigma")
p = mle.two_mode_target(sep, w, s)
fwd, rev = fits(sep, w, s)
x = grid_for(p, Mixture.gaussian(fwd.mu, fwd.sigma), n=801, n_sigma=4.0)
qf, qr = Mixture.gaussian(fwd.mu, fwd.sigma).pdf(x), Mixture.gaussian(rev.mu, rev.sigma).pdf(x)
st.plotly_chart(V.fits_figure(x, p.pdf(x), qf, qr, L), width="stretch")

left, right = st.columns(2)
with left:
    st.markdown(tr("learn.mle.forward.head"))
    a, b = st.columns(2)
    a.metric("μ (forward)", num(fwd.mu))
    b.metric("σ (forward)", num(fwd.sigma))
    a.metric("KL(p‖q)", num(fwd.kl_forward))
    b.metric("KL(q‖p)", num(fwd.kl_reverse))
    st.caption(tr("learn.mle.forward.check", mean=num(p.mean()), sd=num(p.std())))
with right:
    st.markdown(tr("learn.mle.reverse.head"))
    a, b = st.columns(2)
    a.metric("μ (reverse)", num(rev.mu))
    b.metric("σ (reverse)", num(rev.sigma))
    a.metric("KL(p‖q) ", num(rev.kl_forward))
    b.metric("KL(q‖p) ", num(rev.kl_reverse))
    st.caption(tr("learn.mle.reverse.check", lw=num(-np.log(w)), rw=num(-np.log(1 - w))))

with st.expander(tr("learn.mle.optima")):
    st.markdown(tr("learn.mle.optima.text"))
    starts = list(zip(p.means, p.sigmas)) + [(p.mean(), p.std())]
    st.dataframe(pd.DataFrame({
        tr("learn.mle.col.start"): [f"μ₀ = {m0:.2f}, σ₀ = {s0:.2f}" for m0, s0 in starts],
        "μ": [o[0] for o in rev.local_optima],
        "σ": [o[1] for o in rev.local_optima],
        "KL(q‖p)": [o[2] for o in rev.local_optima],
    }), hide_index=True, width="stretch")

st.markdown(tr("learn.mle.gan_link"))
st.latex(r"\mathbb{E}_{x\sim p_g}[-\log D^*(x)] = \mathrm{KL}(p_g\|p_{data}) - 2\,\mathrm{JS}(p_{data}\|p_g)"
         r" + \log 4 + \mathbb{E}_{x\sim p_{data}}[\log D^*(x)]")

# ---- MLE from samples ---------------------------------------------------------------------------------
st.subheader(tr("learn.mle.samples.title"))
st.markdown(tr("learn.mle.samples.text"))
c1, c2 = st.columns([3, 1])
n_idx = c1.select_slider(tr("learn.mle.n"), [10, 30, 100, 300, 1000, 3000, 10000, 30000], value=100, key="mle_n")
seed = c2.number_input(tr("learn.mle.seed"), 0, 999, 0, key="mle_seed")
ns, means, stds = sample_fits(sep, w, s, int(seed))
i = int(np.flatnonzero(ns == n_idx)[0])
a, b, c, d = st.columns(4)
a.metric("μ̂ₙ", num(means[i]))
b.metric("μ* = E_p[x]", num(p.mean()))
c.metric("σ̂ₙ", num(stds[i]))
d.metric("σ* = sd_p[x]", num(p.std()))
st.plotly_chart(V.samples_fit_figure(ns, means, stds, p.mean(), p.std(), L), width="stretch")

playground_presets("mle")
