"""TensorBoard event files beside a run folder, read back with TensorBoard's own reader after
real training, and compared against what the run folder itself holds."""

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

pytest.importorskip("tensorboard")
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from ganlab.config import Config
from ganlab.runs import tensorboard as tblog
from ganlab.runs.folder import Run
from ganlab.runs.loop import train_loop
from ganlab.runs.recorder import Recorder
from ganlab.train.trainer import Trainer

ENV = {**os.environ, "OMP_NUM_THREADS": "1"}
SMALL = dict(g_width=32, d_width=32, batch_size=64, sample_every=100)


def events(run_path) -> EventAccumulator:
    acc = EventAccumulator(str(run_path / "tensorboard"),
                           size_guidance={"scalars": 0, "images": 0, "histograms": 0})
    acc.Reload()
    return acc


def metrics(run_path) -> list[dict]:
    return [json.loads(line) for line in (run_path / "metrics.jsonl").read_text().splitlines()]


@pytest.mark.slow
def test_cli_run_writes_scalars_samples_and_histograms_tensorboard_reads(tmp_path):
    out = tmp_path / "run"
    sets = [a for k, v in SMALL.items() for a in ("--set", f"{k}={v}")]
    r = subprocess.run([sys.executable, "-m", "ganlab.cli", "train", *sets, "--steps", "200",
                        "--quiet", "--out", str(out)], capture_output=True, text=True,
                       timeout=300, env=ENV)
    assert r.returncode == 0, r.stderr
    acc = events(out)
    rows = metrics(out)
    # Every logged value, at its step, exactly as metrics.jsonl has it (float32 in the event).
    for key in ("loss_d", "loss_g", "d_real", "grad_norm_g"):
        got = {e.step: e.value for e in acc.Scalars(f"train/{key}")}
        want = {row["step"]: row[key] for row in rows}
        assert sorted(got) == sorted(want)
        np.testing.assert_allclose([got[s] for s in sorted(got)],
                                   [want[s] for s in sorted(want)], rtol=1e-6)
    diag = [row for row in rows if "modes_covered" in row]
    assert diag and [e.value for e in acc.Scalars("diagnostics/modes_covered")] == \
        [row["modes_covered"] for row in diag]
    # The 2D scatter at each saved sample step, as a PNG image.
    from PIL import Image

    images = acc.Images("samples")
    assert [i.step for i in images] == [100, 200]
    picture = Image.open(io.BytesIO(images[-1].encoded_image_string))
    assert picture.size == (images[-1].width, images[-1].height) and picture.size[0] >= 200
    # D(fake) at step 200 is D's probability on the very samples saved at step 200.
    trainer = Run(out).load_trainer(device="cpu")
    fake = torch.from_numpy(np.load(out / "samples" / "step_0000200.npy"))
    d_fake = torch.sigmoid(trainer.discriminate(fake)).numpy().astype(np.float64)
    hist = acc.Histograms("D/fake")[-1]
    assert hist.step == 200 and hist.histogram_value.num == len(fake)
    np.testing.assert_allclose(hist.histogram_value.sum, d_fake.sum(), rtol=1e-5)
    np.testing.assert_allclose(hist.histogram_value.min, d_fake.min(), rtol=1e-5)
    real = acc.Histograms("D/real")[-1].histogram_value
    assert real.num == tblog.HIST_POINTS and 0 <= real.min <= real.max <= 1


def _train(path, cfg, steps, close=True, resume=False):
    run = Run(path) if resume else Run.create(path, cfg)
    trainer = run.load_trainer(device="cpu") if resume else Trainer(cfg, device="cpu")
    if resume:
        run.drop_metrics_after(trainer.step)
    recorder = Recorder(run, diagnostics=False)
    trainer.callbacks.append(recorder)
    trainer.train(steps)
    if close:
        recorder.close(trainer, "finished")
    else:
        recorder.flush()           # written so far, then "killed": no close, no checkpoint
    return trainer


def test_a_resumed_run_shows_each_step_once(tmp_path):
    cfg = Config(**SMALL, log_every=10, checkpoint_every=100)
    _train(tmp_path / "r", cfg, 150, close=False)      # steps 101-150 logged, then lost
    _train(tmp_path / "r", cfg, 100, resume=True)      # continues from the checkpoint at 100
    acc = events(tmp_path / "r")
    steps = [e.step for e in acc.Scalars("train/loss_d")]
    assert steps == list(range(10, 201, 10))           # TensorBoard dropped the orphaned 110-150
    want = {row["step"]: row["loss_d"] for row in metrics(tmp_path / "r")}
    np.testing.assert_allclose([e.value for e in acc.Scalars("train/loss_d")],
                               [want[s] for s in steps], rtol=1e-6)


def test_event_files_do_not_change_the_run(tmp_path, monkeypatch):
    cfg = Config(**{**SMALL, "sample_every": 30}, log_every=5)
    with_tb = _train(tmp_path / "a", cfg, 90)
    monkeypatch.setenv("GANLAB_TENSORBOARD", "0")
    without = _train(tmp_path / "b", cfg, 90)
    assert not (tmp_path / "b" / "tensorboard").exists()
    assert metrics(tmp_path / "a") == metrics(tmp_path / "b")
    for p, q in zip(with_tb.G.parameters(), without.G.parameters()):
        assert torch.equal(p, q)


def test_an_image_run_logs_its_sample_grid(tmp_path):
    cfg = Config(dataset="digits", g_width=16, d_width=16, batch_size=32, sample_every=5,
                 log_every=5)
    _train(tmp_path / "img", cfg, 5)
    acc = events(tmp_path / "img")
    from PIL import Image

    logged = np.asarray(Image.open(io.BytesIO(acc.Images("samples")[0].encoded_image_string)))
    saved = np.asarray(Image.open(tmp_path / "img" / "samples" / "step_0000005.png")
                       .convert("RGB"))
    assert np.array_equal(logged, saved)
    assert acc.Histograms("D/fake")[0].histogram_value.num == tblog.HIST_IMAGES


def test_without_tensorboard_the_run_goes_on_with_one_log_line(tmp_path, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "tensorboard.summary.writer.record_writer", None)
    monkeypatch.setattr(tblog, "_warned", False)
    cfg = Config(**{**SMALL, "sample_every": 20}, log_every=5)
    run = Run.create(tmp_path / "r", cfg)
    with caplog.at_level("WARNING", logger="ganlab.runs.tensorboard"):
        assert train_loop(Trainer(cfg), run, 40, Recorder(run), progress=False) == 0
        run2 = Run.create(tmp_path / "r2", cfg)
        assert train_loop(Trainer(cfg), run2, 40, Recorder(run2), progress=False) == 0
    assert not (tmp_path / "r" / "tensorboard").exists()
    assert [r.getMessage() for r in caplog.records if "tensorboard" in r.getMessage()] == [
        ("tensorboard is not installed: runs write no TensorBoard event files "
         "(pip install 'ganlab[tensorboard]')")]
    assert run.status()["state"] == "finished"


def test_a_failing_event_file_stops_logging_not_the_run(tmp_path, caplog):
    cfg = Config(**{**SMALL, "sample_every": 20}, log_every=5)
    run = Run.create(tmp_path / "r", cfg)
    (run.path / tblog.FOLDER).write_text("a file where the folder should be")
    with caplog.at_level("WARNING", logger="ganlab.runs.tensorboard"):
        assert train_loop(Trainer(cfg), run, 40, Recorder(run), progress=False) == 0
    assert len([r for r in caplog.records if "TensorBoard logging stopped" in r.getMessage()]) == 1
    assert run.status()["state"] == "finished" and metrics(run.path)[-1]["step"] == 40
