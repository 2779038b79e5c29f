"""The one live-change contract (ganlab/changes.py): hand-worked verdicts, hostile input in one
line, each message written once, and a change from the JobManager to the optimizer judged once."""

import ast
import math
import pathlib
import threading
from multiprocessing import Pipe

import polling
import pytest

import ganlab.changes as changes_mod
from ganlab.changes import ChangeRefused, Decision, decide
from ganlab.config import Config
from ganlab.serve.limits import Limits
from ganlab.serve.manager import JobManager
from ganlab.serve.worker import Worker
from ganlab.train.trainer import Trainer

ROOT = pathlib.Path(__file__).resolve().parent.parent
SMALL = dict(g_width=16, d_width=16, g_layers=2, d_layers=2, batch_size=64, steps=5000)
CAPS = {"steps": 20_000, "batch_size": 512}


def test_hand_worked_verdicts():
    cfg = Config(**SMALL)
    d = decide(cfg, {"lr_d": "2e-3", "d_steps": 3, "steps": 20_000, "g_width": 32,
                     "loss": "hinge", "seed": 0}, CAPS)
    # lr_d as text is typed; steps at the cap is allowed; seed at its current value is no change.
    assert d.live == {"lr_d": 2e-3, "d_steps": 3, "steps": 20_000, "loss": "hinge", "seed": 0}
    assert d.reset == ("g_width",) and d.refused == ()
    d = decide(cfg, {"steps": 20_001, "batch_size": 1024, "lr_g": 5e-4}, CAPS)
    assert d.live == {"lr_g": 5e-4} and d.reset == ()
    assert [r.key for r in d.refused] == ["steps", "batch_size"]
    assert d.refused[0].text() == "steps=20001: this server allows at most 20,000 iterations " \
                                  "per run"
    assert "20,000" in d.refused[0].text("zh")
    # Without caps (a notebook's Trainer) only the Config's own bounds hold.
    assert decide(cfg, {"steps": 20_001}).live == {"steps": 20_001}
    # dataset=drawn is judged with its points, together: a reset, not a refusal.
    pts = [[0, 0], [1, 1], [2, 0]]
    assert decide(cfg, {"dataset": "drawn", "drawn_points": pts}).reset == ("dataset",
                                                                              "drawn_points")
    assert decide(cfg, {"dataset": "drawn"}).refused[0].key == "dataset"


@pytest.mark.parametrize("hostile, key", [
    ({"lr_dd": 1e-3}, "lr_dd"), ({"lr_d": math.nan}, "lr_d"), ({"lr_d": "fast"}, "lr_d"),
    ({"d_steps": 2.5}, "d_steps"), ({"steps": 0}, "steps"), ({7: 1}, "7"),
    ({"loss": ["hinge"]}, "loss"), ({"x" * 5000: 1}, "x" * 40), ("lr_d=1", ""), ({}, ""),
    (None, ""),
])
def test_hostile_changes_get_one_line_and_change_nothing(hostile, key):
    d = decide(Config(**SMALL), hostile, CAPS)
    assert d.live == {} and d.reset == () and len(d.refused) == 1
    refusal = d.refused[0]
    assert refusal.key == key
    for lang in ("en", "zh"):
        text = refusal.text(lang)
        assert text and "\n" not in text and len(text) < 300 and "Traceback" not in text
    with pytest.raises(ChangeRefused) as e:
        d.checked()
    assert str(e.value) == refusal.text()


def test_the_trainer_takes_the_same_verdict():
    # Its refusals: tests/test_trainer.py; here, steps is live for it too (no special case).
    tr = Trainer(Config(**SMALL))
    assert tr.update(lr_d=3e-3, steps=10).steps == 10
    assert tr.opt_d.param_groups[0]["lr"] == 3e-3 and tr.cfg.g_width == 16


MESSAGES = ("needs a new run", "iterations per run", "needs at least one key")


def python_files():
    return [*(ROOT / "ganlab").rglob("*.py"), *(ROOT / "app_pages").glob("*.py"),
            ROOT / "app.py", ROOT / "serve.py"]


@pytest.mark.parametrize("words", MESSAGES)
def test_each_message_is_written_once(words):
    places = [str(p.relative_to(ROOT)) for p in python_files()
              if words in p.read_text(encoding="utf-8")]
    assert places == ["ganlab/i18n/jobs.py"]


def test_no_other_layer_has_its_own_rule():
    """The live keys are read for a verdict by ganlab/changes.py alone (the Playground reads
    them for the bolt mark only); the worker and the Trainer apply a Decision, never judge."""
    readers = {str(p.relative_to(ROOT)) for p in python_files()
               if "LIVE_KEYS" in p.read_text(encoding="utf-8")}
    assert readers == {"ganlab/config.py", "ganlab/changes.py", "ganlab/ui/controls.py"}
    worker = ast.parse((ROOT / "ganlab/serve/worker.py").read_text(encoding="utf-8"))
    assert "decide" not in {n.id for n in ast.walk(worker) if isinstance(n, ast.Name)}
    controls = (ROOT / "ganlab/ui/controls.py").read_text(encoding="utf-8")
    assert "manager().change(" in controls and "decide" not in controls


class ThreadProc:
    """A Worker on a thread, standing in for the worker process (the real one is exercised in
    tests/test_jobs.py): the JobManager talks to it over a real Pipe."""

    def __init__(self, conn):
        self.pid = 0
        self.thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
        self.thread.start()

    def _serve(self, conn):
        spec = conn.recv()
        self.worker = Worker(conn, spec)
        self.worker.setup()
        self.worker.loop()
        conn.close()

    def poll(self):
        return None if self.thread.is_alive() else 0

    def wait(self, timeout=None):
        self.thread.join(timeout)
        return 0

    def kill(self):
        pass


class ThreadSpare:
    def take(self, spec=None):
        mine, theirs = Pipe()
        self.proc = ThreadProc(theirs)
        return self.proc, mine

    def keep(self, size=1, polite=False):
        pass

    def drop(self):
        pass


def test_a_change_from_the_manager_to_the_optimizer_is_judged_once(tmp_path, monkeypatch):
    import ganlab.serve.manager as manager_mod
    import ganlab.train.trainer as trainer_mod

    calls = []

    def counted(*args, **kw):
        calls.append(args[1])
        return changes_mod.decide(*args, **kw)

    for mod in (manager_mod, trainer_mod):
        monkeypatch.setattr(mod, "decide", counted)
    mgr = JobManager(tmp_path, Limits(max_concurrent=1, max_iterations=50_000),
                     warm_spare=False, tick=0.02)
    spare = ThreadSpare()
    mgr._pool = spare
    try:
        job = mgr.submit("s", Config(**SMALL), paused=True)
        polling.until(lambda: mgr.latest(job).state == "paused", 60, "a paused start")
        decision = mgr.change(job, {"lr_d": 4e-3, "g_width": 32, "steps": 60_000})
        assert isinstance(decision, Decision) and decision.live == {"lr_d": 4e-3}
        assert decision.reset == ("g_width",) and decision.refused[0].key == "steps"
        polling.until(lambda: mgr.latest(job).config["lr_d"] == 4e-3, 30, "the change")
        trainer = spare.proc.worker.trainer
        assert trainer.opt_d.param_groups[0]["lr"] == 4e-3 and trainer.cfg.g_width == 16
        assert calls == [{"lr_d": 4e-3, "g_width": 32, "steps": 60_000}]   # one judgement
    finally:
        mgr.shutdown()
