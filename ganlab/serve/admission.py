"""Who may start what: the JobManager's admission rules (caps per tab, per visitor and on the
queue, room under the compute and memory caps of serve/capacity.py, the disk quota, where a run
folder may be) and the queue's positions and wait estimates."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from ganlab.config import Config
from ganlab.runs.folder import Run, RunError
from ganlab.serve import settings
from ganlab.serve.capacity import per_address_cap
from ganlab.serve.job import JobError, remaining
from ganlab.serve.limits import LimitError

MAX_VISITORS = 10_000        # sessions whose visitor key is remembered (oldest forgotten first)


class Admission:
    """Mixed into JobManager: every method here reads the manager's jobs, queue and limits."""

    def set_visitor(self, session_id: str, visitor: str | None) -> None:
        """Say who a session is (serve.visitors.visitor_key of its client address): the
        per-visitor cap counts every session of one visitor together. A session never named
        is a visitor of its own (tests, the CLI, a page without a client address)."""
        if not visitor:
            return
        with self._lock:
            self._visitors.pop(session_id, None)     # re-inserted last: the oldest go first
            self._visitors[session_id] = visitor
            while len(self._visitors) > MAX_VISITORS:
                self._visitors.pop(next(iter(self._visitors)))

    def visitor_of(self, session_id: str) -> str:
        return self._visitors.get(session_id, session_id)

    def _check_admission(self, session_id: str) -> None:
        if self._closed:
            raise JobError("the server is shutting down")
        going = [j for j in self._jobs.values() if not j.ended]
        mine = sum(1 for j in going if j.session_id == session_id)
        if mine >= self.limits.max_per_session:
            raise LimitError("jobs.limit.per_session", n=mine, cap=self.limits.max_per_session)
        visitor, cap = self.visitor_of(session_id), per_address_cap(self.limits, self.cap)
        theirs = sum(1 for j in going if j.visitor == visitor)
        if theirs >= cap:
            raise LimitError("jobs.limit.per_address", n=theirs, cap=cap)
        if len(self._queue) >= self.limits.max_queue:
            raise LimitError("jobs.limit.queue_full", n=len(self._queue))

    def _resumable(self, run_dir) -> tuple[Path, Config]:
        if run_dir is None:
            raise JobError("resume needs the run folder")
        path = Path(run_dir)
        path = (path if path.is_absolute() else self.root / path).resolve()
        if not self.limits.allow_outside_runs and not path.is_relative_to(self.root):
            raise JobError("only runs in this server's runs folder can be resumed")
        run = Run(path)
        if not run.has_checkpoint():
            raise JobError(f"run {path.name} has no checkpoint to resume from")
        try:
            return path, run.config()
        except RunError as e:
            raise JobError(str(e)) from None

    def _check_disk(self) -> None:
        """Refuse a new run once the runs folder is at its quota (GANLAB_RUNS_QUOTA_MB): a
        visitor cannot fill the server's disk, however many runs they start."""
        from ganlab.runs.index import QuotaError, check_quota

        try:
            check_quota(self.root, settings.get().quota_bytes)
        except QuotaError as e:
            raise LimitError(e.key, **e.params) from None

    def _new_folder(self, run_dir) -> Path:
        if run_dir is not None:
            path = Path(run_dir).resolve()
            if not self.limits.allow_outside_runs and not path.is_relative_to(self.root):
                raise JobError("new runs can only be created in this server's runs folder")
            return path
        # Time first (folders sort by age), then 48 random bits: ids cannot be guessed.
        return self.root / f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(6)}"

    def _room(self) -> bool:
        """Whether a queued job may start now: fewer runs training than the compute cap (paused
        and slow-motion runs take no share of the cores, so they do not count) and fewer
        workers than the memory cap (they all hold their memory, so they all count)."""
        jobs = self._jobs.values()
        return sum(j.training for j in jobs) < self.cap and \
            sum(j.live for j in jobs) < self.max_workers

    def _update_queue(self) -> None:
        """Give queued jobs their position and a wait estimate: the training jobs' remaining
        time (steps left at their current, shared speed, capped by the wall-time limit and what
        is left of their lifetime), then each queued job taking the slot that frees first."""
        live = [j for j in self._jobs.values() if j.training]
        wall, now = self.limits.max_wall_seconds, time.monotonic()
        life = self.limits.max_lifetime_seconds
        slots = sorted(remaining(j.latest, wall, life - (now - (j.started or now)))
                       for j in live)
        slots = ([0.0] * max(0, self.cap - len(slots)) + slots)[:max(self.cap, 1)]
        speed = [j.latest.its_per_sec for j in live if j.latest and j.latest.its_per_sec > 0]
        typical = sum(speed) / len(speed) if speed else 500.0
        for pos, job_id in enumerate(self._queue, start=1):
            job = self._jobs[job_id]
            slots.sort()
            wait_s = slots[0]
            steps = (job.spec["config"] or job.latest.config).get("steps", 5000)
            slots[0] = wait_s + min(wall, steps / typical)
            if job.latest.queue_position != pos or abs((job.latest.queue_wait_s or 0) -
                                                       wait_s) > 1:
                job.latest = job.latest.replace(queue_position=pos, queue_wait_s=wait_s)
