"""DCGAN sizing and architecture rules; every core loss trains one step on images."""

import pytest
import torch
from torch import nn

from ganlab.config import LOSS_NAMES, Config
from ganlab.train.dcgan import DCGANDiscriminator, DCGANGenerator, build_dcgan, plan
from ganlab.train.losses import LOSSES
from ganlab.train.mlp import build_models
from ganlab.train.trainer import Trainer


@pytest.mark.parametrize("side, expected", [(8, (4, 1)), (16, (4, 2)), (28, (7, 2)),
                                            (32, (4, 3)), (64, (4, 4)), (7, (7, 0))])
def test_plan_reaches_the_side_by_doublings(side, expected):
    s0, k = plan(side)
    assert (s0, k) == expected and s0 * 2**k == side


@pytest.mark.parametrize("shape", [(1, 8, 8), (1, 16, 16), (1, 28, 28), (3, 32, 32), (3, 7, 7)])
def test_shapes_and_ranges(shape):
    G, D = DCGANGenerator(16, shape, 32, num_classes=10), DCGANDiscriminator(shape, 32, 10)
    y = torch.arange(4) % 10
    x = G(torch.randn(4, 16), y)
    assert x.shape == (4, *shape) and x.abs().max() <= 1.0
    assert D(x, y).shape == (4,)


def test_dcgan_follows_the_paper_rules():
    G, D = DCGANGenerator(8, (1, 32, 32), 64), DCGANDiscriminator((1, 32, 32), 64)
    for net in (G, D):  # no pooling anywhere: resolution changes only by strided convs
        assert not any(isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)) for m in net.modules())
    g_convs = [m for m in G.net if isinstance(m, nn.ConvTranspose2d)]
    assert [c.stride for c in g_convs[1:]] == [(2, 2)] * 3
    assert isinstance(G.net[-1], nn.Tanh) and not isinstance(G.net[-2], nn.BatchNorm2d)
    assert any(isinstance(m, nn.ReLU) for m in G.net)
    assert isinstance(D.features[1], nn.LeakyReLU)  # no batch norm right after D's input
    assert sum(isinstance(m, nn.BatchNorm2d) for m in D.modules()) == 2
    # g_width is G's first map, halving per doubling; d_width is D's last map
    assert [c.out_channels for c in g_convs] == [64, 32, 16, 1]
    assert D.out.in_channels == 64


def test_wgan_gp_has_no_batch_norm_in_d():
    data = type("D", (), {"shape": (1, 16, 16), "num_classes": 10})()  # two BN layers in D
    _, D = build_dcgan(Config(dataset="digits", loss="wgan_gp"), data)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in D.modules())


def test_conditional_d_uses_the_label():
    D = DCGANDiscriminator((1, 16, 16), 16, num_classes=10)
    nn.init.normal_(D.embed.weight)
    x = torch.randn(2, 1, 16, 16)
    D.eval()
    assert not torch.allclose(D(x, torch.tensor([0, 0])), D(x, torch.tensor([1, 1])))


def test_auto_model_is_dcgan_for_images():
    from ganlab.data import make_dataset

    cfg = Config(dataset="digits")
    G, _ = build_models(cfg, make_dataset(cfg))
    assert isinstance(G, DCGANGenerator)


@pytest.mark.parametrize("model", ["dcgan", "mlp"])
@pytest.mark.parametrize("loss", LOSS_NAMES)
def test_every_loss_takes_a_step_on_images(model, loss):
    cfg = Config(dataset="digits", model=model, loss=loss, batch_size=16, g_width=16, d_width=16,
                 g_layers=1, d_layers=1, conditional=(loss == "hinge"))
    tr = Trainer(cfg, device="cpu", threads=1)
    before = [p.detach().clone() for p in tr.G.parameters()]
    stats = tr.iterate().floats()
    assert all(torch.isfinite(torch.tensor(v)) for v in stats.values())
    assert any(not torch.equal(a, b) for a, b in zip(before, tr.G.parameters()))
    assert tr.sample(4).shape == (4, 1, 8, 8)
    assert LOSSES[loss]


def test_same_seed_same_weights_after_steps():
    cfg = Config(dataset="digits", batch_size=16, g_width=16, d_width=16)
    a, b = Trainer(cfg, device="cpu", threads=1), Trainer(cfg, device="cpu", threads=1)
    a.train(3)
    b.train(3)
    for p, q in zip(a.G.parameters(), b.G.parameters()):
        assert torch.equal(p, q)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_dataset_on_gpu_gathers_batches_there():
    from ganlab.data import make_dataset

    data = make_dataset(Config(dataset="digits")).to("cuda")
    x = data.sample(8, torch.Generator().manual_seed(0))
    assert x.device.type == "cuda" and x.shape == (8, 1, 8, 8)
