"""Issue 16: what a visitor can point the server at, and what the showcase shows. data_dir comes
only from the server's settings; the showcase offers only datasets it can serve offline; a
training error shows no server path; `/playground` opens the Playground (real server, Chromium)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from ganlab.config import Config, ConfigError
from ganlab.data import folder
from ganlab.runs.bundle import ImportProblem, checkpoint_bundle, config_from_upload, import_bundle
from ganlab.serve import settings
from ganlab.serve.failures import explain
from ganlab.urlstate import from_params, to_params
from tests.test_runindex import train


@pytest.fixture
def env(monkeypatch):
    """env(**variables): the server's settings read again from these variables."""
    def set_env(**variables):
        for k, v in variables.items():
            monkeypatch.setenv(k, str(v))
        return settings.reload()
    yield set_env
    monkeypatch.undo()
    settings.reload()


def test_data_dir_in_a_link_is_ignored():
    cfg, problems = from_params({"dataset": "digits", "data_dir": "/any/path"})
    assert cfg.dataset == "digits" and cfg.data_dir == ""
    assert any("data_dir" in p and "ignored" in p for p in problems)
    assert "data_dir" not in to_params(Config(data_dir="/srv/uploads/x"))   # nor written into one


def test_data_dir_in_a_config_upload_is_ignored():
    cfg = config_from_upload(json.dumps({"dataset": "digits", "data_dir": "/any/path"}).encode())
    assert cfg.dataset == "digits" and cfg.data_dir == ""


def bundle_with(run, **config):
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(checkpoint_bundle(run))) as src, \
            zipfile.ZipFile(data, "w") as dst:
        for m in src.infolist():
            body = json.loads(src.read(m)) if m.filename.endswith("json") else src.read(m)
            if m.filename == "config.json":
                body.update(config)
            elif m.filename == "checkpoint.json":
                body["config"].update(config)
            dst.writestr(m.filename, json.dumps(body) if isinstance(body, dict) else body)
    return data.getvalue()


def test_bundle_data_dir_is_dropped_and_never_walked(tmp_path):
    src = train(tmp_path / "src")
    run = import_bundle(bundle_with(src, data_dir="/"), tmp_path / "root", "in")
    assert run.config().data_dir == ""
    assert json.loads((run.path / "checkpoint.json").read_text())["config"]["data_dir"] == ""
    with pytest.raises(ImportProblem, match="own images"):
        import_bundle(bundle_with(src, dataset="folder", data_dir="/"), tmp_path / "root", "f")
    assert sorted(p.name for p in (tmp_path / "root").iterdir()) == ["in"]


def test_folder_scan_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(folder, "MAX_WALK", 50)
    for i in range(60):
        (tmp_path / f"{i}.txt").write_bytes(b"")
    with pytest.raises(ConfigError, match="more than"):
        folder.load_folder(Config(dataset="folder", data_dir=str(tmp_path)))


def test_showcase_offers_only_datasets_it_can_serve(env, tmp_path):
    from ganlab.ui import datasets

    env(GANLAB_SHOWCASE=1, GANLAB_DATA=tmp_path)
    offered = datasets.names()
    assert "digits" in offered and "ring8" in offered
    assert not {"mnist", "fashion_mnist", "cifar10", "folder"} & set(offered)
    raw = tmp_path / "MNIST" / "raw"      # files put there beforehand: then it is offered
    raw.mkdir(parents=True)
    for name in settings.DOWNLOADED["mnist"][1]:
        (raw / f"{name}.gz").write_bytes(b"")
    assert "mnist" in datasets.names()
    env(GANLAB_SHOWCASE=0)
    assert {"mnist", "cifar10", "folder"} <= set(datasets.names())


def test_showcase_training_error_shows_no_data_path(env, tmp_path):
    from ganlab.data.images import build_mnist

    data = tmp_path / "secret-data"
    env(GANLAB_SHOWCASE=1, GANLAB_DATA=data)
    with pytest.raises(ConfigError) as e:
        build_mnist(Config(dataset="mnist", data_dir=str(data)))
    assert str(data) in str(e.value)            # the raw error names the folder...
    text, _, args = explain(e.value, 0)
    assert str(tmp_path) not in text and str(tmp_path) not in args["detail"]   # ...the page not


@pytest.mark.browser
def test_playground_url_opens_the_playground(app_server, page):
    from tests.journey import open_app

    open_app(page, app_server, "playground")
    page.get_by_role("heading", name="Playground").first.wait_for(timeout=60_000)
    assert page.get_by_text("Page not found").count() == 0
    assert page.url.split("?")[0].endswith("/playground")
