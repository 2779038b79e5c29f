"""benchmarks/mode_coverage.py runs end to end (its --quick form, cut to 15 iterations) and writes
a JSON that scripts/readme_numbers.py reads. What it measures is the benchmark's business; this
only checks the plumbing: rows, seeds, per-seed values, the published rows, the labels."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import mode_coverage as bench  # noqa: E402 - needs ROOT on sys.path first


@pytest.mark.slow
def test_quick_run_writes_every_row_with_per_seed_values(tmp_path, capsys):
    out = tmp_path / "mc.json"
    assert bench.main(["--quick", "--steps-scale", "0.05", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["quick"] and result["protocol"]["seeds"] == [0, 1]
    assert [r["id"] for r in result["rows"]] == bench.QUICK["rows"]
    for row in result["rows"]:
        assert row["steps"] == 15 and row["seeds"] == [0, 1]
        modes = row["modes_covered"]["per_seed"]
        assert len(modes) == 2 and all(0 <= m <= row["modes_total"] for m in modes)
        assert all(0.0 <= h <= 1.0 for h in row["hq_share"]["per_seed"])
    # grid25's defaults are the dataset's own (ganlab.variants: the hinge loss).
    assert result["rows"][1]["loss"] == "hinge"
    text = capsys.readouterr().out
    assert text.startswith("**Quick check only**")
    assert "| VEEGAN (published) | ring8 | | | 8 / 8 | | 52.9 |" in text


def test_same_seed_same_numbers():
    """A row's numbers are a function of its seed (the Trainer's RNG streams), so a rerun of
    the benchmark reproduces them."""
    a, b = (bench.run_one(("default", "ring8"), 3, 10) for _ in range(2))
    a.pop("seconds"), b.pop("seconds")
    assert a == b


def test_digits_classes_are_read_by_the_real_classifier():
    """class_coverage scores images the way the toy protocol scores points, with mode = class:
    real held-out digits cover all 10 classes, confidently; one image repeated covers 1."""
    from ganlab.config import Config
    from ganlab.data import make_dataset

    data = make_dataset(Config.from_dict({"dataset": "digits"}))
    real = data.to_float(data.heldout[:300].cpu()).numpy()
    cov = bench.class_coverage(real, data)
    assert cov["modes_total"] == 10 and cov["modes_covered"] == 10
    assert cov["hq_share"] > 0.8 and cov["mode_kl"] < 0.05
    one = bench.class_coverage(real[:1].repeat(300, 0), data)
    assert one["modes_covered"] == 1 and one["mode_kl"] > 2.0   # ln 10 = 2.30 for one class


def test_a_row_with_another_rows_config_is_trained_once(monkeypatch):
    """grid25_good is grid25's defaults now: the benchmark trains that config once and says so."""
    calls = []
    real = bench.run_one
    monkeypatch.setattr(bench, "run_one", lambda *a: calls.append(a) or real(*a))
    rows = [r for r in bench.ROWS if r[0] in ("default_grid25", "grid25_good", "default_ring8")]
    out = bench.run_rows(rows, [0], lambda rid, src: 5, jobs=1)
    assert len(calls) == 2                          # ring8 and grid25, not grid25 twice
    by_id = {r["id"]: r for r in out}
    assert by_id["grid25_good"]["same_as"] == "default_grid25"
    assert by_id["default_grid25"]["same_as"] is None and by_id["default_ring8"]["same_as"] is None
    assert by_id["grid25_good"]["modes_covered"] == by_id["default_grid25"]["modes_covered"]
    assert "the config of `default_grid25`" in bench.markdown(
        {"protocol": {"n_samples": 2500, "hq_std": 3.0, "min_share": 0.1, "seeds": [0]},
         "rows": out})
