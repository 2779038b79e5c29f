"""Figures of the DCGAN Learn page (app_pages/learn_dcgan.py): the transposed convolution's
kernel taps per output pixel, intact vs broken runs over training, and the truncation
trade-off. Plain data in, plotly figure out; labels from the i18n table (`learn.dcgan.fig.*`).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.viz import style

INTACT, BROKEN = style.D_COLOR, style.ERROR


def _t(key: str, lang: str, **fmt) -> str:
    return t(f"learn.dcgan.fig.{key}", lang, **fmt)


def taps_figure(counts: np.ndarray, lang: str) -> go.Figure:
    """The count of kernel taps on each output pixel, as a heatmap with the counts written in."""
    c = np.asarray(counts).astype(int)
    n = len(c)
    fig = style.figure(
        [go.Heatmap(z=c, x=np.arange(n), y=np.arange(n), colorscale="Blues", zmin=0,
                    text=c.astype(str), texttemplate="%{text}" if n <= 20 else "",
                    hovertemplate="(%{x}, %{y}): %{z} " + _t("taps", lang) + "<extra></extra>",
                    showscale=False)],   # the counts are written in the cells
        height=340, showlegend=False,
        xaxis=dict(title_text=_t("out_x", lang), showgrid=False, constrain="domain"),
        yaxis=dict(title_text=_t("out_y", lang), showgrid=False, autorange="reversed",
                   scaleanchor="x"))
    return fig


def timeline_figure(steps, intact, broken, names: tuple[str, str], y_title: str,
                    lang: str, log_y: bool = False) -> go.Figure:
    """One metric of the intact and the broken run at each scored checkpoint (FCD on a log
    axis: a slow run starts ~50x the intact one's and ends near it)."""
    data = [go.Scatter(x=np.asarray(steps), y=np.asarray(ys, float), name=name,
                       mode="lines+markers", line=dict(color=color, width=3))
            for ys, name, color in ((intact, names[0], INTACT), (broken, names[1], BROKEN))]
    return style.figure(data, height=300, xaxis=dict(title_text=_t("iteration", lang)),
                        yaxis=dict(title_text=y_title, type="log" if log_y else "linear"))


def losses_figure(hist: dict, names: tuple[str, str], lang: str) -> go.Figure:
    """L_D and L_G of both runs (a moving average over 50 iterations: single batches jitter)."""
    data = []
    for (run, curves), name, color in zip(hist.items(), names, (INTACT, BROKEN)):
        for key, dash in (("loss_d", "solid"), ("loss_g", "dot")):
            ys = np.asarray(curves[key], float)
            w = min(50, len(ys))
            smooth = np.convolve(ys, np.ones(w) / w, mode="valid")
            data.append(go.Scatter(x=np.arange(w, len(ys) + 1), y=smooth, mode="lines",
                                   name=f"{name}: {'L_D' if key == 'loss_d' else 'L_G'}",
                                   line=dict(color=color, dash=dash, width=2)))
    return style.figure(data, height=300, xaxis=dict(title_text=_t("iteration", lang)),
                        yaxis=dict(title_text=_t("loss", lang)))


def psi_label(psi: float) -> str:
    return "ψ = ∞" if psi <= 0 else f"ψ = {psi:g}"


def tradeoff_figure(psi, diversity, quality, current: float, lang: str) -> go.Figure:
    """Quality (mean classifier confidence) against diversity (entropy of the predicted
    classes), one point per threshold ψ, joined in ψ's order; the chosen ψ ringed."""
    psi, div, q = np.asarray(psi, float), np.asarray(diversity, float), np.asarray(quality, float)
    labels = [psi_label(p) for p in psi]
    pick = int(np.argmin(np.abs(psi - current)))
    # Neighbouring points can sit close (ψ = 0.25 and 0.5; 3 and ∞): their labels alternate sides.
    sides = ["top right" if i % 2 else "bottom left" for i in range(len(psi))]
    data = [go.Scatter(x=div, y=q, mode="lines+markers+text", text=labels,
                       textposition=sides, name="", showlegend=False, cliponaxis=False,
                       line=dict(color=style.G_COLOR, width=2), marker=dict(size=9),
                       hovertemplate="%{text}<br>H = %{x:.3f}<br>%{y:.3f}<extra></extra>"),
            go.Scatter(x=[div[pick]], y=[q[pick]], mode="markers", showlegend=False,
                       marker=dict(size=20, color="rgba(0,0,0,0)",
                                   line=dict(color=style.DSTAR, width=3)), hoverinfo="skip")]
    pad_x = 0.15 * max(float(div.max() - div.min()), 0.05)   # room for the end labels
    pad_y = 0.12 * max(float(q.max() - q.min()), 0.01)
    return style.figure(data, height=380, showlegend=False,
                        xaxis=dict(title_text=_t("diversity", lang),
                                   range=[float(div.min()) - pad_x, float(div.max()) + pad_x]),
                        yaxis=dict(title_text=_t("quality", lang),
                                   range=[float(q.min()) - pad_y, float(q.max()) + pad_y]))
