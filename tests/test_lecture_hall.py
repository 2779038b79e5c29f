"""Many runs live at once, and a visitor is a person (issue 16): a real JobManager with tiny
real runs. More runs than cores all start below the compute cap; past it they queue with a
position, and a queued run nobody watches is dropped; paused and slow-motion runs give their
share up; one address is one visitor across its sessions; a run's lifetime counts paused time.

One manager for the module (a worker's torch import is the slow part); the tests run in file
order on the jobs the earlier ones left.
"""

import dataclasses
import time

import polling
import pytest

from ganlab.config import Config
from ganlab.runs.folder import Run
from ganlab.serve.capacity import per_address_cap, sharing, training_cap, usable_cores, worker_cap
from ganlab.serve.limits import LimitError, Limits
from ganlab.serve.manager import JobManager

pytestmark = pytest.mark.slow

SMALL = dict(g_width=8, d_width=8, g_layers=2, d_layers=2, batch_size=32, steps=1_000_000)
START = 240    # seconds: several cold workers import torch at once on a busy 2-core machine
CORES = usable_cores()
JOBS: dict[str, str] = {}


@pytest.fixture(scope="module")
def mgr(tmp_path_factory):
    limits = Limits(max_concurrent=CORES + 1, max_workers=CORES + 8, max_per_session=4,
                    warm_spares=2, max_iterations=2_000_000)
    m = JobManager(tmp_path_factory.mktemp("runs"), limits, ping_every=1.0, tick=0.05)
    yield m
    m.shutdown()


def peek(m, job):
    return m._jobs[job].latest          # without counting as a read (the unwatched rule)


def test_the_caps_come_from_cores_and_memory():
    lim = Limits(runs_per_core=3, worker_mb=500)
    assert training_cap(lim, cores=2, mem_mb=100_000) == 6            # 3 runs a core
    assert worker_cap(lim, mem_mb=2048 + 500 * 4) == 4                 # memory after the reserve
    assert training_cap(lim, cores=2, mem_mb=2048 + 500 * 4) == 3      # one worker for a spare
    assert training_cap(Limits(max_concurrent=5), cores=64) == 5
    assert per_address_cap(Limits(max_per_session=1), 16) == 8         # half the server
    assert per_address_cap(Limits(max_per_session=4), 2) == 4          # never below a tab's
    assert Limits.showcase().max_lifetime_seconds > Limits.showcase().max_wall_seconds
    # Runs beyond the cores: one thread each, at the server's nice; a core each: as they were.
    assert sharing(CORES + 1) == {"threads": 1, "nice": Limits().train_nice}
    assert sharing(CORES + 1, 0) == {"threads": 1, "nice": 0} and sharing(CORES) == {}
    with pytest.raises(ValueError, match="train_nice"):
        Limits(train_nice=20)


def test_more_runs_than_cores_all_start_and_the_next_one_queues(mgr):
    jobs = [mgr.submit(f"tab{i}", Config(**SMALL, seed=i)) for i in range(CORES + 1)]
    polling.until(lambda: all((mgr.latest(j).step or 0) > 0 for j in jobs), START,
                  "every run below the cap to train")
    assert all(mgr.latest(j).queue_position is None for j in jobs)
    assert mgr.stats()["training"] == CORES + 1 > CORES
    extra = mgr.submit("late", Config(**SMALL, seed=99))
    time.sleep(1.0)
    snap = mgr.latest(extra)
    assert (snap.state, snap.queue_position) == ("queued", 1) and snap.queue_wait_s >= 0
    JOBS.update(running=jobs, queued=extra)


def test_a_queued_run_nobody_watches_is_dropped(mgr):
    extra = JOBS["queued"]
    mgr.limits = dataclasses.replace(mgr.limits, queue_unwatched_seconds=1.0)
    try:
        for _ in range(20):                 # a watched run stays in line
            assert mgr.latest(extra).state == "queued"
            time.sleep(0.1)
        snap = polling.until(lambda: (s := peek(mgr, extra)).state == "stopped" and s, 30,
                             "the unwatched run to leave the queue")
    finally:
        mgr.limits = dataclasses.replace(mgr.limits, queue_unwatched_seconds=60)
    assert snap.notice_key == "jobs.notice.unwatched" and snap.queue_position is None
    assert mgr._jobs[extra].proc is None and mgr.stats()["queued"] == 0


def test_paused_and_slow_runs_do_not_hold_a_slot_another_visitor_needs(mgr):
    paused, slow = JOBS["running"][:2]          # CORES + 1 >= 2 runs train
    mgr.command(paused, "pause")
    mgr.command(slow, "slow", seconds=1.0)
    polling.until(lambda: mgr.latest(paused).state == "paused" and
                  mgr.latest(slow).pace == 1.0, 60, "a paused and a slow-motion run")
    others = [mgr.submit(f"visitor{i}", Config(**SMALL, seed=50 + i)) for i in range(2)]
    polling.until(lambda: all((mgr.latest(j).step or 0) > 0 for j in others), START,
                  "the other visitors' runs to train")
    assert all(mgr.latest(j).queue_position is None for j in others)
    stats = mgr.stats()
    assert stats["live"] == CORES + 3 and stats["training"] <= mgr.cap and stats["queued"] == 0
    assert mgr.latest(paused).state == "paused"          # still there, only not training
    JOBS["others"] = others


def test_one_address_is_one_visitor_across_its_sessions(mgr):
    mgr.limits = dataclasses.replace(mgr.limits, max_per_address=2, max_per_session=1)
    try:
        for i in range(10):                 # a script opening session after session
            mgr.set_visitor(f"flood{i}", "203.0.113.7")
        mgr.set_visitor("neighbour", "198.51.100.1")
        mine = [mgr.submit(f"flood{i}", Config(**SMALL), paused=True) for i in range(2)]
        for i in range(2, 10):
            with pytest.raises(LimitError, match="per visitor across all tabs") as refused:
                mgr.submit(f"flood{i}", Config(**SMALL), paused=True)
        # The page shows the refusal in the visitor's language, not English in a zh wrapper.
        assert "所有标签页合计" in refused.value.text("zh") and "2" in refused.value.text("zh")
        theirs = mgr.submit("neighbour", Config(**SMALL), paused=True)   # another address
        assert {mgr._jobs[j].visitor for j in mine} == {"203.0.113.7"}
        mgr.stop(mine[0], wait=True)
        again = mgr.submit("flood5", Config(**SMALL), paused=True)      # a place freed up
    finally:
        mgr.limits = dataclasses.replace(mgr.limits, max_per_address=0, max_per_session=4)
    for job in (mine[1], theirs, again):
        mgr.stop(job, wait=False)


def test_a_paused_runs_lifetime_ends_at_the_bound(mgr):
    paused = JOBS["running"][0]
    assert mgr.latest(paused).state == "paused"
    age = time.monotonic() - mgr._jobs[paused].started
    mgr.limits = dataclasses.replace(mgr.limits, max_lifetime_seconds=age + 2.0)
    # Reading its snapshot (a tab watching the paused run) does not keep it alive.
    snap = polling.until(lambda: (s := mgr.latest(paused)).state == "stopped" and s, 60,
                         "the paused run to reach its lifetime")
    assert snap.notice_key == "jobs.notice.lifetime"
    run = Run(mgr.root / paused)
    assert run.status()["state"] == "stopped" and run.has_checkpoint()     # resumable
    for job in JOBS["running"][1:] + JOBS["others"]:
        mgr.stop(job, wait=False)
