"""The inverse-CDF map (ganlab.theory.inverse_cdf): ndtri against scipy.stats.norm.ppf, Phi and
Phi^{-1} inverse to each other, the KS statistic against scipy's, and a mapped sample within its
DKW bound while a wrong map is not."""

import numpy as np
import pytest
from scipy.stats import kstest, norm

from ganlab.theory import inverse_cdf as C


def test_quantile_matches_scipy_and_inverts_the_cdf():
    u = np.concatenate([np.linspace(1e-6, 1 - 1e-6, 2001), [0.5, 0.975]])
    x = C.normal_quantile(u)
    np.testing.assert_allclose(x, norm.ppf(u), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(C.normal_cdf(x), u, rtol=1e-12)
    assert C.normal_quantile(0.975) == pytest.approx(1.959963984540054, rel=1e-14)
    assert C.normal_quantile(0.0) == -np.inf and C.normal_quantile(1.0) == np.inf
    with pytest.raises(ValueError):
        C.normal_quantile(1.5)


def test_ks_statistic_matches_scipy_and_the_mapped_sample_is_within_its_bound():
    for n, seed in ((100, 0), (1000, 1), (10000, 2)):
        u, x = C.mapped_sample(n, seed)
        assert np.all((u >= 0) & (u < 1))
        d = C.ks_statistic(x)
        assert d == pytest.approx(kstest(x, "norm").statistic, rel=1e-12)
        assert d < C.dkw_bound(n, 0.01)
    # the identity map (x = u) is no Gaussian: far outside the bound
    u, _ = C.mapped_sample(1000, 3)
    assert C.ks_statistic(u) > 3 * C.dkw_bound(1000, 0.01)
    assert C.dkw_bound(1000, 0.05) == pytest.approx(np.sqrt(np.log(40) / 2000), rel=1e-14)


def test_histogram_density_integrates_to_the_share_inside():
    _, x = C.mapped_sample(5000, 4)
    edges = np.linspace(-2, 2, 21)
    dens = C.histogram_density(x, edges)
    inside = np.mean((x >= -2) & (x <= 2))
    assert float(np.sum(dens * np.diff(edges))) == pytest.approx(inside, rel=1e-12)
