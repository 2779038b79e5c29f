"""Learn: DCGAN's five guidelines in our code, broken one at a time on digits; the transposed
convolution's checkerboard; BigGAN's truncation trade-off."""

import math

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.config import Config
from ganlab.data.images import data_root
from ganlab.serve import broken_dcgan as B
from ganlab.theory import checkerboard as C
from ganlab.theory import guidelines as R
from ganlab.theory import truncation as T
from ganlab.train.dcgan import LEAK
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, computed, lang, notes_box, num
from ganlab.viz import dcgan as V
from ganlab.viz import images as VI

L = lang()
# Iterations per run: B.STEPS (measured to fit a task's minute); tests shorten it with this key.
STEPS = int(st.session_state.get("dcgan_steps", B.STEPS))


@st.cache_data(show_spinner=False, max_entries=8)
def census(brk: str) -> dict:
    return R.census(brk)


@st.cache_data(show_spinner=False, max_entries=64)
def taps(K: int, s: int, n: int):
    counts = C.taps(K, s, n)
    closed = np.array([C.taps_1d(i, K, s, n) for i in range(len(counts))])
    return counts, bool(np.array_equal(counts, np.outer(closed, closed)))


def run(brk: str, where, conditional: int = 0, text: str = "learn.dcgan.break.training"):
    """The digits run with `brk` broken, or None while a task trains it (progress in `where`)."""
    return computed("dcgan_break", {"dcgan_break": brk, "conditional": conditional,
                                    "steps": STEPS, "seed": 0,
                                    "data_dir": str(data_root(Config()).resolve())},
                    tr(text), where)


lesson = Lesson("dcgan", presets="dcgan")

# ---- 1. the five guidelines, each with its lines of ganlab/train/dcgan.py ---------------------
with lesson.section("learn.dcgan.rules.title") as sec:
    intact = census("none")
    sec.top.markdown(tr("learn.dcgan.rules.text", source=R.SOURCE))
    g_conv = sum(intact["G"].get(k, 0) for k in ("Conv2d", "ConvTranspose2d"))
    d_conv = sum(intact["D"].get(k, 0) for k in ("Conv2d", "ConvTranspose2d"))
    d_bn = intact["D"].get("BatchNorm2d", 0)
    sec.top.caption(tr("learn.dcgan.rules.census", g_conv=g_conv, d_conv=d_conv, d_bn=d_bn,
                       g_bn=intact["G"].get("BatchNorm2d", 0))
                    + (" " + tr("learn.dcgan.rules.census.no_bn_d") if d_bn == 0 else ""))
    tabs = sec.box.tabs([f"{i + 1}. {tr(f'learn.dcgan.rule.{g.name}.tab')}"
                         for i, g in enumerate(R.GUIDELINES)])
    for i, (tab, g) in enumerate(zip(tabs, R.GUIDELINES)):
        # The code takes the full width: its lines are the file's, up to 100 characters.
        tab.markdown(f"**{i + 1}. {tr(f'learn.dcgan.rule.{g.name}')}.** "
                     + tr(f"learn.dcgan.rule.{g.name}.text", leak=LEAK))
        numbers = [n for n, _ in R.lines(g)]
        tab.code(R.snippet(g), language="python", wrap_lines=True)
        tab.caption(tr("learn.dcgan.rules.lines", source=R.SOURCE,
                       lines=f"{numbers[0]}–{numbers[-1]}") + " · "
                    + tr("learn.dcgan.rules.break", name=tr(f"learn.dcgan.break.{g.brk}")))
    with sec.box:
        notes_box("dcgan_terms")

# ---- 2. fractionally-strided convolution: taps per output pixel ------------------------------
with lesson.section("learn.dcgan.tconv.title") as sec:
    sec.top.latex(r"c(i)=\#\{k\in[0,K):\ s \mid (i-k),\ 0\le \tfrac{i-k}{s}<n\}")
    sec.ctl.markdown(tr("learn.dcgan.tconv.text"))
    c1, c2, c3 = sec.cols(3)
    K = c1.slider(tr("learn.dcgan.tconv.K"), 1, 7, 3, key="dcgan_K")
    s = c2.slider(tr("learn.dcgan.tconv.s"), 1, 4, 2, key="dcgan_s")
    n = c3.slider(tr("learn.dcgan.tconv.n"), 2, 6, 4, key="dcgan_n")
    counts, agrees = taps(K, s, n)
    sec.chart(V.taps_figure(counts, L))
    inner = C.interior(counts, K)
    if not inner.size:
        sec.ctl.markdown(tr("learn.dcgan.tconv.small", K=K, s=s, n=n))
    elif inner.min() == 0:
        sec.ctl.markdown(tr("learn.dcgan.tconv.holes", K=K, s=s))
    elif C.uniform(K, s):
        sec.ctl.markdown(tr("learn.dcgan.tconv.even", K=K, s=s, c=int(inner.min())))
    else:
        sec.ctl.markdown(tr("learn.dcgan.tconv.uneven", K=K, s=s, lo=int(inner.min()),
                            hi=int(inner.max())))
    oK, os_ = R.doubling()
    sec.ctl.caption(tr("learn.dcgan.tconv.ours", K=oK, s=os_, verdict=tr(
        "learn.dcgan.tconv.ours.even" if C.uniform(oK, os_) else "learn.dcgan.tconv.ours.uneven")))
    sec.ctl.caption(tr("learn.dcgan.tconv.check",
                       ok=tr("learn.dcgan.tconv.yes" if agrees else "learn.dcgan.tconv.no")))


# ---- 3. break one guideline on a live digits run ---------------------------------------------
def metrics(where, r, base=None) -> None:
    """The run's final scores; beside the intact run's (`base`) as deltas."""
    f = {k: float(r[f"final:{k}"]) for k in ("modes_covered", "confidence", "fcd", "recall")}
    b = None if base is None else {k: float(base[f"final:{k}"]) for k in f}

    def delta(k, fmt=".3f"):   # shares to three decimals, FCD to three significant digits
        return None if b is None else f"{f[k] - b[k]:+{fmt}}"

    row = where.columns(2)
    row[0].metric(tr("learn.dcgan.break.covered"), f"{int(f['modes_covered'])} / "
                  f"{int(r['classes'])}", delta=None if b is None or
                  f["modes_covered"] == b["modes_covered"] else
                  f"{int(f['modes_covered'] - b['modes_covered']):+d}",
                  help=tr("learn.dcgan.break.covered.help"))
    row[1].metric(tr("learn.dcgan.break.confidence"), num(f["confidence"], 3),
                  delta=delta("confidence"), help=tr("learn.dcgan.break.confidence.help"))
    row = where.columns(2)
    row[0].metric("FCD", num(f["fcd"], 3), delta=delta("fcd", ".3g"), delta_color="inverse",
                  help=tr("learn.dcgan.break.fcd.help"))
    row[1].metric(tr("learn.dcgan.break.recall"), num(f["recall"], 3), delta=delta("recall"))


def word(broken: float, intact: float, lower_is_better: bool) -> str:
    if math.isclose(broken, intact, rel_tol=1e-3):
        return tr("learn.dcgan.break.same")
    better = broken < intact if lower_is_better else broken > intact
    return tr("learn.dcgan.break.better" if better else "learn.dcgan.break.worse")


with lesson.section("learn.dcgan.break.title") as sec:
    # Opens on "dense" (guideline 3): the largest effect of the five in our runs (serve/
    # broken_dcgan.py's measurements), so the first thing a class sees is a clear one.
    breaks = [g.brk for g in R.GUIDELINES]
    brk = sec.ctl.radio(tr("learn.dcgan.break.choose"), breaks, index=breaks.index("dense"),
                        key="dcgan_break", format_func=lambda b: tr(f"learn.dcgan.break.{b}"))
    name = tr(f"learn.dcgan.break.{brk}")
    base, broken = run("none", sec.fig), run(brk, sec.fig)   # both at once: two processes
    if base is not None:
        sec.ctl.markdown(tr("learn.dcgan.break.text", steps=f"{STEPS:,}", n=f"{B.SCORED_N:,}",
                            acc=f"{float(base['accuracy']):.1%}"))
    if base is not None and broken is not None:
        names = (tr("learn.dcgan.break.intact"), tr("learn.dcgan.break.broken"))
        left, right = sec.fig.columns(2)
        for col, r, label, ref in ((left, base, names[0], None), (right, broken, names[1], base)):
            col.markdown(f"**{label}**")
            col.image(VI.images_png(np.asarray(r["samples"]), nrow=8), width="stretch")
            metrics(col, r, ref)
        sec.fig.caption(tr("learn.dcgan.break.final"))
        half = max(1, len(base["time:step"]) // 2)   # the last half of the scored checkpoints
        fa, fb = (float(np.mean(r["time:fcd"][-half:])) for r in (base, broken))
        qa, qb = (float(np.mean(r["time:confidence"][-half:])) for r in (base, broken))
        steps_at = base["time:step"]
        sec.ctl.markdown(tr("learn.dcgan.break.read", name=name[:1].upper() + name[1:], k=half,
                            a=int(steps_at[-half]), b=int(steps_at[-1]), fa=num(fa, 3),
                            fb=num(fb, 3), ratio=num(fb / fa, 2),
                            fcd_word=word(fb, fa, lower_is_better=True),
                            ca=int(base["final:modes_covered"]),
                            cb=int(broken["final:modes_covered"]), qa=num(qa, 3),
                            qb=num(qb, 3), q_word=word(qb, qa, lower_is_better=False)))
        shown = {"fcd": "FCD", "confidence": tr("learn.dcgan.break.confidence"),
                 "modes_covered": tr("learn.dcgan.break.covered")}
        metric = sec.fig.radio(tr("learn.dcgan.break.metric"), list(shown), horizontal=True,
                               format_func=shown.get, key="dcgan_metric")
        sec.chart(V.timeline_figure(base["time:step"], base[f"time:{metric}"],
                                    broken[f"time:{metric}"], names, shown[metric], L,
                                    log_y=metric == "fcd"))
        sec.chart(V.losses_figure({"a": {k: base[f"hist:{k}"] for k in ("loss_d", "loss_g")},
                                   "b": {k: broken[f"hist:{k}"] for k in ("loss_d", "loss_g")}},
                                  names, L),
                  where=sec.fig.expander(tr("learn.dcgan.break.losses")))
        with sec.ctl.expander(tr("learn.dcgan.break.layers")):
            rows = []
            for label, c in ((names[0], census("none")), (names[1], census(brk))):
                for net in "GD":
                    layers = ", ".join(f"{k} × {v}" for k, v in c[net].items() if k != "params")
                    rows.append({tr("learn.dcgan.break.col.net"): f"{net} ({label})",
                                 tr("learn.dcgan.break.col.layer"): layers,
                                 tr("learn.dcgan.break.col.params"): c[net]["params"]})
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

# ---- 4. the truncation trick on a class-conditional G ------------------------------------------
with lesson.section("learn.dcgan.trunc.title") as sec:
    # Formulas span the width (classroom mode's text column is too narrow for them).
    sec.top.latex(r"z_i\sim\mathcal{N}(0,1)\;\big|\;|z_i|\le\psi,\qquad "
                  r"\operatorname{Var}(z_i)=1-\frac{2\psi\,\varphi(\psi)}{2\Phi(\psi)-1}")
    sec.ctl.markdown(tr("learn.dcgan.trunc.text", n=f"{B.SCORED_N:,}", steps=f"{STEPS:,}"))
    cond = run("none", sec.fig, conditional=1, text="learn.dcgan.trunc.training")
    if cond is not None:
        psis = [float(p) for p in cond["trunc:psi"]]
        psi = sec.ctl.select_slider(tr("learn.dcgan.trunc.psi"), psis, value=1.0,
                                    format_func=V.psi_label, key="dcgan_psi")
        i = psis.index(psi)
        tr_ = {k: np.asarray(cond[f"trunc:{k}"]) for k in
               ("confidence", "precision", "recall", "spread")}
        sec.ctl.caption(tr("learn.dcgan.trunc.var", var=num(T.variance(psi), 3),
                           kept=f"{T.kept(psi):.1%}"))
        sec.chart(V.tradeoff_figure(psis, tr_["recall"], tr_["confidence"], psi, L))
        m = sec.cols(4, sec.fig)
        for col, k, label in zip(m, tr_, ("learn.dcgan.trunc.confidence",
                                          "learn.dcgan.break.precision",
                                          "learn.dcgan.break.recall", "learn.dcgan.trunc.spread")):
            col.metric(tr(label), num(float(tr_[k][i]), 3), help=tr(f"learn.dcgan.trunc.{k}.help"))
        sec.fig.markdown(f"**{tr('learn.dcgan.trunc.samples', psi=V.psi_label(psi))}**")
        sec.fig.image(VI.images_png(np.asarray(cond["trunc:samples"][i]), nrow=10),
                      width="stretch")
        ends = {k: T.trend(v) for k, v in tr_.items()}   # (smallest ψ, ψ = ∞)
        fmt = {f"{c}_{end}": num(ends[k][j], 3) for k, c in zip(tr_, "qprd")
               for j, end in ((0, "lo"), (1, "inf"))}
        trade = ends["confidence"][0] > ends["confidence"][1] and \
            ends["recall"][0] < ends["recall"][1]
        sec.ctl.markdown(tr("learn.dcgan.trunc.read", lo=f"{psis[0]:g}", **fmt) + " " + tr(
            "learn.dcgan.trunc.read.tradeoff" if trade else "learn.dcgan.trunc.read.none"))
    with sec.box:
        notes_box("dcgan_truncation")

lesson.finish()
