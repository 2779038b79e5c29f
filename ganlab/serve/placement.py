"""Where a run with `device=auto` trains on a box with a GPU: on the device that trains its model
faster, measured on this box, once per model shape (issue 16: "each run goes to the device that
trains it faster, measured and recorded per model size").

A GPU is not always the faster one. A toy MLP's iteration is a hundred-odd tiny kernels, each a
launch the GPU idles behind, and one CPU core can out-run it; a DCGAN's convolutions are where
the GPU wins. Where that line falls depends on the box (its CPU, its GPU, its driver), so the
rule is measured, not written down: the first auto run of a shape times a few iterations on each
device (after a warm-up, PROBE_SECONDS each) and the answer goes into `.placement.json` under the
runs root, keyed by the shape (every config key that changes what one iteration costs), so every
later run of that shape, in any worker, reads it instead. The probe costs about a second, once
per shape per box; a damaged or foreign table is measured again, never trusted. Without a table
(the CLI's `train` and `sweep`), a process measures each shape once and remembers it.

Without a GPU there is nothing to choose and nothing is measured or written: auto is the CPU.
An explicit `device=cpu` or `device=cuda` is obeyed as it is. (A bare `Trainer(cfg)` with auto
takes cuda whenever present: the server's workers, the CLI and the sweeps place first.)
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from ganlab.config import Config

TABLE = ".placement.json"      # under the runs root; a dot-name is never a run's name
PROBE_SECONDS = 0.3            # timed iterations per device, after the warm-up
PROBE_WARMUP = 5               # first calls: allocator, cuDNN autotuning, lazy imports
MAX_SHAPES = 500               # the newest kept: visitors who vary every width cannot grow it
MAX_TABLE_BYTES = 256 * 1024   # 500 entries are ~100 kB; a bigger file is not ours
_remembered: dict[tuple, dict] = {}   # (shape, devices) -> entry: this process's measurements
# What one iteration costs depends on these and on nothing else a config holds (the learning
# rates, the seed, the schedule of logs do not change a step's work).
SHAPE_KEYS = ("dataset", "image_size", "noise_dim", "model", "g_layers", "g_width", "d_layers",
              "d_width", "activation", "conditional", "dcgan_break", "loss", "batch_size", "pack",
              "optimizer_d", "optimizer_g", "d_steps", "g_steps", "spectral_norm", "r1_weight",
              "ema")


def shape(cfg: Config) -> str:
    """The table's key for `cfg`: a digest of the keys that set an iteration's cost (the weight
    of R1 and of the EMA only matter as on or off)."""
    values = {k: getattr(cfg, k) for k in SHAPE_KEYS}
    values["r1_weight"] = bool(values["r1_weight"])
    values["ema"] = bool(values["ema"])
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def iterations_per_second(cfg: Config, device: str, seconds: float = PROBE_SECONDS,
                          warmup: int = PROBE_WARMUP) -> float:
    """One Trainer of `cfg` on `device` (the CPU with the threads a run of it gets), timed over
    `seconds` of real iterations after `warmup` of them."""
    import torch

    from ganlab.train.trainer import Trainer

    trainer = Trainer(cfg, device=device)
    trainer.train(warmup)
    sync = torch.cuda.synchronize if trainer.device.type == "cuda" else (lambda: None)
    sync()
    done, t0 = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - t0) < seconds or done == 0:
        trainer.train(1)
        done += 1
        if done % 8 == 0:
            sync()
    sync()
    return done / max(elapsed, time.perf_counter() - t0)


def measure(cfg: Config, devices: tuple[str, ...]) -> dict:
    """Each device's rate for `cfg` and the faster one (ties go to the first named). A device
    whose memory is full now (other runs hold the GPU) rates 0 for this run, and the answer is
    marked `full` so that it is not kept: the next run of the shape measures again."""
    import torch

    rates, full = {}, False
    for d in devices:
        try:
            rates[d] = iterations_per_second(cfg, d)
        except torch.cuda.OutOfMemoryError:
            rates[d], full = 0.0, True
            torch.cuda.empty_cache()
    return {"rates": rates, "device": max(devices, key=lambda d: rates[d]), "full": full,
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S")}


def _read(root: Path) -> dict:
    from ganlab import safejson

    try:
        return safejson.read_object(root / TABLE, TABLE, max_bytes=MAX_TABLE_BYTES)
    except (OSError, ValueError):
        return {}


def _valid(entry, devices: tuple[str, ...]) -> bool:
    return (isinstance(entry, dict) and entry.get("device") in devices
            and isinstance(entry.get("rates"), dict)
            and set(entry["rates"]) == set(devices))


def choose(cfg: Config, root: str | os.PathLike | None,
           devices: tuple[str, ...] | None = None,
           admit: Callable[[Config], None] | None = None) -> str:
    """The device a run of `cfg` trains on. `devices`: the candidates for auto (default: cuda
    and cpu when CUDA is present, else cpu alone); the measurement is read from, or written to,
    `root`'s table (root None: measured and not kept). `admit(cfg)` is called before a probe
    trains anything and may raise: the server's size cap refuses a model too big to run before
    it takes seconds of a GPU and a CPU being measured."""
    if cfg.device != "auto":
        return cfg.device
    if devices is None:
        import torch

        devices = ("cuda", "cpu") if torch.cuda.is_available() else ("cpu",)
    if len(devices) == 1:
        return devices[0]
    key = shape(cfg)
    entry = _read(Path(root)).get(key) if root is not None else _remembered.get((key, devices))
    if not _valid(entry, devices):
        if admit is not None:
            admit(cfg)
        entry = measure(cfg, devices)
        if root is not None and not entry["full"]:
            _keep(Path(root), key, entry)
        elif not entry["full"]:
            _remembered[(key, devices)] = entry
    return entry["device"]


def _keep(root: Path, key: str, entry: dict) -> None:
    """Add one shape to the table (read again first: another worker may have added its own).
    A table that cannot be written (a full disk) only means the next run measures again."""
    from ganlab.runs import areas

    table = {k: v for k, v in _read(root).items() if isinstance(v, dict) and k != key}
    table[key] = entry                     # last: the newest, kept when the oldest go
    table = dict(list(table.items())[-MAX_SHAPES:])
    try:
        areas.write_json(root / TABLE, table, indent=1)
    except OSError:
        pass
