"""`ganlab sweep SPEC.json --out DIR` with real (tiny) training: members are ordinary run folders,
a line per trial and the best on stdout, pruned members stopped with the reason, bad specs one
line and exit 2."""

from __future__ import annotations

import json

import pytest

from ganlab import cli
from ganlab.runs import index as runindex
from ganlab.sweep import study

TINY = {"dataset": "ring8", "batch_size": 32, "g_layers": 1, "d_layers": 1, "g_width": 16,
        "d_width": 16, "log_every": 50}


def write(tmp_path, spec) -> str:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return str(path)


def test_a_grid_sweep_trains_every_member(tmp_path, capsys):
    spec = {"kind": "grid", "base": TINY, "axes": {"lr_d": [1e-3, 4e-3]}, "seeds": "0-1",
            "steps": 200, "objective": "hq_share"}
    out = tmp_path / "sw"
    assert cli.main(["sweep", write(tmp_path, spec), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("grid sweep of 2 configs × 2 seeds, hq_share (maximize)")
    assert [ln.split(":")[0] for ln in lines[1:3]] == ["trial 0", "trial 1"]
    assert "lr_d=0.001" in lines[1] and "over 2 seeds" in lines[1]
    assert lines[-1].startswith("best: trial ")
    members = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert members == ["t000-seed-0", "t000-seed-1", "t001-seed-0", "t001-seed-1"]
    for name in members:
        s = runindex.summarize(out / name)
        assert s.state == "finished" and s.step == 200 and "hq_share" in s.final
    assert json.loads((out / "t001-seed-1" / "config.json").read_text())["lr_d"] == 4e-3
    assert (out / "sweep.json").is_file() and (out / "study.journal").is_file()


def test_a_pruned_trial_stops_its_members_with_the_reason(tmp_path, capsys, monkeypatch):
    import optuna

    # A pruner that prunes at the first rung, so the wiring is tested, not Optuna's median.
    monkeypatch.setattr(study, "pruner", lambda spec: optuna.pruners.ThresholdPruner(lower=1e9))
    spec = {"kind": "random", "base": TINY, "axes": {"lr_d": {"low": 1e-4, "high": 1e-2,
                                                              "log": True}},
            "seeds": [0], "steps": 500, "budget": 1, "pruning": True}
    out = tmp_path / "sw"
    assert cli.main(["sweep", write(tmp_path, spec), "--out", str(out)]) == 1   # none finished
    text = capsys.readouterr().out
    assert "trial 0: lr_d=" in text and "pruned at step 100" in text
    s = runindex.summarize(out / "t000-seed-0")
    assert s.state == "stopped" and "pruned at step 100" in s.error and s.step == 100


@pytest.mark.parametrize("text, words", [
    ("{", "spec.json is not valid JSON"),
    ('{"kind": "grid", "axes": {"lr_d": [-1]}}', "axes.lr_d"),
    ('{"kind": "search", "axes": {"lr_d": [0.001]}}', "budget"),
])
def test_bad_specs_exit_2_with_one_line(tmp_path, capsys, text, words):
    path = tmp_path / "spec.json"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["sweep", str(path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and not (tmp_path / "o").exists()


def test_budget_flag_and_missing_file(tmp_path, capsys):
    assert cli.main(["sweep", str(tmp_path / "none.json"), "--out", str(tmp_path / "o")]) == 2
    assert "cannot read" in capsys.readouterr().err
    grid = write(tmp_path, {"axes": {"lr_d": [1e-3, 2e-3]}})
    assert cli.main(["sweep", grid, "--out", str(tmp_path / "o"), "--budget", "5"]) == 2
    assert "a grid runs all 2" in capsys.readouterr().err


def test_ctrl_c_leaves_the_members_stopped(tmp_path, monkeypatch):
    from ganlab.sweep import local

    real = local.Member.advance

    def interrupted(self, to_step):
        real(self, min(to_step, 50))
        raise KeyboardInterrupt

    monkeypatch.setattr(local.Member, "advance", interrupted)
    spec = {"base": TINY, "axes": {"lr_d": [1e-3]}, "seeds": "0-1", "steps": 200}
    out = tmp_path / "sw"
    assert cli.main(["sweep", write(tmp_path, spec), "--out", str(out)]) == 130
    for seed in (0, 1):
        s = runindex.summarize(out / f"t000-seed-{seed}")
        assert s.state == "stopped" and s.resumable
