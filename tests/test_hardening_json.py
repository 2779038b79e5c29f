"""Issue 16: JSON from outside is parsed with bounded depth and size everywhere, and damaged
metric lines are skipped and counted. One test per input; real files and real CLI processes."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
import zlib

import pytest

from ganlab import safejson
from ganlab.config import ConfigError
from ganlab.data.csv_points import parse_points_csv
from ganlab.runs.bundle import ImportProblem, checkpoint_bundle, config_from_upload, import_bundle
from ganlab.runs.replay import snapshot_of
from ganlab.urlstate import from_params
from tests.test_runindex import train

DEEP = "[" * 3000 + "]" * 3000
ENV = {**os.environ, "OMP_NUM_THREADS": "1"}


def cli(*args):
    return subprocess.run([sys.executable, "-m", "ganlab.cli", *args], capture_output=True,
                          text=True, timeout=300, env=ENV, check=False)


def assert_one_line_exit_2(r, *words):
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2, r.stderr
    assert len(lines) == 1 and lines[0].startswith("ganlab: error:"), r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in lines[0], lines[0]


def test_safejson_refuses_depth_and_size_with_one_line():
    with pytest.raises(safejson.JsonError, match="nested more than"):
        safejson.loads(DEEP, "x")
    with pytest.raises(safejson.JsonError, match="at most"):
        safejson.loads("1" * 100, "x", max_bytes=10)
    # brackets inside strings are text, not nesting
    assert safejson.loads(json.dumps({"a": DEEP})) == {"a": DEEP}


def test_link_drawn_points_that_decode_to_deep_json():
    value = "z" + base64.urlsafe_b64encode(zlib.compress(DEEP.encode(), 9)).decode().rstrip("=")
    assert len(value) <= 48        # the 44-character link value
    cfg, problems = from_params({"dataset": "ring8", "drawn_points": value})
    assert cfg.drawn_points == () and len(problems) == 1 and "drawn_points" in problems[0]


def test_config_upload_nested_deep():
    with pytest.raises(ImportProblem, match="nested"):
        config_from_upload(('{"drawn_points": ' + DEEP + "}").encode())


def test_bundle_with_deep_config_is_refused_and_leaves_nothing(tmp_path):
    run = train(tmp_path / "src")
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(checkpoint_bundle(run))) as src, \
            zipfile.ZipFile(data, "w") as dst:
        for m in src.infolist():
            body = src.read(m)
            dst.writestr(m.filename, ('{"x": ' + DEEP + "}").encode()
                         if m.filename == "config.json" else body)
    root = tmp_path / "root"
    with pytest.raises(ImportProblem, match="nested"):
        import_bundle(data.getvalue(), root, "deep")
    assert not root.exists() or list(root.iterdir()) == []


def test_cli_config_file_nested_deep(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text('{"drawn_points": ' + DEEP + "}")
    assert_one_line_exit_2(cli("train", "--config", str(f), "--out", str(tmp_path / "o")),
                           "nested")
    assert not (tmp_path / "o").exists()


def test_cli_set_nested_deep(tmp_path):
    assert_one_line_exit_2(cli("train", "--set", f"drawn_points={DEEP}", "--out",
                               str(tmp_path / "o")), "drawn_points")


def test_csv_field_over_128_kb():
    with pytest.raises(ConfigError, match="CSV cannot be read"):
        parse_points_csv(b"x,y\n" + b"1," + b"2" * 200_000 + b"\n")


def test_metrics_lines_not_utf8_or_not_objects_are_skipped_and_counted(tmp_path):
    run = train(tmp_path / "r")
    with open(run.path / "metrics.jsonl", "ab") as f:
        f.write(b"\xff\xfe not utf-8\n[1, 2]\n\"text\"\n" + DEEP.encode() + b"\n")
    rows = run.metrics()
    assert len(rows) == 12 and run.skipped_rows == 4
    assert snapshot_of(run.path).step == 12       # the run's page still draws
