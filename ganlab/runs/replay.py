"""A Snapshot built from a run folder, so a finished or CLI run is drawn by the same figure
builders as a live one (ganlab.viz reads Snapshots only).

What a folder cannot give back is left None and the builders skip it: D's heatmap and histograms
need the live networks. Fake points are the latest saved sample; real points are drawn fresh from
the dataset with a fixed seed, so two looks at one run show the same picture.
"""

from __future__ import annotations

import math
import os

import numpy as np

from ganlab import safejson
from ganlab.live.snapshot import HISTORY_KEYS, Snapshot, decimate, freeze_arrays
from ganlab.runs.folder import Run
from ganlab.variants import CRITIC_LOSSES

REAL_POINTS = 512
_NOT_DIAGNOSTIC = set(HISTORY_KEYS) | {"nonfinite", "time", "wall_time"}


def _column(rows: list[dict], key: str) -> np.ndarray:
    # null (a diverged value, see runs._finite_or_none) and missing both become NaN: a gap.
    return np.array([r[key] if isinstance(r.get(key), (int, float)) else math.nan
                     for r in rows], dtype=np.float64)


def _decimated(rows: list[dict], keys) -> dict:
    if not rows:
        return {}
    idx = decimate(np.arange(len(rows)))
    rows = [rows[i] for i in idx]
    return {k: _column(rows, k) for k in keys}


def history_and_diagnostics(rows: list[dict]) -> tuple[dict, dict]:
    """Split metric rows into the Snapshot's `history` (per-iteration series) and `diagnostics`
    (everything else numeric, on the steps where any of it was computed)."""
    rows = [r for r in rows if isinstance(r.get("step"), int)]
    history = _decimated([r for r in rows if "loss_d" in r], HISTORY_KEYS)
    names = sorted({k for r in rows for k, v in r.items()
                    if k not in _NOT_DIAGNOSTIC and isinstance(v, (int, float))
                    and not isinstance(v, bool)})
    diag_rows = [r for r in rows if any(k in r for k in names)]
    diagnostics = _decimated(diag_rows, ("step", *names)) if names else {}
    return history, diagnostics


def latest_sample(run: Run) -> np.ndarray | bytes | None:
    """The newest saved sample; for toy runs, G at the checkpoint when that is newer (a run
    shorter than `sample_every` saved none, and the last one may predate the end)."""
    saved, saved_step = None, -1
    for path in reversed(run.sample_files()):
        try:
            saved = path.read_bytes() if path.suffix == ".png" else \
                np.load(path, allow_pickle=False)  # never unpickle a file from disk
            saved_step = int(path.stem.split("_")[1])
            break
        except (OSError, ValueError):
            continue  # a damaged sample: fall back to the one before
    if saved is None or isinstance(saved, np.ndarray):
        fresh = _checkpoint_sample(run, saved_step)
        if fresh is not None:
            return fresh
    return saved


_from_checkpoint: dict = {}   # (path, checkpoint mtime) -> samples; a checkpoint loads once


def _checkpoint_sample(run: Run, newer_than: int) -> np.ndarray | None:
    meta = run.path / "checkpoint.json"
    try:
        key = (run.path, meta.stat().st_mtime)
        if key not in _from_checkpoint:
            if safejson.read_object(meta).get("step", -1) <= newer_than:
                return None
            from ganlab.runs.recorder import SAMPLES_TOY

            trainer = run.load_trainer(device="cpu")
            if trainer.data.kind != "toy":
                return None
            z = trainer.fixed_noise(SAMPLES_TOY)   # the same fixed noise the Recorder uses
            _from_checkpoint.clear()                # keep one: pages redraw the same run
            _from_checkpoint[key] = trainer.sample(SAMPLES_TOY, z).numpy()
        return _from_checkpoint[key]
    except Exception:  # noqa: BLE001 — no checkpoint, corrupt, or a mismatch: use what is saved
        return None


def _real_points(cfg):
    """(points, bounds) for toy data; (None, None) when unavailable (images, missing files)."""
    if not cfg.is_toy:
        return None, None
    try:
        import torch

        from ganlab.data import make_dataset

        data = make_dataset(cfg)
        points = data.sample(REAL_POINTS, torch.Generator().manual_seed(0)).numpy()
        return points, tuple(tuple(b) for b in data.bounds)
    except Exception:  # noqa: BLE001 — a picture we cannot draw must not hide the run
        return None, None


def snapshot_of(path: str | os.PathLike, real: bool = True) -> Snapshot:
    """The run as a Snapshot; raises RunError only when its config is unreadable."""
    run = Run(path)
    cfg = run.config()
    status = run.status()
    history, diagnostics = history_and_diagnostics(run.metrics())
    last = int(history["step"][-1]) if history.get("step") is not None and \
        len(history["step"]) else 0
    sample = latest_sample(run)
    points, bounds = _real_points(cfg) if real else (None, None)
    fake = sample if isinstance(sample, np.ndarray) else None
    if fake is not None and fake.ndim == 1:
        fake = fake[:, None]
    return freeze_arrays(Snapshot(
        run_id=run.name, seq=0, state=status.get("state", "unknown"),
        step=max(int(status.get("step") or 0), last), error=status.get("error"),
        config=cfg.to_dict(), history=history, diagnostics=diagnostics,
        real=points, fake=fake, bounds=bounds, critic=cfg.loss in CRITIC_LOSSES,
        grid_png=sample if isinstance(sample, bytes) else None))
