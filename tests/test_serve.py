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
        # `ganlab app` became the server (exec): the worker is the child of the same pid, and
        # it was started although no page has been opened.
        [spare] = polling.until(lambda: worker_pids(proc.pid), 30, "the spare worker")
        proc.send_signal(signal.SIGTERM)     # to this pid only, as docker stop does
        assert proc.wait(timeout=30) is not None
        polling.until(lambda: not Path(f"/proc/{spare}").exists(), 15, "the spare to exit")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        log.close()
