"""A spare worker holds back its torch import while every core is busy (ganlab/serve/process.py).

The decision reads /proc/stat; here the readings are handed in (busy, total jiffies) so each
outcome can be produced on demand, and a real pipe carries the job that ends the wait.
"""

from __future__ import annotations

import time
from multiprocessing import Pipe

import pytest

from ganlab.serve import process as workerproc
from ganlab.serve.process import free_cores, wait_for_a_free_core


def test_free_cores_from_two_readings():
    # 2 CPUs, 200 jiffies passed, 150 of them busy: half a core was free.
    assert free_cores((1000, 4000), (1150, 4200), 2) == pytest.approx(0.5)
    assert free_cores((0, 0), (0, 400), 4) == pytest.approx(4.0)      # all idle
    assert free_cores((5, 9), (5, 9), 2) == 0.0                        # no time passed


def readings(monkeypatch, free_per_step: float, cpus: int = 2):
    """Fake /proc/stat: each reading advances 100 jiffies per CPU with `free_per_step` idle."""
    state = {"busy": 0, "total": 0}

    def read(allowed=None, path=None):
        state["total"] += 100 * cpus
        state["busy"] += round(100 * (cpus - free_per_step))
        return state["busy"], state["total"]

    monkeypatch.setattr(workerproc, "busy_jiffies", read)
    monkeypatch.setattr(workerproc, "usable_cpus", lambda: set(range(cpus)))


def test_a_free_core_lets_the_spare_warm_up(monkeypatch):
    readings(monkeypatch, free_per_step=1.2)
    here, there = Pipe()
    assert wait_for_a_free_core(there, limit=5, interval=0.01) == "idle"


def test_busy_cores_hold_it_back_until_the_limit(monkeypatch):
    readings(monkeypatch, free_per_step=0.4)      # training + the page: no whole core free
    here, there = Pipe()
    start = time.monotonic()
    assert wait_for_a_free_core(there, limit=0.3, interval=0.02) == "limit"
    assert time.monotonic() - start >= 0.3


def test_a_job_ends_the_wait_at_once(monkeypatch):
    readings(monkeypatch, free_per_step=0.0)
    here, there = Pipe()
    here.send({"cmd": "start"})
    start = time.monotonic()
    assert wait_for_a_free_core(there, limit=30, interval=1.0) == "job"
    assert time.monotonic() - start < 1.0
    assert there.recv() == {"cmd": "start"}       # the message is left for the worker


def test_without_proc_stat_it_does_not_wait(monkeypatch):
    monkeypatch.setattr(workerproc, "busy_jiffies", lambda *a, **k: None)
    here, there = Pipe()
    assert wait_for_a_free_core(there, limit=30, interval=0.01) == "unknown"


def test_a_core_must_stay_free_for_several_readings(monkeypatch):
    frees = iter([1.5, 0.2, 1.5, 0.3, 1.5, 1.5])     # short gaps between a browser's redraws
    state = {"busy": 0, "total": 0, "n": 0}

    def read(allowed=None, path=None):
        state["n"] += 1
        if state["n"] > 1:
            state["total"] += 200
            state["busy"] += round(100 * (2 - next(frees)))
        return state["busy"], state["total"]

    monkeypatch.setattr(workerproc, "busy_jiffies", read)
    monkeypatch.setattr(workerproc, "usable_cpus", lambda: {0, 1})
    here, there = Pipe()
    assert wait_for_a_free_core(there, limit=30, interval=0.01, steady=2) == "idle"
    assert state["n"] == 7                          # stopped at the first two free in a row


def test_proc_stat_is_read_per_allowed_cpu(tmp_path):
    stat = tmp_path / "stat"
    # user nice system idle iowait irq softirq steal: the real layout of /proc/stat
    stat.write_text("cpu  300 0 100 500 100 0 0 0\n"
                    "cpu0 250 0 50 100 0 0 0 0\n"
                    "cpu1 50 0 50 400 100 0 0 0\n"
                    "intr 12345 0 0\n")
    assert workerproc.busy_jiffies({0, 1}, path=str(stat)) == (400, 1000)
    assert workerproc.busy_jiffies({0}, path=str(stat)) == (300, 400)
    assert workerproc.busy_jiffies({1}, path=str(stat)) == (100, 600)
    assert workerproc.busy_jiffies({0}, path=str(tmp_path / "missing")) is None


def test_the_real_proc_stat_reads_as_busy_and_total():
    got = workerproc.busy_jiffies(workerproc.usable_cpus())
    if got is None:
        pytest.skip("no /proc/stat on this system")
    busy, total = got
    assert 0 <= busy <= total and total > 0


@pytest.mark.slow
def test_only_a_spare_started_beside_a_training_job_is_polite(tmp_path):
    import polling

    from ganlab.config import Config
    from ganlab.serve.limits import Limits
    from ganlab.serve.manager import JobManager

    def spare_args():
        spares = mgr._pool._spares          # the idle workers the manager keeps ahead of need
        proc = spares[0]._proc if spares else None
        return list(proc[0].args) if proc else None

    mgr = JobManager(tmp_path / "runs", Limits(max_concurrent=1), tick=0.05)
    try:
        first = polling.until(spare_args, 60, "the first spare")
        assert "--polite" not in first           # nothing trains: warm up at once
        job = mgr.submit("s", Config(g_width=8, d_width=8, steps=1_000_000))
        second = polling.until(lambda: spare_args() if spare_args() != first else None, 180,
                               "the spare that replaces the one the job took")
        assert "--polite" in second
        assert polling.until(lambda: (mgr.latest(job).step or 0) > 0 and mgr.latest(job), 180,
                             "the job to train").state == "running"
    finally:
        mgr.shutdown()


def test_the_worker_module_leaves_torch_for_after_the_wait():
    """`python -m ganlab.serve.worker` must reach the polite wait before any torch import."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c",
                          "import sys, ganlab.serve.worker; print('torch' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
