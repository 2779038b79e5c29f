"""A sweep spec: the one description of a sweep that the Compare page and `ganlab sweep` share.

A spec is a plain dict (JSON in a file or a link), checked here in full before anything trains:

    {"kind": "search",                       # grid | random | search (Optuna's TPE)
     "base": {"dataset": "ring8"},           # config keys every member shares
     "axes": {"lr_d": {"low": 1e-4, "high": 1e-2, "log": true},
              "loss": {"values": ["nonsaturating", "hinge"]}},
     "seeds": "0-2",                         # each config runs once per seed
     "objective": "modes_covered", "direction": "maximize",
     "budget": 12,                           # configs to try (random, search)
     "pruning": true, "steps": 2000}

A grid takes every combination of its axes' `values`; random and search draw `budget` configs
from values or ranges (`log` for learning rates, which span decades). The objective is a
member's last logged value of a metrics.jsonl key, averaged over the config's seeds. Every
problem is a SpecError with one line for a person: a spec may come from anyone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ganlab import safejson
from ganlab.config import FIELDS, Config, ConfigError, coerce
from ganlab.sweep import seeds as seedlist
from ganlab.sweep.grid import SWEEPABLE

KINDS = ("grid", "random", "search")
# What a person may optimise, and the way that is better by default: the headline metrics
# of toy runs (modes, high-quality share), of image runs (FCD, classifier score) and the losses.
OBJECTIVES = {"modes_covered": "maximize", "hq_share": "maximize", "fcd": "minimize",
              "classifier_score": "maximize", "loss_d": "minimize", "loss_g": "minimize"}
DIRECTIONS = ("maximize", "minimize")
MAX_AXES = 8
MAX_CONFIGS = 200      # configs of one sweep (grid combinations, or a budget)
MAX_MEMBERS = 1000     # configs × seeds: run folders one sweep may create
MAX_BYTES = 64 * 1024  # a spec is a few hundred bytes; a bigger one is not a spec
TOP_KEYS = ("kind", "base", "axes", "seeds", "objective", "direction", "budget", "pruning",
            "steps", "name")


class SpecError(ValueError):
    """A sweep spec that cannot run as written; the message is one line for a person."""


@dataclass(frozen=True)
class Axis:
    key: str
    values: tuple | None = None     # a list to choose from, or
    low: float | None = None        # a range [low, high]
    high: float | None = None
    log: bool = False

    def describe(self) -> str:
        if self.values is not None:
            return f"{self.key} in {{{', '.join(_short(v) for v in self.values)}}}"
        return f"{self.key} in [{_short(self.low)}, {_short(self.high)}]" + \
            (" (log)" if self.log else "")


@dataclass(frozen=True)
class Spec:
    kind: str
    base: Config
    axes: tuple[Axis, ...]
    seeds: tuple[int, ...]
    objective: str
    direction: str
    budget: int          # configs to try; a grid's is its number of combinations
    pruning: bool
    name: str = "sweep"

    @property
    def keys(self) -> list[str]:
        return [a.key for a in self.axes]

    @property
    def members(self) -> int:
        return self.budget * len(self.seeds)

    def grid_space(self) -> dict[str, list]:
        return {a.key: list(a.values) for a in self.axes}

    def to_dict(self) -> dict:
        """The spec as a plain dict that parse() reads back to an equal Spec."""
        axes = {a.key: ({"values": list(a.values)} if a.values is not None else
                        {"low": a.low, "high": a.high, "log": a.log}) for a in self.axes}
        base = {k: v for k, v in self.base.to_dict().items() if k not in ("steps",)}
        return {"kind": self.kind, "base": base, "axes": axes, "seeds": list(self.seeds),
                "objective": self.objective, "direction": self.direction,
                "budget": self.budget, "pruning": self.pruning, "steps": self.base.steps,
                "name": self.name}


def _short(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def parse_text(text: str | bytes, what: str = "sweep spec") -> Spec:
    """A spec from JSON text (a file, an upload, a link): bounded like every outside input."""
    try:
        data = safejson.load_object(text, what, max_bytes=MAX_BYTES)
    except safejson.JsonError as e:
        raise SpecError(str(e)) from None
    return parse(data)


def parse(data: dict) -> Spec:
    if not isinstance(data, dict):
        raise SpecError("a sweep spec is a JSON object")
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        raise SpecError(f"unknown spec key {unknown[0]!r}; known: {', '.join(TOP_KEYS)}")
    kind = data.get("kind", "grid")
    if kind not in KINDS:
        raise SpecError(f"kind {kind!r}: one of {', '.join(KINDS)}")
    base = _base(data.get("base", {}), data.get("steps"))
    axes = _axes(data.get("axes", {}), kind)
    chosen = _seeds(data.get("seeds", [base.seed]))
    if not axes and (kind != "grid" or len(chosen) < 2):   # one config over k seeds is a grid
        raise SpecError("axes: give a config key to vary (e.g. {\"lr_d\": {\"values\": "
                        "[1e-4, 1e-3]}}), or two or more seeds of one config")
    objective = data.get("objective", "modes_covered")
    if objective not in OBJECTIVES:
        raise SpecError(f"objective {objective!r}: one of {', '.join(OBJECTIVES)}")
    _check_measured(objective, base)
    direction = data.get("direction", OBJECTIVES[objective])
    if direction not in DIRECTIONS:
        raise SpecError(f"direction {direction!r}: maximize or minimize")
    pruning = data.get("pruning", kind == "search")
    if not isinstance(pruning, bool):
        raise SpecError("pruning: true or false")
    if kind == "grid":
        budget = math.prod(len(a.values) for a in axes)
        if "budget" in data and data["budget"] != budget:
            raise SpecError(f"budget: a grid runs all {budget} combinations; leave budget out")
    else:
        budget = data.get("budget")
        if type(budget) is not int or not 1 <= budget <= MAX_CONFIGS:
            raise SpecError(f"budget: the number of configs to try, 1 to {MAX_CONFIGS}")
    if budget > MAX_CONFIGS:
        raise SpecError(f"{budget} configs is too many for one sweep; at most {MAX_CONFIGS}")
    if budget * len(chosen) > MAX_MEMBERS:
        raise SpecError(f"{budget} configs × {len(chosen)} seeds = {budget * len(chosen)} runs; "
                        f"at most {MAX_MEMBERS}")
    name = data.get("name", "sweep")
    if not isinstance(name, str) or not name.strip() or len(name) > 60:
        raise SpecError("name: a short text (1 to 60 characters)")
    return Spec(kind, base, axes, tuple(chosen), objective, direction, budget, pruning,
                name.strip())


def cadence(objective: str, dataset: str) -> int | None:
    """Every how many iterations `objective` is logged for `dataset`; None if it never is
    (coverage is a toy-mixture metric, FCD and the classifier score image ones)."""
    if objective in ("loss_d", "loss_g"):
        return 1
    from ganlab.diagnostics.images import IMAGE_DIAGNOSTICS
    from ganlab.diagnostics.registry import DIAGNOSTICS
    from ganlab.variants import IMAGE_DATASETS

    image_names = {entry[0] for entry in IMAGE_DIAGNOSTICS}
    image = dataset in IMAGE_DATASETS
    found = [d.cadence for name, d in DIAGNOSTICS.items()
             if objective in d.metrics and (name in image_names) == image]
    return min(found) if found else None


def _check_measured(objective: str, base: Config) -> None:
    # Before anything trains: a member with no value of the objective fails its whole config.
    every = cadence(objective, base.dataset)
    if every is None:
        raise SpecError(f"objective {objective}: not measured on {base.dataset}")
    if base.steps < every:
        raise SpecError(f"steps {base.steps}: {objective} is first measured at iteration "
                        f"{every}; give at least {every}")


def _base(base, steps) -> Config:
    if not isinstance(base, dict):
        raise SpecError("base: an object of config keys")
    keys = dict(base)
    for k in ("data_dir", "device"):   # the server's or the CLI's to choose, never a spec's
        keys.pop(k, None)
    if steps is not None:
        keys["steps"] = steps
    try:
        return Config.from_dict(keys)
    except ConfigError as e:
        raise SpecError(f"base: {e}") from None


def _seeds(value) -> list[int]:
    if isinstance(value, list) and all(type(s) is int for s in value):
        value = ",".join(str(s) for s in value)
    if not isinstance(value, str) or not value:
        raise SpecError("seeds: like \"0-4\" or [0, 1, 2]")
    try:
        return seedlist.parse_seeds(value)
    except seedlist.SeedsError as e:
        raise SpecError(str(e).replace("--seeds", "seeds")) from None


def _axes(axes, kind: str) -> tuple[Axis, ...]:
    if not isinstance(axes, dict):
        raise SpecError("axes: an object of config keys to vary, e.g. "
                        "{\"lr_d\": {\"values\": [1e-4, 1e-3]}}")
    if len(axes) > MAX_AXES:
        raise SpecError(f"axes: at most {MAX_AXES} keys")
    out = []
    for key, axis in axes.items():
        if key == "seed":
            raise SpecError("axes: seeds are their own entry (\"seeds\": \"0-4\"), not an axis")
        if key not in SWEEPABLE:
            raise SpecError(f"axes: {key!r} cannot be swept")
        if isinstance(axis, list):
            axis = {"values": axis}
        if not isinstance(axis, dict) or not ({"values"} <= set(axis) or
                                              {"low", "high"} <= set(axis)):
            raise SpecError(f"axes.{key}: {{\"values\": [...]}} or {{\"low\": a, \"high\": b}}")
        out.append(_values(key, axis) if "values" in axis else _range(key, axis, kind))
    return tuple(out)


def _check(key: str, value):
    try:
        v = coerce(key, value)
        Config().replace(**{key: v})   # bounds and choices
        return v
    except ConfigError as e:
        raise SpecError(f"axes.{key}: {e}") from None


def _values(key: str, axis: dict) -> Axis:
    extra = set(axis) - {"values"}
    values = axis["values"]
    if extra or not isinstance(values, list) or not values or len(values) > MAX_CONFIGS:
        raise SpecError(f"axes.{key}: \"values\" is a list of 1 to {MAX_CONFIGS} values")
    if any(isinstance(v, (dict, list)) for v in values):
        raise SpecError(f"axes.{key}: values are numbers, words or true/false")
    return Axis(key, values=tuple(dict.fromkeys(_check(key, v) for v in values)))


def _range(key: str, axis: dict, kind: str) -> Axis:
    if kind == "grid":
        raise SpecError(f"axes.{key}: a grid takes a list of values; ranges are for random "
                        "and search")
    if FIELDS[key].type not in ("int", "float"):
        raise SpecError(f"axes.{key}: a range needs a number key; give \"values\"")
    extra = set(axis) - {"low", "high", "log"}
    if extra:
        raise SpecError(f"axes.{key}: unknown entry {sorted(extra)[0]!r}")
    low, high = _check(key, axis["low"]), _check(key, axis["high"])
    log = axis.get("log", False)
    if not isinstance(log, bool):
        raise SpecError(f"axes.{key}: log is true or false")
    if not low < high:
        raise SpecError(f"axes.{key}: low must be below high")
    if log and low <= 0:
        raise SpecError(f"axes.{key}: a log range needs low > 0")
    return Axis(key, low=low, high=high, log=log)
