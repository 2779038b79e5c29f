"""Latent walks and truncation."""

import math

import pytest
import torch

from ganlab.train.latent import interpolate, lerp, slerp, truncated_normal


def test_interpolations_hit_both_ends():
    g = torch.Generator().manual_seed(0)
    z0, z1 = torch.randn(16, generator=g), torch.randn(16, generator=g)
    for mode in ("linear", "spherical"):
        path = interpolate(z0, z1, 7, mode)
        assert path.shape == (7, 16)
        assert torch.allclose(path[0], z0, atol=1e-5) and torch.allclose(path[-1], z1, atol=1e-5)


def test_slerp_keeps_the_norm_lerp_shrinks_it():
    z0, z1 = torch.zeros(64), torch.zeros(64)
    z0[0], z1[1] = 8.0, 8.0  # orthogonal, equal norms: the typical case in high dimensions
    t = torch.tensor([0.5])
    assert slerp(z0, z1, t).norm().item() == pytest.approx(8.0, rel=1e-5)
    assert lerp(z0, z1, t).norm().item() == pytest.approx(8.0 / math.sqrt(2), rel=1e-5)
    # parallel vectors: no angle to follow, slerp falls back to lerp instead of dividing by 0
    assert torch.allclose(slerp(z0, 2 * z0, t), lerp(z0, 2 * z0, t))


def test_truncated_normal_bounds_law_and_seed():
    a = truncated_normal(20000, 4, 0.5, torch.Generator().manual_seed(1))
    b = truncated_normal(20000, 4, 0.5, torch.Generator().manual_seed(1))
    assert torch.equal(a, b) and a.abs().max() <= 0.5
    # variance of N(0,1) truncated to [-c, c]: 1 - 2 c φ(c) / (2Φ(c) - 1)
    c = 0.5
    phi = math.exp(-c * c / 2) / math.sqrt(2 * math.pi)
    var = 1 - 2 * c * phi / math.erf(c / math.sqrt(2))
    assert a.var().item() == pytest.approx(var, rel=0.03)
    wide = truncated_normal(20000, 4, 0.0, torch.Generator().manual_seed(2))
    assert wide.std().item() == pytest.approx(1.0, rel=0.03)
