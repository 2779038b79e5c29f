"""`ganlab app` (serve.py): the JobManager starts with the server, before any page is viewed, so
the spare worker's torch import is done by the first Train; a SIGTERM to the `ganlab app` process
itself (what docker stop and systemd send) reaches the server, which stops and takes its workers
with it. Real processes, no browser; that shut-down marks runs stopped is tests/test_jobs.py's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import polling
import pytest
from conftest import START_TIMEOUT, _healthy, free_port

from ganlab.serve.process import worker_pids

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def workers_of(server_pid: int) -> list[int]:
    """Live `ganlab.serve.worker` processes started with `--parent server_pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"ganlab.serve.worker" in args and b"--parent" in args and \
                args[args.index(b"--parent") + 1:][:1] == [str(server_pid).encode()]:
            found.append(int(entry.name))
    return found


def test_ganlab_app_warms_a_worker_at_boot_and_stops_everything_on_sigterm(tmp_path):
    port = free_port()
    env = {**os.environ, "GANLAB_RUNS": str(tmp_path / "runs"), "OMP_NUM_THREADS": "1"}
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "ganlab.cli", "app", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        polling.until(lambda: _healthy(port) or proc.poll() is not None, START_TIMEOUT,
                      "the server")
        assert proc.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
        # `ganlab app` became the server (exec): the warm spares (a pool, limit warm_spares)
        # are children of the same pid, started although no page has been opened.
        polling.until(lambda: worker_pids(proc.pid), 30, "a warm spare worker")
        assert workers_of(proc.pid)          # the same workers, found by their --parent
        proc.send_signal(signal.SIGTERM)     # to this pid only, as docker stop does
        assert proc.wait(timeout=30) is not None
        # Every worker it started exits with it (found by the --parent it was given, since an
        # orphan's parent pid becomes 1).
        polling.until(lambda: not workers_of(proc.pid), 15, "every spare to exit")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        log.close()
