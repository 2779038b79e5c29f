"""Shared look of every live figure: one colour per role, projector-friendly fonts, tidy margins.

The roles never change colour from one chart to the next, so a student who learned "green is
real data" on the scatter can read every other chart: real = green, fake/G = purple, D = blue,
G's gradient = magenta. The D heatmap uses PRGn, whose ends are the same green and purple:
green where D says "real", purple where it says "fake" (as in GAN Lab).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

REAL = "#1b9e4b"        # real data, D(real)
FAKE = "#7b3294"        # generated samples, G, D(fake)
D_COLOR = "#2166ac"     # the discriminator: its loss, its curve D(x)
G_COLOR = FAKE          # G's loss is drawn in the colour of the samples it makes
GRAD = "#e7298a"        # G's gradient arrows
DSTAR = "#e66101"       # the optimal discriminator D*(x)
REFERENCE = "#8c8c8c"   # equilibrium and other reference lines
MANIFOLD = "rgba(123, 50, 148, 0.35)"
WARNING = "#e08a00"
ERROR = "#c0392b"
HEATMAP_SCALE = "PRGn"  # 0 = purple (fake), 1 = green (real)
FONT = "Inter, 'Source Sans Pro', 'Noto Sans SC', 'PingFang SC', sans-serif"

MAX_TRACE_POINTS = 2000  # DESIGN §3: keep each live trace small, SVG stays fast


def font_size(big: bool) -> int:
    """Base font: readable on a laptop, or from the back of a lecture hall."""
    return 20 if big else 13


def apply(fig: go.Figure, height: int = 340, big: bool = False, title: str | None = None,
          legend: bool = True) -> go.Figure:
    """The common layout: white background, light grid, horizontal legend above the plot."""
    size = font_size(big)
    fig.update_layout(
        height=int(height * (1.35 if big else 1.0)),
        margin=dict(l=8, r=8, t=46 if title else 28, b=8),
        font=dict(family=FONT, size=size, color="#222"),
        title=dict(text=title, x=0.01, xanchor="left", font=dict(size=size + 3)) if title
        else None,
        plot_bgcolor="white", paper_bgcolor="white",
        showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, xanchor="left",
                    bgcolor="rgba(255,255,255,0.6)", font=dict(size=size - 1)),
        hoverlabel=dict(font=dict(family=FONT, size=size)),
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", zeroline=False, linecolor="#bbbbbb",
                     ticks="outside", tickcolor="#bbbbbb")
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee", zeroline=False, linecolor="#bbbbbb",
                     ticks="outside", tickcolor="#bbbbbb")
    return fig


def thin(*arrays, max_points: int = MAX_TRACE_POINTS):
    """Every k-th element of equally long arrays so at most max_points remain (last one kept)."""
    arrays = [np.asarray(a) for a in arrays]
    n = len(arrays[0]) if arrays else 0
    if n <= max_points:
        return arrays if len(arrays) > 1 else arrays[0]
    idx = np.linspace(0, n - 1, max_points).round().astype(int)
    out = [a[idx] for a in arrays]
    return out if len(out) > 1 else out[0]


def rounded(values, digits: int = 4) -> list:
    """Floats rounded for the wire: a 2,000-point trace costs ~8 instead of ~19 bytes a value."""
    a = np.asarray(values, dtype=np.float64)
    out = np.round(a, digits).tolist()
    # JSON has no NaN/inf; plotly draws None as a gap, which is what a diverged value should be.
    return [v if v is None or np.isfinite(v) else None for v in out]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(x, dtype=np.float64), -60, 60)))


def empty(message: str, height: int = 340, big: bool = False) -> go.Figure:
    """A placeholder figure with a centred note, so a panel never jumps when data arrives."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=font_size(big) + 1, color="#777"))
    apply(fig, height=height, big=big, legend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
