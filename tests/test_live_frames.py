"""The time slider's past snapshot stays on show while the job thins its frames (issue 14: the
scrub journey saw the picture jump to a neighbouring frame a minute into a run)."""

from pathlib import Path

import numpy as np

from ganlab.live.snapshot import Snapshot
from ganlab.serve.job import MAX_FRAMES, Job, keep_frame
from ganlab.ui import live


def frame(step: int) -> Snapshot:
    return Snapshot(run_id="r", seq=step, state="running", step=step, wall_time=float(step),
                    fake=np.zeros((1, 2), np.float32))


class Store:
    """Stands in for st.session_state behind ganlab.ui.session's two functions."""

    def __init__(self):
        self.kept = None

    def pinned_frame(self, job):
        return self.kept[1] if self.kept is not None and self.kept[0] == job else None

    def pin_frame(self, job, snap):
        self.kept = (job, snap)


def test_nearest_frame_when_nothing_is_pinned(monkeypatch):
    monkeypatch.setattr(live, "session", Store())
    assert live.shown_frame("a", 19, [frame(0), frame(10), frame(20), frame(30)]).step == 20
    assert live.shown_frame("a", 30, [frame(0), frame(30)]).step == 30
    assert live.shown_frame("a", 5, []) is None


def test_a_frame_on_show_stays_when_thinning_drops_it(monkeypatch):
    store = Store()
    monkeypatch.setattr(live, "session", store)
    shown = live.shown_frame("a", 20, [frame(0), frame(10), frame(20), frame(30)])
    thinned = [frame(0), frame(30), frame(40)]          # 20 thinned out while on show
    assert live.shown_frame("a", 20, thinned) is shown
    assert live.shown_frame("b", 20, thinned).step == 30   # another job: not that pin
    assert live.shown_frame("a", 40, thinned).step == 40   # the slider moved: a new pin


def test_the_job_really_thins_the_frames_a_person_may_be_looking_at():
    job = Job(id="j", session_id="s", run_dir=Path("."), spec={})
    for step in range(MAX_FRAMES + 1):
        keep_frame(job, frame(step * 10))
    steps = [f.step for f in job.frames]
    assert len(steps) <= MAX_FRAMES and 10 not in steps     # the early frames are thinned
