"""A sweep as an Optuna study: every kind (grid, random, search) asks Optuna for its next config,
so the CLI and the page drive one interface, and parameter importances work for all three.

One trial is one config; its members are that config's seeds, ordinary run folders. The value
Optuna sees is the objective averaged over the seeds. While members train, the objective at a
few *rungs* (evenly spaced steps) is read from their metrics.jsonl and reported, and Optuna's
median pruner stops a trial whose mean at a rung is worse than the median of earlier trials at
that rung (Golovin et al. 2017, "Google Vizier"'s median stopping rule). The study lives in a
journal file beside the sweep, so a page can pick it up again after any rerun.
"""

from __future__ import annotations

import itertools
import logging
import math
from pathlib import Path

from ganlab.config import Config
from ganlab.sweep.spec import Spec

RUNGS = 4               # intermediate reports per member, before the final value
STARTUP_TRIALS = 3      # trials that always finish: the pruner needs a median to compare with


def _optuna():
    import optuna

    optuna.logging.set_verbosity(logging.WARNING)   # one line per trial is ours to print
    return optuna


def sampler(spec: Spec, seed: int = 0):
    optuna = _optuna()
    if spec.kind in ("grid", "random"):   # a grid's configs are queued in open_study
        return optuna.samplers.RandomSampler(seed=seed)
    # TPE after a few random configs; a third of the budget, so a small search still searches.
    startup = max(2, min(10, spec.budget // 3))
    return optuna.samplers.TPESampler(seed=seed, n_startup_trials=startup, multivariate=True)


def pruner(spec: Spec):
    optuna = _optuna()
    if not spec.pruning:
        return optuna.pruners.NopPruner()
    return optuna.pruners.MedianPruner(n_startup_trials=STARTUP_TRIALS, n_warmup_steps=0)


def open_study(spec: Spec, journal: Path | None = None):
    """The sweep's study: in memory, or in `journal` (created, or loaded when it exists)."""
    optuna = _optuna()
    storage = None
    if journal is not None:
        from optuna.storages.journal import JournalFileBackend

        storage = optuna.storages.JournalStorage(JournalFileBackend(str(journal)))
    study = optuna.create_study(study_name=spec.name, storage=storage, sampler=sampler(spec),
                                pruner=pruner(spec), direction=spec.direction,
                                load_if_exists=True)
    # The page's sweeps reopen the study at every tick: a sampler seeded alike each time would
    # draw the same first configs again and again (the search asked lr_d=4.4e-4 three times in
    # a row); seeding it by the trials already asked keeps each reopening's draw new, and the
    # same for the same journal.
    study.sampler = sampler(spec, seed=len(study.trials))
    if spec.kind == "grid" and not study.trials:
        # Every combination queued in row-major order. Optuna's GridSampler would do it too,
        # but it calls study.stop() after the last one, which ask-and-tell may not.
        space = spec.grid_space()
        for combo in itertools.product(*space.values()):
            study.enqueue_trial(dict(zip(space, combo)))
    return study


def suggest(trial, spec: Spec) -> dict:
    """The trial's config keys: a choice from values, or a draw from a range."""
    params = {}
    for a in spec.axes:
        if a.values is not None:
            params[a.key] = trial.suggest_categorical(a.key, list(a.values))
        elif isinstance(a.low, int) and isinstance(a.high, int):
            params[a.key] = trial.suggest_int(a.key, a.low, a.high, log=a.log)
        else:
            params[a.key] = trial.suggest_float(a.key, float(a.low), float(a.high), log=a.log)
    return params


def member_config(spec: Spec, params: dict, seed: int) -> Config:
    return spec.base.replace(seed=seed, **params)


def rungs(steps: int, n: int = RUNGS) -> list[int]:
    """Steps at which a trial is compared with the others, in hundreds (the coverage metrics
    are logged every 100 iterations), before the last step."""
    out = sorted({(steps * i // (n + 1)) // 100 * 100 for i in range(1, n + 1)} - {0})
    return [s for s in out if s < steps]


def objective_at(rows: list[dict], key: str, step: int | None = None) -> float | None:
    """The last finite value of `key` logged at or before `step` (at the end when None)."""
    best_step, value = -1, None
    for r in rows:
        s, v = r.get("step"), r.get(key)
        if type(s) is not int or (step is not None and s > step) or s < best_step:
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            best_step, value = s, float(v)
    return value


def mean_over_seeds(values: list[float | None]) -> float | None:
    """The trial's value: the mean over its seeds, or None while a seed has none yet."""
    if not values or any(v is None for v in values):
        return None
    return sum(values) / len(values)


def importances(study) -> dict[str, float]:
    """Optuna's parameter importances (fANOVA over the finished trials), largest first; empty
    when fewer than two finished trials or nothing varied."""
    optuna = _optuna()
    done = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    if len(done) < 2:
        return {}
    try:
        # fANOVA named, and seeded: Optuna 5's default is PED-ANOVA, which on a sweep's few
        # configs reads its top quantile of one or two trials and gave every key 50% (the page
        # says fANOVA); the forest's seed makes the bars the same at every page run.
        evaluator = optuna.importance.FanovaImportanceEvaluator(seed=0)
        return {k: float(v) for k, v in
                optuna.importance.get_param_importances(study, evaluator=evaluator).items()}
    except (RuntimeError, ValueError, ZeroDivisionError):   # e.g. every value equal
        return {}


def rows_of(study) -> list[dict]:
    """One row per trial: number, state, params, value, members (for tables and figures)."""
    out = []
    for t in study.trials:
        out.append({"trial": t.number, "state": t.state.name.lower(), "params": dict(t.params),
                    "value": t.value, "members": list(t.user_attrs.get("members", [])),
                    "pruned_at": t.user_attrs.get("pruned_at")})
    return out
