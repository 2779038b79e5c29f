"""Run folders: the one place that writes runs to disk (architecture §6).

    DIR/config.json        the full resolved Config
    DIR/metrics.jsonl      one JSON object per logged iteration (step, loss_d, loss_g, diagnostics)
    DIR/status.json        {"state": running|paused|finished|failed|stopped, "step": N,
                            "error": ...}
    DIR/checkpoint.safetensors + checkpoint.json   weights, optimizer and RNG state
    DIR/samples/           periodic samples: step_000500.npy (toy) or step_000500.png (images)

Every file is written whole to a temporary name and renamed into place, and metrics are appended
line by line, so a run killed at any moment keeps everything written before. Checkpoints are
safetensors plus JSON: loading never unpickles anything.
"""

from __future__ import annotations

import errno
import io
import json
import math
import os
import time
from pathlib import Path

import numpy as np

from ganlab import atomic, safejson
from ganlab.config import Config, ConfigError

STATES = ("queued", "running", "paused", "finished", "failed", "stopped")
CHECKPOINT = "checkpoint.safetensors"
CHECKPOINT_META = "checkpoint.json"
# A page reads at most this much of metrics.jsonl: a bigger file (a long run, or a bundle that
# carries 190 MB of rows) is read as evenly spaced windows, which the charts decimate anyway.
METRICS_READ_BYTES = 4 * 2**20
METRICS_WINDOWS = 64
MAX_ROW_BYTES = 64 * 1024   # one metrics row; a longer line is damage, skipped and counted


class RunError(RuntimeError):
    """A run folder that is missing, incomplete or corrupt; the message is for a person."""


def open_log(path: str | os.PathLike) -> int:
    """A run's worker.log opened for appending, as a file descriptor (the worker sends its
    stdout and stderr there)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)


def _finite_or_none(row: dict) -> dict:
    # JSON has no NaN/inf; a diverged value is written as null and flagged by name.
    out = {}
    for k, v in row.items():
        if isinstance(v, float) and not math.isfinite(v):
            out[k] = None
            out.setdefault("nonfinite", []).append(k)
        elif isinstance(v, (np.floating, np.integer)):
            out[k] = v.item()
        else:
            out[k] = v
    return out


class Run:
    """A run folder on disk; cheap to construct, reads lazily."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    # --- creation ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path, cfg: Config, exist_ok: bool = False) -> Run:
        """A new run folder with its config and a `queued` status. On any failure (disk full,
        no permission) it raises RunError and leaves no stub folder behind."""
        run = cls(path)
        if run.path.exists() and not run.path.is_dir():
            raise RunError(f"{run.path}: exists and is not a folder; choose another --out")
        if run.path.is_dir() and any(run.path.iterdir()) and not exist_ok:
            raise RunError(f"{run.path}: folder exists and is not empty; choose another --out")
        made = [p for p in (run.path, *run.path.parents) if not p.exists()]
        try:
            (run.path / "samples").mkdir(parents=True, exist_ok=True)
            run.write_config(cfg)
            run.write_status("queued", 0)
        except OSError as e:
            import shutil

            for p in made:           # innermost first: only what this call created
                shutil.rmtree(p, ignore_errors=True)
            raise RunError(f"{run.path}: cannot create the run folder "
                           f"({e.strerror or type(e).__name__})") from None
        return run

    def write_config(self, cfg: Config) -> None:
        atomic.write(self.path / "config.json", cfg.to_json().encode())

    # --- reading ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.name

    def exists(self) -> bool:
        return (self.path / "config.json").is_file()

    def config(self) -> Config:
        """The run's Config; RunError (one line) for anything unusable, never another error."""
        try:
            return Config.from_dict(safejson.read_object(self.path / "config.json",
                                                         "config.json"))
        except FileNotFoundError:
            raise RunError(f"{self.path}: not a run folder (no config.json)") from None
        except (ConfigError, safejson.JsonError) as e:
            raise RunError(f"{self.path}/config.json: {e}") from None
        except (OSError, TypeError, ValueError) as e:
            raise RunError(f"{self.path}/config.json: unreadable ({type(e).__name__})") from None

    def status(self) -> dict:
        """{"state", "step", "error", ...}, always with those types. A damaged file gives state
        `unknown` and says why under "damaged", so a listing can show the run as damaged."""
        try:
            body = safejson.read_object(self.path / "status.json", "status.json", 64 * 1024)
        except FileNotFoundError:
            return {"state": "unknown", "step": 0, "error": None}
        except (OSError, safejson.JsonError) as e:
            return {"state": "unknown", "step": 0, "error": None,
                    "damaged": str(e) if isinstance(e, safejson.JsonError) else
                    f"status.json is unreadable ({type(e).__name__})"}
        state, step, error = body.get("state"), body.get("step", 0), body.get("error")
        problem = (f"status.json: unknown state {str(state)[:40]!r}" if state not in STATES else
                   f"status.json: step {str(step)[:40]!r} is not a whole number >= 0"
                   if type(step) is not int or step < 0 else
                   "status.json: error is not text" if not isinstance(error, (str, type(None)))
                   else None)
        if problem:
            return {"state": "unknown", "step": 0, "error": None, "damaged": problem}
        return body

    def metrics(self, max_bytes: int | None = METRICS_READ_BYTES) -> list[dict]:
        """Metric rows in step order. A file over max_bytes is read as evenly spaced windows
        (first and last rows always kept; None reads all). Lines that are not UTF-8 JSON objects
        (a torn last line, damage, a hostile bundle) are skipped and counted in
        `self.skipped_rows`."""
        self.skipped_rows = 0
        path = self.path / "metrics.jsonl"
        try:
            with open(path, "rb") as f:
                size = f.seek(0, os.SEEK_END)
                f.seek(0)
                if max_bytes is None or size <= max_bytes:
                    return self._parse_rows(f)
                return self._strided_rows(f, size, max_bytes)
        except FileNotFoundError:
            return []
        except OSError:
            return []

    def _parse_rows(self, lines) -> list[dict]:
        rows = []
        for line in lines:
            if not line.strip():
                continue
            try:
                if len(line) > MAX_ROW_BYTES:
                    raise safejson.JsonError("row too long")
                row = safejson.load_object(line, max_depth=4)
            except safejson.JsonError:
                self.skipped_rows += 1
                continue
            rows.append(row)
        return rows

    def _strided_rows(self, f, size: int, max_bytes: int) -> list[dict]:
        window = max_bytes // METRICS_WINDOWS
        rows: list[dict] = []
        for i in range(METRICS_WINDOWS):
            start = (size - window) * i // (METRICS_WINDOWS - 1)
            f.seek(start)
            chunk = f.read(window).split(b"\n")
            if start > 0:
                chunk = chunk[1:]            # starts mid-line
            if start + window < size:
                chunk = chunk[:-1]           # ends mid-line
            rows += self._parse_rows(chunk)
        return rows

    def sample_files(self) -> list[Path]:
        return sorted((self.path / "samples").glob("step_*.*"))

    # --- writing ----------------------------------------------------------------------------
    def write_status(self, state: str, step: int, error: str | None = None, **extra) -> None:
        assert state in STATES, state
        body = {"state": state, "step": int(step), "error": error, "updated": time.time(), **extra}
        data = json.dumps(body).encode()
        try:
            atomic.write(self.path / "status.json", data)
        except OSError as e:
            if e.errno != errno.ENOSPC or not (self.path / "status.json").is_file():
                raise
            # A full disk has no room for the temporary copy, but the old status.json's own
            # block is reused when it is rewritten in place: the reason why the run ended is
            # worth more than atomicity here (a torn file is listed as damaged, not fatal).
            with open(self.path / "status.json", "r+b") as f:
                f.truncate(0)
                f.write(data)
                f.flush()
                os.fsync(f.fileno())

    def append_metrics(self, rows: list[dict]) -> None:
        if not rows:
            return
        text = "".join(json.dumps(_finite_or_none(r)) + "\n" for r in rows)
        with open(self.path / "metrics.jsonl", "a", encoding="utf-8") as f:
            f.write(text)
            f.flush()

    def remove_torn_writes(self, pid: int) -> list[str]:
        """Remove the half-written temporaries of writer `pid`, which died in mid-write."""
        from ganlab.runs import areas

        return [name for folder in (self.path, self.path / "samples")
                for name in areas.remove_torn_writes(folder, pid)]

    def save_samples(self, step: int, samples: np.ndarray | bytes) -> Path:
        """Toy samples as .npy (float32, data coordinates); images as already-encoded PNG bytes."""
        (self.path / "samples").mkdir(exist_ok=True)
        if isinstance(samples, bytes):
            path = self.path / "samples" / f"step_{step:07d}.png"
            atomic.write(path, samples)
        else:
            path = self.path / "samples" / f"step_{step:07d}.npy"
            buf = io.BytesIO()
            np.save(buf, np.asarray(samples, dtype=np.float32))
            atomic.write(path, buf.getvalue())
        return path

    # --- checkpoints ------------------------------------------------------------------------
    def save_checkpoint(self, trainer) -> None:
        from safetensors.torch import save

        tensors, meta = trainer.state()
        # Tensors first, then the JSON that points at them: a crash in between leaves the old
        # JSON, whose step no longer matches, and load_checkpoint refuses the pair.
        meta["saved"] = time.time()
        blob = save(tensors, metadata={"step": str(meta["step"])})
        atomic.write(self.path / CHECKPOINT, blob)
        atomic.write(self.path / CHECKPOINT_META, json.dumps(meta).encode())

    def has_checkpoint(self) -> bool:
        return (self.path / CHECKPOINT).is_file() and (self.path / CHECKPOINT_META).is_file()

    def load_checkpoint(self) -> tuple[dict, dict]:
        """(tensors, meta), validated; raises RunError with a clear reason when unusable."""
        from safetensors import SafetensorError
        from safetensors.torch import load

        if not self.exists():
            raise RunError(f"{self.path}: not a run folder (no config.json)")
        if not self.has_checkpoint():
            raise RunError(f"{self.path}: no checkpoint to resume from")
        try:
            blob = (self.path / CHECKPOINT).read_bytes()
            tensors = load(blob)
            meta = safejson.read_object(self.path / CHECKPOINT_META, CHECKPOINT_META)
        except safejson.JsonError as e:
            raise RunError(f"{self.path}: checkpoint is corrupt ({e})") from None
        except (SafetensorError, OSError, ValueError) as e:
            raise RunError(f"{self.path}: checkpoint is corrupt ({type(e).__name__}: "
                           f"{str(e)[:120]})") from None
        if "step" not in meta or not isinstance(meta.get("config"), dict):
            raise RunError(f"{self.path}: checkpoint metadata is incomplete")
        for key in ("step", "d_updates", "g_updates"):
            value = meta.get(key, 0)
            if type(value) is not int or value < 0:   # "abc", -90, 1.5, true: all tampering
                raise RunError(f"{self.path}: checkpoint {key} {str(value)[:40]!r} is not a "
                               f"whole number >= 0")
        return tensors, meta

    def load_trainer(self, device: str | None = None):
        """A Trainer restored from the latest checkpoint, ready to continue the step count."""
        from ganlab.train.trainer import Trainer

        tensors, meta = self.load_checkpoint()
        try:
            cfg = Config.from_dict(meta["config"])
        except ConfigError as e:
            raise RunError(f"{self.path}: checkpoint config is invalid: {e}") from None
        trainer = Trainer(cfg, device=device)
        _check_tensors(self.path, trainer.state()[0], tensors)
        try:
            trainer.load_state(tensors, meta)
        except (KeyError, RuntimeError, ValueError, TypeError) as e:
            raise RunError(f"{self.path}: checkpoint does not match its config "
                           f"({type(e).__name__}: {str(e)[:160]})") from None
        return trainer

    def drop_metrics_after(self, step: int) -> None:
        """On resume, forget rows logged after the checkpoint, so no step appears twice."""
        rows = [r for r in self.metrics(max_bytes=None)
                if type(r.get("step")) is int and r["step"] <= step]
        atomic.write(self.path / "metrics.jsonl",
                      "".join(json.dumps(r) + "\n" for r in rows).encode())


def _check_tensors(where: Path, reference: dict, tensors: dict) -> None:
    """Refuse a checkpoint whose tensors differ in dtype or shape from what its config builds,
    or hold NaN/inf: load_state_dict would cast them silently and the run would train into NaN.
    Optimizer moments have no reference in a fresh Trainer; they must be finite float32."""
    import torch

    for name, t in tensors.items():
        ref = reference.get(name)
        want = ref.dtype if ref is not None else (torch.uint8 if name.startswith("rng.")
                                                  else torch.float32)
        if t.dtype != want or (ref is not None and tuple(t.shape) != tuple(ref.shape)):
            raise RunError(f"{where}: checkpoint does not match its config (tensor "
                           f"{name[:60]!r} is {t.dtype} {tuple(t.shape)}, expected {want}"
                           + (f" {tuple(ref.shape)})" if ref is not None else ")"))
        if t.is_floating_point() and not bool(torch.isfinite(t).all()):
            raise RunError(f"{where}: checkpoint tensor {name[:60]!r} holds NaN or inf")
