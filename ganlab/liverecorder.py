"""The worker's Recorder: the CLI's run-folder writer plus the in-memory curves that Snapshots
and the failure detectors read."""

from __future__ import annotations

import math

from ganlab.recorder import Recorder
from ganlab.runs import Run


class LiveRecorder(Recorder):
    """The CLI's Recorder plus in-memory curves for the Snapshots.

    Per-iteration stats stay 0-dim tensors until `drain()` (once per chunk), so a CUDA run syncs
    once per chunk, not once per iteration."""

    def __init__(self, run: Run, **kw):
        from ganlab.diagnostics import DIAGNOSTICS
        from ganlab.visuals import SeriesBuffer

        super().__init__(run, **kw)
        self.history = SeriesBuffer()
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
            if bad is None and not (math.isfinite(row["loss_d"]) and math.isfinite(row["loss_g"])):
                bad = row
        self.pending = []
        return bad

    def alarm_history(self, last: int = 2000) -> dict:
        """The failure detectors' input: the last `last` iterations' stats, step-aligned with
        the sparse diagnostic rows (gaps where a stream has no value)."""
        hist = self.history.arrays(max_points=10**9)
        hist = {k: list(v[-last:]) for k, v in hist.items()}
        hist["d_fake_mean"] = hist.get("d_fake", [])
        diag = self.diag_history.arrays(max_points=10**9, drop_empty=True)
        return merge_streams(hist, diag)


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
