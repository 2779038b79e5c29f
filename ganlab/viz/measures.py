"""Figures of the measures sections of the Learn pages (entropy's properties, generative vs
discriminative models, the inverse-CDF map, W1 as a transport plan): plain data in, plotly
figure out, in the style of ganlab/viz/theory.py (its colours and `_layout`). Labels are keys
`learn.fig.*` (ganlab/i18n/measures.py); math symbols are the same in both languages."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ganlab.i18n import t
from ganlab.viz.theory import C_ALT, C_D, C_DATA, C_GREY, C_MODEL, LOG2, _layout

CLASS_COLORS = (C_DATA, C_MODEL)


def _t(key: str, lang: str, **fmt) -> str:
    return t(f"learn.fig.{key}", lang, **fmt)


# ---- entropy -------------------------------------------------------------------------------------
def entropy_figure(p: float, q: float, scale: float, unit_label: str, lang: str) -> go.Figure:
    """Left: the surprise -log(prob) with the events p, q and (independent) both, p q, marked.
    Right: the Bernoulli entropy with its ceiling log 2 and the current p. `scale` converts
    nats to the unit shown (1 or 1 / ln 2)."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(_t("surprise_title", lang), _t("bernoulli_title", lang)))
    grid = np.linspace(0.005, 1.0, 400)
    fig.add_trace(go.Scatter(x=grid, y=-np.log(grid) * scale, name="I = −log P",
                             line=dict(color=C_D, width=3)), 1, 1)
    events = [("P(A) = p", p, C_DATA), ("P(B) = q", q, C_MODEL), ("P(A ∩ B) = pq", p * q, C_ALT)]
    for name, prob, color in events:
        fig.add_trace(go.Scatter(x=[prob], y=[-np.log(prob) * scale], mode="markers", name=name,
                                 marker=dict(color=color, size=13, line=dict(color="white",
                                                                             width=1))), 1, 1)
    h = -(grid * np.log(grid) + (1 - grid) * np.log1p(-np.minimum(grid, 1 - 1e-12)))
    fig.add_trace(go.Scatter(x=grid, y=h * scale, name="H(Bernoulli)", showlegend=False,
                             line=dict(color=C_GREY, width=3)), 1, 2)
    for prob, color in ((p, C_DATA), (q, C_MODEL)):
        hp = -(prob * np.log(prob) + (1 - prob) * np.log1p(-prob)) if prob < 1 else 0.0
        fig.add_trace(go.Scatter(x=[prob], y=[hp * scale], mode="markers", showlegend=False,
                                 marker=dict(color=color, size=13)), 1, 2)
    fig.add_hline(y=LOG2 * scale, line=dict(color=C_GREY, dash="dot"), row=1, col=2,
                  annotation_text="log 2", annotation_position="bottom right")
    fig.update_xaxes(title=_t("probability", lang), range=[0, 1.02])
    top = float(-np.log(min(p * q, 1.0)) * scale)
    fig.update_yaxes(title=unit_label, range=[0, max(top, 3.0 * scale) * 1.1], row=1, col=1)
    fig.update_yaxes(range=[0, LOG2 * scale * 1.15], row=1, col=2)
    return _layout(fig, 360, over_titles=True)


# ---- generative vs discriminative ----------------------------------------------------------------
def generative_figure(x, y, fit, logistic: tuple, new_x, new_y, lang: str) -> go.Figure:
    """Top: the fitted joint p(x, y) per class and new x drawn from it. Bottom: p(y = 1 | x)
    of both models over the training points (at 0 and 1), and their boundaries."""
    x, y, new_x, new_y = map(np.asarray, (x, y, new_x, new_y))
    span = max(abs(x).max(), abs(new_x).max() if new_x.size else 0) + 0.5
    grid = np.linspace(-span, span, 400)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14,
                        subplot_titles=(_t("gen_title", lang), _t("disc_title", lang)))
    for k in (0, 1):
        color = CLASS_COLORS[k]
        fig.add_trace(go.Scatter(x=grid, y=fit.joint_pdf(grid, k), name=f"p̂(x, y = {k})",
                                 showlegend=False, line=dict(color=color, width=3)), 1, 1)
        mine = new_x[new_y == k]
        fig.add_trace(go.Scatter(x=mine, y=np.zeros(len(mine)), mode="markers",
                                 name=_t("sampled", lang) if k == 0 else None, showlegend=k == 0,
                                 legendgroup="sampled",
                                 marker=dict(color=color, size=12, symbol="line-ns-open",
                                             line=dict(width=2, color=color))), 1, 1)
        mine = x[y == k]
        fig.add_trace(go.Scatter(x=mine, y=np.full(len(mine), float(k)), mode="markers",
                                 showlegend=False, marker=dict(color=color, size=8, opacity=0.5)),
                      2, 1)
    w, b = fit.logit_weights()
    fig.add_trace(go.Scatter(x=grid, y=fit.posterior(grid), name=_t("bayes_posterior", lang),
                             line=dict(color=C_D, width=3)), 2, 1)
    fig.add_trace(go.Scatter(x=grid, y=1 / (1 + np.exp(-(logistic[0] * grid + logistic[1]))),
                             name=_t("logistic", lang), line=dict(color=C_ALT, width=3,
                                                                  dash="dash")), 2, 1)
    for (wk, bk), color in (((w, b), C_D), (logistic, C_ALT)):
        if wk != 0:
            fig.add_vline(x=-bk / wk, line=dict(color=color, dash="dot"), row=2, col=1)
    fig.update_xaxes(title="x", row=2, col=1)
    fig.update_yaxes(title=_t("density", lang), row=1, col=1)
    fig.update_yaxes(title="p(y = 1 | x)", range=[-0.08, 1.08], row=2, col=1,
                     tickmode="array", tickvals=[0, 0.5, 1])
    return _layout(fig, 400, over_titles=True)


# ---- the inverse-CDF map -------------------------------------------------------------------------
def inverse_cdf_figure(u_probe: float, x_probe: float, guides, x_sample, edges, density,
                       lang: str) -> go.Figure:
    """Left: Phi(x) with arrows u -> Phi^{-1}(u) (grey for evenly spaced u's, coloured for the
    probe). Right: the histogram of the mapped uniforms against the N(0, 1) density."""
    from scipy.special import ndtr

    lo, hi = -3.5, 3.5
    grid = np.linspace(lo, hi, 400)
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(_t("cdf_title", lang), _t("hist_title", lang)))
    fig.add_trace(go.Scatter(x=grid, y=ndtr(grid), name="u = Φ(x)",
                             line=dict(color=C_DATA, width=3)), 1, 1)
    gx, gy = [], []
    for u, xq in guides:  # one broken line per guide: (lo, u) -> (xq, u) -> (xq, 0)
        gx += [lo, xq, xq, None]
        gy += [u, u, 0, None]
    fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", showlegend=False, hoverinfo="skip",
                             line=dict(color=C_GREY, width=1)), 1, 1)
    fig.add_trace(go.Scatter(x=[lo, x_probe, x_probe], y=[u_probe, u_probe, 0],
                             mode="lines", name="x = Φ⁻¹(u)",
                             line=dict(color=C_MODEL, width=3)), 1, 1)
    fig.add_annotation(x=x_probe, y=0, ax=x_probe, ay=u_probe / 2, xref="x", yref="y",
                       axref="x", ayref="y", showarrow=True, arrowhead=2, arrowsize=1.5,
                       arrowcolor=C_MODEL, text="")
    centers = (edges[:-1] + edges[1:]) / 2
    fig.add_trace(go.Bar(x=centers, y=density, width=np.diff(edges), name=_t("mapped", lang),
                         marker=dict(color=C_MODEL, opacity=0.45)), 1, 2)
    fig.add_trace(go.Scatter(x=grid, y=np.exp(-grid**2 / 2) / np.sqrt(2 * np.pi),
                             name="N(0, 1)", line=dict(color=C_DATA, width=3)), 1, 2)
    fig.update_xaxes(title="x", range=[lo, hi])
    fig.update_yaxes(title="u", range=[0, 1.02], row=1, col=1)
    fig.update_yaxes(title=_t("density", lang), row=1, col=2)
    return _layout(fig, 360, over_titles=True, bargap=0)


# ---- W1 as a transport plan ----------------------------------------------------------------------
def transport_1d_figure(xs, ys, t, f, g, lang: str) -> go.Figure:
    """Left: both samples on two rows, the sorted matching as lines. Right: the empirical CDFs,
    the area between them (= W1) shaded."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(_t("plan_title", lang), _t("cdf_area_title", lang)))
    lx, ly = [], []
    for a, b in zip(xs, ys):
        lx += [a, b, None]
        ly += [1, 0, None]
    fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", name=_t("moved", lang),
                             line=dict(color=C_GREY, width=1.5)), 1, 1)
    fig.add_trace(go.Scatter(x=xs, y=np.ones(len(xs)), mode="markers", name="x ~ p",
                             marker=dict(color=C_DATA, size=10)), 1, 1)
    fig.add_trace(go.Scatter(x=ys, y=np.zeros(len(ys)), mode="markers", name="y ~ q",
                             marker=dict(color=C_MODEL, size=10)), 1, 1)
    fig.add_trace(go.Scatter(x=t, y=f, mode="lines", line=dict(color=C_DATA, shape="hv", width=3),
                             name="F", showlegend=False), 1, 2)
    fig.add_trace(go.Scatter(x=t, y=g, mode="lines", line=dict(color=C_MODEL, shape="hv", width=3),
                             name="G", showlegend=False, fill="tonexty",
                             fillcolor="rgba(44, 160, 44, 0.3)"), 1, 2)
    fig.update_xaxes(title="x")
    fig.update_yaxes(row=1, col=1, range=[-0.3, 1.3], tickmode="array", tickvals=[0, 1],
                     ticktext=["q", "p"])
    fig.update_yaxes(row=1, col=2, range=[0, 1.05], title="F, G")
    # (a fill between traces would reverse the legend's order by default)
    return _layout(fig, 340, over_titles=True, legend_traceorder="normal")


def transport_2d_figure(a, b, s, lang: str) -> go.Figure:
    """The two point sets and the optimal matching a[i] -> b[s[i]] as lines."""
    a, b = np.asarray(a), np.asarray(b)
    lx, ly = [], []
    for i, j in enumerate(s):
        lx += [a[i, 0], b[j, 0], None]
        ly += [a[i, 1], b[j, 1], None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", name=_t("moved", lang),
                             line=dict(color=C_GREY, width=1.5)))
    fig.add_trace(go.Scatter(x=a[:, 0], y=a[:, 1], mode="markers", name="x ~ p",
                             marker=dict(color=C_DATA, size=10)))
    fig.add_trace(go.Scatter(x=b[:, 0], y=b[:, 1], mode="markers", name="y ~ q",
                             marker=dict(color=C_MODEL, size=10)))
    fig.update_xaxes(title="x₁")
    fig.update_yaxes(title="x₂", scaleanchor="x", scaleratio=1)
    return _layout(fig, 380)
