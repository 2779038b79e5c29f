"""Metric streams: the history the failure detectors read.

A history is a mapping ``name -> list of floats`` aligned with ``history["step"]`` (strictly
increasing iteration numbers), exactly the columns of metrics.jsonl. A diagnostic that was not
computed at a step holds ``None`` (or NaN) there. The loss and gradient-norm streams are recorded
at every logged step, so a NaN in them is a real NaN, not a gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

STEP = "step"
LOSS_D, LOSS_G = "loss_d", "loss_g"
D_FAKE_MEAN = "d_fake"
"""Mean D(G(z)) at the last D update: σ(logit) for sigmoid losses (as the Trainer logs it)."""
GRAD_NORM_G, GRAD_NORM_D = "grad_norm_g", "grad_norm_d"
"""Global L2 norm of the gradient of each network's parameters, at its last update."""

History = Mapping[str, Sequence[float | None]]


def history_from_rows(rows: Iterable[Mapping[str, float]]) -> dict[str, list[float | None]]:
    """Turn metrics.jsonl rows (one dict per logged step) into aligned columns, None for gaps."""
    rows = list(rows)
    names = dict.fromkeys(k for row in rows for k in row)
    return {name: [row.get(name) for row in rows] for name in names}


def tail(history: History, name: str, window: int, keep_nan: bool = False):
    """(steps, values) of stream ``name`` over the last ``window`` iterations.

    Gaps (None/NaN) are dropped unless ``keep_nan``. Only the last ``window`` rows are converted,
    so the cost does not grow with the run (one row per step at most).
    """
    steps_all = history.get(STEP, ())
    if name not in history or len(steps_all) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0)
    steps = np.asarray(steps_all[-window:], dtype=np.int64)
    values = np.asarray(history[name][-window:], dtype=np.float64)  # None becomes NaN
    recent = steps > steps[-1] - window
    steps, values = steps[recent], values[recent]
    if keep_nan:
        return steps, values
    ok = ~np.isnan(values)
    return steps[ok], values[ok]


def measured(history: History, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) of every measured (non-gap) entry of ``name`` over the whole run."""
    if name not in history:
        return np.empty(0, dtype=np.int64), np.empty(0)
    steps = np.asarray(history[STEP], dtype=np.int64)
    values = np.asarray(history[name], dtype=np.float64)
    ok = ~np.isnan(values)
    return steps[ok], values[ok]


def head(history: History, name: str, window: int) -> np.ndarray:
    """Measured values of ``name`` over the first ``window`` iterations of the history."""
    if name not in history or len(history.get(STEP, ())) == 0:
        return np.empty(0)
    steps = np.asarray(history[STEP][:window], dtype=np.int64)
    values = np.asarray(history[name][:window], dtype=np.float64)
    values = values[steps < steps[0] + window]
    return values[~np.isnan(values)]
