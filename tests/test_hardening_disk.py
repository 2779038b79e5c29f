"""Issue 16: a full disk records why the run ended (the small status first, then anything large),
a failed create leaves no stub folder, and the quota counts the disk's free space. Real run
folders; the full disk is an ENOSPC raised where the large write happens."""

from __future__ import annotations

import errno
import json
from collections import namedtuple

import pytest

from ganlab.runs import index as runindex
from ganlab.runs.folder import Run, RunError
from ganlab.runs.recorder import Recorder
from ganlab.train.trainer import Trainer
from tests.test_runindex import TINY

Usage = namedtuple("Usage", "total used free")


def enospc(*_, **__):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_at_the_failure_checkpoint_still_records_the_reason(tmp_path, monkeypatch):
    run = Run.create(tmp_path / "r", TINY)
    trainer = Trainer(TINY)
    recorder = Recorder(run, diagnostics=False)
    trainer.callbacks.append(recorder)
    run.write_status("running", 0)
    for _ in range(3):
        trainer.iterate()
    monkeypatch.setattr(Run, "save_checkpoint", enospc)    # the large write fails
    with pytest.raises(OSError):
        recorder.close(trainer, "failed", "RuntimeError: boom")
    status = json.loads((run.path / "status.json").read_text())
    assert status["state"] == "failed" and "boom" in status["error"]
    assert "No space left on device" in status["error"]


def test_full_disk_while_finishing_says_failed_not_running(tmp_path, monkeypatch):
    run = Run.create(tmp_path / "r", TINY)
    trainer = Trainer(TINY)
    run.write_status("running", 0)
    monkeypatch.setattr(Run, "save_checkpoint", enospc)
    with pytest.raises(OSError):
        Recorder(run, diagnostics=False).close(trainer, "finished")
    assert run.status()["state"] == "failed"


def test_failed_create_leaves_no_stub_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(Run, "write_status", enospc)
    with pytest.raises(RunError, match="No space left on device"):
        Run.create(tmp_path / "a" / "new-run", TINY)
    assert list(tmp_path.iterdir()) == []


def test_quota_counts_free_disk(tmp_path, monkeypatch):
    (tmp_path / "x").write_bytes(b"0" * 12 * 2**20)   # 12 MB used, quota 4096 MB
    monkeypatch.setattr(runindex.shutil, "disk_usage",
                        lambda p: Usage(20 * 2**20, 20 * 2**20, 8 * 2**20))   # a 20 MB disk
    used, limit = runindex.capacity(tmp_path, quota=4096 * 2**20)
    assert used == 12 * 2**20 and limit < 20 * 2**20
    with pytest.raises(runindex.QuotaError, match="disk"):
        runindex.check_quota(tmp_path, quota=4096 * 2**20)
