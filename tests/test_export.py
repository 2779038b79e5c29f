"""Downloads (config JSON, metrics CSV, checkpoint bundle, time-lapse GIF) and safe imports."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import numpy as np
import pytest
from PIL import Image

from ganlab.config import Config
from ganlab.runs import bundle as export
from ganlab.runs.bundle import ImportProblem
from ganlab.runs.folder import Run, RunError
from tests.test_runindex import TINY, resume, train


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    return train(tmp_path_factory.mktemp("runs") / "r", TINY.replace(steps=30))


def test_config_json_loads_back(run):
    assert Config.from_json(export.config_json(run).decode()) == run.config()


def test_metrics_csv_has_every_row_and_column(run):
    rows = list(csv.DictReader(io.StringIO(export.metrics_csv(run).decode())))
    assert len(rows) == 30
    assert list(rows[0])[:3] == ["step", "loss_d", "loss_g"]
    assert float(rows[-1]["loss_g"]) == run.metrics()[-1]["loss_g"]


def test_metrics_csv_marks_diverged_values_as_nan(tmp_path):
    r = Run.create(tmp_path / "r", TINY)
    r.append_metrics([{"step": 1, "loss_d": float("nan"), "loss_g": 1.5},
                      {"step": 2, "loss_d": 0.5, "loss_g": 1.0, "modes_covered": 3.0}])
    lines = export.metrics_csv(r).decode().splitlines()
    assert lines == ["step,loss_d,loss_g,modes_covered", "1,nan,1.5,", "2,0.5,1.0,3.0"]


def test_timelapse_gif_of_toy_samples(run):
    gif = Image.open(io.BytesIO(export.timelapse_gif(run)))
    assert gif.format == "GIF" and gif.n_frames == 6  # samples at steps 5..30
    assert gif.size == (export.FRAME_SIZE, export.FRAME_SIZE)
    gif.seek(gif.n_frames - 1)
    pixels = np.asarray(gif.convert("RGB")).reshape(-1, 3)
    assert (pixels == export.FAKE_RGB).all(1).any()  # the fake points are drawn
    assert (pixels == export.REAL_RGB).all(1).any()  # and the data behind them


def test_timelapse_of_image_grids_and_of_a_run_without_samples(tmp_path):
    r = Run.create(tmp_path / "img", TINY)
    with pytest.raises(RunError, match="no samples"):
        export.timelapse_gif(r)
    for step, shade in ((10, 0), (20, 128), (30, 255)):
        buf = io.BytesIO()
        Image.new("RGB", (40, 30), (shade, shade, shade)).save(buf, format="PNG")
        r.save_samples(step, buf.getvalue())
    (r.path / "samples" / "step_0000040.png").write_bytes(b"not a png")  # skipped, not fatal
    gif = Image.open(io.BytesIO(export.timelapse_gif(r)))
    assert gif.n_frames == 3 and gif.size == (40, 30)


def test_mp4_only_where_ffmpeg_exists(run):
    if not export.mp4_available():
        with pytest.raises(RunError, match="ffmpeg"):
            export.timelapse_mp4(run)
    else:
        assert export.timelapse_mp4(run)[4:8] == b"ftyp"


def test_checkpoint_bundle_imports_and_resumes(run, tmp_path):
    bundle = export.checkpoint_bundle(run)
    names = zipfile.ZipFile(io.BytesIO(bundle)).namelist()
    assert {"config.json", "checkpoint.safetensors", "checkpoint.json"} <= set(names)
    got = export.import_bundle(bundle, tmp_path, "../../sneaky name")
    assert got.path.parent == tmp_path.resolve() and got.name == "sneaky-name"
    assert got.status()["state"] == "finished"
    assert export.import_bundle(bundle, tmp_path, "sneaky name").name == "sneaky-name-2"
    resume(got.path, 5)
    assert got.metrics()[-1]["step"] == 35


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_bad_bundles_are_refused_and_leave_nothing(run, tmp_path):
    bundle = zipfile.ZipFile(io.BytesIO(export.checkpoint_bundle(run)))
    good = {n: bundle.read(n) for n in ("config.json", "checkpoint.json",
                                        "checkpoint.safetensors")}
    cases = [
        (b"PK not a zip", "not a zip"),
        (_zip({**good, "../evil.py": b"x"}), "unexpected file"),
        (_zip({**good, "checkpoint.pt": b"x"}), "unexpected file"),
        (_zip({"config.json": good["config.json"]}), "needs config.json"),
        (_zip({**good, "checkpoint.safetensors": b"\x00" * 64}), "checkpoint is corrupt"),
        (_zip({**good, "config.json": b'{"lr_d": "fast"}'}), "lr_d"),
        (_zip({**good, "checkpoint.json": json.dumps({"step": 3, "config": {}}).encode()}),
         "checkpoint"),
    ]
    for data, words in cases:
        with pytest.raises(ImportProblem, match=words):
            export.import_bundle(data, tmp_path, "x")
        assert list(tmp_path.iterdir()) == []


def test_a_bundle_that_inflates_past_the_limit_is_refused_unread(run, tmp_path, monkeypatch):
    bundle = zipfile.ZipFile(io.BytesIO(export.checkpoint_bundle(run)))
    good = {n: bundle.read(n) for n in bundle.namelist()}
    monkeypatch.setattr(export, "MAX_BUNDLE_BYTES", 2 * sum(map(len, good.values())))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in good.items():
            z.writestr(name, data)
        z.writestr("samples/step_999999.npy", bytes(3 * export.MAX_BUNDLE_BYTES))  # deflates to ~0
    assert len(buf.getvalue()) < export.MAX_BUNDLE_BYTES
    with pytest.raises(ImportProblem, match="too much data"):
        export.import_bundle(buf.getvalue(), tmp_path, "bomb")
    assert list(tmp_path.iterdir()) == []
    # the same bundle without the padding imports
    assert export.import_bundle(_zip(good), tmp_path, "fine").name == "fine"
