"""The worker's command protocol, run folder and failure handling.

The protocol tests drive a Worker on a thread over a real multiprocessing Pipe (the same
Connection type the process uses), which starts in milliseconds; tests/test_jobs.py covers the
same worker as a real process under the JobManager.
"""

import dataclasses
import json
import subprocess
import sys
import threading
import time
from multiprocessing import Pipe

import pytest
from safetensors.torch import load_file

from ganlab.changes import decide
from ganlab.cli import main as cli_main
from ganlab.config import Config
from ganlab.runs.folder import Run
from ganlab.serve.limits import Limits
from ganlab.serve.worker import Worker
from ganlab.train.trainer import Trainer

SMALL = dict(g_width=16, d_width=16, g_layers=2, d_layers=2, batch_size=64, steps=100_000)


class Harness:
    """A Worker on a thread; `wait(pred)` reads snapshots until one satisfies pred."""

    def __init__(self, tmp_path, paused=True, limits=None, **cfg):
        self.cfg = Config(**{**SMALL, **cfg})
        self.dir = tmp_path / "run"
        Run.create(self.dir, self.cfg)
        self.conn, child = Pipe()
        spec = {"run_id": "run", "run_dir": str(self.dir), "config": self.cfg.to_dict(),
                "paused": paused, "publish_every": 0.1,
                "limits": dataclasses.asdict(limits or Limits())}
        self.worker = Worker(child, spec)
        self.result = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.snap = self.wait(lambda s: True)

    def _run(self):
        self.worker.setup()
        self.result = self.worker.loop()

    def send(self, cmd, **args):
        self.conn.send({"cmd": cmd, **args})

    def wait(self, pred, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.conn.poll(0.05):
                kind, snap = self.conn.recv()
                self.snap = snap
                if pred(snap):
                    return snap
        raise AssertionError(f"no matching snapshot in {timeout}s; last: {self.snap}")

    def close(self):
        if self.thread.is_alive():
            self.send("stop")
            self.thread.join(30)


@pytest.fixture
def harness(tmp_path):
    made = []

    def make(**kw):
        made.append(Harness(tmp_path, **kw))
        return made[-1]

    yield make
    for h in made:
        h.close()


def test_first_snapshot_has_pictures_and_paused_worker_stays_put(harness):
    h = harness(paused=True)
    assert h.snap.state == "paused" and h.snap.step == 0
    assert h.snap.fake.shape == (512, 2) and h.snap.d_grid is not None
    time.sleep(0.3)
    h.send("snapshot")
    assert h.wait(lambda s: s.seq > 1).step == 0


def test_running_publishes_at_a_bounded_rate_and_pause_stops_the_count(harness):
    h = harness(paused=False)
    first = h.wait(lambda s: s.step > 0)
    start, n = time.monotonic(), 0
    while time.monotonic() - start < 1.0:
        if h.conn.poll(0.05):
            h.conn.recv()
            n += 1
    assert n <= 1.0 / 0.1 + 2            # publish_every=0.1 s: no flood
    h.send("pause")
    paused = h.wait(lambda s: s.state == "paused")
    time.sleep(0.3)
    h.send("snapshot")
    assert h.wait(lambda s: s.seq > paused.seq).step == paused.step > first.step - 1
    assert paused.its_per_sec > 0 and len(paused.history["step"]) > 0


def test_step_n_advances_exactly_n(harness):
    h = harness()
    h.send("step", n=3)
    snap = h.wait(lambda s: s.step > 0)
    assert snap.step == 3 and snap.state == "paused" and snap.last_moved == "DG"
    assert list(snap.history["step"]) == [1, 2, 3]
    h.send("step", n=1)
    assert h.wait(lambda s: s.step > 3).step == 4


def checkpoint(h):
    h.send("checkpoint")
    h.wait(lambda s: s.notice_key == "jobs.notice.checkpoint")
    return load_file(h.dir / "checkpoint.safetensors")


def _moved(before, after, prefix):
    return any(not (before[k] == after[k]).all() for k in before if k.startswith(prefix))


def test_step_d_and_step_g_move_only_that_network(harness):
    h = harness()
    before = checkpoint(h)
    h.send("step_d")
    assert h.wait(lambda s: s.last_moved == "D").step == 0   # half an iteration: no step
    after_d = checkpoint(h)
    assert _moved(before, after_d, "D.") and not _moved(before, after_d, "G.")
    h.send("step_g")
    h.wait(lambda s: s.last_moved == "G")
    after_g = checkpoint(h)
    assert _moved(after_d, after_g, "G.") and not _moved(after_d, after_g, "D.")


def test_set_applies_a_decided_change_and_junk_keeps_the_run(harness):
    h = harness(paused=False)
    h.send("set", decision=decide(h.cfg, {"lr_d": 1e-3, "d_steps": 2, "steps": 500}))
    snap = h.wait(lambda s: s.config["lr_d"] == 1e-3)
    assert snap.config["d_steps"] == 2 and snap.notice is None
    assert h.worker.trainer.opt_d.param_groups[0]["lr"] == 1e-3
    assert h.worker.target == 500 and snap.config["steps"] == 500   # steps is live too
    assert json.loads((h.dir / "config.json").read_text())["lr_d"] == 1e-3
    # The worker applies what the JobManager decided: a decision's reset keys stay as they are.
    h.send("set", decision=decide(h.cfg, {"g_width": 64, "lr_g": 2e-3}))
    assert h.wait(lambda s: s.config["lr_g"] == 2e-3).config["g_width"] == SMALL["g_width"]
    h.send("set", changes={"g_width": 64})      # not a Decision: refused in one line
    snap = h.wait(lambda s: s.notice_key == "jobs.notice.refused")
    assert "\n" not in snap.notice and snap.state == "running"
    later = h.wait(lambda s: s.step > snap.step)
    assert later.state == "running"


def test_nonfinite_loss_pauses_with_an_explanation_and_keeps_the_good_checkpoint(harness):
    h = harness(paused=True, loss="lsgan", optimizer_d="sgd", optimizer_g="sgd", lr_d=10.0,
                lr_g=10.0, checkpoint_every=1)
    h.send("resume")
    snap = h.wait(lambda s: s.error is not None)
    assert snap.state == "paused" and snap.error_key == "jobs.error.nonfinite"
    assert "lr_d=1" in snap.error and "wgan_gp" in snap.error
    status = Run(h.dir).status()
    assert status["state"] == "paused" and "NaN" in status["error"]
    meta = json.loads((h.dir / "checkpoint.json").read_text())
    kept = load_file(h.dir / "checkpoint.safetensors")
    assert all(kept[k].isfinite().all() for k in kept if k[0] in "GD")
    assert meta["step"] < snap.step     # the diverged weights were never saved


def test_finishes_at_steps_and_matches_the_cli_bit_for_bit(harness, tmp_path):
    h = harness(paused=False, steps=40, seed=7)
    snap = h.wait(lambda s: s.state == "finished")
    assert snap.step == 40 and snap.notice_key == "jobs.notice.finished"
    h.thread.join(10)
    assert h.result == "finished" and Run(h.dir).status()["state"] == "finished"
    plain = Trainer(h.cfg.replace(steps=40, seed=7))
    plain.train(40)
    saved = load_file(h.dir / "checkpoint.safetensors")
    for k, v in plain.state()[0].items():
        if k.startswith(("G.", "D.")):
            assert (saved[k] == v).all(), k
    rows = Run(h.dir).metrics()
    assert rows[-1]["step"] == 40 and "loss_d" in rows[-1]


def test_wall_time_limit_finishes_cleanly(harness):
    h = harness(paused=False, limits=Limits(max_wall_seconds=0.3))
    snap = h.wait(lambda s: s.state == "finished", timeout=30)
    assert snap.notice_key == "jobs.notice.wall_limit" and snap.step > 0
    assert Run(h.dir).has_checkpoint()


def test_stopped_run_resumes_with_the_cli(harness):
    h = harness(paused=True)
    h.send("step", n=5)
    h.wait(lambda s: s.step == 5)
    h.send("stop")
    assert h.wait(lambda s: s.state == "stopped").step == 5
    h.thread.join(10)
    assert Run(h.dir).status()["state"] == "stopped"
    assert cli_main(["train", "--resume", str(h.dir), "--steps", "3", "--quiet"]) == 0
    status = Run(h.dir).status()
    assert status["state"] == "finished" and status["step"] == 8


def test_worker_stops_cleanly_when_the_server_goes_away(harness):
    h = harness(paused=False)
    h.wait(lambda s: s.step > 0)
    h.conn.close()
    h.thread.join(30)
    assert h.result == "stopped"
    status = Run(h.dir).status()
    assert status["state"] == "stopped" and Run(h.dir).has_checkpoint()


def test_backend_modules_do_not_import_streamlit():
    code = ("import sys, ganlab.serve.manager, ganlab.serve.worker, ganlab.live.build, "
            "ganlab.serve.limits; "
            "assert 'streamlit' not in sys.modules, 'streamlit imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_step_d_and_step_g_are_counted_in_the_snapshot(harness):
    h = harness()
    assert (h.snap.d_updates, h.snap.g_updates) == (0, 0)
    h.send("step_d")
    h.send("step_d")
    assert h.wait(lambda s: s.d_updates == 2).g_updates == 0
    h.send("step_g")
    assert h.wait(lambda s: s.g_updates == 1).d_updates == 2
    h.send("step", n=1)
    snap = h.wait(lambda s: s.step == 1)
    assert (snap.d_updates, snap.g_updates) == (3, 2)


def test_slow_motion_runs_one_update_at_a_time_and_counts_iterations(harness):
    # Slow motion is a way of running: D, then G, each published, the counter advancing.
    h = harness(paused=True, d_steps=2)
    h.send("slow", seconds=0.1)
    assert h.wait(lambda s: s.pace == 0.1).state == "paused"   # turning it on pauses nothing
    time.sleep(0.3)
    h.send("snapshot")
    assert h.wait(lambda s: s.seq > 2).d_updates == 0          # ... and starts nothing
    h.send("resume")
    moves = []
    while len(moves) < 6:
        snap = h.wait(lambda s: s.last_moved in ("D", "G") and s.d_updates + s.g_updates >
                      len(moves))
        moves.append(snap.last_moved)
    assert moves == ["D", "D", "G", "D", "D", "G"]
    assert snap.state == "running" and snap.step == 2 and snap.pace == 0.1
    h.send("pause")
    paused = h.wait(lambda s: s.state == "paused")
    time.sleep(0.4)
    h.send("snapshot")
    assert h.wait(lambda s: s.seq > paused.seq).d_updates == paused.d_updates
    h.send("resume")
    h.wait(lambda s: s.state == "running" and s.d_updates > paused.d_updates)
    h.send("slow", seconds=None)                                # off: full speed again
    fast = h.wait(lambda s: s.pace is None and s.step > paused.step + 50)
    assert fast.state == "running"


def test_slow_motion_from_the_start_and_a_half_done_iteration_is_finished(tmp_path):
    cfg = Config(**{**SMALL, "d_steps": 3})
    spec_dir = tmp_path / "slow"
    Run.create(spec_dir, cfg)
    conn, child = Pipe()
    w = Worker(child, {"run_id": "slow", "run_dir": str(spec_dir), "config": cfg.to_dict(),
                       "pace": 5.0, "publish_every": 0.1, "limits": dataclasses.asdict(Limits())})
    w.setup()
    w.publish = lambda **_: None             # nobody reads this pipe
    assert w.slow_motion and w.state == "running"
    w.slow_update()                          # one D update of the first iteration
    assert (w.trainer.d_updates, w.trainer.step) == (1, 0)
    w.budget = 1                             # a Step now: that iteration completes first
    w.iterate()
    assert (w.trainer.d_updates, w.trainer.g_updates, w.trainer.step) == (3, 1, 1)
    w.recorder.close(w.trainer, "stopped", None)
    conn.close()
