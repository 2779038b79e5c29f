"""One config, k seeds: `ganlab train --seeds 0-4 --out DIR` (issue 20, part 1).

Runs of one config differ more across seeds than many settings differ from each other (the
plain GAN on ring8 covers 8, 7, 8, 5 and 6 modes for seeds 0-4), so a config is judged on several.
Each seed is an ordinary run folder, DIR/seed-<s>, trained one after another by the CLI's own
loop (the same Recorder, files and TensorBoard events as a single run). Each run's progress
and summary go to stderr; stdout carries the result: a line per seed and the mean ± sample
standard deviation over the seeds that finished.
"""

from __future__ import annotations

import contextlib
import math
import statistics
import sys
from pathlib import Path

from ganlab.config import FIELDS, Config

MAX_SEEDS = 100
SEED_MAX = FIELDS["seed"].metadata["hi"]


class SeedsError(ValueError):
    """A bad --seeds value; the message is for a person."""


def parse_seeds(text: str) -> list[int]:
    """'0-4' -> [0, 1, 2, 3, 4]; '1,5,9' and '0-2,7' work too; order kept, repeats refused."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, sep, hi = part.strip().partition("-")
        try:
            a = int(lo)
            b = int(hi) if sep else a
        except ValueError:
            raise SeedsError(f"--seeds {text}: expected seeds like 0-4 or 1,5,9") from None
        if not (0 <= a <= b <= SEED_MAX):
            raise SeedsError(f"--seeds {text}: each seed in [0, {SEED_MAX}], ranges low-high")
        if b - a + 1 + len(seeds) > MAX_SEEDS:
            raise SeedsError(f"--seeds {text}: at most {MAX_SEEDS} seeds")
        seeds += range(a, b + 1)
    if len(set(seeds)) != len(seeds):
        raise SeedsError(f"--seeds {text}: a seed is listed twice")
    return seeds


def folder(out: Path, seed: int) -> Path:
    return Path(out) / f"seed-{seed}"


def train_seeds(cfg: Config, seeds: list[int], out, diagnostics: bool = True,
                progress: bool = True) -> int:
    """Train cfg once per seed into out/seed-<s>; print a line per seed and mean ± std."""
    from ganlab.runs import index as runindex
    from ganlab.runs.folder import Run, RunError
    from ganlab.runs.loop import train_loop
    from ganlab.runs.recorder import Recorder
    from ganlab.serve import placement
    from ganlab.train.trainer import Trainer

    taken = [folder(out, s) for s in seeds
             if folder(out, s).exists() and any(folder(out, s).iterdir())]
    if taken:
        raise RunError(f"{taken[0]}: folder exists and is not empty; choose another --out")
    finals, code = {}, 0
    for seed in seeds:
        run_cfg = cfg.replace(seed=seed)
        # may raise ConfigError before any folder is made
        trainer = Trainer(run_cfg, device=placement.choose(run_cfg, None))
        run = Run.create(folder(out, seed), run_cfg)
        with contextlib.redirect_stdout(sys.stderr):   # the run's own summary: stderr
            rc = train_loop(trainer, run, run_cfg.steps, Recorder(run, diagnostics=diagnostics),
                            progress=progress)
        if rc == 130:   # Ctrl-C: stop here, report what finished
            code = 130
            break
        if rc:
            code = 1
            print(f"seed {seed}: failed (see {run.path}/status.json)")
            continue
        finals[seed] = runindex.summarize(run.path).final
        print(f"seed {seed}: {_line(finals[seed])}  ({run.path})")
        sys.stdout.flush()
    if finals:
        print(summary(list(finals.values())))
    return code


def _metrics():
    """(key, name, format) of the values a summary shows: the losses, then the CLI's list."""
    from ganlab.runs.loop import SUMMARY_METRICS

    out, names = [("loss_d", "L_D", "{:.3f}"), ("loss_g", "L_G", "{:.3f}")], set()
    for key, name, fmt in SUMMARY_METRICS:
        if name not in names:
            names.add(name)
            out.append((key, name, fmt))
    return out


def _line(final: dict) -> str:
    return ", ".join(f"{name} {fmt.format(final[key])}" for key, name, fmt in _metrics()
                     if _number(final.get(key)))


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def summary(finals: list[dict]) -> str:
    """'mean ± std over k seeds: L_D 1.372 ± 0.010, ...' for every value all seeds have."""
    parts = []
    for key, name, fmt in _metrics():
        values = [f.get(key) for f in finals]
        if values and all(_number(v) for v in values):
            mean = statistics.fmean(values)
            std = statistics.stdev(values) if len(values) > 1 else 0.0
            fmt = "{:.1f}" if fmt == "{:.0f}" else fmt   # a mean of counts: 7.6 modes
            parts.append(f"{name} {fmt.format(mean)} ± {fmt.format(std)}")
    k = len(finals)
    return f"mean ± std over {k} seed{'s' * (k != 1)}: " + ", ".join(parts)
