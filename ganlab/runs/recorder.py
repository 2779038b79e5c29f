"""Recorder: a Trainer callback that keeps a run folder up to date while training goes on.

It writes a metrics row every `log_every` iterations (and whenever a diagnostic is due), a sample
snapshot every `sample_every`, and a checkpoint every `checkpoint_every`. Rows are buffered and
flushed at most once a second, so logging costs little even at thousands of iterations per second.
"""

from __future__ import annotations

import logging
import math
import time

import numpy as np
import torch

from ganlab.live.build import encode_grid
from ganlab.runs.folder import Run
from ganlab.runs.tensorboard import TensorBoardLog

log = logging.getLogger(__name__)

SAMPLES_TOY = 512      # points per toy sample snapshot
SAMPLES_IMAGE = 64     # images per grid (8 x 8)
PROBE_SAMPLES = 2500   # architecture §4: coverage statistics use 2,500 generated samples
PROBE_LINE = 400       # points of the 1D grid on which D is compared with D*
PROBE_IMAGES = 1000    # images cost ~100x a toy point to generate and score: a smaller probe


def make_probe(trainer, n: int | None = None):
    """Fresh real and generated samples plus D's outputs on both, for the diagnostics."""
    from ganlab.diagnostics.probe import Probe

    if n is None:
        n = PROBE_SAMPLES if trainer.data.kind == "toy" else PROBE_IMAGES
    # The probe generator is separate from the training stream: diagnostics never change a run.
    x_fake = trainer.sample(n)
    x_real = trainer.data.sample(n, trainer.probe_gen).float().cpu()
    y = None
    if trainer.conditional:
        y = torch.arange(n) % trainer.data.num_classes
    d_line = None
    if trainer.data.kind == "toy" and trainer.data.dim == 1:
        xs = np.linspace(*trainer.data.bounds[0], PROBE_LINE)
        d_line = (xs, trainer.discriminate(torch.from_numpy(xs[:, None]).float()).numpy())
    return Probe(fake=x_fake.numpy(), real=x_real.numpy(),
                 d_real_logits=trainer.discriminate(x_real, y).numpy(),
                 d_fake_logits=trainer.discriminate(x_fake, y).numpy(),
                 data=trainer.data, loss=trainer.cfg.loss, d_line=d_line)


def snapshot_samples(trainer) -> np.ndarray | bytes:
    if trainer.data.kind == "toy":
        return trainer.sample(SAMPLES_TOY, trainer.fixed_noise(SAMPLES_TOY)).numpy()
    return encode_grid(trainer.sample(SAMPLES_IMAGE, trainer.fixed_noise(SAMPLES_IMAGE)))


class Recorder:
    def __init__(self, run: Run, diagnostics: bool = True, flush_seconds: float = 1.0):
        self.run = run
        self.diagnostics = diagnostics
        self.flush_seconds = flush_seconds
        self.rows: list[dict] = []
        self.latest_diagnostics: dict[str, float] = {}
        self.last = None            # the latest StepStats
        self.tensorboard = TensorBoardLog(run.path)  # event files beside the run's own
        self._last_flush = time.monotonic()

    def __call__(self, trainer, stats) -> None:
        self.last = stats
        cfg, step = trainer.cfg, stats.step
        if self.tensorboard.first_step is None:
            self.tensorboard.first_step = step   # where this session starts (resume: purge)
        diag = self.compute_diagnostics(trainer, step) if self.diagnostics else {}
        if diag or step % cfg.log_every == 0:
            row = stats.floats()
            row.update(diag)
            self.rows.append(row)
        if step % cfg.sample_every == 0:
            samples = snapshot_samples(trainer)
            self.run.save_samples(step, samples)
            self.tensorboard.samples(trainer, step, samples)
        if step % cfg.checkpoint_every == 0:
            self.checkpoint(trainer)
        elif time.monotonic() - self._last_flush > self.flush_seconds:
            self.flush()

    def compute_diagnostics(self, trainer, step: int) -> dict[str, float]:
        from ganlab.diagnostics import compute_due

        diag = compute_due(step, lambda: make_probe(trainer))
        self.latest_diagnostics.update(diag)
        return diag

    def flush(self) -> None:
        self.run.append_metrics(self.rows)
        self.tensorboard.scalars(self.rows)
        self.rows = []
        self._last_flush = time.monotonic()

    def healthy(self, trainer) -> bool:
        """Worth saving: the last losses and every weight are finite. A diverged run must never
        overwrite its last good checkpoint."""
        last = self.last
        if last is not None and not (math.isfinite(float(last.loss_d)) and
                                     math.isfinite(float(last.loss_g))):
            return False
        with torch.no_grad():
            return all(bool(torch.isfinite(p).all()) for m in (trainer.G, trainer.D)
                       for p in m.parameters())

    def checkpoint(self, trainer) -> None:
        self.flush()
        if self.healthy(trainer):
            self.run.save_checkpoint(trainer)

    def close(self, trainer, state: str, error: str | None = None) -> None:
        """Flush, checkpoint (unless the weights are unusable) and write the final status.

        The small status goes first when the run failed, and again whenever a large write
        fails: on a full disk status.json still says why the run ended (before, it kept
        saying `running`). Another state is written last, so `finished` means the final
        checkpoint is there."""
        if state == "failed":
            self.run.write_status(state, trainer.step, error)
        try:
            self.flush()
            if self.healthy(trainer):
                self.run.save_checkpoint(trainer)
        except OSError as e:
            why = f"could not save the run ({e.strerror or type(e).__name__})"
            self.run.write_status("failed", trainer.step, f"{error}; {why}" if error else why)
            raise
        finally:
            self.tensorboard.close()
        if state != "failed":
            self.run.write_status(state, trainer.step, error)
