"""Worker processes as the JobManager sees them: the backend that starts them, the warm spare,
and what a dead one's exit code means.

A local worker is `python -m ganlab.serve.worker --fd N --parent PID`: it talks over one end of a
duplex pipe and dies with the server (the worker sets the parent-death signal). With
GANLAB_CLUSTER set, workers are Ray actors running the same program (serve.cluster); either way
the manager gets a (process, Connection) pair and never asks which. Starting one costs a torch
import, seconds on a busy machine, so one idle worker is kept started ahead of need.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path

from ganlab.serve.ledger import NoLedger

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the repo (ganlab/serve/..)

Process = tuple[subprocess.Popen, Connection]
# How long a spare defers its torch import while every core is busy (training, the page). Long
# enough to keep the first minute of a run, when people watch most closely, at full speed.
POLITE_WAIT = 60.0
PACE_RANGE = (0.05, 10.0)   # slow motion: seconds per update


def start_process(polite: bool = False) -> Process | None:
    """A new worker and the server's end of its pipe; None if the OS refuses a process.
    `polite`: a spare that waits for a free core before it warms up (wait_for_a_free_core)."""
    parent, child = Pipe(duplex=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "ganlab.serve.worker", "--fd", str(child.fileno()),
           "--parent", str(os.getpid())] + (["--polite"] if polite else [])
    try:
        proc = subprocess.Popen(cmd, pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, env=env, cwd=PACKAGE_ROOT)
    except OSError:
        parent.close()
        return None
    finally:
        child.close()
    return proc, parent


class LocalBackend:
    """Workers as subprocesses of this server (the default)."""

    name = "local"

    def needs(self, spec: dict | None) -> None:
        return None               # one box: every worker is alike

    def start(self, needs=None, polite: bool = False) -> Process | None:
        return start_process(polite)

    def cap(self, limits) -> int:
        return limits.global_cap()

    def ledger(self, root) -> NoLedger:
        return NoLedger()        # one server: its own count is the whole truth


def backend_for(cluster: str | None = None):
    """The backend GANLAB_CLUSTER (or `cluster`) names: local subprocesses, or a Ray cluster
    (serve.cluster; ClusterError when Ray is missing or unreachable)."""
    from ganlab.serve import settings
    from ganlab.serve.cluster import parse_address

    # The environment is read by serve.settings alone (it validated GANLAB_CLUSTER already).
    address = settings.get().cluster if cluster is None else parse_address(cluster)
    if address is None:
        return LocalBackend()
    from ganlab.serve.cluster import RayBackend

    return RayBackend(address)


class Spare:
    """One idle worker that has already imported torch: a job then starts in well under a second
    instead of the several seconds an import takes. Used from the supervisor thread only, except
    drop(), which the caller serialises. On a cluster the spare is sized for a toy run; a job
    that needs more (a GPU share) gets a worker of its own and the spare waits for the next."""

    def __init__(self, enabled: bool = True, backend=None):
        self.enabled = enabled
        self.backend = backend or LocalBackend()
        self._proc: Process | None = None

    def take(self, spec: dict | None = None) -> Process | None:
        """The spare if it is alive and fits the job, else a freshly started worker (or None)."""
        needs = self.backend.needs(spec)
        if needs != self.backend.needs(None):
            return self.backend.start(needs)
        spare, self._proc = self._proc, None
        if spare is not None and spare[0].poll() is not None:
            spare[1].close()
            spare = None
        return spare or self.backend.start(needs)

    def keep(self, polite: bool = False) -> None:
        if self.enabled and self._proc is None:
            self._proc = self.backend.start(self.backend.needs(None), polite)

    def drop(self) -> None:
        spare, self._proc = self._proc, None
        if spare is not None:
            # It holds no job and may still be importing torch (deaf to EOF until then).
            spare[0].kill()
            spare[0].wait()
            spare[1].close()


def usable_cpus() -> set[int]:
    """The CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return set(os.sched_getaffinity(0))
    return set(range(os.cpu_count() or 1))


def busy_jiffies(cpus: set[int], path: str = "/proc/stat") -> tuple[int, int] | None:
    """(busy, total) CPU time so far of the CPUs `cpus`, read from the per-CPU lines of
    /proc/stat; None where there is no such file."""
    try:
        with open(path) as f:
            rows = [line.split() for line in f if line.startswith("cpu")]
    except OSError:
        return None
    busy = total = 0
    for name, *values in rows:
        if name == "cpu" or int(name[3:]) not in cpus:    # "cpu" alone is the machine's sum
            continue
        fields = [int(v) for v in values]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)   # idle + iowait
        busy, total = busy + sum(fields) - idle, total + sum(fields)
    return (busy, total) if total else None


def free_cores(before: tuple[int, int], now: tuple[int, int], cpus: int) -> float:
    """Cores left idle between two busy_jiffies() readings (0 if no time passed)."""
    busy, total = now[0] - before[0], now[1] - before[1]
    return cpus * (1 - busy / total) if total > 0 else 0.0


def wait_for_a_free_core(conn: Connection, limit: float = POLITE_WAIT,
                         interval: float = 1.0, steady: int = 2) -> str:
    """Hold back a spare's warm-up (a torch import: seconds of CPU) while none of the CPUs it
    may use has a core to spare, so it does not slow the run that just took the previous spare.
    A core must stay free for `steady` readings in a row: a browser's redraws leave short gaps.
    Returns why it stopped waiting: "job" (a job arrived: warm up now, it is waited for),
    "idle" (a core is free), "limit" (waited `limit` seconds: warm up anyway, so the next click
    is still instant) or "unknown" (no /proc/stat). With more cores than jobs it returns at
    once."""
    cpus = usable_cpus()
    deadline = time.monotonic() + limit
    before, free_in_a_row = busy_jiffies(cpus), 0
    while True:
        if conn.poll(interval):
            return "job"
        now = busy_jiffies(cpus)
        if before is None or now is None:
            return "unknown"
        free_in_a_row = free_in_a_row + 1 if free_cores(before, now, len(cpus)) >= 1.0 else 0
        if free_in_a_row >= steady:
            return "idle"
        if time.monotonic() >= deadline:
            return "limit"
        before = now


def how_it_ended(code: int | None, proc=None) -> str:
    """A worker's exit code in words, for the run's error message; a cluster worker's own
    reason (a lost actor or node, from Ray) when it has one."""
    if getattr(proc, "reason", None):
        return proc.reason
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = ", e.g. out of memory" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {code}"


def worker_pids(parent: int) -> list[int]:
    """Live `ganlab.serve.worker` processes whose parent is `parent` (a server, or a test);
    from /proc, empty where there is none."""
    pids = []
    proc = Path("/proc")
    for entry in (proc.iterdir() if proc.is_dir() else ()):
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == parent and stat[0] != "Z" and b"ganlab.serve.worker" in cmd:
            pids.append(int(entry.name))
    return pids


def rss_mb(pid: int) -> float | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def check_pace(seconds) -> float | None:
    """Slow motion's seconds per update: None (full speed) or a number in PACE_RANGE; anything
    else is a ValueError naming the value and the range."""
    if seconds is None:
        return None
    lo, hi = PACE_RANGE
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or \
            not lo <= seconds <= hi:
        raise ValueError(f"slow seconds={seconds!r}: must be a number in [{lo:g}, {hi:g}] "
                         "or None")
    return float(seconds)
