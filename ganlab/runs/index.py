"""The runs root as a list: one summary per run folder, plus rename, delete, orphan repair, quota.

Every run lands in the same folder format whether the app or the CLI made it (architecture §6), so
this module only reads those files; it never needs the JobManager. Pages pass in which runs have a
live worker, so that after a restart a run that said `running` but has no worker any more is shown
as `stopped` (and can be resumed from its checkpoint), without touching runs that another process
(the CLI) is still writing.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ganlab import safejson
from ganlab.i18n import Translated
from ganlab.runs import naming
from ganlab.runs.folder import Run, RunError

LIVE_STATES = ("queued", "running", "paused")
# Final metrics worth a column, in order of preference; each run shows the ones it logged.
KEY_METRICS = ("modes_covered", "hq_share", "js_binned", "js", "w1_exact", "w1", "mmd",
               "sample_diversity")
ORPHAN_GRACE_S = 120.0   # a run whose files changed this recently may be training elsewhere (CLI)
TAIL_BYTES = 256 * 1024  # summaries read only the end of metrics.jsonl
DISK_RESERVE_BYTES = 64 * 2**20  # new runs stop while the disk has less than this free


class QuotaError(Translated, RuntimeError):
    """The runs folder is full; the message says how full and what to do."""


@dataclass(frozen=True)
class RunSummary:
    name: str
    path: Path
    state: str                    # a status.json state, "unknown", or "corrupt"
    step: int                     # the furthest logged iteration
    steps: int = 0                # the config's target
    dataset: str = ""
    loss: str = ""
    started: float = 0.0          # seconds since the epoch
    updated: float = 0.0          # last write to any of the run's files
    final: dict = field(default_factory=dict)  # last logged value of loss_d, loss_g, KEY_METRICS
    checkpoint_step: int | None = None         # where a resume would continue from
    error: str | None = None

    @property
    def resumable(self) -> bool:
        return self.checkpoint_step is not None and self.state not in LIVE_STATES


# --- reading ---------------------------------------------------------------------------------
def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _signature(path: Path) -> tuple[float, int]:
    try:
        st = path.stat()
        return st.st_mtime, st.st_size
    except OSError:
        return 0.0, -1


def _tail_rows(path: Path) -> list[dict]:
    """The metric rows in the last TAIL_BYTES of the file (the first, partial line dropped)."""
    try:
        with open(path, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - TAIL_BYTES))
            lines = f.read().split(b"\n")
    except OSError:
        return []
    if size > TAIL_BYTES:
        lines = lines[1:]
    rows = []
    for line in lines:
        try:
            rows.append(safejson.load_object(line, max_depth=4))
        except safejson.JsonError:
            continue  # a torn last line or damage: skip, never fail the whole list
    return rows


def final_metrics(rows: list[dict]) -> dict:
    """Last logged (non-null) value of each key metric: diagnostics run on their own cadence."""
    out = {}
    for row in reversed(rows):
        for key in ("loss_d", "loss_g", *KEY_METRICS):
            if key not in out and isinstance(row.get(key), (int, float)):
                out[key] = float(row[key])
    return out


def _checkpoint_step(run: Run) -> int | None:
    try:
        step = safejson.read_object(run.path / "checkpoint.json").get("step")
    except (OSError, safejson.JsonError):
        return None
    ok = type(step) is int and step >= 0 and (run.path / "checkpoint.safetensors").is_file()
    return step if ok else None


_cache: dict[Path, tuple[tuple, RunSummary]] = {}


def summarize(path: str | os.PathLike) -> RunSummary:
    """One run's summary; cached until one of its files changes. Never raises: a folder that
    cannot be read is listed as `corrupt` (shown as "damaged") with the reason, so one bad
    folder (an upload, a crash, a hand edit) never breaks the Runs or Compare page for anyone."""
    try:
        return _summarize(path)
    except Exception as e:  # noqa: BLE001 - the listing must survive anything on disk
        p = Path(path)
        return RunSummary(name=p.name, path=p, state="corrupt", step=0,
                          error=f"{p.name}: unreadable ({type(e).__name__})")


def _summarize(path) -> RunSummary:
    run = Run(path)
    files = [run.path / n for n in ("config.json", "status.json", "metrics.jsonl",
                                    "checkpoint.json")]
    signature = tuple(_signature(f) for f in files)
    hit = _cache.get(run.path)
    if hit and hit[0] == signature:
        return hit[1]
    status = run.status()
    rows = _tail_rows(run.path / "metrics.jsonl")
    last_step = max((r["step"] for r in rows if type(r.get("step")) is int), default=0)
    common = dict(name=run.name, path=run.path, started=_mtime(files[0]),
                  updated=max(_mtime(f) for f in files), final=final_metrics(rows),
                  step=max(status["step"], last_step), checkpoint_step=_checkpoint_step(run))
    try:
        cfg = run.config()
    except RunError as e:
        summary = RunSummary(state="corrupt", error=_short(run, str(e)), **common)
    else:
        damaged = status.get("damaged")
        summary = RunSummary(state="corrupt" if damaged else status["state"], steps=cfg.steps,
                             dataset=cfg.dataset, loss=cfg.loss,
                             error=damaged or status.get("error"), **common)
    _cache[run.path] = (signature, summary)
    return summary


def _short(run: Run, text: str) -> str:
    # The reason names the file inside the run, not the server's path to it.
    return text.replace(str(run.path), run.name)


def scan(root: str | os.PathLike) -> list[RunSummary]:
    """Every run folder directly under root (a folder with a config.json), newest first."""
    root = Path(root)
    if not root.is_dir():
        return []
    out = [summarize(p) for p in root.iterdir()
           if p.is_dir() and not p.is_symlink() and (p / "config.json").is_file()]
    return sorted(out, key=lambda s: s.started, reverse=True)


# --- housekeeping ----------------------------------------------------------------------------
def mark_orphans_stopped(root, live_ids: Iterable[str], now: float | None = None,
                         grace_s: float = ORPHAN_GRACE_S) -> list[str]:
    """Runs that claim to be live but have no worker here and no recent writes become `stopped`.

    Returns the names changed. The grace period protects a CLI run training in another process.
    """
    live, now = set(live_ids), now if now is not None else time.time()
    changed = []
    for s in scan(root):
        if s.state in LIVE_STATES and s.name not in live and now - s.updated > grace_s:
            Run(s.path).write_status("stopped", s.checkpoint_step or s.step,
                                     note="no worker after an app restart")
            changed.append(s.name)
    return changed


def _existing(root, name: str) -> Path:
    path = naming.inside(root, name)
    if not (path / "config.json").is_file() or path.is_symlink():
        raise RunError(f"no run called {name!r}")
    return path


def rename(root, old: str, new: str, live_ids: Iterable[str] = ()) -> str:
    """Rename a run folder; returns the sanitised new name. Refuses a live run or a taken name."""
    src = _existing(root, old)
    if old in set(live_ids):
        raise RunError(f"{old!r} is training; stop it before renaming")
    new = naming.sanitize(new)
    dst = naming.inside(root, new)
    if dst.exists():
        raise RunError(f"a run called {new!r} already exists")
    os.rename(src, dst)
    _cache.pop(src, None)
    return new


def delete(root, name: str, live_ids: Iterable[str] = ()) -> None:
    """Remove a run folder for good (the page asks for confirmation first)."""
    path = _existing(root, name)
    if name in set(live_ids):
        raise RunError(f"{name!r} is training; stop it before deleting")
    shutil.rmtree(path)
    _cache.pop(path, None)


# --- disk quota ------------------------------------------------------------------------------
def disk_usage(root) -> int:
    """Bytes used by every file under root (symlinks not followed)."""
    total = 0
    for dirpath, _, files in os.walk(Path(root)):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_size
            except OSError:
                pass
    return total


def free_bytes(root) -> int | None:
    """Free space on the disk that holds the runs folder (its nearest existing parent)."""
    path = Path(root)
    for p in (path, *path.absolute().parents):
        if p.exists():
            try:
                return shutil.disk_usage(p).free
            except OSError:
                return None
    return None


# The quota (bytes, 0: none) is the server's setting (serve/settings.py `quota_bytes`, from
# GANLAB_RUNS_QUOTA_MB), passed in by the caller: runs/ sits below serve/ and reads no environment.
def capacity(root, quota: int) -> tuple[int, int]:
    """(used, limit) in bytes: the limit is the quota, or less when the disk itself has less room
    (used + free - reserve), so "12 MB of 4,096 MB" is never shown on a 20 MB disk. limit 0:
    none."""
    used, free = disk_usage(root), free_bytes(root)
    if free is None:
        return used, max(quota, 0)
    room = used + max(0, free - DISK_RESERVE_BYTES)
    return used, room if quota <= 0 else min(quota, room)


def check_quota(root, quota: int) -> None:
    """Raise QuotaError when the runs folder has reached its quota, or its disk is nearly full
    (call before a new run or an import)."""
    free = free_bytes(root)
    if free is not None and free < DISK_RESERVE_BYTES:
        raise QuotaError("jobs.limit.disk_full", free_mb=free / 2**20)
    if quota <= 0:
        return
    used = disk_usage(root)
    if used >= quota:
        raise QuotaError("jobs.limit.quota_full", used_mb=used / 2**20, quota_mb=quota / 2**20)
