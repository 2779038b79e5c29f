"""A config's seeds as one group: grouping, mean ± spread, and whether two configs differ by more
than seed noise.

Runs of one config differ more across seeds than many settings differ from each other (the
plain GAN on ring8 covers 8, 7, 8, 5 and 6 modes for seeds 0-4), so the Runs, Compare and sweep
views show a group's mean ± one sample standard deviation over its seeds, and call a difference
between two configs *within seed noise* when a percentile bootstrap over seeds cannot tell them
apart: the 95% interval of mean(B) − mean(A), resampling each config's seeds with replacement
(Efron & Tibshirani 1993, ch. 13), contains 0. With one seed a side there is nothing to resample
and no verdict. Pure functions of plain numbers, so they are tested against values worked by hand.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np

from ganlab.config import Config

# Keys that say how a run is logged or where it ran, not what it is: runs differing only in
# these (and the seed) are the same experiment.
NOT_THE_EXPERIMENT = ("seed", "device", "data_dir", "log_every", "sample_every",
                      "checkpoint_every")
CONFIDENCE = 0.95
RESAMPLES = 9999


def config_key(cfg: Config) -> str:
    """The same text for two runs exactly when they are seeds of one config."""
    d = {k: v for k, v in cfg.to_dict().items() if k not in NOT_THE_EXPERIMENT}
    return json.dumps(d, sort_keys=True, default=str)


def group_seeds(configs: dict[str, Config]) -> list[list[str]]:
    """Run names grouped by config (seed aside), groups and members in first-seen order."""
    groups: dict[str, list[str]] = {}
    for name, cfg in configs.items():
        groups.setdefault(config_key(cfg), []).append(name)
    return list(groups.values())


def _finite(values) -> np.ndarray:
    a = np.asarray([v for v in values if v is not None], dtype=np.float64)
    return a[np.isfinite(a)]


def mean_spread(values) -> tuple[float, float, int]:
    """(mean, sample standard deviation, n) of the finite values; the spread of one value is 0
    and of none is NaN."""
    a = _finite(values)
    if a.size == 0:
        return math.nan, math.nan, 0
    return float(a.mean()), float(a.std(ddof=1)) if a.size > 1 else 0.0, int(a.size)


def band(curves: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(steps, mean, std) over a group's curves at the steps every seed logged (seeds of one
    config log at the same steps; a seed still training cuts the band at its last row)."""
    common = None
    for steps, _ in curves:
        s = set(np.asarray(steps).tolist())
        common = s if common is None else common & s
    steps = np.array(sorted(common or ()), dtype=np.int64)
    rows = []
    for s, v in curves:
        lookup = dict(zip(np.asarray(s).tolist(), np.asarray(v, dtype=np.float64)))
        rows.append([lookup[x] for x in steps.tolist()])
    if not rows or steps.size == 0:
        empty = np.array([], dtype=np.float64)
        return steps, empty, empty
    m = np.asarray(rows, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        mean = np.nanmean(m, axis=0) if m.shape[0] else m
        std = np.nanstd(m, axis=0, ddof=1) if m.shape[0] > 1 else np.zeros(steps.size)
    return steps, mean, std


@dataclass(frozen=True)
class Verdict:
    diff: float            # mean(b) - mean(a)
    low: float             # the bootstrap interval of diff
    high: float
    within_noise: bool     # the interval contains 0

    def describe(self) -> str:
        words = "within seed noise" if self.within_noise else "beyond seed noise"
        return (f"difference {self.diff:+.3g}, 95% bootstrap interval over seeds "
                f"[{self.low:.3g}, {self.high:.3g}]: {words}")


def seed_noise(a, b, confidence: float = CONFIDENCE, resamples: int = RESAMPLES,
               seed: int = 0) -> Verdict | None:
    """Is mean(b) − mean(a) within seed noise? None unless each side has two finite values."""
    from scipy import stats

    x, y = _finite(a), _finite(b)
    if x.size < 2 or y.size < 2:
        return None
    diff = float(y.mean() - x.mean())
    if np.ptp(x) == 0 and np.ptp(y) == 0:   # nothing varies: every resample gives diff
        return Verdict(diff, diff, diff, diff == 0)
    res = stats.bootstrap((x, y), lambda p, q, axis: np.mean(q, axis=axis) - np.mean(p, axis=axis),
                          confidence_level=confidence, n_resamples=resamples,
                          method="percentile", vectorized=True,
                          rng=np.random.default_rng(seed))
    low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
    return Verdict(diff, low, high, low <= 0 <= high)
