"""The Probe: what the training side hands to the diagnostics at a step where some are due."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

PROBE_SIZE = 2500
"""Generated (and real) samples per probe: the papers' coverage protocol uses 2,500."""


@dataclass(frozen=True)
class Probe:
    """One evaluation batch, all plain NumPy, in data coordinates.

    fake: (n, dim) generated samples (``PROBE_SIZE`` recommended);
    real: (m, dim) fresh samples from the data (not the training batch);
    d_real_logits, d_fake_logits: D's raw outputs on ``real`` and ``fake``, shape (m,) and (n,);
    data: the dataset object (``dim``, ``bounds``, ``kind``; mixtures add ``means``, ``std``,
    ``weights``, ``pdf`` and, in 1D, ``cdf``);
    loss: the Config ``loss`` name in force when the probe was taken;
    d_line: for 1D data, (xs, D's raw outputs at xs) on a uniform grid over the data's bounds,
    so D can be compared with D* everywhere, not only at samples; None otherwise.
    """

    fake: np.ndarray
    real: np.ndarray
    d_real_logits: np.ndarray
    d_fake_logits: np.ndarray
    data: Any
    loss: str
    d_line: tuple[np.ndarray, np.ndarray] | None = None
