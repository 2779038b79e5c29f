"""One training job as the JobManager tracks it, and the small rules about it that need no
manager: its time-slider frames, the Snapshot that records a failure, its time left."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from ganlab.i18n import t
from ganlab.live.snapshot import Snapshot

TERMINAL = ("finished", "failed", "stopped")
MAX_FRAMES = 120          # snapshots kept for the time slider
FRAME_EVERY = 0.5         # seconds between kept frames at first; doubles as the run grows


class JobError(ValueError):
    """A request the JobManager refuses; the message is for a person."""


@dataclass(eq=False)
class Job:
    id: str
    session_id: str
    run_dir: Path
    spec: dict
    visitor: str = ""        # the per-visitor caps' key (serve.visitors); the session without one
    submitted: float = field(default_factory=time.monotonic)
    proc: subprocess.Popen | None = None
    conn: Connection | None = None
    latest: Snapshot | None = None
    frames: list = field(default_factory=list)
    frame_every: float = FRAME_EVERY
    started: float | None = None
    first_snapshot: bool = False
    orphaned_at: float | None = None
    last_read: float = field(default_factory=time.monotonic)
    idle_paused: bool = False
    stop_requested_at: float | None = None
    start_failure: Snapshot | None = None
    ended: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    changed: threading.Condition = field(default_factory=threading.Condition)  # latest replaced
    send_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def live(self) -> bool:
        return self.proc is not None and not self.ended

    @property
    def training(self) -> bool:
        """Live and taking a share of the cores: not paused, not in slow motion (one update every
        `pace` seconds); a worker that has not said yet counts as training."""
        snap = self.latest
        return self.live and (snap is None or snap.state not in ("paused", *TERMINAL) and
                              snap.pace is None)


def keep_frame(job: Job, snap: Snapshot) -> None:
    """Add `snap` to the job's time-slider frames: pictures only, at most MAX_FRAMES, spaced
    further apart as the run grows."""
    if snap.fake is None and snap.grid_png is None:
        return
    if job.frames and snap.wall_time - job.frames[-1].wall_time < job.frame_every:
        return
    job.frames.append(snap.replace(history={}, diagnostics={}))
    if len(job.frames) > MAX_FRAMES:
        # Thin the older half to every other frame, and keep new frames less often.
        half = len(job.frames) // 2
        job.frames = job.frames[:half:2] + job.frames[half:]
        job.frame_every *= 1.5


def failed(job: Job, key: str, **args) -> Snapshot:
    """The job's final Snapshot for a failure the worker could not report itself (it never
    started, or it died): message `key` in English, key and args kept for the page's language."""
    base = job.latest or Snapshot(run_id=job.id, seq=0, state="failed", step=0)
    text = t(key, "en", **args)
    return base.replace(state="failed", seq=base.seq + 1, error=text, error_key=key,
                        error_args=args, queue_position=None, queue_wait_s=None,
                        wall_time=time.time())


def remaining(snap: Snapshot | None, wall: float, life: float | None = None) -> float:
    """Seconds a running job still needs at its current speed, at most its wall-time limit and
    `life`, what is left of its lifetime (paused time counts there)."""
    wall = wall if life is None else max(0.0, min(wall, life))
    if snap is None or snap.its_per_sec <= 0:
        return wall
    left = max(0, snap.config.get("steps", snap.step) - snap.step)
    return min(wall, left / snap.its_per_sec)
