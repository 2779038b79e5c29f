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

from ganlab.config import Config
from ganlab.serve import manager as jobs

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


def training(mgr) -> tuple[AppTest, str]:
    """The page with a small run it started, once that run is training."""
    at = app()
    at.run()
    small(at).run()
    at.button(key="pgw_btn_train").click().run()
    job = at.session_state["pg_job"]
    wait_for(mgr, job, lambda s: s.state == "running", "start")
    return at, job


def test_live_change_is_sent_and_structural_change_asks_for_reset(mgr):
    at, job = training(mgr)
    at.session_state["pgw_lr_d"] = 2e-3
    at.session_state["pgw_g_layers"] = 1
    at.run()
    assert not at.exception
    wait_for(mgr, job, lambda s: s.config.get("lr_d") == 2e-3, "the live lr_d change")
    assert mgr.latest(job).config["g_layers"] == 3
    assert any("g_layers" in c.value and "Reset" in c.value for c in at.caption)
    # Over the server's cap: refused by the JobManager's one judgement, in one line on the page.
    at.session_state["pgw_steps"] = 2_000_000
    at.run()
    refused = [w.value for w in at.warning if "at most 1,000,000 iterations" in w.value]
    assert len(refused) == 1 and "\n" not in refused[0]
    assert mgr.latest(job).config["steps"] != 2_000_000


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
    from ganlab.train.trainer import Trainer

    trainer = Trainer(presets.preset_config("vanishing_saturating"), threads=1)
    stats = [trainer.iterate().floats() for _ in range(120)]
    early = max(s["grad_norm_g"] for s in stats[:20])
    late = stats[-10:]
    assert max(s["d_fake"] for s in late) < 1e-3
    assert max(s["grad_norm_g"] for s in late) < early / 100


# --- image datasets in the Playground -----------------------------------------------------------
def _pick(at: AppTest, dataset: str) -> AppTest:
    return at.segmented_control(key="pgw_dataset").set_value(dataset).run()


def test_picking_digits_brings_image_defaults_and_back(mgr):
    at = app()
    at.run()
    at.session_state["pgw_d_width"] = 128            # the user's own choice: kept
    at.run()
    _pick(at, "digits")
    assert not at.exception
    s = at.session_state
    assert (s["pgw_noise_dim"], s["pgw_batch_size"], s["pgw_g_width"]) == (32, 64, 64)
    assert s["pgw_d_width"] == 128
    assert any("Image settings applied" in c.value for c in at.sidebar.caption)
    _pick(at, "ring8")
    assert (s["pgw_noise_dim"], s["pgw_batch_size"]) == (2, 256)
    _pick(at, "grid25")                              # toy to toy: nothing to change
    assert not any("Image settings" in c.value for c in at.sidebar.caption)


def test_a_dataset_switch_brings_the_new_datasets_own_defaults(mgr):
    """ring8's R1 penalty is a default of ring8 only: the Playground's start (ring8_default)
    switched to moons trains moons' own r1_weight (0), and ring8_default's explicit ema=0 (ring8
    defaults to 0.99) is still what the visitor asked for."""
    at = small(app())
    at.run()
    _pick(at, "moons")
    at.button(key="pgw_btn_train").click().run()
    assert not at.exception and not at.error
    snap = wait_for(mgr, at.session_state["pg_job"], lambda s: s.config is not None, "a run")
    assert (snap.config["dataset"], snap.config["r1_weight"], snap.config["ema"]) == \
        ("moons", 0.0, 0.0)


def test_digits_train_shows_the_image_panel(mgr):
    at = app()
    at.run()
    _pick(at, "digits")
    for k, v in (("pgw_g_width", 16), ("pgw_d_width", 16)):
        at.session_state[k] = v
    at.run()
    at.button(key="pgw_btn_train").click().run()
    assert not at.exception and not at.error
    job = at.session_state["pg_job"]
    snap = wait_for(mgr, job, lambda s: s.grid_png is not None and s.step > 0, "an image grid")
    assert snap.config["dataset"] == "digits" and snap.config["noise_dim"] == 32
    at.run()
    assert not at.exception
    assert at.image, "no sample grid drawn"


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _png(value: int) -> bytes:
    import io

    import numpy as np
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.full((12, 12, 3), value, np.uint8)).save(buf, format="PNG")
    return buf.getvalue()


def test_folder_zip_upload_reports_and_sets_data_dir(mgr):
    at = app()
    at.run()
    _pick(at, "folder")
    assert any("Upload a zip" in c.value for c in at.sidebar.caption)
    at.button(key="pgw_btn_train").click().run()
    assert mgr.jobs_of(at.session_state["pg_sid"]) == []     # nothing to train on yet
    upload = _zip({"a.png": _png(10), "b.png": _png(200), "notes.txt": b"hello",
                   "../evil.png": _png(5)})
    at.file_uploader(key="pgw_zip").set_value(("faces.zip", upload, "application/zip")).run()
    assert not at.exception
    assert "2 images from faces.zip" in at.sidebar.success[0].value
    skipped = " ".join(c.value for c in at.sidebar.caption)
    assert "1 × not an image" in skipped and "1 × unsafe name" in skipped
    folder = Path(at.session_state["pgw__folder"]["dir"])
    runs = Path(mgr.root).resolve()
    assert folder.resolve().is_relative_to(runs / "uploads" / at.session_state["pg_sid"])
    assert sorted(p.name for p in folder.iterdir()) == ["000001.png", "000002.png"]
    at.button(key="pgw_btn_train").click().run()
    assert not at.exception and not at.error
    snap = wait_for(mgr, at.session_state["pg_job"], lambda s: s.step > 0 or s.error, "training")
    assert snap.config["data_dir"] == str(folder) and not snap.error


def test_a_bad_zip_is_explained_in_place(mgr):
    at = app()
    at.run()
    _pick(at, "folder")
    at.file_uploader(key="pgw_zip").set_value(("x.zip", b"not a zip", "application/zip")).run()
    assert not at.exception
    assert "not a readable zip" in at.sidebar.error[0].value


def test_no_folder_upload_when_uploads_are_off(mgr, monkeypatch):
    from ganlab.serve import settings

    monkeypatch.setenv("GANLAB_ALLOW_UPLOADS", "0")
    settings.reload()
    try:
        at = app()
        at.run()
        options = at.segmented_control(key="pgw_dataset").options   # as labelled
        assert "digits" in options and "my images" not in options
    finally:
        monkeypatch.delenv("GANLAB_ALLOW_UPLOADS")
        settings.reload()


def test_a_starting_job_ticks_fast_until_its_first_frame():
    # Between getting its slot and its first frame, the page looks 4x a second, so the samples
    # show within a tick of the worker's first publish (issue 3: click -> samples <= 3 s).
    from ganlab.live.snapshot import Snapshot
    from ganlab.ui import live

    opts = dict(frame=None)
    starting = Snapshot(run_id="r", seq=0, state="queued", step=0)
    assert live.tick_every(starting, opts) == live.START_TICK < live.TICK
    # waiting in the queue can take minutes: no fast ticks for that
    assert live.tick_every(starting.replace(queue_position=2), opts) == live.TICK
    assert live.tick_every(starting.replace(state="running", seq=1), opts) == live.TICK
    assert live.tick_every(starting.replace(state="finished"), opts) is None
    assert live.tick_every(starting, {**opts, "frame": 3}) is None       # scrubbing the past
    # slow motion: each update is published; the page looks twice per update
    assert live.tick_every(starting.replace(state="running", seq=1, pace=1.5), opts) == 0.75


def test_a_preset_chosen_while_paused_sets_up_a_new_run(mgr):
    # Issue 14.4: the preset's loss and learning rates must not be sent to the paused run.
    at, job = training(mgr)
    at.button(key="pgw_btn_pause").click().run()
    paused = wait_for(mgr, job, lambda s: s.state == "paused", "pause")
    at.selectbox(key="pgw_preset").set_value("unbalanced_lr").run()
    assert not at.exception
    assert at.session_state["pg_job"] is None and at.button(key="pgw_btn_train")
    old = wait_for(mgr, job, lambda s: s.state == "stopped", "the old run to stop")
    assert old.config == paused.config            # the old run kept its own settings
    assert at.session_state["pgw_lr_d"] != paused.config["lr_d"]
    at.button(key="pgw_btn_train").click().run()
    new = at.session_state["pg_job"]
    assert new != job
    assert wait_for(mgr, new, lambda s: s.seq > 0, "the new run").config["lr_d"] == \
        at.session_state["pgw_lr_d"]
