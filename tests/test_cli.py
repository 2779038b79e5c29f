"""The `ganlab` command as a user runs it: a real subprocess, real training, real files."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

ENV = {**os.environ, "OMP_NUM_THREADS": "1"}


def ganlab(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "ganlab.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env=ENV)


@pytest.mark.slow
def test_train_sample_and_resume(tmp_path):
    out = tmp_path / "run"
    r = ganlab("train", "--set", "dataset=ring8", "--set", "g_width=32", "--set", "d_width=32",
               "--steps", "300", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "300/300" in r.stderr  # the tqdm bar reached the end
    status = json.loads((out / "status.json").read_text())
    assert status == {**status, "state": "finished", "step": 300}
    steps = [json.loads(line)["step"] for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert steps[-1] == 300 and steps == sorted(steps)
    diag = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert any("modes_covered" in row for row in diag)  # diagnostics are logged

    r = ganlab("sample", "--run", str(out), "-n", "100", "--out", str(tmp_path / "s.npy"),
               "--seed", "3")
    assert r.returncode == 0, r.stderr
    x = np.load(tmp_path / "s.npy")
    assert x.shape == (100, 2) and x.dtype == np.float32
    r2 = ganlab("sample", "--run", str(out), "-n", "100", "--out", str(tmp_path / "t.npy"),
                "--seed", "3")
    assert r2.returncode == 0 and np.array_equal(x, np.load(tmp_path / "t.npy"))

    r = ganlab("train", "--resume", str(out), "--steps", "50", "--quiet")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "status.json").read_text())["step"] == 350
    steps = [json.loads(line)["step"] for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert steps[-1] == 350 and len(steps) == len(set(steps))


@pytest.mark.parametrize("args,fragment", [
    (["train", "--set", "lr_d=-1", "--out", "X"], "lr_d=-1: must be in (0, 10]"),
    (["train", "--set", "lr_dd=1", "--out", "X"], "did you mean 'lr_d'"),
    (["train", "--out", "X", "--steps", "0"], "--steps 0"),
    (["train", "--config", "missing.json", "--out", "X"], "cannot read"),
    (["train"], "needs --out"),
    (["sample", "--run", "nowhere", "-n", "5", "--out", "a.npy"], "not a run folder"),
    (["sample", "--run", "nowhere", "-n", "0", "--out", "a.npy"], "-n 0"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, args, fragment):
    r = subprocess.run([sys.executable, "-m", "ganlab.cli", *args], capture_output=True,
                       text=True, cwd=tmp_path, env=ENV, timeout=120)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], r.stderr
    assert not (tmp_path / "X").exists()  # nothing half-created


def test_bad_config_file_is_one_line(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"loss": "wgan-gp"}))
    r = ganlab("train", "--config", str(bad), "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "did you mean 'wgan_gp'" in r.stderr


# --- presets and the defaults that fit the data (no training) ------------------------------------
def config_of(*argv):
    from ganlab.cli import _load_config, build_parser

    return _load_config(build_parser().parse_args(["train", *argv, "--out", "X"]))


def test_set_dataset_digits_alone_gets_the_image_defaults():
    from ganlab.variants import IMAGE_DEFAULTS

    cfg = config_of("--set", "dataset=digits")
    assert {k: getattr(cfg, k) for k in IMAGE_DEFAULTS} == IMAGE_DEFAULTS
    assert config_of("--set", "dataset=ring8").noise_dim == 2


def test_a_key_the_user_sets_wins_over_the_data_defaults(tmp_path):
    cfg = config_of("--set", "dataset=digits", "--set", "noise_dim=8", "--set", "batch_size=256")
    assert (cfg.noise_dim, cfg.batch_size, cfg.g_width) == (8, 256, 64)
    f = tmp_path / "c.json"
    f.write_text(json.dumps({"dataset": "digits", "g_width": 16}))
    cfg = config_of("--config", str(f), "--set", "d_width=24")
    assert (cfg.noise_dim, cfg.g_width, cfg.d_width) == (32, 16, 24)


def test_preset_with_set_overrides():
    from ganlab import presets

    cfg = config_of("--preset", "vanishing_saturating", "--set", "lr_g=2e-4")
    assert cfg == presets.preset_config("vanishing_saturating").replace(lr_g=2e-4)
    assert config_of("--preset", "digits_default").noise_dim == 32
    # a preset's dataset switched by --set gets that dataset's defaults for the rest
    assert config_of("--preset", "digits_default", "--set", "dataset=ring8").batch_size == 256


def test_unknown_preset_is_exit_2_with_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "ganlab.cli", "train", "--preset", "nope",
                        "--out", "X"], capture_output=True, text=True, cwd=tmp_path, env=ENV,
                       timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip() == "ganlab: error: --preset nope: unknown; `ganlab presets` lists them"
    assert not (tmp_path / "X").exists()


def test_presets_lists_one_line_each():
    from ganlab import presets

    r = ganlab("presets", timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == presets.names()
    assert "50× G's learning rate" in lines[presets.names().index("vanishing_saturating")]
