"""A sweep whose members run as JobManager jobs (the Compare page), driven one *tick* at a time.

The page never trains: each tick reads the members' run folders, reports their objective at the
rungs to the study, and says which members to queue and which pruned ones to stop; the page
does that through the JobManager, so admission, the lecture-hall fairness and the Ray backend
apply to every member. Everything lives on disk (ROOT/.sweeps/<name>/sweep.json and the study's
journal; members are ordinary run folders ROOT/<name>-t<trial>-seed-<s>), so a tick after a
rerun, a reload or a restart carries on where the last one stopped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ganlab.config import Config
from ganlab.runs import areas, naming
from ganlab.runs.folder import Run
from ganlab.sweep import study as studies
from ganlab.sweep.spec import Spec, SpecError, parse_text

FOLDER = ".sweeps"      # under the runs root; a folder without config.json is not a run
TERMINAL = ("finished", "failed", "stopped", "corrupt")
_locks: dict[Path, threading.Lock] = {}     # two tabs ticking one sweep take turns
_locks_guard = threading.Lock()


@dataclass
class Tick:
    submit: list[tuple[str, Config]] = field(default_factory=list)
    stop: list[str] = field(default_factory=list)
    done: bool = False


def sweeps(root: Path) -> list[Path]:
    """The sweep folders under the runs root, newest first."""
    base = Path(root) / FOLDER
    if not base.is_dir():
        return []
    found = [p for p in base.iterdir() if (p / "sweep.json").is_file() and not p.is_symlink()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def create(spec: Spec, root: Path) -> Path:
    """A new sweep folder for spec (named after it, made unique) with its study."""
    base = Path(root) / FOLDER
    areas.folder(base)
    name = naming.sanitize(spec.name, fallback="sweep")[:40]   # room for -t000-seed-99999
    for i in range(1, 10_000):
        candidate = name if i == 1 else f"{name}-{i}"
        # neither a sweep nor a run of that name: a member must never be an older run
        if not (base / candidate).exists() and not any(Path(root).glob(f"{candidate}-t*")):
            break
    folder = base / candidate
    areas.new_folder(folder)
    areas.write_json(folder / "sweep.json", spec.to_dict(), indent=1)
    studies.open_study(spec, folder / "study.journal")
    return folder


def load(folder: Path):
    """(spec, study) of a sweep folder; SpecError when its sweep.json is not a spec."""
    try:
        text = (Path(folder) / "sweep.json").read_bytes()
    except OSError as e:
        raise SpecError(f"{Path(folder).name}: cannot read sweep.json ({type(e).__name__})")
    spec = parse_text(text, what=f"{Path(folder).name}/sweep.json")
    return spec, studies.open_study(spec, Path(folder) / "study.journal")


def finished(spec: Spec, study) -> bool:
    """Every config asked and told (a grid's queued combinations wait as WAITING)."""
    states = [t.state.name for t in study.trials if t.state.name != "WAITING"]
    return len(states) >= spec.budget and all(s in ("COMPLETE", "PRUNED", "FAIL")
                                              for s in states)


def member_name(folder: Path, trial: int, seed: int) -> str:
    return naming.sanitize(f"{Path(folder).name}-t{trial:03d}-seed-{seed}")


def _state(root: Path, name: str) -> str | None:
    run = Run(Path(root) / name)
    if not (run.path / "config.json").is_file():
        return None                       # not queued yet
    try:
        return run.status()["state"]
    except Exception:  # noqa: BLE001 - a damaged member counts as ended, never breaks a tick
        return "corrupt"


def _lock(folder: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(Path(folder).resolve(), threading.Lock())


def tick(folder: Path, root: Path, free: int) -> Tick:
    """One step of the sweep in `folder`: what to queue (at most `free` runs) and to stop."""
    with _lock(folder):
        spec, study = load(folder)
        return _tick(spec, study, Path(folder), Path(root), free)


def _tick(spec: Spec, study, folder: Path, root: Path, free: int) -> Tick:
    optuna = studies._optuna()
    running_state = optuna.trial.TrialState.RUNNING
    out, waiting = Tick(), False
    for ft in [t for t in study.trials if t.state == running_state]:
        members = ft.user_attrs.get("members", [])
        states = {m: _state(root, m) for m in members}
        rows = {m: Run(root / m).metrics(max_bytes=None) for m, s in states.items() if s}
        if spec.pruning and all(states.values()) and _prune(spec, study, ft, rows):
            out.stop += [m for m, s in states.items() if s not in TERMINAL]
            continue
        if all(s in TERMINAL for s in states.values()):
            finals = [studies.objective_at(rows[m], spec.objective) for m, s in states.items()
                      if s == "finished"]
            value = studies.mean_over_seeds(finals)
            if value is None:
                study.tell(ft.number, state=optuna.trial.TrialState.FAIL)
            else:
                study.tell(ft.number, value)
            continue
        for m in [m for m, s in states.items() if s is None]:
            waiting = True
            if free > 0:
                out.submit.append((m, studies.member_config(spec, ft.params,
                                                            _seed_of(spec, members, m))))
                free -= 1
    def asked() -> int:   # a grid's queued combinations wait in the study until asked
        return sum(t.state != optuna.trial.TrialState.WAITING for t in study.trials)

    while free > 0 and not waiting and asked() < spec.budget:
        trial = study.ask()
        params = studies.suggest(trial, spec)
        members = [member_name(folder, trial.number, s) for s in spec.seeds]
        trial.set_user_attr("members", members)
        for m, s in zip(members, spec.seeds):
            if free > 0:
                out.submit.append((m, studies.member_config(spec, params, s)))
                free -= 1
            else:
                waiting = True
    out.done = asked() >= spec.budget and not any(
        t.state == running_state for t in study.trials) and not out.submit
    return out


def _seed_of(spec: Spec, members: list[str], name: str) -> int:
    return spec.seeds[members.index(name)]


def _prune(spec: Spec, study, ft, rows: dict) -> bool:
    """Report every rung all seeds have passed; True (and the trial told PRUNED) if Optuna's
    pruner says the trial lags."""
    optuna = studies._optuna()
    trial = optuna.trial.Trial(study, ft._trial_id)
    for rung in studies.rungs(spec.base.steps):
        if rung in ft.intermediate_values:
            continue
        passed = [r for r in rows.values()
                  if max((x.get("step", -1) for x in r if type(x.get("step")) is int),
                         default=-1) >= rung]
        if len(passed) < len(spec.seeds):
            return False
        value = studies.mean_over_seeds([studies.objective_at(r, spec.objective, rung)
                                         for r in passed])
        if value is None:
            return False
        trial.report(value, rung)
        if trial.should_prune():
            trial.set_user_attr("pruned_at", rung)
            study.tell(ft.number, state=optuna.trial.TrialState.PRUNED)
            return True
    return False
