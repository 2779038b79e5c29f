"""Learn: the training loops as pseudo-code — Goodfellow's Algorithm 1 (k D steps on minibatches,
then one G step) and WGAN's critic loop — each line tied to the Playground's config key, lit as
the visitor's own Playground run executes it (ganlab.ui.pseudocode: the same run and Snapshot as
the Playground's curves, driven by the Playground's Step D / Step G / slow motion), and the
minibatch estimate of V that the D step ascends."""

import numpy as np
import streamlit as st

from ganlab.theory import gan_game as g
from ganlab.theory.densities import Mixture
from ganlab.ui import pseudocode
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, num
from ganlab.ui.live import ENDED
from ganlab.viz import algorithm as VA

L = lang()
P_DATA, P_G = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)), Mixture.gaussian(1.0, 0.6)
N_BATCHES = 400   # minibatches behind the spread figure: its sd is then within ~4% of the truth

job, snap = pseudocode.watched()
running = snap is not None and snap.state not in ENDED
run_family = pseudocode.family(snap.config.get("loss", "")) if running else None


def algorithm(sec, fam: str, first: bool) -> None:
    """One loop's section: lit by the run when it executes this loop, else static."""
    if first:
        with sec.ctl:
            pseudocode.flash()
            if not running:
                pseudocode.invitation(ended=snap is not None)
    if run_family == fam:
        with sec.ctl:
            st.markdown(tr("learn.algo.live.follow"))
            pseudocode.buttons(snap)
        with sec.fig:
            pseudocode.run_view(fam, job, snap, big=sec.big)
    else:
        if run_family is not None:
            sec.ctl.caption(tr(f"learn.algo.live.elsewhere.{run_family}",
                               loss=snap.config.get("loss")))
        with sec.fig:
            pseudocode.code(fam)


lesson = Lesson("algo", presets="gan_game")
st.html(f"<style>{pseudocode.code_css()}</style>")

with lesson.section("learn.algo.gan.title") as sec:
    algorithm(sec, "gan", first=True)
    sec.ctl.markdown(tr("learn.algo.gan.keys"))
    sec.ctl.markdown(tr("learn.algo.gan.why_k"))

with lesson.section("learn.algo.mb.title") as sec:
    sec.ctl.markdown(tr("learn.algo.mb.text"))
    sec.top.latex(r"\tilde V=\frac1m\sum_{i=1}^m\log D(x^i)"
                  r"+\frac1m\sum_{i=1}^m\log\big(1-D(G(z^i))\big)"
                  r"\;\approx\;V(G,D)")
    c1, c2 = sec.cols(2)
    m = c1.select_slider("m", [8, 16, 32, 64, 128, 256, 512, 1024], value=64, key="algo_m")
    seed = c2.number_input(tr("learn.algo.mb.seed"), 0, 999, 0, key="algo_seed")
    rng = np.random.default_rng(int(seed))
    x, xg = P_DATA.sample(int(m), rng), P_G.sample(int(m), rng)
    estimate = g.minibatch_value(g.d_star(x, P_DATA, P_G), g.d_star(xg, P_DATA, P_G))
    exact = g.value_at_optimum(P_DATA, P_G).direct
    a, b = sec.cols(2, sec.fig)
    a.metric(tr("learn.algo.mb.estimate"), num(estimate))
    b.metric("V(G, D*)", num(exact))
    sec.fig.caption(tr("learn.algo.mb.caption"))
    # Many minibatches of this m, from a stream of their own (the one on show keeps `rng`)
    spread = np.random.default_rng(int(seed) + 1)
    log_real = np.log(g.d_star(P_DATA.sample(N_BATCHES * int(m), spread), P_DATA, P_G))
    log_fake = np.log1p(-g.d_star(P_G.sample(N_BATCHES * int(m), spread), P_DATA, P_G))
    estimates = (log_real.reshape(N_BATCHES, -1).mean(1) + log_fake.reshape(N_BATCHES, -1).mean(1))
    sigma_1 = float(np.sqrt(np.var(log_real) + np.var(log_fake)))   # one sample's sd
    # the axis spans four sd of the smallest m (8) whatever m is: a larger m visibly narrows it
    sec.chart(VA.minibatch_figure(estimates, exact, estimate, 4 * sigma_1 / np.sqrt(8), L))
    c, d = sec.cols(2, sec.fig)
    c.metric(tr("learn.algo.spread.sd", n=N_BATCHES), num(float(np.std(estimates, ddof=1))))
    d.metric(tr("learn.algo.spread.predicted"), num(sigma_1 / np.sqrt(int(m))))
    sec.fig.caption(tr("learn.algo.spread.caption", n=N_BATCHES))

with lesson.section("learn.algo.wgan.title") as sec:
    algorithm(sec, "wgan", first=False)
    sec.ctl.markdown(tr("learn.algo.wgan.keys"))

lesson.finish()
