"""Learn: the training loops as pseudo-code — Goodfellow's Algorithm 1 (k D steps on minibatches,
then one G step) and WGAN's critic loop — each line tied to the Playground's config key, and the
minibatch estimate of V that the D step ascends."""

import numpy as np
import streamlit as st

from ganlab.theory import gan_game as g
from ganlab.theory.densities import Mixture
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, num

L = lang()
P_DATA, P_G = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)), Mixture.gaussian(1.0, 0.6)


def algorithm(prefix: str, n_lines: int) -> None:
    """Numbered pseudo-code lines as Markdown (body font: the Chinese glyphs come from the served
    CJK face; a code block's monospace font has none)."""
    lines = []
    for i in range(1, n_lines + 1):
        text = tr(f"learn.algo.{prefix}.{i}")
        depth = (len(text) - len(text.lstrip(" "))) // 2  # two spaces a level in the strings
        lines.append(f"{i}. " + "&emsp;&emsp;" * depth + text.lstrip(" "))
    st.markdown("\n".join(lines))


lesson = Lesson("algo", presets="gan_game")

with lesson.section("learn.algo.gan.title") as sec:
    with sec.ctl:
        algorithm("gan", 8)
    sec.fig.markdown(tr("learn.algo.gan.keys"))
    sec.fig.markdown(tr("learn.algo.gan.why_k"))

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

with lesson.section("learn.algo.wgan.title") as sec:
    with sec.ctl:
        algorithm("wgan", 9)
    sec.fig.markdown(tr("learn.algo.wgan.keys"))

lesson.finish()
