"""How many runs one server trains at once, and how many worker processes it may hold.

Runs beyond the cores share them: every worker is single-threaded, and the kernel's scheduler
time-slices runnable processes fairly, so twelve runs on two cores each get a sixth of a core
instead of ten of them waiting in a queue. A paused or slow-motion worker sleeps, so it takes no
share while it waits. Two caps remain (architecture §9, "Many runs live at once"):

* the compute cap, runs *training* at once: `runs_per_core` per usable core (each run keeps at
  least 1/runs_per_core of a core, so a run still visibly moves), never above the memory cap;
* the memory cap, worker *processes* at once (training, paused, slow motion and the warm spares):
  the memory this machine or its cgroup has, less a reserve for the web server, at `worker_mb`
  per worker (a toy worker's PSS was ~450 MB: torch alone is most of it).

Past either cap a run queues, with its position and an estimated wait. `max_concurrent` and
`max_workers` set them by hand. Core module: no streamlit; torch only inside the worker's
one_thread.
"""

from __future__ import annotations

import os
from pathlib import Path

from ganlab.serve.limits import GIB_PER_GPU_JOB, gpu_memory_gib

RESERVE_MB = 2048            # the web server, its page runs and the OS


def usable_cores() -> int:
    """CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def memory_mb(meminfo: str = "/proc/meminfo",
              cgroup: str = "/sys/fs/cgroup/memory.max") -> float | None:
    """The memory this server may use: the machine's, or its cgroup's limit when smaller;
    None where neither can be read."""
    total = None
    try:
        for line in Path(meminfo).read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) / 1024
                break
    except (OSError, ValueError, IndexError):
        pass
    try:
        raw = Path(cgroup).read_text().strip()
        if raw.isdigit():
            limit = int(raw) / 2**20
            total = limit if total is None else min(total, limit)
    except OSError:
        pass
    return total


def worker_cap(limits, mem_mb: float | None = None) -> int:
    """Worker processes at once (every live job and every warm spare)."""
    if limits.max_workers:
        return limits.max_workers
    mem = memory_mb() if mem_mb is None else mem_mb
    if mem is None:
        return max(2, 2 * usable_cores())     # unknown memory: no more than before, doubled
    return max(2, int((mem - RESERVE_MB) // max(1, limits.worker_mb)))


def training_cap(limits, cores: int | None = None, mem_mb: float | None = None) -> int:
    """Runs training at once: max_concurrent when set, else runs_per_core per usable core, within
    the memory cap (one of its workers is left for the warm spare) and, on a GPU box, within what
    its memory holds (Limits.global_cap's rule)."""
    if limits.max_concurrent:
        return limits.max_concurrent
    cores = usable_cores() if cores is None else cores
    cap = min(max(1, cores * max(1, limits.runs_per_core)),
              max(1, worker_cap(limits, mem_mb) - 1))
    gib = gpu_memory_gib()
    return max(1, min(cap, int(gib // GIB_PER_GPU_JOB))) if gib else cap


def per_address_cap(limits, cap: int) -> int:
    """Live and queued runs one visitor (one client address) may hold across all its tabs: set,
    or half of the compute cap, so that one address can never take the whole server; never
    below the per-tab cap (a person's one tab must work)."""
    if limits.max_per_address:
        return limits.max_per_address
    return max(limits.max_per_session, cap // 2)


def caps(backend, limits) -> tuple[int, int]:
    """(compute cap, memory cap) of a JobManager on `backend`. Local workers time-slice this
    box's cores under its memory; a cluster backend has its own rule (one run per CPU of the
    cluster, serve.cluster) and its memory is on other machines, so only its cap bounds it."""
    if getattr(backend, "name", "local") != "local":
        cap = backend.cap(limits)
        return cap, limits.max_workers or cap + max(1, limits.warm_spares)
    return training_cap(limits), worker_cap(limits)


TRAIN_NICE = 5       # training yields to the web server and to a spare's import (see below);
                     # Limits.train_nice sets it for a server


def sharing(cap: int, nice: int = TRAIN_NICE) -> dict:
    """What the job spec tells a worker when runs outnumber the cores: one CPU thread (threads
    of time-sliced runs only fight each other), and a nice of TRAIN_NICE, so that the web
    server drawing every visitor's page and a spare importing torch for the next visitor go
    first (nice 0 outweighs nice 5 about 3:1), while the runs, all at one nice, still share
    fairly among themselves. Not more: on a box shared with other work at nice 0, nice 10 left
    the runs a tenth of their share. Nothing when each run has a core of its own."""
    return {"threads": 1, "nice": nice} if cap > usable_cores() else {}


def one_thread(spec: dict) -> None:
    """Runs outnumber the cores (sharing, above): train on one CPU thread. Called after the
    Trainer is built, since it picks its own count."""
    if spec.get("threads"):
        import torch

        torch.set_num_threads(int(spec["threads"]))


def lower_priority(spec: dict) -> None:
    """Runs outnumber the cores: go to nice TRAIN_NICE. Called after the run's first Snapshot,
    so the set-up that a visitor waits for runs at full priority. Every thread of the process,
    since Linux keeps a nice value per thread."""
    if not spec.get("nice"):
        return
    try:
        tids = [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        tids = [0]
    for tid in tids:
        try:
            current = os.getpriority(os.PRIO_PROCESS, tid)
            os.setpriority(os.PRIO_PROCESS, tid, max(current, int(spec["nice"])))
        except (OSError, ValueError, TypeError):
            pass


def share_the_cores(spec: dict, threads: bool = False) -> None:
    """lower_priority, or with `threads` one_thread (the Learn pages' tasks call this)."""
    (one_thread if threads else lower_priority)(spec)
