"""1D and 2D divergences against closed forms (seeds fixed, tolerances stated per test)."""

import math

import numpy as np
import pytest
from scipy.stats import norm, wasserstein_distance

from ganlab.diagnostics import binned_divergences, divergences_1d, mmd_rbf, w1_exact

LOG2 = math.log(2)
RING8 = 2.0 * np.c_[np.cos(2 * np.pi * np.arange(8) / 8), np.sin(2 * np.pi * np.arange(8) / 8)]
RING_BOUNDS = ((-3.06, 3.06), (-3.06, 3.06))


def ring8(n, std=0.02, seed=0):
    rng = np.random.default_rng(seed)
    return RING8[rng.integers(0, 8, n)] + std * rng.standard_normal((n, 2))


def normal_target(mu, sigma):
    """pdf/cdf in the toy-data calling convention: (n, 1) in, (n,) out."""
    return (lambda x: norm.pdf(x[:, 0], mu, sigma), lambda x: norm.cdf(x[:, 0], mu, sigma))


# --- 1D against the exact density ---------------------------------------------------------------

@pytest.mark.parametrize("mu_g, sigma", [(0.5, 0.5), (1.0, 1.0), (2.0, 1.0)])
def test_1d_gaussians_match_closed_form_kl_and_w1(mu_g, sigma):
    samples = np.random.default_rng(0).normal(mu_g, sigma, 5000)
    pdf, cdf = normal_target(0.0, sigma)
    d = divergences_1d(samples, pdf, cdf, -6 * sigma, mu_g + 6 * sigma)
    kl = mu_g**2 / (2 * sigma**2)  # KL(N(μ1,σ)‖N(μ2,σ)) = (μ1−μ2)²/(2σ²), both directions
    # KDE smoothing (h ≈ 0.2σ) and sampling noise: within 8 % (measured spread ≈ 3 %).
    assert d["kl_data_g"] == pytest.approx(kl, rel=0.08)
    assert d["kl_g_data"] == pytest.approx(kl, rel=0.08)
    # W1 = |μ1−μ2|; empirical-CDF noise ≈ 0.8σ/√n ≈ 0.01σ.
    assert d["w1"] == pytest.approx(mu_g, abs=0.04 * sigma)
    assert 0 < d["js"] < LOG2


def test_1d_samples_from_the_target_score_near_zero():
    samples = np.random.default_rng(1).normal(0.0, 0.5, 5000)
    d = divergences_1d(samples, *normal_target(0.0, 0.5), -4, 4)
    assert d["kl_data_g"] < 0.01 and d["kl_g_data"] < 0.01  # KDE bias ≈ h²/(2σ²) ≈ 0.005
    assert d["js"] < 0.003
    assert d["w1"] < 0.02


def _two_modes():
    pdf = lambda x: 0.5 * norm.pdf(x[:, 0], -2, 0.5) + 0.5 * norm.pdf(x[:, 0], 2, 0.5)  # noqa: E731
    cdf = lambda x: 0.5 * norm.cdf(x[:, 0], -2, 0.5) + 0.5 * norm.cdf(x[:, 0], 2, 0.5)  # noqa: E731
    return pdf, cdf


def test_1d_dropped_mode_is_large_but_finite():
    samples = np.random.default_rng(2).normal(2, 0.5, 5000)
    d = divergences_1d(samples, *_two_modes(), -4.5, 4.5)
    assert 3 < d["kl_data_g"] < 50  # +∞ in theory; the density floor keeps it plottable
    assert d["kl_g_data"] == pytest.approx(LOG2, abs=0.02)  # q = one mode, p = half of it
    # JS of a mixture ½A+½B against B (disjoint A, B): ¼ log 2 + ¼ log(2/3) + ½ log(4/3).
    js = 0.25 * LOG2 + 0.25 * math.log(2 / 3) + 0.5 * math.log(4 / 3)
    assert d["js"] == pytest.approx(js, abs=0.005)
    assert d["w1"] == pytest.approx(2.0, abs=0.05)  # half the mass moves 4


def test_1d_fully_collapsed_samples_do_not_break_the_kde():
    d = divergences_1d(np.full(100, 2.0), *_two_modes(), -4.5, 4.5)
    assert all(np.isfinite(v) for v in d.values())
    assert d["js"] > 0.5


# --- 2D binned ------------------------------------------------------------------------------------

def test_binned_identical_samples_give_zero_js():
    x = ring8(2500)
    d = binned_divergences(x, x, RING_BOUNDS)
    assert d["js_binned"] == pytest.approx(0.0, abs=1e-12)
    assert 0 <= d["kl_binned"] < 1e-3  # only the half-sample pseudo-count


def test_binned_disjoint_supports_give_log_2():
    real = ring8(2500)
    fake = np.random.default_rng(3).uniform(-0.5, 0.5, size=(2500, 2))  # inside the ring, empty
    d = binned_divergences(real, fake, RING_BOUNDS)
    assert d["js_binned"] == pytest.approx(LOG2, abs=1e-12)
    assert d["kl_binned"] > 10


def test_binned_fresh_real_samples_stay_near_the_noise_floor():
    d = binned_divergences(ring8(2500, seed=4), ring8(2500, seed=5), RING_BOUNDS)
    assert d["js_binned"] < 0.01  # metrics.md: 50² bins at n = 2,000 floor 0.002–0.013
    assert d["kl_binned"] < 0.05


def test_binned_counts_samples_outside_the_bounds():
    # All fake points far off-screen land in the corner cell, so JS is maximal, not undefined.
    d = binned_divergences(ring8(1000), np.full((1000, 2), 99.0), RING_BOUNDS)
    assert d["js_binned"] == pytest.approx(LOG2, abs=1e-12)


def test_binned_works_in_1d():
    x = np.random.default_rng(6).normal(size=(4000, 1))
    assert binned_divergences(x, x + 10, ((-5, 15),))["js_binned"] == pytest.approx(LOG2)


# --- exact W1 -------------------------------------------------------------------------------------

def test_w1_exact_matches_scipy_in_1d():
    rng = np.random.default_rng(7)
    x, y = rng.normal(0, 1, (300, 1)), rng.normal(1, 2, (300, 1))
    assert w1_exact(x, y) == pytest.approx(wasserstein_distance(x[:, 0], y[:, 0]), abs=1e-9)


def test_w1_exact_of_a_translated_cloud_is_the_shift():
    x = ring8(400)
    assert w1_exact(x, x + [0.3, -0.4]) == pytest.approx(0.5, abs=1e-9)


def test_w1_exact_of_gaussians_is_the_mean_gap():
    rng = np.random.default_rng(8)
    x, y = rng.normal(0, 0.5, (2000, 1)), rng.normal(1.5, 0.5, (2000, 1))
    assert w1_exact(x, y) == pytest.approx(1.5, abs=0.06)  # 512-point subsample: noise ≈ 0.03


# --- MMD ------------------------------------------------------------------------------------------

def test_mmd_same_distribution_is_near_zero_and_shift_is_not():
    real, other = ring8(2500, seed=9), ring8(2500, seed=10)
    # Spread of real-vs-real over seeds: ±0.007 at n = 512 (mode-count noise).
    assert abs(mmd_rbf(real, other)) < 0.02
    assert mmd_rbf(real, other + [0.5, 0.0]) > 0.2  # measured 0.47


def test_mmd_sees_blur_that_the_median_bandwidth_misses():
    real, blurred = ring8(2500, seed=11), ring8(2500, std=0.06, seed=12)
    median_only = np.median(np.linalg.norm(real[:512, None] - real[None, :512], axis=-1))
    assert mmd_rbf(real, blurred, bandwidths=[median_only]) < 0.01
    assert mmd_rbf(real, blurred) > 0.02  # measured 0.036 ± 0.006 over seeds


def test_mmd_is_unbiased_on_average():
    vals = [mmd_rbf(ring8(600, seed=s), ring8(600, seed=100 + s)) for s in range(10)]
    assert abs(np.mean(vals)) < 0.005 and min(vals) < 0.005


def test_1d_kde_uses_the_per_mode_scale_on_a_mixture():
    rng = np.random.default_rng(13)
    samples = np.where(rng.random(2500) < 0.5, rng.normal(-2, 0.5, 2500), rng.normal(2, 0.5, 2500))
    pdf, cdf = _two_modes()
    scott = divergences_1d(samples, pdf, cdf, -4.5, 4.5)
    per_mode = divergences_1d(samples, pdf, cdf, -4.5, 4.5, component_std=0.5)
    # Scott's rule on the whole sample smooths across the gap between the modes (KL ≈ 0.06).
    assert per_mode["kl_data_g"] < 0.01 < scott["kl_data_g"]
    assert per_mode["w1"] == scott["w1"]  # W1 uses the empirical CDF, no KDE


def test_binned_fft_kde_matches_scipy_gaussian_kde():
    from scipy.stats import gaussian_kde

    from ganlab.diagnostics.divergence1d import GRID_POINTS, kde_density

    samples = np.random.default_rng(14).normal(0.3, 0.7, 2500)
    x = np.linspace(-4, 4, GRID_POINTS)
    ours, ref = kde_density(samples, x), gaussian_kde(samples, bw_method="scott")(x)
    assert np.max(np.abs(ours - ref)) < 1e-3 * ref.max()
