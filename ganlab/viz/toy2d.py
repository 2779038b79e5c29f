"""The layered 2D picture (GAN Lab's main view): D's heatmap, real and fake samples, G's gradient
arrows and the warped noise grid, each a layer that can be switched off.

Fake samples come from G applied to *fixed* noise, so from one frame to the next the same purple
dot is the same latent point moving. Arrows show -dL_G/dx at each fake: the direction D's current
opinion pushes that sample. Their lengths are rescaled to stay readable (only relative length and
direction matter), which the legend says.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ganlab.i18n import t
from ganlab.viz import style


def d_title(text: str, snap, lang: str) -> str:
    """An axis title for D at single points; with pack = m > 1 it says what that is: D's score
    of x in a pack with m − 1 real samples (ganlab.train.trainer.Trainer.score)."""
    m = int((getattr(snap, "config", None) or {}).get("pack", 1))
    return text if m == 1 else f"{text} · {t('viz.pack_note', lang, others=m - 1)}"


LAYERS = ("heatmap", "real", "fake", "arrows", "manifold")
DEFAULT_LAYERS = frozenset({"heatmap", "real", "fake", "arrows"})
MAX_POINTS = 1000       # per scatter layer: more dots only hide each other
MAX_ARROWS = 100       # every 5th fake: enough to see the flow, few enough to see the dots
ARROW_SPAN = 0.06       # the 90th-percentile arrow is this share of the plot's width


def _heatmap(snap, lang: str, big: bool) -> go.Heatmap:
    z = np.asarray(snap.d_grid, dtype=np.float64)
    if snap.critic:
        finite = z[np.isfinite(z)]
        lo, hi = (np.percentile(finite, [2, 98]) if finite.size else (0.0, 1.0))
        if hi <= lo:
            lo, hi = lo - 1, hi + 1
        zrange = dict(zmin=float(lo), zmax=float(hi))
        title = d_title(t("viz.critic_value", lang), snap, lang)
    else:
        zrange = dict(zmin=0.0, zmax=1.0)
        title = d_title("D(x)", snap, lang)
    return go.Heatmap(
        x=style.rounded(snap.grid_x), y=style.rounded(snap.grid_y), z=style.rounded(z, 3),
        # "fast": the browser scales a 64 x 64 image smoothly; "best" interpolates every pixel
        # in JS and looks the same (compared side by side) at ~1.5x the redraw cost.
        colorscale=style.HEATMAP_SCALE, opacity=0.75, zsmooth="fast", hoverinfo="skip",
        showscale=True, name="D", **zrange,
        # Horizontal, under the plot: a square plot in a wide column has no room at its side.
        colorbar=dict(title=dict(text=title, side="right"), orientation="h", thickness=10,
                      len=0.6, x=0.5, xanchor="center", y=-0.06, yanchor="top",
                      outlinewidth=0, tickfont=dict(size=style.font_size(big) - 2)),
    )


def _points(xy, name: str, color: str, size: float, symbol: str = "circle",
            line_color: str = "white") -> go.Scatter:
    xy = style.thin(np.asarray(xy, dtype=np.float64), max_points=MAX_POINTS)
    return go.Scatter(x=style.rounded(xy[:, 0], 3), y=style.rounded(xy[:, 1], 3), mode="markers",
                      name=name, marker=dict(color=color, size=size, symbol=symbol,
                                             line=dict(color=line_color, width=0.6)),
                      hoverinfo="skip", meta=style.CANVAS)


def arrow_segments(fake, grad, span: float) -> tuple[np.ndarray, np.ndarray]:
    """Line segments x -> x + scale * grad with NaN breaks; scale makes the 90th-percentile
    arrow `span` long, so one huge gradient does not shrink all the others to dots."""
    fake = np.asarray(fake, dtype=np.float64)[:, :2]
    grad = np.asarray(grad, dtype=np.float64)[:, :2]
    ok = np.isfinite(grad).all(1) & np.isfinite(fake).all(1)
    fake, grad = fake[ok], grad[ok]
    if len(fake) > MAX_ARROWS:
        idx = np.linspace(0, len(fake) - 1, MAX_ARROWS).round().astype(int)
        fake, grad = fake[idx], grad[idx]
    norms = np.linalg.norm(grad, axis=1)
    ref = float(np.percentile(norms, 90)) if len(norms) else 0.0
    if ref <= 0:
        return np.empty(0), np.empty(0)
    # Cap the longest at 2x the reference, so outliers stay on screen.
    scale = span / ref
    factor = np.minimum(1.0, 2 * ref / np.maximum(norms, 1e-12))[:, None]
    tips = fake + scale * factor * grad
    return style.polylines(np.stack([fake, tips], 1), 3)


def _arrows(snap, span: float, lang: str) -> list[go.Scatter]:
    xs, ys = arrow_segments(snap.fake, snap.fake_grad, span)
    if not len(xs):
        return []
    name = t("viz.arrows", lang)
    # Shafts as one line trace; heads as markers at the tips only, turned along each shaft
    # (plotly's angle: degrees clockwise from up), so no marker is styled for the tails.
    tx, ty = xs[1::3], ys[1::3]
    angle = np.degrees(np.arctan2(tx - xs[0::3], ty - ys[0::3]))
    return [go.Scatter(x=xs, y=ys, mode="lines", name=name, legendgroup="arrows",
                       line=dict(color=style.GRAD, width=1.2), hoverinfo="skip",
                       meta=style.CANVAS),
            go.Scatter(x=tx, y=ty, mode="markers", name=name, legendgroup="arrows",
                       showlegend=False, hoverinfo="skip", meta=style.CANVAS,
                       marker=dict(symbol="arrow", angle=style.rounded(angle, 1), size=7,
                                   opacity=0.9, color=style.GRAD))]


def _manifold(snap, lang: str) -> list[go.Scatter]:
    m = np.asarray(snap.manifold, dtype=np.float64)
    if m.ndim != 3 or m.shape[-1] < 2:
        return []
    # rows of the noise grid, then its columns
    xs, ys = style.polylines([*m, *m.transpose(1, 0, 2)], 3)
    return [go.Scatter(x=xs, y=ys, mode="lines", name=t("viz.manifold", lang),
                       line=dict(color=style.MANIFOLD, width=1), hoverinfo="skip",
                       meta=style.CANVAS)]


def layered_figure(snap, layers=DEFAULT_LAYERS, lang: str = "en", big: bool = False,
                   height: int = 520) -> go.Figure:
    """The main 2D view; `layers` is any subset of LAYERS."""
    layers = set(layers)
    if snap.real is None and snap.fake is None:
        return style.empty(t("viz.no_data", lang), height, big)
    traces = []
    if "heatmap" in layers and snap.d_grid is not None and snap.grid_x is not None:
        traces.append(_heatmap(snap, lang, big))
    if "manifold" in layers and snap.manifold is not None:
        traces += _manifold(snap, lang)
    size = 7 if big else 5
    if "real" in layers and snap.real is not None:
        traces.append(_points(snap.real, t("viz.real", lang), style.REAL, size))
    if "fake" in layers and snap.fake is not None:
        traces.append(_points(snap.fake, t("viz.fake", lang), style.FAKE, size + 1))
    (x0, x1), (y0, y1) = _bounds(snap)
    if "arrows" in layers and snap.fake is not None and snap.fake_grad is not None:
        traces += _arrows(snap, ARROW_SPAN * (x1 - x0), lang)
    return style.figure(
        traces, height=height, big=big, legend=dict(itemsizing="constant"),
        xaxis=dict(range=[x0, x1], showgrid=False, constrain="domain"),
        yaxis=dict(range=[y0, y1], showgrid=False, scaleanchor="x", scaleratio=1,
                   constrain="domain"))


def _bounds(snap) -> tuple[tuple[float, float], tuple[float, float]]:
    if snap.bounds is not None and len(snap.bounds) >= 2:
        return tuple(map(float, snap.bounds[0])), tuple(map(float, snap.bounds[1]))
    pts = [np.asarray(a)[:, :2] for a in (snap.real, snap.fake) if a is not None]
    allp = np.concatenate(pts) if pts else np.zeros((1, 2))
    allp = allp[np.isfinite(allp).all(1)] if len(allp) else np.zeros((1, 2))
    lo, hi = allp.min(0) - 0.5, allp.max(0) + 0.5
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def preview_png(points, bounds, size: int = 72) -> bytes:
    """A tiny PNG of a dataset (green dots on white) for the dataset picker; 1D data is drawn as
    a histogram silhouette. Pure NumPy + Pillow so it can be cached and sent as bytes."""
    from io import BytesIO

    from PIL import Image

    pts = np.asarray(points, dtype=np.float64)
    img = np.full((size, size, 3), 255, dtype=np.uint8)
    green = np.array([0x1B, 0x9E, 0x4B], dtype=np.uint8)
    if pts.ndim == 1 or pts.shape[1] == 1:
        (lo, hi), = bounds[:1]
        counts, _ = np.histogram(pts.ravel(), bins=size, range=(lo, hi))
        heights = (counts / max(1, counts.max()) * (size - 6)).astype(int)
        for col, h in enumerate(heights):
            if h:
                img[size - 3 - h:size - 3, col] = green
    else:
        (x0, x1), (y0, y1) = bounds[0], bounds[1]
        cx = ((pts[:, 0] - x0) / (x1 - x0) * (size - 1)).round().astype(int)
        cy = ((y1 - pts[:, 1]) / (y1 - y0) * (size - 1)).round().astype(int)
        ok = (cx >= 0) & (cx < size) & (cy >= 0) & (cy < size)
        for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):   # 2x2 dots: visible at 72 px
            img[np.clip(cy[ok] + dy, 0, size - 1), np.clip(cx[ok] + dx, 0, size - 1)] = green
    buf = BytesIO()
    Image.fromarray(img).save(buf, format="PNG", optimize=True)
    return buf.getvalue()
