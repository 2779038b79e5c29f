"""Curves over training iterations: losses, D's outputs, gradient norms; and D's histogram now.

Each builder reads a Snapshot's decimated `history` and returns a plotly figure. Alarms
(Snapshot.alarms) stay on the loss chart as dotted vertical lines with a hoverable marker, so a
collapse seen at step 1,800 is still visible at step 5,000.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from scipy.signal import lfilter

from ganlab import variants
from ganlab.i18n import t
from ganlab.viz import style
from ganlab.viz.toy2d import d_title

# L_D and L_G at the game's equilibrium (p_g = p_data, D optimal), from the torch-free table.
EQUILIBRIUM: dict[str, tuple[float | None, float | None]] = {
    n: (f.loss_d_at_equilibrium, f.loss_g_at_equilibrium) for n, f in variants.LOSSES.items()}
EQUILIBRIUM_LABEL = {n: f.equilibrium_label for n, f in variants.LOSSES.items()
                     if f.equilibrium_label}


def smooth(values, weight: float) -> np.ndarray:
    """Exponential moving average with bias correction (TensorBoard-style), NaN-tolerant."""
    v = np.asarray(values, dtype=np.float64)
    if weight <= 0 or len(v) == 0:
        return v
    # acc_k = w acc_{k-1} + (1-w) x_k over the finite values only, divided by the same filter of
    # ones (1 - w^k); a NaN step repeats the last average. lfilter: the loop in C, every tick.
    finite = np.isfinite(v)
    ema = lfilter([1 - weight], [1, -weight], v[finite])
    ema /= lfilter([1 - weight], [1, -weight], np.ones(len(ema)))
    last = np.cumsum(finite) - 1            # index of the latest finite value at or before i
    out = np.full(len(v), np.nan)
    out[last >= 0] = ema[last[last >= 0]]
    return out


def _series(snap, key: str):
    h = snap.history or {}
    steps, values = h.get("step"), h.get(key)
    if steps is None or values is None or len(steps) == 0:
        return None, None
    n = min(len(steps), len(values))
    return style.thin(np.asarray(steps[:n]), np.asarray(values[:n], dtype=np.float64))


def _line(x, y, name, color, width=2.4, dash=None, opacity=1.0, legend=True, hover=True):
    return go.Scatter(x=np.asarray(x), y=style.rounded(y), name=name, mode="lines",
                      line=dict(color=color, width=width, dash=dash), opacity=opacity,
                      showlegend=legend, hoverinfo=None if hover else "skip")


def alarm_marks(snap, lang: str) -> tuple[list[dict], list, dict]:
    """Alarms as dotted vertical lines (shapes), a hoverable marker at the top of each (a trace on
    a hidden paper-height axis), and that axis: (shapes, traces, layout keys)."""
    alarms = [a for a in (snap.alarms or ()) if isinstance(a, dict) and "step" in a]
    if not alarms:
        return [], [], {}
    xs, texts, colors, shapes = [], [], [], []
    for a in alarms:
        color = style.ERROR if a.get("severity") == "error" else style.WARNING
        shapes.append(style.vline(a["step"], dict(color=color, width=1.5, dash="dot")))
        xs.append(a["step"])
        texts.append(f"{t(a.get('message_key', ''), lang)} · {t('viz.step', lang)} {a['step']}")
        colors.append(color)
    # Markers sit at the top edge whatever the y range: pinned on an overlaid 0..1 axis.
    marker = go.Scatter(x=xs, y=[1.0] * len(xs), yaxis="y2", mode="markers",
                        marker=dict(symbol="triangle-down", size=13, color=colors),
                        hovertext=texts, hoverinfo="text", name=t("viz.alarm", lang),
                        showlegend=False, cliponaxis=False)
    axis = dict(yaxis2=dict(overlaying="y", range=[0, 1.02], visible=False, fixedrange=True))
    return shapes, [marker], axis


def loss_figure(snap, lang: str = "en", smoothing: float = 0.0, big: bool = False,
                height: int = 300) -> go.Figure:
    """L_D (blue) and L_G (purple) per iteration, the loss's equilibrium values dashed grey."""
    steps, loss_d = _series(snap, "loss_d")
    _, loss_g = _series(snap, "loss_g")
    if steps is None:
        return style.empty(t("viz.no_data", lang), height, big)
    traces = []
    name_d, name_g = t("viz.loss_d", lang), t("viz.loss_g", lang)
    for y, name, color in ((loss_d, name_d, style.D_COLOR), (loss_g, name_g, style.G_COLOR)):
        if y is None:
            continue
        if smoothing > 0:
            traces.append(_line(steps, y, name, color, width=1, opacity=0.25, legend=False,
                                hover=False))
            traces.append(_line(steps, smooth(y, smoothing), name, color))
        else:
            traces.append(_line(steps, y, name, color, width=1.8))
    loss = (snap.config or {}).get("loss")
    eq_d, eq_g = EQUILIBRIUM.get(loss, (None, None))
    label = EQUILIBRIUM_LABEL.get(loss)
    shapes, notes = [], []
    for y, color, text, where in ((eq_d, style.D_COLOR, t("viz.equilibrium_d", lang, value=label),
                                   "top left"),
                                  (eq_g, style.G_COLOR, t("viz.equilibrium_g", lang),
                                   "bottom left")):
        if y is not None:
            shape, note = style.hline(y, dict(color=color, width=1.2, dash="dash"), 0.7, text,
                                      where, dict(color=color))
            shapes.append(shape)
            notes += note
    alarm_shapes, alarm_traces, alarm_axis = alarm_marks(snap, lang)
    return style.figure(traces + alarm_traces, height=height, big=big,
                        title=t("viz.loss_title", lang), shapes=shapes + alarm_shapes,
                        annotations=notes, xaxis=dict(title_text=t("viz.iteration", lang)),
                        **alarm_axis)


def d_outputs_figure(snap, lang: str = "en", big: bool = False, height: int = 260) -> go.Figure:
    """Mean D(real) and D(fake) per iteration: they meet at 1/2 when G matches the data."""
    steps, d_real = _series(snap, "d_real")
    _, d_fake = _series(snap, "d_fake")
    if steps is None:
        return style.empty(t("viz.no_data", lang), height, big)
    traces = [_line(steps, d_real, t("viz.d_real", lang), style.REAL)]
    if d_fake is not None:
        traces.append(_line(steps, d_fake, t("viz.d_fake", lang), style.FAKE))
    critic = bool(snap.critic)
    extra: dict = dict(xaxis=dict(title_text=t("viz.iteration", lang)))
    if not critic:
        shape, _ = style.hline(0.5, dict(color=style.REFERENCE, width=1, dash="dash"))
        # The line is named on the axis: a label inside the plot sat on the curves and the tick.
        extra.update(shapes=[shape], yaxis=dict(range=[-0.02, 1.02], tickvals=[0, 0.5, 1],
                                                ticktext=["0", "1/2", "1"]))
    return style.figure(traces, height=height, big=big,
                        title=t("viz.d_over_time_critic" if critic else "viz.d_over_time", lang),
                        **extra)


def d_histogram_figure(snap, lang: str = "en", big: bool = False, height: int = 260,
                       bins: int = 30) -> go.Figure:
    """Histograms of D on this step's real and fake samples (probabilities, or critic scores)."""
    if snap.d_on_real is None or snap.d_on_fake is None:
        return style.empty(t("viz.no_data", lang), height, big)
    real = np.asarray(snap.d_on_real, dtype=np.float64).ravel()
    fake = np.asarray(snap.d_on_fake, dtype=np.float64).ravel()
    critic = bool(snap.critic)
    if not critic:  # raw logits -> probabilities
        real, fake = style.sigmoid(real), style.sigmoid(fake)
    real, fake = real[np.isfinite(real)], fake[np.isfinite(fake)]
    if critic:
        both = np.concatenate([real, fake]) if len(real) + len(fake) else np.zeros(1)
        lo, hi = np.percentile(both, [1, 99])
        if hi <= lo:
            lo, hi = lo - 0.5, hi + 0.5
        edges = np.linspace(lo, hi, bins + 1)
    else:
        edges = np.linspace(0.0, 1.0, bins + 1)
    centers = (edges[:-1] + edges[1:]) / 2
    bars = []
    for values, name, color in ((real, t("viz.real", lang), style.REAL),
                                (fake, t("viz.fake", lang), style.FAKE)):
        counts, _ = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges)
        share = counts / max(1, counts.sum())
        bars.append(go.Bar(x=style.rounded(centers), y=style.rounded(share), name=name,
                           marker=dict(color=color, line=dict(width=0)), opacity=0.6,
                           width=float(edges[1] - edges[0])))
    return style.figure(
        bars, height=height, big=big,
        title=t("viz.d_hist_critic" if critic else "viz.d_hist", lang), barmode="overlay",
        bargap=0, xaxis=dict(title_text=d_title(
            t("viz.critic_value" if critic else "viz.d_value", lang), snap, lang)),
        yaxis=dict(title_text=t("viz.share", lang), tickformat=".0%"))


def grad_norm_figure(snap, lang: str = "en", big: bool = False, height: int = 260) -> go.Figure:
    """||grad L_D|| and ||grad L_G|| per iteration on a log axis: a vanishing gradient shows as a
    cliff, an exploding one as a wall."""
    steps, gd = _series(snap, "grad_norm_d")
    _, gg = _series(snap, "grad_norm_g")
    if steps is None:
        return style.empty(t("viz.no_data", lang), height, big)
    traces = [_line(steps, np.where(gd > 0, gd, np.nan), t("viz.grad_d", lang), style.D_COLOR)]
    if gg is not None:
        traces.append(_line(steps, np.where(gg > 0, gg, np.nan), t("viz.grad_g", lang),
                            style.G_COLOR))
    return style.figure(traces, height=height, big=big, title=t("viz.grad_title", lang),
                        xaxis=dict(title_text=t("viz.iteration", lang)),
                        yaxis=dict(type="log", exponentformat="power"))
