"""`ganlab train --seeds`: one config as k real runs, a line per seed and mean ± std."""

import json
import statistics

import pytest

from ganlab.cli import main
from ganlab.sweep.seeds import SeedsError, parse_seeds

SMALL = ["--set", "g_width=16", "--set", "d_width=16", "--set", "batch_size=32"]


def cli(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def final_row(folder) -> dict:
    return json.loads((folder / "metrics.jsonl").read_text().splitlines()[-1])


@pytest.mark.parametrize("text,seeds", [("0-4", [0, 1, 2, 3, 4]), ("7", [7]),
                                        ("1,5,9", [1, 5, 9]), ("0-2, 7", [0, 1, 2, 7])])
def test_parse_seeds(text, seeds):
    assert parse_seeds(text) == seeds


@pytest.mark.parametrize("text", ["3-1", "x", "0-200", "1,1", "-1", "0-", ""])
def test_bad_seeds_are_refused(text):
    with pytest.raises(SeedsError, match="--seeds"):
        parse_seeds(text)


@pytest.mark.slow
def test_seeds_train_one_run_per_seed_and_summarise(tmp_path, capsys):
    out = tmp_path / "sweep"
    code, stdout, _ = cli(capsys, "train", "--seeds", "0-2", "--steps", "40", *SMALL,
                          "--quiet", "--no-diagnostics", "--out", str(out))
    assert code == 0
    lines = stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["seed 0", "seed 1", "seed 2",
                                                      "mean ± std over 3 seeds"]
    finals = [final_row(out / f"seed-{s}") for s in range(3)]
    for s, row in enumerate(finals):
        assert json.loads((out / f"seed-{s}" / "config.json").read_text())["seed"] == s
        assert f"L_D {row['loss_d']:.3f}" in lines[s]
    losses = [row["loss_d"] for row in finals]
    assert len(set(losses)) == 3                      # the seeds really differ
    mean, std = statistics.fmean(losses), statistics.stdev(losses)
    assert f"L_D {mean:.3f} ± {std:.3f}" in lines[-1]
    # Each seed's folder is the run `--set seed=S` makes: the same numbers.
    code, _, _ = cli(capsys, "train", "--set", "seed=1", "--steps", "40", *SMALL, "--quiet",
                     "--no-diagnostics", "--out", str(tmp_path / "single"))
    assert code == 0 and final_row(tmp_path / "single") == finals[1]


def test_bad_seed_requests_exit_2_with_one_line(tmp_path, capsys):
    (tmp_path / "taken" / "seed-1").mkdir(parents=True)
    (tmp_path / "taken" / "seed-1" / "x").write_text("")
    cases = [(["--seeds", "5-2", "--out", str(tmp_path / "a")], "--seeds 5-2"),
             (["--seeds", "0-1", "--set", "seed=3", "--out", str(tmp_path / "b")],
              "drop --set seed"),
             (["--seeds", "0-1", "--resume", str(tmp_path / "c")], "--seeds starts new runs"),
             (["--seeds", "0-2", "--out", str(tmp_path / "taken")], "seed-1: folder exists")]
    for args, fragment in cases:
        code, _, err = cli(capsys, "train", *args, "--steps", "5", "--quiet")
        assert code == 2 and fragment in err, (args, err)
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "taken" / "seed-0").exists()   # refused before anything ran
