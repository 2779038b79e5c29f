"""Gallery runs: finished run folders that the Gallery page plays back without training anything.

A gallery folder (settings.gallery_dir, by default the bundled assets/gallery/ built by
scripts/build_gallery.py) holds ordinary run folders plus an optional gallery.json giving their
order ({"runs": [name, ...]}). Any run folder from `ganlab train` can be dropped in; target.npy
(real points to draw beside the samples) is optional. Toy runs only: their samples are small
.npy point sets, so a whole time-lapse is a few hundred kB and plays in the browser.

Loading is read-only and safe for files of unknown origin: .npy without pickles, JSON only, sizes
and frame counts bounded, names checked. A broken run is skipped (and logged), never fatal. The
result is cached per folder and file signature, so thousands of visitors cost one read.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ganlab.config import Config, ConfigError
from ganlab.runs import naming
from ganlab.runs.folder import Run

log = logging.getLogger(__name__)


# --- the bundled cards: each is a preset, trained by scripts/build_gallery.py, and its claims --
@dataclass(frozen=True)
class Claim:
    """`metric op bound` on the run's last logged value (its metrics.jsonl), e.g. modes >= 7."""

    metric: str
    op: str          # ">=" or "<="
    bound: float

    def holds(self, final: dict) -> bool:
        v = final.get(self.metric)
        if v is None:
            return False
        return v >= self.bound if self.op == ">=" else v <= self.bound


@dataclass(frozen=True)
class Card:
    """A bundled Gallery run: the preset it trains (its title and one-liner are the preset's, so
    the Gallery and the Playground say the same thing), how long, and what its numbers must show.
    `works`: the card presents a success; else it presents a failure."""

    preset: str
    steps: int
    works: bool
    claims: tuple
    seed: int = 0


# A success covers at least this share of the target's modes (the strict rule, architecture §4).
WORKS_MODE_SHARE = 0.8

# Bounds from the presets' own measurements (ganlab/presets.py, tests/test_quality.py); checked
# against the stored runs by tests/test_gallery_claims.py. Only presets whose nets keep the
# bundle under its 3 MB budget (scripts/build_gallery.py): a 3x128 pair's checkpoint is ~0.8 MB,
# and two presets (grid25_good, gaussians1d_dstar) need those nets for what their cards claim.
CARDS: dict[str, Card] = {
    # 5,000 iterations (seeds 0-4): 8, 8, 8, 7, 8 of 8 modes (the preset's comment).
    "ring8_default": Card("ring8_default", 5000, True, (Claim("modes_covered", ">=", 7),)),
    # tests/test_quality.py::test_hinge_covers_grid25: >= 20 of 25 strict modes at 5,000.
    "grid25_good": Card("grid25_good", 5000, True, (Claim("modes_covered", ">=", 20),)),
    # At most 2 of 25 modes throughout 1,500 iterations, seeds 0-2 (the preset's comment).
    "collapse_grid25_minimax": Card("collapse_grid25_minimax", 1500, False,
                                    (Claim("modes_covered", "<=", 2),)),
    "gaussians1d_dstar": Card("gaussians1d_dstar", 5000, True,
                              (Claim("modes_covered", ">=", 2), Claim("dstar_gap", "<=", 0.05),
                               Claim("js", "<=", 0.02))),
}


def broken_claims(card: Card, final: dict) -> list[Claim]:
    """The claims a run's last logged values do not meet ([] when the card keeps its word)."""
    return [c for c in card.claims if not c.holds(final)]

MAX_RUNS = 24
MAX_FRAMES = 60
MAX_POINTS = 2000          # per frame; more are thinned
MAX_FILE_BYTES = 4_000_000


@dataclass(frozen=True)
class GalleryRun:
    name: str
    config: Config
    frames: tuple                     # ((step, (N, dim) float32 array), ...) oldest first
    target: np.ndarray | None         # (M, dim) real points, or None
    history: dict = field(default_factory=dict)   # metric -> (steps array, values array)
    final: dict = field(default_factory=dict)     # metric -> last logged value
    state: str = "finished"
    step: int = 0
    has_checkpoint: bool = False

    @property
    def dim(self) -> int:
        return int(self.frames[-1][1].shape[1]) if self.frames else 2


def _npy(path: Path) -> np.ndarray | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        arr = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if arr.ndim != 2 or arr.shape[1] not in (1, 2) or not np.isfinite(arr).all():
        return None
    return arr[:MAX_POINTS].astype(np.float32)


def _history(run: Run) -> tuple[dict, dict]:
    path = run.path / "metrics.jsonl"
    if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        return {}, {}
    series: dict[str, tuple[list, list]] = {}
    for row in run.metrics():
        step = row.get("step")
        if not isinstance(step, int):
            continue
        for key, value in row.items():
            if key != "step" and isinstance(value, (int, float)) and not isinstance(value, bool):
                s = series.setdefault(key, ([], []))
                s[0].append(step)
                s[1].append(float(value))
    history = {k: (np.asarray(s), np.asarray(v)) for k, (s, v) in series.items()}
    final = {k: float(v[-1]) for k, (_, v) in history.items() if len(v)}
    return history, final


def load_run(path: Path) -> GalleryRun | None:
    """One gallery run, or None (logged) when the folder is not a usable toy run."""
    run = Run(path)
    try:
        if (path / "config.json").stat().st_size > MAX_FILE_BYTES:
            raise ConfigError("config.json is too large")
        cfg = run.config()
    except (OSError, ValueError, RuntimeError) as e:
        log.warning("gallery: skipping %s (%s)", path.name, e)
        return None
    if not cfg.is_toy:
        log.warning("gallery: skipping %s (image runs are not played back)", path.name)
        return None
    files = run.sample_files()
    files = [f for f in files if f.suffix == ".npy"]
    if len(files) > MAX_FRAMES:
        pick = np.unique(np.linspace(0, len(files) - 1, MAX_FRAMES).round().astype(int))
        files = [files[i] for i in pick]
    frames = []
    for f in files:
        x = _npy(f)
        try:
            step = int(f.stem.split("_")[-1])
        except ValueError:
            continue
        if x is not None:
            frames.append((step, x))
    if not frames:
        log.warning("gallery: skipping %s (no readable samples)", path.name)
        return None
    target = _npy(path / "target.npy") if (path / "target.npy").is_file() else None
    history, final = _history(run)
    status = run.status()
    return GalleryRun(name=path.name, config=cfg, frames=tuple(frames), target=target,
                      history=history, final=final, state=str(status.get("state", "unknown")),
                      step=int(status.get("step") or frames[-1][0]),
                      has_checkpoint=run.has_checkpoint())


def _order(root: Path) -> list[str]:
    names = []
    index = root / "gallery.json"
    if index.is_file() and index.stat().st_size < 100_000:
        try:
            listed = json.loads(index.read_text(encoding="utf-8")).get("runs", [])
            names = [n for n in listed if isinstance(n, str)]
        except (OSError, ValueError, AttributeError):
            names = []
    names += sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in names)
    safe = []
    for n in names:
        try:
            naming.check(n)
        except ValueError:
            continue
        safe.append(n)
    return safe[:MAX_RUNS]


_cache: dict = {}
_lock = threading.Lock()


def _signature(root: Path) -> tuple:
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in root.iterdir()))
    except OSError:
        return ()


def load_gallery(root: str | Path) -> list[GalleryRun]:
    """Every usable run in the gallery folder, in gallery.json order; [] if there is none."""
    root = Path(root)
    if not root.is_dir():
        return []
    sig = _signature(root)
    with _lock:
        hit = _cache.get(root)
        if hit is not None and hit[0] == sig:
            return hit[1]
    runs = [r for r in (load_run(root / n) for n in _order(root)
                        if (root / n).is_dir() and not (root / n).is_symlink()) if r is not None]
    with _lock:
        _cache[root] = (sig, runs)
    return runs
