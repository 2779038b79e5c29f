"""Issue 16: a damaged run folder (an upload, a crash, a hand edit) is listed as "damaged" with
the reason, never breaks the Runs or Compare page, and a failed import leaves nothing behind.
Real run folders; the pages under AppTest with the stand-in manager of test_runs_pages."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from ganlab.runs import index as runindex
from ganlab.runs.bundle import ImportProblem, checkpoint_bundle, import_bundle
from ganlab.runs.folder import Run
from ganlab.safetext import md
from tests.test_runindex import train
from tests.test_runs_pages import FakeManager, open_page

DEEP = "[" * 3000 + "]" * 3000
DAMAGE = {   # folder -> (file, text, words the reason must contain)
    "status-list": ("status.json", "[]", "JSON object"),
    "status-deep": ("status.json", '{"state": ' + DEEP + "}", "nested"),
    "status-step": ("status.json", '{"state": "finished", "step": "abc"}', "whole number"),
    "config-bad": ("config.json", '{"dataset": "ring8", "g_width": "wide"}', "g_width"),
    "config-deep": ("config.json", '{"drawn_points": ' + DEEP + "}", "nested"),
}


@pytest.fixture
def damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLAB_RUNS", str(tmp_path))
    monkeypatch.setenv("GANLAB_RUNS_QUOTA_MB", "0")
    good = train(tmp_path / "good")
    for name, (file, text, _) in DAMAGE.items():
        train(tmp_path / name)
        (tmp_path / name / file).write_text(text)
    mgr = FakeManager(tmp_path)
    import ganlab.serve.manager

    monkeypatch.setattr(ganlab.serve.manager, "get_manager", lambda: mgr)
    return tmp_path, good


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_damaged_folder_is_listed_with_its_reason(damaged, name):
    root, _ = damaged
    s = {s.name: s for s in runindex.scan(root)}[name]
    assert s.state == "corrupt", s
    assert DAMAGE[name][2] in s.error and str(root) not in s.error


def test_runs_page_lists_damaged_runs_and_opens_each(damaged):
    at = open_page("app_pages/runs.py")
    df = at.dataframe[0].value
    states = dict(zip(df["name"], df["state"]))
    assert all("damaged" in states[n] for n in DAMAGE) and "finished" in states["good"]
    for name in DAMAGE:
        at = open_page("app_pages/runs.py", open=name)   # open_page asserts no exception
        assert any(md(DAMAGE[name][2]) in e.value for e in at.error), name


def test_compare_page_with_damaged_runs_selected(damaged):
    at = open_page("app_pages/compare.py", runs="good,status-list,status-deep,status-step")
    assert not at.exception


def test_failed_import_leaves_nothing_behind(tmp_path):
    bundle = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(checkpoint_bundle(train(tmp_path / "src")))) as src, \
            zipfile.ZipFile(bundle, "w") as dst:
        for m in src.infolist():
            body = src.read(m)
            if m.filename == "checkpoint.json":
                meta = json.loads(body)
                meta["config"]["dataset"] = "mnist"   # builds a dataset that is not there
                body = json.dumps(meta).encode()
            dst.writestr(m.filename, body)
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(ImportProblem):
        import_bundle(bundle.getvalue(), root, "broken")
    assert list(root.iterdir()) == []


def test_imported_bundle_with_damaged_status_is_repaired(tmp_path):
    bundle = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(checkpoint_bundle(train(tmp_path / "src")))) as src, \
            zipfile.ZipFile(bundle, "w") as dst:
        for m in src.infolist():
            dst.writestr(m.filename, b"[]" if m.filename == "status.json" else src.read(m))
    run = import_bundle(bundle.getvalue(), tmp_path / "root", "ok")
    assert Run(run.path).status()["state"] == "stopped"
    assert runindex.summarize(run.path).state == "stopped"


def test_a_folders_own_error_text_is_shown_as_text(damaged):
    root, _ = damaged
    link = "[LOG IN](https://x.example/login)"
    train(root / "phish").write_status("failed", 12, link)
    at = open_page("app_pages/runs.py", open="phish")
    assert [e.value for e in at.error] == [md(link)]
