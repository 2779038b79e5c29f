"""Model shapes, logits out of D, and the spectral-norm switch."""

import pytest
import torch

from ganlab.config import Config, ConfigError
from ganlab.data import make_dataset
from ganlab.train.mlp import build_models, count_parameters


@pytest.mark.parametrize("layers,width", [(0, 1), (1, 16), (3, 64), (8, 8)])
def test_mlp_shapes(layers, width):
    cfg = Config(g_layers=layers, d_layers=layers, g_width=width, d_width=width, noise_dim=5)
    G, D = build_models(cfg, make_dataset(cfg))
    x = G(torch.randn(7, 5))
    assert x.shape == (7, 2) and D(x).shape == (7,)
    n_linear = sum(isinstance(m, torch.nn.Linear) for m in G.modules())
    assert n_linear == layers + 1


def test_d_returns_unbounded_logits():
    cfg = Config()
    _, D = build_models(cfg, make_dataset(cfg))
    with torch.no_grad():
        D.net[-1].bias.fill_(50.0)  # a sigmoid inside D would cap the output at 1
    assert (D(torch.zeros(3, 2)) > 10).all()


def test_activation_choice_is_used():
    cfg = Config(activation="tanh")
    G, _ = build_models(cfg, make_dataset(cfg))
    assert any(isinstance(m, torch.nn.Tanh) for m in G.modules())


def test_spectral_norm_bounds_each_layer():
    cfg = Config(spectral_norm=True, d_width=32)
    _, D = build_models(cfg, make_dataset(cfg))
    for _ in range(30):  # power iteration converges as forward passes run in train mode
        D(torch.randn(16, 2))
    for m in D.modules():
        if isinstance(m, torch.nn.Linear):
            norm = torch.linalg.matrix_norm(m.weight.detach(), ord=2).item()
            assert norm == pytest.approx(1.0, abs=0.05)


def test_dcgan_on_toy_data_is_refused():
    cfg = Config(model="dcgan")
    with pytest.raises(ConfigError, match="needs an image dataset"):
        build_models(cfg, make_dataset(cfg))


def test_parameter_count():
    cfg = Config(g_layers=1, g_width=10, noise_dim=3)
    G, _ = build_models(cfg, make_dataset(cfg))
    assert count_parameters(G) == (3 * 10 + 10) + (10 * 2 + 2)
