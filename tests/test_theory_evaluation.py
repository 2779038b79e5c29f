"""ganlab.theory.evaluation: the Inception Score on hand-built class-probability matrices."""

import numpy as np
import pytest

from ganlab.theory import evaluation as E


@pytest.mark.parametrize("K", [2, 10, 25])
def test_confident_and_uniform_gives_K(K):
    P = np.eye(K)[np.arange(40 * K) % K]
    assert E.inception_score(P)[0] == pytest.approx(K, rel=1e-12)


def test_single_class_gives_one():
    P = np.zeros((50, 10))
    P[:, 3] = 1
    assert E.inception_score(P)[0] == pytest.approx(1.0)
    # undecided classifier: every row uniform -> also 1
    assert E.inception_score(np.full((50, 10), 0.1))[0] == pytest.approx(1.0)


def test_hand_worked_two_classes():
    # rows (0.9, 0.1) and (0.1, 0.9): marginal (0.5, 0.5); KL = 0.9 log 1.8 + 0.1 log 0.2
    P = np.array([[0.9, 0.1], [0.1, 0.9]])
    kl = 0.9 * np.log(1.8) + 0.1 * np.log(0.2)
    assert E.inception_score(P)[0] == pytest.approx(np.exp(kl), abs=1e-14)
    d = E.is_decomposition(P)
    assert d["log_is"] == pytest.approx(kl, abs=1e-14)
    assert d["h_marginal"] == pytest.approx(np.log(2))


def test_collapse_to_m_of_K_confident_classes_gives_m():
    P = np.eye(10)[np.arange(300) % 4]
    assert E.inception_score(P)[0] == pytest.approx(4.0)


def test_splits_mean_and_std():
    P = np.eye(5)[np.arange(100) % 5]
    mean, std = E.inception_score(P, splits=4)
    assert mean == pytest.approx(5.0) and std == pytest.approx(0.0, abs=1e-12)


def test_grid25_generators_show_the_known_flaw():
    rng = np.random.default_rng(0)
    c, std = E.grid25_centers(), 0.05
    perfect = E.sample_generator("perfect", c, std, 2500, rng)
    copies = E.sample_generator("copies", c, std, 2500, rng)
    collapsed = E.sample_generator("collapsed", c, std, 2500, rng, n_modes=5)
    score = {k: E.inception_score(E.mode_posteriors(v, c, std))[0]
             for k, v in [("perfect", perfect), ("copies", copies), ("collapsed", collapsed)]}
    assert score["perfect"] == pytest.approx(25, rel=0.01)
    assert score["collapsed"] == pytest.approx(5, rel=0.01)
    # copies have no variety inside a mode yet score as high as the perfect generator
    assert score["copies"] >= score["perfect"] - 0.3
    cov = E.coverage(perfect, c, std)
    assert cov["modes_covered"] == 25
    assert cov["high_quality"] == pytest.approx(1 - np.exp(-4.5), abs=0.01)
    assert E.coverage(collapsed, c, std)["modes_covered"] == 5


def test_ring8_centers_are_distinct():
    c = E.ring8_centers()
    assert len(np.unique(np.round(c, 9), axis=0)) == 8
    assert np.allclose(np.linalg.norm(c, axis=1), 2.0)
