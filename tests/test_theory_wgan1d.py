"""ganlab.theory.wgan1d: the critic's W1 estimate and slope against W1 = |mu_r - mu_g|."""

import numpy as np
import pytest

from ganlab.theory import wgan1d as W
from ganlab.theory.densities import Mixture

REAL, FAKE = Mixture.gaussian(-1.0, 0.5), Mixture.gaussian(1.5, 0.5)  # W1 = 2.5


@pytest.fixture(scope="module")
def gp():
    return W.train_critic(REAL, FAKE, "gp", gp_weight=10.0, steps=300, seed=0)


def test_true_w1_is_mean_gap(gp):
    assert gp.w1_true == pytest.approx(2.5, abs=1e-3)


def test_gradient_penalty_critic_estimates_w1(gp):
    # lambda = 10 is a soft constraint: the slope overshoots 1 by about W1 / (2 lambda) ~ 12%
    assert gp.gap == pytest.approx(2.5, rel=0.2)
    assert gp.w1_lower_bound <= gp.w1_true + 0.02  # duality: gap / K <= W1
    assert gp.w1_lower_bound > 0.85 * gp.w1_true
    between = (gp.x > -1.0) & (gp.x < 1.5)
    assert np.all(gp.slope[between] > 0.85) and np.all(gp.slope[between] < 1.35)
    # the critic rises towards the real data (on the left): f decreasing between the modes
    assert gp.f[np.searchsorted(gp.x, -1.0)] > gp.f[np.searchsorted(gp.x, 1.5)]


def test_stronger_penalty_is_closer_to_one_lipschitz():
    r = W.train_critic(REAL, FAKE, "gp", gp_weight=100.0, steps=300, seed=1)
    assert r.gap == pytest.approx(2.5, rel=0.06)
    between = (r.x > -1.0) & (r.x < 1.5)
    assert np.all(np.abs(r.slope[between] - 1) < 0.15)


@pytest.mark.parametrize("c", [0.01, 0.05])
def test_weight_clipping_bounds_the_slope(c):
    r = W.train_critic(REAL, FAKE, "clip", clip=c, steps=150, lr=5e-3, seed=0, width=64)
    bound = c * (64 * c) ** 2  # |f'| <= c * (width c)^depth for LeakyReLU (slope <= 1)
    assert r.lipschitz <= bound + 1e-12
    assert 0 < r.gap <= bound * r.w1_true + 1e-9  # gap <= K W1 (duality), here far below W1
    assert r.w1_lower_bound <= r.w1_true + 0.02


def test_training_is_deterministic():
    a = W.train_critic(REAL, FAKE, "gp", steps=20, seed=3)
    b = W.train_critic(REAL, FAKE, "gp", steps=20, seed=3)
    assert np.array_equal(a.f, b.f) and np.array_equal(a.history, b.history)
