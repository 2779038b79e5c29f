"""Learn: entropy, cross-entropy, KL, JS and Wasserstein-1 — and why WGAN uses W1."""

import numpy as np
import streamlit as st

from ganlab.theory import entropy as E
from ganlab.theory import information as I
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, notes_box, num
from ganlab.viz import measures as VM
from ganlab.viz import theory as V

L = lang()
SUPPORT = np.arange(5)
P0, Q0 = (1, 2, 4, 2, 1), (8, 4, 2, 1, 1)


@st.cache_data(show_spinner=False, max_entries=32)
def sweep(shape: str, width: float, max_shift: float):
    shifts = np.linspace(0, max_shift, 61)
    rs = [I.slide_apart(s, shape, width, n=2001) for s in shifts]
    return (shifts, np.array([r.kl_pq for r in rs]), np.array([r.js for r in rs]),
            np.array([r.w1 for r in rs]))


lesson = Lesson("info", presets="information")

# ---- 1. discrete distributions the student edits -------------------------------------------------
with lesson.section("learn.info.discrete.title") as sec:
    sec.ctl.markdown(tr("learn.info.discrete.text"))
    cp, cq = sec.ctl.columns(2)  # two narrow columns of five sliders fit even in classroom mode
    cp.markdown("**p**")
    cq.markdown("**q**")
    p_w = [cp.slider(f"p({x})", 0, 10, P0[x], key=f"info_p{x}") for x in SUPPORT]
    q_w = [cq.slider(f"q({x})", 0, 10, Q0[x], key=f"info_q{x}") for x in SUPPORT]
    if sum(p_w) == 0 or sum(q_w) == 0:
        st.warning(tr("learn.info.all_zero"))
        st.stop()
    p, q = I.normalize(p_w), I.normalize(q_w)
    sec.chart(V.discrete_pair_figure(p, q, SUPPORT, L))
    h_p, h_q, h_pq = I.entropy(p), I.entropy(q), I.cross_entropy(p, q)
    kl_pq, kl_qp, js, w1 = I.kl(p, q), I.kl(q, p), I.js(p, q), I.w1(p, q, SUPPORT)
    m = sec.cols(4, sec.fig)
    m[0].metric("H(p)", num(h_p), help=tr("learn.info.h.help"))
    m[1].metric("H(q)", num(h_q))
    m[2].metric("H(p, q)", num(h_pq), help=tr("learn.info.ce.help"))
    m[3].metric("log 5", num(float(np.log(5))), help=tr("learn.info.max_h.help"))
    m = sec.cols(4, sec.fig)
    m[0].metric("KL(p‖q)", num(kl_pq), help=tr("learn.info.kl.help"))
    m[1].metric("KL(q‖p)", num(kl_qp))
    m[2].metric("JS(p, q)", num(js), help=tr("learn.info.js.help"))
    m[3].metric("W₁(p, q)", num(w1), help=tr("learn.info.w1.help"))
    sec.top.latex(r"H(p)=-\sum_x p(x)\log p(x)\qquad H(p,q)=-\sum_x p(x)\log q(x)"
                  r"=H(p)+\mathrm{KL}(p\|q)")
    sec.top.latex(r"\mathrm{KL}(p\|q)=\sum_x p(x)\log\frac{p(x)}{q(x)}\qquad "
                  r"\mathrm{JS}(p,q)=\tfrac12\mathrm{KL}(p\|M)+\tfrac12\mathrm{KL}(q\|M),"
                  r"\;M=\tfrac{p+q}{2}")
    sec.top.latex(r"W_1(p,q)=\sum_i |F_p(x_i)-F_q(x_i)|\,(x_{i+1}-x_i)")
    sec.ctl.markdown(tr("learn.info.check", h=num(h_p), kl=num(kl_pq), ce=num(h_pq)))
    if np.isinf(kl_pq) or np.isinf(kl_qp):
        sec.ctl.info(tr("learn.info.inf_note"))
    if abs(kl_pq - kl_qp) > 1e-9 and np.isfinite(kl_pq) and np.isfinite(kl_qp):
        sec.ctl.caption(tr("learn.info.asym_note"))
    with sec.ctl:
        notes_box("js_bits", nats=num(js), bits=num(I.nats_to_bits(js)))
        notes_box("js_symmetrised", skl=num(I.symmetrised_kl(p, q)), js=num(js))

# ---- 2. slide two distributions apart ------------------------------------------------------------
with lesson.section("learn.info.slide.title") as sec:
    sec.ctl.markdown(tr("learn.info.slide.text"))
    c1, c2, c3 = sec.cols(3)
    shape = c1.radio(tr("learn.info.shape"), I.SHAPES, horizontal=True, key="info_shape",
                     format_func=lambda s: tr(f"learn.info.shape.{s}"))
    width = c2.slider(tr(f"learn.info.width.{shape}"), 0.2, 2.0, 1.0 if shape == "uniform" else 0.3,
                      0.1, key=f"info_width_{shape}")
    shift = c3.slider(tr("learn.info.shift"), 0.0, 5.0, 0.5, 0.05, key="info_shift")
    r = I.slide_apart(shift, shape, width)
    sec.chart(V.densities_figure(r.x, r.p, r.q, L))
    m = sec.cols(4, sec.fig)
    m[0].metric("KL(p‖q)", num(r.kl_pq))
    m[1].metric("JS(p, q)", num(r.js),
                help=tr("learn.info.js_of_log2", share=f"{r.js / np.log(2):.1%}"))
    m[2].metric("W₁(p, q)", num(r.w1))
    m[3].metric(tr("learn.info.overlap"), f"{r.overlap:.1%}")
    shifts, kls, jss, w1s = sweep(shape, width, 5.0)
    sec.chart(V.divergence_vs_shift_figure(shifts, kls, jss, w1s, shift, L, cap=6.0))
    sec.ctl.markdown(tr(f"learn.info.slide.closed.{shape}"))
    sec.ctl.markdown(tr("learn.info.why_wgan"))

# ---- 3. entropy's properties, and why -log -------------------------------------------------------
with lesson.section("learn.info.entropy.title") as sec:
    sec.top.latex(r"I(p\,q)=I(p)+I(q),\;I(1)=0,\;I\downarrow\;\Rightarrow\;I(p)=-c\log p"
                  r"\qquad H(X)=\mathbb{E}[-\log p(X)],\;0\le H\le\log K")
    sec.ctl.markdown(tr("learn.info.entropy.text"))
    c1, c2 = sec.cols(2)
    pa = c1.slider("P(A) = p", 0.01, 0.99, 0.2, 0.01, key="info_ent_p")
    pb = c2.slider("P(B) = q", 0.01, 0.99, 0.5, 0.01, key="info_ent_q")
    unit = sec.ctl.radio(tr("learn.info.entropy.unit"), E.UNITS, horizontal=True,
                         key="info_ent_unit",
                         format_func=lambda u: tr(f"learn.info.entropy.unit.{u}"))
    unit_name = tr(f"learn.info.entropy.unit_name.{unit}")
    sec.chart(VM.entropy_figure(pa, pb, float(E.in_unit(1.0, unit)), unit_name, L))
    joint = E.independent_joint([1 - pa, pa], [1 - pb, pb])
    h_x, h_y = float(E.bernoulli_entropy(pa, unit)), float(E.bernoulli_entropy(pb, unit))
    h_xy = float(E.in_unit(E.joint_entropy(joint), unit))
    m = sec.cols(4, sec.fig)
    m[0].metric("H(X)", num(h_x))
    m[1].metric("H(Y)", num(h_y))
    m[2].metric("H(X, Y)", num(h_xy))
    m[3].metric("H(X) + H(Y)", num(h_x + h_y))
    ent = dict(hx=num(h_x), hy=num(h_y), hxy=num(h_xy), unit=unit_name)
    sec.ctl.markdown(tr("learn.info.entropy.check", ia=num(float(E.surprise(pa, unit))),
                        ib=num(float(E.surprise(pb, unit))),
                        iab=num(float(E.surprise(pa * pb, unit))),
                        log4=num(float(E.in_unit(E.uniform_entropy(4), unit))),
                        log2=num(float(E.in_unit(E.uniform_entropy(2), unit))), **ent))
    with sec.ctl:
        notes_box("entropy_event", **ent)

lesson.finish()
