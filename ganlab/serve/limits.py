"""Limits: what one server lets its visitors run (admission caps and per-job bounds).

Defaults suit one person on their own machine; `Limits.showcase()` suits a public demo on a shared
GPU box. `Limits.from_env()` reads GANLAB_LIMITS=showcase|default for the base (showcase when
GANLAB_SHOWCASE=1 and GANLAB_LIMITS is unset) and then
GANLAB_LIMIT_<FIELD>=value per field (e.g. GANLAB_LIMIT_MAX_ITERATIONS=20000). `check(cfg)` is
called by the JobManager before a job is queued, so every path that reaches the core (widgets, URL
parameters, uploaded configs) is bounded in one place.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from dataclasses import dataclass

from ganlab.changes import CAP_MESSAGES, over_cap
from ganlab.config import ConfigError
from ganlab.i18n import Translated

ENV_BASE = "GANLAB_LIMITS"
ENV_PREFIX = "GANLAB_LIMIT_"
GIB_PER_GPU_JOB = 2  # a toy or small DCGAN run needs well under this; leaves room for spikes


class LimitError(Translated, ConfigError):
    """A request beyond this server's limits, raised with its translation key (ganlab.i18n)."""


@dataclass(frozen=True)
class Limits:
    max_iterations: int = 1_000_000        # per run, counting resumed steps
    max_wall_seconds: float = 6 * 3600     # training time per job before it finishes itself
    max_parameters: int = 50_000_000       # G + D; DCGAN at 64 px is ~10M
    max_batch_size: int = 4096
    max_image_size: int = 64
    max_concurrent: int = 0                # jobs training at once; 0: derive (serve.capacity)
    runs_per_core: int = 8                 # ... runs time-sliced on one core when derived
    max_workers: int = 0                   # worker processes at once; 0: derive from memory
    worker_mb: int = 500                   # memory one worker may take, for that derivation
    warm_spares: int = 2                   # idle workers kept with torch imported (fast Train)
    train_nice: int = 5                    # nice of runs sharing the cores (serve.capacity)
    max_per_session: int = 4               # live (queued, running or paused) jobs per session
    max_per_address: int = 0               # ... per client address, all its tabs; 0: derive
    queue_unwatched_seconds: float = 60    # a queued job nobody read for this long is dropped
    max_lifetime_seconds: float = 8 * 3600  # submit to stop, paused time included
    max_queue: int = 200                   # queued jobs server-wide before submits are refused
    idle_pause_seconds: float = 900        # nobody read its snapshot for this long: pause
    idle_stop_seconds: float = 3600        # ... and for this long: stop (checkpointed)
    orphan_grace_seconds: float = 90       # tab closed: stop after this unless re-attached
    forget_ended_seconds: float = 1800     # an ended job nobody read for this long leaves memory
    allow_outside_runs: bool = True        # may a job resume a run folder outside the runs root

    def __post_init__(self):
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            # `not v >= 0` also refuses NaN (a "nan" in an env var), which `v < 0` lets through.
            if f.type in ("int", "float") and (isinstance(v, bool) or not v >= 0 or
                                               v == float("inf")):
                raise ValueError(f"limit {f.name}={v}: must be a finite number >= 0")
        if self.train_nice > 19:
            raise ValueError(f"limit train_nice={self.train_nice}: must be at most 19")
        if self.orphan_grace_seconds > 120:
            # architecture §3: a closed tab's worker must be gone within two minutes.
            raise ValueError(f"limit orphan_grace_seconds={self.orphan_grace_seconds}: "
                             "must be at most 120")

    @classmethod
    def showcase(cls) -> Limits:
        """A public demo: short toy runs, one job per visitor, idle jobs gone within minutes."""
        return cls(max_iterations=20_000, max_wall_seconds=300, max_parameters=2_000_000,
                   max_batch_size=512, max_image_size=32, max_per_session=1, max_queue=100,
                   idle_pause_seconds=60, idle_stop_seconds=180, orphan_grace_seconds=60,
                   forget_ended_seconds=600, allow_outside_runs=False,
                   queue_unwatched_seconds=30, max_lifetime_seconds=600)

    @classmethod
    def from_env(cls, environ=None) -> Limits:
        env = os.environ if environ is None else environ
        # GANLAB_SHOWCASE=1 (serve.settings) makes showcase the base unless GANLAB_LIMITS says.
        showcase = env.get("GANLAB_SHOWCASE", "").strip().lower() in ("1", "true", "yes", "on")
        base_name = env.get(ENV_BASE, "showcase" if showcase else "default").strip().lower()
        if base_name not in ("default", "showcase"):
            raise ValueError(f"{ENV_BASE}={base_name!r}: must be default or showcase")
        base = cls.showcase() if base_name == "showcase" else cls()
        changes = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None:
                continue
            try:
                if f.type == "bool":
                    if raw.strip().lower() not in ("1", "0", "true", "false", "yes", "no"):
                        raise ValueError
                    changes[f.name] = raw.strip().lower() in ("1", "true", "yes")
                else:
                    changes[f.name] = int(raw) if f.type == "int" else float(raw)
            except ValueError:
                raise ValueError(f"{ENV_PREFIX}{f.name.upper()}={raw!r}: must be "
                                 f"{'true or false' if f.type == 'bool' else 'a number'}") from None
        return dataclasses.replace(base, **changes)

    # --- admission ---------------------------------------------------------------------------
    def global_cap(self) -> int:
        """Whole cores' worth of work at once (the Learn pages' tasks; runs time-slice the cores
        under serve.capacity's caps instead): the configured value, else one per CPU core less
        one for the web server (which draws every visitor's live view; with all cores training,
        a 20-session load test on 2 cores saw 10 s per live refresh), and on a GPU also no more
        than its memory holds at GIB_PER_GPU_JOB each."""
        if self.max_concurrent:
            return self.max_concurrent
        cores = max(1, (os.cpu_count() or 1) - 1)
        gib = gpu_memory_gib()
        if gib:
            return max(1, min(cores, int(gib // GIB_PER_GPU_JOB)))
        return max(1, cores)

    def caps(self) -> dict[str, int]:
        """The caps a live change can run into (ganlab.changes.decide takes them as is)."""
        return {"steps": self.max_iterations, "batch_size": self.max_batch_size}

    def check(self, cfg) -> None:
        """Raise LimitError if a run of `cfg` would exceed a per-job limit."""
        for key in CAP_MESSAGES:      # the same messages as a live change's (ganlab.changes)
            over = over_cap(key, getattr(cfg, key), self.caps())
            if over is not None:
                raise LimitError(over.message_key, **over.args)
        if cfg.image_size > self.max_image_size:
            raise LimitError("jobs.limit.image_size", value=cfg.image_size,
                             limit=self.max_image_size)
        if cfg.is_toy:
            # Cheap to count exactly for toy data (no dataset to load); image runs are counted
            # by the worker once it has built the models (check_parameters).
            self.check_parameters(count_parameters(cfg))

    def check_parameters(self, n: int) -> None:
        if n > self.max_parameters:
            raise LimitError("jobs.limit.parameters", n=n, limit=self.max_parameters)

    def check_model(self, cfg) -> None:
        """The parameter cap for any config, counted without building real weights."""
        self.check_parameters(count_parameters(cfg))


def count_parameters(cfg) -> int:
    """Parameters of G + D for a config; the models are built on the meta device (no memory,
    no RNG). Only the models: the dataset is real data (a drawn target reads its own points to
    find its bounds, which a meta tensor cannot give). Toy data is cheap, so `check` counts it
    at admission; an image set is loaded, so only a worker counts one (before a placement probe
    would train it)."""
    import torch

    from ganlab.data import make_dataset
    from ganlab.train.mlp import build_models

    data = make_dataset(cfg)
    with torch.device("meta"):
        G, D = build_models(cfg, data)
    return sum(p.numel() for m in (G, D) for p in m.parameters())


def gpu_memory_gib() -> float | None:
    """Total memory of the first GPU via nvidia-smi; None without one. Asking torch would
    initialise CUDA in the web server process, which must stay CUDA-free."""
    exe = shutil.which("nvidia-smi")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
                             capture_output=True, text=True, timeout=5, check=True).stdout
        return float(out.split()[0]) / 1024
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
