"""How the worker tells a person what ended or paused a run (i18n key, args and English text),
how it records a failure, and the fault injection the fault tests use to fail a run on purpose."""

from __future__ import annotations

import os

from ganlab.config import ConfigError
from ganlab.i18n import t
from ganlab.runs.folder import RunError


def message(key: str, **args) -> tuple[str, str, dict]:
    """(English text, key, args) of an i18n message."""
    return t(key, "en", **args), key, args


def explain(exc: BaseException, step: int) -> tuple[str, str, dict]:
    """A person-readable (text, key, args) for an exception that ended a run."""
    name = type(exc).__name__
    if "OutOfMemoryError" in name or "out of memory" in str(exc).lower():
        return message("jobs.error.oom")
    if isinstance(exc, (ConfigError, RunError)):
        detail = str(exc)
    else:
        detail = f"{name}: {str(exc)[:300]}"
    # In showcase mode no server path reaches a visitor (e.g. "put the MNIST files in /srv/...").
    return message("jobs.error.failed", step=step, detail=_redact(detail))


def _redact(text: str) -> str:
    from ganlab.serve import settings

    try:
        return settings.get().redact(text)
    except settings.SettingsError:   # a bad setting stops the server at start; never here
        return text


def notice(key: str, **args) -> dict:
    """Snapshot fields for a notice (not an error) shown on the run's page."""
    text, key, args = message(key, **args)
    return dict(notice=text, notice_key=key, notice_args=args)


def fail(worker, exc: BaseException) -> None:
    """A run ended by `exc`: record it as well as the folder allows, status.json first (on a full
    disk even the traceback cannot be written), then a status-only Snapshot that tells the page
    why, and last the traceback into worker.log."""
    import time

    from ganlab.live.snapshot import Snapshot

    step = worker.trainer.step if worker.trainer is not None else 0
    text, key, args = explain(exc, step)
    worker.status = dict(error=text, error_key=key, error_args=args)
    try:
        if worker.recorder is not None:
            worker.recorder.close(worker.trainer, "failed", text)
        else:
            worker.run.write_status("failed", 0, text)
    except Exception:
        _print_traceback()       # the Snapshot below still tells the page why
    worker.seq += 1
    snap = Snapshot(run_id=worker.run_id, seq=worker.seq, state="failed", step=step,
                    wall_time=time.time(), **worker.status,
                    config=worker.trainer.cfg.to_dict() if worker.trainer else {})
    worker.send(snap)
    _print_traceback()


def _print_traceback() -> None:
    """The current traceback into worker.log, unless that fails too (a full disk)."""
    import traceback

    try:
        traceback.print_exc()
    except OSError:
        pass


def install_test_fault(worker) -> None:
    """Fault injection for tests/test_faults.py, off unless the server's environment says
    GANLAB_TEST_FAULT=<kind>:<run_id>:<step> (a visitor cannot set it). At <step> the run
    <run_id> raises torch.cuda.OutOfMemoryError (kind `oom`, any machine) or really allocates
    more GPU memory than exists (kind `cuda_oom`), through the same path as a real failure."""
    kind, _, rest = os.environ.get("GANLAB_TEST_FAULT", "").partition(":")
    run_id, _, at = rest.rpartition(":")
    if kind not in ("oom", "cuda_oom") or run_id != worker.run_id or not at.isdigit():
        return
    trainer, at = worker.trainer, int(at)
    iterate = trainer.iterate

    def faulty_iterate():
        if trainer.step >= at:
            import torch

            if kind == "oom":
                raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate "
                                                  "20.00 GiB (injected by GANLAB_TEST_FAULT)")
            torch.empty(2**50, dtype=torch.uint8, device="cuda")   # 1 PiB: never fits
        return iterate()

    trainer.iterate = faulty_iterate
