"""Figure builders for the Learn pages: plain data in, plotly figure out (no streamlit, no torch).

Every label goes through the translation table (keys `learn.fig.*`), so each builder takes `lang`.
Math symbols are the same in both languages.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ganlab.i18n import t

C_DATA, C_MODEL, C_ALT, C_D, C_GREY = "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#7f7f7f"
LOG2 = float(np.log(2))


def _t(key: str, lang: str, **fmt) -> str:
    return t(f"learn.fig.{key}", lang, **fmt)


def _layout(fig: go.Figure, height: int = 360, over_titles: bool = False, **kw) -> go.Figure:
    """Common size, margins and a horizontal legend above the plot. Figures with subplot titles
    pass over_titles: their legend hangs from the figure's top edge (container coordinates) and
    plotly pushes the plot, titles included, below it; anchored on the plot it sat on the titles."""
    legend = dict(orientation="h", x=0, xanchor="left")
    legend.update(dict(yref="container", y=1.0, yanchor="top") if over_titles
                  else dict(yanchor="bottom", y=1.02))
    # Over titles the top margin holds a (possibly wrapped) legend row and the titles below it.
    top = TITLED_TOP if over_titles else 40
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=top, b=10), legend=legend, **kw)
    return fig


TITLED_TOP = 90  # px: legend (up to two rows) + subplot titles, at the normal font


CLASSROOM_FONT = 20  # px: text read from the back of a lecture hall
# Tick labels a little larger: a log axis draws its minor labels (2, 5, ...) at 3/4 of the tick
# font, which must still be ≥ 16 px.
CLASSROOM_TICKS = 22


def for_classroom(fig: go.Figure) -> go.Figure:
    """The same figure for a projector: every text at least CLASSROOM_FONT px, a taller plot."""
    size, ticks = CLASSROOM_FONT, CLASSROOM_TICKS
    fig.update_layout(font=dict(size=size), legend=dict(font=dict(size=size)),
                      height=int((fig.layout.height or 340) * 1.35))
    if fig.layout.legend.yref == "container":  # legend over subplot titles: both grow
        fig.update_layout(margin=dict(t=int(TITLED_TOP * 1.7)))
    fig.update_xaxes(tickfont=dict(size=ticks), title_font=dict(size=size))
    fig.update_yaxes(tickfont=dict(size=ticks), title_font=dict(size=size))
    fig.update_annotations(font=dict(size=size))
    fig.update_coloraxes(colorbar=dict(tickfont=dict(size=size)))
    for trace in fig.data:  # colour bars drawn by a marker's colour scale
        marker = getattr(trace, "marker", None)
        # Only a marker coloured by numbers has a bar: any colorbar set on a plain one makes
        # plotly.js draw an empty bar over the plot (one per trace).
        color = getattr(marker, "color", None)
        if getattr(marker, "showscale", False) is not False and color is not None and \
                not isinstance(color, str):
            marker.colorbar.tickfont = dict(size=size)
    return fig


# ---- sampling ------------------------------------------------------------------------------------
def population_figure(values, strata, clusters, sample_idx, lang: str) -> go.Figure:
    """Each item a dot: columns are clusters (grouped by stratum), colour = value; drawn items
    big."""
    values, strata, clusters = map(np.asarray, (values, strata, clusters))
    col = clusters + 1.5 * strata  # a gap between strata
    row = np.zeros(len(values))
    for c in np.unique(clusters):
        members = np.flatnonzero(clusters == c)
        row[members] = np.arange(len(members))
    drawn = np.zeros(len(values), bool)
    drawn[np.asarray(sample_idx, int)] = True
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=col[~drawn], y=row[~drawn], mode="markers", name=_t("not_drawn", lang),
        marker=dict(size=7, color=values[~drawn], colorscale="Viridis", opacity=0.35,
                    cmin=values.min(), cmax=values.max()),
        hovertemplate="y = %{marker.color:.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=col[drawn], y=row[drawn], mode="markers", name=_t("drawn", lang),
        marker=dict(size=12, color=values[drawn], colorscale="Viridis", cmin=values.min(),
                    cmax=values.max(), line=dict(color="black", width=2),
                    colorbar=dict(title="y", thickness=12)),
        hovertemplate="y = %{marker.color:.2f}<extra></extra>"))
    for h in np.unique(strata):
        xs = col[strata == h]
        fig.add_annotation(x=(xs.min() + xs.max()) / 2, y=row.max() + 1.4, showarrow=False,
                           text=_t("stratum", lang, h=chr(ord("A") + int(h))))
    fig.update_xaxes(title=_t("cluster_axis", lang), showticklabels=False)
    fig.update_yaxes(showticklabels=False, range=[-1, row.max() + 2.2])
    return _layout(fig, 330)


def estimate_spread_figure(estimates: dict, true_mean: float, names: dict, lang: str) -> go.Figure:
    """One box per method: the spread of its repeated estimates, the true mean as a line."""
    fig = go.Figure()
    for method, est in estimates.items():
        fig.add_trace(go.Box(y=est, name=names[method], boxpoints=False, boxmean="sd"))
    # The line's label sits in the right margin: inside the plot it hid behind the first box.
    fig.add_hline(y=true_mean, line=dict(color="black", dash="dash"))
    fig.add_annotation(xref="paper", x=1, xanchor="left", y=true_mean, text="Ȳ", showarrow=False,
                       hovertext=_t("true_mean", lang))
    fig.update_yaxes(title=_t("estimate", lang))
    fig = _layout(fig, 360, showlegend=False)
    fig.update_layout(margin=dict(r=30))
    return fig


# One convention in every row: red = test item; blue = training item, darker when a bootstrap
# draws it more often (1, 2, 3+ times). Colour index = times in the training set, capped at 3.
SPLIT_SCALE = [[0, "#d6604d"], [0.25, "#d6604d"], [0.25, "#c6dbef"], [0.5, "#c6dbef"],
               [0.5, "#6baed6"], [0.75, "#6baed6"], [0.75, "#08519c"], [1, "#08519c"]]


def splits_figure(rows: list, lang: str) -> go.Figure:
    """rows: (label, counts) with counts[i] = how often item i is in the training set: 0 means
    test (hold-out, a k-fold's test fold, a bootstrap's never-drawn items), 1 a training item of a
    hold-out or k-fold split, k ≥ 1 a bootstrap draw count."""
    labels = [r[0] for r in rows]
    counts = np.array([np.asarray(r[1], float) for r in rows])
    fig = go.Figure(go.Heatmap(
        z=np.minimum(counts, 3), y=labels, colorscale=SPLIT_SCALE, zmin=-0.5, zmax=3.5,
        customdata=counts, showscale=False, xgap=1, ygap=3,
        hovertemplate=_t("item", lang) + " %{x}: %{customdata}×<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=_t("item", lang))
    return _layout(fig, 60 + 28 * len(rows))


def never_drawn_figure(ms, exact, sim_mean, sim_se, m_current: int, lang: str) -> go.Figure:
    """(1 - 1/m)^m against m, Monte Carlo means with 3-SE bars, and the limit 1/e."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ms, y=exact, mode="lines", name="(1 − 1/m)^m",
                             line=dict(color=C_DATA)))
    fig.add_trace(go.Scatter(x=ms, y=sim_mean, mode="markers", name=_t("simulated", lang),
                             marker=dict(color=C_MODEL, size=7),
                             error_y=dict(type="data", array=3 * np.asarray(sim_se), visible=True)))
    fig.add_hline(y=float(np.exp(-1)), line=dict(color="black", dash="dot"),
                  annotation_text="1/e ≈ 0.368", annotation_position="bottom right")
    fig.add_vline(x=m_current, line=dict(color=C_GREY, dash="dash"))
    fig.update_xaxes(title="m", type="log")
    fig.update_yaxes(title=_t("never_drawn_share", lang), range=[0.2, 0.4])
    return _layout(fig, 340)


# ---- information measures -----------------------------------------------------------------------
def discrete_pair_figure(p, q, support, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Bar(x=support, y=p, name="p", marker_color=C_DATA))
    fig.add_trace(go.Bar(x=support, y=q, name="q", marker_color=C_MODEL))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=_t("probability", lang), range=[0, 1])
    fig.update_xaxes(title="x", tickmode="array", tickvals=list(support))
    return _layout(fig, 300)


def densities_figure(x, p, q, lang: str, names=("p", "q")) -> go.Figure:
    step = max(1, -(-len(x) // 2000))  # at most 2,000 points per trace
    x, p, q = np.asarray(x)[::step], np.asarray(p)[::step], np.asarray(q)[::step]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=p, name=names[0], fill="tozeroy", line=dict(color=C_DATA)))
    fig.add_trace(go.Scatter(x=x, y=q, name=names[1], fill="tozeroy", line=dict(color=C_MODEL)))
    fig.update_xaxes(title="x")
    fig.update_yaxes(title=_t("density", lang))
    return _layout(fig, 300)


def divergence_vs_shift_figure(shifts, kl, js, w1, current: float, lang: str,
                               cap: float | None = None) -> go.Figure:
    """KL, JS with its ceiling log 2, and W1. KL is drawn only where it is on the chart (finite
    and ≤ cap); where it leaves, an arrow says "off the chart" (∞ when it is infinite). A line
    held at the cap would read as "KL = cap"."""
    shifts, kl, js, w1 = map(np.asarray, (shifts, kl, js, w1))
    cap = cap if cap is not None else max(1.5 * float(w1.max()), 1.0)
    on_chart = np.isfinite(kl) & (kl <= cap)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=shifts, y=np.where(on_chart, kl, np.nan), name="KL(p‖q)",
                             mode="lines+markers" if on_chart.sum() < 3 else "lines",
                             line=dict(color=C_D, width=3), connectgaps=False))
    off = np.flatnonzero(~on_chart)
    if off.size:
        first = int(off[0])
        text = _t("kl_infinite" if not np.isfinite(kl[first]) else "kl_off_chart", lang,
                  cap=f"{cap:.3g}")
        fig.add_annotation(x=float(shifts[first]), y=cap, text=text, showarrow=True,
                           arrowhead=2, ax=0, ay=30, yanchor="bottom", xanchor="left",
                           font=dict(color=C_D))
    fig.add_trace(go.Scatter(x=shifts, y=js, name="JS", line=dict(color=C_MODEL, width=3)))
    fig.add_trace(go.Scatter(x=shifts, y=w1, name="W₁", line=dict(color=C_ALT, width=3)))
    fig.add_hline(y=LOG2, line=dict(color=C_MODEL, dash="dot"), annotation_text="log 2",
                  annotation_position="bottom right")
    fig.add_vline(x=current, line=dict(color=C_GREY, dash="dash"))
    fig.update_xaxes(title=_t("shift", lang))
    fig.update_yaxes(title=_t("nats", lang), range=[0, cap * 1.05])
    return _layout(fig, 340)


# ---- maximum likelihood --------------------------------------------------------------------------
def fits_figure(x, p, q_forward, q_reverse, lang: str) -> go.Figure:
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True,
                        subplot_titles=(_t("forward_title", lang), _t("reverse_title", lang)))
    for col, q, color in ((1, q_forward, C_ALT), (2, q_reverse, C_MODEL)):
        fig.add_trace(go.Scatter(x=x, y=p, name="p", fill="tozeroy", line=dict(color=C_DATA),
                                 showlegend=col == 1), row=1, col=col)
        name = "q* = argmin KL(p‖q)" if col == 1 else "q* = argmin KL(q‖p)"
        fig.add_trace(go.Scatter(x=x, y=q, name=name, line=dict(color=color, width=3)),
                      row=1, col=col)
    fig.update_xaxes(title="x")
    fig.update_yaxes(title=_t("density", lang), row=1, col=1)
    return _layout(fig, 340, over_titles=True)


def samples_fit_figure(ns, means, stds, mu_star, sigma_star, lang: str) -> go.Figure:
    """MLE from n samples converging to the moment-matched (forward-KL) fit."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ns, y=means, mode="lines+markers", name="μ̂ₙ",
                             line=dict(color=C_DATA)))
    fig.add_trace(go.Scatter(x=ns, y=stds, mode="lines+markers", name="σ̂ₙ", line=dict(color=C_ALT)))
    fig.add_hline(y=mu_star, line=dict(color=C_DATA, dash="dot"), annotation_text="μ* = E_p[x]")
    fig.add_hline(y=sigma_star, line=dict(color=C_ALT, dash="dot"), annotation_text="σ* = sd_p[x]")
    fig.update_xaxes(title=_t("sample_size", lang), type="log")
    return _layout(fig, 300)


# ---- the GAN game --------------------------------------------------------------------------------
def game_figure(x, pd, pg, dstar, lang: str) -> go.Figure:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=x, y=pd, name="p_data", fill="tozeroy", line=dict(color=C_DATA)))
    fig.add_trace(go.Scatter(x=x, y=pg, name="p_g", fill="tozeroy", line=dict(color=C_MODEL)))
    fig.add_trace(go.Scatter(x=x, y=dstar, name="D*(x)",
                             line=dict(color=C_D, width=3, dash="dash")),
                  secondary_y=True)
    fig.update_yaxes(title=_t("density", lang), secondary_y=False)
    # Explicit ticks: synced to the density grid they came out as 0.291, 0.583, 0.874.
    fig.update_yaxes(title="D*(x)", range=[0, 1.02], secondary_y=True, showgrid=False,
                     tickmode="array", tickvals=[0, 0.25, 0.5, 0.75, 1],
                     ticktext=["0", "¼", "½", "¾", "1"])
    fig.add_shape(type="line", xref="x domain", x0=0, x1=1, yref="y2", y0=0.5, y1=0.5,
                  line=dict(color=C_D, dash="dot", width=1))
    fig.add_annotation(xref="x domain", x=1, yref="y2", y=0.5, text="D* = ½", showarrow=False,
                       xanchor="right", yanchor="bottom", font=dict(color=C_D))
    fig.update_xaxes(title="x")
    return _layout(fig, 340)


def value_curve_figure(mus, values, mu_current: float, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=mus, y=values, name="V(G, D*)", line=dict(color=C_D, width=3)))
    fig.add_hline(y=-np.log(4), line=dict(color="black", dash="dot"), annotation_text="−log 4")
    fig.add_hline(y=0.0, line=dict(color=C_GREY, dash="dot"),
                  annotation_text="0 = −log 4 + 2 log 2", annotation_position="bottom right")
    fig.add_vline(x=mu_current, line=dict(color=C_GREY, dash="dash"))
    fig.update_xaxes(title="μ_g")
    fig.update_yaxes(title="V(G, D*)", range=[-np.log(4) - 0.1, 0.1])
    return _layout(fig, 300)


def generator_loss_figure(d, sat, ns, grad_sat, grad_ns, d_current: float, lang: str) -> go.Figure:
    fig = make_subplots(rows=1, cols=2,
                        subplot_titles=(_t("loss_title", lang), _t("grad_title", lang)))
    fig.add_trace(go.Scatter(x=d, y=sat, name=_t("saturating", lang), line=dict(color=C_MODEL)),
                  1, 1)
    fig.add_trace(go.Scatter(x=d, y=ns, name=_t("nonsaturating", lang), line=dict(color=C_ALT)),
                  1, 1)
    fig.add_trace(go.Scatter(x=d, y=np.abs(grad_sat), name=_t("grad_sat_curve", lang),
                             line=dict(color=C_MODEL, dash="dash")), 1, 2)
    fig.add_trace(go.Scatter(x=d, y=np.abs(grad_ns), name=_t("grad_ns_curve", lang),
                             line=dict(color=C_ALT, dash="dash")), 1, 2)
    for col in (1, 2):
        fig.add_vline(x=d_current, line=dict(color=C_GREY, dash="dot"), row=1, col=col)
    # A log axis, as the slider is log₁₀ D: the saturating region D → 0 gets the room it needs.
    fig.update_xaxes(title="D(G(z))", type="log", range=[np.log10(d.min()), 0],
                     tickvals=[1e-4, 1e-3, 1e-2, 1e-1, 1],
                     ticktext=["10⁻⁴", "10⁻³", "0.01", "0.1", "1"])
    fig.update_yaxes(range=[0, 1.05], row=1, col=2)
    return _layout(fig, 340, over_titles=True)


# ---- WGAN ----------------------------------------------------------------------------------------
def critic_figure(x, pr, pg, f, lang: str) -> go.Figure:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=x, y=pr, name="p_r", fill="tozeroy", line=dict(color=C_DATA)))
    fig.add_trace(go.Scatter(x=x, y=pg, name="p_g", fill="tozeroy", line=dict(color=C_MODEL)))
    fig.add_trace(go.Scatter(x=x, y=f, name=_t("critic", lang), line=dict(color=C_D, width=3)),
                  secondary_y=True)
    fig.update_yaxes(title=_t("density", lang), secondary_y=False)
    # Its own round ticks (not synced to the density grid, which gave 0.798, 0.383, −0.032).
    fig.update_yaxes(title="f(x)", secondary_y=True, showgrid=False, tickmode="auto", nticks=6,
                     tickformat=".2~f")
    fig.update_xaxes(title="x")
    return _layout(fig, 320)


def slope_figure(x, slope, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=slope, name="|f′(x)|", line=dict(color=C_D, width=3)))
    fig.add_hline(y=1.0, line=dict(color="black", dash="dot"),
                  annotation_text="1-Lipschitz: |f′| ≤ 1")
    fig.update_xaxes(title="x")
    fig.update_yaxes(title="|f′(x)|", rangemode="tozero")
    return _layout(fig, 280)


def history_figure(series: dict, lang: str, hline: float | None = None, hline_text: str = "",
                   y_title: str = "", log_y: bool = False) -> go.Figure:
    fig = go.Figure()
    for name, ys in series.items():
        ys = np.asarray(ys, float)
        step = max(1, len(ys) // 1000)
        fig.add_trace(go.Scatter(x=np.arange(len(ys))[::step], y=ys[::step], name=name,
                                 mode="lines"))
    if hline is not None:
        fig.add_hline(y=hline, line=dict(color="black", dash="dot"), annotation_text=hline_text)
    fig.update_xaxes(title=_t("iteration", lang))
    fig.update_yaxes(title=y_title, type="log" if log_y else "linear")
    return _layout(fig, 280)


# ---- CycleGAN ------------------------------------------------------------------------------------
def cycle_figure(x, y, gx, fy, fgx, lang: str, n_links: int = 60) -> go.Figure:
    """Three panels: X and F(Y); Y and G(X); x joined to its reconstruction F(G(x))."""
    fig = make_subplots(rows=1, cols=3, subplot_titles=(
        _t("panel_x", lang), _t("panel_y", lang), _t("panel_cycle", lang)))
    m = dict(size=4, opacity=0.6)
    fig.add_trace(go.Scatter(x=x[:, 0], y=x[:, 1], mode="markers", name="x ~ X",
                             marker=dict(color=C_DATA, **m)), 1, 1)
    fig.add_trace(go.Scatter(x=fy[:, 0], y=fy[:, 1], mode="markers", name="F(y)",
                             marker=dict(color=C_ALT, **m)), 1, 1)
    fig.add_trace(go.Scatter(x=y[:, 0], y=y[:, 1], mode="markers", name="y ~ Y",
                             marker=dict(color=C_MODEL, **m)), 1, 2)
    fig.add_trace(go.Scatter(x=gx[:, 0], y=gx[:, 1], mode="markers", name="G(x)",
                             marker=dict(color=C_D, **m)), 1, 2)
    k = min(n_links, len(x))
    lx = np.column_stack([x[:k, 0], fgx[:k, 0], np.full(k, np.nan)]).ravel()
    ly = np.column_stack([x[:k, 1], fgx[:k, 1], np.full(k, np.nan)]).ravel()
    fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", name="x → F(G(x))",
                             line=dict(color=C_GREY, width=1)), 1, 3)
    fig.add_trace(go.Scatter(x=x[:k, 0], y=x[:k, 1], mode="markers", name="x", showlegend=False,
                             marker=dict(color=C_DATA, size=6)), 1, 3)
    fig.add_trace(go.Scatter(x=fgx[:k, 0], y=fgx[:k, 1], mode="markers", name="F(G(x))",
                             marker=dict(color="black", size=5, symbol="x")), 1, 3)
    for col in (1, 2, 3):
        fig.update_xaxes(range=[-2, 2], row=1, col=col)
        fig.update_yaxes(range=[-2, 2], scaleanchor=f"x{'' if col == 1 else col}", row=1, col=col)
    return _layout(fig, 380, over_titles=True)


# ---- evaluating GANs -----------------------------------------------------------------------------
def marginal_figure(marginal, lang: str) -> go.Figure:
    k = len(marginal)
    fig = go.Figure(go.Bar(x=np.arange(k), y=marginal, marker_color=C_DATA, name="p(y)"))
    fig.add_hline(y=1 / k, line=dict(color="black", dash="dot"), annotation_text="1/K")
    fig.update_xaxes(title=_t("class", lang))
    fig.update_yaxes(title="p(y)")
    return _layout(fig, 280)


def is_curve_figure(ms, scores, m_current: int, lang: str) -> go.Figure:
    fig = go.Figure(go.Scatter(x=ms, y=scores, mode="lines+markers", name="IS",
                               line=dict(color=C_MODEL)))
    fig.add_trace(go.Scatter(x=ms, y=ms, mode="lines", name="IS = m",
                             line=dict(color=C_GREY, dash="dot")))
    fig.add_vline(x=m_current, line=dict(color=C_GREY, dash="dash"))
    fig.update_xaxes(title=_t("classes_used", lang))
    fig.update_yaxes(title="IS")
    return _layout(fig, 280)


def generators_figure(samples: dict, centers, lang: str) -> go.Figure:
    """One small scatter per generator, the target modes as crosses."""
    names = list(samples)
    fig = make_subplots(rows=1, cols=len(names), subplot_titles=names)
    c = np.asarray(centers)
    for i, name in enumerate(names, start=1):
        pts = samples[name][:1500]
        fig.add_trace(go.Scatter(x=c[:, 0], y=c[:, 1], mode="markers", showlegend=False,
                                 marker=dict(symbol="x", color=C_GREY, size=7)), 1, i)
        fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", showlegend=False,
                                 marker=dict(color=C_MODEL, size=3, opacity=0.5)), 1, i)
        fig.update_xaxes(range=[-5.5, 5.5], showticklabels=False, row=1, col=i)
        fig.update_yaxes(range=[-5.5, 5.5], showticklabels=False, row=1, col=i)
    return _layout(fig, 300)
