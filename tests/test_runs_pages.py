"""Runs and Compare pages, sweeps and the share helpers, with AppTest against real run folders and
a stand-in JobManager (no worker processes)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from ganlab.config import Config
from ganlab.live.snapshot import Snapshot
from ganlab.runs.folder import Run
from ganlab.safetext import md
from tests.test_runindex import TINY, train

APP = str(Path(__file__).resolve().parent.parent / "app.py")


class FakeManager:
    """What the pages use of ganlab.serve.manager.JobManager; records submissions."""

    def __init__(self, root):
        self.root = root
        self.limits = SimpleNamespace(max_per_session=4)
        self.live: set[str] = set()
        self.submitted: list[dict] = []

    def stats(self):
        return {"per_job": [{"id": j, "state": "running"} for j in self.live]}

    def submit(self, session_id, cfg, run_dir=None, resume=False, paused=False):
        if not resume:
            Run.create(run_dir, cfg)
        self.submitted.append(dict(sid=session_id, cfg=cfg, run_dir=str(run_dir), resume=resume))
        self.live.add(os.path.basename(run_dir))
        return os.path.basename(run_dir)

    def jobs_of(self, session_id):
        return [os.path.basename(s["run_dir"]) for s in self.submitted if s["sid"] == session_id]

    def latest(self, job_id):
        cfg = next((s["cfg"] for s in self.submitted if s["run_dir"].endswith(job_id)), None)
        return Snapshot(run_id=job_id, seq=0, state="queued", step=0,
                        config=cfg.to_dict() if cfg else {})

    def frames(self, job_id):
        return []

    def command(self, job_id, name, **args):
        return True

    def attach(self, session_id, job_id):
        return True

    def release_session(self, session_id):
        pass


@pytest.fixture
def runs(tmp_path, monkeypatch):
    """A runs root with a finished CLI run, a stopped app run and a damaged folder."""
    monkeypatch.setenv("GANLAB_RUNS", str(tmp_path))
    monkeypatch.setenv("GANLAB_RUNS_QUOTA_MB", "0")
    train(tmp_path / "cli-ring8", TINY.replace(steps=100), diagnostics=True)
    train(tmp_path / "app-hinge", TINY.replace(loss="hinge", lr_d=5e-4, steps=100),
          diagnostics=True)
    Run(tmp_path / "app-hinge").write_status("running", 100)  # the server died while it trained
    old = time.time() - 3600
    for f in (tmp_path / "app-hinge").iterdir():
        os.utime(f, (old, old))
    mgr = FakeManager(tmp_path)
    import ganlab.serve.manager

    monkeypatch.setattr(ganlab.serve.manager, "get_manager", lambda: mgr)
    return tmp_path, mgr


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def table(at):
    return at.dataframe[0].value


def test_runs_page_lists_every_run_and_repairs_orphans(runs):
    root, _ = runs
    at = open_page("app_pages/runs.py")
    df = table(at)
    assert sorted(df["name"]) == ["app-hinge", "cli-ring8"]
    states = dict(zip(df["name"], df["state"]))
    assert "stopped" in states["app-hinge"] and "finished" in states["cli-ring8"]
    assert set(df["iterations"]) == {100}
    assert Run(root / "app-hinge").status()["state"] == "stopped"


def test_filters(runs):
    at = open_page("app_pages/runs.py")
    at.text_input(key="runs_search").input("hinge").run()
    assert list(table(at)["name"]) == ["app-hinge"]
    at.text_input(key="runs_search").input("").run()
    at.multiselect(key="runs_f_state").select("finished").run()
    assert list(table(at)["name"]) == ["cli-ring8"]


def test_open_a_run_shows_charts_samples_and_downloads(runs):
    at = open_page("app_pages/runs.py", open="cli-ring8")
    assert at.subheader[0].value.endswith("cli-ring8")
    charts = at.get("plotly_chart")
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text") for c in charts]
    assert len(charts) >= 5 and any(t and "loss" in t.lower() for t in titles)
    assert len(at.get("download_button")) >= 4
    assert at.metric[0].value == "100" and "of 100" in at.metric[0].label


def test_resume_a_stopped_run_through_the_manager(runs, monkeypatch):
    root, mgr = runs
    from ganlab.ui import session

    # Stay on Runs (the Playground, where a resume normally lands, is tested on its own).
    monkeypatch.setattr(session, "PLAYGROUND_PAGE", str(root / "no-playground.py"))
    at = open_page("app_pages/runs.py", open="app-hinge")
    at.number_input(key="runs_resume_n").set_value(50)
    at.button(key="runs_resume_go").click().run()
    assert not at.exception
    (job,) = mgr.submitted
    assert job["resume"] and job["run_dir"] == str(root / "app-hinge")
    assert job["cfg"].steps == 150 and job["cfg"].loss == "hinge"
    assert any("queued to resume" in m.value for m in at.success)
    assert at.session_state["pg_job"] == "app-hinge"   # the Playground will watch it


def test_rename_and_delete_with_confirm(runs):
    root, _ = runs
    at = open_page("app_pages/runs.py", open="cli-ring8")
    at.text_input(key="runs_new_name").input("../my best").run()
    at.button(key="runs_rename_go").click().run()
    assert (root / "my-best").is_dir() and not (root / "cli-ring8").exists()
    assert at.subheader[0].value.endswith("my-best")
    assert at.button(key="runs_delete_go").disabled  # nothing happens without the confirm
    at.checkbox(key="runs_delete_sure").check().run()
    at.button(key="runs_delete_go").click().run()
    assert not (root / "my-best").exists()
    assert list(table(at)["name"]) == ["app-hinge"]


def test_live_runs_cannot_be_renamed_or_deleted(runs):
    _, mgr = runs
    mgr.live.add("cli-ring8")
    at = open_page("app_pages/runs.py", open="cli-ring8")
    assert not at.exception
    popovers = {p.proto.popover.label: p.proto.popover.disabled for p in at.get("popover")}
    assert popovers == {"Resume": True, "Rename": True, "Delete": True}


def test_compare_overlays_and_lists_only_differing_keys(runs):
    at = open_page("app_pages/compare.py", runs="cli-ring8,app-hinge")
    assert at.multiselect(key="cmp_runs").value == ["cli-ring8", "app-hinge"]
    diff = at.dataframe[0].value
    assert sorted(diff["key"]) == ["loss", "lr_d"]
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titled = {c["layout"].get("title", {}).get("text"): c for c in charts}
    loss_d = titled["D loss L_D"]
    assert "Modes covered" in titled and "mode_share_00" not in titled
    assert [tr["name"] for tr in loss_d["data"] if tr.get("showlegend", True)] == \
        ["cli-ring8", "app-hinge"]
    assert len(charts) >= 2 + 2 + 2 + 2  # samples, losses, D outputs, shared diagnostics


def test_compare_needs_two(runs):
    at = open_page("app_pages/compare.py")
    assert any("at least two" in i.value for i in at.info)


def test_sweep_queues_a_grid_and_selects_it(runs):
    root, mgr = runs
    at = open_page("app_pages/compare.py")
    at.selectbox(key="sweep_key0").set_value("loss").run()
    at.text_input(key="sweep_vals0_loss").input("nonsaturating, wgan_gp").run()
    at.selectbox(key="sweep_key1").set_value("lr_d").run()
    at.text_input(key="sweep_vals1_lr_d").input("1e-4, 1e-3").run()
    at.number_input(key="sweep_steps").set_value(200).run()
    at.button(key="sweep_go").click().run()
    assert not at.exception
    assert [(j["cfg"].loss, j["cfg"].lr_d, j["cfg"].steps) for j in mgr.submitted] == [
        ("nonsaturating", 1e-4, 200), ("nonsaturating", 1e-3, 200), ("wgan_gp", 1e-4, 200),
        ("wgan_gp", 1e-3, 200)]
    names = [os.path.basename(j["run_dir"]) for j in mgr.submitted]
    assert names[0] == "sweep-loss-nonsaturating-lr_d-0.0001"
    assert at.multiselect(key="cmp_runs").value == names
    assert all((root / n / "config.json").is_file() for n in names)


def test_sweep_respects_the_job_limit(runs):
    _, mgr = runs
    mgr.limits.max_per_session = 1
    at = open_page("app_pages/compare.py")
    at.text_input(key="sweep_vals0_loss").input("hinge, lsgan").run()
    at.button(key="sweep_go").click().run()
    assert mgr.submitted == []
    assert any("only 1 more" in e.value for e in at.error)


# --- share helpers, driven through the Playground's controls ----------------------------------
def _playground_stub():
    import streamlit as st

    from ganlab.ui import controls, share

    share.restore()
    cfg, err = controls.sidebar({})
    share.sync_url(cfg)
    share.sidebar_tools(cfg)
    share.notices()
    st.text(cfg.to_json() if cfg else f"ERROR {err}")


def _stub(**params) -> AppTest:
    at = AppTest.from_function(_playground_stub, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_shared_link_restores_the_controls_exactly(runs):
    want = Config().replace(dataset="grid25", loss="wgan_gp", lr_d=0.0005, lr_g=2e-5,
                            g_width=64, batch_size=128, seed=42, steps=3000, beta1=0.3,
                            gp_weight=1.5)
    from ganlab.urlstate import to_params

    at = _stub(**to_params(want))
    assert not at.exception, at.exception
    assert Config.from_json(at.text[0].value) == want
    assert any("restored from the link" in i.value for i in at.info)
    assert not at.warning
    assert at.query_params["lr_d"] in ("0.0005", ["0.0005"])  # the address bar is the link


def test_bad_link_is_reported_and_defaults_used(runs):
    at = _stub(lr_d="fast", batch_size="999999", seed="7")
    assert not at.exception
    cfg = Config.from_json(at.text[0].value)
    assert cfg.seed == 7 and cfg.lr_d == Config().lr_d
    warning = at.warning[0].value
    # the box shows each value as text: escaped Markdown (tests/test_hardening_text.py)
    assert md("lr_d=fast") in warning and md("batch_size=999999") in warning


def test_config_upload_fills_the_controls_and_bad_files_are_refused(runs):
    at = _stub()
    good = Config(dataset="spiral", lr_g=1e-3, seed=9, steps=777).to_json().encode()
    at.get("file_uploader")[0].upload("mine.json", good, "application/json").run()
    assert not at.exception
    cfg = Config.from_json(at.text[0].value)
    assert (cfg.dataset, cfg.lr_g, cfg.seed, cfg.steps) == ("spiral", 1e-3, 9, 777)
    at.get("file_uploader")[0].upload("bad.json", b'{"lr_g": -1}', "application/json").run()
    assert not at.exception
    assert any(md("lr_g=-1") in e.value for e in at.error)
    assert Config.from_json(at.text[0].value).lr_g == 1e-3  # unchanged
