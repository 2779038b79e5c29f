"""Whole jobs through a real Ray cluster on this machine (architecture §9, "Training on a Ray
cluster"): the same JobManager, commands and Snapshots as with local workers, a lost actor
reported as failed with its folder intact, runs resumed across backends, sweeps in parallel,
and a visitor's cap across two replicas sharing the runs root.

One loopback-only cluster of 2 CPUs for the module: Ray binds to 127.0.0.1 when told this is not
a multi-machine cluster (RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0, read when ray is imported), and
usage statistics stay off (nothing leaves the machine)."""

import json
import os
import time

import pytest

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[cluster]')")

from ganlab.config import Config  # noqa: E402
from ganlab.runs.folder import Run  # noqa: E402
from ganlab.serve.ledger import TTL  # noqa: E402
from ganlab.serve.limits import LimitError, Limits  # noqa: E402
from ganlab.serve.manager import JobManager  # noqa: E402
from ganlab.sweep.grid import grid, run_name  # noqa: E402
from tests.polling import until  # noqa: E402

pytestmark = pytest.mark.slow
START = 120          # seconds for an actor to be placed and import torch on a busy 2-core box
LONG = 1_000_000     # steps a run never reaches within a test


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, namespace="ganlab", log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("cluster_runs")


def manager(root, **limits) -> JobManager:
    # No spare: on 2 CPUs it would hold one of them; ping often so the ledger clears quickly.
    return JobManager(root, Limits(**limits), cluster="auto", warm_spare=False, ping_every=0.5)


@pytest.fixture(scope="module")
def mgr(cluster, root):
    m = manager(root)
    assert m._backend.name == "ray"
    yield m
    m.shutdown()


def cfg(**kw) -> Config:
    return Config(dataset="ring8", steps=LONG, log_every=5, checkpoint_every=20, **kw)


def running(m, job, step=1):
    return m.wait_for(job, lambda s: s.state == "running" and s.step >= step, START)


def admitted(m, job):
    """m handed `job` a worker within half the ledger's TTL: its slot was given back by the
    ledger, not by an entry expiring (the actor itself may take longer to start)."""
    until(lambda: m._jobs[job].proc is not None, TTL / 2, "the cluster's slot to be given back")


def steps_of(path) -> list[int]:
    return [row["step"] for row in Run(path).metrics(None)]


def test_a_whole_job_through_ray_start_live_change_pause_step_stop(mgr):
    job = mgr.submit("s-whole", cfg())
    assert running(mgr, job).state == "running"
    mgr.command(job, "set", changes={"lr_d": 3e-4})
    snap = mgr.wait_for(job, lambda s: s.config.get("lr_d") == 3e-4, 30)
    assert snap.config["lr_d"] == 3e-4
    mgr.command(job, "pause")
    paused = mgr.wait_for(job, lambda s: s.state == "paused", 30)
    assert paused.state == "paused"
    mgr.command(job, "step", n=7)
    stepped = mgr.wait_for(job, lambda s: s.state == "paused" and s.step == paused.step + 7, 30)
    assert stepped.step == paused.step + 7
    mgr.stop(job)
    final = mgr.latest(job)
    assert final.state == "stopped"
    path = root_of(mgr, job)
    assert Run(path).status()["state"] == "stopped"
    assert Run(path).has_checkpoint()
    assert json.loads((path / "config.json").read_text())["lr_d"] == 3e-4


def root_of(m, job):
    return m.root / job


def test_a_killed_actor_is_failed_with_its_folder_intact_and_resumes_locally(mgr, root):
    job = mgr.submit("s-kill", cfg())
    running(mgr, job, step=60)           # checkpoints at 20, 40, 60 are on disk
    actor = mgr._jobs[job].proc.actor    # the test reaches in: nothing else may kill an actor
    ray.kill(actor, no_restart=True)
    snap = mgr.wait_for(job, lambda s: s.state == "failed", 60)
    assert snap.state == "failed"
    assert "ray.kill" in snap.error
    path = root_of(mgr, job)
    assert Run(path).status()["state"] == "failed"
    assert Run(path).has_checkpoint()
    assert len(steps_of(path)) >= 10

    local = JobManager(root, Limits(), cluster="local", warm_spare=False)
    try:
        assert local._backend.name == "local"
        target = max(steps_of(path)) + 100      # past the last checkpoint, whenever it was
        again = local.submit("s-kill", Run(path).config().replace(steps=target), run_dir=path,
                             resume=True)
        done = local.wait_for(again, lambda s: s.state == "finished", START)
        assert (done.state, done.step) == ("finished", target)
    finally:
        local.shutdown()
    steps = steps_of(path)
    assert steps == sorted(set(steps)) and steps[-1] == target


def test_a_local_run_resumes_on_the_cluster(mgr, root):
    local = JobManager(root, Limits(), cluster="local", warm_spare=False)
    try:
        job = local.submit("s-back", cfg().replace(steps=100))
        assert local.wait_for(job, lambda s: s.state == "finished", START).step == 100
    finally:
        local.shutdown()
    path = root / job
    again = mgr.submit("s-back", Run(path).config().replace(steps=180), run_dir=path,
                       resume=True)
    done = mgr.wait_for(again, lambda s: s.state == "finished", START)
    assert (done.state, done.step) == ("finished", 180)
    steps = steps_of(path)
    assert steps == sorted(set(steps)) and steps[-1] == 180


def test_sweep_members_train_at_the_same_time(mgr, root):
    base = cfg()
    members = grid(base, {"lr_d": [1e-3, 2e-3]})
    jobs = [mgr.submit("s-sweep", c, run_dir=root / run_name(c, ["lr_d"])) for c in members]
    # Both are running before either is stopped: the cluster trains them in parallel.
    snaps = [running(mgr, j, step=20) for j in jobs]
    assert [s.state for s in snaps] == ["running", "running"]
    assert all(not mgr._jobs[j].ended for j in jobs)
    for j in jobs:
        mgr.stop(j)
    assert [mgr.latest(j).config["lr_d"] for j in jobs] == [1e-3, 2e-3]


def test_a_visitors_cap_holds_across_replicas(cluster, root):
    # One person, two tabs, each on its own replica (the proxy is sticky per tab's session).
    a, b = manager(root, max_per_address=1), manager(root, max_per_address=1)
    try:
        a.set_visitor("tab-a", "203.0.113.7")
        b.set_visitor("tab-b", "203.0.113.7")
        job = a.submit("tab-a", cfg())
        with pytest.raises(LimitError, match="servers together"):
            b.submit("tab-b", cfg())
        other = b.submit("someone-else", cfg())    # the cap is per visitor, not per replica
        a.stop(job)
        # Once replica A has vouched for its live jobs again, B admits the visitor.
        again = until(lambda: _try_submit(b, "tab-b"), 30, "the ledger to free the slot")
        for j in (other, again):
            b.stop(j)
    finally:
        a.shutdown()
        b.shutdown()


def test_replicas_share_the_clusters_cap(cluster, root):
    a, b = manager(root, max_concurrent=1), manager(root, max_concurrent=1)
    try:
        first = a.submit("tab-1", cfg())
        running(a, first)
        second = b.submit("tab-2", cfg())
        # B has a slot of its own, but the site's one slot is A's: B's run waits in B's queue
        # for as long as we look (B's supervisor looks ten times a second).
        for _ in range(20):
            assert b._jobs[second].proc is None and b.latest(second).state == "queued"
            time.sleep(0.1)
        a.stop(first)
        admitted(b, second)
        assert running(b, second).state == "running"
        third = a.submit("tab-3", cfg())
        for _ in range(5):
            assert a._jobs[third].proc is None and a.latest(third).state == "queued"
            time.sleep(0.1)
        # Replica B goes away (a rolling restart): its share of the cap comes back at once.
        b.shutdown()
        admitted(a, third)
        assert running(a, third).state == "running"
        a.stop(third)
    finally:
        a.shutdown()
        b.shutdown()


def _try_submit(m, session):
    try:
        return m.submit(session, cfg())
    except LimitError:
        return None


def test_placement_one_cpu_and_a_gpu_share_for_image_runs(mgr, root, monkeypatch):
    backend = mgr._backend
    assert backend.gpu_share() == 0.0                  # this cluster has no GPU
    assert backend.needs({"config": Config(dataset="digits").to_dict()}) == {"num_cpus": 1}
    monkeypatch.setattr(backend, "_gpu_share", 0.125)  # as measured on a 16 GiB GPU
    image = Config(dataset="digits").to_dict()
    assert backend.needs({"config": image}) == {"num_cpus": 1, "num_gpus": 0.125}
    assert backend.needs({"config": {**image, "device": "cpu"}}) == {"num_cpus": 1}
    assert backend.needs({"config": cfg().to_dict()}) == {"num_cpus": 1}   # toy: CPU only
    assert backend.needs(None) == {"num_cpus": 1}                           # the spare


def test_the_deploy_check_trains_through_the_cluster(cluster, root, monkeypatch, capsys):
    from ganlab.serve import settings
    from ganlab.serve.cluster import main

    monkeypatch.setenv("GANLAB_CLUSTER", "auto")
    monkeypatch.setenv("GANLAB_RUNS", str(root))
    settings.reload()
    try:
        assert main() == 0
    finally:
        monkeypatch.undo()
        settings.reload()
    out = capsys.readouterr().out
    assert "node 127.0.0.1" in out and "CPU 2" in out
    assert "finished at step 300" in out


def test_an_unreachable_cluster_is_one_line(monkeypatch, capsys):
    from ganlab.serve import cluster as backend

    monkeypatch.setattr(ray, "is_initialized", lambda: False)   # as in a fresh server
    with pytest.raises(backend.ClusterError, match="^cannot reach the Ray cluster at "
                                                   "127.0.0.1:1: ") as e:
        backend.connect("127.0.0.1:1")
    assert "\n" not in str(e.value)
