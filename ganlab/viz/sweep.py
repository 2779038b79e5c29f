"""A sweep's trials at a glance: parallel coordinates (one line per finished config, an axis per
swept key and one for the objective; drag along an axis to brush, which is plotly's own) and a
bar chart of parameter importances.

Rows are plain dicts {"params": {...}, "value": float | None} (ganlab.sweep.study.rows_of), so
this module needs neither Optuna nor torch. A key swept on a log range, or over values that span
a decade (a grid of learning rates), is drawn on log10 with its real values as ticks, or its
decades would crowd into one end of the axis.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.viz import style


def _log_ticks(nums: np.ndarray, values_axis: bool) -> list[float]:
    """Where a log axis is labelled: a grid's few values themselves; a searched range's decades
    inside it and its two ends (plotly draws the axis only between its outer ticks), an end
    left out where it would sit on a decade's label (its draws, labelled one by one, did)."""
    unique = np.unique(nums)
    if values_axis and len(unique) <= 6:
        return list(unique)
    lo, hi = np.log10(unique[0]), np.log10(unique[-1])
    ticks = [10.0 ** k for k in range(math.ceil(lo), math.floor(hi) + 1)]
    for end in (float(unique[0]), float(unique[-1])):
        if all(abs(math.log10(end) - math.log10(t)) > 0.3 for t in ticks):
            ticks.append(end)
    return sorted(set(ticks))


def _dimension(key: str, values: list, log: bool, lang: str = "en") -> dict:
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        nums = np.asarray(values, dtype=np.float64)
        # A learning rate's 3e-4, 1e-3, 3e-3 are a log scale's even steps: a grid of values
        # spanning a decade is drawn on log10 too, or two of its three lines would crowd together.
        spread = (nums > 0).all() and nums.max() >= 10 * nums.min()
        if (log and (nums > 0).all()) or spread:
            ticks = _log_ticks(nums, values_axis=not log)
            return dict(label=t("sweepview.log_axis", lang, name=key),
                        values=style.rounded(np.log10(nums)),
                        tickvals=style.rounded(np.log10(ticks)),
                        ticktext=[f"{v:.3g}" for v in ticks])
        return dict(label=key, values=style.rounded(nums))
    words = sorted({str(v) for v in values})
    index = {w: i for i, w in enumerate(words)}
    return dict(label=key, values=[index[str(v)] for v in values],
                tickvals=list(range(len(words))), ticktext=words)


def parcoords_figure(rows: list[dict], keys: list[str], objective: str, log_keys=(),
                     lang: str = "en", height: int = 380, objective_label: str | None = None
                     ) -> go.Figure:
    """One line per finished trial, coloured by the objective."""
    done = [r for r in rows if isinstance(r.get("value"), (int, float))
            and math.isfinite(r["value"]) and all(k in r["params"] for k in keys)]
    if not done:
        return style.empty(t("sweepview.no_finished", lang), height)
    dims = [_dimension(k, [r["params"][k] for r in done], k in log_keys, lang) for k in keys]
    values = [float(r["value"]) for r in done]
    dims.append(dict(label=objective_label or objective, values=style.rounded(values)))
    # Coloured by the objective so a brushed range's lines stand out; no colour bar: the last
    # axis is the objective, labelled, and a bar beside it repeated it over its ticks.
    fig = go.Figure(go.Parcoords(dimensions=dims,
                                 line=dict(color=values, colorscale="Viridis", showscale=False)))
    style.apply(fig, height=height)
    fig.update_layout(margin=dict(l=60, r=60, t=50, b=30))
    return fig


def importance_figure(importances: dict[str, float], lang: str = "en", height: int = 260,
                      title: str | None = None) -> go.Figure:
    """Horizontal bars, the most important key on top."""
    if not importances:
        return style.empty(t("sweepview.no_importance", lang), height)
    items = sorted(importances.items(), key=lambda kv: kv[1])
    fig = go.Figure(go.Bar(x=style.rounded([v for _, v in items]), y=[k for k, _ in items],
                           orientation="h", marker=dict(color=style.D_COLOR)))
    style.apply(fig, height=height, title=title)
    fig.update_layout(showlegend=False)      # one unnamed trace: its legend read "trace 0"
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    return fig
