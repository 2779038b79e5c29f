"""Sweeps: a small grid over one or two config keys around the current config.

`grid(cfg, {"loss": [...], "lr_d": [...]})` gives one Config per combination, every other key kept
as it was (seed included, so the runs differ only in what is swept). The grid is capped at
MAX_RUNS: a sweep is for comparing a handful of runs side by side, not for a search.
"""

from __future__ import annotations

import itertools
import re

from ganlab.config import FIELDS, Config, ConfigError, coerce
from ganlab.runs import naming

MAX_KEYS = 2
MAX_RUNS = 12
# Keys a sweep may vary: the ones that change how training goes. Logging cadence, device and
# the drawn points are not experiments.
SWEEPABLE = tuple(k for k in FIELDS if k not in ("drawn_points", "data_dir", "device",
                                                  "log_every", "sample_every",
                                                  "checkpoint_every", "steps"))


class SweepError(ValueError):
    """A sweep that cannot run as asked; the message is for a person."""


def choices(key: str) -> tuple | None:
    m = FIELDS[key].metadata
    if FIELDS[key].type == "bool":
        return (False, True)
    return m["choices"]


def suggest(key: str, cfg: Config) -> list:
    """Reasonable default values for `key` around cfg's value (the UI pre-fills these)."""
    options = choices(key)
    if options:
        return list(options[:6])
    value = getattr(cfg, key)
    if FIELDS[key].type == "float":
        # learning rates and weights span decades: a factor of 4 either side
        cands = [value / 4, value, value * 4] if value > 0 else [0.0, 0.1, 1.0]
        cands = [float(f"{c:.3g}") for c in cands]
    else:
        cands = [max(1, value // 2), value, value * 2] if value > 0 else [0, 1, 2]
    ok = []
    for c in cands:
        try:
            cfg.replace(**{key: c})
            ok.append(c)
        except ConfigError:
            pass
    return list(dict.fromkeys(ok))


def parse_values(key: str, text: str) -> list:
    """Comma- or space-separated values for key, each validated; SweepError lists the bad ones."""
    if key not in SWEEPABLE:
        raise SweepError(f"{key} cannot be swept")
    parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
    if not parts:
        raise SweepError(f"{key}: give at least one value")
    values, bad = [], []
    for p in parts:
        try:
            v = coerce(key, p)
            Config().replace(**{key: v})  # bounds and choices
            values.append(v)
        except ConfigError as e:
            bad.append(str(e))
    if bad:
        raise SweepError("; ".join(bad))
    return list(dict.fromkeys(values))


def grid(base: Config, axes: dict[str, list], max_runs: int = MAX_RUNS) -> list[Config]:
    """One Config per combination of the axes' values, in row-major order."""
    if not 1 <= len(axes) <= MAX_KEYS:
        raise SweepError(f"a sweep varies 1 or {MAX_KEYS} keys, not {len(axes)}")
    for key, values in axes.items():
        if key not in SWEEPABLE:
            raise SweepError(f"{key} cannot be swept")
        if not values:
            raise SweepError(f"{key}: give at least one value")
    size = 1
    for values in axes.values():
        size *= len(values)
    if size > max_runs:
        raise SweepError(f"{size} runs is too many for one sweep; at most {max_runs}")
    configs = []
    for combo in itertools.product(*axes.values()):
        try:
            configs.append(base.replace(**dict(zip(axes, combo))))
        except ConfigError as e:
            raise SweepError(str(e)) from None
    return configs


def _short(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def label(cfg: Config, keys) -> str:
    """`loss=wgan_gp · lr_d=0.001`: what sets this run apart within its sweep."""
    return " · ".join(f"{k}={_short(getattr(cfg, k))}" for k in keys)


def run_name(cfg: Config, keys, prefix: str = "sweep") -> str:
    """A folder-safe name such as `sweep-loss-wgan_gp-lr_d-0.001`."""
    return naming.sanitize("-".join([prefix] + [f"{k}-{_short(getattr(cfg, k))}" for k in keys]))
