"""Entropy's properties (ganlab.theory.entropy) against closed forms, in float64: the Bernoulli
formula, log K for the uniform and its maximality, non-negativity, additivity for independent
variables, and the surprise's product-to-sum rule and units."""

import numpy as np
import pytest

from ganlab.theory import entropy as E
from ganlab.theory import information as I


def test_bernoulli_entropy_closed_form():
    p = np.linspace(0, 1, 101)
    h = E.bernoulli_entropy(p)
    inner = p[1:-1]
    np.testing.assert_allclose(h[1:-1], -inner * np.log(inner) - (1 - inner) * np.log(1 - inner),
                               rtol=1e-13)
    assert h[0] == 0 and h[-1] == 0 and h[50] == pytest.approx(np.log(2), rel=1e-15)
    assert np.argmax(h) == 50 and float(E.bernoulli_entropy(0.5, "bits")) == pytest.approx(1.0)
    for q in (0.1, 0.37, 0.9):   # the same as the general formula on (q, 1 - q)
        assert float(E.bernoulli_entropy(q)) == pytest.approx(I.entropy([q, 1 - q]), rel=1e-14)
    with pytest.raises(ValueError):
        E.bernoulli_entropy(1.2)


def test_uniform_is_log_k_and_the_maximum_and_entropy_is_non_negative():
    rng = np.random.default_rng(0)
    for k in range(1, 11):
        assert I.entropy(np.ones(k)) == pytest.approx(E.uniform_entropy(k), rel=1e-14, abs=0)
        for _ in range(50):
            h = I.entropy(rng.dirichlet(np.full(k, 0.5)))
            assert -1e-15 <= h <= np.log(k) + 1e-12
    assert I.entropy([0, 0, 1]) == 0


def test_additivity_for_independent_variables():
    rng = np.random.default_rng(1)
    for kx, ky in ((2, 2), (3, 5), (7, 4)):
        px, py = rng.dirichlet(np.ones(kx)), rng.dirichlet(np.ones(ky))
        joint = E.independent_joint(px, py)
        assert joint.sum() == pytest.approx(1.0) and joint.shape == (kx, ky)
        assert E.joint_entropy(joint) == pytest.approx(I.entropy(px) + I.entropy(py), rel=1e-13)
    # dependent variables have less: H(X, X) = H(X) < 2 H(X)
    px = np.array([0.2, 0.8])
    assert E.joint_entropy(np.diag(px)) == pytest.approx(I.entropy(px))


def test_surprise_turns_products_into_sums_in_either_unit():
    p, q = 0.2, 0.35
    for unit in E.UNITS:
        assert float(E.surprise(p * q, unit)) == pytest.approx(
            float(E.surprise(p, unit) + E.surprise(q, unit)), rel=1e-14)
    assert float(E.surprise(1.0)) == 0 and np.isinf(E.surprise(0.0))
    assert float(E.surprise(0.25, "bits")) == pytest.approx(2.0, rel=1e-15)
    assert E.in_unit(np.log(2), "bits") == pytest.approx(1.0, rel=1e-15)
    with pytest.raises(ValueError):
        E.in_unit(1.0, "bans")
