"""ganlab.theory.cyclegan2d: determinism, and what the cycle-consistency loss buys."""

import numpy as np
import pytest

from ganlab.theory import cyclegan2d as C


@pytest.mark.parametrize("name", C.DOMAINS)
def test_domains(name):
    pts = C.sample_domain(name, 500, np.random.default_rng(0))
    assert pts.shape == (500, 2) and pts.dtype == np.float32
    assert np.abs(pts).max() < 2.0


def test_circles_radii():
    pts = C.sample_domain("circles", 2000, np.random.default_rng(0), noise=0.0)
    r = np.linalg.norm(pts, axis=1)
    assert np.all(np.isclose(r, 1.0, atol=1e-5) | np.isclose(r, 0.5, atol=1e-5))


def test_step_is_deterministic():
    a, b = C.CycleGAN2D(seed=7), C.CycleGAN2D(seed=7)
    la = [a.step() for _ in range(5)]
    lb = [b.step() for _ in range(5)]
    assert la == lb
    x = a.x_eval[:10]
    assert np.array_equal(a.map_xy(x), b.map_xy(x))
    assert np.array_equal(a.reconstruct(x), b.reconstruct(x))
    assert a.losses["cycle"] == [d["cycle"] for d in la] and a.iteration == 5
    assert not np.array_equal(C.CycleGAN2D(seed=8).step()["cycle"], la[0]["cycle"])


def test_cycle_loss_buys_reconstruction():
    steps = 250
    with_cycle = C.CycleGAN2D(lam=10.0, seed=0, width=48).train(steps)
    without = C.CycleGAN2D(lam=0.0, seed=0, width=48).train(steps)
    e_with, e_without = with_cycle.reconstruction_error(), without.reconstruction_error()
    assert e_with < 0.25 * e_without
    assert e_with < 0.2  # mean L1 error in units where the domains span ~2
    # the cycle term itself is the training signal: it fell from its start
    assert np.mean(with_cycle.losses["cycle"][-20:]) < 0.3 * with_cycle.losses["cycle"][0]


def test_reconstruct_is_f_of_g():
    m = C.CycleGAN2D(seed=1).train(3)
    x = m.x_eval[:20]
    assert np.allclose(m.reconstruct(x), m.map_yx(m.map_xy(x)))
    e = np.abs(m.reconstruct(x) - x).sum(1).mean()
    assert m.reconstruction_error(x) == pytest.approx(e, rel=1e-6)


def test_nearest_distance_hand_worked():
    """Points (0,0) and (3,4) against {(0,0), (3,0)}: distances 0 and 4, mean 2."""
    a = np.array([[0.0, 0.0], [3.0, 4.0]])
    b = np.array([[0.0, 0.0], [3.0, 0.0]])
    assert C.nearest_distance(a, b) == pytest.approx(2.0, abs=1e-12)
    assert C.nearest_distance(b, b) == 0.0
