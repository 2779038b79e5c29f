"""Snapshot: the immutable record the training worker publishes and the UI draws.

Plain NumPy arrays, bytes and numbers only: no tensors, no references into the live Trainer, so a
Snapshot can cross a process boundary (pickled over a pipe) and be read by any number of page
ticks without locks. Optional parts are None when they do not apply (e.g. `d_grid` for 1D data,
`grid_png` for toy data). Arrays are marked read-only by `freeze_arrays`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

# The per-iteration series a Snapshot's `history` carries (each decimated to <= MAX_POINTS).
HISTORY_KEYS = ("step", "loss_d", "loss_g", "d_real", "d_fake", "grad_norm_d", "grad_norm_g")
KDE_SAMPLES = 2000
"""Samples of G behind a 1D Snapshot's p_g (its kernel density estimate), as the view says."""
MAX_POINTS = 2000


@dataclass(frozen=True)
class Snapshot:
    # identity and status
    run_id: str
    seq: int                          # increases with every published snapshot of this run
    state: str                        # queued | running | paused | finished | failed | stopped
    step: int                         # completed iterations
    its_per_sec: float = 0.0
    error: str | None = None          # why the run failed or paused itself (shown as is)
    queue_position: int | None = None  # 1 = next to start; None when not queued
    queue_wait_s: float | None = None  # rough estimate of the wait until it starts
    notice: str | None = None         # a message about the last command (e.g. a refused change)
    # i18n keys (ganlab/i18n/jobs.py) and format arguments of `error` and `notice`, so the page
    # can show them in the reader's language; `error`/`notice` hold the English text.
    error_key: str | None = None
    error_args: dict = field(default_factory=dict)
    notice_key: str | None = None
    notice_args: dict = field(default_factory=dict)
    last_moved: str | None = None     # "D", "G" or "DG": which network the last command updated
    d_updates: int = 0                # D and G optimizer steps so far (Step D / Step G count here)
    g_updates: int = 0
    # The Trainer's own last optimizer step ("D" or "G"; None before any) and how many D and G
    # updates the iteration under way has made, so a page can name the pseudo-code line that ran
    # (last_moved is what the last *command* moved, "DG" for a whole Step, None at full speed).
    last_update: str | None = None
    d_in_iteration: int = 0
    g_in_iteration: int = 0
    pace: float | None = None         # slow motion: seconds per update; None at full speed
    config: dict = field(default_factory=dict)   # the live Config as a dict
    wall_time: float = 0.0            # time.time() when built

    # curves over iterations: {"step": ..., "loss_d": ..., ...}, decimated
    history: dict = field(default_factory=dict)
    # diagnostics over iterations: {"step": ..., "modes_covered": ..., ...}, decimated
    diagnostics: dict = field(default_factory=dict)
    alarms: tuple = ()                # dicts: kind, step, message_key, severity, details

    # what D says about the current samples (for histograms): raw outputs, 1D arrays
    d_on_real: np.ndarray | None = None
    d_on_fake: np.ndarray | None = None

    # toy data, both 1D and 2D: data coordinates
    real: np.ndarray | None = None          # (n, dim) fresh real samples
    fake: np.ndarray | None = None          # (n, dim) G(fixed noise)
    bounds: tuple | None = None             # ((lo, hi),) or ((xlo, xhi), (ylo, yhi))
    critic: bool = False                    # D outputs a critic score rather than a logit

    # 2D: D over a grid, gradient arrows on the fake samples, G's manifold
    grid_x: np.ndarray | None = None        # (gx,) grid coordinates
    grid_y: np.ndarray | None = None        # (gy,)
    d_grid: np.ndarray | None = None        # (gy, gx) D(x) probability, or critic score
    fake_grad: np.ndarray | None = None     # (n, 2) -dL_G/dx at each fake: where G pushes it
    manifold: np.ndarray | None = None      # (m, m, 2) G applied to a grid of noise values

    # 1D: densities and D on a line
    xs: np.ndarray | None = None            # (k,) evaluation points
    p_data: np.ndarray | None = None        # exact data density at xs
    p_g: np.ndarray | None = None           # generator density at xs (KDE of KDE_SAMPLES)
    d_curve: np.ndarray | None = None       # D(x) at xs (probability, or critic score)
    d_star: np.ndarray | None = None        # p_data / (p_data + p_g) at xs
    d_star_gap: float | None = None         # mean |D - D*| under (p_data + p_g)/2 (probability D)
    z_line: np.ndarray | None = None        # (k,) noise values along the first noise axis
    x_of_z: np.ndarray | None = None        # (k,) G(z) for those noise values

    # images: grids already encoded at display size
    grid_png: bytes | None = None           # G(fixed noise) as a PNG grid
    real_png: bytes | None = None           # real images as a PNG grid
    image_scores: np.ndarray | None = None  # D's probability for each image of grid_png

    def replace(self, **changes) -> Snapshot:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Snapshot(**values)


def freeze_arrays(snap: Snapshot) -> Snapshot:
    """Mark every array read-only, so no reader can change what other readers see."""
    for f in fields(snap):
        v = getattr(snap, f.name)
        if isinstance(v, np.ndarray):
            v.flags.writeable = False
        elif isinstance(v, dict):
            for a in v.values():
                if isinstance(a, np.ndarray):
                    a.flags.writeable = False
    return snap


def decimate(values: np.ndarray, max_points: int = MAX_POINTS) -> np.ndarray:
    """Every k-th value so that at most max_points remain, always keeping the last one."""
    values = np.asarray(values)
    if len(values) <= max_points:
        return values
    idx = np.linspace(0, len(values) - 1, max_points).round().astype(int)
    return values[idx]
