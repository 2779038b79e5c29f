"""`ganlab app` (serve.py): the JobManager starts with the server, before any page is viewed, so
the spare worker's torch import is done by the first Train; a SIGTERM to the `ganlab app` process
itself (what docker stop and systemd send) stops the server, its workers, and marks runs stopped.
Real processes, no browser."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, START_TIMEOUT, _healthy, free_port

pytestmark = pytest.mark.slow


def workers_of(server_pid: int) -> list[int]:
    """ganlab.worker processes whose parent is the server."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes().split(b"\0")
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if b"ganlab.worker" in cmd and ppid == server_pid:
            found.append(int(d.name))
    return found


def wait_for(cond, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ganlab_app_warms_a_worker_at_boot_and_stops_everything_on_sigterm(tmp_path):
    port = free_port()
    env = {**os.environ, "GANLAB_RUNS": str(tmp_path / "runs"), "OMP_NUM_THREADS": "1"}
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "ganlab.cli", "app", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_for(lambda: _healthy(port) or proc.poll() is not None, START_TIMEOUT, "the server")
        assert proc.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
        # `ganlab app` became the server (exec): the worker is the child of the same pid, and
        # it was started although no page has been opened.
        [spare] = wait_for(lambda: workers_of(proc.pid), 30, "the spare worker")

        # (marking runs stopped at shut-down is tests/test_jobs.py's; here: the signal arrives)
        proc.send_signal(signal.SIGTERM)     # to this pid only, as docker stop does
        assert proc.wait(timeout=30) is not None
        wait_for(lambda: not Path(f"/proc/{spare}").exists(), 15, "the spare to exit")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        log.close()
