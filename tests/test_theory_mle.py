"""ganlab.theory.mle: forward KL = moment matching (mode covering), reverse KL = mode seeking."""

import numpy as np
import pytest

from ganlab.theory import mle
from ganlab.theory.densities import Mixture


def test_mixture_moments_closed_form():
    p = Mixture((0.3, 0.7), (-2.0, 1.0), (0.5, 1.5))
    mean = 0.3 * -2 + 0.7 * 1
    var = 0.3 * (0.25 + 4) + 0.7 * (2.25 + 1) - mean**2
    assert p.mean() == pytest.approx(mean) and p.var() == pytest.approx(var)
    x = np.linspace(-10, 12, 40001)
    assert np.trapezoid(p.pdf(x), x) == pytest.approx(1.0, abs=1e-9)
    assert np.trapezoid(x * p.pdf(x), x) == pytest.approx(mean, abs=1e-9)
    s = p.sample(200_000, np.random.default_rng(0))
    assert s.mean() == pytest.approx(mean, abs=4 * np.sqrt(var / 200_000))


def test_forward_fit_is_moment_matching():
    p = mle.two_mode_target(separation=4.0, weight=0.3, sigma=0.6)
    fit = mle.fit_forward_kl(p)
    assert fit.mu == pytest.approx(0.3 * -2 + 0.7 * 2)
    assert fit.sigma == pytest.approx(np.sqrt(0.36 + 4 - fit.mu**2))
    # it is a minimum of KL(p||q): any nudge increases the divergence
    base = mle.kl_forward(p, fit.mu, fit.sigma)
    assert base == pytest.approx(fit.kl_forward)
    for dmu, ds in [(0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05)]:
        assert mle.kl_forward(p, fit.mu + dmu, fit.sigma + ds) > base


def test_forward_kl_equals_cross_entropy_minus_entropy():
    # KL(p||q) = -H(p) - E_p log q; for q Gaussian E_p log q is closed form in the moments of p
    p = mle.two_mode_target(3.0, 0.5, 0.5)
    mu, s = 0.4, 1.3
    x = np.linspace(-12, 12, 40001)
    h = -np.trapezoid(p.pdf(x) * p.logpdf(x), x)
    e_logq = -np.log(s * np.sqrt(2 * np.pi)) - (p.var() + (p.mean() - mu) ** 2) / (2 * s**2)
    assert mle.kl_forward(p, mu, s) == pytest.approx(-h - e_logq, abs=1e-7)


def test_reverse_fit_seeks_one_mode():
    """Far-apart modes: q sits on a mode (m_k, s_k) and KL(q||p) -> -log w_k."""
    p = mle.two_mode_target(separation=6.0, weight=0.3, sigma=0.5)
    fit = mle.fit_reverse_kl(p)
    assert fit.mu == pytest.approx(3.0, abs=1e-3)  # the heavier mode (w = 0.7)
    assert fit.sigma == pytest.approx(0.5, abs=1e-3)
    assert fit.kl_reverse == pytest.approx(-np.log(0.7), abs=1e-4)
    minus = [o for o in fit.local_optima if abs(o[0] + 3) < 0.01]
    assert minus and minus[0][2] == pytest.approx(-np.log(0.3), abs=1e-4)  # the other local optimum
    cover = mle.fit_forward_kl(p)
    assert cover.sigma > 2.5 and abs(cover.mu) < 2.0  # covering: wide, between the modes
    assert fit.kl_forward > cover.kl_forward and fit.kl_reverse < cover.kl_reverse


def test_close_modes_make_both_fits_agree():
    # modes closer than ~2 sigma merge into one bump: no mode to seek, both fits nearly equal
    p = mle.two_mode_target(separation=1.0, weight=0.5, sigma=0.6)
    f, r = mle.fit_forward_kl(p), mle.fit_reverse_kl(p)
    assert r.mu == pytest.approx(0.0, abs=1e-4)
    assert r.sigma == pytest.approx(f.sigma, rel=0.02)
