"""`ganlab sweep SPEC.json --out DIR`: a sweep trained here, in this process (architecture §5).

DIR/sweep.json holds the spec as read, DIR/study.journal the Optuna study, and every member is
an ordinary run folder DIR/t<trial>-seed-<s> (the same Recorder, files and TensorBoard events as
`ganlab train`). A trial's seeds train side by side, rung by rung, so the pruner compares their
mean at each rung with earlier trials' (ganlab.runs.loop.train_loop runs one member to its end,
which would leave nothing to prune). stdout gets a line per trial and the best config; stderr
the progress.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from ganlab import atomic
from ganlab.sweep import study as studies
from ganlab.sweep.spec import Spec


def member_name(trial: int, seed: int) -> str:
    return f"t{trial:03d}-seed-{seed}"


class Member:
    """One seed of a trial: its Trainer, run folder and Recorder, advanced a rung at a time."""

    def __init__(self, cfg, path: Path, diagnostics: bool):
        from ganlab.runs.folder import Run
        from ganlab.runs.recorder import Recorder
        from ganlab.serve import placement
        from ganlab.train.trainer import Trainer

        # a ConfigError here comes before any folder is made
        self.trainer = Trainer(cfg, device=placement.choose(cfg, None))
        self.run = Run.create(path, cfg)
        self.recorder = Recorder(self.run, diagnostics=diagnostics)
        self.trainer.callbacks.append(self.recorder)
        self.run.write_status("running", 0)
        self.failed = None

    def advance(self, to_step: int) -> None:
        while self.failed is None and self.trainer.step < to_step:
            try:
                f = self.trainer.iterate().floats()
                if not (math.isfinite(f["loss_d"]) and math.isfinite(f["loss_g"])):
                    raise FloatingPointError(f"non-finite loss at step {self.trainer.step}")
            except Exception as e:  # noqa: BLE001 - one member failing never ends the sweep
                self.failed = f"{type(e).__name__}: {e}"
                self.recorder.close(self.trainer, "failed", self.failed)
        if self.failed is None:
            self.recorder.flush()

    def rows(self) -> list[dict]:
        return self.run.metrics(max_bytes=None)

    def close(self, state: str, why: str | None = None) -> None:
        if self.failed is None:
            self.recorder.close(self.trainer, state, why)


def run_sweep(spec: Spec, out, diagnostics: bool = True, log=None) -> int:
    """Train every member of the sweep into out; print a line per trial and the best."""
    from ganlab.runs.folder import RunError

    out, log = Path(out), log or (lambda text: print(text, file=sys.stderr))
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise RunError(f"{out}: exists and is not an empty folder; choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    atomic.write(out / "sweep.json", json.dumps(spec.to_dict(), indent=1).encode())
    study = studies.open_study(spec, out / "study.journal")
    key, optuna = spec.objective, studies._optuna()
    print(f"{spec.kind} sweep of {spec.budget} configs × {len(spec.seeds)} seeds, "
          f"{spec.objective} ({spec.direction}); {', '.join(a.describe() for a in spec.axes)}")
    for _ in range(spec.budget):
        trial = study.ask()
        params = studies.suggest(trial, spec)
        trial.set_user_attr("members", [member_name(trial.number, s) for s in spec.seeds])
        members = [Member(studies.member_config(spec, params, s),
                          out / member_name(trial.number, s), diagnostics) for s in spec.seeds]
        try:
            pruned = _train(trial, members, spec, log)
        except KeyboardInterrupt:   # Ctrl-C: the members say "stopped" and can be resumed
            for m in members:
                m.close("stopped", "interrupted (Ctrl-C)")
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
            raise
        label = ", ".join(f"{k}={_short(v)}" for k, v in params.items())
        if pruned is not None:
            for m in members:
                m.close("stopped", f"pruned at step {pruned}: its {key} lagged the median")
            trial.set_user_attr("pruned_at", pruned)
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            print(f"trial {trial.number}: {label}: pruned at step {pruned}")
            continue
        for m in members:
            m.close("finished")
        finals = [studies.objective_at(m.rows(), key) for m in members if m.failed is None]
        value = studies.mean_over_seeds(finals)
        if value is None:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
            print(f"trial {trial.number}: {label}: no {key} (failed or not logged)")
            continue
        study.tell(trial, value)
        print(f"trial {trial.number}: {label}: {key} {_spread(finals)}")
        sys.stdout.flush()
    return _report_best(study, spec)


def _train(trial, members: list[Member], spec: Spec, log) -> int | None:
    """Train a trial's seeds rung by rung; the rung at which it was pruned, or None."""
    steps, key = spec.base.steps, spec.objective
    for rung in studies.rungs(steps) + [steps]:
        for m in members:
            m.advance(rung)
        value = studies.mean_over_seeds([studies.objective_at(m.rows(), key, rung)
                                         for m in members if m.failed is None])
        log(f"trial {trial.number} step {rung}: {key} {value}")
        if rung < steps and value is not None and spec.pruning:
            trial.report(value, rung)
            if trial.should_prune():
                return rung
    return None


def _short(v) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def _spread(values: list[float]) -> str:
    from ganlab.sweep.groups import mean_spread

    mean, std, n = mean_spread(values)
    return f"{mean:.4g} ± {std:.2g} over {n} seed{'s' * (n != 1)}"


def _report_best(study, spec: Spec) -> int:
    try:
        best = study.best_trial
    except ValueError:      # no trial finished
        print("no trial finished")
        return 1
    label = ", ".join(f"{k}={_short(v)}" for k, v in best.params.items())
    print(f"best: trial {best.number}: {label}: {spec.objective} {best.value:.4g}")
    return 0
