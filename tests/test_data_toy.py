"""Toy targets: shapes, reproducibility, the exact densities and the CSV reader."""

import numpy as np
import pytest
import torch
from scipy import integrate

from ganlab.config import Config, ConfigError
from ganlab.data import make_dataset
from ganlab.data.csv_points import parse_points_csv
from ganlab.data.toy import TOY, gaussians1d, grid25, ring8

CFG_POINTS = ((0.0, 0.0), (1.0, 1.0), (2.0, 0.0), (3.0, 1.0))


@pytest.mark.parametrize("name", sorted(TOY))
def test_every_target_samples_its_shape_reproducibly(name):
    cfg = Config(dataset=name, drawn_points=CFG_POINTS if name == "drawn" else ())
    data = make_dataset(cfg)
    a = data.sample(300, torch.Generator().manual_seed(1))
    b = data.sample(300, torch.Generator().manual_seed(1))
    assert a.shape == (300, data.dim) and a.dtype == torch.float32
    assert torch.equal(a, b)
    assert len(data.bounds) == data.dim
    for d, (lo, hi) in enumerate(data.bounds):  # plots frame (almost) all the data
        inside = ((a[:, d] >= lo) & (a[:, d] <= hi)).float().mean()
        assert inside > 0.99


def test_ring8_has_eight_distinct_modes_on_radius_two():
    d = ring8()
    assert d.means.shape == (8, 2) and d.std == 0.02
    np.testing.assert_allclose(np.linalg.norm(d.means, axis=1), 2.0)
    gaps = np.linalg.norm(d.means - np.roll(d.means, 1, axis=0), axis=1)
    np.testing.assert_allclose(gaps, 2 * 2 * np.sin(np.pi / 8))  # all neighbours equally spaced


def test_grid25_means_and_std():
    d = grid25()
    assert d.means.shape == (25, 2) and d.std == 0.05
    assert set(np.unique(d.means)) == {-4.0, -2.0, 0.0, 2.0, 4.0}


def test_mixture_samples_land_on_their_modes():
    d = grid25()
    x = d.sample(5000, torch.Generator().manual_seed(0)).numpy()
    dist = np.linalg.norm(x[:, None] - d.means[None], axis=2).min(1)
    # 2D isotropic Gaussian: P(r <= 3 std) = 1 - exp(-4.5) = 0.9889
    assert abs((dist <= 3 * d.std).mean() - (1 - np.exp(-4.5))) < 0.01


def test_1d_density_integrates_to_one_and_cdf_matches():
    d = gaussians1d()
    total, _ = integrate.quad(lambda t: d.pdf(np.array([[t]]))[0], -10, 10, limit=200)
    assert total == pytest.approx(1.0, abs=1e-8)
    part, _ = integrate.quad(lambda t: d.pdf(np.array([[t]]))[0], -10, 0.3, limit=200)
    assert d.cdf(np.array([0.3]))[0] == pytest.approx(part, abs=1e-8)
    x = d.sample(20000, torch.Generator().manual_seed(0)).numpy()[:, 0]
    assert (x < 0).mean() == pytest.approx(0.4, abs=0.015)  # weights 0.4 / 0.6


def test_2d_density_matches_a_hand_value():
    d = ring8()
    # At a mode's centre the other modes contribute nothing measurable: w / (2 pi std^2).
    assert d.pdf(d.means[:1])[0] == pytest.approx(1 / 8 / (2 * np.pi * 0.02**2), rel=1e-9)
    with pytest.raises(ValueError):
        d.cdf(np.zeros((1, 2)))


def test_drawn_samples_stay_near_the_points():
    data = make_dataset(Config(dataset="drawn", drawn_points=CFG_POINTS))
    x = data.sample(1000, torch.Generator().manual_seed(0))
    near = torch.cdist(x, data.points).min(1).values
    assert near.max() < 6 * data.jitter


def test_csv_points_reader():
    assert parse_points_csv(b"x,y\n0,0\n1,2\n3,4\n") == ((0, 0), (1, 2), (3, 4))
    assert len(parse_points_csv("1,2\n3,4\n5,6\n\n")) == 3
    for bad, msg in [(b"1,2\n3\n", "row 2: expected 2 columns"),
                     (b"1,2\n3,x\n4,5\n", "row 2"),
                     (b"1,2\n3,nan\n4,5\n", "finite"),
                     (b"1,2\n", "need 3"),
                     (b"\xff\xfe", "UTF-8"),
                     ("\n".join(f"{i},{i}" for i in range(10_001)), "need 3 to 10,000")]:
        with pytest.raises(ConfigError, match=msg):
            parse_points_csv(bad)
