"""Generator and discriminator registry: `build_models(cfg, data) -> (G, D)`.

Every G is called as G(z, y=None) and every D as D(x, y=None) -> logits of shape (B,): no
sigmoid inside D, so losses stay numerically stable. `y` carries class labels when the run is
class-conditional (images); toy models ignore it.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ganlab.train.packing import packed_shape

ACTIVATIONS = {
    "relu": nn.ReLU,
    "leaky_relu": lambda: nn.LeakyReLU(0.2),
    "tanh": nn.Tanh,
    "elu": nn.ELU,
}


def mlp(n_in: int, n_out: int, layers: int, width: int, activation: str) -> nn.Sequential:
    """n_in -> [width, act] x layers -> n_out."""
    dims = [n_in] + [width] * layers
    body: list[nn.Module] = []
    for a, b in zip(dims[:-1], dims[1:]):
        body += [nn.Linear(a, b), ACTIVATIONS[activation]()]
    return nn.Sequential(*body, nn.Linear(dims[-1], n_out))


class MLPGenerator(nn.Module):
    """z (B, noise_dim) -> x (B, *out_shape); images end in tanh to match data in [-1, 1]."""

    def __init__(self, cfg, out_shape: tuple[int, ...], num_classes: int = 0, tanh: bool = False):
        super().__init__()
        self.out_shape, self.num_classes = tuple(out_shape), num_classes
        self.net = mlp(cfg.noise_dim + num_classes, math.prod(out_shape), cfg.g_layers,
                       cfg.g_width, cfg.activation)
        self.out = nn.Tanh() if tanh else nn.Identity()

    def forward(self, z, y=None):
        if self.num_classes:
            z = torch.cat([z, nn.functional.one_hot(y, self.num_classes).to(z.dtype)], 1)
        return self.out(self.net(z)).view(-1, *self.out_shape)


class MLPDiscriminator(nn.Module):
    """x (B, *in_shape) -> logit (B,)."""

    def __init__(self, cfg, in_shape: tuple[int, ...], num_classes: int = 0):
        super().__init__()
        self.num_classes = num_classes
        self.net = mlp(math.prod(in_shape) + num_classes, 1, cfg.d_layers, cfg.d_width,
                       cfg.activation)

    def forward(self, x, y=None):
        x = x.flatten(1)
        if self.num_classes:
            x = torch.cat([x, nn.functional.one_hot(y, self.num_classes).to(x.dtype)], 1)
        return self.net(x).squeeze(1)


def build_mlp(cfg, data):
    m = getattr(cfg, "pack", 1)  # PacGAN: D reads packs of m samples (ganlab.train.packing)
    if data.kind == "toy":
        return (MLPGenerator(cfg, (data.dim,)),
                MLPDiscriminator(cfg, packed_shape((data.dim,), m)))
    k = data.num_classes if cfg.conditional else 0
    return (MLPGenerator(cfg, data.shape, k, tanh=True),
            MLPDiscriminator(cfg, packed_shape(data.shape, m), k))


def _build_dcgan(cfg, data):
    from ganlab.train.dcgan import build_dcgan  # convolutional models live in their own module

    return build_dcgan(cfg, data)


MODELS = {"mlp": build_mlp, "dcgan": _build_dcgan}


def resolve_model(cfg, data) -> str:
    if cfg.model != "auto":
        return cfg.model
    return "mlp" if data.kind == "toy" else "dcgan"


def build_models(cfg, data) -> tuple[nn.Module, nn.Module]:
    name = resolve_model(cfg, data)
    if name == "dcgan" and data.kind == "toy":
        from ganlab.config import ConfigError

        raise ConfigError("model=dcgan: needs an image dataset; toy data uses model=mlp")
    G, D = MODELS[name](cfg, data)
    if cfg.spectral_norm:
        apply_spectral_norm(D)
    return G, D


def apply_spectral_norm(D: nn.Module) -> None:
    """Wrap every Linear/Conv layer of D in spectral normalisation (Miyato et al. 2018)."""
    for name, module in list(D.named_modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                setattr(module, child_name, nn.utils.parametrizations.spectral_norm(child))


def count_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
