"""Generative vs discriminative (ganlab.theory.generative): the Gaussian classes' Bayes posterior
is the logistic function with the closed-form weights, the fits are the maximum-likelihood ones,
and the generative model samples from the joint it fitted."""

import numpy as np
import pytest

from ganlab.theory import generative as G


def test_equal_variance_posterior_is_logistic_with_the_closed_form_weights():
    rng = np.random.default_rng(3)
    x = np.linspace(-8, 8, 1601)
    for _ in range(20):
        fit = G.GaussianClasses(prior=rng.uniform(0.05, 0.95), mu0=rng.normal(),
                                mu1=rng.normal(), sigma=rng.uniform(0.3, 3))
        w, b = fit.logit_weights()
        # hand-worked: log p(x,1) - log p(x,0) = w x + b, the x^2 terms cancel
        assert w == pytest.approx((fit.mu1 - fit.mu0) / fit.sigma**2, rel=1e-14)
        assert b == pytest.approx((fit.mu0**2 - fit.mu1**2) / (2 * fit.sigma**2)
                                  + np.log(fit.prior / (1 - fit.prior)), rel=1e-12, abs=1e-14)
        np.testing.assert_allclose(fit.posterior(x), G.sigmoid(w * x + b), rtol=1e-10,
                                   atol=1e-15)


def test_the_joint_is_fitted_by_maximum_likelihood():
    x, y = G.toy_data(2.0, 30, seed=4)
    fit = G.fit_gaussian_classes(x, y)
    assert fit.prior == 0.5
    assert fit.mu0 == pytest.approx(x[:30].mean()) and fit.mu1 == pytest.approx(x[30:].mean())
    pooled = np.concatenate([x[:30] - x[:30].mean(), x[30:] - x[30:].mean()])
    assert fit.sigma == pytest.approx(np.sqrt(np.mean(pooled**2)))

    def loglik(f):
        return float(np.sum(np.log(np.where(y == 1, f.joint_pdf(x, 1), f.joint_pdf(x, 0)))))
    best = loglik(fit)   # any nearby parameters are less likely
    for d in ((0.05, 0, 0), (0, 0.05, 0), (0, 0, 0.05), (0, 0, -0.05)):
        other = G.GaussianClasses(fit.prior, fit.mu0 + d[0], fit.mu1 + d[1], fit.sigma + d[2])
        assert loglik(other) < best
    with pytest.raises(ValueError):
        G.fit_gaussian_classes(x[:30], y[:30])


def test_logistic_regression_reaches_the_stationary_point_and_agrees_for_large_n():
    x, y = G.toy_data(1.5, 40, seed=5)
    w, b = G.fit_logistic(x, y)
    p = G.sigmoid(w * x + b)
    assert abs(np.mean((p - y) * x) + G.RIDGE * w) < 1e-10 and abs(np.mean(p - y)) < 1e-10
    # consistent estimators of one line when the Gaussian model is true: w = d / sigma^2 = 1.5
    x, y = G.toy_data(1.5, 20000, seed=6)
    wg, bg = G.fit_gaussian_classes(x, y).logit_weights()
    wd, bd = G.fit_logistic(x, y)
    assert wg == pytest.approx(1.5, abs=0.05) and wd == pytest.approx(1.5, abs=0.06)
    assert abs(G.boundary(wg, bg)) < 0.05 and abs(G.boundary(wd, bd)) < 0.05
    # separable classes: the ridge keeps w finite
    x, y = np.array([-2.0, -1.0, 1.0, 2.0]), np.array([0, 0, 1, 1])
    assert np.isfinite(G.fit_logistic(x, y)[0])


def test_the_generative_model_samples_its_joint():
    fit = G.GaussianClasses(prior=0.3, mu0=-1.0, mu1=2.0, sigma=0.5)
    x, y = fit.sample(40000, np.random.default_rng(7))
    assert y.mean() == pytest.approx(0.3, abs=0.01)
    assert x[y == 1].mean() == pytest.approx(2.0, abs=0.02)
    assert x[y == 0].std() == pytest.approx(0.5, abs=0.02)
