"""The sweep spec (one parser for the page and the CLI), seed groups and the seed-noise test
against values worked by hand, and the Optuna study's pure parts."""

from __future__ import annotations

import math

import pytest

from ganlab.config import Config
from ganlab.sweep import groups, study
from ganlab.sweep.spec import SpecError, parse, parse_text
from ganlab.sweep.spec import cadence as spec_cadence

GRID = {"kind": "grid", "base": {"dataset": "ring8"},
        "axes": {"lr_d": [1e-4, 1e-3], "loss": {"values": ["hinge", "nonsaturating"]}},
        "seeds": "0-2", "steps": 300}


def test_a_grid_spec_reads_back_equal():
    spec = parse(GRID)
    assert spec.kind == "grid" and spec.budget == 4 and spec.seeds == (0, 1, 2)
    assert spec.members == 12 and spec.objective == "modes_covered"
    assert spec.direction == "maximize" and spec.pruning is False
    assert spec.base.dataset == "ring8" and spec.base.steps == 300
    assert spec.base.loss == "hinge" or spec.base.loss   # the dataset's default stays
    assert parse(spec.to_dict()) == spec


def test_random_and_search_take_ranges_and_a_budget():
    spec = parse({"kind": "search", "base": {"dataset": "digits"},
                  "axes": {"lr_d": {"low": 1e-5, "high": 1e-2, "log": True},
                                             "d_steps": {"low": 1, "high": 5}},
                  "seeds": [3, 4], "objective": "fcd", "budget": 7})
    assert spec.budget == 7 and spec.pruning is True and spec.direction == "minimize"
    assert spec.axes[0].log and spec.axes[1].low == 1 and spec.seeds == (3, 4)
    assert parse(spec.to_dict()) == spec


@pytest.mark.parametrize("change, words", [
    ({"kind": "bayes"}, "kind 'bayes'"),
    ({"axes": {}, "seeds": [0]}, "axes:"),
    ({"axes": []}, "axes:"),
    ({"axes": {"device": ["cpu"]}}, "cannot be swept"),
    ({"axes": {"seed": [1, 2]}}, "their own entry"),
    ({"axes": {"lr_d": [1e-3, -1]}}, "lr_d"),
    ({"axes": {"lr_d": {"low": 1e-4, "high": 1e-2}}}, "a grid takes a list"),
    ({"axes": {"loss": ["hing"]}}, "did you mean 'hinge'"),
    ({"objective": "beauty"}, "objective 'beauty'"),
    ({"direction": "up"}, "direction"),
    ({"seeds": "4-1"}, "seeds 4-1"),
    ({"budget": 9}, "a grid runs all 4"),
    ({"pruning": "yes"}, "pruning"),
    ({"colour": "red"}, "unknown spec key 'colour'"),
    ({"base": {"lr_d": "fast"}}, "base:"),
    ({"steps": 0}, "base:"),
    ({"steps": 50}, "modes_covered is first measured at iteration 100; give at least 100"),
    ({"objective": "fcd"}, "objective fcd: not measured on ring8"),
    ({"objective": "hq_share", "base": {"dataset": "digits"}}, "not measured on digits"),
])
def test_every_bad_spec_is_one_line_naming_the_problem(change, words):
    with pytest.raises(SpecError) as e:
        parse({**GRID, **change})
    assert words in str(e.value) and "\n" not in str(e.value)


def test_ranges_and_budgets_are_checked():
    search = {"kind": "search", "axes": {"lr_d": {"low": 1e-2, "high": 1e-4}}, "budget": 3}
    with pytest.raises(SpecError, match="low must be below high"):
        parse(search)
    with pytest.raises(SpecError, match="log range needs low > 0"):
        parse({**search, "axes": {"gp_weight": {"low": 0.0, "high": 10.0, "log": True}}})
    with pytest.raises(SpecError, match="budget"):
        parse({**search, "axes": {"lr_d": [1e-3]}, "budget": 0})
    with pytest.raises(SpecError, match="runs; at most 1000"):
        parse({**search, "axes": {"lr_d": [1e-3]}, "budget": 200, "seeds": "0-9"})
    with pytest.raises(SpecError, match="range needs a number key"):
        parse({**search, "axes": {"loss": {"low": 1, "high": 2}}})


def test_hostile_text_is_one_line():
    for text in ("[" * 500, "not json", '["a list"]', b"\xff\xfe", "{" + " " * 70_000 + "}"):
        with pytest.raises(SpecError) as e:
            parse_text(text)
        assert "\n" not in str(e.value)


# --- seed groups ------------------------------------------------------------------------------
def test_seeds_of_one_config_group_together():
    a, b = Config(dataset="ring8", lr_d=1e-3), Config(dataset="ring8", lr_d=2e-4)
    configs = {"a0": a, "b0": b, "a1": a.replace(seed=1, log_every=5), "b1": b.replace(seed=9)}
    assert groups.group_seeds(configs) == [["a0", "a1"], ["b0", "b1"]]


def test_mean_and_spread_by_hand():
    assert groups.mean_spread([8, 7, 8]) == pytest.approx((23 / 3, math.sqrt(1 / 3), 3))
    assert groups.mean_spread([5, None, float("nan")]) == (5.0, 0.0, 1)
    assert math.isnan(groups.mean_spread([])[0])


def test_band_uses_the_steps_every_seed_logged():
    steps, mean, std = groups.band([([100, 200, 300], [1.0, 2.0, 3.0]), ([100, 200], [3.0, 4.0])])
    assert steps.tolist() == [100, 200]
    assert mean.tolist() == [2.0, 3.0] and std == pytest.approx([math.sqrt(2)] * 2)


def test_bootstrap_interval_by_hand():
    # Seeds {0, 1} vs {0, 1}: a resampled mean is 0, 1/2 or 1 with chances 1/4, 1/2, 1/4, so the
    # difference is -1 with chance 1/16 = 6.25% > 2.5%: the 95% interval is [-1, 1].
    v = groups.seed_noise([0, 1], [0, 1])
    assert (v.diff, v.low, v.high, v.within_noise) == (0.0, -1.0, 1.0, True)
    # {1,2,3} vs {10,11,12}: the sum of three draws from {1,2,3} is 3..9 with counts
    # 1,3,6,7,6,3,1 (of 27). The difference of two such sums is <= -5 with chance 7/729 (under
    # 2.5%) and <= -4 with 28/729 (over): the interval is 9 -+ 4/3, and excludes 0.
    v = groups.seed_noise([1, 2, 3], [10, 11, 12])
    assert v.diff == 9 and v.low == pytest.approx(9 - 4 / 3) and v.high == pytest.approx(9 + 4 / 3)
    assert not v.within_noise and "beyond seed noise" in v.describe()
    # 8, 7, 8 modes against 8, 8, 6: the kind of gap seeds alone make
    assert groups.seed_noise([8, 7, 8], [8, 8, 6]).within_noise
    assert groups.seed_noise([3, 3], [4, 4]).within_noise is False   # nothing varies
    assert groups.seed_noise([1], [2, 3]) is None                     # one seed: no verdict


# --- the study's pure parts ---------------------------------------------------------------------
def test_the_objective_is_measured_on_the_dataset():
    assert spec_cadence("modes_covered", "ring8") == 100
    assert spec_cadence("modes_covered", "digits") == 250
    assert spec_cadence("loss_g", "digits") == 1 and spec_cadence("fcd", "grid25") is None
    assert parse({**GRID, "steps": 100, "objective": "loss_d"}).objective == "loss_d"


def test_rungs_and_objective_at():
    assert study.rungs(2000) == [400, 800, 1200, 1600]
    assert study.rungs(500) == [100, 200, 300, 400]
    assert study.rungs(150) == [100] and study.rungs(90) == []
    rows = [{"step": 100, "modes_covered": 2}, {"step": 150, "loss_d": 1.0},
            {"step": 200, "modes_covered": None}, {"step": 300, "modes_covered": 6}]
    assert study.objective_at(rows, "modes_covered", 250) == 2.0
    assert study.objective_at(rows, "modes_covered") == 6.0
    assert study.objective_at(rows, "modes_covered", 50) is None
    assert study.mean_over_seeds([2.0, 4.0]) == 3.0 and study.mean_over_seeds([2.0, None]) is None


def test_a_grid_study_asks_each_combination_once():
    spec = parse(GRID)
    s = study.open_study(spec)
    seen = []
    for _ in range(spec.budget):
        trial = s.ask()
        seen.append(tuple(sorted(study.suggest(trial, spec).items())))
        s.tell(trial, 1.0)
    assert seen == [(("loss", loss), ("lr_d", lr)) for lr in (1e-4, 1e-3)
                    for loss in ("hinge", "nonsaturating")]   # row-major, each once
    cfg = study.member_config(spec, dict(seen[0]), seed=2)
    assert cfg.seed == 2 and cfg.steps == 300


def test_the_median_pruner_stops_a_lagging_trial():
    spec = parse({"kind": "search", "axes": {"lr_d": {"low": 1e-4, "high": 1e-2, "log": True}},
                  "budget": 5})
    s = study.open_study(spec)
    for value in (8.0, 7.0, 8.0):         # the startup trials, which always finish
        t = s.ask()
        study.suggest(t, spec)
        t.report(value, 100)
        s.tell(t, value)
    ahead, behind = s.ask(), s.ask()
    ahead.report(8.0, 100)
    behind.report(1.0, 100)
    assert not ahead.should_prune() and behind.should_prune()


def test_importances_need_two_finished_trials():
    spec = parse({"kind": "random", "axes": {"lr_d": {"low": 1e-4, "high": 1e-2, "log": True},
                                             "lr_g": {"low": 1e-4, "high": 1e-2, "log": True}},
                  "budget": 8})
    s = study.open_study(spec)
    assert study.importances(s) == {}
    for _ in range(8):
        t = s.ask()
        p = study.suggest(t, spec)
        s.tell(t, math.log10(p["lr_d"]))      # only lr_d matters
    imp = study.importances(s)
    assert list(imp)[0] == "lr_d" and imp["lr_d"] > imp["lr_g"]


def test_importances_of_a_small_grid_see_the_key_that_matters():
    """A 3 x 3 grid where lr_d decides and the loss barely matters (the shape of the ring8
    sweep: lr_d below lr_g covered nothing). Optuna 5's default PED-ANOVA gave both keys 50%."""
    spec = parse({"kind": "grid", "axes": {"lr_d": [3e-4, 1e-3, 3e-3],
                                           "loss": ["nonsaturating", "hinge", "wgan_gp"]},
                  "seeds": [0]})
    s = study.open_study(spec)
    for _ in range(9):
        t = s.ask()
        p = study.suggest(t, spec)
        s.tell(t, (0.0 if p["lr_d"] < 1e-3 else 8.0) - 0.2 * (p["loss"] == "wgan_gp"))
    imp = study.importances(s)
    assert imp["lr_d"] > 0.8 > 0.2 > imp["loss"], imp
    assert study.importances(s) == imp                       # seeded: the same at every rerun


def test_one_config_over_its_seeds_is_a_grid_without_axes():
    spec = parse({"base": {"dataset": "grid25"}, "seeds": "0-4", "steps": 100})
    assert spec.kind == "grid" and spec.axes == () and spec.budget == 1 and spec.members == 5
    s = study.open_study(spec)
    trial = s.ask()
    assert study.suggest(trial, spec) == {}
    assert study.member_config(spec, {}, 4).seed == 4
    for bad in ({"seeds": [0]}, {"kind": "search", "seeds": "0-4", "budget": 3}):
        with pytest.raises(SpecError, match="two or more seeds"):
            parse(bad)
