"""One job's record without a manager or processes: time-slider frames, the failure Snapshot,
time left, and how a worker's exit code reads."""

import signal

import numpy as np

from ganlab.live.snapshot import Snapshot
from ganlab.serve.job import FRAME_EVERY, MAX_FRAMES, Job, failed, keep_frame, remaining
from ganlab.serve.process import how_it_ended


def snap(step, wall, **kw):
    return Snapshot(run_id="r", seq=step, state="running", step=step, wall_time=wall,
                    fake=np.zeros((4, 2)), history={"step": np.arange(step)}, **kw)


def test_frames_stay_bounded_keep_the_newest_and_thin_out_in_time(tmp_path):
    job = Job("r", "s", tmp_path, {})
    for i in range(2000):          # 2000 snapshots, one a second
        keep_frame(job, snap(i, float(i)))
    steps = [f.step for f in job.frames]
    assert len(steps) <= MAX_FRAMES and steps == sorted(steps)
    assert steps[0] == 0 and steps[-1] >= 2000 - job.frame_every - 1   # whole run, newest kept
    assert job.frame_every > FRAME_EVERY                                 # spaced out as it grew
    assert all(f.history == {} for f in job.frames)    # frames carry pictures, not curves


def test_frames_skip_snapshots_without_pictures_and_those_too_close(tmp_path):
    job = Job("r", "s", tmp_path, {})
    keep_frame(job, snap(1, 0.0))
    keep_frame(job, snap(2, 0.1))                    # within FRAME_EVERY of the last frame
    keep_frame(job, snap(3, 5.0).replace(fake=None))   # a status-only snapshot
    assert [f.step for f in job.frames] == [1]


def test_failure_snapshot_keeps_the_message_key_for_other_languages(tmp_path):
    job = Job("r", "s", tmp_path, {})
    job.latest = snap(7, 1.0, queue_position=3)
    out = failed(job, "jobs.error.crashed", how="exit code 1", step=7)
    assert out.state == "failed" and out.seq == 8 and out.step == 7
    assert out.error_key == "jobs.error.crashed" and out.error_args["how"] == "exit code 1"
    assert "exit code 1" in out.error and out.queue_position is None


def test_time_left_is_steps_left_at_current_speed_capped_by_the_wall_limit():
    s = snap(1000, 0.0, config={"steps": 5000}, its_per_sec=100.0)
    assert remaining(s, wall=600) == 40.0
    assert remaining(s, wall=10) == 10
    assert remaining(None, wall=60) == 60 and remaining(s.replace(its_per_sec=0), 60) == 60


def test_exit_codes_in_words():
    assert how_it_ended(-signal.SIGKILL) == "killed by SIGKILL, e.g. out of memory"
    assert how_it_ended(-signal.SIGSEGV) == "killed by SIGSEGV"
    assert how_it_ended(3) == "exit code 3"
