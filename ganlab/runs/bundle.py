"""Downloads of a run (config JSON, metrics CSV, checkpoint bundle, time-lapse GIF/MP4) and the
validated imports that come back in (a config JSON, a run bundle).

Everything returns bytes, so the UI hands them to st.download_button and tests read them directly.
Imports trust nothing: sizes are capped, zip members are checked by name (no path traversal),
arrays load with allow_pickle=False, and checkpoints go through Run.load_checkpoint, which reads
safetensors and JSON only. A bad upload gives ImportProblem with a message for a person.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from ganlab import atomic, safejson
from ganlab.config import Config
from ganlab.runs import naming
from ganlab.runs.folder import CHECKPOINT, CHECKPOINT_META, Run, RunError
from ganlab.urlstate import SERVER_ONLY, apply_leniently

MAX_CONFIG_BYTES = 1_000_000
MAX_BUNDLE_BYTES = 200 * 2**20
# The metrics CSV holds every row up to this much JSON (a million iterations logged every 10 are
# ~20 MB); beyond it, a hostile bundle's 190 MB file is exported in even windows.
METRICS_EXPORT_BYTES = 64 * 2**20
FRAME_SIZE = 320            # toy time-lapse frames are square, in pixels
MAX_FRAMES = 80             # a longer run is subsampled evenly (first and last kept)
FRAME_MS = 120
REAL_RGB = (0xA6, 0xD9, 0xB5)   # ganlab.viz.style.REAL, lightened: the data sits behind G's points
FAKE_RGB = (0x7B, 0x32, 0x94)   # ganlab.viz.style.FAKE
_BUNDLE_MEMBER = re.compile(r"^(config\.json|status\.json|metrics\.jsonl|checkpoint\.json|"
                            r"checkpoint\.safetensors|samples/step_\d{1,9}\.(npy|png))$")


class ImportProblem(ValueError):
    """An upload that cannot be used; the message says why."""


# --- exports ---------------------------------------------------------------------------------
def config_json(run: Run) -> bytes:
    return run.config().to_json().encode()


def metrics_csv(run: Run) -> bytes:
    """metrics.jsonl as CSV: step, loss_d, loss_g first, then every other column by name."""
    rows = run.metrics(max_bytes=METRICS_EXPORT_BYTES)   # every row of any real run
    keys = {k for r in rows for k in r if k != "nonfinite"}
    first = [k for k in ("step", "loss_d", "loss_g") if k in keys]
    header = first + sorted(keys - set(first))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        # null in JSON means the value diverged (NaN/inf); CSV readers understand "nan".
        w.writerow({k: ("nan" if k in r and r[k] is None else r.get(k, "")) for k in header})
    return buf.getvalue().encode()


def checkpoint_bundle(run: Run) -> bytes:
    """A zip of the run that `import_bundle` (or `ganlab train --resume` once unzipped) resumes."""
    if not run.has_checkpoint():
        raise RunError(f"{run.name}: no checkpoint yet")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("config.json", "status.json", "metrics.jsonl", CHECKPOINT_META, CHECKPOINT):
            if (run.path / name).is_file():
                z.write(run.path / name, name)
        for path in run.sample_files():
            z.write(path, f"samples/{path.name}")
    return buf.getvalue()


def _even(items: list, n: int) -> list:
    if len(items) <= n:
        return items
    idx = np.linspace(0, len(items) - 1, n).round().astype(int)
    return [items[i] for i in idx]


def _step_of(path: Path) -> int:
    return int(path.stem.split("_")[1])


def _scatter_frame(points: np.ndarray, bounds, real: np.ndarray | None, label: str):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (FRAME_SIZE, FRAME_SIZE), "white")
    draw = ImageDraw.Draw(img)
    (x0, x1) = bounds[0]
    (y0, y1) = bounds[1] if len(bounds) > 1 else (0.0, 1.0)

    def pixels(p):
        p = np.asarray(p, dtype=np.float64)
        p = p[np.isfinite(p).all(1)]
        if p.shape[1] == 1:  # 1D: spread points vertically by index, like a strip plot
            p = np.column_stack([p[:, 0], np.linspace(y0 + 0.1, y1 - 0.1, len(p))])
        px = (p[:, 0] - x0) / (x1 - x0) * (FRAME_SIZE - 1)
        py = (y1 - p[:, 1]) / (y1 - y0) * (FRAME_SIZE - 1)
        return zip(px, py)

    for pts, color, r in ((real, REAL_RGB, 1.5), (points, FAKE_RGB, 2.0)):
        if pts is None:
            continue
        for x, y in pixels(pts):
            draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
    draw.text((6, 4), label, fill=(60, 60, 60))
    return img


def timelapse_frames(run: Run, max_frames: int = MAX_FRAMES) -> list:
    """PIL images, one per saved sample (evenly subsampled), labelled with the step."""
    from PIL import Image

    from ganlab.runs.replay import _real_points

    files = _even(run.sample_files(), max_frames)
    if not files:
        raise RunError(f"{run.name}: no samples saved yet")
    frames, real, bounds = [], None, None
    if files[0].suffix == ".npy":
        real, bounds = _real_points(run.config())
    for path in files:
        label = f"step {_step_of(path):,}"
        try:
            if path.suffix == ".png":
                frames.append(Image.open(io.BytesIO(path.read_bytes())).convert("RGB"))
                continue
            pts = np.load(path, allow_pickle=False)
            pts = pts[:, None] if pts.ndim == 1 else pts
        except (OSError, ValueError):
            continue  # one damaged snapshot: leave that frame out
        if bounds is None:  # no dataset to frame the plot: use the points' own extent
            lo, hi = np.nanmin(pts, 0) - 0.5, np.nanmax(pts, 0) + 0.5
            bounds = tuple(zip(lo, hi))
        frames.append(_scatter_frame(pts, bounds, real, label))
    if not frames:
        raise RunError(f"{run.name}: every saved sample is unreadable")
    return frames


def timelapse_gif(run: Run, max_frames: int = MAX_FRAMES, frame_ms: int = FRAME_MS) -> bytes:
    frames = timelapse_frames(run, max_frames)
    buf = io.BytesIO()
    # The last frame lingers, so the loop shows where training ended up.
    durations = [frame_ms] * (len(frames) - 1) + [frame_ms * 8]
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], loop=0,
                   duration=durations, optimize=True)
    return buf.getvalue()


def mp4_available() -> bool:
    """MP4 needs an ffmpeg binary on PATH; no Python encoder is bundled (none is light)."""
    return shutil.which("ffmpeg") is not None


def timelapse_mp4(run: Run, max_frames: int = MAX_FRAMES, fps: int = 8) -> bytes:
    if not mp4_available():
        raise RunError("MP4 export needs ffmpeg, which is not installed here; use the GIF")
    frames = timelapse_frames(run, max_frames)
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(frames):
            w, h = (s - s % 2 for s in f.size)  # H.264 wants even sides
            f.crop((0, 0, w, h)).save(f"{tmp}/f{i:04d}.png")
        out = Path(tmp) / "out.mp4"
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-framerate", str(fps), "-i",
                        f"{tmp}/f%04d.png", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                        str(out)], check=True, timeout=120)
        return out.read_bytes()


# --- imports ---------------------------------------------------------------------------------
def config_from_upload(data: bytes) -> Config:
    """A Config from an uploaded JSON file; every bad key is listed, nothing is half-applied."""
    if len(data) > MAX_CONFIG_BYTES:
        raise ImportProblem(f"the file is {len(data) / 1e6:.1f} MB; a config is at most "
                            f"{MAX_CONFIG_BYTES / 1e6:.0f} MB")
    try:
        obj = safejson.load_object(data, "the config", max_bytes=MAX_CONFIG_BYTES)
    except safejson.JsonError as e:
        raise ImportProblem(str(e)) from None
    # A downloaded config carries the server's data_dir: it is dropped (the server decides it),
    # so the file still loads.
    items = [(k, v) for k, v in obj.items() if k not in SERVER_ONLY]
    cfg, problems = apply_leniently(items, decode=lambda k, v: v)
    if problems:
        raise ImportProblem("; ".join(p.split(" — ")[0] for p in problems))
    return cfg


def import_bundle(data: bytes, root, name: str) -> Run:
    """Unpack a checkpoint bundle as a new run folder under root; removed again if invalid."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise ImportProblem(f"the bundle is {len(data) / 2**20:.0f} MB; at most "
                            f"{MAX_BUNDLE_BYTES / 2**20:.0f} MB")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        members = z.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise ImportProblem("not a zip file (expected a bundle exported from ganlab)") from None
    bad = [m.filename for m in members if not _BUNDLE_MEMBER.match(m.filename)]
    if bad:
        raise ImportProblem(f"unexpected file in the bundle: {bad[0]!r}")
    # Weights barely compress, so a real bundle unpacks to about its own size; a zip bomb's
    # declared sizes stop here. zipfile never inflates a member past its declared size.
    if sum(m.file_size for m in members) > MAX_BUNDLE_BYTES:
        raise ImportProblem("the bundle unpacks to too much data")
    names = {m.filename for m in members}
    if not {"config.json", CHECKPOINT, CHECKPOINT_META} <= names:
        raise ImportProblem("the bundle needs config.json, checkpoint.json and "
                            "checkpoint.safetensors")
    path = naming.inside(root, naming.unique(root, name))
    try:
        path.mkdir(parents=True)
        (path / "samples").mkdir()
        for m in members:  # names were matched against a fixed pattern: no traversal possible
            with z.open(m) as src, open(path / m.filename, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)   # streamed: no member is held in memory
        run = Run(path)
        _server_data_dir(run)
        run.load_trainer(device="cpu")  # proves the checkpoint is readable and fits its config
        status = run.status()
        if status.get("damaged") or status["state"] in ("queued", "running", "paused",
                                                        "unknown"):
            run.write_status("stopped", run.load_checkpoint()[1]["step"], note="imported")
        return run
    except Exception as e:  # noqa: BLE001 - whatever went wrong, nothing of it stays on disk
        shutil.rmtree(path, ignore_errors=True)
        if isinstance(e, (RunError, ImportProblem, ValueError, OSError, zipfile.BadZipFile)):
            raise ImportProblem(str(e).replace(str(path), "bundle")) from None
        raise ImportProblem(f"the bundle cannot be used ({type(e).__name__})") from None


def _server_data_dir(run: Run) -> None:
    """data_dir is the server's to decide: a bundle's own (`/` would walk the whole disk) is
    dropped from both configs before anything builds a dataset. A run on someone's own images
    cannot come in at all: a bundle never carries the images."""
    cfg = run.config()
    if cfg.dataset == "folder":
        raise ImportProblem("a run on your own images (dataset=folder) cannot be imported: "
                            "the bundle does not carry the images")
    if cfg.data_dir:
        run.write_config(cfg.replace(data_dir=""))
    meta_path = run.path / CHECKPOINT_META
    meta = safejson.read_object(meta_path, CHECKPOINT_META)
    if isinstance(meta.get("config"), dict) and meta["config"].get("data_dir"):
        meta["config"]["data_dir"] = ""
        atomic.write(meta_path, json.dumps(meta).encode())
