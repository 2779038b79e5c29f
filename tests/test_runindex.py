"""Run folders as a list: summaries, orphan repair, rename/delete, quota, folder -> Snapshot, and
resume-equals-uninterrupted through the Run API."""

from __future__ import annotations

import json
import os
import time

import numpy as np
import pytest

from ganlab.config import Config
from ganlab.runs import index as runindex
from ganlab.runs.folder import Run, RunError
from ganlab.runs.loop import train_loop
from ganlab.runs.naming import RunNameError
from ganlab.runs.recorder import Recorder
from ganlab.runs.replay import snapshot_of
from ganlab.train.trainer import Trainer

TINY = Config(dataset="ring8", g_layers=1, d_layers=1, g_width=16, d_width=16, batch_size=32,
              noise_dim=2, log_every=1, sample_every=5, checkpoint_every=1000, device="cpu",
              steps=12)


def train(path, cfg=TINY, steps=None, diagnostics=False) -> Run:
    run = Run.create(path, cfg)
    code = train_loop(Trainer(cfg), run, steps or cfg.steps, Recorder(run, diagnostics),
                      progress=False)
    assert code == 0
    return run


def resume(path, steps) -> Run:
    run = Run(path)
    trainer = run.load_trainer()
    run.drop_metrics_after(trainer.step)
    assert train_loop(trainer, run, steps, Recorder(run, False), progress=False) == 0
    return run


def losses(run: Run) -> list[tuple]:
    return [(r["step"], r["loss_d"], r["loss_g"], r["d_real"], r["grad_norm_g"])
            for r in run.metrics()]


def test_resume_equals_uninterrupted_bit_for_bit(tmp_path):
    n, m = 10, 7
    train(tmp_path / "a", steps=n)
    a = resume(tmp_path / "a", m)
    b = train(tmp_path / "b", steps=n + m)
    assert len(losses(a)) == n + m
    assert losses(a) == losses(b)  # exact float equality, JSON round-trips floats exactly
    ta, tb = a.load_trainer(), b.load_trainer()
    assert ta.step == tb.step == n + m
    for (k, va), (_, vb) in zip(ta.G.state_dict().items(), tb.G.state_dict().items()):
        assert va.equal(vb), k
    assert a.status()["state"] == "finished" and a.status()["step"] == n + m


def test_scan_summarises_app_and_cli_runs(tmp_path):
    train(tmp_path / "cli-run", TINY.replace(steps=100), diagnostics=True)
    Run.create(tmp_path / "queued-one", TINY.replace(loss="hinge"))
    (tmp_path / "not-a-run").mkdir()
    (tmp_path / "stray.txt").write_text("x")
    rows = {s.name: s for s in runindex.scan(tmp_path)}
    assert set(rows) == {"cli-run", "queued-one"}
    s = rows["cli-run"]
    assert (s.state, s.step, s.steps, s.dataset, s.loss) == ("finished", 100, 100, "ring8",
                                                            "nonsaturating")
    assert s.checkpoint_step == 100 and s.resumable and s.started > 0
    assert {"loss_d", "loss_g", "modes_covered", "hq_share"} <= set(s.final)
    assert rows["queued-one"].state == "queued" and not rows["queued-one"].resumable


def test_damaged_folders_are_listed_not_fatal(tmp_path):
    run = train(tmp_path / "r")
    with open(run.path / "metrics.jsonl", "a") as f:
        f.write('{"step": 13, "loss_d": 0.')  # torn last line
    (run.path / "status.json").write_text("{broken")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "config.json").write_text('{"lr_d": -5}')
    rows = {s.name: s for s in runindex.scan(tmp_path)}
    # status.json is written atomically, so a broken one is damage: listed as such, with why
    assert rows["r"].state == "corrupt" and rows["r"].step == 12
    assert "status.json" in rows["r"].error
    assert rows["bad"].state == "corrupt" and "lr_d=-5" in rows["bad"].error


def test_runs_live_at_shutdown_become_stopped_and_resumable(tmp_path):
    run = train(tmp_path / "was-live")
    run.write_status("running", 12)
    other = Run.create(tmp_path / "still-live", TINY)
    other.write_status("running", 3)
    cli = Run.create(tmp_path / "cli-now", TINY)
    cli.write_status("running", 3)
    later = time.time() + runindex.ORPHAN_GRACE_S + 1
    os.utime(cli.path / "status.json")  # the CLI wrote just now: must be left alone
    changed = runindex.mark_orphans_stopped(tmp_path, live_ids={"still-live"}, now=later - 60)
    assert changed == []  # everything was written less than the grace period ago
    changed = runindex.mark_orphans_stopped(tmp_path, live_ids={"still-live"}, now=later)
    assert sorted(changed) == ["cli-now", "was-live"]
    s = runindex.summarize(tmp_path / "was-live")
    assert s.state == "stopped" and s.resumable and s.checkpoint_step == 12
    assert Run(tmp_path / "still-live").status()["state"] == "running"
    resume(tmp_path / "was-live", 3)
    assert runindex.summarize(tmp_path / "was-live").step == 15


def test_rename_and_delete(tmp_path):
    train(tmp_path / "r1")
    Run.create(tmp_path / "r2", TINY)
    assert runindex.rename(tmp_path, "r1", "my best/run") == "my-best-run"
    assert (tmp_path / "my-best-run" / "config.json").is_file()
    with pytest.raises(RunError, match="already exists"):
        runindex.rename(tmp_path, "r2", "my-best-run")
    with pytest.raises(RunError, match="training"):
        runindex.rename(tmp_path, "r2", "x", live_ids={"r2"})
    with pytest.raises(RunError, match="training"):
        runindex.delete(tmp_path, "r2", live_ids=["r2"])
    with pytest.raises(RunNameError):
        runindex.delete(tmp_path, "../" + tmp_path.name)
    with pytest.raises(RunError, match="no run"):
        runindex.delete(tmp_path, "missing")
    runindex.delete(tmp_path, "my-best-run")
    assert [s.name for s in runindex.scan(tmp_path)] == ["r2"]
    assert tmp_path.exists()


def test_quota(tmp_path, monkeypatch):
    train(tmp_path / "r")
    used = runindex.disk_usage(tmp_path)
    assert used > 1000
    runindex.check_quota(tmp_path, quota=used + 1)
    with pytest.raises(runindex.QuotaError, match="runs folder is full") as full:
        runindex.check_quota(tmp_path, quota=used)
    assert "运行文件夹已满" in full.value.text("zh")
    runindex.check_quota(tmp_path, quota=0)  # 0 = no limit


def test_the_quota_is_the_servers_setting(monkeypatch):
    # One reader of GANLAB_RUNS_QUOTA_MB (serve/settings.py); runs/ takes the quota as given.
    from ganlab.serve import settings

    monkeypatch.setenv("GANLAB_RUNS_QUOTA_MB", "1.5")
    assert settings.reload().quota_bytes == int(1.5 * 2**20)
    monkeypatch.setenv("GANLAB_RUNS_QUOTA_MB", "0")
    assert settings.reload().quota_bytes == 0
    assert not hasattr(runindex, "quota_bytes")


def test_snapshot_of_a_finished_run_feeds_the_figure_builders(tmp_path):
    run = train(tmp_path / "r", TINY.replace(steps=100), diagnostics=True)
    snap = snapshot_of(run.path)
    assert snap.state == "finished" and snap.step == 100 and snap.config["dataset"] == "ring8"
    assert list(snap.history["step"]) == list(range(1, 101))
    assert np.allclose(snap.history["loss_d"], [r["loss_d"] for r in run.metrics()])
    assert snap.diagnostics["step"].tolist() == [100.0]
    assert "modes_covered" in snap.diagnostics
    assert snap.fake.shape == (512, 2) and snap.real.shape[1] == 2 and len(snap.bounds) == 2
    from ganlab.viz import curves
    fig = curves.loss_figure(snap)
    assert len(fig.data) == 2 and fig.data[0].x[-1] == 100


def test_snapshot_of_a_corrupt_checkpoint_and_config(tmp_path):
    run = train(tmp_path / "r")
    (run.path / "checkpoint.safetensors").write_bytes(b"\x00garbage")
    with pytest.raises(RunError, match="checkpoint is corrupt"):
        run.load_trainer()
    (run.path / "checkpoint.json").write_text(json.dumps({"step": 1}))
    with pytest.raises(RunError):
        run.load_trainer()
    (run.path / "config.json").write_text("[]")
    with pytest.raises(RunError, match="config.json"):
        snapshot_of(run.path)


def test_a_run_shorter_than_sample_every_shows_g_at_its_checkpoint(tmp_path):
    run = train(tmp_path / "short", TINY.replace(sample_every=1000, steps=12))
    assert run.sample_files() == []
    snap = snapshot_of(run.path)
    trainer = run.load_trainer()
    want = trainer.sample(512, trainer.fixed_noise(512)).numpy()
    assert snap.fake.shape == (512, 2) and np.array_equal(snap.fake, want)
