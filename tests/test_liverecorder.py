"""The worker's in-memory curves: the charts' history is decimated, the failure detectors' input
is not, so a long healthy run never reads a missing loss as a NaN one."""

import math

import numpy as np

from ganlab.config import Config
from ganlab.diagnostics import check_all
from ganlab.runs.folder import Run
from ganlab.serve.curves import ALARM_WINDOW, LiveRecorder
from ganlab.train.trainer import Trainer

SMALL = dict(dataset="ring8", g_width=16, d_width=16, g_layers=2, d_layers=2, batch_size=64)
CAPACITY = 200   # the real one is 16,000 rows; 600 iterations decimate this one twice


def trained(tmp_path, iterations: int) -> LiveRecorder:
    """A real run, drained in chunks the way the worker drains it."""
    cfg = Config(**SMALL, steps=iterations)
    trainer = Trainer(cfg, threads=1)
    rec = LiveRecorder(Run.create(tmp_path / "run", cfg), history_capacity=CAPACITY)
    trainer.callbacks.append(rec)
    for _ in range(iterations // 50):
        trainer.train(50)
        rec.drain()
    rec.close(trainer, "finished")
    return rec


def test_past_decimation_the_detectors_see_every_iteration_and_no_false_divergence(tmp_path):
    rec = trained(tmp_path, 600)
    shown = rec.history.arrays()["step"]
    # The charts' copy is decimated (every 4th iteration by now, odd steps), so it misses the
    # diagnostic probes' steps, multiples of 100.
    assert rec.history.stride == 4 and not set(shown.tolist()) >= {100, 200, 300}
    merged = rec.alarm_history()
    dense = [i for i, s in enumerate(merged["step"]) if s > 600 - ALARM_WINDOW]
    assert [merged["step"][i] for i in dense] == list(range(1, 601))
    assert all(math.isfinite(merged[k][i]) for k in ("loss_d", "loss_g") for i in dense)
    assert not np.isnan(np.asarray(merged["modes_covered"], float)).all()
    assert [a.kind for a in check_all(merged, loss="nonsaturating")
            if a.kind == "divergence"] == []

