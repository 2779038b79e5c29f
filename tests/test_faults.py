"""Faults with real processes: a worker killed with SIGKILL, GPU out-of-memory in one job, the
server stopped or killed mid-run, and a full disk under the runs folder.

Each fault must end only the run it hits, leave that run's folder readable up to its last write,
and say what happened in words. One JobManager (two slots) is shared by the module, and a job
`bystander` trains through the first faults to show that the others go on. A full disk is a real
one: a 96 kB tmpfs in a private mount namespace (`unshare`, no root needed where user namespaces
are allowed); where that is not possible, RLIMIT_FSIZE makes the kernel refuse the writes
instead. Nothing is timed; waits are generous bounds for a busy machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import polling
import pytest

from ganlab.config import Config
from ganlab.runs.folder import Run
from ganlab.serve.limits import LimitError, Limits
from ganlab.serve.manager import JobManager

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
START = 240       # seconds: a cold worker imports torch on a machine shared with other tests
SMALL = dict(g_width=16, d_width=16, g_layers=1, d_layers=1, batch_size=64, steps=1_000_000,
             sample_every=20, checkpoint_every=50, log_every=5)
OOM_RUN, OOM_STEP = "oom-victim", 30
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}


def cfg(**kw) -> Config:
    return Config(**{**SMALL, **kw})


def until(pred, timeout=START, what="condition"):
    return polling.until(pred, timeout, what)


def peek(m: JobManager, job: str):
    return m._jobs[job].latest


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def assert_failed_for_lack_of_space(run: Run) -> None:
    """status.json says why, although the disk was full (issue 16: it used to stay `running`)."""
    status = run.status()
    assert status["state"] == "failed" and "No space left on device" in status["error"], status


def assert_intact(path: Path) -> Run:
    """The folder a fault left behind reads cleanly: config, status, every complete metrics
    line (a torn last line is allowed: it was being written), samples and the checkpoint."""
    run = Run(path)
    run.config()
    assert run.status()["state"] in ("running", "failed", "stopped", "finished", "paused")
    lines = (path / "metrics.jsonl").read_text().splitlines() if (path / "metrics.jsonl").exists() \
        else []
    for line in lines[:-1]:
        json.loads(line)
    steps = [r["step"] for r in run.metrics()]
    assert steps == sorted(set(steps))
    import numpy as np

    for f in run.sample_files():
        np.load(f, allow_pickle=False)
    assert not [p.name for p in path.rglob(".*tmp*")], "half-written files were left behind"
    if run.has_checkpoint():
        trainer = run.load_trainer(device="cpu")
        assert trainer.step <= max(steps + [trainer.step])
    return run


@pytest.fixture(scope="module")
def mgr(tmp_path_factory):
    os.environ["GANLAB_TEST_FAULT"] = f"oom:{OOM_RUN}:{OOM_STEP}"   # inherited by the workers
    m = JobManager(tmp_path_factory.mktemp("runs"),
                   Limits(max_concurrent=2, max_per_session=1, orphan_grace_seconds=60),
                   ping_every=1.0, tick=0.05)
    yield m
    m.shutdown()
    os.environ.pop("GANLAB_TEST_FAULT", None)


@pytest.fixture(scope="module")
def bystander(mgr):
    job = mgr.submit("bob", cfg(seed=2))
    until(lambda: peek(mgr, job).step > 0, what="bystander training")
    return job


def test_kill_9_fails_only_that_run(mgr, bystander):
    victim = mgr.submit("alice", cfg(seed=1))
    with pytest.raises(LimitError, match="per visitor"):
        mgr.submit("alice", cfg())              # one run per visitor
    until(lambda: Run(mgr.root / victim).has_checkpoint() and peek(mgr, victim).step > 60,
          what="victim checkpointed")
    os.kill(mgr._jobs[victim].proc.pid, signal.SIGKILL)
    snap = until(lambda: (s := peek(mgr, victim)).state == "failed" and s, what="victim failed")
    assert "SIGKILL" in snap.error and snap.error_key == "jobs.error.crashed"
    run = assert_intact(mgr.root / victim)
    assert run.status()["state"] == "failed"
    assert run.load_trainer(device="cpu").step >= 50
    before = peek(mgr, bystander).step
    until(lambda: peek(mgr, bystander).step > before + 20, what="bystander going on")
    assert peek(mgr, bystander).state == "running"


def test_gpu_out_of_memory_fails_only_that_job(mgr, bystander):
    job = mgr.submit("carol", cfg(seed=3), run_dir=mgr.root / OOM_RUN)
    snap = until(lambda: (s := peek(mgr, job)).state == "failed" and s, what="OOM failure")
    assert snap.error_key == "jobs.error.oom" and "GPU ran out of memory" in snap.error
    assert "batch_size" in snap.error                     # it says what to try
    run = assert_intact(mgr.root / job)
    assert run.status()["state"] == "failed" and "out of memory" in run.status()["error"]
    before = peek(mgr, bystander).step
    until(lambda: peek(mgr, bystander).step > before + 20, what="bystander going on")
    assert peek(mgr, bystander).state == "running"


def test_stopping_the_server_marks_runs_stopped(mgr, bystander):
    mgr.shutdown()
    snap = peek(mgr, bystander)
    assert snap.state == "stopped"
    run = assert_intact(mgr.root / bystander)
    status = run.status()
    assert status["state"] == "stopped"
    assert run.load_trainer(device="cpu").step == status["step"] == snap.step   # resumable


# --- a server process that dies: its workers stop cleanly, the runs resume from the CLI -------
SERVER = textwrap.dedent("""
    import json, sys, time
    from ganlab.config import Config
    from ganlab.serve.manager import JobManager
    from ganlab.serve.limits import Limits
    import ganlab.runs.index
    # No free-disk reserve: a job must start on the tiny disk, so that the write path itself is
    # what fails (the reserve that refuses new runs on a full disk: test_hardening_disk.py).
    ganlab.runs.index.DISK_RESERVE_BYTES = 0
    root, name, config = sys.argv[1], sys.argv[2], sys.argv[3]
    mgr = JobManager(root, Limits(max_concurrent=1), ping_every=1.0, tick=0.05,
                     warm_spare=False)
    try:
        job = mgr.submit("s", Config.from_json(config), run_dir=f"{root}/{name}")
    except Exception as e:
        print(json.dumps({"state": "refused", "error": str(e)}), flush=True)
        sys.exit(0)
    last = None
    while True:
        s = mgr.latest(job)
        proc = mgr._jobs[job].proc
        line = json.dumps({"state": s.state, "step": s.step, "error": s.error,
                           "pid": proc.pid if proc else None})
        if line != last:
            print(line, flush=True)
            last = line
        if s.state in ("failed", "finished", "stopped"):
            break
        time.sleep(0.2)
    mgr.shutdown()
""")


def test_a_killed_server_leaves_stopped_runs_that_the_cli_resumes(tmp_path):
    root = tmp_path / "runs"
    root.mkdir()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(root), "r", cfg().to_json()],
                              cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True)
    try:
        pid = None
        for line in server.stdout:
            msg = json.loads(line)
            pid = msg["pid"] or pid
            if msg["step"] > 60 and Run(root / "r").has_checkpoint():
                break
        assert pid, "the job never started"
        server.kill()                       # no shutdown code runs in the server
        server.wait(timeout=30)
        until(lambda: not alive(pid), timeout=60, what="worker to exit after its server died")
    finally:
        if server.poll() is None:
            server.kill()
    run = assert_intact(root / "r")
    status = run.status()
    assert status["state"] == "stopped"
    step = run.load_trainer(device="cpu").step
    assert step == status["step"]
    out = subprocess.run([sys.executable, "-m", "ganlab.cli", "train", "--resume",
                          str(root / "r"), "--steps", "20", "--quiet"], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, timeout=START)
    assert out.returncode == 0, out.stderr
    assert run.status() == {**run.status(), "state": "finished", "step": step + 20}


# --- a full disk -------------------------------------------------------------------------------
def _tiny_disk_works() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                            "d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs $d && "
                            "umount $d && rmdir $d"], capture_output=True, timeout=30)
    return probe.returncode == 0


def _on_tiny_disk(command: list[str], out: Path, kb: int = 96) -> subprocess.CompletedProcess:
    """Run `command` with {DISK} replaced by a fresh kb-sized tmpfs; copy the tmpfs to `out`."""
    disk = out.parent / f"{out.name}-mnt"
    disk.mkdir()
    quoted = " ".join(f"'{c}'" for c in command).replace("{DISK}", str(disk))
    script = (f"mount -t tmpfs -o size={kb}k tmpfs '{disk}' || exit 99; {quoted}; rc=$?; "
              f"cp -a '{disk}/.' '{out}/'; exit $rc")
    out.mkdir()
    return subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
                          cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=START * 2)


TRAIN = [sys.executable, "-m", "ganlab.cli", "train", "--steps", "5000", "--quiet"] + \
    [a for k, v in SMALL.items() if k != "steps" for a in ("--set", f"{k}={v}")]


def test_a_full_disk_fails_the_cli_run_clearly_and_keeps_it_readable(tmp_path):
    if _tiny_disk_works():
        done = _on_tiny_disk(TRAIN + ["--out", "{DISK}/run"], tmp_path / "copy")
        folder = tmp_path / "copy" / "run"
        assert "No space left on device" in done.stderr
    else:   # no user namespaces here: the kernel refuses writes past a file-size limit instead
        import resource

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
        folder = tmp_path / "run"
        done = subprocess.run(TRAIN + ["--out", str(folder)], cwd=ROOT, env=ENV, timeout=START,
                              capture_output=True, text=True, preexec_fn=limit)
        assert "File too large" in done.stderr
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "run failed at step" in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 3
    run = assert_intact(folder)
    if _tiny_disk_works():
        assert_failed_for_lack_of_space(run)


@pytest.mark.skipif(not _tiny_disk_works(), reason="needs unshare with user namespaces")
def test_a_full_disk_fails_the_app_job_clearly_and_keeps_it_readable(tmp_path):
    done = _on_tiny_disk([sys.executable, "-c", SERVER, "{DISK}", "r", cfg().to_json()],
                         tmp_path / "copy")
    final = json.loads(done.stdout.strip().splitlines()[-1])
    if final["state"] == "refused":      # the disk filled before the run was created
        assert "No space left on device" in final["error"]
        return
    assert final["state"] == "failed", done.stdout + done.stderr
    assert "No space left on device" in final["error"]
    assert_failed_for_lack_of_space(assert_intact(tmp_path / "copy" / "r"))


# --- a real CUDA out-of-memory ------------------------------------------------------------------
def _has_cuda() -> bool:
    return shutil.which("nvidia-smi") is not None and subprocess.run(
        [sys.executable, "-c", "import torch, sys; sys.exit(not torch.cuda.is_available())"],
        env=ENV, timeout=120).returncode == 0


@pytest.mark.gpu
def test_real_cuda_out_of_memory_fails_only_that_job(tmp_path, monkeypatch):
    if not _has_cuda():
        pytest.skip("no CUDA device")
    monkeypatch.setenv("GANLAB_TEST_FAULT", f"cuda_oom:{OOM_RUN}:{OOM_STEP}")
    m = JobManager(tmp_path, Limits(max_concurrent=2), ping_every=1.0, tick=0.05)
    try:
        other = m.submit("a", cfg(device="cuda"))
        job = m.submit("b", cfg(device="cuda"), run_dir=tmp_path / OOM_RUN)
        snap = until(lambda: (s := peek(m, job)).state == "failed" and s, what="CUDA OOM")
        assert snap.error_key == "jobs.error.oom"
        before = peek(m, other).step
        until(lambda: peek(m, other).step > before + 20, what="the other job going on")
    finally:
        m.shutdown()


def test_a_full_runs_quota_refuses_new_jobs_with_a_message(tmp_path, monkeypatch):
    root = tmp_path / "runs"
    (root / "old").mkdir(parents=True)
    (root / "old" / "blob").write_bytes(b"\0" * 2**20)
    monkeypatch.setenv("GANLAB_RUNS_QUOTA_MB", "1")
    m = JobManager(root, Limits(), warm_spare=False)
    try:
        with pytest.raises(LimitError, match="runs folder is full"):
            m.submit("visitor", cfg())
        assert sorted(p.name for p in root.iterdir()) == ["old"]     # nothing half-created
    finally:
        m.shutdown()
