"""Trainer: the iteration's semantics, determinism, live changes, and reference behaviour."""

import numpy as np
import pytest
import torch

from ganlab.config import Config, ConfigError
from ganlab.train.trainer import Trainer

SMALL = dict(g_width=32, d_width=32, g_layers=2, d_layers=2, batch_size=64)


def losses(trainer, n):
    return [tuple(trainer.iterate().floats().values()) for _ in range(n)]


def test_same_config_and_seed_gives_bit_identical_losses():
    cfg = Config(**SMALL, seed=3)
    assert losses(Trainer(cfg), 25) == losses(Trainer(cfg), 25)
    assert losses(Trainer(cfg), 5) != losses(Trainer(cfg.replace(seed=4)), 5)


def test_iteration_is_d_steps_then_g_steps():
    tr = Trainer(Config(**SMALL, d_steps=3, g_steps=2))
    calls = []
    d0, g0 = tr.step_d, tr.step_g
    tr.step_d = lambda: calls.append("D") or d0()
    tr.step_g = lambda: calls.append("G") or g0()
    tr.iterate()
    assert calls == ["D", "D", "D", "G", "G"]
    assert (tr.step, tr.d_updates, tr.g_updates) == (1, 3, 2)


def test_step_d_moves_only_d_and_step_g_only_g():
    tr = Trainer(Config(**SMALL))
    g = [p.clone() for p in tr.G.parameters()]
    d = [p.clone() for p in tr.D.parameters()]
    tr.step_d()
    assert all(torch.equal(a, b) for a, b in zip(g, tr.G.parameters()))
    assert not all(torch.equal(a, b) for a, b in zip(d, tr.D.parameters()))
    d = [p.clone() for p in tr.D.parameters()]
    tr.step_g()
    assert all(torch.equal(a, b) for a, b in zip(d, tr.D.parameters()))


def test_live_lr_change_keeps_adam_moments():
    tr = Trainer(Config(**SMALL))
    tr.train(3)
    p = next(tr.D.parameters())
    moment = tr.opt_d.state[p]["exp_avg"].clone()
    tr.update(lr_d=1e-3, d_steps=2, loss="hinge", batch_size=32)
    assert tr.opt_d.param_groups[0]["lr"] == 1e-3
    assert torch.equal(tr.opt_d.state[p]["exp_avg"], moment)
    tr.iterate()
    assert tr.d_updates == 3 + 2 and tr.cfg.loss == "hinge"


def test_rebuild_keys_are_refused_with_a_reason():
    tr = Trainer(Config(**SMALL))
    with pytest.raises(ConfigError, match="g_width.*needs a new run"):
        tr.update(g_width=64)
    with pytest.raises(ConfigError, match="lr_d=-1"):
        tr.update(lr_d=-1)
    assert tr.cfg.g_width == 32


def test_wgan_clipping_keeps_every_critic_weight_in_range():
    tr = Trainer(Config(**SMALL, loss="wgan", clip=0.01, lr_d=5e-3, optimizer_d="rmsprop"))
    tr.train(20)
    for p in tr.D.parameters():
        assert p.abs().max() <= 0.01 + 1e-9


def test_instance_noise_decays_to_zero():
    tr = Trainer(Config(**SMALL, instance_noise=1.0, instance_noise_decay=10))
    x = torch.zeros(1000, 2)
    assert tr._instance_noise(x).std() == pytest.approx(1.0, rel=0.1)
    tr.step = 10
    assert torch.equal(tr._instance_noise(x), x)


def test_ema_lags_the_generator():
    tr = Trainer(Config(**SMALL, ema=0.9))
    tr.train(5)
    g, e = next(tr.G.parameters()), next(tr.G_ema.parameters())
    assert not torch.equal(g, e)
    z = tr.fixed_noise(16)
    assert torch.equal(tr.sample(16, z), tr.G_ema(z))


@pytest.mark.parametrize("extra", [dict(loss="wgan_gp"), dict(loss="lsgan"),
                                   dict(r1_weight=1.0), dict(spectral_norm=True),
                                   dict(label_smoothing=0.1), dict(optimizer_d="sgd",
                                                                   optimizer_g="rmsprop"),
                                   dict(noise="uniform")])
def test_every_switch_trains_finitely(extra):
    tr = Trainer(Config(**SMALL, **extra))
    for row in losses(tr, 5):
        assert all(np.isfinite(row))


def test_training_d_alone_approaches_the_optimal_discriminator():
    """With G frozen, D -> D*(x) = p_data / (p_data + p_g) (Goodfellow et al. 2014, Prop. 1).

    An affine G (no hidden layer, 1-D noise) makes p_g = N(b, a^2) exactly, so D* is closed form.
    """
    cfg = Config(dataset="gaussians1d", noise_dim=1, g_layers=0, d_layers=3, d_width=64,
                 batch_size=512, lr_d=2e-3, seed=0)
    tr = Trainer(cfg)
    a, b = tr.G.net[0].weight.item(), tr.G.net[0].bias.item()
    for _ in range(1500):
        tr.step_d()
    xs = np.linspace(-4, 4, 161)
    p_data = tr.data.pdf(xs[:, None])
    p_g = np.exp(-((xs - b) ** 2) / (2 * a * a)) / np.sqrt(2 * np.pi * a * a)
    d_star = p_data / (p_data + p_g)
    d = torch.sigmoid(tr.discriminate(torch.tensor(xs[:, None], dtype=torch.float32))).numpy()
    mass = (p_data + p_g) > 0.05  # where there is data to learn from
    assert np.abs(d - d_star)[mass].mean() < 0.05
    assert np.abs(d - d_star)[mass].max() < 0.2


def test_generator_learns_a_single_gaussian_target():
    cfg = Config(dataset="drawn", drawn_points=((3.0, 3.0), (3.01, 3.0), (3.0, 3.01)),
                 **SMALL, lr_d=1e-3, lr_g=1e-3)
    tr = Trainer(cfg)
    before = tr.sample(500).mean(0)
    tr.train(300)
    after = tr.sample(500).mean(0)
    target = torch.tensor([3.0, 3.0])
    assert (after - target).norm() < 0.5 * (before - target).norm()
