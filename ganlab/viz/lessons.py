"""Figures of the Learn pages' added theory sections: a zero-sum game, a G step against a stale D,
leave-one-out and stratified hold-outs, image aliasing, and the histogram JS against dimension.

Plain data in, plotly figure out, in the style of ganlab.viz.theory (its colours and layout);
labels through the translation table (keys `learn.fig.*`).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ganlab.viz.theory import C_ALT, C_D, C_DATA, C_GREY, C_MODEL, LOG2, SPLIT_SCALE, _layout, _t

C_TEST = SPLIT_SCALE[0][1]     # the sampling page's test colour (red), train is blue


# ---- a zero-sum game -----------------------------------------------------------------------------
def game_payoff_figure(A, p: float, q: float, p_star: float, q_star: float, lang: str,
                       n: int = 51) -> go.Figure:
    """The row player's expected payoff E(p, q) over both mixed strategies (p = P(row 1), q =
    P(column 1)), each player's best response to the other's mix, the current pair and the
    equilibrium."""
    (a, b), (c, d) = np.asarray(A, float)
    grid = np.linspace(0, 1, n)
    P, Q = grid[:, None], grid[None, :]
    E = P * Q * a + P * (1 - Q) * b + (1 - P) * Q * c + (1 - P) * (1 - Q) * d
    lim = float(np.max(np.abs(E))) or 1.0
    fig = go.Figure(go.Heatmap(x=grid, y=grid, z=E, colorscale="RdBu", zmid=0, zmin=-lim,
                               zmax=lim, colorbar=dict(title="E", thickness=12),
                               hovertemplate="q = %{x:.2f}, p = %{y:.2f}: E = %{z:.3f}"
                                             "<extra></extra>"))
    # Row's best p for each q: 1 where row 1 pays more against q, 0 where less (a step).
    row_gain = Q[0] * (a - c) + (1 - Q[0]) * (b - d)
    col_loss = grid * (a - b) + (1 - grid) * (c - d)   # column 1 minus column 2, against p
    fig.add_trace(go.Scatter(x=grid, y=np.where(row_gain > 0, 1.0, np.where(row_gain < 0, 0, .5)),
                             mode="lines", name=_t("br_row", lang), line_shape="hv",
                             line=dict(color=C_DATA, width=4)))
    fig.add_trace(go.Scatter(x=np.where(col_loss < 0, 1.0, np.where(col_loss > 0, 0, .5)),
                             y=grid, mode="lines", name=_t("br_col", lang), line_shape="vh",
                             line=dict(color=C_MODEL, width=4, dash="dash")))
    fig.add_trace(go.Scatter(x=[q_star], y=[p_star], mode="markers", name=_t("nash", lang),
                             marker=dict(symbol="star", size=18, color="gold",
                                         line=dict(color="black", width=1.5))))
    fig.add_trace(go.Scatter(x=[q], y=[p], mode="markers", name="(q, p)",
                             marker=dict(size=13, color="black", symbol="circle-open",
                                         line=dict(width=3))))
    fig.update_xaxes(title=_t("q_axis", lang), range=[-0.03, 1.03])
    fig.update_yaxes(title=_t("p_axis", lang), range=[-0.03, 1.03])
    return _layout(fig, 380)


# ---- one G step against a stale D ----------------------------------------------------------------
def sparing_figure(x, pd, g0, g1, d0, mus, fixed, best, step, lang: str) -> go.Figure:
    """Left: p_data, G0, G1 and D0* (optimal for G0). Right: V(G_mu, D0*) and V(G_mu, D_mu*)
    against mu, with the step (ganlab.theory.sparing.Step) from mu0 to mu1 on both."""
    fig = make_subplots(rows=1, cols=2, specs=[[{"secondary_y": True}, {}]],
                        subplot_titles=(_t("sparing_left", lang), _t("sparing_right", lang)))
    fig.add_trace(go.Scatter(x=x, y=pd, name="p_data", fill="tozeroy", line=dict(color=C_DATA)),
                  1, 1)
    fig.add_trace(go.Scatter(x=x, y=g0, name="G₀", line=dict(color=C_MODEL, dash="dot")), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=g1, name="G₁", fill="tozeroy", line=dict(color=C_MODEL)),
                  1, 1)
    fig.add_trace(go.Scatter(x=x, y=d0, name="D₀*", line=dict(color=C_D, width=3, dash="dash")),
                  1, 1, secondary_y=True)
    fig.update_yaxes(range=[0, 1.02], secondary_y=True, showgrid=False, tickvals=[0, 0.5, 1],
                     ticktext=["0", "½", "1"], row=1, col=1)
    fig.add_trace(go.Scatter(x=mus, y=fixed, name="V(G, D₀*)", line=dict(color=C_D, width=3)),
                  1, 2)
    fig.add_trace(go.Scatter(x=mus, y=best, name="V(G, D*) = −log 4 + 2 JS",
                             line=dict(color=C_ALT, width=3)), 1, 2)
    # The step's three values as dots on their curves (black: where it starts), the gap at mu1
    # between them as a dotted line: how far the stale D0* is from D1*.
    fig.add_trace(go.Scatter(x=[step.mu1, step.mu1], y=[step.v10, step.v11], mode="lines",
                             showlegend=False, hoverinfo="skip",
                             line=dict(color=C_GREY, width=2, dash="dot")), 1, 2)
    for mu, v, color, name in ((step.mu0, step.v00, "black", "V(G₀, D₀*)"),
                               (step.mu1, step.v10, C_D, "V(G₁, D₀*)"),
                               (step.mu1, step.v11, C_ALT, "V(G₁, D₁*)")):
        fig.add_trace(go.Scatter(x=[mu], y=[v], mode="markers", showlegend=False, name=name,
                                 hovertemplate=f"{name} = %{{y:.4f}}<extra></extra>",
                                 marker=dict(size=12, color=color,
                                             line=dict(color="white", width=1.5))), 1, 2)
    fig.add_hline(y=-np.log(4), line=dict(color="black", dash="dot"), row=1, col=2)
    lo = max(min(step.v10, -np.log(4)) - 0.4, -6.0)
    fig.update_yaxes(range=[lo, 0.15], row=1, col=2)
    fig.update_xaxes(range=[min(-6.0, step.mu1 - 1), max(6.0, step.mu1 + 1)], row=1, col=2)
    fig.update_xaxes(title="x", row=1, col=1)
    fig.update_xaxes(title="μ", row=1, col=2)
    return _layout(fig, 380, over_titles=True)


# ---- hold-outs -----------------------------------------------------------------------------------
def class_blocks(fig: go.Figure, labels, lang: str) -> go.Figure:
    """A line between the two classes of a splits figure (items sorted by class) and their names
    above it."""
    k = int(np.sum(np.asarray(labels) == 1))
    fig.add_vline(x=k - 0.5, line=dict(color="black", width=2))
    for x, key, anchor in ((k - 0.5, "class_a", "right"), (k - 0.5, "class_b", "left")):
        fig.add_annotation(x=x, yref="paper", y=1.0, yanchor="bottom", xanchor=anchor,
                           text=_t(key, lang), showarrow=False)
    fig.update_layout(margin=dict(t=30))
    return fig


def share_figure(shares, pmf, sim_freq, strat_share: float, pop_share: float,
                 lang: str) -> go.Figure:
    """The test set's class-A share over many hold-outs: exact (hypergeometric) probabilities of a
    random hold-out as bars, simulated frequencies as dots, the stratified hold-out's one value."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=shares, y=pmf, name=_t("random_exact", lang), marker_color=C_TEST,
                         opacity=0.8, width=0.6 * float(np.min(np.diff(shares)))
                         if len(shares) > 1 else 0.05))
    fig.add_trace(go.Scatter(x=shares, y=sim_freq, mode="markers", name=_t("sim_freq", lang),
                             marker=dict(color="black", size=7)))
    fig.add_trace(go.Scatter(x=[strat_share, strat_share], y=[0, 1], mode="lines",
                             name=_t("stratified_share", lang),
                             line=dict(color="#08519c", width=4)))
    fig.add_vline(x=pop_share, line=dict(color=C_GREY, dash="dot"))
    fig.update_xaxes(title=_t("test_share", lang), range=[-0.02, 1.02])
    fig.update_yaxes(title=_t("probability", lang), range=[0, min(1.0, 1.15 * max(pmf.max(),
                                                                               sim_freq.max()))])
    return _layout(fig, 320)


# ---- image sampling ------------------------------------------------------------------------------
def profile_figure(x, signal, xs, samples, f_alias: float, lang: str) -> go.Figure:
    """A row of the continuous image, its samples, and the slowest sinusoid through them."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=signal, name=_t("continuous", lang),
                             line=dict(color=C_GREY, width=1.5)))
    fig.add_trace(go.Scatter(x=x, y=np.cos(2 * np.pi * f_alias * np.asarray(x)),
                             name=_t("alias_curve", lang, f=f"{f_alias:g}"),
                             line=dict(color=C_MODEL, width=3, dash="dash")))
    fig.add_trace(go.Scatter(x=xs, y=samples, mode="markers", name=_t("samples", lang),
                             marker=dict(color="black", size=8)))
    fig.update_xaxes(title="x", range=[0, 1])
    fig.update_yaxes(range=[-1.15, 1.15], tickvals=[-1, 0, 1])
    fig = _layout(fig, 300)
    fig.update_layout(margin=dict(t=64))   # room for the legend row at the projector's font too
    return fig


def zone_figure(original, sampled, blurred, r_nyquist: float, lang: str) -> go.Figure:
    """The zone plate finely drawn, sampled at f_s, and blurred then sampled (pixels as blocks), a
    circle where its local frequency reaches Nyquist."""
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.03, subplot_titles=(
        _t("zone_original", lang), _t("zone_sampled", lang), _t("zone_blurred", lang)))
    for col, img in enumerate((original, sampled, blurred), start=1):
        n = img.shape[0]
        g = -0.5 + (np.arange(n) + 0.5) / n
        # The fine image smoothed (its cells are finer than the screen's pixels, and drawn as
        # blocks they beat against them); the sampled ones as blocks: one block, one sample.
        fig.add_trace(go.Heatmap(x=g, y=g, z=np.round(np.asarray(img) * 255).astype(np.uint8),
                                 colorscale="gray", zmin=0, zmax=255, showscale=False,
                                 zsmooth="best" if col == 1 else False, hoverinfo="skip"),
                      1, col)
        axis = dict(range=[-0.5, 0.5], showticklabels=False, showgrid=False, zeroline=False,
                    ticks="")
        fig.update_xaxes(**axis, row=1, col=col)
        fig.update_yaxes(**axis, row=1, col=col, scaleanchor=f"x{'' if col == 1 else col}")
        if r_nyquist < 0.71:
            fig.add_shape(type="circle", x0=-r_nyquist, x1=r_nyquist, y0=-r_nyquist,
                          y1=r_nyquist, line=dict(color=C_MODEL, width=2, dash="dash"),
                          row=1, col=col)
    return _layout(fig, 340, over_titles=True, showlegend=False)


# ---- a histogram JS in many dimensions -----------------------------------------------------------
def dimension_figure(dims, plugin, classifier, true_js: float, d_current: int,
                     lang: str) -> go.Figure:
    """Plug-in JS and the classifier's held-out bound against d, the true JS as a line."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=dims, y=plugin, mode="lines+markers", name=_t("plugin_js", lang),
                             line=dict(color=C_MODEL, width=3)))
    fig.add_trace(go.Scatter(x=dims, y=classifier, mode="lines+markers",
                             name=_t("classifier_js", lang), line=dict(color=C_D, width=3)))
    fig.add_hline(y=true_js, line=dict(color=C_ALT, width=2),
                  annotation_text=_t("true_js", lang), annotation_position="top left")
    fig.add_hline(y=LOG2, line=dict(color="black", dash="dot"), annotation_text="log 2",
                  annotation_position="bottom right")
    fig.add_vline(x=d_current, line=dict(color=C_GREY, dash="dash"))
    fig.update_xaxes(title="d", type="log", tickvals=[1, 3, 10, 30, 100, 300, 784],
                     ticktext=["1", "3", "10", "30", "100", "300", "784"])
    fig.update_yaxes(title=_t("nats", lang), range=[-0.05, 0.78])
    return _layout(fig, 340)
