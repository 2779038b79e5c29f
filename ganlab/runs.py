"""Run folders: the one place that writes runs to disk (DESIGN §6).

    DIR/config.json        the full resolved Config
    DIR/metrics.jsonl      one JSON object per logged iteration (step, loss_d, loss_g, diagnostics)
    DIR/status.json        {"state": running|paused|finished|failed|stopped, "step": N, "error": ...}
    DIR/checkpoint.safetensors + checkpoint.json   weights, optimizer and RNG state
    DIR/samples/           periodic samples: step_000500.npy (toy) or step_000500.png (images)

Every file is written whole to a temporary name and renamed into place, and metrics are appended
line by line, so a run killed at any moment keeps everything written before. Checkpoints are
safetensors plus JSON: loading never unpickles anything.
"""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

import numpy as np

from ganlab.config import Config, ConfigError

STATES = ("queued", "running", "paused", "finished", "failed", "stopped")
CHECKPOINT = "checkpoint.safetensors"
CHECKPOINT_META = "checkpoint.json"


class RunError(RuntimeError):
    """A run folder that is missing, incomplete or corrupt; the message is for a person."""


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        _discard(tmp)    # e.g. disk full: free the space, leave no half-written file behind
        raise


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


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
        run = cls(path)
        if run.path.exists() and any(run.path.iterdir()) and not exist_ok:
            raise RunError(f"{run.path}: folder exists and is not empty; choose another --out")
        (run.path / "samples").mkdir(parents=True, exist_ok=True)
        run.write_config(cfg)
        run.write_status("queued", 0)
        return run

    def write_config(self, cfg: Config) -> None:
        _atomic_write(self.path / "config.json", cfg.to_json().encode())

    # --- reading ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.name

    def exists(self) -> bool:
        return (self.path / "config.json").is_file()

    def config(self) -> Config:
        try:
            return Config.from_json((self.path / "config.json").read_text())
        except FileNotFoundError:
            raise RunError(f"{self.path}: not a run folder (no config.json)") from None
        except ConfigError as e:
            raise RunError(f"{self.path}/config.json: {e}") from None

    def status(self) -> dict:
        try:
            return json.loads((self.path / "status.json").read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {"state": "unknown", "step": 0, "error": None}

    def metrics(self) -> list[dict]:
        """All metric rows; a torn last line (killed mid-write) is skipped, not fatal."""
        path = self.path / "metrics.jsonl"
        if not path.exists():
            return []
        rows = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return rows

    def sample_files(self) -> list[Path]:
        return sorted((self.path / "samples").glob("step_*.*"))

    # --- writing ----------------------------------------------------------------------------
    def write_status(self, state: str, step: int, error: str | None = None, **extra) -> None:
        assert state in STATES, state
        body = {"state": state, "step": int(step), "error": error, "updated": time.time(), **extra}
        _atomic_write(self.path / "status.json", json.dumps(body).encode())

    def append_metrics(self, rows: list[dict]) -> None:
        if not rows:
            return
        text = "".join(json.dumps(_finite_or_none(r)) + "\n" for r in rows)
        with open(self.path / "metrics.jsonl", "a", encoding="utf-8") as f:
            f.write(text)
            f.flush()

    def save_samples(self, step: int, samples: np.ndarray | bytes) -> Path:
        """Toy samples as .npy (float32, data coordinates); images as already-encoded PNG bytes."""
        (self.path / "samples").mkdir(exist_ok=True)
        if isinstance(samples, bytes):
            path = self.path / "samples" / f"step_{step:07d}.png"
            _atomic_write(path, samples)
        else:
            path = self.path / "samples" / f"step_{step:07d}.npy"
            tmp = path.with_name(f".{path.name}.tmp")
            try:
                with open(tmp, "wb") as f:
                    np.save(f, np.asarray(samples, dtype=np.float32))
                os.replace(tmp, path)
            except BaseException:
                _discard(tmp)
                raise
        return path

    # --- checkpoints ------------------------------------------------------------------------
    def save_checkpoint(self, trainer) -> None:
        from safetensors.torch import save

        tensors, meta = trainer.state()
        # Tensors first, then the JSON that points at them: a crash in between leaves the old
        # JSON, whose step no longer matches, and load_checkpoint refuses the pair.
        meta["saved"] = time.time()
        blob = save(tensors, metadata={"step": str(meta["step"])})
        _atomic_write(self.path / CHECKPOINT, blob)
        _atomic_write(self.path / CHECKPOINT_META, json.dumps(meta).encode())

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
            meta = json.loads((self.path / CHECKPOINT_META).read_text())
        except (SafetensorError, json.JSONDecodeError, UnicodeDecodeError, ValueError) as e:
            raise RunError(f"{self.path}: checkpoint is corrupt ({type(e).__name__}: "
                           f"{str(e)[:120]})") from None
        if not isinstance(meta, dict) or "step" not in meta or "config" not in meta:
            raise RunError(f"{self.path}: checkpoint metadata is incomplete")
        return tensors, meta

    def load_trainer(self, device: str | None = None):
        """A Trainer restored from the latest checkpoint, ready to continue the step count."""
        from ganlab.trainer import Trainer

        tensors, meta = self.load_checkpoint()
        try:
            cfg = Config.from_dict(meta["config"])
        except ConfigError as e:
            raise RunError(f"{self.path}: checkpoint config is invalid: {e}") from None
        trainer = Trainer(cfg, device=device)
        try:
            trainer.load_state(tensors, meta)
        except (KeyError, RuntimeError, ValueError, TypeError) as e:
            raise RunError(f"{self.path}: checkpoint does not match its config "
                           f"({type(e).__name__}: {str(e)[:160]})") from None
        return trainer

    def drop_metrics_after(self, step: int) -> None:
        """On resume, forget rows logged after the checkpoint, so no step appears twice."""
        rows = [r for r in self.metrics() if r.get("step", 0) <= step]
        _atomic_write(self.path / "metrics.jsonl",
                      "".join(json.dumps(r) + "\n" for r in rows).encode())
