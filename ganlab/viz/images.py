"""Image views as bytes and figures: grids, D's score under each sample, the class histogram.

NumPy, Pillow and plotly only (no torch, no streamlit). Grids follow `live.build.encode_grid`'s
layout: 8 per row, 1-pixel white padding, so a grid PNG from a snapshot or a run's samples/ can
be cut back into its tiles. Small images (digits are 8x8) are enlarged with nearest-neighbour
sampling: the browser would smooth them into grey blurs, and the pixels are what students look at.
"""

from __future__ import annotations

import io

import numpy as np
import plotly.graph_objects as go

from ganlab.viz import style

NROW = 8          # images per grid row (live.build.encode_grid)
PAD = 1           # pixels of white between tiles
TILE_PX = 56      # display size of one tile in scored grids and strips
LABEL_PX = 16     # height of the score strip under each tile


def decode(png: bytes) -> np.ndarray:
    """PNG bytes -> uint8 (H, W) or (H, W, 3)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGB") if im.mode not in ("L", "RGB") else im)


def encode(arr: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(arr)).save(buf, format="PNG")
    return buf.getvalue()


def enlarge(png: bytes, min_width: int = 360) -> bytes:
    """Scale by the smallest whole factor reaching min_width, nearest-neighbour (crisp pixels)."""
    arr = decode(png)
    factor = max(1, -(-min_width // arr.shape[1]))
    if factor == 1:
        return png
    return encode(arr.repeat(factor, 0).repeat(factor, 1))


def to_uint8(x: np.ndarray) -> np.ndarray:
    """Images (n, C, H, W) in [-1, 1] -> (n, H, W) or (n, H, W, 3) uint8."""
    x = np.clip((np.asarray(x, np.float32) + 1) * 127.5, 0, 255).round().astype(np.uint8)
    return x[:, 0] if x.shape[1] == 1 else x.transpose(0, 2, 3, 1)


def tile(images: np.ndarray, nrow: int = NROW, scale: int = 1) -> np.ndarray:
    """(n, h, w[, 3]) uint8 -> one grid, `nrow` per row, white padding; scaled by `scale`."""
    images = images.repeat(scale, 1).repeat(scale, 2)
    n, h, w = images.shape[:3]
    cols, rows = min(nrow, n), -(-n // nrow)
    grid = np.full((rows * (h + PAD) + PAD, cols * (w + PAD) + PAD) + images.shape[3:], 255,
                   np.uint8)
    for i, im in enumerate(images):
        r, c = divmod(i, nrow)
        grid[PAD + r * (h + PAD):PAD + r * (h + PAD) + h, PAD + c * (w + PAD):
             PAD + c * (w + PAD) + w] = im
    return grid


def images_png(x: np.ndarray, nrow: int = NROW, min_side: int = TILE_PX) -> bytes:
    """Images (n, C, H, W) in [-1, 1] -> a PNG grid whose tiles are at least min_side pixels."""
    u = to_uint8(x)
    return encode(tile(u, nrow, max(1, -(-min_side // u.shape[1]))))


def split_grid(png: bytes, n: int, nrow: int = NROW) -> np.ndarray:
    """Cut an encode_grid PNG of n images back into tiles: (n, h, w[, 3]) uint8."""
    arr = decode(png)
    cols = min(nrow, n)
    side = (arr.shape[1] - PAD) // cols - PAD
    tiles = []
    for i in range(n):
        r, c = divmod(i, nrow)
        y, x = PAD + r * (side + PAD), PAD + c * (side + PAD)
        tiles.append(arr[y:y + side, x:x + side])
    tiles = np.stack(tiles)
    if tiles.ndim == 4 and (tiles == tiles[..., :1]).all():
        tiles = tiles[..., 0]  # make_grid stores grey images as three equal channels
    return tiles


def image_shape(png: bytes, nrow: int = NROW) -> tuple[int, int, int]:
    """(C, H, W) of the images in an encode_grid PNG holding at least one full row of them (a
    snapshot's grids hold 64). One tile of the first row gives it; asking split_grid for a
    single image would take the whole grid's width for that image's."""
    tiles = split_grid(png, nrow, nrow)
    return (3 if tiles.ndim == 4 else 1, tiles.shape[1], tiles.shape[2])


def thumbnail(grids: list[bytes], cols: int, rows_each: int = 1) -> str:
    """The top-left `rows_each` x `cols` tiles of each grid PNG (a snapshot's grids hold 64),
    stacked, as a PNG data: URI: the model diagram's boxes draw it as a plotly layout image."""
    import base64

    pick = [r * NROW + c for r in range(rows_each) for c in range(cols)]
    tiles = [split_grid(png, NROW * rows_each)[pick] for png in grids]
    if any(t.ndim == 4 for t in tiles):          # colour anywhere: every tile as RGB
        tiles = [t if t.ndim == 4 else np.repeat(t[..., None], 3, -1) for t in tiles]
    stacked = np.concatenate(tiles)
    scale = max(1, -(-24 // stacked.shape[1]))   # crisp pixels at thumbnail size
    png = encode(tile(stacked, cols, scale))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def scored_grid(png: bytes, scores, nrow: int = NROW, critic: bool = False,
                n: int | None = None) -> bytes:
    """The sample grid with D's verdict printed under each image: green when D calls it real
    (D(x) > 1/2, or a positive critic score), purple when it calls it fake. With scores None
    (a grid saved to disk, which keeps no scores) the n images get the same layout with an empty
    label row, so scrubbing through a run's grids never changes their size or place."""
    from PIL import Image, ImageDraw, ImageFont

    scores = np.empty(0) if scores is None else np.asarray(scores, dtype=np.float64)
    tiles = split_grid(png, n or len(scores), nrow)
    scale = max(1, -(-TILE_PX // tiles.shape[1]))
    tiles = tiles.repeat(scale, 1).repeat(scale, 2)
    h, w = tiles.shape[1:3]
    if tiles.ndim == 3:  # grey -> RGB so the labels can be coloured
        tiles = np.repeat(tiles[..., None], 3, -1)
    cell = np.full((len(tiles), h + LABEL_PX, w, 3), 255, np.uint8)
    cell[:, :h] = tiles
    grid = Image.fromarray(tile(cell, nrow))
    draw, font = ImageDraw.Draw(grid), ImageFont.load_default(size=LABEL_PX - 4)
    threshold = 0.0 if critic else 0.5
    for i, s in enumerate(scores):
        r, c = divmod(i, nrow)
        x0, y0 = PAD + c * (w + PAD), PAD + r * (h + LABEL_PX + PAD) + h
        text = f"{s:+.2f}" if critic else f"{s:.2f}"
        colour = style.REAL if s > threshold else style.FAKE
        draw.text((x0 + w / 2, y0 + LABEL_PX / 2), text, fill=colour, font=font, anchor="mm")
    buf = io.BytesIO()
    grid.save(buf, format="PNG")
    return buf.getvalue()


def class_shares(diagnostics: dict, k: int) -> np.ndarray | None:
    """Per-class shares (mode_share_00 ...) of the latest probe that measured them all, or None.

    The diagnostics' rows are every probe's, and probes run at different cadences: a row from a
    probe that measures no class shares holds NaN in these columns."""
    cols = [diagnostics.get(f"mode_share_{i:02d}") for i in range(k)]
    if any(c is None or len(c) == 0 for c in cols):
        return None
    table = np.asarray(cols, dtype=np.float64)
    measured = np.flatnonzero(~np.isnan(table).any(0))
    return table[:, measured[-1]] if len(measured) else None


def class_share_figure(shares: np.ndarray, class_names, labels: dict, big: bool = False,
                       min_share: float = 0.1) -> go.Figure:
    """Bars: share of samples confidently of each class. Dashed: the fair share 1/K; dotted:
    the 10%-of-fair-share line a class must reach to count as covered."""
    k = len(shares)
    covered = shares >= min_share / k
    fig = go.Figure(go.Bar(
        x=[str(n) for n in class_names], y=shares,
        marker_color=[style.FAKE if c else style.REFERENCE for c in covered],
        hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.add_hline(y=1 / k, line=dict(color=style.REAL, dash="dash"),
                  annotation_text=labels["fair"], annotation_position="top left")
    fig.add_hline(y=min_share / k, line=dict(color=style.REFERENCE, dash="dot"))
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return style.apply(fig, height=230, big=big, title=labels["title"], legend=False)
