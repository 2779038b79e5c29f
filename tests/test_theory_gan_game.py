"""ganlab.theory.gan_game: D*, V(G, D*) = -log 4 + 2 JS, and the generator-loss gradients."""

import numpy as np
import pytest
import torch

from ganlab.theory import gan_game as g
from ganlab.theory.densities import Mixture

LOG4 = np.log(4)


def test_d_star_formula_and_half_when_equal():
    pd, pg = Mixture.gaussian(0, 1), Mixture.gaussian(1, 1)
    x = np.linspace(-5, 6, 101)
    ref = pd.pdf(x) / (pd.pdf(x) + pg.pdf(x))
    assert np.allclose(g.d_star(x, pd, pg), ref, atol=1e-14)
    assert np.allclose(g.d_star(x, pd, pd), 0.5)
    # equal-variance Gaussians: D* is a logistic in x,
    # logit = (mu_g^2 - mu_d^2 + 2 x (mu_d - mu_g)) / 2
    assert np.allclose(g.d_star(x, pd, pg), 1 / (1 + np.exp(-(1 - 2 * x) / 2)), atol=1e-14)
    assert g.d_star_from_densities([0.0, 1.0], [0.0, 3.0]).tolist() == [0.5, 0.25]


def test_d_star_maximises_the_pointwise_objective():
    a, b = 0.3, 0.9
    ys = np.linspace(0.001, 0.999, 9999)
    best = ys[np.argmax(a * np.log(ys) + b * np.log(1 - ys))]
    assert best == pytest.approx(a / (a + b), abs=1e-3)


def test_value_at_optimum_is_minus_log4_when_equal():
    p = Mixture((0.4, 0.6), (-1.5, 2.0), (0.5, 0.8))
    r = g.value_at_optimum(p, p)
    assert r.direct == pytest.approx(-LOG4, abs=1e-9)
    assert r.via_js == pytest.approx(-LOG4, abs=1e-9)
    assert r.js == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("mu_g,sigma_g", [(0.5, 1.0), (2.0, 0.5), (-3.0, 2.0), (30.0, 0.3)])
def test_value_at_optimum_direct_equals_js_form(mu_g, sigma_g):
    pd = Mixture((0.5, 0.5), (-1.0, 1.0), (0.4, 0.4))
    pg = Mixture.gaussian(mu_g, sigma_g)
    r = g.value_at_optimum(pd, pg)
    assert r.direct == pytest.approx(r.via_js, abs=1e-6)
    assert -LOG4 - 1e-9 <= r.direct <= 1e-9  # in [-log 4, 0]
    if mu_g == 30.0:  # disjoint for all practical purposes: JS = log 2, V = 0
        assert r.direct == pytest.approx(0.0, abs=1e-9)


def test_value_with_d_star_beats_other_discriminators():
    pd, pg = Mixture.gaussian(0, 1), Mixture.gaussian(1.5, 0.7)
    x = np.linspace(-10, 10, 8001)
    best = g.value(x, pd, pg, g.d_star(x, pd, pg))
    assert best == pytest.approx(g.value_at_optimum(pd, pg).direct, abs=1e-6)
    for d in [np.full_like(x, 0.5), 1 / (1 + np.exp(-(0.8 - x))), g.d_star(x, pd, pg) ** 1.1]:
        assert g.value(x, pd, pg, d) < best
    assert g.value(x, pd, pg, np.full_like(x, 0.5)) == pytest.approx(-LOG4, abs=1e-6)


def test_nonsaturating_objective_decomposition():
    pd = Mixture((0.5, 0.5), (-2.0, 2.0), (0.5, 0.5))
    pg = Mixture.gaussian(1.8, 0.6)
    r = g.nonsaturating_at_optimum(pd, pg)
    assert r["loss"] == pytest.approx(r["decomposed"], abs=1e-6)


def test_generator_losses_and_logit_gradients_vs_autograd():
    a = torch.linspace(-12, 12, 241, dtype=torch.float64, requires_grad=True)
    d = torch.sigmoid(a)
    (gs,) = torch.autograd.grad(torch.log1p(-d).sum(), a)
    (gn,) = torch.autograd.grad((-torch.log(torch.sigmoid(a))).sum(), a)
    dn = d.detach().numpy()
    assert np.allclose(g.saturating_grad_logit(dn), gs.numpy(), atol=1e-12)
    assert np.allclose(g.nonsaturating_grad_logit(dn), gn.numpy(), atol=1e-12)
    assert np.allclose(g.saturating_loss(dn), np.log1p(-dn))
    assert np.allclose(g.nonsaturating_loss(dn), -np.log(dn))
    assert g.saturating_grad_d(0.0) == -1.0 and g.nonsaturating_grad_d(0.5) == -2.0


def test_saturating_gradient_vanishes_when_d_fools_nobody():
    d = np.array([1e-1, 1e-2, 1e-4, 1e-8])
    sat, ns = np.abs(g.saturating_grad_logit(d)), np.abs(g.nonsaturating_grad_logit(d))
    assert np.allclose(sat, d)  # |dL/da| = D -> 0
    assert np.all(np.diff(sat) < 0) and sat[-1] < 1e-7
    assert np.all(ns >= 0.9)  # the non-saturating gradient stays near 1
    # both losses push the same way (lower loss when D is higher)
    assert np.all(np.diff(g.saturating_loss(d)) > 0)
    assert np.all(np.diff(g.nonsaturating_loss(d)) > 0)


def test_pointwise_objective_is_concave_with_its_maximum_at_a_over_a_plus_b():
    """f(y) = a log y + b log(1 − y): f''(½) = −8 for a = b = 1; for a = 1, b = 3 the maximum
    is at y = 1/4, where f = log ¼ + 3 log ¾."""
    assert g.pointwise_second_derivative(0.5, 1.0, 1.0) == pytest.approx(-8.0, abs=1e-12)
    y = np.linspace(0.001, 0.999, 9999)
    assert np.all(g.pointwise_second_derivative(y, 1.0, 3.0) < 0)
    f = g.pointwise_objective(y, 1.0, 3.0)
    assert y[np.argmax(f)] == pytest.approx(0.25, abs=1e-3)
    assert f.max() == pytest.approx(np.log(0.25) + 3 * np.log(0.75), abs=1e-6)


def test_value_tends_to_zero_as_d_separates():
    """V = log D(x) + log(1 − D(G(z))): with D = 0.999 on reals and 0.001 on fakes it is
    2 log 0.999 ≈ −0.002; never above 0, so "V → 1" (one note) cannot happen."""
    assert g.value_of_outputs(0.999, 0.001) == pytest.approx(2 * np.log(0.999), abs=1e-15)
    assert g.value_of_outputs(0.5, 0.5) == pytest.approx(-np.log(4), abs=1e-15)
    assert g.value_of_outputs(1 - 1e-12, 1e-12) <= 0


def test_minibatch_value_hand_worked_and_unbiased():
    """D = ½ everywhere: every minibatch gives exactly −log 4. D = (0.8, 0.4) on two reals and
    (0.2, 0.6) on two fakes: ½(log 0.8 + log 0.4) + ½(log 0.8 + log 0.4) = log 0.32."""
    assert g.minibatch_value([0.5] * 7, [0.5] * 3) == pytest.approx(-np.log(4), abs=1e-15)
    assert g.minibatch_value([0.8, 0.4], [0.2, 0.6]) == pytest.approx(np.log(0.32), abs=1e-12)
    pd, pgm = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)), Mixture.gaussian(1.0, 0.6)
    rng = np.random.default_rng(0)
    x, xg = pd.sample(200_000, rng), pgm.sample(200_000, rng)
    est = g.minibatch_value(g.d_star(x, pd, pgm), g.d_star(xg, pd, pgm))
    assert est == pytest.approx(g.value_at_optimum(pd, pgm).direct, abs=0.01)
