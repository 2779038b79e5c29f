"""Minimax value and D accuracy from logits."""

import math

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.stats import norm

from ganlab.diagnostics import V_OPT, d_accuracy, minimax_value


def test_d_one_half_everywhere_gives_minus_log_4():
    zeros = np.zeros(1000)
    assert V_OPT == pytest.approx(-math.log(4))
    assert minimax_value(zeros, zeros) == pytest.approx(V_OPT, abs=1e-12)


def test_matches_the_naive_formula_on_moderate_logits():
    rng = np.random.default_rng(0)
    r, f = rng.normal(1, 2, 500), rng.normal(-1, 2, 500)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    naive = np.mean(np.log(sig(r))) + np.mean(np.log(1 - sig(f)))
    assert minimax_value(r, f) == pytest.approx(naive, rel=1e-10)


def test_stable_for_saturated_logits():
    assert minimax_value(np.full(4, 1e3), np.full(4, -1e3)) == pytest.approx(0.0, abs=1e-12)
    assert minimax_value(np.full(4, -1e3), np.full(4, 1e3)) == pytest.approx(-2e3, rel=1e-12)


def test_optimal_d_links_the_value_to_js():
    """V(G, D*) = −log 4 + 2·JS(p_data‖p_g) (Goodfellow et al. 2014), p = N(0,1), q = N(1,1)."""
    rng = np.random.default_rng(1)
    real, fake = rng.normal(0, 1, 400_000), rng.normal(1, 1, 400_000)
    logit = lambda x: norm.logpdf(x, 0, 1) - norm.logpdf(x, 1, 1)  # noqa: E731  log D*/(1−D*)
    p, q = (lambda x: norm.pdf(x, 0, 1)), (lambda x: norm.pdf(x, 1, 1))
    m = lambda x: 0.5 * (p(x) + q(x))  # noqa: E731
    js = 0.5 * quad(lambda x: p(x) * np.log(p(x) / m(x)), -12, 13)[0] \
        + 0.5 * quad(lambda x: q(x) * np.log(q(x) / m(x)), -12, 13)[0]
    # Monte-Carlo error at n = 400k is ≈ 0.002.
    assert minimax_value(logit(real), logit(fake)) == pytest.approx(V_OPT + 2 * js, abs=0.006)


def test_classifier_accuracy_uses_zero_logit():
    acc_real, acc_fake = d_accuracy(np.array([1.0, 2.0, -1.0]), np.array([-1.0, 0.5]),
                                    critic=False)
    assert acc_real == pytest.approx(2 / 3) and acc_fake == pytest.approx(0.5)


def test_critic_accuracy_uses_the_midpoint_of_the_means():
    real, fake = np.array([10.0, 11.0]), np.array([8.0, 9.0])  # all positive: offset is arbitrary
    assert d_accuracy(real, fake, critic=True) == (1.0, 1.0)
    assert d_accuracy(real, fake, critic=False) == (1.0, 0.0)
    assert d_accuracy(real - 100, fake - 100, critic=True) == (1.0, 1.0)
