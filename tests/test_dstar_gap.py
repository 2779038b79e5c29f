"""The D* gap diagnostic: how far a probability D is from p_data / (p_data + p_g), logged over a
real 1D run, and absent where D is a critic (which has no such optimum)."""

import numpy as np
import pytest
import torch

from ganlab.config import Config
from ganlab.diagnostics.divergence1d import dstar_gap, kde_density, optimal_discriminator
from ganlab.diagnostics.registry import compute_due
from ganlab.runs.recorder import make_probe
from ganlab.train.trainer import Trainer


def trainer(**kw) -> Trainer:
    t = Trainer(Config(dataset="gaussians1d", noise_dim=1, g_width=32, d_width=32, batch_size=128,
                       **kw), threads=1)
    t.train(20)
    return t


def test_the_probe_carries_d_on_a_uniform_grid_for_1d_data_only():
    t = trainer()
    xs, logits = make_probe(t, 500).d_line
    assert np.allclose(np.diff(xs), xs[1] - xs[0]) and (xs[0], xs[-1]) == t.data.bounds[0]
    np.testing.assert_allclose(logits, t.discriminate(torch.from_numpy(xs[:, None]).float()),
                               rtol=1e-6)
    ring = Trainer(Config(dataset="ring8", g_width=16, d_width=16), threads=1)
    assert make_probe(ring, 100).d_line is None


def test_dstar_gap_is_logged_and_matches_its_definition():
    t = trainer()
    probe = make_probe(t, 2500)
    got = compute_due(100, lambda: probe, ["dstar_gap"])["dstar_gap"]
    xs, logits = probe.d_line
    d = 1 / (1 + np.exp(-logits.astype(np.float64)))
    p_data = t.data.pdf(xs[:, None])
    p_g = kde_density(probe.fake, xs, t.data.std)
    m = (p_data + p_g) / 2
    d_star = optimal_discriminator(p_data, p_g)
    assert got == pytest.approx(dstar_gap(d, p_data, p_g))
    assert got == pytest.approx(float((m * np.abs(d - d_star)).sum() / m.sum()), rel=1e-9)
    # An untrained-for-long D is far from D*: this run has had 20 iterations.
    assert 0.0 < got < 1.0


def test_a_critic_gets_no_dstar_gap():
    t = trainer(loss="wgan_gp")
    assert "dstar_gap" not in compute_due(100, lambda: make_probe(t, 500), ["dstar_gap"])
