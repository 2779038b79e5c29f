"""Sample diversity: how spread out the generated samples are, relative to real data."""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import pdist

MAX_DIVERSITY_SAMPLES = 512
"""Pairwise distances are O(n²); 512 points give ~130k pairs, plenty for a mean."""


def mean_pairwise_distance(x: np.ndarray, max_n: int = MAX_DIVERSITY_SAMPLES,
                           seed: int = 0) -> float:
    """MPD = mean_{i<j} ‖x_i − x_j‖ over at most ``max_n`` points (images are flattened)."""
    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    if len(x) > max_n:
        x = x[np.random.default_rng(seed).choice(len(x), max_n, replace=False)]
    return float(pdist(x).mean()) if len(x) > 1 else 0.0


def sample_diversity(fake: np.ndarray, real: np.ndarray,
                     max_n: int = MAX_DIVERSITY_SAMPLES) -> float:
    """MPD(fake) / MPD(real): 1 is as diverse as the data, → 0 when G collapses to a point.

    Values above 1 mean the samples are more spread than the data (e.g. noisy or blurred), so
    read it beside a fidelity metric; a *falling* value is the collapse signal.
    """
    ref = mean_pairwise_distance(real, max_n)
    return mean_pairwise_distance(fake, max_n) / ref if ref > 0 else float("nan")
