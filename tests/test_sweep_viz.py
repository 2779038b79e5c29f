"""The sweep figures: parallel coordinates (log keys as log10, words as ticks), importances, and
a config's seeds as a mean ± std band."""

from __future__ import annotations

import numpy as np

from ganlab.viz import compare
from ganlab.viz import sweep as sweepviz

ROWS = [{"params": {"lr_d": 1e-4, "loss": "hinge"}, "value": 6.0},
        {"params": {"lr_d": 1e-2, "loss": "nonsaturating"}, "value": 8.0},
        {"params": {"lr_d": 1e-3, "loss": "hinge"}, "value": None}]     # pruned: left out


def test_parcoords_has_an_axis_per_key_and_the_objective():
    fig = sweepviz.parcoords_figure(ROWS, ["lr_d", "loss"], "modes_covered", log_keys=["lr_d"])
    dims = fig.data[0].dimensions
    assert [d.label for d in dims] == ["lr_d (log scale)", "loss", "modes_covered"]
    assert np.allclose(dims[0].values, [-4, -2])
    assert list(dims[0].ticktext) == ["0.0001", "0.001", "0.01"]    # real values, log10 places
    assert np.allclose(dims[0].tickvals, [-4, -3, -2])
    zh = sweepviz.parcoords_figure(ROWS, ["lr_d"], "modes_covered", ["lr_d"], lang="zh")
    assert zh.data[0].dimensions[0].label == "lr_d（对数刻度）"
    assert list(dims[1].ticktext) == ["hinge", "nonsaturating"] and list(dims[1].values) == [0, 1]
    assert list(dims[2].values) == [6.0, 8.0]


def test_a_grid_of_values_spanning_a_decade_is_drawn_on_log10():
    rows = [{"params": {"lr_d": lr}, "value": float(i)} for i, lr in enumerate((3e-4, 1e-3, 3e-3))]
    dim = sweepviz.parcoords_figure(rows, ["lr_d"], "modes_covered").data[0].dimensions[0]
    assert np.allclose(dim.values, np.log10([3e-4, 1e-3, 3e-3]), atol=1e-3)
    assert list(dim.ticktext) == ["0.0003", "0.001", "0.003"]
    narrow = [{"params": {"batch_size": b}, "value": 1.0} for b in (64, 128, 256)]
    dim = sweepviz.parcoords_figure(narrow, ["batch_size"], "modes_covered").data[0].dimensions[0]
    assert dim.label == "batch_size" and list(dim.values) == [64, 128, 256]    # linear: < 10x


def test_a_log_range_is_labelled_at_its_decades():
    rows = [{"params": {"lr_d": lr}, "value": 1.0} for lr in (1.25e-5, 1.59e-5, 1.8e-4, 2e-4, 5e-3)]
    dim = sweepviz.parcoords_figure(rows, ["lr_d"], "x", log_keys=["lr_d"]).data[0].dimensions[0]
    # Not five draws on top of each other: the decades, and the ends not too near one.
    assert list(dim.ticktext) == ["1.25e-05", "0.0001", "0.001", "0.005"]
    narrow = [{"params": {"lr_d": lr}, "value": 1.0} for lr in (2e-4, 5e-4, 8e-4)]
    dim = sweepviz.parcoords_figure(narrow, ["lr_d"], "x", ["lr_d"]).data[0].dimensions[0]
    assert list(dim.ticktext) == ["0.0002", "0.0008"]      # no decade inside: its two ends
    near = [{"params": {"lr_d": lr}, "value": 1.0} for lr in (9e-4, 3e-3, 5e-2)]
    dim = sweepviz.parcoords_figure(near, ["lr_d"], "x", ["lr_d"]).data[0].dimensions[0]
    assert list(dim.ticktext) == ["0.001", "0.01", "0.05"]        # 9e-4 would sit on 1e-3


def test_parcoords_and_importance_say_when_there_is_nothing():
    empty = sweepviz.parcoords_figure([ROWS[2]], ["lr_d"], "modes_covered")
    assert "No config has finished yet" in empty.layout.annotations[0].text
    assert "two finished" in sweepviz.importance_figure({}).layout.annotations[0].text


def test_importance_bars_put_the_largest_on_top():
    fig = sweepviz.importance_figure({"lr_d": 0.7, "loss": 0.2, "beta1": 0.1})
    assert list(fig.data[0].y) == ["beta1", "loss", "lr_d"]   # plotly draws the last on top


def test_band_is_mean_plus_minus_std():
    steps, mean, std = np.array([100, 200]), np.array([2.0, 3.0]), np.array([0.5, 1.0])
    fig = compare.band_figure({"lr_d=0.001 (2)": (steps, mean, std)}, "modes_covered")
    band, line = fig.data
    assert list(band.y) == [2.5, 4.0, 2.0, 1.5] and list(band.x) == [100, 200, 200, 100]
    assert line.name == "lr_d=0.001 (2)" and list(line.y) == [2.0, 3.0]
