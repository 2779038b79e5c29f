"""Learn: evaluating GANs — what the Inception Score measures, and what it misses."""

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.theory import evaluation as E
from ganlab.ui.lang import tr
from ganlab.ui.learn import header, lang, num, playground_presets
from ganlab.viz import theory as V

L = lang()
STD = 0.05  # grid25's mode std (DESIGN §4)


def class_probs(K: int, m: int, confidence: float, n: int = 600) -> np.ndarray:
    """n samples spread evenly over the first m of K classes; each row puts `confidence` on its
    class and shares the rest equally among the others."""
    labels = np.arange(n) % m
    P = np.full((n, K), (1 - confidence) / (K - 1))
    P[np.arange(n), labels] = confidence
    return P


@st.cache_data(show_spinner=False, max_entries=16)
def generators(n_modes: int, spread: float, seed: int):
    rng = np.random.default_rng(seed)
    c = E.grid25_centers()
    out = {}
    for kind in ("perfect", "collapsed", "copies", "blurry"):
        pts = E.sample_generator(kind, c, STD, 2500, rng, n_modes=n_modes, spread=spread)
        cov = E.coverage(pts, c, STD)
        out[kind] = {"points": pts, "is": E.inception_score(E.mode_posteriors(pts, c, STD))[0],
                     "covered": cov["modes_covered"], "hq": cov["high_quality"]}
    return out


header("eval")
st.latex(r"\mathrm{IS}=\exp\Big(\mathbb{E}_{x\sim p_g}\,\mathrm{KL}\big(p(y|x)\,\|\,p(y)\big)\Big)"
         r"=\exp\Big(H(p(y))-\mathbb{E}_x H(p(y|x))\Big),\qquad p(y)=\frac1N\sum_i p(y|x^{(i)})")

# ---- 1. the formula on class probabilities -------------------------------------------------------------
st.subheader(tr("learn.eval.formula.title"))
st.markdown(tr("learn.eval.formula.text"))
c1, c2, c3 = st.columns(3)
K = c1.slider(tr("learn.eval.K"), 2, 20, 10, key="eval_K")
m_used = c2.slider(tr("learn.eval.m"), 1, K, min(K, 10), key="eval_m")
conf = c3.slider(tr("learn.eval.conf"), 0.0, 1.0, 0.9, 0.01, key="eval_conf")
conf = max(conf, 1.0 / K)  # below 1/K the "own" class would not be the most likely
P = class_probs(K, m_used, conf)
score = E.inception_score(P)[0]
dec = E.is_decomposition(P)
m = st.columns(3)
m[0].metric("IS", num(score))
m[1].metric("exp H(p(y))", num(float(np.exp(dec["h_marginal"]))), help=tr("learn.eval.div.help"))
m[2].metric("exp E H(p(y|x))", num(float(np.exp(dec["h_conditional"]))), help=tr("learn.eval.conf.help"))
st.caption(tr("learn.eval.formula.check"))
left, right = st.columns(2)
left.plotly_chart(V.marginal_figure(dec["marginal"], L), width="stretch")
ms = np.arange(1, K + 1)
right.plotly_chart(V.is_curve_figure(ms, [E.inception_score(class_probs(K, int(k), conf))[0] for k in ms],
                                     m_used, L), width="stretch")

# ---- 2. four generators on grid25 -------------------------------------------------------------------
st.subheader(tr("learn.eval.grid.title"))
st.markdown(tr("learn.eval.grid.text"))
c1, c2 = st.columns(2)
n_modes = c1.slider(tr("learn.eval.n_modes"), 1, 25, 5, key="eval_modes")
spread = c2.slider(tr("learn.eval.spread"), 1.0, 20.0, 8.0, 0.5, key="eval_spread")
gens = generators(n_modes, spread, 0)
names = {k: tr(f"learn.eval.gen.{k}") for k in gens}
st.plotly_chart(V.generators_figure({names[k]: v["points"] for k, v in gens.items()}, E.grid25_centers(), L),
                width="stretch")
st.dataframe(pd.DataFrame({
    tr("learn.eval.col.gen"): [names[k] for k in gens],
    "IS": [v["is"] for v in gens.values()],
    tr("learn.eval.col.covered"): [f"{v['covered']} / 25" for v in gens.values()],
    tr("learn.eval.col.hq"): [f"{v['hq']:.1%}" for v in gens.values()],
}), hide_index=True, width="stretch")
m = st.columns(4)
for col, (k, v) in zip(m, gens.items()):
    col.metric(tr("learn.eval.is_of", name=names[k]), num(v["is"]))
st.markdown(tr("learn.eval.grid.read"))

st.subheader(tr("learn.eval.flaws.title"))
st.markdown(tr("learn.eval.flaws"))

playground_presets("evaluating")
