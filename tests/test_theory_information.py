"""ganlab.theory.information against hand-worked values and closed forms (nats)."""

import numpy as np
import pytest

from ganlab.theory import information as I
from ganlab.theory.densities import Mixture

LOG2 = np.log(2)


def test_entropy_values():
    assert I.entropy([1, 0, 0]) == 0.0
    assert I.entropy([1, 1, 1, 1]) == pytest.approx(np.log(4), abs=1e-15)
    assert I.entropy([0.5, 0.25, 0.25]) == pytest.approx(1.5 * LOG2, abs=1e-15)


def test_cross_entropy_worked_example():
    # label (0, 1, 0), prediction (0.3, 0.6, 0.1): loss = -log 0.6
    assert I.cross_entropy([0, 1, 0], [0.3, 0.6, 0.1]) == pytest.approx(-np.log(0.6), abs=1e-15)
    assert I.cross_entropy([1, 0], [0, 1]) == np.inf


def test_cross_entropy_is_entropy_plus_kl():
    p, q = np.array([0.1, 0.2, 0.7]), np.array([0.3, 0.3, 0.4])
    assert I.cross_entropy(p, q) == pytest.approx(I.entropy(p) + I.kl(p, q), abs=1e-14)


def test_kl_hand_worked_and_asymmetric():
    p, q = [0.5, 0.5], [0.9, 0.1]
    kpq = 0.5 * np.log(0.5 / 0.9) + 0.5 * np.log(0.5 / 0.1)
    kqp = 0.9 * np.log(0.9 / 0.5) + 0.1 * np.log(0.1 / 0.5)
    assert I.kl(p, q) == pytest.approx(kpq, abs=1e-15)
    assert I.kl(q, p) == pytest.approx(kqp, abs=1e-15)
    assert I.kl(p, q) != pytest.approx(I.kl(q, p))
    assert I.kl(p, p) == 0.0
    assert I.kl([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert I.kl([1.0, 0.0], [0.5, 0.5]) == pytest.approx(LOG2)  # 0 log 0 = 0


def test_js_bounds_and_symmetry():
    assert I.js([1, 0], [0, 1]) == pytest.approx(LOG2, abs=1e-15)
    assert I.js([0.2, 0.8, 0], [0, 0, 1]) == pytest.approx(LOG2, abs=1e-15)
    p, q = [0.1, 0.4, 0.5], [0.6, 0.3, 0.1]
    assert I.js(p, q) == pytest.approx(I.js(q, p), abs=1e-15)
    assert 0 < I.js(p, q) < LOG2
    m = (np.array(p) + q) / 2
    assert I.js(p, q) == pytest.approx(0.5 * I.kl(p, m) + 0.5 * I.kl(q, m), abs=1e-15)


def test_w1_discrete():
    x = np.arange(5.0)
    assert I.w1([1, 0, 0, 0, 0], [0, 0, 0, 1, 0], x) == pytest.approx(3.0)
    # move half the mass 1 step and half 2 steps
    assert I.w1([1, 0, 0, 0, 0], [0, 0.5, 0.5, 0, 0], x) == pytest.approx(1.5)
    # uneven support
    assert I.w1([1, 0], [0, 1], [0.0, 2.5]) == pytest.approx(2.5)
    a, b = np.random.default_rng(0).normal(size=(2, 500))
    assert I.w1_samples(a, b + 3.0) == pytest.approx(np.mean(np.abs(np.sort(a) - np.sort(b) - 3)))


def test_density_helpers_on_gaussians():
    x = np.linspace(-12, 14, 20001)
    p, q = Mixture.gaussian(0, 1).pdf(x), Mixture.gaussian(1.5, 2).pdf(x)
    assert I.differential_entropy(p, x) == pytest.approx(0.5 * np.log(2 * np.pi * np.e), abs=1e-6)
    assert I.kl_density(p, q, x) == pytest.approx(I.kl_gauss(0, 1, 1.5, 2), abs=1e-6)
    assert I.kl_density(q, p, x) == pytest.approx(I.kl_gauss(1.5, 2, 0, 1), abs=1e-4)
    assert I.w1_density(p, q, x) == pytest.approx(I.w1_gauss(0, 1, 1.5, 2), abs=1e-3)
    assert I.cross_entropy_density(p, q, x) == pytest.approx(
        I.differential_entropy(p, x) + I.kl_gauss(0, 1, 1.5, 2), abs=1e-6)


def test_kl_gauss_and_w1_gauss_closed_forms():
    assert I.kl_gauss(0, 1, 0, 1) == 0
    assert I.kl_gauss(0, 1, 2, 1) == pytest.approx(2.0)  # d^2 / 2
    assert I.w1_gauss(0, 1, 3, 1) == 3
    # W1 of N(0,1) and N(0,4): E|Z - 2Z| = E|Z| = sqrt(2/pi)
    assert I.w1_gauss(0, 1, 0, 2) == pytest.approx(np.sqrt(2 / np.pi))


@pytest.mark.parametrize("shift", [0.0, 0.1, 0.37, 0.8, 1.0, 1.5, 3.0, 6.0])
def test_slide_apart_uniform(shift):
    r = I.slide_apart(shift, "uniform", width=1.0)
    assert r.w1 == pytest.approx(shift, abs=2e-3)  # W1 = shift, linear
    assert r.js == pytest.approx(min(shift, 1.0) * LOG2, abs=2e-3)  # saturates at log 2
    if shift > 0:
        assert r.kl_pq == np.inf and r.kl_qp == np.inf  # supports differ: KL infinite
    else:
        assert r.kl_pq == 0.0
    assert r.js <= LOG2 + 1e-12


@pytest.mark.parametrize("shift", [0.0, 0.2, 0.5, 1.0, 2.0, 5.0])
def test_slide_apart_gaussian(shift):
    s = 0.3
    r = I.slide_apart(shift, "gaussian", width=s)
    assert r.kl_pq == pytest.approx(shift**2 / (2 * s**2), rel=1e-6, abs=1e-9)
    assert r.kl_qp == pytest.approx(shift**2 / (2 * s**2), rel=1e-6, abs=1e-9)
    assert r.w1 == pytest.approx(shift, abs=1e-6)
    assert 0 <= r.js <= LOG2
    # JS through the grid-mass formula agrees
    assert r.js == pytest.approx(I.js_density(r.p, r.q, r.x), abs=1e-6)
    if shift >= 5.0:  # > 16 sd apart: JS is log 2 to many digits while KL keeps growing
        assert r.js == pytest.approx(LOG2, abs=1e-9)


def test_symmetrised_kl_and_bits_hand_worked():
    """p = (1/2, 1/2), q = (1/4, 3/4): KL(p‖q) = ½ log 2 + ½ log(2/3) = ½ log(4/3),
    KL(q‖p) = ¼ log(1/2) + ¾ log(3/2) = ¾ log 3 − log 2; the symmetrised KL is their mean."""
    p, q = np.array([0.5, 0.5]), np.array([0.25, 0.75])
    kl_pq, kl_qp = 0.5 * np.log(4 / 3), 0.75 * np.log(3) - np.log(2)
    assert I.kl(p, q) == pytest.approx(kl_pq, abs=1e-12)
    assert I.symmetrised_kl(p, q) == pytest.approx((kl_pq + kl_qp) / 2, abs=1e-12)
    assert I.symmetrised_kl(p, q) != pytest.approx(I.js(p, q), abs=1e-3)
    # disjoint supports: JS = log 2 nats = exactly 1 bit; the symmetrised KL is infinite
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    assert I.js(a, b) == pytest.approx(np.log(2), abs=1e-12)
    assert I.nats_to_bits(I.js(a, b)) == pytest.approx(1.0, abs=1e-12)
    assert np.isinf(I.symmetrised_kl(a, b))
