"""The 1D picture from Goodfellow et al. (2014), Fig. 1: p_data, p_g, D(x) and D*(x) on one chart,
and the map z -> G(z) that explains p_g.

Densities use the left axis; D(x) and D*(x) = p_data / (p_data + p_g) use the right one, fixed to
[0, 1] for probabilities. When G matches the data, D* flattens to 1/2, and so (ideally) does D.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.live.snapshot import KDE_SAMPLES
from ganlab.viz import style
from ganlab.viz.toy2d import d_title


def density_figure(snap, lang: str = "en", big: bool = False, height: int = 420) -> go.Figure:
    if snap.xs is None or snap.p_data is None:
        return style.empty(t("viz.no_data", lang), height, big)
    xs = style.rounded(style.thin(snap.xs), 4)
    traces = [go.Scatter(x=xs, y=style.rounded(style.thin(snap.p_data)),
                             name=t("viz.p_data", lang), mode="lines", fill="tozeroy",
                             line=dict(color=style.REAL, width=2),
                             fillcolor="rgba(27, 158, 75, 0.18)")]
    if snap.p_g is not None:
        traces.append(go.Scatter(x=xs, y=style.rounded(style.thin(snap.p_g)),
                                 name=t("viz.p_g", lang), mode="lines", fill="tozeroy",
                                 line=dict(color=style.FAKE, width=2),
                                 fillcolor="rgba(123, 50, 148, 0.15)"))
    if snap.d_curve is not None:
        traces.append(go.Scatter(x=xs, y=style.rounded(style.thin(snap.d_curve)),
                                 name=t("viz.critic_curve" if snap.critic else "viz.d_curve",
                                        lang),
                                 mode="lines", yaxis="y2",
                                 line=dict(color=style.D_COLOR, width=2.6)))
    if snap.d_star is not None and not snap.critic:
        traces.append(go.Scatter(x=xs, y=style.rounded(style.thin(snap.d_star)),
                                 name=t("viz.d_star", lang), mode="lines", yaxis="y2",
                                 line=dict(color=style.DSTAR, width=2, dash="dash")))
    if snap.fake is not None:
        # A rug of the fixed-noise samples: where G's points actually are right now.
        f = style.thin(np.asarray(snap.fake, dtype=np.float64).ravel(), max_points=300)
        traces.append(go.Scatter(x=style.rounded(f, 3), y=[0] * len(f), mode="markers",
                                 name=t("viz.fake", lang), showlegend=False, hoverinfo="skip",
                                 marker=dict(symbol="line-ns-open", size=10, color=style.FAKE,
                                             opacity=0.5)))
    y2 = dict(overlaying="y", side="right", showgrid=False, zeroline=False,
              title=dict(text=d_title(t("viz.critic_value", lang) if snap.critic else "D(x)",
                                      snap, lang),
                         font=dict(color=style.D_COLOR)),
              tickfont=dict(color=style.D_COLOR))
    if not snap.critic:
        y2.update(range=[0, 1.05], tickvals=[0, 0.25, 0.5, 0.75, 1])
    xaxis = dict(title_text="x")
    if snap.bounds:
        xaxis["range"] = list(map(float, snap.bounds[0]))
    # The gap is the number a D* demo is judged by; p_g is an estimate, so say which one.
    title = None
    if snap.d_star_gap is not None and np.isfinite(snap.d_star_gap):
        title = t("viz.dstar_gap", lang, gap=f"{snap.d_star_gap:.3f}", n=f"{KDE_SAMPLES:,}")
    return style.figure(traces, height=height, big=big, xaxis=xaxis, yaxis2=y2, title=title,
                        yaxis=dict(title_text=t("viz.density", lang), rangemode="tozero"))


def mapping_figure(snap, lang: str = "en", big: bool = False, height: int = 300) -> go.Figure:
    """x = G(z) against z. Where the curve is steep G spreads noise thin (low p_g); where it is
    flat it piles noise up (a mode of p_g). Horizontal bands mark the data's modes."""
    if snap.z_line is None or snap.x_of_z is None:
        return style.empty(t("viz.no_data", lang), height, big)
    z, x = style.thin(np.asarray(snap.z_line), np.asarray(snap.x_of_z))
    curve = go.Scatter(x=style.rounded(z), y=style.rounded(x), mode="lines", name="G(z)",
                       line=dict(color=style.FAKE, width=2.6))
    yaxis = dict(title_text="x = G(z)")
    if snap.bounds:
        yaxis["range"] = list(map(float, snap.bounds[0]))
    return style.figure([curve], height=height, big=big, title=t("viz.mapping_title", lang),
                        showlegend=False, xaxis=dict(title_text=t("viz.noise_z", lang)),
                        yaxis=yaxis)
