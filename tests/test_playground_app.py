"""The Playground page under AppTest, against a real JobManager and real worker processes.

AppTest runs whole scripts only (no run_every ticks), so these tests check page logic: the page
renders in both languages, Train creates a job, Pause/Step drive it, live changes reach it,
presets and URLs apply, a bad CSV is explained in place, and a second session cannot take over a
run. Waiting on the worker polls with a generous deadline; nothing asserts on time.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ganlab import jobs
from ganlab.config import Config

APP = str(Path(__file__).resolve().parent.parent / "app.py")
WAIT = 120.0   # a worker has to import torch; on a busy 2-core machine that can take a while


@pytest.fixture
def mgr(tmp_path, monkeypatch):
    """A fresh JobManager writing into a tmp runs folder, stopped after the test."""
    monkeypatch.setenv("GANLAB_RUNS", str(tmp_path / "runs"))
    monkeypatch.setattr(jobs, "_MANAGER", None)
    manager = jobs.get_manager()
    yield manager
    manager.shutdown()


def app(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in state.items():
        at.session_state[k] = v
    return at


def wait_for(mgr, job, cond, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        snap = mgr.latest(job)
        if snap is not None and cond(snap):
            return snap
        time.sleep(0.2)
    snap = mgr.latest(job)
    pytest.fail(f"gave up waiting for {what}; last state {snap and (snap.state, snap.step)}")


def small(at: AppTest) -> AppTest:
    """Shrink the nets so a test's worker trains fast."""
    for k, v in (("pgw_g_width", 16), ("pgw_d_width", 16), ("pgw_batch_size", 64)):
        at.session_state[k] = v
    return at


@pytest.mark.parametrize("lang,title", [("en", "Playground"), ("zh", "实验场")])
def test_page_renders_without_error(mgr, lang, title):
    at = app(lang=lang)
    at.run()
    assert not at.exception
    assert at.title[0].value == title
    assert at.button(key="pgw_btn_train").label == ("Train" if lang == "en" else "训练")
    assert mgr.jobs_of(at.session_state["pg_sid"]) == []   # opening the page starts nothing


def test_train_pause_step(mgr):
    at = app()
    at.run()
    small(at).run()
    at.button(key="pgw_btn_train").click().run()
    assert not at.exception and not at.error
    job = at.session_state["pg_job"]
    assert mgr.jobs_of(at.session_state["pg_sid"]) == [job]
    assert at.query_params["run"] in (job, [job])
    snap = wait_for(mgr, job, lambda s: s.state == "running" and s.step > 0, "training")
    assert snap.config["dataset"] == "ring8" and snap.config["g_width"] == 16

    at.run()
    at.button(key="pgw_btn_pause").click().run()
    paused = wait_for(mgr, job, lambda s: s.state == "paused", "pause")
    at.run()
    assert at.button(key="pgw_btn_resume").label == "Resume"

    at.button(key="pgw_btn_step").click().run()
    stepped = wait_for(mgr, job, lambda s: s.step > paused.step, "one step")
    assert stepped.step == paused.step + 1
    assert stepped.state == "paused"


def test_live_change_is_sent_and_structural_change_asks_for_reset(mgr):
    at = app()
    at.run()
    small(at).run()
    at.button(key="pgw_btn_train").click().run()
    job = at.session_state["pg_job"]
    wait_for(mgr, job, lambda s: s.state == "running", "start")
    at.session_state["pgw_lr_d"] = 2e-3
    at.session_state["pgw_g_layers"] = 1
    at.run()
    assert not at.exception
    wait_for(mgr, job, lambda s: s.config.get("lr_d") == 2e-3, "the live lr_d change")
    assert mgr.latest(job).config["g_layers"] == 3
    assert any("g_layers" in c.value and "Reset" in c.value for c in at.caption)


def test_reset_stops_the_job_and_offers_train(mgr):
    at = app()
    at.run()
    small(at).run()
    at.button(key="pgw_btn_train").click().run()
    job = at.session_state["pg_job"]
    at.button(key="pgw_btn_reset").click().run()
    assert at.session_state["pg_job"] is None
    assert "run" not in at.query_params
    assert at.button(key="pgw_btn_train")
    wait_for(mgr, job, lambda s: s.state == "stopped", "the stop after Reset")


def test_preset_from_url_and_from_open_playground(mgr):
    at = app()
    at.query_params["preset"] = "collapse_grid25_minimax"
    at.run()
    assert at.session_state["pgw_dataset"] == "grid25"
    assert at.session_state["pgw_loss"] == "minimax"
    # A Learn page hands over a preset through session state (session.open_playground).
    at.session_state["playground_preset"] = "gaussians1d_dstar"
    at.run()
    assert at.session_state["pgw_dataset"] == "gaussians1d"
    assert not at.exception


def test_unknown_preset_is_explained(mgr):
    at = app()
    at.query_params["preset"] = "no_such_preset"
    at.run()
    assert not at.exception
    assert any("preset" in w.value.lower() for w in at.warning)


def test_invalid_csv_upload_shows_a_message_in_place(mgr):
    at = app(pgw_dataset="drawn")
    at.run()
    assert not at.exception
    at.file_uploader(key="pgw_csv").upload("bad.csv", b"x,y\n1,2\n3,oops\n", "text/csv")
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("row 3" in e for e in errors), errors
    at.file_uploader(key="pgw_csv").clear().upload("good.csv", b"x,y\n0,0\n1,1\n2,0\n",
                                                   "text/csv")
    at.run()
    assert not any("row 3" in e.value for e in at.error)
    assert at.session_state["pg_drawn"] == [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]


def test_another_sessions_run_is_not_shown(mgr):
    other = mgr.submit("someone-else", Config(g_width=16, d_width=16), paused=True)
    at = app()
    at.query_params["run"] = other
    at.run()
    assert not at.exception
    assert "pg_job" not in at.session_state or at.session_state["pg_job"] is None
    assert any("not available" in w.value for w in at.warning)
    assert "run" not in at.query_params


def test_reload_reattaches_an_orphaned_run(mgr):
    at = app()
    at.run()
    small(at).run()
    at.button(key="pgw_btn_train").click().run()
    job, sid = at.session_state["pg_job"], at.session_state["pg_sid"]
    mgr.release_session(sid)                       # the tab closed
    fresh = app()                                  # a reload: a new session with ?run=<id>
    fresh.query_params["run"] = job
    fresh.run()
    assert fresh.session_state["pg_job"] == job
    assert mgr.jobs_of(fresh.session_state["pg_sid"]) == [job]


# --- presets (core, no page) ---------------------------------------------------------------------
def test_every_preset_is_a_valid_config():
    from ganlab import presets

    for name in presets.names():
        cfg = presets.preset_config(name)
        for key, value in presets.changes_of(name).items():
            assert getattr(cfg, key) == Config().replace(**{key: value}).__getattribute__(key)
    assert presets.preset_config("vanishing_saturating").loss == "minimax"
    assert presets.preset_config("vanishing_saturating").d_steps == 5
    assert presets.preset_config("collapse_grid25_minimax").dataset == "grid25"
    with pytest.raises(KeyError):
        presets.changes_of("nope")


def test_vanishing_preset_starves_g_of_gradient():
    """The phenomenon, for real: a strong D with the saturating loss drives D(G(z)) to ~0 and
    with it G's gradient (its loss log(1 - D(G(z))) has slope -D(G(z)) there)."""
    from ganlab import presets
    from ganlab.trainer import Trainer

    trainer = Trainer(presets.preset_config("vanishing_saturating"), threads=1)
    stats = [trainer.iterate().floats() for _ in range(120)]
    early = max(s["grad_norm_g"] for s in stats[:20])
    late = stats[-10:]
    assert max(s["d_fake"] for s in late) < 1e-3
    assert max(s["grad_norm_g"] for s in late) < early / 100
