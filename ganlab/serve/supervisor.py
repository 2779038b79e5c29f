"""The JobManager's supervisor thread: it starts queued jobs (so every worker is forked by this
long-lived thread: Linux's parent-death signal fires when the *thread* that forked the child
exits), keeps the warm spares, receives Snapshots, notices dead workers, stops orphaned, idle and
too old jobs, drops queued jobs nobody watches, and pings the workers so they know the server is
alive."""

from __future__ import annotations

import time
from multiprocessing.connection import wait

from ganlab.live.snapshot import Snapshot, freeze_arrays
from ganlab.serve.failures import notice
from ganlab.serve.job import Job, failed, keep_frame
from ganlab.serve.protocol import SNAPSHOT, message

STOP_TIMEOUT = 10.0       # a worker asked to stop is killed after this
START_TIMEOUT = 90.0      # importing torch on a busy machine can take a while


class Supervisor:
    """Mixed into JobManager: the thread's loop and what it does on each tick."""

    def _supervise(self) -> None:
        while True:
            with self._lock:
                if self._closed and not any(j.live for j in self._jobs.values()):
                    self._pool.drop()
                    return
                conns = {j.conn: j for j in self._jobs.values() if j.live and j.conn}
            ready = wait(list(conns), timeout=self.tick) if conns else time.sleep(self.tick)
            for conn in ready or ():
                self._receive(conns[conn])
            try:
                self._housekeeping()
            except Exception:  # the supervisor must never die: log and go on
                import traceback

                traceback.print_exc()

    def _receive(self, job: Job) -> None:
        try:
            kind, payload = job.conn.recv()
        except (EOFError, OSError):
            self._ended(job)
            return
        except Exception:   # a torn message: treat the worker as gone
            self._ended(job)
            return
        if kind == SNAPSHOT and isinstance(payload, Snapshot):
            snap = freeze_arrays(payload)
            keep_frame(job, snap)
            with job.changed:
                job.latest, job.first_snapshot = snap, True
                job.changed.notify_all()

    def _housekeeping(self) -> None:
        now = time.monotonic()
        lim = self.limits
        with self._lock:
            jobs = list(self._jobs.values())
            # Admission: start queued jobs while there is room (serve/capacity.py's caps).
            # Replicas on one cluster also share its cap (serve/ledger.py; always room alone).
            while self._queue and not self._closed and self._room() and self._ledger.start(
                    self._queue[0], self.cap, [j.id for j in jobs if not j.ended]):
                self._spawn(self._jobs[self._queue.popleft()])
            self._update_queue()
            if not self._closed:
                # Spares count against the memory cap. While runs train, a new spare waits for a
                # free core (at most a minute) before it imports, so the runs just started keep
                # their share in the first minute, when people watch most closely: re-warming
                # twelve spares at once cost more CPU than two cores have in half a minute. The
                # pool starts one at once when it holds none (serve/pool.py).
                workers = sum(j.live for j in self._jobs.values())
                training = sum(j.training for j in self._jobs.values())
                self._pool.keep(min(lim.warm_spares, max(0, self.max_workers - workers)),
                                polite=training > 0)
        ping = now - self._last_ping >= self.ping_every
        if ping:
            self._last_ping = now
            self._ledger.beat([j.id for j in jobs if not j.ended])
        for job in jobs:
            if job.ended:
                # Ended jobs (last Snapshot and slider frames, ~0.5 MB each) nobody read for
                # this long leave memory; their run folders stay on disk.
                if now - job.last_read > self.limits.forget_ended_seconds:
                    with self._lock:     # the run folder stays; only the in-memory copy goes
                        if self._jobs.get(job.id) is job:
                            del self._jobs[job.id]
                continue
            if job.proc is None:
                if job.orphaned_at is not None and now - job.orphaned_at > lim.orphan_grace_seconds:
                    with self._lock:
                        self._cancel_queued(job)
                elif now - job.last_read > lim.queue_unwatched_seconds:
                    # A queued run is a place in line: a tab that stopped looking (a script
                    # that pressed Train and went away) gives it up to those still waiting.
                    with self._lock:
                        self._cancel_queued(job, **notice(
                            "jobs.notice.unwatched", seconds=lim.queue_unwatched_seconds))
                continue
            if job.proc.poll() is not None and job.conn is not None and not job.conn.poll(0):
                self._ended(job)
                continue
            if job.stop_requested_at is not None:
                if now - job.stop_requested_at > STOP_TIMEOUT:
                    self._kill(job)
                continue
            if not job.first_snapshot and now - job.started > START_TIMEOUT:
                job.start_failure = failed(job, "jobs.error.start_timeout",
                                            seconds=START_TIMEOUT)
                self._kill(job)
                continue
            idle = now - job.last_read
            if now - job.started > lim.max_lifetime_seconds:
                # Paused time counts here (the worker's wall limit counts training time only),
                # and reading a paused run's snapshot resets only the idle clocks below.
                self._request_stop(job, "jobs.notice.lifetime",
                                   minutes=round(lim.max_lifetime_seconds / 60, 1))
            elif job.orphaned_at is not None and \
                    now - job.orphaned_at > lim.orphan_grace_seconds:
                self._request_stop(job, "jobs.notice.orphaned", seconds=lim.orphan_grace_seconds)
            elif idle > lim.idle_stop_seconds:
                self._request_stop(job, "jobs.notice.idle_stop", seconds=lim.idle_stop_seconds)
            elif idle > lim.idle_pause_seconds and not job.idle_paused and \
                    job.latest is not None and job.latest.state == "running":
                job.idle_paused = True
                self._send(job, message("idle_pause", seconds=lim.idle_pause_seconds))
            elif ping:
                self._send(job, message("alive"))

    def _spawn(self, job: Job) -> None:
        """Hand the job to the warm spare worker, or start one (supervisor thread only; see the
        module docstring)."""
        job.started = time.monotonic()
        if job.latest is not None:  # out of the queue: its first snapshot may take a while
            job.latest = job.latest.replace(queue_position=None, queue_wait_s=None)
        spare = self._pool.take(job.spec)
        if spare is None:
            self._finish_record(job, "failed", failed(job, "jobs.error.failed", step=0,
                                                       detail="cannot start a worker"))
            return
        job.proc, job.conn = spare
        # The worker sends its stderr (tracebacks, warnings) to the run folder once it has a run.
        if not self._send(job, {**job.spec, "log": str(job.run_dir / "worker.log")}):
            self._kill(job)
