"""The task runner (ganlab.serve.tasks): what a Learn page trains runs once, in a process of its
own, and is cached on disk; many visitors asking at once start one process; a failure is one
line; a damaged cache file is computed again. Real processes and real (small) training."""

import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from ganlab.i18n import t
from ganlab.runs import areas
from ganlab.serve import capacity, computations, settings, tasks
from ganlab.serve.computations import TaskError
from ganlab.theory import wgan1d as W
from ganlab.theory.densities import Mixture

ROOT = Path(__file__).resolve().parents[1]
CRITIC = {"mu_r": -1.0, "mu_g": 1.0, "sigma": 0.5, "constraint": "gp", "clip": 0.05,
          "gp_weight": 10.0, "steps": 40, "seed": 0}
LONG = {**CRITIC, "steps": 600}
PATIENCE = 180.0   # seconds before a test gives up waiting (a hang, not a measured time)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLAB_RUNS", str(tmp_path / "runs"))
    tasks._MEMO.clear()
    yield settings.get().cache_dir
    tasks._MEMO.clear()


def settle(name, params):
    """Ask until the task is done or failed (as the page's progress bar does)."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        state = tasks.request(name, params)
        if state.state in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"{name} neither finished nor failed")


@pytest.fixture
def starts(monkeypatch):
    """The processes the runner starts, in order (it still starts them for real)."""
    started = []
    real = tasks.start_process

    def counting(folder, fds):
        proc = real(folder, fds)
        started.append(proc)
        return proc

    monkeypatch.setattr(tasks, "start_process", counting)
    return started


def no_more_processes(monkeypatch):
    def refuse(folder, fds):
        raise AssertionError("a process was started")

    monkeypatch.setattr(tasks, "start_process", refuse)


def one_line(state) -> str:
    key, args = state.reason
    text = t(key, "en", **args)
    assert "\n" not in text and "Traceback" not in text and not text.startswith("learn."), text
    return text


def test_a_task_trains_in_another_process_and_the_second_request_reads_the_cache(
        cache, starts, monkeypatch):
    assert tasks.request("wgan_critic", CRITIC).state == "running"   # answered at once
    done = settle("wgan_critic", CRITIC)
    assert done.done, done.reason
    assert len(starts) == 1
    assert done.result["task:pid"] == starts[0].pid != os.getpid()
    folder = tasks.folder_of("wgan_critic", CRITIC)[2]
    assert folder.parent == cache and (folder / "result.npz").is_file()
    # the numbers are train_critic's for these parameters (seeded: the same in any process)
    r = W.train_critic(Mixture.gaussian(-1.0, 0.5), Mixture.gaussian(1.0, 0.5), "gp", clip=0.05,
                       gp_weight=10.0, steps=40, seed=0, width=computations.CRITIC_WIDTH, lr=2e-3)
    assert np.allclose(done.result["f"], r.f) and done.result["gap"] == pytest.approx(r.gap)
    # at the priority the runs' rule gives a worker on this machine (serve.capacity)
    rule = capacity.sharing(capacity.training_cap(settings.get().limits))
    assert done.result["task:nice"] == os.nice(0) + rule.get("nice", 0)

    no_more_processes(monkeypatch)
    tasks._MEMO.clear()                    # a second visitor, as if in another server process
    again = tasks.request("wgan_critic", {**CRITIC, "mu_r": -1, "steps": 40.0})  # same values
    assert again.done and np.array_equal(again.result["f"], done.result["f"])
    with pytest.raises(ValueError):        # shared between visitors, so nobody may change it
        again.result["f"][0] = 1.0


def test_thirty_visitors_at_once_start_one_process(starts):
    barrier = threading.Barrier(30)
    states = []

    def visitor():
        barrier.wait()
        states.append(tasks.request("wgan_critic", CRITIC))

    threads = [threading.Thread(target=visitor) for _ in range(30)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(states) == 30 and {s.state for s in states} == {"running"}
    assert settle("wgan_critic", CRITIC).done and len(starts) == 1


def test_the_page_reads_progress_while_the_task_runs(cache):
    tasks.request("wgan_critic", LONG)
    folder = tasks.folder_of("wgan_critic", LONG)[2]
    seen = set()
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        state = tasks.request("wgan_critic", LONG)
        if state.done:
            break
        seen.add(round(state.progress, 2))
        time.sleep(0.05)
    assert state.done
    assert any(0 < p < 1 for p in seen), seen          # fractions between, not only 0 and 1
    pid = json.loads((folder / "progress.json").read_text())["pid"]
    assert pid == state.result["task:pid"] != os.getpid()


def test_a_task_over_its_time_limit_is_stopped_with_one_line(starts, monkeypatch):
    # 50 ms cannot even import torch: the runner must stop the process and say why.
    normal = computations.COMPUTATIONS["wgan_critic"]
    monkeypatch.setitem(computations.COMPUTATIONS, "wgan_critic",
                        dataclasses.replace(normal, seconds=0.05))
    state = settle("wgan_critic", CRITIC)
    assert state.state == "failed" and state.reason[0] == "learn.task.timeout"
    assert "0.05 s" in one_line(state)
    assert starts[0].poll() is not None                # the process is gone
    # the failure is shown (no new process) until someone asks again
    assert tasks.request("wgan_critic", CRITIC).state == "failed" and len(starts) == 1
    computations.COMPUTATIONS["wgan_critic"] = normal
    tasks.retry("wgan_critic", CRITIC)
    assert settle("wgan_critic", CRITIC).done and len(starts) == 2


def test_a_crashed_task_reports_how_it_ended(monkeypatch):
    real = tasks.start_process

    planted = []

    def killed(folder, fds):
        proc = real(folder, fds)
        proc.kill()                         # as the OOM killer would
        # what it leaves when the kill lands in a write (tests/test_disk_owner.py kills one)
        planted.append(folder / f".progress.json.tmp{proc.pid}.1")
        planted[0].write_bytes(b"half")
        return proc

    monkeypatch.setattr(tasks, "start_process", killed)
    state = settle("wgan_critic", CRITIC)
    assert state.state == "failed" and state.reason[0] == "learn.task.ended"
    assert "SIGKILL" in one_line(state)
    assert planted and not planted[0].exists()


def test_an_error_inside_the_task_is_one_line_and_the_traceback_goes_to_the_log(cache):
    folder = cache / "hand-made"
    folder.mkdir(parents=True)
    (folder / "params.json").write_text(json.dumps({"name": "wgan_critic",
                                                    "params": {**CRITIC, "sigma": 9.0}}))
    out = subprocess.run([sys.executable, "-m", "ganlab.serve.tasks", "--folder", str(folder)],
                         cwd=ROOT, capture_output=True, text=True, timeout=PATIENCE)
    assert out.returncode == 1 and "Traceback" in out.stderr
    state = tasks.State("failed", reason=tasks.read_failure(folder))
    assert "sigma=9.0" in one_line(state) and not (folder / "result.npz").exists()


def pickled_npz(path):
    np.savez(path, f=np.array([{"a": 1}], dtype=object))   # an object array is a pickle


@pytest.mark.parametrize("damage", ["garbage", "truncated", "pickle", "incomplete"])
def test_a_damaged_result_is_computed_again(cache, starts, damage):
    first = settle("wgan_critic", CRITIC)
    assert first.done
    path = tasks.folder_of("wgan_critic", CRITIC)[2] / "result.npz"
    if damage == "garbage":
        path.write_bytes(b"not a zip file at all")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:500])
    elif damage == "pickle":
        with open(path, "wb") as f:
            pickled_npz(f)
    else:                                  # a valid archive without what the page draws
        with open(path, "wb") as f:
            np.savez(f, x=np.zeros(3))
    tasks._MEMO.clear()
    assert tasks.request("wgan_critic", CRITIC).state == "running"
    again = settle("wgan_critic", CRITIC)
    assert len(starts) == 2 and again.done and np.array_equal(again.result["f"], first.result["f"])


def test_tasks_beyond_the_cap_wait_for_a_slot(starts, monkeypatch):
    monkeypatch.setattr(tasks, "_cap", lambda limits: 1)
    assert tasks.request("wgan_critic", LONG).state == "running"
    other = {**CRITIC, "seed": 1}
    assert tasks.request("wgan_critic", other).state == "waiting"
    assert settle("wgan_critic", LONG).done and len(starts) == 1
    assert settle("wgan_critic", other).done and len(starts) == 2


@pytest.mark.parametrize("name, params, words", [
    ("nope", {}, "no computation named 'nope'"),
    ("wgan_critic", {**CRITIC, "steps": 10**9}, "steps=1000000000"),
    ("wgan_critic", {**CRITIC, "sigma": float("nan")}, "sigma=nan"),
    ("wgan_critic", {**CRITIC, "seed": True}, "seed=True"),
    ("wgan_critic", {**CRITIC, "constraint": "../../etc"}, "constraint='../../etc'"),
    ("wgan_critic", {**CRITIC, "out": "/tmp/x"}, "unknown parameter 'out'"),
    ("cyclegan", {"domain_x": "moons", "domain_y": "ring", "lam": 1.0, "steps": 5.5, "seed": 0},
     "steps=5.5"),
    ("classifier", {"dataset": "digits", "data_dir": "relative"}, "data_dir"),
    ("classifier", {"dataset": "folder", "data_dir": "/tmp"}, "dataset='folder'"),
])
def test_bad_parameters_are_refused_in_one_line_before_any_process(starts, cache, name, params,
                                                                   words):
    with pytest.raises(TaskError) as e:
        tasks.request(name, params)
    assert words in str(e.value) and "\n" not in str(e.value)
    assert starts == [] and not cache.exists()


def test_the_cache_is_bounded(cache, monkeypatch):
    monkeypatch.setattr(tasks, "CACHE_ENTRIES", 3)
    cache.mkdir(parents=True)
    for i in range(5):
        (cache / f"old-{i}").mkdir()
        (cache / f"old-{i}" / "lock").touch()
    (cache / "slots").mkdir()
    (cache / "slots" / "0").touch()                      # not a task: never pruned
    busy = areas.try_lock(cache / "old-0" / "lock")    # one is at work: it stays
    for i in range(5):
        os.utime(cache / f"old-{i}", (1000 + i, 1000 + i))
    tasks.prune(cache, keep=cache / "new")
    os.close(busy)
    assert sorted(p.name for p in cache.iterdir()) == ["old-0", "old-3", "old-4", "slots"]


def test_a_classifier_result_is_accepted_only_when_its_weights_fit():
    from ganlab.train.classifier import SmallCNN

    comp = computations.COMPUTATIONS["classifier"]
    net = SmallCNN(1, 10)
    whole = {**{f"net:{k}": v.numpy() for k, v in net.state_dict().items()},
             "accuracy": 0.9, "class_names": np.array([str(i) for i in range(10)]),
             "shape": np.array([1, 8, 8]), "n": 1500, "n_held": 297, "task:pid": 1}
    assert comp.accepts(whole)
    clf = computations.classifier_of(whole)
    assert clf.predict(np.zeros((2, 1, 8, 8)))[0].shape == (2, 10)
    assert not comp.accepts({k: v for k, v in whole.items() if k != "accuracy"})
    assert not comp.accepts({**whole, "net:head.weight": np.zeros((3, 3), np.float32)})
    assert not comp.accepts({**whole, "shape": np.array([3, 8, 8])})


def test_a_cache_the_server_cannot_write_is_one_line(cache, starts):
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the cache folder should be")   # (root ignores permissions)
    state = tasks.request("wgan_critic", CRITIC)
    assert state.state == "failed" and state.reason[0] == "learn.task.error"
    assert ".cache" in one_line(state) and starts == []
