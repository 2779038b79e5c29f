"""Figures of the Gallery page: a stored run's time-lapse and its loss curves.

The time-lapse is one plotly figure carrying every frame, with its own Play button and step
slider, so it plays in the visitor's browser: a full room watching the Gallery costs the server
one message per visitor, not one per frame (the live Playground's fragments tick server-side).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.viz import style


def _listed(values, digits: int = 4) -> list:
    # Plain lists, not numpy's base64 arrays: animation frames are replayed by plotly.js's
    # Plotly.animate, which this module does not want to bet on decoding typed arrays.
    return [None if v != v else v for v in style.rounded(values, digits).tolist()]

FRAME_MS = 250       # ~4 frames a second: 40 frames play in 10 s
BINS = 60


def _bounds(run) -> tuple[float, float, float, float]:
    pts = [x for _, x in run.frames[-3:]] + ([run.target] if run.target is not None else [])
    allp = np.concatenate(pts)
    lo, hi = np.percentile(allp, 1, axis=0), np.percentile(allp, 99, axis=0)
    pad = 0.15 * (hi - lo) + 0.3
    lo, hi = lo - pad, hi + pad
    if allp.shape[1] == 1:
        return float(lo[0]), float(hi[0]), 0.0, 0.0
    # One scale on both axes (circles stay round), centred on the data.
    half = float(max(hi - lo)) / 2
    cx, cy = (lo + hi) / 2
    return cx - half, cx + half, cy - half, cy + half


def _fake_trace_2d(x: np.ndarray, lang: str) -> go.Scatter:
    return go.Scatter(x=_listed(x[:, 0], 3), y=_listed(x[:, 1], 3), mode="markers",
                      name=t("gallery.fake", lang), marker=dict(color=style.FAKE, size=5,
                                                                opacity=0.75))


def _hist(x: np.ndarray, edges: np.ndarray) -> list:
    counts, _ = np.histogram(np.clip(x[:, 0], edges[0], edges[-1]), bins=edges, density=True)
    return _listed(counts, 4)


def timelapse_figure(run, lang: str = "en", height: int = 420, autoplay_label: bool = True
                     ) -> go.Figure:
    """Real points (fixed) and G's samples at every stored step, with Play and a step slider."""
    x0, x1, y0, y1 = _bounds(run)
    fig = go.Figure()
    one_d = run.dim == 1
    if one_d:
        edges = np.linspace(x0, x1, BINS + 1)
        mids = _listed((edges[:-1] + edges[1:]) / 2, 4)
        real = _hist(run.target, edges) if run.target is not None else [0.0] * BINS
        fig.add_trace(go.Bar(x=mids, y=real, name=t("gallery.real", lang), opacity=0.45,
                             marker=dict(color=style.REAL, line=dict(width=0))))
        fig.add_trace(go.Bar(x=mids, y=_hist(run.frames[0][1], edges),
                             name=t("gallery.fake", lang), opacity=0.6,
                             marker=dict(color=style.FAKE, line=dict(width=0))))
        frames = [go.Frame(data=[go.Bar(y=_hist(x, edges))], traces=[1], name=str(step))
                  for step, x in run.frames]
        fig.update_layout(barmode="overlay", bargap=0)
    else:
        real = run.target if run.target is not None else np.zeros((0, 2), np.float32)
        fig.add_trace(go.Scatter(x=_listed(real[:, 0], 3), y=_listed(real[:, 1], 3),
                                 mode="markers", name=t("gallery.real", lang),
                                 marker=dict(color=style.REAL, size=4, opacity=0.35)))
        fig.add_trace(_fake_trace_2d(run.frames[0][1], lang))
        frames = [go.Frame(data=[_fake_trace_2d(x, lang)], traces=[1], name=str(step))
                  for step, x in run.frames]
        fig.update_yaxes(range=[y0, y1], scaleanchor="x", scaleratio=1)
    fig.frames = frames
    fig.update_xaxes(range=[x0, x1])
    style.apply(fig, height=height)
    play = dict(frame=dict(duration=FRAME_MS, redraw=one_d), transition=dict(duration=0),
                fromcurrent=True, mode="immediate")
    # Buttons and slider below the plot, laid out as in plotly's own animation examples.
    fig.update_layout(
        height=height + 90, margin=dict(l=8, r=8, t=28, b=100),
        updatemenus=[dict(type="buttons", direction="left", x=0.0, y=0, xanchor="left",
                          yanchor="top", showactive=False, pad=dict(r=10, t=70),
                          buttons=[dict(label="▶ " + t("gallery.play", lang), method="animate",
                                        args=[None, play]),
                                   dict(label="❚❚ " + t("gallery.pause", lang), method="animate",
                                        args=[[None], dict(frame=dict(duration=0, redraw=False),
                                                           mode="immediate")])])],
        sliders=[dict(active=0, x=0.3, len=0.7, y=0, yanchor="top", pad=dict(t=50, b=10),
                      currentvalue=dict(prefix=t("gallery.step", lang) + " ", visible=True,
                                        xanchor="right"),
                      steps=[dict(label=f.name, method="animate",
                                  args=[[f.name], dict(mode="immediate", frame=dict(
                                      duration=0, redraw=one_d), transition=dict(duration=0))])
                             for f in frames])],
    )
    return fig


def loss_figure(run, lang: str = "en", height: int = 260) -> go.Figure:
    """D's and G's loss over the run, from the stored (thinned) metrics."""
    fig = go.Figure()
    for key, color, label in (("loss_d", style.D_COLOR, "gallery.loss_d"),
                              ("loss_g", style.G_COLOR, "gallery.loss_g")):
        if key in run.history:
            steps, values = style.thin(*run.history[key])
            fig.add_trace(go.Scatter(x=np.asarray(steps).tolist(), y=_listed(values), mode="lines",
                                     name=t(label, lang), line=dict(color=color, width=2)))
    if not fig.data:
        return style.empty(t("gallery.no_metrics", lang), height)
    style.apply(fig, height=height)
    fig.update_xaxes(title_text=t("gallery.step", lang))
    return fig
