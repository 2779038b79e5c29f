"""Learn: evaluating GANs — what the Inception Score measures, and what it misses; why a histogram
JS fails in many dimensions and a classifier (the discriminator) measures instead."""

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.config import Config
from ganlab.data.images import IMAGES, data_root
from ganlab.serve.computations import classifier_of
from ganlab.theory import evaluation as E
from ganlab.theory import histogram_js as HJ
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, computed, lang, num
from ganlab.viz import images as VI
from ganlab.viz import lessons as VL
from ganlab.viz import theory as V

L = lang()
STD = 0.05  # grid25's mode std (architecture §4)


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


lesson = Lesson("eval", presets="evaluating")
lesson.intro.top.latex(r"\mathrm{IS}=\exp\Big(\mathbb{E}_{x\sim p_g}\,"
                       r"\mathrm{KL}\big(p(y|x)\,\|\,p(y)\big)\Big)"
                       r"=\exp\Big(H(p(y))-\mathbb{E}_x H(p(y|x))\Big)")
lesson.intro.top.latex(r"p(y)=\frac1N\sum_i p(y|x^{(i)})")

# ---- 1. the formula on class probabilities -------------------------------------------------------
with lesson.section("learn.eval.formula.title") as sec:
    sec.ctl.markdown(tr("learn.eval.formula.text"))
    c1, c2, c3 = sec.cols(3)
    K = c1.slider(tr("learn.eval.K"), 2, 20, 10, key="eval_K")
    m_used = c2.slider(tr("learn.eval.m"), 1, K, min(K, 10), key="eval_m")
    conf = c3.slider(tr("learn.eval.conf"), 0.0, 1.0, 0.9, 0.01, key="eval_conf")
    conf = max(conf, 1.0 / K)  # below 1/K the "own" class would not be the most likely
    P = class_probs(K, m_used, conf)
    score = E.inception_score(P)[0]
    dec = E.is_decomposition(P)
    m = sec.cols(3, sec.fig)
    m[0].metric("IS", num(score))
    m[1].metric("exp H(p(y))", num(float(np.exp(dec["h_marginal"]))),
                help=tr("learn.eval.div.help"))
    m[2].metric("exp E H(p(y|x))", num(float(np.exp(dec["h_conditional"]))),
                help=tr("learn.eval.conf.help"))
    sec.ctl.caption(tr("learn.eval.formula.check"))
    left, right = sec.fig.columns(2)
    sec.chart(V.marginal_figure(dec["marginal"], L), where=left)
    ms = np.arange(1, K + 1)
    sec.chart(V.is_curve_figure(ms,
                                [E.inception_score(class_probs(K, int(k), conf))[0] for k in ms],
                                m_used, L), where=right)

# ---- 2. four generators on grid25 ----------------------------------------------------------------
with lesson.section("learn.eval.grid.title") as sec:
    sec.ctl.markdown(tr("learn.eval.grid.text"))
    c1, c2 = sec.cols(2)
    n_modes = c1.slider(tr("learn.eval.n_modes"), 1, 25, 5, key="eval_modes")
    spread = c2.slider(tr("learn.eval.spread"), 1.0, 20.0, 8.0, 0.5, key="eval_spread")
    gens = generators(n_modes, spread, 0)
    names = {k: tr(f"learn.eval.gen.{k}") for k in gens}
    sec.chart(V.generators_figure({names[k]: v["points"] for k, v in gens.items()},
                                  E.grid25_centers(), L))
    sec.fig.dataframe(pd.DataFrame({
        tr("learn.eval.col.gen"): [names[k] for k in gens],
        "IS": [v["is"] for v in gens.values()],
        tr("learn.eval.col.covered"): [f"{v['covered']} / 25" for v in gens.values()],
        tr("learn.eval.col.hq"): [f"{v['hq']:.1%}" for v in gens.values()],
    }), hide_index=True, width="stretch")
    m = sec.cols(4, sec.fig)
    for col, (k, v) in zip(m, gens.items()):
        col.metric(tr("learn.eval.is_of", name=names[k]), num(v["is"]))
    sec.ctl.markdown(tr("learn.eval.grid.read"))


# ---- 3. real images: the digits through our small classifier -------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def digits(root: str):
    """sklearn's 8x8 digits (bundled, offline); `root` is the data folder."""
    return IMAGES["digits"](Config(data_dir=root))


@st.cache_resource(show_spinner=False, max_entries=4)
def classifier(root: str, trained_by: int, _result):
    """The classifier a task trained (`trained_by`: its process, which keys this cache to one
    training); this process only runs it forward."""
    return classifier_of(_result)


@st.cache_data(show_spinner=False, max_entries=64)
def scored(root: str, trained_by: int, kind: str, k: int, m: int, noise: float, blur: float,
           _data, _clf):
    # `root` and `trained_by` key the cache to one dataset and classifier; the same seed per
    # kind keeps the numbers still while the student moves another generator's slider.
    x = E.image_generator(kind, _data, np.random.default_rng(0), k=k, m=m, noise=noise, blur=blur)
    return x, E.image_scores(x, _data, _clf)


def show(kind: str) -> None:
    x, s = gens[kind]
    st.markdown(f"**{img_names[kind]}**")
    st.caption(tr(f"learn.eval.img.what.{kind}"))
    st.image(VI.images_png(x[:40], nrow=8), width="stretch")
    # Two metrics a row: three in half a page cut labels such as "memorisation ratio" short.
    row = st.columns(2)
    row[0].metric(tr("learn.eval.img.score"), num(s["classifier_score"]),
                  help=tr("learn.eval.img.score.help"))
    row[1].metric(tr("learn.eval.img.covered"), f"{int(s['modes_covered'])} / {K_DIGITS}",
                  help=tr("learn.eval.img.covered.help"))
    row = st.columns(2)
    row[0].metric("FCD", num(s["fcd"]), help=tr("learn.eval.img.fcd.help"))
    row[1].metric(tr("learn.eval.img.memo"), num(s["memorisation_ratio"]),
                  help=tr("learn.eval.img.memo.help"))
    row = st.columns(2)
    row[0].metric(tr("learn.eval.img.precision"), num(s["precision"]),
                  help=tr("learn.eval.img.pr.help"))
    row[1].metric(tr("learn.eval.img.recall"), num(s["recall"]), help=tr("learn.eval.img.pr.help"))


with lesson.section("learn.eval.img.title") as sec, sec.box:
    st.markdown(tr("learn.eval.img.text"))
    root = str(data_root(Config()).resolve())
    data = digits(root)
    # The classifier trains once, in a task's process (about 15 s), then comes from the cache.
    trained = computed("classifier", {"dataset": "digits", "data_dir": root},
                       tr("learn.eval.img.training"))
    if trained is not None:
        clf = classifier(root, trained["task:pid"], trained)
        st.caption(tr("learn.eval.img.clf", acc=f"{clf.accuracy:.1%}", n=trained["n"],
                      n_held=trained["n_held"]))
        c = st.columns(4)
        k_classes = c[0].slider(tr("learn.eval.img.k"), 1, 9, 3, key="eval_img_k")
        m_copies = c[1].slider(tr("learn.eval.img.m"), 1, 10, 10, key="eval_img_m")
        noise = c[2].slider(tr("learn.eval.img.noise"), 0.0, 1.0, 0.3, 0.05,
                            key="eval_img_noise")
        blur = c[3].slider(tr("learn.eval.img.blur"), 0.0, 1.0, 0.5, 0.05, key="eval_img_blur")
        params = {"real": {}, "classes": {"k": k_classes}, "copies": {"m": m_copies},
                  "noisy": {"noise": noise, "blur": blur}, "memorised": {}}
        gens = {kind: scored(root, trained["task:pid"], kind,
                             **{"k": 0, "m": 0, "noise": 0.0, "blur": 0.0, **kw},
                             _data=data, _clf=clf)
                for kind, kw in params.items()}
        img_names = {kind: tr(f"learn.eval.img.gen.{kind}", k=k_classes, m=m_copies)
                     for kind in gens}
        K_DIGITS = data.num_classes
        collapsed = [k for k in gens if k != "real"]
        chosen = st.radio(tr("learn.eval.img.choose"), collapsed, index=len(collapsed) - 1,
                          horizontal=True, format_func=lambda k: img_names[k],
                          key="eval_img_kind")
        left, right = st.columns(2, gap="large")
        with left:
            show("real")
        with right:
            show(chosen)

        st.markdown(f"**{tr('learn.eval.img.table')}**")
        st.dataframe(pd.DataFrame({
            tr("learn.eval.col.gen"): [img_names[k] for k in gens],
            tr("learn.eval.img.score"): [s["classifier_score"] for _, s in gens.values()],
            tr("learn.eval.img.covered"): [f"{int(s['modes_covered'])} / {K_DIGITS}"
                                           for _, s in gens.values()],
            "FCD": [s["fcd"] for _, s in gens.values()],
            tr("learn.eval.img.precision"): [s["precision"] for _, s in gens.values()],
            tr("learn.eval.img.recall"): [s["recall"] for _, s in gens.values()],
            tr("learn.eval.img.dups"): [s["duplicate_share"] for _, s in gens.values()],
            tr("learn.eval.img.memo"): [s["memorisation_ratio"] for _, s in gens.values()],
        }).round(3), hide_index=True, width="stretch")
        st.markdown(tr("learn.eval.img.read"))


with lesson.section("learn.eval.flaws.title") as sec:
    sec.box.markdown(tr("learn.eval.flaws") + "\n" + tr("learn.eval.flaws.ours"))  # one list

# ---- 6. why a histogram JS fails in many dimensions ----------------------------------------------
HIST_DIMS = (1, 2, 3, 5, 8, 12, 20, 30, 50, 100, 200, 400, 784)


def minus(x: float) -> str:
    return num(x, 3).replace("-", "−")


@st.cache_data(show_spinner=False, max_entries=32)
def histogram_curves(n: int, shift: float, b: int) -> dict:
    return HJ.over_dimensions(n, HIST_DIMS, shift, b, seed=0)


with lesson.section("learn.eval.hist.title") as sec:
    sec.ctl.markdown(tr("learn.eval.hist.text", cells784=num(HJ.log10_cells(2, 784), 3)))
    c = sec.cols(4)
    n_hist = c[0].slider(tr("learn.eval.hist.n"), 200, 3000, 1000, 200, key="eval_hist_n")
    b_hist = c[1].slider(tr("learn.eval.hist.b"), 2, 10, 4, 1, key="eval_hist_b")
    shift = c[2].slider(tr("learn.eval.hist.shift"), 0.0, 3.0, 0.0, 0.25, key="eval_hist_shift")
    d_hist = c[3].select_slider(tr("learn.eval.hist.d"), HIST_DIMS, value=784, key="eval_hist_d")
    r = histogram_curves(n_hist, shift, b_hist)
    i = HIST_DIMS.index(d_hist)
    sec.chart(VL.dimension_figure(r["dims"], r["plugin"], r["classifier"], r["true"], d_hist, L))
    cells = num(HJ.log10_cells(b_hist, d_hist), 3)
    m = sec.cols(3, sec.fig)
    m[0].metric(tr("learn.eval.hist.cells"), f"10^{cells}")
    m[1].metric(tr("learn.eval.hist.plugin"), num(r["plugin"][i]))
    m[2].metric(tr("learn.eval.hist.clf"), minus(r["classifier"][i]))
    m = sec.cols(3, sec.fig)
    m[0].metric(tr("learn.eval.hist.shared"), int(r["shared"][i]))
    m[1].metric(tr("learn.eval.hist.acc"), f"{r['accuracy'][i]:.1%}")
    m[2].metric(tr("learn.eval.hist.p"), num(r["p_value"][i], 2))
    sec.ctl.markdown(tr("learn.eval.hist.read", d=d_hist, b=b_hist, cells=cells, n2=2 * n_hist,
                        shared=int(r["shared"][i]), plug=num(r["plugin"][i]),
                        log2=num(float(np.log(2))), true=num(r["true"]),
                        clf=minus(r["classifier"][i])))
    n_test = int(r["n_test"][i])
    sec.ctl.markdown(tr("learn.eval.hist.test", nt=n_test,
                        acc=int(round(r["accuracy"][i] * n_test)), p=num(r["p_value"][i], 2)))

lesson.finish()
