"""The training worker: one process per run, obeying commands and publishing Snapshots.

Started by the JobManager as `python -m ganlab.serve.worker --fd N` (never by multiprocessing spawn
from page code: Streamlit runs the page as __main__, which a spawned child would re-execute). It
talks over one end of a socketpair inherited as fd N, wrapped in a multiprocessing Connection: no
port is opened, so there is nothing to authenticate and nothing another user could reach. What
goes over it (the job spec, then commands one way and Snapshots the other) is the protocol of
ganlab/serve/protocol.py; serve/commands.py is what the worker does on each command.

Slow motion (`slow` with seconds per update, or the spec's `pace`) is a way of running, not a
pause: the worker makes one D or G update every `pace` seconds and publishes each, so the
iteration count still advances; Pause and Resume work as at full speed.
Training runs in chunks of ~50 ms between command polls, so a command applies between two
iterations and the loop stays near CLI speed. The run folder is written through Run/Recorder
exactly as `ganlab train` writes it, so the CLI can resume any app run.

The worker never outlives the app: it exits when its connection closes, when the server has been
silent for `silence_timeout` seconds, and on Linux it asks the kernel for SIGTERM when its parent
dies (prctl PR_SET_PDEATHSIG), which it turns into a clean stop.
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import math
import os
import signal
import sys
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from ganlab.config import Config
from ganlab.runs.folder import Run, open_log
from ganlab.serve.capacity import lower_priority, one_thread
from ganlab.serve.commands import Commands
from ganlab.serve.failures import fail, install_test_fault, message, notice
from ganlab.serve.limits import Limits
from ganlab.serve.process import wait_for_a_free_core
from ganlab.serve.protocol import SNAPSHOT, pace_of

if TYPE_CHECKING:   # torch comes with it: imported only after a polite spare's wait
    from ganlab.serve.curves import LiveRecorder

log = logging.getLogger("ganlab.serve.worker")

PUBLISH_EVERY = 0.9      # seconds between snapshots while training: the page looks once a second,
                         # so faster publishing only costs the worker CPU (bench_browser.py)
CHUNK_SECONDS = 0.05     # training between command polls: commands feel instant, polls cost ~0
ALARM_EVERY = 2.0        # seconds between failure-detector checks
PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Ask Linux to send SIGTERM when the parent dies (even by kill -9); elsewhere, rely on the
    connection closing. Checked afterwards: the parent may have died before the call."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent_pid and os.getppid() != parent_pid:
        sys.exit(0)


class Worker(Commands):
    """One run's training in a worker process: the loop and its output here, what each command
    does in serve/commands.py."""

    def __init__(self, conn: Connection, spec: dict):
        self.conn = conn
        self.spec = spec
        self.run_id = spec["run_id"]
        self.run = Run(spec["run_dir"])
        self.limits = Limits(**spec.get("limits", {}))
        self.publish_every = float(spec.get("publish_every", PUBLISH_EVERY))
        self.silence_timeout = spec.get("silence_timeout")
        self.state = "paused" if spec.get("paused") else "running"
        self.budget = 0              # iterations left of a step(n) command
        self.pace = pace_of(spec.get("pace"))   # slow motion: seconds per update, or None
        self._updates = None         # slow motion: the iteration under way (Trainer.updates)
        self._next_update = 0.0
        self.seq = 0
        self.trainer = None
        self.recorder: LiveRecorder | None = None
        self.visuals = None
        self.status: dict = {}       # error/notice (+ keys and args) of the next snapshots
        self.last_moved: str | None = None
        self.stop_requested = False
        self.stop_status: dict = {}
        self.its_per_sec = 0.0
        self.train_seconds = 0.0     # time spent training, for max_wall_seconds
        self.alarms: tuple = ()
        self._last_alarm_check = 0.0
        self._last_publish = 0.0
        self._last_heard = time.monotonic()
        self._rate_mark = (time.monotonic(), 0)

    # --- set-up -------------------------------------------------------------------------------
    def setup(self) -> None:
        from ganlab.live.build import Visuals
        from ganlab.serve import placement
        from ganlab.train.mlp import count_parameters
        from ganlab.train.trainer import Trainer

        wanted = self.spec.get("config") or {}
        # The device: serve.placement, measured per shape (an over-size model refused first).
        root, admit = self.spec.get("runs_root"), self.limits.check_model
        if self.spec.get("resume"):
            cfg = self.run.config()
            trainer = self.run.load_trainer(device=placement.choose(cfg, root, admit=admit))
            self.run.drop_metrics_after(trainer.step)
        else:
            cfg = Config.from_dict(wanted)
            trainer = Trainer(cfg, device=placement.choose(cfg, root, admit=admit))
        self.limits.check_parameters(count_parameters(trainer.G) + count_parameters(trainer.D))
        steps = int(wanted.get("steps", trainer.cfg.steps))
        # A resumed run trains to `steps` in total, or `steps` more if it is already there.
        self.target = steps if steps > trainer.step else trainer.step + steps
        self.target = min(self.target, self.limits.max_iterations)
        if self.spec.get("resume") and wanted:   # its settings, judged like a live change
            trainer.update(**{**wanted, "steps": self.target})
        self.trainer = trainer
        from ganlab.serve.curves import LiveRecorder
        self.recorder = LiveRecorder(self.run)
        trainer.callbacks.append(self.recorder)
        self.visuals = Visuals(trainer)
        self.run.write_config(trainer.cfg)
        self.run.write_status(self.state, trainer.step)
        install_test_fault(self)

    def prepare_classifier(self) -> None:
        """Train the image diagnostics' classifier now (first run per dataset only, ~15 s on a
        CPU), its progress shown as a notice: else the run would freeze silently at its first
        classifier probe."""
        from ganlab.train.classifier import get_classifier

        if self.trainer.data.kind != "image":
            return
        shown = [0.0]

        def progress(done: float, text: str) -> None:
            if time.monotonic() - shown[0] >= self.publish_every and done < 1.0:
                shown[0] = time.monotonic()
                self.status.update(notice("img.notice.classifier", percent=round(100 * done),
                                            dataset=self.trainer.data.name))
                self.publish(pictures=False)

        try:
            get_classifier(self.trainer.data, progress)
        except Exception:  # noqa: BLE001 - the diagnostics report it; training goes on
            log.exception("classifier")
        self.status = {k: v for k, v in self.status.items() if not k.startswith("notice")}

    # --- main loop ----------------------------------------------------------------------------
    @property
    def training(self) -> bool:
        return self.state == "running" or self.budget > 0

    @property
    def slow_motion(self) -> bool:
        """Running in slow motion (a step(n) command still runs at full speed)."""
        return self.pace is not None and self.state == "running" and self.budget == 0

    def _poll_timeout(self) -> float:
        if self.slow_motion:
            return min(0.1, max(0.0, self._next_update - time.monotonic()))
        return 0.0 if self.training else 0.1

    def loop(self) -> str:
        """Train and obey commands until stopped or finished; returns the final state."""
        self.publish()
        while True:
            if not self.poll(self._poll_timeout()):
                return self.finish("stopped", **notice("jobs.notice.server_stopped"))
            if self.stop_requested:
                return self.finish("stopped", **self.stop_status)
            if (self.silence_timeout and
                    time.monotonic() - self._last_heard > self.silence_timeout):
                return self.finish("stopped", **notice("jobs.notice.server_stopped"))
            if self.slow_motion:
                if time.monotonic() >= self._next_update:
                    end = self.slow_update()
                    if end:
                        return end
            elif self.training:
                end = self.train_chunk()
                if end:
                    return end
                if time.monotonic() - self._last_publish >= self.publish_every:
                    self.publish()

    def poll(self, timeout: float) -> bool:
        """Apply every waiting command; False when the server is gone."""
        try:
            while self.conn.poll(timeout):
                timeout = 0.0
                msg = self.conn.recv()
                self._last_heard = time.monotonic()
                self.handle(msg)
                if self.stop_requested:
                    return True
        except (EOFError, OSError):
            return False
        return True

    def train_chunk(self) -> str | None:
        trainer, rec = self.trainer, self.recorder
        start = time.monotonic()
        deadline = start + CHUNK_SECONDS
        while True:
            self.iterate()
            if self.budget:
                self.budget -= 1
                if self.budget == 0:
                    break
            if trainer.step >= self.target or time.monotonic() >= deadline:
                break
        self.train_seconds += time.monotonic() - start
        bad = rec.drain()
        if bad is not None:
            self.diverged(bad)
            return None
        if self.budget == 0 and self.state != "running":
            self.last_moved = "DG"
            self.publish()       # a step(n) command just completed: show it at once
        return self._end_of_run()

    def iterate(self) -> None:
        """One whole iteration; one that slow motion left half done is finished first."""
        if self._updates is None:
            self.trainer.iterate()
            return
        for _ in self._updates:
            pass
        self._updates = None

    def slow_update(self) -> str | None:
        """Slow motion: the next single update of the iteration under way, published at once
        (the page lights up the network that moved); the iteration counts with its last."""
        start = time.monotonic()
        self._next_update = start + self.pace
        if self._updates is None:
            self._updates = self.trainer.updates()
        step = self.trainer.step
        self.last_moved = next(self._updates)
        if self.trainer.step != step:
            self._updates = None
        self.train_seconds += time.monotonic() - start
        bad = self.recorder.drain()
        if bad is not None:
            self.diverged(bad)
            return None
        self.publish()
        return self._end_of_run()

    def _end_of_run(self) -> str | None:
        trainer = self.trainer
        if trainer.step >= self.target:
            if self.target >= self.limits.max_iterations and trainer.step < self._cfg_steps():
                return self.finish("finished", **notice(
                    "jobs.notice.iteration_limit", limit=self.limits.max_iterations))
            return self.finish("finished", **notice("jobs.notice.finished", steps=trainer.step))
        if self.train_seconds >= self.limits.max_wall_seconds:
            return self.finish("finished", **notice(
                "jobs.notice.wall_limit", minutes=round(self.limits.max_wall_seconds / 60, 1)))
        return None

    def _cfg_steps(self) -> int:
        return int((self.spec.get("config") or {}).get("steps", self.trainer.cfg.steps))

    def diverged(self, row: dict) -> None:
        cfg = self.trainer.cfg
        what = " and ".join(k for k in ("loss_d", "loss_g") if not math.isfinite(row[k]))
        text, key, args = message("jobs.error.nonfinite", step=int(row["step"]), what=what,
                                   lr_d_hint=cfg.lr_d / 10, lr_g_hint=cfg.lr_g / 10)
        self.state, self.budget = "paused", 0
        self.status = dict(error=text, error_key=key, error_args=args)
        self.recorder.flush()
        self.run.write_status("paused", self.trainer.step, text)
        self.publish()

    # --- output -------------------------------------------------------------------------------
    def publish(self, pictures: bool = True) -> None:
        from ganlab.live.build import build_snapshot

        now = time.monotonic()
        if self.recorder.pending:
            bad = self.recorder.drain()
            if bad is not None and self.state == "running":
                self.diverged(bad)
                return
        t0, n0 = self._rate_mark
        if self.state == "running" and now - t0 > 0.2:
            self.its_per_sec = (self.trainer.step - n0) / (now - t0)
            self._rate_mark = (now, self.trainer.step)
        if now - self._last_alarm_check > ALARM_EVERY:
            self._last_alarm_check = now
            self.alarms = self.recorder.alarms(self.trainer.cfg.loss)
        self.seq += 1
        snap = build_snapshot(self.trainer, self.run_id, self.seq, self.state,
                              self.recorder.history, self.recorder, visuals=self.visuals,
                              diagnostics=self.recorder.diag_history, pictures=pictures,
                              its_per_sec=self.its_per_sec, last_moved=self.last_moved,
                              alarms=self.alarms, d_updates=self.trainer.d_updates,
                              g_updates=self.trainer.g_updates, pace=self.pace, **self.status)
        self.send(snap)
        self._last_publish = time.monotonic()

    def send(self, snap) -> None:
        try:
            self.conn.send((SNAPSHOT, snap))
        except (OSError, EOFError, BrokenPipeError):
            self.stop_requested = True

    def finish(self, state: str, **status) -> str:
        self.status.update(status)
        self.state = state
        self.budget = 0
        if self.recorder.pending:
            self.recorder.drain()
        self.recorder.close(self.trainer, state, self.status.get("error"))
        self.publish()
        return state


def serve(conn: Connection, spec: dict) -> int:
    worker = Worker(conn, spec)
    signal.signal(signal.SIGTERM, lambda *_: setattr(worker, "stop_requested", True))
    try:
        worker.setup()
        one_thread(spec)
        worker.prepare_classifier()
        worker.publish()          # the first samples, at full priority: then share the cores
        lower_priority(spec)
        worker.loop()
        return 0
    except Exception as e:
        fail(worker, e)
        return 1


def warm_up() -> None:
    """Import and initialise the heavy parts before a job arrives, so a spare worker starts its
    job at once (the first optimizer built in a process alone costs seconds of lazy imports)."""
    import torch

    import ganlab.diagnostics  # noqa: F401
    import ganlab.live.build  # noqa: F401
    import ganlab.train.trainer  # noqa: F401

    params = list(torch.nn.Linear(1, 1).parameters())
    for opt in (torch.optim.Adam, torch.optim.SGD, torch.optim.RMSprop):
        opt(params, lr=0.1)


def _log_to(path: str) -> None:
    """Send this process's stdout and stderr to the run folder's worker.log."""
    try:
        fd = open_log(path)
    except OSError:
        return
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    p = argparse.ArgumentParser(prog="python -m ganlab.serve.worker")
    p.add_argument("--fd", type=int, required=True, help="inherited socket to the JobManager")
    p.add_argument("--parent", type=int, default=0, help="pid of the server (for the death signal)")
    p.add_argument("--run", default="", help="run id, only so `ps` shows which run this is")
    p.add_argument("--polite", action="store_true",
                   help="a spare started while jobs train: warm up once a core is free")
    args = p.parse_args(argv)
    die_with_parent(args.parent)
    conn = Connection(args.fd)
    if args.polite:
        wait_for_a_free_core(conn)
    warm_up()

    try:
        spec = conn.recv()
    except (EOFError, OSError):
        return 0
    if spec.get("log"):
        _log_to(spec["log"])
    try:
        return serve(conn, spec)
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
