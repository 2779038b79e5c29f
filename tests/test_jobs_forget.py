"""Ended jobs leave the server's memory once nobody has read them for a while (their run folders
stay): what bounds the JobManager's memory on a long-running showcase."""

import polling
import pytest

from ganlab.config import Config
from ganlab.runs.folder import Run
from ganlab.serve.limits import Limits
from ganlab.serve.manager import JobManager

pytestmark = pytest.mark.slow


def test_an_ended_job_is_forgotten_after_the_limit_but_its_folder_stays(tmp_path):
    limits = Limits(max_concurrent=1, forget_ended_seconds=1.0)
    m = JobManager(tmp_path / "runs", limits, warm_spare=False, tick=0.05)
    try:
        job = m.submit("s", Config(steps=20, g_width=8, d_width=8, batch_size=16))
        final = polling.until(lambda: (s := m.latest(job)).state == "finished" and s, 180,
                              "the run to finish")
        assert m.latest(job) is final              # read again: the clock starts over
        polling.until(lambda: m._jobs.get(job) is None, 30, "the ended job to be forgotten")
        assert m.latest(job) is None and m.frames(job) == []
        assert Run(m.root / job).status()["state"] == "finished"
    finally:
        m.shutdown()
    assert Limits().forget_ended_seconds == 1800 and Limits.showcase().forget_ended_seconds == 600
