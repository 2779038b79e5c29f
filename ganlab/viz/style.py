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
MUTED = "#6c707a"       # tick labels and axis titles: quieter than the data
MANIFOLD = "rgba(123, 50, 148, 0.35)"
WARNING = "#e08a00"
ERROR = "#c0392b"
HEATMAP_SCALE = "PRGn"  # 0 = purple (fake), 1 = green (real)
# "Source Sans" is the web font the Streamlit page already loads, so charts match the app's text.
FONT = "'Source Sans', 'Source Sans Pro', 'Noto Sans SC', 'PingFang SC', sans-serif"

# architecture §3: a live trace keeps at most 1,000 points (the design card allowed 2,000): still
# two or more per pixel column of a chart, and the page redraws its lines for ~0.08 core less
# (headless Chromium, 4 live charts).
MAX_TRACE_POINTS = 1000
# A trace's `meta`: the live view paints it on a canvas over the plot (ganlab/ui/plotly_react.js)
# instead of one SVG node per point; everywhere else plotly ignores it and draws it as usual.
CANVAS = "canvas"


def font_size(big: bool) -> int:
    """Base font: readable on a laptop, or from the back of a lecture hall."""
    return 20 if big else 13


TITLE_PAD = 4   # pixels above a figure's title


def title_band(big: bool) -> int:
    """Pixels from the top of a figure to the bottom of its title line (title font + padding)."""
    return round((font_size(big) + 3) * 1.4) + TITLE_PAD


def _legend(big: bool, height_px: int, titled: bool) -> dict:
    """A horizontal legend above the plot. Under a title it hangs from the title's bottom edge
    (container coordinates), and plotly pushes the plot down by the legend's height however many
    rows it wraps to. Anchored on the plot instead, it grew upward into the title whenever the
    title's band was shorter than the legend (classroom fonts, a wrapped legend)."""
    common = dict(orientation="h", x=0, xanchor="left", bgcolor="rgba(255,255,255,0.6)",
                  font=dict(size=font_size(big) - 1))
    if not titled:
        return dict(common, yref="paper", y=1.0, yanchor="bottom")
    return dict(common, yref="container", yanchor="top",
                y=1.0 - title_band(big) / height_px)


# automargin: the margins below are minimal and each axis claims the room its labels need (the
# live charts are drawn without Streamlit's plotly theme, which would otherwise switch it on).
AXIS = dict(showgrid=True, gridcolor="#eeeeee", zeroline=False, linecolor="#bbbbbb",
            ticks="outside", tickcolor="#bbbbbb", automargin=True,
            tickfont=dict(color=MUTED), title_font=dict(color=MUTED))


def layout(height: int = 340, big: bool = False, title: str | None = None,
           legend: bool = True) -> dict:
    """The common layout as a plain dict: white background, light grid, horizontal legend above
    the plot. Live figures pass it (plus their own keys) to go.Figure in one go: each later
    update_layout/update_xaxes call re-walks the figure, ~4-10 ms apiece, every tick."""
    size = font_size(big)
    height_px = int(height * (1.35 if big else 1.0))
    return dict(
        height=height_px,
        margin=dict(l=8, r=8, t=title_band(big) if title else 28, b=8),
        font=dict(family=FONT, size=size, color="#222"),
        title=dict(text=title, x=0.01, xanchor="left", font=dict(size=size + 3, weight=600),
                   yref="container", y=1.0, yanchor="top", pad=dict(t=TITLE_PAD)) if title
        else None,
        plot_bgcolor="white", paper_bgcolor="white",
        showlegend=legend,
        legend=_legend(big, height_px, bool(title)),
        hoverlabel=dict(font=dict(family=FONT, size=size)),
        xaxis=dict(AXIS, tickfont=dict(color=MUTED, size=size - 1)),
        yaxis=dict(AXIS, tickfont=dict(color=MUTED, size=size - 1)),
    )


def figure(data, height: int = 340, big: bool = False, title: str | None = None,
           showlegend: bool = True, **extra) -> go.Figure:
    """A styled figure built in one validation pass. `extra` layout keys are merged one level
    deep into the common ones (so xaxis=dict(title_text=...) keeps the grid style)."""
    lay = layout(height, big, title, showlegend)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(lay.get(key), dict):
            lay[key] = {**lay[key], **value}
        elif isinstance(value, dict) and key.startswith(("xaxis", "yaxis")):
            lay[key] = {**AXIS, **value}
        else:
            lay[key] = value
    return go.Figure(data=data, layout=lay)


def hline(y: float, line: dict, opacity: float = 1.0, text: str | None = None,
          position: str = "top left", font: dict | None = None) -> tuple[dict, list[dict]]:
    """A horizontal reference line across the plot, and its label, as layout dicts (what
    fig.add_hline makes, without its per-call cost)."""
    shape = dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y, line=line,
                 opacity=opacity)
    if not text:
        return shape, []
    vert, horiz = position.split()
    return shape, [dict(text=text, showarrow=False, xref="x domain", yref="y", y=y,
                        x=0 if horiz == "left" else 1, xanchor=horiz,
                        yanchor="bottom" if vert == "top" else "top", font=font or {})]


def vline(x: float, line: dict) -> dict:
    """A vertical line at x over the plot's full height, as a layout dict."""
    return dict(type="line", xref="x", x0=x, x1=x, yref="y domain", y0=0, y1=1, line=line)


def apply(fig: go.Figure, height: int = 340, big: bool = False, title: str | None = None,
          legend: bool = True) -> go.Figure:
    """The common layout on an existing figure (its axes all get the grid style)."""
    fig.update_layout({k: v for k, v in layout(height, big, title, legend).items()
                       if k not in ("xaxis", "yaxis")})
    fig.update_xaxes(**AXIS)
    fig.update_yaxes(**AXIS)
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


def rounded(values, digits: int = 4) -> np.ndarray:
    """Floats for the wire, as a numpy array: plotly validates an array in one step where a list
    costs a Python call per value (10x slower, profiled), and sends it as base64 binary. Non-finite
    values become NaN, which plotly draws as a gap: what a diverged value should look like."""
    a = np.round(np.asarray(values, dtype=np.float64), digits)
    a[~np.isfinite(a)] = np.nan
    return a


def polylines(lines, digits: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Many (n, 2) polylines as one trace's x and y, a NaN row between them (a gap in plotly)."""
    parts = []
    for line in lines:
        line = np.asarray(line, dtype=np.float64)[:, :2]
        parts += [line, np.full((1, 2), np.nan)]
    if not parts:
        return np.empty(0), np.empty(0)
    xy = rounded(np.concatenate(parts), digits)
    return xy[:, 0], xy[:, 1]


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
