"""Several runs on one chart: a curve per run for any logged series (or a band per config over its
seeds), the config keys that set the runs apart, and a small picture of each run's final samples.

Runs get colours from a colour-blind-safe palette (Okabe-Ito) that avoids the role colours of the
live charts, so "blue" on Compare never means "D" by accident; L_D is always solid and L_G dashed.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.config import Config
from ganlab.i18n import t
from ganlab.viz import style
from ganlab.viz.curves import smooth

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MAX_RUNS = len(PALETTE)
# Diagnostics in reading order: sample quality first, then distances, then what D does.
ORDER = ("modes_covered", "hq_share", "modes_covered_loose", "mode_kl", "js_binned", "kl_binned",
         "js", "kl_data_g", "kl_g_data", "w1", "w1_exact", "mmd", "sample_diversity",
         "minimax_value", "d_acc_real", "d_acc_fake")
PER_MODE = "mode_share_"   # one series per mode: too many charts; the mode table shows them


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def series(snap, key: str):
    """(steps, values) of one run's `key`, thinned for drawing; (None, None) when not logged."""
    table = snap.history if key in (snap.history or {}) else (snap.diagnostics or {})
    steps, values = table.get("step"), table.get(key)
    if steps is None or values is None or len(steps) == 0:
        return None, None
    values = np.asarray(values, dtype=np.float64)
    ok = np.isfinite(values) | (table is snap.history)   # keep divergence gaps in the losses
    return style.thin(np.asarray(steps)[ok], values[ok])


def metric_name(key: str, lang: str) -> str:
    name = t(f"runs.metric.{key}", lang)
    return key if name == f"runs.metric.{key}" else name


def overlay_figure(snaps: dict, key: str, lang: str = "en", smoothing: float = 0.0,
                   height: int = 300, title: str | None = None, dash: str | None = None,
                   log_y: bool = False) -> go.Figure:
    """One line per run of `key` (a history series such as loss_d, or a diagnostic)."""
    fig = go.Figure()
    for i, (label, snap) in enumerate(snaps.items()):
        steps, values = series(snap, key)
        if steps is None:
            continue
        if smoothing > 0:
            fig.add_trace(go.Scatter(x=np.asarray(steps), y=style.rounded(values), mode="lines",
                                     line=dict(color=color(i), width=1, dash=dash), opacity=0.25,
                                     showlegend=False, hoverinfo="skip"))
            values = smooth(values, smoothing)
        fig.add_trace(go.Scatter(x=np.asarray(steps), y=style.rounded(values), name=label,
                                 mode="lines+markers" if len(steps) < 30 else "lines",
                                 line=dict(color=color(i), width=2, dash=dash),
                                 marker=dict(size=5)))
    if not fig.data:
        return style.empty(t("runs.no_series", lang), height)
    style.apply(fig, height=height, title=title or metric_name(key, lang),
                legend=len(snaps) > 1)
    fig.update_xaxes(title_text=t("viz.iteration", lang))
    if log_y:
        fig.update_yaxes(type="log", exponentformat="power")
    return fig


def band_figure(bands: dict, key: str, lang: str = "en", height: int = 300,
                title: str | None = None) -> go.Figure:
    """A config's seeds as one line and a band: `bands` maps a group's label to (steps, mean,
    std) over its seeds (ganlab.sweep.groups.band); the band is mean ± one sample std."""
    fig = go.Figure()
    for i, (label, (steps, mean, std)) in enumerate(bands.items()):
        if len(steps) == 0:
            continue
        x, c = np.asarray(steps), color(i)
        lo, hi = style.rounded(mean - std), style.rounded(mean + std)
        fig.add_trace(go.Scatter(x=np.concatenate([x, x[::-1]]), y=np.concatenate([hi, lo[::-1]]),
                                 fill="toself", fillcolor=_rgba(c, 0.18), line=dict(width=0),
                                 hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(x=x, y=style.rounded(mean), name=label, mode="lines",
                                 line=dict(color=c, width=2)))
    if not fig.data:
        return style.empty(t("runs.no_series", lang), height)
    style.apply(fig, height=height, title=title or metric_name(key, lang), legend=True)
    fig.update_xaxes(title_text=t("viz.iteration", lang))
    return fig


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def shared_metrics(snaps: dict) -> list[str]:
    """Diagnostics every run logged at least one finite value of, in reading order (ORDER first,
    then any others by name; per-mode shares left out)."""
    common = None
    for snap in snaps.values():
        d = snap.diagnostics or {}
        have = {k for k, v in d.items() if k != "step" and not k.startswith(PER_MODE)
                and np.isfinite(np.asarray(v, dtype=np.float64)).any()}
        common = have if common is None else common & have
    common = common or set()
    return [k for k in ORDER if k in common] + sorted(common - set(ORDER))


def differing_keys(configs: dict[str, Config]) -> list[str]:
    """Config keys on which any two of the runs disagree (Config.diff against the first)."""
    items = list(configs.values())
    keys: set[str] = set()
    for other in items[1:]:
        keys |= set(items[0].diff(other))
    return [k for k in Config().to_dict() if k in keys]   # in the Config's own order


def diff_rows(configs: dict[str, Config], diff_only: bool = True) -> list[dict]:
    """Table rows {key, run1, run2, ...}: only the keys that differ, or every key."""
    rows = []
    keys = differing_keys(configs) if diff_only else list(Config().to_dict())
    for key in keys:
        row = {"key": key}
        for label, cfg in configs.items():
            value = getattr(cfg, key)
            if key == "drawn_points":
                value = f"{len(value)} points"
            row[label] = f"{value:g}" if isinstance(value, float) else str(value)
        rows.append(row)
    return rows


def samples_figure(snap, lang: str = "en", height: int = 260) -> go.Figure | None:
    """The run's latest toy samples over the data (None for image runs: show the PNG grid); with
    no samples yet, the data alone (the target before training)."""
    shown = snap.fake if snap.fake is not None else snap.real
    if shown is None:
        return None if snap.grid_png is not None else style.empty(t("runs.no_samples", lang),
                                                                  height)
    fake = np.asarray(shown)
    if fake.shape[1] >= 2:
        from ganlab.viz.toy2d import layered_figure

        fig = layered_figure(snap, layers={"real", "fake"}, lang=lang, height=height)
        fig.update_layout(showlegend=False, margin=dict(l=4, r=4, t=8, b=4))
        return fig
    fig = go.Figure()
    lo, hi = snap.bounds[0] if snap.bounds else (float(np.nanmin(fake)), float(np.nanmax(fake)))
    edges = np.linspace(lo, hi, 61)
    for pts, name, c in ((snap.real, t("viz.real", lang), style.REAL),
                         (snap.fake, t("viz.fake", lang), style.FAKE)):
        if pts is None:
            continue
        counts, _ = np.histogram(np.clip(np.asarray(pts)[:, 0], lo, hi), bins=edges,
                                 density=True)
        fig.add_trace(go.Bar(x=style.rounded((edges[:-1] + edges[1:]) / 2), y=style.rounded(counts),
                             name=name, marker=dict(color=c, line=dict(width=0)), opacity=0.6))
    fig.update_layout(barmode="overlay", bargap=0)
    style.apply(fig, height=height)
    return fig
