"""Real-vs-real noise floors: what each sample-based distance reads for a *perfect* generator.

Two independent samples of the data are never at distance 0: a binned KL of two 2,500-point
samples on a 50×50 grid, or the exact W1 between two 512-point samples, sits at a floor set by the
sample size alone. A chart shows that floor so "as good as it gets" is visible. The table below
was measured by ``measure_floors`` (median over ``FLOOR_SEEDS``, the probe's sample sizes);
tests/test_diag_real_runs.py re-measures it, so it cannot drift from the diagnostics' code.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .probe import PROBE_SIZE, Probe

FLOOR_METRICS = ("kl_binned", "js_binned", "w1_exact", "mmd", "kl_data_g", "kl_g_data", "js",
                 "w1")
FLOOR_SEEDS = (0, 1, 2)

REAL_VS_REAL: dict[str, dict[str, float]] = {
    "ring8": {"kl_binned": 0.02063, "js_binned": 0.002609, "w1_exact": 0.1293, "mmd": -0.003293},
    "grid25": {"kl_binned": 0.0935, "js_binned": 0.01364, "w1_exact": 0.4262, "mmd": 8.24e-05},
    "gaussians1d": {"kl_data_g": 0.004331, "kl_g_data": 0.004462, "js": 0.001098, "w1": 0.06688,
                    "mmd": -0.0007476},
}


def measure_floors(data, sample: Callable[[int, int], np.ndarray],
                   seeds=FLOOR_SEEDS, n: int = PROBE_SIZE) -> dict[str, float]:
    """Median over seeds of every FLOOR_METRICS diagnostic with two real samples as real and
    fake. ``sample(n, seed)`` draws n points of the data as an (n, dim) array."""
    from .registry import DIAGNOSTICS

    runs: dict[str, list[float]] = {}
    for seed in seeds:
        real, fake = sample(n, 2 * seed + 1000), sample(n, 2 * seed + 1001)
        zeros = np.zeros(n)
        probe = Probe(fake=fake, real=real, d_real_logits=zeros, d_fake_logits=zeros,
                      data=data, loss="nonsaturating")
        for diag in DIAGNOSTICS.values():
            if set(diag.metrics) & set(FLOOR_METRICS) and diag.applies(data):
                for k, v in diag.compute(probe).items():
                    if k in FLOOR_METRICS:
                        runs.setdefault(k, []).append(float(v))
    return {k: float(np.median(v)) for k, v in runs.items()}
