"""Config: the one validated, frozen description of a run (seed included).

Every key has a type, bounds and a default with a one-line reason. Bad values raise ConfigError
with one message naming the key, the value and what is allowed, e.g. `lr_d=-1: must be in (0, 10]`.
Unknown keys are rejected with a "did you mean" suggestion. JSON and `--set key=value` go through
the same coercion, so the CLI, the URL and uploaded files are all validated identically.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
from dataclasses import dataclass, field
from typing import Any

# The names of every variant live in ganlab.variants (one table with their facts); they are
# re-exported here because the UI and the tests read them from the Config's module.
from ganlab.variants import (  # noqa: F401
    ACTIVATIONS,
    DCGAN_BREAKS,
    IMAGE_DATASETS,
    LOSS_NAMES,
    MODELS,
    NOISES,
    OPTIMIZERS,
    TOY_DATASETS,
    dataset_defaults,
)

# Keys a running job can change between iterations without rebuilding the run; `steps` moves
# the worker's iteration target. What a change does is decided in ganlab/changes.py alone.
LIVE_KEYS = ("lr_d", "lr_g", "d_steps", "g_steps", "loss", "clip", "gp_weight", "batch_size",
             "label_smoothing", "instance_noise", "r1_weight", "steps")


class ConfigError(ValueError):
    """A bad config value or key; the message is meant to be shown to a person as is."""


def _spec(default, reason: str, lo=None, hi=None, lo_open=False, choices=None):
    return field(default=default, metadata=dict(reason=reason, lo=lo, hi=hi, lo_open=lo_open,
                                                choices=choices))


@dataclass(frozen=True)
class Config:
    # data
    dataset: str = _spec("ring8", "the classic mode-collapse benchmark; trains in seconds on CPU",
                         choices=TOY_DATASETS + IMAGE_DATASETS)
    drawn_points: tuple = _spec((), "points of the `drawn` dataset (x, y rows); empty otherwise")
    data_dir: str = _spec("", "where downloadable image datasets live; "
                              "empty: $GANLAB_DATA or ./data")
    image_size: int = _spec(0, "image side in pixels; 0 keeps the dataset's own size", lo=0, hi=64)
    noise: str = _spec("gaussian", "the usual prior; uniform is GAN Lab's", choices=NOISES)
    noise_dim: int = _spec(2, "as many noise dims as data dims: sharper toy samples (measured)",
                           lo=1, hi=128)
    # model
    model: str = _spec("auto", "auto: MLP for toy data, DCGAN for images",
                       choices=("auto",) + MODELS)
    g_layers: int = _spec(3, "three hidden layers are enough for 25 modes", lo=0, hi=8)
    g_width: int = _spec(128, "wide enough for grid25, small enough for a fast CPU step",
                         lo=1, hi=1024)
    d_layers: int = _spec(3, "matches G so neither side starts out much stronger", lo=0, hi=8)
    d_width: int = _spec(128, "matches G", lo=1, hi=1024)
    activation: str = _spec("relu", "simple and fast; leaky_relu for D is a common alternative",
                            choices=ACTIVATIONS)
    conditional: bool = _spec(False, "class-conditional G and D for labelled image datasets")
    # Like g_layers for the DCGAN, it does not apply to the MLP (toy data): ignored there.
    dcgan_break: str = _spec("none", "none keeps all five DCGAN guidelines; a name breaks one, "
                                     "to see what it was for", choices=DCGAN_BREAKS)
    # training
    loss: str = _spec("nonsaturating",
                      "the original paper's practical loss: strong early gradients",
                      choices=LOSS_NAMES)
    steps: int = _spec(5000, "enough for ring8 to cover all 8 modes", lo=1, hi=10_000_000)
    seed: int = _spec(0, "(config, seed) reproduces a run bit for bit on CPU", lo=0, hi=2**31 - 1)
    batch_size: int = _spec(256, "large batches make the mode statistics less noisy",
                            lo=1, hi=8192)
    # After batch_size, which it must divide: a link applies its keys in this order.
    pack: int = _spec(1, "D judges this many samples at once, all real or all fake (PacGAN, "
                         "Lin et al. 2018): 1 is the usual GAN", lo=1, hi=8)
    lr_d: float = _spec(1e-3, "covers all ring8 modes in 5,000 steps; 2e-4 (DCGAN's) is too slow",
                        lo=0.0, hi=10.0, lo_open=True)
    lr_g: float = _spec(1e-3, "same as D: an unbalanced pair is a classic failure to demo",
                        lo=0.0, hi=10.0, lo_open=True)
    optimizer_d: str = _spec("adam", "adaptive steps tolerate badly scaled losses",
                             choices=OPTIMIZERS)
    optimizer_g: str = _spec("adam", "as D", choices=OPTIMIZERS)
    beta1: float = _spec(0.5, "DCGAN's value: less momentum damps oscillation", lo=0.0, hi=1.0)
    beta2: float = _spec(0.999, "Adam's default", lo=0.0, hi=1.0)
    momentum: float = _spec(0.9, "SGD momentum; ignored by adam and rmsprop", lo=0.0, hi=1.0)
    d_steps: int = _spec(1, "one D update per G update, as in most GANs (k in Goodfellow et al.)",
                         lo=1, hi=100)
    g_steps: int = _spec(1, "one G update per iteration", lo=1, hi=100)
    clip: float = _spec(0.01, "WGAN's weight clipping bound (Arjovsky et al. 2017)",
                        lo=0.0, hi=10.0, lo_open=True)
    gp_weight: float = _spec(0.1, "WGAN-GP's lambda; 0.1 is what its toy experiments use",
                             lo=0.0, hi=1000.0)
    # stabilisers (all off by default)
    label_smoothing: float = _spec(0.0, "one-sided: real target 1-s (Salimans et al. 2016)",
                                   lo=0.0, hi=0.5)
    instance_noise: float = _spec(0.0, "std of noise added to D's inputs (Sonderby et al. 2016)",
                                  lo=0.0, hi=10.0)
    instance_noise_decay: int = _spec(0,
                                      "iterations over which instance noise decays to 0; 0: never",
                                      lo=0, hi=10_000_000)
    spectral_norm: bool = _spec(False, "spectral normalisation of D's layers (Miyato et al. 2018)")
    r1_weight: float = _spec(0.0, "R1 penalty on D's gradient at real data (Mescheder et al. 2018)",
                             lo=0.0, hi=1000.0)
    ema: float = _spec(0.0, "decay of an EMA of G's weights used for sampling (Yazici et al. 2019)",
                       lo=0.0, hi=0.9999)
    # logging and device
    log_every: int = _spec(10, "metrics.jsonl row every N iterations", lo=1, hi=100_000)
    sample_every: int = _spec(500, "sample snapshot in samples/ every N iterations",
                              lo=1, hi=10_000_000)
    checkpoint_every: int = _spec(1000, "checkpoint every N iterations (and at the end)",
                                  lo=1, hi=10_000_000)
    device: str = _spec("auto", "auto: whichever of cuda and cpu trains this model faster on this "
                        "box, measured once per model shape (serve.placement); cpu without a GPU",
                        choices=("auto", "cpu", "cuda"))

    def __post_init__(self):
        for f in dataclasses.fields(self):
            _check(f, getattr(self, f.name))
        if self.dataset == "drawn":
            _check_points(self.drawn_points)
        _check_pack(self)

    # --- (de)serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["drawn_points"] = [list(p) for p in self.drawn_points]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: Config | None = None) -> Config:
        """The keys in `data` on top of `base`; without a base, on top of the defaults that fit
        `data`'s dataset (ganlab.variants.DATASETS: image data gets image defaults). A key in
        `data` always wins. The CLI, URLs, uploaded configs and presets all come through here."""
        if not isinstance(data, dict):
            raise ConfigError(f"a config must be a JSON object, not {type(data).__name__}")
        if base is None:
            dataset = data.get("dataset", FIELDS["dataset"].default)
            data = {**(dataset_defaults(dataset) if isinstance(dataset, str) else {}), **data}
            base = cls()
        return dataclasses.replace(base, **{k: coerce(k, v) for k, v in data.items()})

    @classmethod
    def from_json(cls, text: str, base: Config | None = None) -> Config:
        from ganlab import safejson  # bounded size and depth: the text may come from anyone

        try:
            data = safejson.loads(text, "config")
        except safejson.JsonError as e:
            raise ConfigError(str(e)) from None
        return cls.from_dict(data, base)

    def with_sets(self, assignments: list[str]) -> Config:
        """Apply `key=value` strings onto this config as they are (no dataset defaults; the CLI
        uses `Config.from_dict(parse_sets(...))`)."""
        return dataclasses.replace(self, **parse_sets(assignments))

    @classmethod
    def defaults_for(cls, dataset: str) -> Config:
        """Config() with the defaults of `dataset` (ganlab.variants): what a config of that
        dataset holds for every key nobody set. Links list, and the Playground keeps, only the
        keys that differ from it."""
        return cls().replace(**dataset_defaults(dataset))

    def replace(self, **changes) -> Config:
        return dataclasses.replace(self, **{k: coerce(k, v) for k, v in changes.items()})

    def diff(self, other: Config) -> dict[str, tuple[Any, Any]]:
        """Keys whose values differ, as {key: (self's, other's)}."""
        a, b = self.to_dict(), other.to_dict()
        return {k: (a[k], b[k]) for k in a if a[k] != b[k]}

    @property
    def is_toy(self) -> bool:
        return self.dataset in TOY_DATASETS


FIELDS = {f.name: f for f in dataclasses.fields(Config)}


def describe(key: str) -> str:
    """The one-line reason for a key's default, for help texts."""
    return FIELDS[key].metadata["reason"]


def allowed(key: str) -> str:
    """What values a key allows, in words."""
    m = FIELDS[key].metadata
    if m["choices"]:
        return "one of " + ", ".join(m["choices"])
    if m["lo"] is None:
        return FIELDS[key].type
    left = "(" if m["lo_open"] else "["
    return f"in {left}{_show(m['lo'])}, {_show(m['hi'])}]"


def parse_sets(assignments: list[str]) -> dict[str, Any]:
    """`key=value` strings, as given to `ganlab train --set`, as typed {key: value}."""
    changes = {}
    for a in assignments:
        key, sep, value = a.partition("=")
        if not sep:
            raise ConfigError(f"--set {a!r}: expected KEY=VALUE")
        changes[key.strip()] = coerce(key.strip(), value.strip())
    return changes


def _unknown(key: str) -> ConfigError:
    close = difflib.get_close_matches(key, FIELDS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return ConfigError(f"unknown config key {key!r}{hint}")


def coerce(key: str, value: Any) -> Any:
    """Turn a string or JSON value into the key's type; raise ConfigError naming the key."""
    if key not in FIELDS:
        raise _unknown(key)
    ftype = FIELDS[key].type
    try:
        if ftype == "bool":
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() in ("1", "true", "yes", "on"):
                return True
            if str(value).strip().lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if ftype == "int":
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(float(value)) if isinstance(value, str) and "e" in value.lower() \
                else int(value)
        if ftype == "float":
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if ftype == "tuple":
            if isinstance(value, str):
                from ganlab import safejson  # a link's value: bounded depth and size

                value = safejson.loads(value, key) if value.strip() else []
            return tuple(tuple(float(c) for c in row) for row in value)
        if ftype == "str":
            if not isinstance(value, str):
                raise ValueError
            return value
    except (TypeError, ValueError, OverflowError, json.JSONDecodeError):  # OverflowError: "1e400"
        raise ConfigError(f"{key}={_show(value)}: must be {_type_word(ftype)}") from None
    return value


def _type_word(ftype: str) -> str:
    return {"bool": "true or false", "int": "a whole number", "float": "a number",
            "tuple": "a list of [x, y] points", "str": "text"}.get(ftype, ftype)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check(f: dataclasses.Field, value: Any) -> None:
    m, key = f.metadata, f.name
    if f.type in ("int", "float") and (isinstance(value, bool) or
                                       not isinstance(value, (int, float))):
        raise ConfigError(f"{key}={_show(value)}: must be {_type_word(f.type)}")
    if f.type == "float" and not math.isfinite(value):
        raise ConfigError(f"{key}={value}: must be a finite number {allowed(key)}")
    if m["choices"] and value not in m["choices"]:
        close = difflib.get_close_matches(str(value), m["choices"], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"{key}={_show(value)}: must be {allowed(key)}{hint}")
    if m["lo"] is not None:
        too_low = value <= m["lo"] if m["lo_open"] else value < m["lo"]
        if too_low or value > m["hi"]:
            raise ConfigError(f"{key}={_show(value)}: must be {allowed(key)}")


MIN_DRAWN_POINTS, MAX_DRAWN_POINTS = 3, 10_000


def _check_points(points: tuple) -> None:
    if not MIN_DRAWN_POINTS <= len(points) <= MAX_DRAWN_POINTS:
        raise ConfigError(f"drawn_points: need {MIN_DRAWN_POINTS} to {MAX_DRAWN_POINTS:,} "
                          f"points, got {len(points)}")
    for i, p in enumerate(points):
        if len(p) != 2 or not all(math.isfinite(c) for c in p):
            raise ConfigError(f"drawn_points row {i + 1}: must be two finite numbers x, y")


def _check_pack(cfg: Config) -> None:
    # A batch splits into whole packs (never a shorter last one: every pack is m samples). Labels
    # would need m labels per pack, which no D here reads, so conditional runs keep pack=1.
    if cfg.batch_size % cfg.pack:
        raise ConfigError(f"pack={cfg.pack}: must divide batch_size={cfg.batch_size} "
                          f"(D sees batch_size / pack packs of pack samples)")
    if cfg.pack > 1 and cfg.conditional:
        raise ConfigError(f"pack={cfg.pack}: not with conditional=true (a pack would need one "
                          f"label per sample); use pack=1")
