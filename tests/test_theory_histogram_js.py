"""The plug-in (histogram) JS between two samples, and the classifier's held-out bound."""

import numpy as np
import pytest

from ganlab.theory import histogram_js as H

LOG2 = np.log(2)


def test_plugin_js_hand_worked_identical_and_disjoint():
    X = np.array([[-1.0], [-1.0], [1.0]])        # two bins: cells a, a, b
    Y = np.array([[-1.0], [1.0], [1.0]])         # a, b, b
    hand = 2 / 3 * np.log(4 / 3) + 1 / 3 * np.log(2 / 3)   # p = (2/3, 1/3), q = (1/3, 2/3)
    assert H.plugin_js(X, Y, 2) == pytest.approx(hand, abs=1e-12)
    assert H.plugin_js(X, X, 2) == 0
    assert H.plugin_js(X[:2], Y[1:], 2) == pytest.approx(LOG2)   # no shared cell
    assert H.shared_cells(X, Y, 2) == 2 and H.shared_cells(X[:2], Y[1:], 2) == 0


def test_plugin_js_of_one_distribution_climbs_to_log2_with_d():
    r = H.over_dimensions(600, [1, 3, 10, 30, 784], 0.0, b=2, seed=0)
    assert H.over_dimensions(600, [3], 0.0, b=2, seed=0)["plugin"][0] == r["plugin"][1]
    plug = r["plugin"]
    assert plug[0] < 0.01 and np.all(np.diff(plug) >= -1e-12)
    assert plug[-1] == pytest.approx(LOG2, abs=1e-12)         # no two points share a cell
    assert H.log10_cells(2, 784) == pytest.approx(236.0, abs=0.05)   # the notes' 10^236
    # the classifier sees two samples of one distribution and stays near 0, in every d
    assert np.all(np.abs(r["classifier"]) < 0.02) and r["true"] < 1e-12


def test_classifier_bound_tracks_the_true_js_of_shifted_gaussians():
    assert H.gaussian_shift_js(0.0) == pytest.approx(0, abs=1e-12)
    assert H.gaussian_shift_js(40.0) == pytest.approx(LOG2, abs=1e-9)
    est = H.classifier_js(*H.samples(3000, 2, 2.0, seed=1))
    assert est.js_bound == pytest.approx(H.gaussian_shift_js(2.0), abs=0.03)
    assert est.accuracy > 0.8 and est.p_value < 1e-10
    same = H.classifier_js(*H.samples(3000, 50, 0.0, seed=2))
    assert abs(same.js_bound) < 0.01 and same.p_value > 0.01
