"""Hosting: the Streamlit config's protections, deployment settings, showcase limits, and hostile
inputs rejected by the core validators (not only by widgets), each with a message for a person.

No server and no worker process here: everything goes through the same functions the pages,
the URL handling, the uploads and the JobManager call.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import tomllib

from ganlab.changes import decide
from ganlab.config import Config, ConfigError
from ganlab.data.csv_points import parse_points_csv
from ganlab.data.folder import MAX_MEMBER_BYTES, extract_zip
from ganlab.runs import naming
from ganlab.runs.folder import CHECKPOINT, CHECKPOINT_META, Run, RunError
from ganlab.serve import settings
from ganlab.serve.limits import LimitError, Limits
from ganlab.serve.settings import Settings, SettingsError
from ganlab.urlstate import from_params

ROOT = Path(__file__).resolve().parent.parent
CONFIG_TOML = ROOT / ".streamlit" / "config.toml"


# --- .streamlit/config.toml ----------------------------------------------------------------------
def _toml():
    return tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))


def test_config_toml_names_only_real_options_with_the_right_types():
    from streamlit import config as st_config

    known = st_config._config_options_template
    for section, values in _toml().items():
        for name, value in values.items():
            key = f"{section}.{name}"
            assert key in known, f"{key} is not a Streamlit 1.67 option"
            opt = known[key]
            if opt.multiple:
                assert isinstance(value, list), key
            elif opt.type in (bool, int, float):
                assert isinstance(value, opt.type) and not (opt.type is int and
                                                            isinstance(value, bool)), key


def test_config_toml_turns_the_protections_on():
    c = _toml()
    server, client = c["server"], c["client"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert server["allowedHosts"] and "*" not in server["allowedHosts"]
    assert "*" not in server.get("corsAllowedOrigins", [])
    assert 1 <= server["maxUploadSize"] <= 50 and 1 <= server["maxMessageSize"] <= 100
    assert server["runOnSave"] is False and server["fileWatcherType"] == "none"
    assert server["headless"] is True
    # Static serving is on for the CJK web font only: ./static holds fonts and their licence.
    served = [p for p in (ROOT / "static").rglob("*") if p.is_file()] \
        if server["enableStaticServing"] else []
    assert all(p.suffix in (".woff2", ".txt") for p in served), served
    assert server["disconnectedSessionTTL"] <= 120       # aligned with the orphan grace
    assert client["toolbarMode"] == "viewer" and client["showErrorDetails"] in ("type", "none")
    assert c["browser"]["gatherUsageStats"] is False
    assert c["global"]["developmentMode"] is False


def test_every_config_toml_setting_has_a_reason_above_it():
    lines = CONFIG_TOML.read_text(encoding="utf-8").splitlines()
    missing = []
    for i, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#"):
            above = next((p for p in reversed(lines[:i]) if p.strip()), "")
            if not above.lstrip().startswith("#"):   # each setting gets its own reason
                missing.append(line.split("=")[0].strip())
    assert missing == []


# --- settings ------------------------------------------------------------------------------------
def test_settings_defaults_and_showcase(tmp_path):
    plain = Settings.from_env({"GANLAB_RUNS": str(tmp_path / "runs")})
    assert not plain.showcase and plain.allow_uploads and plain.show_paths and plain.show_cli
    assert plain.limits == Limits()
    assert plain.runs_dir == (tmp_path / "runs").resolve()

    show = Settings.from_env({"GANLAB_SHOWCASE": "1", "GANLAB_RUNS": str(tmp_path)})
    assert show.showcase and not show.allow_uploads and not show.show_paths and not show.show_cli
    assert show.limits == Limits.showcase()
    assert Settings.from_env({"GANLAB_SHOWCASE": "yes", "GANLAB_ALLOW_UPLOADS": "1"}).allow_uploads
    # an explicit GANLAB_LIMITS wins over the showcase default, and per-field caps apply on top
    mixed = Settings.from_env({"GANLAB_SHOWCASE": "1", "GANLAB_LIMITS": "default",
                               "GANLAB_LIMIT_MAX_ITERATIONS": "500"})
    assert mixed.limits == dataclasses.replace(Limits(), max_iterations=500)


def test_showcase_limits_are_tighter_everywhere():
    default, show = Limits(), Limits.showcase()
    for f in dataclasses.fields(Limits):
        a, b = getattr(default, f.name), getattr(show, f.name)
        if f.name == "allow_outside_runs":
            assert b is False
        elif f.name != "max_concurrent":      # 0 = derived from the device in both
            assert b <= a, f.name
    assert show.max_per_session == 1 and show.max_wall_seconds <= 600
    with pytest.raises(LimitError, match="steps=50000.*at most 20,000"):
        show.check(Config(steps=50_000))
    with pytest.raises(LimitError, match="batch_size=1024"):
        show.check(Config(batch_size=1024))
    with pytest.raises(LimitError, match="parameters"):
        show.check(Config(g_width=1024, d_width=1024, g_layers=8, d_layers=8))
    live = decide(Config(), {"batch_size": 8192}, show.caps())   # a live change (ganlab.changes)
    assert live.live == {} and "batch_size=8192" in live.refused[0].text()


@pytest.mark.parametrize("env, names", [
    ({"GANLAB_SHOWCASE": "maybe"}, "GANLAB_SHOWCASE"),
    ({"GANLAB_ALLOW_UPLOADS": "2"}, "GANLAB_ALLOW_UPLOADS"),
    ({"GANLAB_RUNS_QUOTA_MB": "nan"}, "GANLAB_RUNS_QUOTA_MB"),
    ({"GANLAB_RUNS_QUOTA_MB": "-5"}, "GANLAB_RUNS_QUOTA_MB"),
    ({"GANLAB_RUNS_QUOTA_MB": "1e99"}, "GANLAB_RUNS_QUOTA_MB"),
    ({"GANLAB_LIMIT_MAX_ITERATIONS": "lots"}, "GANLAB_LIMIT_MAX_ITERATIONS"),
    ({"GANLAB_LIMIT_MAX_WALL_SECONDS": "nan"}, "max_wall_seconds"),
    ({"GANLAB_LIMIT_MAX_WALL_SECONDS": "inf"}, "max_wall_seconds"),
    ({"GANLAB_LIMIT_MAX_BATCH_SIZE": "-1"}, "max_batch_size"),
    ({"GANLAB_LIMIT_ORPHAN_GRACE_SECONDS": "3600"}, "orphan_grace_seconds"),
    ({"GANLAB_LIMITS": "none"}, "GANLAB_LIMITS"),
    ({"GANLAB_RUNS": "bad\x00path"}, "GANLAB_RUNS"),
])
def test_bad_settings_are_refused_with_the_variable_named(env, names):
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(env)


def test_a_file_where_a_folder_belongs_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(SettingsError, match="GANLAB_RUNS.*not a folder"):
        Settings.from_env({"GANLAB_RUNS": str(f)})
    with pytest.raises(SettingsError, match="GANLAB_DATA.*not a folder"):
        Settings.from_env({"GANLAB_DATA": str(f)})


def test_settings_cli_prints_or_fails_with_one_line(tmp_path):
    env = {**os.environ, "GANLAB_SHOWCASE": "1", "GANLAB_RUNS": str(tmp_path)}
    ok = subprocess.run([sys.executable, "-m", "ganlab.serve.settings"], env=env, cwd=ROOT,
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "showcase        True" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "ganlab.serve.settings"], cwd=ROOT, timeout=120,
                         env={**env, "GANLAB_RUNS_QUOTA_MB": "NaN"}, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "GANLAB_RUNS_QUOTA_MB" in bad.stderr


def test_showcase_hides_server_paths(tmp_path):
    show = Settings.from_env({"GANLAB_SHOWCASE": "1", "GANLAB_RUNS": str(tmp_path / "runs")})
    msg = f"{tmp_path}/runs/abc: checkpoint is corrupt; see {settings.PACKAGE_ROOT}/ganlab/x.py"
    out = show.redact(msg)
    assert str(tmp_path) not in out and str(settings.PACKAGE_ROOT) not in out
    assert "<runs>/abc" in out and "checkpoint is corrupt" in out
    assert show.public_path(tmp_path / "runs" / "abc") == "abc"
    plain = Settings.from_env({"GANLAB_RUNS": str(tmp_path / "runs")})
    assert plain.redact(msg) == msg


# --- hostile config values (widgets, URL parameters, uploaded configs all end here) -------------
@pytest.mark.parametrize("key, value, words", [
    ("steps", 10**12, "steps=1000000000000: must be in"),
    ("batch_size", 10**9, "batch_size"),
    ("g_width", 10**6, "g_width"),
    ("noise_dim", 10**5, "noise_dim"),
    ("lr_d", "nan", "lr_d=nan: must be a finite number"),
    ("lr_g", "inf", "lr_g=inf: must be a finite number"),
    ("steps", "nan", "steps=nan: must be a whole number"),
    ("steps", "1e400", "steps=1e400: must be a whole number"),
    ("dataset", "../../etc/passwd", "dataset"),
    ("device", "cuda:99; rm -rf /", "device"),
])
def test_hostile_config_values_are_rejected_with_the_key_named(key, value, words):
    with pytest.raises(ConfigError) as e:
        Config().replace(**{key: value})
    assert words in str(e.value)


def test_hostile_url_parameters_fall_back_with_a_problem_each():
    cfg, problems = from_params({"lr_d": "nan", "steps": "1e400", "batch_size": "99999999",
                                 "drawn_points": "z" + "A" * 300_000, "seed": "-1"})
    assert cfg == Config()                      # nothing half-applied
    assert len(problems) == 5 and all(isinstance(p, str) and p for p in problems)


def test_hostile_csv_points_are_rejected():
    with pytest.raises(ConfigError, match="row 2.*finite"):
        parse_points_csv("x,y\nnan,1\n2,3\n4,5\n")
    with pytest.raises(ConfigError, match="limit"):
        parse_points_csv(b"1,2\n" * 400_000)
    with pytest.raises(ConfigError, match="10,000"):
        parse_points_csv("1,2\n" * 10_001)


def test_hostile_uploaded_config_json_is_rejected():
    from ganlab.runs.bundle import ImportProblem, config_from_upload

    for data, words in ((b'{"lr_d": NaN}', "lr_d"), (b'{"steps": 1e30}', "steps"),
                        (b"[1, 2]", "JSON object"), (b"\xff\xfe", "not text"),
                        (b" " * 2_000_000, "MB")):
        with pytest.raises(ImportProblem, match=words):
            config_from_upload(data)


# --- path traversal ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["../evil", "..", "a/b", "/etc/passwd", "C:\\x", ".hidden",
                                  "x" * 200, "nul", "a\x00b"])
def test_run_names_cannot_leave_the_runs_folder(tmp_path, name):
    with pytest.raises(naming.RunNameError):
        naming.inside(tmp_path, name)


def test_jobmanager_refuses_folders_outside_its_root_in_showcase(tmp_path):
    from ganlab.serve.manager import JobError, JobManager

    outside = tmp_path / "elsewhere"
    Run.create(outside, Config(steps=10))
    mgr = JobManager(tmp_path / "runs", Limits.showcase(), warm_spare=False)
    try:
        for rel in ("../elsewhere", str(outside), "../../../../etc"):
            with pytest.raises(JobError, match="runs folder"):
                mgr.submit("visitor", Config(steps=10), run_dir=rel, resume=True)
        with pytest.raises(JobError, match="runs folder"):
            mgr.submit("visitor", Config(steps=10), run_dir=outside / "new")
        assert mgr.stats()["jobs"] == 0
    finally:
        mgr.shutdown()


# --- zip uploads ---------------------------------------------------------------------------------
def _png(side=8) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (side, side), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def _zip(members: dict, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_members_cannot_escape_the_destination(tmp_path):
    dest = tmp_path / "run" / "images"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in ("../escape.png", "/abs.png", "C:/win.png", "a/../../up.png", "ok.png"):
            z.writestr(name, _png())
        link = zipfile.ZipInfo("link.png")
        link.external_attr = (0o120777 << 16)
        z.writestr(link, "/etc/passwd")
    report = extract_zip(buf.getvalue(), dest)
    assert report.images == 1 and report.skipped["unsafe_name"] == 4 and report.skipped["link"] == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["000001.png"]


def test_zip_bombs_are_refused(tmp_path):
    # One member that inflates past the per-file cap: skipped, never held in memory whole.
    big = _zip({"bomb.png": b"\0" * (MAX_MEMBER_BYTES + 1024), "ok.png": _png()})
    assert len(big) < 200_000
    report = extract_zip(big, tmp_path / "a")
    assert report.images == 1 and report.skipped["too_large"] == 1
    # Many members under the per-file cap that together inflate past the total cap: refused.
    many = _zip({f"m{i}.bin": b"\0" * (MAX_MEMBER_BYTES - 1) for i in range(11)})
    with pytest.raises(ConfigError, match="unpacks to more than"):
        extract_zip(many, tmp_path / "b")
    # A member whose header lies about its size: read up to the cap only, then rejected.
    liar = bytearray(_zip({"liar.png": b"\0" * (MAX_MEMBER_BYTES + 1024)}))
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = liar.find(sig)
        liar[at + off:at + off + 4] = struct.pack("<I", 100)
    with pytest.raises(ConfigError, match="no readable images"):
        extract_zip(bytes(liar), tmp_path / "c")
    with pytest.raises(ConfigError, match="not a readable zip"):
        extract_zip(b"PK\x03\x04garbage", tmp_path / "d")


# --- malformed checkpoints -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    from ganlab.train.trainer import Trainer

    path = tmp_path_factory.mktemp("ckpt") / "run"
    cfg = Config(steps=5, g_width=8, d_width=8, g_layers=1, d_layers=1, batch_size=16)
    run = Run.create(path, cfg)
    trainer = Trainer(cfg)
    trainer.iterate()
    run.save_checkpoint(trainer)
    return run


def _copy(run: Run, dest: Path) -> Run:
    import shutil

    shutil.copytree(run.path, dest)
    return Run(dest)


class _Boom:
    """Unpickling this would create the marker file: proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_malformed_checkpoints_are_rejected_without_running_code(good_run, tmp_path):
    import torch

    marker = tmp_path / "pwned"
    cases = {
        "truncated": lambda r: (r.path / CHECKPOINT).write_bytes(
            (r.path / CHECKPOINT).read_bytes()[:100]),
        "garbage": lambda r: (r.path / CHECKPOINT).write_bytes(os.urandom(4096)),
        "pickle": lambda r: torch.save({"x": _Boom(marker)}, r.path / CHECKPOINT),
        "huge_header": lambda r: (r.path / CHECKPOINT).write_bytes(
            struct.pack("<Q", 2**40) + b"{}"),
        "huge_shape": lambda r: (r.path / CHECKPOINT).write_bytes(_huge_shape()),
        "bad_meta": lambda r: (r.path / CHECKPOINT_META).write_text("{not json"),
        "meta_list": lambda r: (r.path / CHECKPOINT_META).write_text("[1, 2]"),
        "wrong_model": lambda r: (r.path / CHECKPOINT_META).write_text(json.dumps(
            {**json.loads((r.path / CHECKPOINT_META).read_text()),
             "config": {**Config().to_dict(), "g_width": 32}})),
    }
    for name, spoil in cases.items():
        run = _copy(good_run, tmp_path / name)
        spoil(run)
        with pytest.raises(RunError) as e:
            run.load_trainer(device="cpu")
        assert str(e.value) and len(str(e.value)) < 400, name
    assert not marker.exists()
    assert _copy(good_run, tmp_path / "fine").load_trainer(device="cpu").step == 1


def _huge_shape() -> bytes:
    header = json.dumps({"w": {"dtype": "F32", "shape": [10**6, 10**6],
                               "data_offsets": [0, 16]}}).encode()
    return struct.pack("<Q", len(header)) + header + b"\0" * 16


def test_a_bundle_with_a_pickled_checkpoint_is_refused(good_run, tmp_path):
    import torch

    from ganlab.runs.bundle import ImportProblem, import_bundle

    marker = tmp_path / "pwned"
    bad = io.BytesIO()
    torch.save({"x": _Boom(marker)}, bad)
    files = {n: (good_run.path / n).read_bytes() for n in ("config.json", CHECKPOINT_META)}
    bundle = _zip({**files, CHECKPOINT: bad.getvalue()})
    root = tmp_path / "runs"
    root.mkdir()
    with pytest.raises(ImportProblem):
        import_bundle(bundle, root, "imported")
    with pytest.raises(ImportProblem, match="unexpected file"):
        import_bundle(_zip({**files, "../evil.py": b"print(1)"}), root, "x")
    assert not marker.exists() and list(root.iterdir()) == []


def test_gallery_loader_ignores_hostile_files(tmp_path):
    from ganlab.runs.gallery import load_gallery

    good = tmp_path / "good"
    Run.create(good, Config(steps=10))
    np.save(good / "samples" / "step_0000010.npy", np.zeros((5, 2), np.float32))
    pickled = tmp_path / "pickled"
    Run.create(pickled, Config(steps=10))
    np.save(pickled / "samples" / "step_0000010.npy", np.array([object()], dtype=object),
            allow_pickle=True)
    nan = tmp_path / "nan"
    Run.create(nan, Config(steps=10))
    np.save(nan / "samples" / "step_0000010.npy", np.full((5, 2), np.nan, np.float32))
    (tmp_path / "gallery.json").write_text(json.dumps({"runs": ["../x", "good", 3]}))
    runs = load_gallery(tmp_path)
    assert [r.name for r in runs] == ["good"] and runs[0].frames[0][0] == 10


# --- the Gallery plays stored runs (no training, no server paths) -------------------------------
def test_gallery_page_shows_the_bundled_runs_from_their_files(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GANLAB_SHOWCASE", "1")
    settings.reload()
    try:
        at = AppTest.from_file(str(ROOT / "app_pages" / "gallery.py"), default_timeout=120).run()
        assert not at.exception
        runs = json.loads((ROOT / "assets" / "gallery" / "gallery.json").read_text())["runs"]
        assert len(runs) >= 3
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert len(spec["frames"]) >= 10                  # the time-lapse travels whole
        labels = {m.label for m in at.metric}
        assert {"Iterations", "Modes covered"} <= labels
        text = " ".join(str(e.value) for e in at.markdown) + " ".join(m.value for m in at.metric)
        assert str(ROOT) not in text
    finally:
        monkeypatch.delenv("GANLAB_SHOWCASE")
        settings.reload()


def test_bundled_gallery_is_small_and_made_of_real_cli_runs():
    root = ROOT / "assets" / "gallery"
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_gallery",
                                                  ROOT / "scripts" / "build_gallery.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) < build.BUDGET_BYTES
    for name in json.loads((root / "gallery.json").read_text())["runs"]:
        run = Run(root / name)
        assert run.status()["state"] == "finished" and run.has_checkpoint()
        assert run.load_trainer(device="cpu").step == run.status()["step"]
