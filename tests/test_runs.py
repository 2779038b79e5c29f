"""Run folders: the architecture §6 layout, exact resume, safe and clear checkpoint loading."""

import json

import numpy as np
import pytest
import torch

from ganlab.config import Config
from ganlab.runs.folder import Run, RunError
from ganlab.runs.recorder import Recorder
from ganlab.train.trainer import Trainer

CFG = Config(g_width=32, d_width=32, g_layers=2, d_layers=2, batch_size=64, log_every=5,
             sample_every=20, checkpoint_every=20, loss="wgan_gp", ema=0.9, seed=5)


def floats(stats):
    return [stats.floats()[k] for k in ("loss_d", "loss_g", "grad_norm_d", "grad_norm_g")]


def test_run_folder_layout(tmp_path):
    run = Run.create(tmp_path / "r", CFG)
    tr = Trainer(CFG)
    rec = Recorder(run)
    tr.callbacks.append(rec)
    tr.train(40)
    rec.close(tr, "finished")
    assert Config.from_json((run.path / "config.json").read_text()) == CFG
    status = json.loads((run.path / "status.json").read_text())
    assert status["state"] == "finished" and status["step"] == 40 and status["error"] is None
    rows = run.metrics()
    assert [r["step"] for r in rows][:3] == [5, 10, 15]
    assert {"loss_d", "loss_g", "d_real", "d_fake"} <= set(rows[0])
    names = [p.name for p in run.sample_files()]
    assert names == ["step_0000020.npy", "step_0000040.npy"]
    assert np.load(run.sample_files()[0]).shape == (512, 2)
    assert run.has_checkpoint()


def test_resume_reproduces_the_uninterrupted_run(tmp_path):
    straight = Trainer(CFG)
    expected = [floats(straight.iterate()) for _ in range(50)]

    first = Trainer(CFG)
    got = [floats(first.iterate()) for _ in range(30)]
    run = Run.create(tmp_path / "r", CFG)
    run.save_checkpoint(first)
    resumed = run.load_trainer()
    assert resumed.step == 30
    got += [floats(resumed.iterate()) for _ in range(20)]
    assert got == expected  # bit-identical on CPU
    assert resumed.step == 50


def test_corrupt_checkpoint_is_a_clear_error(tmp_path):
    run = Run.create(tmp_path / "r", CFG)
    tr = Trainer(CFG)
    run.save_checkpoint(tr)
    (run.path / "checkpoint.safetensors").write_bytes(b"\x00garbage" * 10)
    with pytest.raises(RunError, match="checkpoint is corrupt"):
        run.load_trainer()
    with pytest.raises(RunError, match="no checkpoint"):
        Run.create(tmp_path / "empty", CFG).load_trainer()
    with pytest.raises(RunError, match="not a run folder"):
        Run(tmp_path / "nothing").load_trainer()


def test_pickle_payload_is_never_executed(tmp_path):
    """A checkpoint replaced by a pickle bomb is rejected as data, not run as code."""
    import pickle

    class Boom:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    run = Run.create(tmp_path / "r", CFG)
    run.save_checkpoint(Trainer(CFG))
    (run.path / "checkpoint.safetensors").write_bytes(pickle.dumps(Boom()))
    with pytest.raises(RunError):
        run.load_trainer()
    assert not (tmp_path / "pwned").exists()


def test_checkpoint_of_another_architecture_is_refused(tmp_path):
    run = Run.create(tmp_path / "r", CFG)
    run.save_checkpoint(Trainer(CFG))
    meta = json.loads((run.path / "checkpoint.json").read_text())
    meta["config"]["g_width"] = 64
    (run.path / "checkpoint.json").write_text(json.dumps(meta))
    with pytest.raises(RunError, match="does not match its config"):
        run.load_trainer()


def test_torn_metrics_line_is_skipped_and_nonfinite_is_null(tmp_path):
    run = Run.create(tmp_path / "r", CFG)
    run.append_metrics([{"step": 1, "loss_d": float("nan")}, {"step": 2, "loss_d": 0.5}])
    with open(run.path / "metrics.jsonl", "a") as f:
        f.write('{"step": 3, "loss')  # killed mid-write
    rows = run.metrics()
    assert [r["step"] for r in rows] == [1, 2]
    assert rows[0]["loss_d"] is None and rows[0]["nonfinite"] == ["loss_d"]


def test_create_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "precious.txt").write_text("keep me")
    with pytest.raises(RunError, match="not empty"):
        Run.create(tmp_path / "r", CFG)
    assert (tmp_path / "r" / "precious.txt").read_text() == "keep me"


def test_a_diverged_run_never_overwrites_its_last_good_checkpoint(tmp_path):
    run = Run.create(tmp_path / "r", CFG)
    tr = Trainer(CFG)
    rec = Recorder(run, diagnostics=False)
    tr.callbacks.append(rec)
    tr.train(5)
    rec.checkpoint(tr)
    good = (run.path / "checkpoint.safetensors").read_bytes()
    with torch.no_grad():
        next(tr.G.parameters()).fill_(float("nan"))
    tr.train(2)
    rec.checkpoint(tr)
    rec.close(tr, "failed", "diverged")
    assert (run.path / "checkpoint.safetensors").read_bytes() == good
    assert run.status()["state"] == "failed" and run.status()["step"] == 7
    assert run.load_trainer().step == 5
