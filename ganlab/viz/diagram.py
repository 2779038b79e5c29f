"""Model overview (after GAN Lab's graph): noise -> G -> samples -> D -> predictions -> losses, with
the two gradient paths back, small live thumbnails, and the network that just moved highlighted.

Drawn on one plotly canvas: a hidden 12 x 4 "board" axis for boxes and arrows, plus three small
inset axes for the live thumbnails (samples, D's heatmap, D's mean outputs; for image runs, G's
and the real images as layout images and D's score histogram). Forward arrows are solid grey;
D's update path is blue, G's is purple (the colours of their losses elsewhere).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.viz import style

W, H = 12.0, 4.0
Y_TOP = 2.75           # forward path
Y_BOTTOM = 0.55        # gradient paths back
BOX_H = 1.25
# node name -> centre x on the board, and width
NODES = {"noise": (0.75, 1.2), "G": (2.55, 1.3), "samples": (4.6, 1.7), "D": (6.8, 1.7),
         "pred": (9.0, 1.6), "loss": (11.0, 1.6)}


def _paper(x0, x1, y0, y1):
    return [x0 / W, x1 / W], [y0 / H, y1 / H]


class _Board:
    """Shapes and annotations gathered as plain dicts and handed to plotly once: adding them one
    by one re-validates the whole list each time (profiled at ~90 ms a diagram, now ~10)."""

    def __init__(self):
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []
        self.images: list[dict] = []

    def add_shape(self, **kw):
        self.shapes.append(kw)

    def add_annotation(self, **kw):
        self.annotations.append(kw)


def _box(fig, name, label, color, active: bool | None, dim: bool):
    cx, w = NODES[name]
    x0, x1, y0, y1 = cx - w / 2, cx + w / 2, Y_TOP - BOX_H / 2, Y_TOP + BOX_H / 2
    fill = color if active else "white"
    opacity = 0.35 if dim else 1.0
    fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, xref="x", yref="y", layer="below",
                  line=dict(color=color, width=4 if active else 1.6), fillcolor=fill,
                  opacity=opacity if not active else 0.9)
    fig.add_annotation(x=cx, y=y1 + 0.05, text=f"<b>{label}</b>", showarrow=False,
                       yanchor="bottom", font=dict(color=color if not dim else "#999"),
                       xref="x", yref="y")


def _arrow(fig, x0, y0, x1, y1, color, width=2.0, opacity=1.0):
    fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                       showarrow=True, arrowhead=3, arrowsize=1, arrowwidth=width,
                       arrowcolor=color, opacity=opacity, text="")


def _inset(axes: dict, n: int, name: str, pad: float = 0.12, points=None):
    """Small axes inside a node's box; `points` (x, y arrays) fixes their ranges, which
    canvas-painted traces need: plotly never sees their data, so cannot autorange on it."""
    cx, w = NODES[name]
    xd, yd = _paper(cx - w / 2 + pad, cx + w / 2 - pad, Y_TOP - BOX_H / 2 + pad,
                    Y_TOP + BOX_H / 2 - pad)
    hidden = dict(visible=False, fixedrange=True)
    axes[f"xaxis{n}"] = dict(domain=xd, anchor=f"y{n}", **hidden)
    axes[f"yaxis{n}"] = dict(domain=yd, anchor=f"x{n}", **hidden)
    if points is not None:
        for axis, v in zip(("xaxis", "yaxis"), points):
            v = np.asarray(v, dtype=np.float64)
            v = v[np.isfinite(v)]
            lo, hi = (float(v.min()), float(v.max())) if v.size else (-1.0, 1.0)
            margin = 0.06 * (hi - lo) if hi > lo else 1.0
            axes[f"{axis}{n}"]["range"] = [lo - margin, hi + margin]


def overview_figure(snap, lang: str = "en", big: bool = False, height: int = 280) -> go.Figure:
    """The diagram for the current Snapshot (None draws the static diagram)."""
    moved = (getattr(snap, "last_moved", None) or "") if snap is not None else ""
    d_on, g_on = "D" in moved, "G" in moved
    slow = bool(moved) and moved != "DG"       # one network moved on its own: dim the other
    fig = _Board()
    _box(fig, "noise", t("viz.node.noise", lang), "#555", None, False)
    _box(fig, "G", "G", style.G_COLOR, g_on and slow, slow and not g_on)
    _box(fig, "samples", t("viz.node.samples", lang), "#555", None, False)
    _box(fig, "D", "D", style.D_COLOR, d_on and slow, slow and not d_on)
    _box(fig, "pred", t("viz.node.pred", lang), "#555", None, False)
    _box(fig, "loss", t("viz.node.loss", lang), "#555", None, False)

    # forward path
    def edge(a, b):
        (ca, wa), (cb, wb) = NODES[a], NODES[b]
        return ca + wa / 2 + 0.03, cb - wb / 2 - 0.03

    for a, b in (("noise", "G"), ("G", "samples"), ("samples", "D"), ("D", "pred"),
                 ("pred", "loss")):
        x0, x1 = edge(a, b)
        _arrow(fig, x0, Y_TOP, x1, Y_TOP, "#777", width=1.8)
    fig.add_annotation(x=NODES["noise"][0], y=Y_TOP, showarrow=False, xref="x", yref="y",
                       text="z ~ " + ("U" if (snap and (snap.config or {}).get("noise")
                                               == "uniform") else "N") + "(0, I)",
                       font=dict(size=12, color="#444"))

    # gradient paths back: L_D -> D (blue); L_G -> through D -> G (purple)
    lx, lw = NODES["loss"]
    dx, _ = NODES["D"]
    gx, _ = NODES["G"]
    top_of_bottom = Y_TOP - BOX_H / 2 - 0.05
    d_op = 1.0 if (d_on or not slow) else 0.25
    g_op = 1.0 if (g_on or not slow) else 0.25
    y_d, y_g = Y_BOTTOM + 0.55, Y_BOTTOM
    fig.add_shape(type="path", xref="x", yref="y", opacity=d_op,
                  path=f"M {lx - 0.25},{top_of_bottom} L {lx - 0.25},{y_d} L {dx},{y_d}",
                  line=dict(color=style.D_COLOR, width=4 if d_on and slow else 2.2))
    _arrow(fig, dx, y_d, dx, top_of_bottom, style.D_COLOR, width=4 if d_on and slow else 2.2,
           opacity=d_op)
    fig.add_annotation(x=(lx + dx) / 2, y=y_d, yshift=10, showarrow=False, xref="x", yref="y",
                       text=t("viz.node.grad_d", lang), opacity=d_op,
                       font=dict(color=style.D_COLOR, size=12))
    fig.add_shape(type="path", xref="x", yref="y", opacity=g_op,
                  path=f"M {lx + 0.25},{top_of_bottom} L {lx + 0.25},{y_g} L {gx},{y_g}",
                  line=dict(color=style.G_COLOR, width=4 if g_on and slow else 2.2))
    _arrow(fig, gx, y_g, gx, top_of_bottom, style.G_COLOR, width=4 if g_on and slow else 2.2,
           opacity=g_op)
    fig.add_annotation(x=(lx + gx) / 2, y=y_g, yshift=-12, showarrow=False, xref="x", yref="y",
                       text=t("viz.node.grad_g", lang), opacity=g_op,
                       font=dict(color=style.G_COLOR, size=12))

    traces: list = []
    axes: dict = {}
    if snap is not None:
        _thumbnails(fig, traces, axes, snap, lang)
    layout = style.layout(height=height, big=big, legend=False)
    layout.update(shapes=fig.shapes, annotations=fig.annotations, images=fig.images,
                  hovermode=False,
                  margin=dict(l=4, r=4, t=4, b=4),
                  xaxis=dict(range=[0, W], visible=False, fixedrange=True, domain=[0, 1]),
                  yaxis=dict(range=[0, H], visible=False, fixedrange=True, domain=[0, 1]),
                  **axes)
    return go.Figure(data=traces, layout=layout)


def _picture_in(fig: _Board, name: str, uri: str, pad: float = 0.12) -> None:
    cx, w = NODES[name]
    fig.images.append(dict(source=uri, xref="x", yref="y", x=cx - w / 2 + pad,
                           y=Y_TOP + BOX_H / 2 - pad, sizex=w - 2 * pad, sizey=BOX_H - 2 * pad,
                           sizing="contain", xanchor="left", yanchor="top", layer="above"))


def _image_thumbnails(fig: _Board, traces: list, axes: dict, snap) -> None:
    """Image runs: four of G's images (G), a row of real over a row of generated images
    (samples), and the histogram of D's scores on the generated images (D)."""
    from ganlab.viz.images import thumbnail

    _picture_in(fig, "G", thumbnail([snap.grid_png], 2, rows_each=2))
    if snap.real_png is not None:
        _picture_in(fig, "samples", thumbnail([snap.real_png, snap.grid_png], 4))
    scores = None if snap.image_scores is None else np.asarray(snap.image_scores, np.float64)
    if scores is not None and len(scores):
        lo, hi = (0.0, 1.0) if not snap.critic else (float(scores.min()), float(scores.max()))
        hi = max(hi, lo + 1e-6)                       # a critic that scores all alike
        counts, edges = np.histogram(np.clip(scores, lo, hi), bins=10, range=(lo, hi))
        _inset(axes, 3, "D")
        traces.append(go.Bar(x=style.rounded((edges[:-1] + edges[1:]) / 2, 3), y=counts,
                             xaxis="x3", yaxis="y3", hoverinfo="skip",
                             marker=dict(color=style.FAKE), width=(edges[1] - edges[0]) * 0.9))


def _thumbnails(fig: _Board, traces: list, axes: dict, snap, lang: str) -> None:
    if snap.grid_png is not None:
        _image_thumbnails(fig, traces, axes, snap)
    # G: its manifold (2D: the warped noise grid) or its map z -> G(z) (1D)
    m = None if snap.manifold is None else np.asarray(snap.manifold, dtype=np.float64)
    if m is not None and m.ndim == 3 and m.shape[0] > 1:
        step = max(1, m.shape[0] // 10)          # every other grid line is enough here
        xs, ys = style.polylines([*m[::step], *m.transpose(1, 0, 2)[::step]], 2)
        _inset(axes, 5, "G", points=(xs, ys))
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", xaxis="x5", yaxis="y5",
                                 hoverinfo="skip", line=dict(color=style.FAKE, width=0.8),
                                 meta=style.CANVAS))
    elif snap.z_line is not None and snap.x_of_z is not None:
        _inset(axes, 5, "G")
        z, x = style.thin(np.asarray(snap.z_line), np.asarray(snap.x_of_z), max_points=120)
        traces.append(go.Scatter(x=style.rounded(z, 2), y=style.rounded(x, 3), mode="lines",
                                 xaxis="x5", yaxis="y5", hoverinfo="skip",
                                 line=dict(color=style.FAKE, width=2)))
    # samples: real (green) and fake (purple), 2D, or a 1D strip
    if snap.real is not None or snap.fake is not None:
        shown = []
        for arr, color in ((snap.real, style.REAL), (snap.fake, style.FAKE)):
            if arr is None:
                continue
            a = style.thin(np.asarray(arr, dtype=np.float64), max_points=150)
            if a.ndim == 1 or a.shape[1] == 1:
                a = np.stack([a.ravel(), np.zeros(len(a)) + (0.3 if color == style.REAL
                                                              else -0.3)], 1)
            shown.append(a[:, :2])
            traces.append(go.Scatter(x=style.rounded(a[:, 0], 2), y=style.rounded(a[:, 1], 2),
                                     mode="markers", xaxis="x2", yaxis="y2",
                                     marker=dict(size=2.5, color=color), hoverinfo="skip",
                                     meta=style.CANVAS))
        both = np.concatenate(shown)
        _inset(axes, 2, "samples", points=(both[:, 0], both[:, 1]))
    # D: its heatmap (2D) or its curve (1D)
    if snap.d_grid is not None and snap.grid_x is not None:
        _inset(axes, 3, "D")
        z = np.asarray(snap.d_grid, dtype=np.float64)
        step = max(1, z.shape[0] // 20)        # 20 x 20 is plenty at thumbnail size
        traces.append(go.Heatmap(z=style.rounded(z[::step, ::step], 2), xaxis="x3",
                                 yaxis="y3", colorscale=style.HEATMAP_SCALE, showscale=False,
                                 zsmooth="fast", hoverinfo="skip",
                                 **({} if snap.critic else dict(zmin=0, zmax=1))))
    elif snap.d_curve is not None and snap.xs is not None:
        _inset(axes, 3, "D")
        xs, d = style.thin(np.asarray(snap.xs), np.asarray(snap.d_curve), max_points=120)
        traces.append(go.Scatter(x=style.rounded(xs, 2), y=style.rounded(d, 3), mode="lines",
                                 xaxis="x3", yaxis="y3", hoverinfo="skip",
                                 line=dict(color=style.D_COLOR, width=2)))
    # predictions: mean D(real) and D(fake) now, as two bars
    h = snap.history or {}
    if len(h.get("d_real", ())) and len(h.get("d_fake", ())):
        _inset(axes, 4, "pred", pad=0.18)
        vals = [float(h["d_real"][-1]), float(h["d_fake"][-1])]
        traces.append(go.Bar(x=[0, 1], y=style.rounded(vals, 3), xaxis="x4", yaxis="y4",
                             marker=dict(color=[style.REAL, style.FAKE]), hoverinfo="skip",
                             text=[f"{v:.2f}" for v in vals], textposition="inside",
                             insidetextanchor="end", textfont=dict(color="white", size=11)))
        if not snap.critic:
            axes["yaxis4"]["range"] = [0, 1]
    # losses: the latest values as text
    if len(h.get("loss_d", ())) and len(h.get("loss_g", ())):
        lx, _ = NODES["loss"]
        fig.add_annotation(x=lx, y=Y_TOP, xref="x", yref="y", showarrow=False, align="left",
                           text=(f"<span style='color:{style.D_COLOR}'>L<sub>D</sub> "
                                 f"{_fmt(h['loss_d'][-1])}</span><br>"
                                 f"<span style='color:{style.G_COLOR}'>L<sub>G</sub> "
                                 f"{_fmt(h['loss_g'][-1])}</span>"),
                           font=dict(size=13))


def _fmt(v) -> str:
    v = float(v)
    return f"{v:.3f}" if np.isfinite(v) else "NaN"
