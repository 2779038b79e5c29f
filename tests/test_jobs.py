"""JobManager with real worker processes: admission, queue, reaping, crashes, clean shutdown.

One manager is shared by the module (starting Python + torch per worker is the slow part), with
two training slots; the tests run in file order and the last one shuts it down and checks that no
worker process is left.
"""

import dataclasses
import os
import signal
import time

import polling
import pytest

from ganlab.config import Config, ConfigError
from ganlab.runs.folder import Run
from ganlab.serve.limits import LimitError, Limits
from ganlab.serve.manager import JobError, JobManager
from ganlab.serve.process import worker_pids

pytestmark = pytest.mark.slow

SMALL = dict(g_width=16, d_width=16, g_layers=2, d_layers=2, batch_size=64, steps=1_000_000)
START = 180   # seconds: a cold worker imports torch; the test machine may be busy


@pytest.fixture(scope="module")
def mgr(tmp_path_factory):
    # Queued jobs here are read only when a test asks; on a loaded machine a start can take
    # over a minute, which must not drop them as unwatched (that rule: tests/test_lecture_hall.py).
    limits = Limits(max_concurrent=2, max_per_session=3, orphan_grace_seconds=1.0,
                    max_iterations=2_000_000, queue_unwatched_seconds=3600)
    m = JobManager(tmp_path_factory.mktemp("runs"), limits, ping_every=1.0, tick=0.05)
    yield m
    m.shutdown()


def cfg(**kw):
    return Config(**{**SMALL, **kw})


def until(pred, timeout=START, what="condition"):
    return polling.until(pred, timeout, what)


def state(m, job_id):
    return m._jobs[job_id].latest.state   # peek without counting as a read (idle tests)


def test_submit_trains_pauses_and_stops(mgr):
    job = mgr.submit("alice", cfg())
    assert mgr.latest(job).state in ("queued", "running")
    snap = until(lambda: (s := mgr.latest(job)).fake is not None and s.step > 0 and s,
                 what="first snapshot")
    assert snap.state == "running" and snap.run_id == job
    assert Run(mgr.root / job).status()["state"] == "running"
    mgr.command(job, "pause")
    paused = until(lambda: (s := mgr.latest(job)).state == "paused" and s, what="pause")
    time.sleep(0.5)
    assert mgr.latest(job).step == paused.step
    mgr.command(job, "step", n=3)
    assert until(lambda: mgr.latest(job).step == paused.step + 3, 30, "3 steps")
    assert mgr.stop(job)
    final = mgr.latest(job)
    assert final.state == "stopped" and Run(mgr.root / job).status()["state"] == "stopped"
    assert Run(mgr.root / job).has_checkpoint() and (mgr.root / job / "worker.log").exists()
    assert len(mgr.frames(job)) >= 1 and mgr.frames(job)[-1].history == {}
    assert mgr.command(job, "pause") is False      # an ended job takes no commands


def test_bad_requests_get_clear_errors(mgr):
    with pytest.raises(LimitError, match="iterations"):
        mgr.submit("alice", cfg(steps=3_000_000))
    with pytest.raises(JobError, match="no job"):
        mgr.command("nope", "pause")
    assert mgr.latest("nope") is None and mgr.frames("nope") == []
    with pytest.raises(JobError, match="resume"):
        mgr.submit("alice", None, run_dir="../../etc", resume=True)


def test_queue_is_fifo_with_positions_and_a_session_cap(mgr):
    jobs = [mgr.submit(f"s{i}", cfg(seed=i)) for i in range(4)]
    until(lambda: all(mgr.latest(j).state == "running" for j in jobs[:2]), what="two running")
    q2, q3 = mgr.latest(jobs[2]), mgr.latest(jobs[3])
    assert (q2.state, q2.queue_position, q3.queue_position) == ("queued", 1, 2)
    assert q3.queue_wait_s >= q2.queue_wait_s >= 0
    assert mgr.stats()["live"] == 2 and mgr.stats()["queued"] == 2
    mgr.stop(jobs[0])
    until(lambda: mgr.latest(jobs[2]).state == "running", what="queue head starts")
    assert mgr.latest(jobs[3]).queue_position == 1
    # Per-session cap: s9 may hold 3 live jobs here, not 4.
    mine = [mgr.submit("s9", cfg(seed=9 + i)) for i in range(3)]
    with pytest.raises(LimitError, match="per visitor"):
        mgr.submit("s9", cfg())
    for j in jobs[1:] + mine:
        mgr.stop(j)
    assert all(mgr.latest(j).state == "stopped" for j in jobs + mine)
    assert mgr.stats()["live"] == 0


def test_live_set_is_validated_before_it_is_sent(mgr):
    job = mgr.submit("carol", cfg(), paused=True)
    until(lambda: mgr.latest(job).state == "paused", what="paused start")
    with pytest.raises(ConfigError, match="new run"):
        mgr.command(job, "set", changes={"g_width": 8})
    with pytest.raises(ConfigError, match="lr_d"):
        mgr.command(job, "set", lr_d=-1)
    assert mgr.command(job, "set", lr_g=5e-4)
    until(lambda: mgr.latest(job).config["lr_g"] == 5e-4, 30, "live lr")
    mgr.stop(job)


def test_orphans_are_reaped_unless_reattached(mgr):
    kept, lost = mgr.submit("dave", cfg()), mgr.submit("erin", cfg())
    until(lambda: mgr.latest(kept).state == mgr.latest(lost).state == "running", what="start")
    assert not mgr.attach("mallory", kept)          # a live session's job cannot be taken
    mgr.release_session("dave")
    mgr.release_session("erin")
    assert mgr.attach("dave2", kept)                 # reload within the grace period
    until(lambda: mgr.latest(lost).state == "stopped", 60, "orphan stopped")
    assert mgr.latest(lost).notice_key == "jobs.notice.orphaned"
    time.sleep(1.5)
    assert mgr.latest(kept).state == "running" and mgr.jobs_of("dave2") == [kept]
    mgr.stop(kept)


def test_a_killed_worker_fails_alone(mgr):
    victim, other = mgr.submit("frank", cfg()), mgr.submit("grace", cfg())
    until(lambda: mgr.latest(victim).step > 0 and mgr.latest(other).step > 0, what="start")
    os.kill(mgr._jobs[victim].proc.pid, signal.SIGKILL)
    snap = until(lambda: (s := mgr.latest(victim)).state == "failed" and s, 30, "failure")
    assert snap.error_key == "jobs.error.crashed" and "SIGKILL" in snap.error
    run = Run(mgr.root / victim)
    assert run.status()["state"] == "failed" and (run.path / "config.json").exists()
    step = mgr.latest(other).step
    until(lambda: mgr.latest(other).step > step, 30, "the other job goes on")
    assert mgr.latest(other).state == "running"
    mgr.stop(other)


def test_nonfinite_loss_pauses_the_job(mgr):
    job = mgr.submit("heidi", cfg(loss="lsgan", optimizer_d="sgd", optimizer_g="sgd",
                                  lr_d=10.0, lr_g=10.0))
    snap = until(lambda: (s := mgr.latest(job)).error and s, what="divergence")
    assert snap.state == "paused" and snap.error_key == "jobs.error.nonfinite"
    mgr.stop(job)


def test_idle_jobs_pause_then_stop(mgr):
    job = mgr.submit("ivan", cfg())
    until(lambda: mgr.latest(job).step > 0, what="start")
    mgr.limits = dataclasses.replace(mgr.limits, idle_pause_seconds=0.5, idle_stop_seconds=3.0)
    try:
        until(lambda: state(mgr, job) == "paused", 30, "idle pause")
        assert mgr._jobs[job].latest.notice_key == "jobs.notice.idle_pause"
        until(lambda: state(mgr, job) == "stopped", 30, "idle stop")
    finally:
        mgr.limits = dataclasses.replace(mgr.limits, idle_pause_seconds=900,
                                         idle_stop_seconds=3600)


def test_resume_continues_the_step_count(mgr):
    job = mgr.submit("judy", cfg(steps=20))
    until(lambda: mgr.latest(job).state == "finished", what="finish")
    again = mgr.submit("judy", cfg(steps=30), run_dir=mgr.root / job, resume=True)
    assert again == job
    snap = until(lambda: (s := mgr.latest(job)).state == "finished" and s.step > 20 and s,
                 what="resumed finish")
    assert snap.step == 30 and Run(mgr.root / job).status()["step"] == 30


def test_slow_motion_and_wait_for_the_answer(mgr):
    # A page's button waits for the worker's answer instead of the next live tick.
    job = mgr.submit("slow", Config(**SMALL), paused=True, pace=0.2)
    snap = mgr.wait_for(job, lambda s: s.state == "paused" and s.seq > 0, 120)
    assert snap.pace == 0.2 and snap.step == 0
    mgr.command(job, "step_d")
    assert mgr.wait_for(job, lambda s: s.d_updates == 1, 30).d_updates == 1
    mgr.command(job, "resume")
    snap = mgr.wait_for(job, lambda s: s.step >= 1, 30)
    assert snap.state == "running" and snap.pace == 0.2 and snap.last_moved in ("D", "G")
    mgr.command(job, "slow", seconds=None)
    assert mgr.wait_for(job, lambda s: s.pace is None and s.step > 100, 60).state == "running"
    with pytest.raises(JobError, match="slow seconds"):
        mgr.command(job, "slow", seconds=0)
    start = time.monotonic()
    assert mgr.wait_for(job, lambda s: False, 0.2) is mgr.latest(job)   # no answer: it returns
    assert time.monotonic() - start < 5
    mgr.stop(job)


def test_shutdown_stops_everything_and_leaves_no_process(mgr):
    jobs = [mgr.submit(f"k{i}", cfg(seed=i)) for i in range(3)]
    until(lambda: sum(mgr.latest(j).state == "running" for j in jobs) == 2, what="two running")
    mgr.shutdown()
    assert all(mgr.latest(j).state == "stopped" for j in jobs)
    assert all(Run(mgr.root / j).status()["state"] == "stopped" for j in jobs)
    assert worker_pids(os.getpid()) == []
    with pytest.raises(JobError, match="shutting down"):
        mgr.submit("late", cfg())


def test_limits_from_env_and_checks():
    lim = Limits.from_env({"GANLAB_LIMITS": "showcase", "GANLAB_LIMIT_MAX_ITERATIONS": "5000"})
    assert lim.max_iterations == 5000 and lim.max_per_session == 1 and not lim.allow_outside_runs
    with pytest.raises(ValueError, match="GANLAB_LIMIT_MAX_BATCH_SIZE"):
        Limits.from_env({"GANLAB_LIMIT_MAX_BATCH_SIZE": "lots"})
    with pytest.raises(ValueError, match="120"):
        Limits(orphan_grace_seconds=600)
    small = Limits(max_parameters=10_000, max_batch_size=128)
    with pytest.raises(LimitError, match="parameters"):
        small.check(Config(g_width=256, d_width=256, batch_size=64))
    with pytest.raises(LimitError, match="batch_size"):
        small.check(Config(batch_size=256, g_width=8, d_width=8))
    small.check(Config(batch_size=64, g_width=8, d_width=8))
    assert Limits(max_concurrent=3).global_cap() == 3 and Limits().global_cap() >= 1

