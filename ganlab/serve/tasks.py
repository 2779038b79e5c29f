"""The task runner: what a Learn page trains is computed once, by a process of its own, and
cached on disk, so the web process never trains and the second visitor sees the result at once.

A task is a named computation (ganlab.serve.computations) with parameters. Its folder
`<cache>/<name>-<hash of name, version and parameters>/` holds:

    params.json    the computation's name and parameters (what the task's process reads)
    result.npz     the result: NumPy arrays and 0-d numbers, read with allow_pickle=False
    progress.json  {"done": fraction, "pid": the computing process}, rewritten as it runs
    failed.json    {"key": i18n key, "args": {...}}: why the last try ended without a result
    lock           flock'ed while the task runs: 30 visitors asking at once start one process
    log.txt        the process's stderr (a traceback, for whoever runs the server)

`request(name, params)` answers at once with the task's State: done (with the result), running
(with its progress), waiting (every slot is busy) or failed (with the reason, for FAILED_FOR
seconds or until `retry`), and starts the process when no one has. At most
`limits.global_cap()` tasks run at once across every server sharing the cache (slot files,
flock'ed the same way), each for at most its computation's `seconds` and the runs'
`max_wall_seconds`, on one CPU thread, at the runs' priority (serve.capacity). A result that
cannot be read is deleted and computed again. The cache lives in the runs folder
(`Settings.cache_dir`), under the runs' quota.

The process is `python -m ganlab.serve.tasks --folder DIR --parent PID`, never a
multiprocessing child (Streamlit runs the page as __main__). A thread of the runner's own starts
it and waits for it, not the page's script thread: the process asks to die with the thread that
started it (PR_SET_PDEATHSIG follows the thread), and a script thread ends with every page run.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import logging
import os
import subprocess
import sys
import threading
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ganlab.runs import areas
from ganlab.serve import settings
from ganlab.serve.computations import COMPUTATIONS, Computation, TaskError

log = logging.getLogger("ganlab.serve.tasks")

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])   # the repo (ganlab/serve/..)
CACHE_ENTRIES = 1000    # task folders kept (tens of KB each); the oldest beyond this go
FAILED_FOR = 120.0      # seconds a failure is shown before the next request tries again
PROGRESS_EVERY = 0.2    # seconds between progress writes: the page looks twice a second
MEMO_ENTRIES = 64       # results kept in memory, so a page rerun does not reread the disk


@dataclass(frozen=True)
class State:
    state: str                      # done | running | waiting | failed
    progress: float = 0.0           # fraction done while running
    result: dict | None = None      # when done; arrays are read-only (shared by every visitor)
    reason: tuple[str, dict] | None = None   # when failed: (i18n key, args)

    @property
    def done(self) -> bool:
        return self.state == "done"


# ---- asking for a task (the web side) ---------------------------------------------------------
def folder_of(name: str, params: dict) -> tuple[Computation, dict, Path]:
    """The computation, its checked parameters and the task's folder; TaskError for an unknown
    name or a bad parameter."""
    comp = COMPUTATIONS.get(name)
    if comp is None:
        raise TaskError(f"no computation named {name!r}")
    canon = comp.check(dict(params))
    text = json.dumps([name, comp.version, canon], sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()[:20]
    return comp, canon, settings.get().cache_dir / f"{name}-{digest}"


def request(name: str, params: dict) -> State:
    """The task's state now; starts its process when it has no result, no recent failure, no
    process already at work on it, and a slot is free. A cache folder the server cannot write
    (a full disk) is a failure with its reason, not an exception."""
    comp, canon, folder = folder_of(name, params)
    result = read_result(folder, comp)
    if result is not None:
        return State("done", 1.0, result)
    try:
        return _claim(name, comp, canon, folder)
    except OSError as e:
        return State("failed", reason=("learn.task.error", {"detail": _one_line(e)}))


def _claim(name: str, comp: Computation, canon: dict, folder: Path) -> State:
    areas.folder(folder)
    lock = areas.try_lock(folder / "lock")
    if lock is None:                       # someone's process is at work: share its progress
        return State("running", read_progress(folder))
    try:
        result = read_result(folder, comp)  # it may have finished between the two looks
        if result is not None:
            return State("done", 1.0, result)
        failed = read_failure(folder)
        if failed is not None:
            return State("failed", reason=failed)
        slot = _take_slot()
        if slot is None:
            return State("waiting")
        try:
            _write_json(folder / "params.json", {"name": name, "params": canon})
            areas.remove(folder / "progress.json")
            prune(folder.parent, keep=folder)
            threading.Thread(target=_supervise, args=(folder, comp, lock, slot), daemon=True,
                             name=f"task {folder.name}").start()
        except BaseException:
            os.close(slot)
            raise
        lock = None                        # the thread holds it until the process has ended
        return State("running", 0.0)
    finally:
        if lock is not None:
            os.close(lock)


def retry(name: str, params: dict) -> State:
    """Forget the last failure and ask again."""
    areas.remove(folder_of(name, params)[2] / "failed.json")
    return request(name, params)


def start_process(folder: Path, fds: tuple[int, ...]) -> subprocess.Popen | None:
    """The task's process (it inherits the lock and slot, so they stay held while it lives);
    None if the OS refuses one."""
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "ganlab.serve.tasks", "--folder", str(folder),
           "--parent", str(os.getpid())]
    try:
        with areas.log_file(folder / "log.txt") as err:
            return subprocess.Popen(cmd, pass_fds=fds, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=err, env=env,
                                    cwd=PACKAGE_ROOT)
    except OSError:
        return None


def _supervise(folder: Path, comp: Computation, lock: int, slot: int) -> None:
    """Start the task's process, wait for it within its time limit, and say why it ended when
    it left no result; then free the key and the slot."""
    try:
        runs_limit = settings.get().limits.max_wall_seconds
        limit = min(comp.seconds, runs_limit) if runs_limit else comp.seconds
        proc = start_process(folder, (lock, slot))
        if proc is None:
            write_failure(folder, "learn.task.nostart")
            return
        try:
            code = proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            areas.remove_torn_writes(folder, proc.pid)
            write_failure(folder, "learn.task.timeout", seconds=f"{limit:g}")
            return
        # Exit code 0 comes only after the result is saved; any other code without a reason
        # of the process's own is a crash (killed, out of memory: perhaps in mid-write).
        if code != 0:
            areas.remove_torn_writes(folder, proc.pid)
            if read_failure(folder) is None:
                from ganlab.serve.process import how_it_ended

                write_failure(folder, "learn.task.ended", how=how_it_ended(code))
    except Exception as e:                 # never leave a key locked by a dead thread
        log.exception("task %s", folder.name)
        write_failure(folder, "learn.task.error", detail=_one_line(e))
    finally:
        os.close(slot)                     # the slot first: whoever gets the key finds it free
        os.close(lock)


@functools.cache
def _cap(limits) -> int:
    return limits.global_cap()             # asks nvidia-smi: once per Limits


def _take_slot() -> int | None:
    slots = settings.get().cache_dir / "slots"
    areas.folder(slots)
    for i in range(_cap(settings.get().limits)):
        fd = areas.try_lock(slots / str(i))
        if fd is not None:
            return fd
    return None


def prune(root: Path, keep: Path) -> None:
    """Remove the oldest task folders beyond CACHE_ENTRIES (never one at work, never `keep`).
    Every task folder has a lock file, also one asked for while all slots were busy."""
    folders = [p for p in root.iterdir() if (p / "lock").is_file() and p != keep]
    if len(folders) < CACHE_ENTRIES:
        return
    folders.sort(key=lambda p: p.stat().st_mtime)
    for p in folders[:len(folders) - CACHE_ENTRIES + 1]:
        fd = areas.try_lock(p / "lock")
        if fd is not None:
            areas.remove_tree(p)
            os.close(fd)


# ---- the files of a task ----------------------------------------------------------------------
_MEMO: OrderedDict[tuple, dict] = OrderedDict()
_MEMO_LOCK = threading.Lock()


def read_result(folder: Path, comp: Computation) -> dict | None:
    """The saved result, or None when there is none; a file that cannot be read, or that lacks
    what the page draws, is deleted (the next request computes it again) instead of breaking
    the page."""
    path = folder / "result.npz"
    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    try:
        with np.load(path, allow_pickle=False) as z:
            out = {k: z[k] for k in z.files}
    except Exception as e:                 # any damage (numpy raises many kinds): recompute
        log.warning("unreadable task result %s (%s): computing it again", path, e)
        _discard(path)
        return None
    for k, v in out.items():
        if v.ndim == 0:
            out[k] = v.item()
        else:
            v.setflags(write=False)
    if not comp.accepts(out):
        log.warning("incomplete task result %s: computing it again", path)
        _discard(path)
        return None
    with _MEMO_LOCK:
        _MEMO[key] = out
        while len(_MEMO) > MEMO_ENTRIES:
            _MEMO.popitem(last=False)
    return out


def _discard(path: Path) -> None:
    try:
        areas.remove(path)
    except OSError as e:                   # e.g. a folder in its place: the request then fails
        log.warning("cannot remove %s: %s", path, e)


def write_result(folder: Path, result: dict) -> None:
    arrays = {k: np.asarray(v) for k, v in result.items()}
    bad = [k for k, v in arrays.items() if v.dtype == object]
    if bad:
        raise TypeError(f"result {bad[0]!r} is not numbers or text")
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    areas.write(folder / "result.npz", buf.getvalue())


def read_progress(folder: Path) -> float:
    try:
        done = float(json.loads((folder / "progress.json").read_text())["done"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0
    return min(max(done, 0.0), 1.0) if done == done else 0.0


def read_failure(folder: Path) -> tuple[str, dict] | None:
    """(i18n key, args) of the last failure, if it is recent; an old one is forgotten."""
    path = folder / "failed.json"
    try:
        if time.time() - path.stat().st_mtime > FAILED_FOR:
            areas.remove(path)
            return None
        data = json.loads(path.read_text())
        return str(data["key"]), {str(k): str(v) for k, v in dict(data["args"]).items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_failure(folder: Path, key: str, **args) -> None:
    try:
        _write_json(folder / "failed.json", {"key": key, "args": args})
    except OSError as e:                   # a full disk: the log still has it
        log.warning("task %s failed (%s %s) and could not say so: %s", folder.name, key, args, e)


def _write_json(path: Path, data) -> None:
    areas.write_json(path, data)


def _one_line(e: BaseException) -> str:
    text = " ".join(f"{type(e).__name__}: {e}".split())[:300]
    try:
        return settings.get().redact(text)  # no server path reaches a showcase visitor
    except settings.SettingsError:
        return text


# ---- the task's own process -------------------------------------------------------------------
class _Reporter:
    """progress(done) for a computation: written to progress.json at most every PROGRESS_EVERY
    seconds (and at the end), so reporting costs the training nothing."""

    def __init__(self, folder: Path):
        self.folder, self.last = folder, 0.0

    def __call__(self, done: float) -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY or done >= 1.0:
            self.last = now
            _write_json(self.folder / "progress.json", {"done": float(done), "pid": os.getpid()})


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ganlab.serve.tasks")
    p.add_argument("--folder", required=True, help="the task's folder in the cache")
    p.add_argument("--parent", type=int, default=0, help="pid of the server (death signal)")
    args = p.parse_args(argv)
    from ganlab.serve.worker import die_with_parent

    die_with_parent(args.parent)
    folder = Path(args.folder)
    try:
        spec = json.loads((folder / "params.json").read_text())
        comp = COMPUTATIONS[spec["name"]]
        params = comp.check(spec["params"])
        from ganlab.serve.capacity import share_the_cores, sharing, training_cap

        # The runs' rule: when runs outnumber the cores, train at their lower priority, so the
        # web server drawing every visitor's page goes first. Before torch starts its threads.
        share_the_cores(sharing(training_cap(settings.get().limits)))
        import torch

        torch.set_num_threads(1)           # tiny models: one thread is fastest (trainer.py)
        start = time.monotonic()
        result = comp.run(params, _Reporter(folder))
        result.update({"task:pid": os.getpid(), "task:seconds": time.monotonic() - start,
                       "task:nice": os.nice(0)})
        write_result(folder, result)
    except Exception as e:                 # one line for the page, the traceback for the log
        write_failure(folder, "learn.task.error", detail=_one_line(e))
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
