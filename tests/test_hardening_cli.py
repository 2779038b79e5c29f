"""Issue 16: checkpoints and CLI paths. A tampered checkpoint is refused with one line, never
loaded; every CLI error a person can cause is exit 2 with one line on stderr (real processes)."""

from __future__ import annotations

import json

import pytest
import torch
from safetensors.torch import load_file, save_file

from ganlab.config import ConfigError
from ganlab.data.csv_points import parse_points_csv
from ganlab.runs.folder import Run, RunError
from tests.test_hardening_json import assert_one_line_exit_2, cli
from tests.test_runindex import train


@pytest.fixture
def run(tmp_path):
    return train(tmp_path / "r")


def set_meta(run, **changes):
    path = run.path / "checkpoint.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}))


@pytest.mark.parametrize("step", ["abc", -90])
def test_checkpoint_step_not_a_whole_number_is_refused_by_the_cli(run, step):
    set_meta(run, step=step)
    assert_one_line_exit_2(cli("train", "--resume", str(run.path), "--steps", "5"), "step")


def test_tampered_dtype_in_a_checkpoint_is_refused(run):
    path = run.path / "checkpoint.safetensors"
    tensors = load_file(path)
    name = next(k for k in tensors if k.startswith("G.") and k.endswith("weight"))
    tensors[name] = tensors[name].view(torch.int32)      # same bytes, another meaning
    save_file(tensors, path, metadata={"step": "12"})
    with pytest.raises(RunError, match="does not match"):
        Run(run.path).load_trainer(device="cpu")


def test_csv_with_1e300_is_refused_at_upload():
    with pytest.raises(ConfigError, match="too large"):
        parse_points_csv(b"x,y\n0,0\n1,1\n1e300,2\n")


def test_cli_out_at_an_existing_file(tmp_path):
    (tmp_path / "taken").write_text("mine")
    assert_one_line_exit_2(cli("train", "--set", "steps=5", "--out", str(tmp_path / "taken")),
                           "not a folder")
    assert (tmp_path / "taken").read_text() == "mine"


def test_cli_out_unwritable(tmp_path):
    (tmp_path / "file").write_text("x")
    assert_one_line_exit_2(cli("train", "--set", "steps=5", "--out",
                               str(tmp_path / "file" / "run")), "cannot create")


def test_cli_sample_out_unwritable(run, tmp_path):
    (tmp_path / "file").write_text("x")
    assert_one_line_exit_2(cli("sample", "--run", str(run.path), "-n", "5", "--out",
                               str(tmp_path / "file" / "s.npy")), "cannot write")


def test_cli_sample_from_a_bad_checkpoint(run, tmp_path):
    (run.path / "checkpoint.json").write_text("[" * 3000)
    assert_one_line_exit_2(cli("sample", "--run", str(run.path), "-n", "5", "--out",
                               str(tmp_path / "s.npy")), "checkpoint")
