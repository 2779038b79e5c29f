"""The worker's Recorder: the CLI's run-folder writer plus the in-memory curves that Snapshots
and the failure detectors read."""

from __future__ import annotations

import logging
import math
from collections import deque

from ganlab.runs.folder import Run
from ganlab.runs.recorder import Recorder

log = logging.getLogger(__name__)
ALARM_WINDOW = 2000   # iterations the failure detectors see (their windows are ≤ 200 + 5)


class LiveRecorder(Recorder):
    """The CLI's Recorder plus in-memory curves for the Snapshots.

    Two copies of the per-iteration stats: `history`, bounded by decimation for the charts, and
    `recent`, the last ALARM_WINDOW iterations undecimated for the failure detectors, whose
    contract (diagnostics.streams) is a loss at every step. Fed the decimated history, they met
    the probes' steps (multiples of 100) between the odd steps it keeps past 16,000 iterations,
    read the missing losses there as NaN and called every default run diverged.

    Per-iteration stats stay 0-dim tensors until `drain()` (once per chunk), so a CUDA run syncs
    once per chunk, not once per iteration."""

    def __init__(self, run: Run, history_capacity: int | None = None, **kw):
        from ganlab.diagnostics import DIAGNOSTICS
        from ganlab.live.build import SeriesBuffer

        super().__init__(run, **kw)
        self.history = SeriesBuffer(**{"capacity": history_capacity} if history_capacity else {})
        self.recent: deque[dict] = deque(maxlen=ALARM_WINDOW)
        metrics = dict.fromkeys(m for d in DIAGNOSTICS.values() for m in d.metrics)
        self.diag_history = SeriesBuffer(("step", *metrics))
        self.pending: list = []

    def __call__(self, trainer, stats) -> None:
        self.pending.append(stats)
        super().__call__(trainer, stats)

    def compute_diagnostics(self, trainer, step: int) -> dict[str, float]:
        diag = super().compute_diagnostics(trainer, step)
        if diag:
            self.diag_history.append({"step": step, **diag})
        return diag

    def drain(self) -> dict | None:
        """Move pending stats into the history; return the first non-finite row, if any."""
        bad = None
        for stats in self.pending:
            row = stats.floats()
            self.history.append(row)
            self.recent.append(row)
            if bad is None and not (math.isfinite(row["loss_d"]) and math.isfinite(row["loss_g"])):
                bad = row
        self.pending = []
        return bad

    def alarm_history(self) -> dict:
        """The failure detectors' input: every one of the last ALARM_WINDOW iterations' stats,
        step-aligned with the sparse diagnostic rows (gaps where a diagnostic has no value)."""
        hist = {k: [row[k] for row in self.recent] for k in (self.recent[0] if self.recent else {})}
        hist["d_fake_mean"] = hist.get("d_fake", [])
        diag = self.diag_history.arrays(max_points=10**9, drop_empty=True)
        return merge_streams(hist, diag)

    def alarms(self, loss: str) -> tuple:
        """The active failure alarms over alarm_history(), as plain dicts (a Snapshot's); a bug
        in a detector never stops training."""
        try:
            from ganlab.diagnostics import check_all

            return tuple(dict(kind=a.kind, step=a.step, message_key=a.message_key,
                              severity=a.severity, details=a.details)
                         for a in check_all(self.alarm_history(), loss=loss))
        except Exception:
            log.exception("failure detectors raised")
            return ()


def merge_streams(dense: dict, sparse: dict) -> dict:
    """One step-aligned history from per-iteration streams and sparse diagnostic rows."""
    if not sparse or not len(sparse.get("step", ())):
        return dense
    steps = sorted(set(int(s) for s in dense.get("step", [])) |
                   set(int(s) for s in sparse["step"]))
    index_d = {int(s): i for i, s in enumerate(dense.get("step", []))}
    index_s = {int(s): i for i, s in enumerate(sparse["step"])}
    out = {"step": steps}
    for name, values in dense.items():
        if name != "step":
            out[name] = [values[index_d[s]] if s in index_d else None for s in steps]
    for name, values in sparse.items():
        if name != "step":
            out[name] = [float(values[index_s[s]]) if s in index_s else None for s in steps]
    return out
