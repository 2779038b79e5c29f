"""TensorBoard event files beside a run folder (architecture §6): `tensorboard --logdir runs` works.

    DIR/tensorboard/events.out.tfevents.*   scalars (every metrics.jsonl value), the sample grid
                                             (images) or a scatter of real and generated points
                                             (toy data), and histograms of D(real) and D(fake)

The Recorder calls `scalars` when it flushes its buffered rows (at most once a second) and
`samples` when it saves a sample snapshot, so nothing here runs on every iteration. A flushed
batch of rows becomes one event per row holding all its values (one protobuf, not one per
value as SummaryWriter.add_scalar makes: 43 µs per value, measured).

Events are written synchronously with TensorBoard's own RecordWriter and protobufs, and the
image and histogram summaries come from torch.utils.tensorboard.summary, the helpers
SummaryWriter uses. SummaryWriter itself is not used: its writer thread re-raises a failed
write (a full disk) and prints a traceback from that thread, which no caller can catch, and at
one write a second a thread buys nothing. Any failure here stops the event files with one log
line and never the run. Without the `tensorboard` package, or with GANLAB_TENSORBOARD=0, the
run simply has no event files (one log line says so).
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import socket
import time

import numpy as np
import torch

log = logging.getLogger(__name__)

FOLDER = "tensorboard"
HIST_POINTS = 512       # points per D(x) histogram: as many as a toy sample snapshot
HIST_IMAGES = 64        # images per D(x) histogram: as many as a sample grid
REAL_SEED = 0           # the real points drawn for pictures and histograms: the same every time
_warned = False
_counter = itertools.count()


def available() -> bool:
    """Whether event files can be written; says why not once per process."""
    global _warned
    if os.environ.get("GANLAB_TENSORBOARD", "1") == "0":
        return False
    try:
        import tensorboard.summary.writer.record_writer  # noqa: F401
        import torch.utils.tensorboard.summary  # noqa: F401  (imports tensorboard too)
    except ImportError:
        if not _warned:
            log.warning("tensorboard is not installed: runs write no TensorBoard event files "
                        "(pip install 'ganlab[tensorboard]')")
            _warned = True
        return False
    return True


class EventFile:
    """One events.out.tfevents.* file, named as TensorBoard's writers name theirs (so a
    resumed run's new file sorts after the old ones), written record by record."""

    def __init__(self, folder: str, purge_step: int | None = None):
        from tensorboard.compat.proto.event_pb2 import Event, SessionLog
        from tensorboard.summary.writer.record_writer import RecordWriter

        os.makedirs(folder, exist_ok=True)
        name = (f"events.out.tfevents.{int(time.time()):010d}.{socket.gethostname()}."
                f"{os.getpid()}.{next(_counter)}")
        self.Event = Event
        # Kept open for the run's lifetime and closed by close(): no `with` block fits.
        self.records = RecordWriter(open(os.path.join(folder, name), "wb"))  # noqa: SIM115
        self.add(Event(wall_time=time.time(), file_version="brain.Event:2"))
        if purge_step is not None:
            # TensorBoard then drops what earlier files logged from this step on.
            self.add(Event(wall_time=time.time(), step=purge_step,
                           session_log=SessionLog(status=SessionLog.START)))
        self.flush()

    def add(self, event) -> None:
        self.records.write(event.SerializeToString())

    def summary(self, summary, step: int) -> None:
        self.add(self.Event(wall_time=time.time(), step=int(step), summary=summary))

    def flush(self) -> None:
        self.records.flush()

    def close(self) -> None:
        self.records.close()


class TensorBoardLog:
    """Writes one run's event files; opened at the first write, so a run that never logs
    (or a machine without tensorboard) creates nothing."""

    def __init__(self, run_path):
        self.path = os.path.join(run_path, FOLDER)
        self.writer: EventFile | None = None
        self.disabled = False
        self.first_step = None  # the first step this session logs; set by the Recorder

    def _open(self) -> bool:
        if self.writer is not None:
            return True
        if self.disabled:
            return False
        if not available():
            self.disabled = True
            return False
        self._safely(self._create)
        return self.writer is not None

    def _create(self) -> None:
        # A resumed run continues at first_step: TensorBoard is told to drop what an earlier
        # session logged from there on (metrics.jsonl drops those rows too).
        first = self.first_step or 1
        self.writer = EventFile(self.path, purge_step=first if first > 1 else None)

    def scalars(self, rows: list[dict]) -> None:
        """One event per metrics row: `train/loss_d`, ... and `diagnostics/<name>`."""
        if rows and self._open():
            self._safely(self._scalars, rows)

    def samples(self, trainer, step: int, samples) -> None:
        """The snapshot just saved (PNG grid, or toy points drawn over real ones) and D's
        outputs on fixed real points and on the generated ones."""
        if self._open():
            self._safely(self._samples, trainer, step, samples)

    def close(self) -> None:
        if self.writer is not None:
            self._safely(self.writer.close)
            self.writer = None

    def _safely(self, fn, *args) -> None:
        # Event files are a second copy of what the run folder holds: if writing them fails
        # (a full disk, a removed folder) the run goes on without them and says so once.
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 — whatever TensorBoard raises, training continues
            log.warning("TensorBoard logging stopped: %s: %s", type(e).__name__, e)
            self.writer, self.disabled = None, True

    def _scalars(self, rows: list[dict]) -> None:
        from tensorboard.compat.proto.summary_pb2 import Summary

        for row in rows:
            values = [Summary.Value(tag=_tag(k), simple_value=float(v)) for k, v in row.items()
                      if k != "step" and isinstance(v, (int, float)) and not isinstance(v, bool)]
            if values:
                self.writer.summary(Summary(value=values), row["step"])
        self.writer.flush()

    def _samples(self, trainer, step: int, samples) -> None:
        from torch.utils.tensorboard.summary import histogram, image

        from ganlab.train.losses import LOSSES

        n = HIST_POINTS if trainer.data.kind == "toy" else HIST_IMAGES
        gen = torch.Generator().manual_seed(REAL_SEED)  # not a training stream: changes nothing
        y = None
        if trainer.conditional:
            x_real, y = trainer.data.sample_with_labels(n, gen)
            y = y.cpu()
        else:
            x_real = trainer.data.sample(n, gen)
        x_real = x_real.float().cpu()
        if isinstance(samples, bytes):
            picture = _png_array(samples)
            x_fake = trainer.sample(n, trainer.fixed_noise(n))
        else:
            x_fake = torch.from_numpy(np.asarray(samples, dtype=np.float32))
            picture = _scatter(x_fake.numpy(), x_real.numpy(), trainer.data.bounds, step)
        self.writer.summary(image("samples", picture, dataformats="HWC"), step)
        y_fake = (torch.arange(len(x_fake)) % trainer.data.num_classes
                  if trainer.conditional else None)
        d_real = trainer.discriminate(x_real, y)
        d_fake = trainer.discriminate(x_fake, y_fake)
        if not LOSSES[trainer.cfg.loss].critic:   # a probability, as the app shows D(x)
            d_real, d_fake = torch.sigmoid(d_real), torch.sigmoid(d_fake)
        for tag, values in (("D/real", d_real), ("D/fake", d_fake)):
            values = values[torch.isfinite(values)]
            if len(values):
                self.writer.summary(histogram(tag, values.numpy(), "auto"), step)
        self.writer.flush()


def _tag(key: str) -> str:
    # The Trainer's per-iteration stats under train/, everything else is a diagnostic.
    train = ("loss_d", "loss_g", "d_real", "d_fake", "grad_norm_d", "grad_norm_g")
    return f"train/{key}" if key in train else f"diagnostics/{key}"


def _png_array(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _scatter(fake: np.ndarray, real: np.ndarray, bounds, step: int) -> np.ndarray:
    """The time-lapse export's frame: real points behind G's, framed by the target's bounds."""
    from ganlab.runs.bundle import _scatter_frame

    fake = fake[:, None] if fake.ndim == 1 else fake
    real = real[:, None] if real.ndim == 1 else real
    return np.asarray(_scatter_frame(fake, bounds, real, f"step {step:,}"))
