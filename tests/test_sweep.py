"""Sweeps: grids over one or two keys, bounded, validated, readable labels and names."""

from __future__ import annotations

import pytest

from ganlab.config import Config
from ganlab.runs.naming import check
from ganlab.sweep import grid as sweep
from ganlab.sweep.grid import SweepError


def test_two_key_grid_keeps_everything_else():
    base = Config(seed=7, dataset="grid25")
    cfgs = sweep.grid(base, {"loss": ["nonsaturating", "wgan_gp"], "lr_d": [1e-4, 1e-3]})
    assert [(c.loss, c.lr_d) for c in cfgs] == [("nonsaturating", 1e-4), ("nonsaturating", 1e-3),
                                               ("wgan_gp", 1e-4), ("wgan_gp", 1e-3)]
    for c in cfgs:
        assert set(base.diff(c)) <= {"loss", "lr_d"} and c.seed == 7


def test_grid_bounds():
    with pytest.raises(SweepError, match="too many"):
        sweep.grid(Config(), {"loss": list(sweep.choices("loss")), "lr_d": [1e-4, 2e-4, 3e-4]})
    with pytest.raises(SweepError, match="1 or 2 keys"):
        sweep.grid(Config(), {"loss": ["hinge"], "lr_d": [1e-3], "lr_g": [1e-3]})
    with pytest.raises(SweepError, match="cannot be swept"):
        sweep.grid(Config(), {"device": ["cpu"]})
    with pytest.raises(SweepError, match="at least one"):
        sweep.grid(Config(), {"loss": []})
    assert len(sweep.grid(Config(), {"seed": [1, 2, 3]}, max_runs=3)) == 3


def test_parse_values_validates_each():
    assert sweep.parse_values("lr_d", "1e-4, 0.001 0.001") == [1e-4, 1e-3]
    assert sweep.parse_values("loss", "hinge,wgan") == ["hinge", "wgan"]
    assert sweep.parse_values("spectral_norm", "true false") == [True, False]
    with pytest.raises(SweepError) as e:
        sweep.parse_values("lr_d", "0.001, -1, fast")
    assert "lr_d=-1" in str(e.value) and "lr_d=fast" in str(e.value)
    with pytest.raises(SweepError, match="did you mean 'hinge'"):
        sweep.parse_values("loss", "hing")
    with pytest.raises(SweepError, match="at least one"):
        sweep.parse_values("loss", " , ")


@pytest.mark.parametrize("key", sweep.SWEEPABLE)
def test_suggestions_are_valid_for_every_key(key):
    values = sweep.suggest(key, Config())
    assert 1 <= len(values) <= 6
    sweep.grid(Config(), {key: values})


def test_labels_and_names():
    cfg = Config(loss="wgan_gp", lr_d=0.001)
    assert sweep.label(cfg, ["loss", "lr_d"]) == "loss=wgan_gp · lr_d=0.001"
    name = sweep.run_name(cfg, ["loss", "lr_d"])
    assert name == "sweep-loss-wgan_gp-lr_d-0.001" and check(name) == name
