"""What a worker does on each command of the protocol (ganlab/serve/protocol.py names them):
the Worker's half that obeys, kept apart from its half that trains and publishes (worker.py)."""

from __future__ import annotations

import math
import time

from ganlab.changes import Decision
from ganlab.i18n import t
from ganlab.serve.failures import notice
from ganlab.serve.protocol import pace_of, steps_asked


class Commands:
    """Mixed into Worker: every method here works on the Worker's own state."""

    def handle(self, msg) -> None:
        """Obey one message of the protocol; junk is ignored, an unknown command refused."""
        if not isinstance(msg, dict) or not isinstance(msg.get("cmd"), str):
            return
        cmd = msg["cmd"]
        if cmd == "alive":
            return
        if cmd == "stop":
            # The manager may say why (idle, tab closed, shutdown): shown on the final snapshot.
            reason = msg.get("reason")
            if isinstance(reason, str) and reason.startswith("jobs.notice."):
                self.stop_status = notice(reason, **(msg.get("args") or {}))
            self.stop_requested = True
            return
        self.status = {k: v for k, v in self.status.items() if k.startswith("error")}
        if cmd in ("resume", "start"):
            self.set_state("running")
            self.status, self.last_moved = {}, None
            self._rate_mark = (time.monotonic(), self.trainer.step)
        elif cmd == "pause":
            self.set_state("paused")
            self.budget = 0
        elif cmd == "step":
            self.set_state("paused")
            self.budget = steps_asked(msg.get("n", 1), self.target - self.trainer.step)
            return                    # published when the steps are done
        elif cmd in ("step_d", "step_g"):
            self.set_state("paused")
            self.budget = 0
            self.half_step(cmd)
        elif cmd == "set":
            self.apply_change(msg.get("decision"))
        elif cmd == "slow":
            self.pace = pace_of(msg.get("seconds"))
            self._next_update = time.monotonic()   # the first slow update comes at once
            if self.pace is None:
                self.last_moved = None             # full speed: no network "just moved"
        elif cmd == "checkpoint":
            self.recorder.checkpoint(self.trainer)
            self.status.update(notice("jobs.notice.checkpoint", step=self.trainer.step))
        elif cmd == "idle_pause":
            self.set_state("paused")
            self.budget = 0
            self.status.update(notice("jobs.notice.idle_pause", seconds=msg.get("seconds", 0)))
        elif cmd != "snapshot":
            self.status.update(notice("jobs.notice.refused", detail=f"unknown command {cmd!r}"))
        self.publish()

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.recorder.flush()
            self.run.write_status(state, self.trainer.step, self.status.get("error"))

    def half_step(self, cmd: str) -> None:
        """One update of D or of G alone (slow motion); not an iteration, so the step count and
        the metrics stay as they are, and last_moved tells the page which network moved."""
        if cmd == "step_d":
            loss = self.trainer.step_d()[0]
            self.last_moved = "D"
        else:
            loss = self.trainer.step_g()[0]
            self.last_moved = "G"
        if not math.isfinite(float(loss)) or not self.recorder.healthy(self.trainer):
            row = {"step": self.trainer.step, "loss_d": float("nan") if cmd == "step_d" else 0.0,
                   "loss_g": float("nan") if cmd == "step_g" else 0.0}
            self.diverged(row)

    def apply_change(self, decision) -> None:
        """Apply a change the JobManager decided (ganlab.changes): as it is, without judging it
        again; the iteration target follows `steps`."""
        if not isinstance(decision, Decision):
            self.status.update(notice("jobs.notice.refused", detail=t("jobs.change.empty")))
            return
        cfg = self.trainer.apply(decision)
        if "steps" in decision.live:
            self.spec["config"] = {**(self.spec.get("config") or {}), "steps": cfg.steps}
            self.target = max(min(cfg.steps, self.limits.max_iterations), self.trainer.step)
        self.run.write_config(cfg)
