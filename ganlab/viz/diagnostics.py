"""Diagnostics over iterations: one small chart per diagnostic, and the per-mode heat-map.

Each builder reads a Snapshot's decimated `diagnostics` columns ({"step": ..., metric: ...}; a
metric that was not computed at a step is NaN there) and returns a plotly figure. Reference lines
say what "good" means on the chart itself: −log 4 beside V(G, D) (V = −log 4 + 2·JS at the
optimal D), the HQ ceiling of a perfect generator (98.9 % in 2D, 99.7 % in 1D), the K modes, 1/2
for D's accuracy, and the real-vs-real noise floor of the sample-based distances. Alarms are
dotted vertical lines at their onset, so a collapse seen at step 1,800 stays visible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from ganlab.diagnostics.floors import REAL_VS_REAL
from ganlab.diagnostics.registry import MODE_SHARE_METRICS, mode_share_index
from ganlab.diagnostics.value import V_OPT
from ganlab.i18n import t
from ganlab.viz import style

HQ_CEILING = {1: 0.9973, 2: 1.0 - math.exp(-4.5)}
"""P(‖x − μ‖ ≤ 3σ) for an isotropic Gaussian: what a perfect generator scores as HQ share."""
MODES = {"ring8": 8, "grid25": 25}
"""Fallback mode counts when no per-mode column tells us K."""
PROBE_N = 2500
MAX_HEATMAP_COLUMNS = 400
"""25 modes × 400 steps = 10k cells: a few tens of kB per tick, however long the run."""


@dataclass(frozen=True)
class Chart:
    """key: i18n suffix of the title (dp.chart.<key>); metrics: the columns it draws, in order;
    group: the panel section (dp.group.<group>)."""

    key: str
    metrics: tuple[str, ...]
    group: str


CHARTS = (
    Chart("modes", ("modes_covered", "modes_covered_loose"), "coverage"),
    Chart("hq_share", ("hq_share",), "coverage"),
    Chart("mode_kl", ("mode_kl",), "coverage"),
    Chart("sample_diversity", ("sample_diversity",), "coverage"),
    Chart("kl_data_g", ("kl_data_g",), "divergence"),
    Chart("kl_g_data", ("kl_g_data",), "divergence"),
    Chart("js", ("js",), "divergence"),
    Chart("w1", ("w1",), "divergence"),
    Chart("kl_binned", ("kl_binned",), "divergence"),
    Chart("js_binned", ("js_binned",), "divergence"),
    Chart("w1_exact", ("w1_exact",), "divergence"),
    Chart("mmd", ("mmd",), "divergence"),
    Chart("minimax_value", ("minimax_value",), "game"),
    Chart("dstar_gap", ("dstar_gap",), "game"),
    Chart("d_acc", ("d_acc_real", "d_acc_fake"), "game"),
)
GROUPS = ("coverage", "divergence", "game")
PERCENT = {"hq_share", "d_acc"}
COLORS = {"modes_covered": style.FAKE, "modes_covered_loose": style.FAKE,
          "d_acc_real": style.REAL, "d_acc_fake": style.FAKE, "minimax_value": style.D_COLOR}
SERIES_NAMES = {"modes_covered": "dp.series.strict", "modes_covered_loose": "dp.series.loose",
                "d_acc_real": "dp.series.acc_real", "d_acc_fake": "dp.series.acc_fake"}


# --- reading a Snapshot ----------------------------------------------------------------------
def series(snap, metric: str) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) where ``metric`` was measured (gaps dropped, so sparse ones connect)."""
    d = snap.diagnostics or {}
    if metric not in d or "step" not in d:
        return np.empty(0, dtype=np.int64), np.empty(0)
    steps = np.asarray(d["step"], dtype=np.int64)
    values = np.asarray(d[metric], dtype=np.float64)
    n = min(len(steps), len(values))
    steps, values = steps[:n], values[:n]
    ok = ~np.isnan(values)  # ±inf is kept: style.rounded draws it as a gap
    return steps[ok], values[ok]


def has(snap, metric: str) -> bool:
    return len(series(snap, metric)[0]) > 0


def available_charts(snap, group: str | None = None) -> list[Chart]:
    """The charts with data in this Snapshot (1D gets the exact divergences, 2D the binned ones)."""
    return [c for c in CHARTS if (group is None or c.group == group)
            and any(has(snap, m) for m in c.metrics)]


def mode_columns(snap) -> list[str]:
    """The per-mode share columns present, in mode order."""
    d = snap.diagnostics or {}
    cols = [m for m in MODE_SHARE_METRICS if m in d and np.isfinite(
        np.asarray(d[m], dtype=np.float64)).any()]
    return sorted(cols, key=mode_share_index)


def mode_count(snap) -> int | None:
    """K: from the per-mode columns, else from the dataset's name."""
    cols = mode_columns(snap)
    return len(cols) if cols else MODES.get((snap.config or {}).get("dataset"))


def data_dim(snap) -> int:
    if snap.bounds is not None:
        return len(snap.bounds)
    return 1 if (snap.config or {}).get("dataset") == "gaussians1d" else 2


def latest(snap, metric: str) -> float | None:
    steps, values = series(snap, metric)
    return float(values[-1]) if len(values) else None


# --- reference lines ---------------------------------------------------------------------------
def references(chart: Chart, snap, lang: str = "en") -> list[tuple[float, str]]:
    """(y, label) of the lines that say what good looks like on this chart."""
    k = mode_count(snap)
    dataset = (snap.config or {}).get("dataset")
    if chart.key == "modes":
        return [(k, t("dp.ref.all_modes", lang, k=k))] if k else []
    if chart.key == "hq_share":
        ceiling = HQ_CEILING[data_dim(snap)]
        return [(ceiling, t("dp.ref.hq_ceiling", lang, value=f"{ceiling:.1%}"))]
    if chart.key == "mode_kl" and k:
        return [((k - 1) / (2 * PROBE_N), t("dp.ref.kl_floor", lang))]
    if chart.key == "sample_diversity":
        return [(1.0, t("dp.ref.data_spread", lang))]
    if chart.key == "minimax_value":
        return [(V_OPT, t("dp.ref.v_opt", lang))]
    if chart.key == "d_acc":
        return [(0.5, t("dp.ref.half", lang))]
    out = []
    if chart.key in ("js", "js_binned"):
        out.append((math.log(2), t("dp.ref.ln2", lang)))
    floor = REAL_VS_REAL.get(dataset, {}).get(chart.metrics[0])
    if floor is not None:
        out.append((floor, t("dp.ref.floor", lang, value=f"{floor:.3g}")))
    return out


# --- figures -----------------------------------------------------------------------------------
def _alarm_lines(fig: go.Figure, alarms, lang: str) -> None:
    """A dotted line at each alarm's onset, its title on hover (a marker on top of the chart)."""
    xs, texts, colors = [], [], []
    for a in alarms or ():
        if not isinstance(a, dict) or "step" not in a:
            continue
        color = style.ERROR if a.get("severity") == "error" else style.WARNING
        fig.add_vline(x=a["step"], line=dict(color=color, width=2, dash="dot"))
        xs.append(a["step"])
        texts.append(f"{t(a.get('message_key', ''), lang)} · {a['step']:,}")
        colors.append(color)
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=[1.0] * len(xs), yaxis="y2", mode="markers",
                                 marker=dict(symbol="triangle-down", size=12, color=colors),
                                 hovertext=texts, hoverinfo="text", showlegend=False,
                                 name=t("dp.alarm_marker", lang), cliponaxis=False))
        fig.update_layout(yaxis2=dict(overlaying="y", range=[0, 1.0], visible=False,
                                      fixedrange=True))


def metric_figure(snap, chart: Chart, lang: str = "en", alarms=None, big: bool = False,
                  height: int = 210) -> go.Figure:
    """One diagnostic over iterations with its reference lines and alarm markers."""
    fig = go.Figure()
    for i, metric in enumerate(chart.metrics):
        steps, values = series(snap, metric)
        if not len(steps):
            continue
        steps, values = style.thin(steps, values)
        companion = i > 0 and chart.key == "modes"  # the loose count: faint, behind the strict
        name = t(SERIES_NAMES[metric], lang) if metric in SERIES_NAMES else t(
            f"dp.chart.{chart.key}", lang)
        hover = None
        if metric == "minimax_value":  # make the JS link readable point by point
            js = np.clip((values - V_OPT) / 2, 0, None)
            hover = [t("dp.hover.js_seen", lang, value=f"{v:.3f}") for v in js]
        fig.add_trace(go.Scatter(
            x=np.asarray(steps), y=style.rounded(values), name=name,
            mode="lines+markers" if len(steps) <= 30 else "lines",
            line=dict(color=COLORS.get(metric, style.FAKE), width=1.6 if companion else 2.6,
                      dash="dot" if companion else None),
            marker=dict(size=5), opacity=0.55 if companion else 1.0,
            text=hover, hovertemplate="%{x:,}: %{y:.4g}" + ("<br>%{text}" if hover else "")
            + "<extra></extra>"))
    for y, label in references(chart, snap, lang):
        fig.add_hline(y=y, line=dict(color=style.REFERENCE, width=1.4, dash="dash"),
                      annotation_text=label, annotation_position="top left",
                      annotation_font=dict(color="#666", size=style.font_size(big) - 1))
    style.apply(fig, height=height, big=big, title=t(f"dp.chart.{chart.key}", lang),
                legend=len(chart.metrics) > 1)
    fig.update_layout(margin=dict(l=8, r=12, t=60 if len(chart.metrics) > 1 else 40, b=8),
                      hovermode="x unified" if len(chart.metrics) > 1 else "closest")
    fig.update_xaxes(tickformat=",d")
    if chart.key in PERCENT:
        fig.update_yaxes(tickformat=".0%", range=[-0.03, 1.05])
    if chart.key == "modes" and mode_count(snap):
        fig.update_yaxes(range=[-0.5, mode_count(snap) + 1.5], dtick=max(1, mode_count(snap) // 5))
    _alarm_lines(fig, alarms if alarms is not None else snap.alarms, lang)
    return fig


def mode_heatmap(snap, lang: str = "en", alarms=None, big: bool = False,
                 height: int = 300) -> go.Figure:
    """Share of all samples that are good samples of mode k, per probe: step × mode.

    A healthy run is an evenly lit band; mode hopping is one bright row that moves; blur is
    dark everywhere (the shares are of all samples, so they sum to the HQ share, not to 1).
    """
    cols = mode_columns(snap)
    if not cols:
        return style.empty(t("dp.empty", lang), height, big)
    d = snap.diagnostics
    steps = np.asarray(d["step"], dtype=np.int64)
    z = np.stack([np.asarray(d[c], dtype=np.float64)[: len(steps)] for c in cols])
    measured = ~np.isnan(z).all(0)
    steps, z = steps[measured], z[:, measured]
    if len(steps) > MAX_HEATMAP_COLUMNS:
        idx = np.linspace(0, len(steps) - 1, MAX_HEATMAP_COLUMNS).round().astype(int)
        steps, z = steps[idx], z[:, idx]
    k = len(cols)
    fair = HQ_CEILING[data_dim(snap)] / k
    zmax = max(2.0 * fair, float(np.nanmax(z)) if np.isfinite(z).any() else 0.0)
    fig = go.Figure(go.Heatmap(
        x=np.asarray(steps), y=np.arange(k), z=style.rounded(z),
        zmin=0.0, zmax=zmax, colorscale="Purples",
        colorbar=dict(title=dict(text=t("dp.axis.share", lang), side="right"),
                      tickformat=".0%", thickness=14),
        hovertemplate=(f"{t('dp.axis.iteration', lang)} %{{x:,}}<br>{t('dp.axis.mode', lang)} "
                       "%{y}: %{z:.1%}<extra></extra>")))
    style.apply(fig, height=height, big=big, title=t("dp.chart.mode_heatmap", lang),
                legend=False)
    fig.update_layout(margin=dict(l=8, r=8, t=40, b=8))
    fig.add_annotation(text=t("dp.fair_share", lang, value=f"{fair:.1%}"), x=1.0, y=1.0,
                       xref="paper", yref="paper", xanchor="right", yanchor="bottom",
                       showarrow=False, font=dict(color="#666"))
    fig.update_xaxes(title_text=t("dp.axis.iteration", lang), tickformat=",d", showgrid=False)
    fig.update_yaxes(title_text=t("dp.axis.mode", lang), dtick=max(1, k // 5), showgrid=False)
    _alarm_lines(fig, alarms if alarms is not None else snap.alarms, lang)
    return fig
