"""JobManager: the server's one registry of training jobs (admission, queue, workers, reaper).

It lives once per server process (`get_manager()`), outside any page run, and owns one worker
process per running job (serve.worker). Pages call it from their script threads; one supervisor
thread does everything else: it starts queued jobs (so every worker is forked by this long-lived
thread, which matters because Linux's parent-death signal fires when the *thread* that forked the
child exits), receives Snapshots, notices dead workers, stops orphaned and idle jobs, and pings the
workers so they know the server is alive. Nothing here blocks on a worker except stop(wait=True).

Errors meant for a person are JobError or LimitError (both ValueError): unknown job, caps reached,
a run folder that cannot be resumed, a refused live change.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import threading
import time
from collections import deque
from pathlib import Path

from ganlab.changes import Decision, decide
from ganlab.config import Config
from ganlab.live.snapshot import Snapshot
from ganlab.runs.folder import Run, RunError
from ganlab.serve import settings
from ganlab.serve.admission import Admission
from ganlab.serve.capacity import caps, per_address_cap, sharing
from ganlab.serve.job import TERMINAL, Job, JobError, failed
from ganlab.serve.limits import Limits
from ganlab.serve.pool import Pool
from ganlab.serve.process import backend_for, check_pace, how_it_ended, rss_mb
from ganlab.serve.protocol import COMMANDS, check_step, message
from ganlab.serve.supervisor import STOP_TIMEOUT, Supervisor


class JobManager(Admission, Supervisor):
    """The registry; who may start what is in serve/admission.py, the thread that watches the
    workers in serve/supervisor.py, the messages they exchange in serve/protocol.py."""

    def __init__(self, runs_root: str | os.PathLike | None = None, limits: Limits | None = None,
                 publish_every: float = 0.9, ping_every: float = 5.0, tick: float = 0.1,
                 warm_spare: bool = True, cluster: str | None = None):
        # cluster: GANLAB_CLUSTER's choice of backend (None: read it), serve.process.backend_for
        self._backend = backend_for(cluster)
        # The runs root is the settings' (GANLAB_RUNS is read there alone), or a test's own.
        self.root = Path(runs_root or settings.get().runs_dir).resolve()
        self.limits = limits or Limits.from_env()
        # Runs training at once and worker processes at once (serve/capacity.py).
        self.cap, self.max_workers = caps(self._backend, self.limits)
        self.publish_every = publish_every
        self.ping_every = ping_every
        self.tick = tick
        self._pool = Pool(warm_spare, self._backend)        # the warm spares
        self._visitors: dict[str, str] = {}                 # session -> visitor (set_visitor)
        self._ledger = self._backend.ledger(self.root)   # replicas' shared per-visitor count
        self._jobs: dict[str, Job] = {}
        self._queue: deque[str] = deque()
        self._lock = threading.RLock()
        self._closed = False
        self._last_ping = time.monotonic()
        self._thread = threading.Thread(target=self._supervise, name="ganlab-jobs", daemon=True)
        self._thread.start()

    # --- public API ---------------------------------------------------------------------------
    def submit(self, session_id: str, cfg: Config | None, run_dir=None, resume: bool = False,
               paused: bool = False, pace: float | None = None) -> str:
        """Queue a job and return its id (the run folder's name). A new run gets a fresh folder
        under the runs root; resume=True continues `run_dir` from its checkpoint, training to
        cfg.steps in total (or cfg.steps more when it is already there). `pace`: start in slow
        motion, that many seconds per update."""
        if not isinstance(session_id, str) or not session_id:
            raise JobError("a job needs a session id")
        with self._lock:
            self._check_admission(session_id)
        if resume:
            path, base = self._resumable(run_dir)
            self.limits.check(cfg or base)
            job_id = path.name
            with self._lock:
                old = self._jobs.get(job_id)
                if old is not None and not old.ended:
                    raise JobError(f"run {job_id} is already open")
        else:
            if cfg is None:
                raise JobError("a new job needs a Config")
            self.limits.check(cfg)
            self._check_disk()
            path = self._new_folder(run_dir)
            try:
                Run.create(path, cfg)
            except (OSError, RunError) as e:
                raise JobError(f"cannot create the run folder: {e}") from None
            job_id = path.name
        spec = {"run_id": job_id, "run_dir": str(path), "runs_root": str(self.root),
                "resume": resume, "paused": paused,
                "pace": _check_pace(pace), "config": cfg.to_dict() if cfg is not None else None,
                "limits": _limits_dict(self.limits), "publish_every": self.publish_every,
                "silence_timeout": max(30.0, 6 * self.ping_every),
                **sharing(self.cap, self.limits.train_nice)}
        job = Job(job_id, session_id, path, spec, visitor=self.visitor_of(session_id))
        job.latest = Snapshot(run_id=job_id, seq=0, state="queued", step=0,
                              config=spec["config"] or base.to_dict(), wall_time=time.time())
        with self._lock:
            if self._closed:
                raise JobError("the server is shutting down")
            self._check_admission(session_id)   # again: another tab may have submitted meanwhile
            # Replicas: a visitor's runs on all of them count together (serve/ledger.py).
            self._ledger.claim(job_id, job.visitor, per_address_cap(self.limits, self.cap),
                               [j.id for j in self._jobs.values() if not j.ended])
            self._jobs[job_id] = job
            self._queue.append(job_id)
            self._update_queue()
        return job_id

    def command(self, job_id: str, name: str, **args) -> bool:
        """Send a command; True if it was delivered (or applied to a queued job). Bad arguments
        raise ConfigError/JobError at once, so a page can show the reason next to the widget."""
        if name not in COMMANDS:
            raise JobError(f"unknown command {name!r}; known: {', '.join(COMMANDS)}")
        job = self._get(job_id)
        if name == "stop":
            return self.stop(job_id, wait=False)
        if name == "step":
            try:
                check_step(args.get("n", 1))
            except ValueError as e:
                raise JobError(str(e)) from None
        if name == "set":   # all of it or nothing; change() is the page's partial version
            changes = args.get("changes", {k: v for k, v in args.items() if k != "changes"})
            return self._set(job, decide(self._config(job), changes, self.limits.caps())
                             .checked())
        if name == "slow":
            args = {"seconds": _check_pace(args.get("seconds"))}
        with self._lock:
            if job.ended:
                return False
            if job.proc is None:   # still queued: remember it for when it starts
                if name in ("pause", "resume", "start"):
                    job.spec["paused"] = name == "pause"
                elif name == "slow":
                    job.spec["pace"] = args["seconds"]
                return name in ("pause", "resume", "start", "slow")
        return self._send(job, message(name, **args))

    def change(self, job_id: str, changes) -> Decision:
        """Judge a live change against the job's config and this server's caps (ganlab.changes:
        the one judgement on its way from a widget to the optimizer), send the part that applies
        now, and return the whole Decision: the page shows its reset keys and refusals."""
        job = self._get(job_id)
        decision = decide(self._config(job), changes, self.limits.caps())
        if decision.live:
            self._set(job, decision)
        return decision

    def _config(self, job: Job) -> Config:
        return Config.from_dict(job.latest.config or job.spec["config"] or {})

    def _set(self, job: Job, decision: Decision) -> bool:
        """Deliver a decided change: to the worker, which applies it as it is, or into a queued
        job's config."""
        with self._lock:
            if job.ended:
                return False
            if job.proc is None:
                job.spec["config"] = {**(job.spec["config"] or {}), **decision.live}
                return True
        return self._send(job, message("set", decision=decision))

    def latest(self, job_id: str) -> Snapshot | None:
        job = self._jobs.get(job_id)
        if job is None:
            return None
        job.last_read = time.monotonic()
        job.idle_paused = False
        return job.latest

    def wait_for(self, job_id: str, cond, timeout: float) -> Snapshot | None:
        """The job's latest Snapshot once cond(snapshot) holds (e.g. the worker's answer to a
        command) or the job has ended, else whatever is latest after `timeout` seconds. A
        button's callback waits here, a few milliseconds as a rule, so the page it reruns draws
        what the click did instead of waiting for the next live tick."""
        job = self._jobs.get(job_id)
        if job is None:
            return None
        with job.changed:
            job.changed.wait_for(lambda: job.ended or job.latest is not None and
                                 cond(job.latest), timeout)
        return self.latest(job_id)

    def frames(self, job_id: str) -> list[Snapshot]:
        """Past snapshots for the time slider, oldest first, at most MAX_FRAMES, thinned in time.
        Frames carry the pictures only; the curves are in latest().history up to frame.step."""
        job = self._jobs.get(job_id)
        return list(job.frames) if job is not None else []

    def jobs_of(self, session_id: str) -> list[str]:
        with self._lock:
            return [j.id for j in self._jobs.values() if j.session_id == session_id]

    def attach(self, session_id: str, job_id: str) -> bool:
        """Re-attach a session to a job (reload, `?run=<id>`). Refused while another session
        still holds the job: a second tab never takes over someone's run."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return False
            if job.session_id != session_id and job.orphaned_at is None and not job.ended:
                return False
            job.session_id, job.orphaned_at = session_id, None
            job.last_read = time.monotonic()
            return True

    def release_session(self, session_id: str) -> None:
        """The session's tab closed: its jobs become orphans, stopped after the grace period."""
        now = time.monotonic()
        with self._lock:
            for job in self._jobs.values():
                if job.session_id == session_id and not job.ended and job.orphaned_at is None:
                    job.orphaned_at = now

    def stop(self, job_id: str, wait: bool = True, timeout: float = STOP_TIMEOUT + 5) -> bool:
        """Stop a job (checkpointed, status stopped). With wait, return once the worker is gone
        and the final Snapshot is in."""
        job = self._get(job_id)
        with self._lock:
            if job.ended:
                return True
            if job.proc is None:
                self._cancel_queued(job)
                return True
        self._request_stop(job)
        if wait and threading.current_thread() is not self._thread:
            job.done.wait(timeout)
        return True

    def shutdown(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop every job cleanly (runs marked stopped, resumable); kill what does not exit."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for job_id in list(self._queue):
                self._cancel_queued(self._jobs[job_id])
            live = [j for j in self._jobs.values() if j.live]
        with self._lock:
            self._pool.drop()
        for job in live:
            self._request_stop(job, "jobs.notice.server_stopped")
        deadline = time.monotonic() + timeout
        for job in live:
            job.done.wait(max(0.0, deadline - time.monotonic()))
        for job in live:
            if not job.done.is_set():
                self._kill(job)
                job.done.wait(2.0)
        self._thread.join(timeout=2.0)
        # Give this replica's share of the site's cap back now (a rolling restart), not when
        # the ledger's TTL expires: until then its ended runs would hold the others' queues.
        try:
            self._ledger.beat([])
        except OSError:
            pass     # the disk is gone: the entries expire after the TTL (serve/ledger.py)

    def stats(self) -> dict:
        """Numbers for monitoring: load, queue, and per job state, step, speed, memory."""
        with self._lock:
            jobs = list(self._jobs.values())
            queued = len(self._queue)
        per_job = []
        for j in jobs:
            s = j.latest
            per_job.append({"id": j.id, "session": j.session_id[:8], "visitor": j.visitor,
                            "state": s.state if s else None,
                            "step": s.step if s else 0, "its_per_sec": s.its_per_sec if s else 0,
                            "pid": j.proc.pid if j.live else None,
                            "rss_mb": rss_mb(j.proc.pid) if j.live else None,
                            "orphaned": j.orphaned_at is not None})
        return {"cap": self.cap, "max_workers": self.max_workers, "queued": queued,
                "live": sum(j.live for j in jobs), "training": sum(j.training for j in jobs),
                "spares": self._pool.size, "jobs": len(jobs),
                "sessions": len({j.session_id for j in jobs if not j.ended}),
                "visitors": len({j.visitor for j in jobs if not j.ended}), "per_job": per_job}

    def _send(self, job: Job, msg: dict) -> bool:
        if job.conn is None or job.ended:
            return False
        try:
            with job.send_lock:
                job.conn.send(msg)
            return True
        except (OSError, EOFError, ValueError):
            return False

    def _request_stop(self, job: Job, reason: str | None = None, **args) -> None:
        if job.stop_requested_at is None:
            job.stop_requested_at = time.monotonic()
        msg = message("stop", reason=reason, args=args) if reason else message("stop")
        if not self._send(job, msg):
            self._kill(job)

    def _kill(self, job: Job) -> None:
        if job.proc is not None and job.proc.poll() is None:
            job.proc.kill()

    def _cancel_queued(self, job: Job, **status) -> None:
        """Take a job out of the queue, stopped; `status`: a notice saying why."""
        if job.id in self._queue:
            self._queue.remove(job.id)
        self._finish_record(job, "stopped", job.latest.replace(
            state="stopped", queue_position=None, queue_wait_s=None, seq=job.latest.seq + 1,
            **status))

    def _ended(self, job: Job) -> None:
        """The worker's connection closed: record how it ended and free its slot."""
        with self._lock:
            if job.ended:
                return
            try:
                code = job.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                job.proc.kill()
                code = job.proc.wait()
            job.conn.close()
            if code != 0 and job.proc.pid:   # killed in mid-write, it left its temporaries
                Run(job.run_dir).remove_torn_writes(job.proc.pid)
            snap = job.latest
            if snap is None or snap.state not in TERMINAL:
                if job.stop_requested_at is not None and job.start_failure is None:
                    self._finish_record(job, "stopped", snap.replace(
                        state="stopped", seq=snap.seq + 1, wall_time=time.time()))
                else:
                    self._finish_record(job, "failed", job.start_failure or failed(
                        job, "jobs.error.crashed", how=how_it_ended(code, job.proc),
                        step=snap.step))
            else:
                job.ended = True
                job.done.set()

    def _finish_record(self, job: Job, state: str, snap: Snapshot) -> None:
        """Write the final state to the folder (unless the worker did), then publish `snap`:
        whoever sees the final Snapshot finds the folder already up to date."""
        try:
            run = Run(job.run_dir)
            if run.status().get("state") not in TERMINAL:
                run.write_status(state, run.status().get("step", 0), snap.error)
        except OSError:
            pass
        with job.changed:
            job.latest, job.ended = snap, True
            job.changed.notify_all()
        job.done.set()

    def _get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise JobError(f"no job {job_id!r} on this server")
        return job


def _check_pace(seconds) -> float | None:
    try:
        return check_pace(seconds)
    except ValueError as e:
        raise JobError(str(e)) from None


def _limits_dict(limits: Limits) -> dict:
    from dataclasses import asdict

    return asdict(limits)


_MANAGER: JobManager | None = None
_MANAGER_LOCK = threading.Lock()


def get_manager() -> JobManager:
    """The server's JobManager, created on first use; stopped cleanly at interpreter exit."""
    global _MANAGER
    with _MANAGER_LOCK:
        if _MANAGER is None:
            _MANAGER = JobManager()
            atexit.register(_MANAGER.shutdown)
        return _MANAGER
