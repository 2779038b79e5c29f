"""The Algorithm page's figure: where minibatch estimates of V fall around the exact value."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.viz.theory import C_D, C_GREY, _layout


def minibatch_figure(estimates: np.ndarray, exact: float, current: float, half_width: float,
                     lang: str) -> go.Figure:
    """A histogram of many minibatch estimates Ṽ, the exact V(G, D*) and the one minibatch on
    show: the spread is what line 4's gradient is averaged over. The x axis is exact ±
    half_width whatever m is, so a larger m is seen to narrow the histogram. Binned here, so the
    two vertical lines can be legend entries of the histogram's height (annotations collided)."""
    lo, hi = exact - half_width, exact + half_width
    counts, edges = np.histogram(estimates, bins=60, range=(lo, hi))
    top = float(counts.max()) * 1.05
    fig = go.Figure(go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=counts, width=np.diff(edges),
                           name=t("learn.algo.spread.hist", lang),
                           marker=dict(color=C_D, opacity=0.55, line=dict(width=0))))
    for x, name, line in ((exact, "V(G, D*)", dict(color="black", width=2.5)),
                          (current, t("learn.algo.spread.current", lang),
                           dict(color=C_GREY, width=2, dash="dash"))):
        fig.add_trace(go.Scatter(x=[x, x], y=[0, top], mode="lines", name=name, line=line))
    fig.update_xaxes(title="Ṽ", range=[lo, hi])
    fig.update_yaxes(title=t("learn.algo.spread.count", lang), range=[0, top])
    return _layout(fig, 280, bargap=0)
