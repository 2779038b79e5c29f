"""DCGAN generator and discriminator (Radford et al. 2016), sized from the image shape.

The paper's architecture rules, each visible below:
  * no pooling: G upsamples with stride-2 transposed convolutions, D downsamples with stride-2
    convolutions;
  * batch norm in both nets, except G's output layer and D's input layer;
  * ReLU in G with tanh on the output (data lives in [-1, 1]); LeakyReLU(0.2) in D;
  * weights drawn from N(0, 0.02).
For `loss=wgan_gp` D has no batch norm: the gradient penalty is per sample and batch norm would
couple the samples of a batch (Gulrajani et al. 2017, section 4).

Breaking one guideline (config `dcgan_break`, the Learn page "DCGAN"): each entry of `BREAKS`
rewrites the intact nets in place, one guideline off, so the intact model stays the one source
(its export, checkpoints and layer indices are unchanged) and a broken one is never a copy.

Sizes. An H x H image is reached from an s0 x s0 map by k doublings, with k as large as possible
while s0 >= 4 (16 -> 4·2², 28 -> 7·2², 32 -> 4·2³). `g_width` is the channel count of G's first
(s0 x s0) map and halves with every doubling, as in the paper (1024 -> 512 -> 256 -> 128);
`d_width` is the channel count of D's last (s0 x s0) map, so D mirrors G. `g_layers` and
`d_layers` do not apply: depth follows from the resolution.

Conditional mode: G reads [z, one_hot(y)]; D is a projection discriminator (Miyato & Koyama
2018): logit = w·phi(x) + embed(y)·phi(x), which conditions D without feeding labels as pixels.
"""

from __future__ import annotations

import torch
from torch import nn

from ganlab.train.packing import packed_shape

MIN_SIDE = 4      # smallest feature map: a 4x4 kernel still fits
MIN_CHANNELS = 8  # halving stops here, so tiny widths still give every layer something to learn
LEAK = 0.2        # the paper's LeakyReLU slope


def plan(side: int) -> tuple[int, int]:
    """(s0, k): side = s0 * 2**k with k as large as possible while s0 >= MIN_SIDE."""
    s0, k = side, 0
    while s0 % 2 == 0 and s0 // 2 >= MIN_SIDE:
        s0, k = s0 // 2, k + 1
    return s0, k


def widths(first: int, k: int) -> list[int]:
    """Channels of the hidden maps at s0, 2·s0, ..., H/2 (k of them, at least one), widest
    first: first, first/2, ... (never below MIN_CHANNELS)."""
    return [max(first >> i, MIN_CHANNELS) for i in range(max(k, 1))]


def init_weights(module: nn.Module) -> None:
    """DCGAN init: conv weights ~ N(0, 0.02); batch-norm scales ~ N(1, 0.02), shifts 0."""
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if getattr(m, "bias", None) is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)


class DCGANGenerator(nn.Module):
    """z (B, noise_dim) [+ y (B,)] -> x (B, C, H, H) in [-1, 1]."""

    def __init__(self, noise_dim: int, shape: tuple[int, int, int], width: int,
                 num_classes: int = 0):
        super().__init__()
        C, H, _ = shape
        s0, k = plan(H)
        ch = widths(width, k)
        self.num_classes = num_classes
        # Project z to the first s0 x s0 map: a transposed conv on a 1x1 input, as in the paper.
        layers: list[nn.Module] = [nn.ConvTranspose2d(noise_dim + num_classes, ch[0], s0, 1, 0,
                                                      bias=False),
                                   nn.BatchNorm2d(ch[0]), nn.ReLU(True)]
        for a, b in zip(ch[:-1], ch[1:]):
            layers += [nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b),
                       nn.ReLU(True)]
        if k:  # last doubling writes the image itself: no batch norm, tanh
            layers += [nn.ConvTranspose2d(ch[-1], C, 4, 2, 1), nn.Tanh()]
        else:  # s0 == H (odd or tiny sides): a 1x1 conv maps features to pixels
            layers += [nn.Conv2d(ch[-1], C, 1), nn.Tanh()]
        self.net = nn.Sequential(*layers)
        init_weights(self)

    def forward(self, z, y=None):
        if self.num_classes:
            z = torch.cat([z, nn.functional.one_hot(y, self.num_classes).to(z.dtype)], 1)
        return self.net(z[:, :, None, None])  # (B, nz) -> (B, nz, 1, 1) -> (B, C, H, H)


class DCGANDiscriminator(nn.Module):
    """x (B, C, H, H) [+ y (B,)] -> logit (B,)."""

    def __init__(self, shape: tuple[int, int, int], width: int, num_classes: int = 0,
                 batch_norm: bool = True):
        super().__init__()
        C, H, _ = shape
        s0, k = plan(H)
        ch = widths(width, k)[::-1]  # narrowest first, d_width at the s0 x s0 map
        layers: list[nn.Module] = []
        if k:
            layers += [nn.Conv2d(C, ch[0], 4, 2, 1), nn.LeakyReLU(LEAK, True)]  # no BN on input
        else:
            layers += [nn.Conv2d(C, ch[0], 1), nn.LeakyReLU(LEAK, True)]
        for a, b in zip(ch[:-1], ch[1:]):
            layers += [nn.Conv2d(a, b, 4, 2, 1, bias=not batch_norm)]
            layers += [nn.BatchNorm2d(b)] if batch_norm else []
            layers += [nn.LeakyReLU(LEAK, True)]
        self.features = nn.Sequential(*layers)             # phi(x): (B, d_width, s0, s0)
        self.out = nn.Conv2d(ch[-1], 1, s0)                # w . phi(x), a dense layer as a conv
        self.embed = nn.Embedding(num_classes, ch[-1] * s0 * s0) if num_classes else None
        init_weights(self)

    def forward(self, x, y=None):
        h = self.features(x)
        logit = self.out(h).flatten()
        if self.embed is not None:
            logit = logit + (self.embed(y) * h.flatten(1)).sum(1)  # projection term
        return logit


# ---- one guideline broken (ganlab.variants.DCGAN_BREAKS) ----------------------------------------
DENSE_WIDTH = 256  # the hidden fully connected layer a "dense" break adds to each net


def _swap(seq: nn.Sequential, match, make) -> None:
    """Replace every layer of `seq` that `match`es by `make(layer)`, at the same index."""
    for i, layer in enumerate(seq):
        if match(layer):
            seq[i] = make(layer)


def _doubling(m) -> bool:
    return isinstance(m, nn.ConvTranspose2d) and m.stride == (2, 2)


def _halving(m) -> bool:
    return isinstance(m, nn.Conv2d) and m.stride == (2, 2)


def _pooling(G, D) -> None:
    """Guideline 1 off: G doubles with nearest-neighbour upsampling then a 3x3 convolution, D
    halves with a 3x3 convolution then max pooling (what strided convolutions replaced)."""
    _swap(G.net, _doubling, lambda m: nn.Sequential(
        nn.Upsample(scale_factor=2), nn.Conv2d(m.in_channels, m.out_channels, 3, 1, 1,
                                               bias=m.bias is not None)))
    if D is not None:
        _swap(D.features, _halving, lambda m: nn.Sequential(
            nn.Conv2d(m.in_channels, m.out_channels, 3, 1, 1, bias=m.bias is not None),
            nn.MaxPool2d(2)))


def _no_batchnorm(G, D) -> None:
    """Guideline 2 off: no batch norm anywhere (Identity keeps the layer indices)."""
    for seq in (G.net, D.features if D is not None else ()):
        _swap(seq, lambda m: isinstance(m, nn.BatchNorm2d), lambda m: nn.Identity())


def _dense(G, D) -> None:
    """Guideline 3 off: a fully connected hidden layer between z and G's first map, and
    between D's last map and its logit."""
    first = G.net[0]                                      # z (B, nz, 1, 1) -> (B, c, s0, s0)
    c, s0 = first.out_channels, first.kernel_size[0]
    G.net[0] = nn.Sequential(nn.Flatten(), nn.Linear(first.in_channels, DENSE_WIDTH),
                             nn.ReLU(True), nn.Linear(DENSE_WIDTH, c * s0 * s0),
                             nn.Unflatten(1, (c, s0, s0)))
    if D is None:
        return
    out = D.out                                           # (B, c, s0, s0) -> (B, 1, 1, 1)
    D.out = nn.Sequential(nn.Flatten(), nn.Linear(out.in_channels * out.kernel_size[0] ** 2,
                                                  DENSE_WIDTH),
                          nn.LeakyReLU(LEAK, True), nn.Linear(DENSE_WIDTH, 1))


def _no_tanh(G, D) -> None:
    """Guideline 4 off: G's output layer is linear, unbounded, instead of tanh."""
    _swap(G.net, lambda m: isinstance(m, nn.Tanh), lambda m: nn.Identity())


def _relu_d(G, D) -> None:
    """Guideline 5 off: ReLU in D instead of LeakyReLU (no gradient for negative inputs)."""
    if D is not None:
        _swap(D.features, lambda m: isinstance(m, nn.LeakyReLU), lambda m: nn.ReLU(True))


# name -> what it does to (G, D), either of which may be None (ganlab.runs.generator rebuilds G
# alone); "none" keeps all five guidelines. Names: ganlab.variants.DCGAN_BREAKS.
BREAKS = {"none": lambda G, D: None, "pooling": _pooling, "no_batchnorm": _no_batchnorm,
          "dense": _dense, "no_tanh": _no_tanh, "relu_d": _relu_d}


def build_dcgan(cfg, data) -> tuple[DCGANGenerator, DCGANDiscriminator]:
    k = data.num_classes if cfg.conditional else 0
    G = DCGANGenerator(cfg.noise_dim, data.shape, cfg.g_width, k)
    # PacGAN: D reads packs of m images stacked along the channels (ganlab.train.packing).
    D = DCGANDiscriminator(packed_shape(data.shape, getattr(cfg, "pack", 1)), cfg.d_width, k,
                           batch_norm=cfg.loss != "wgan_gp")
    brk = getattr(cfg, "dcgan_break", "none")
    if brk != "none":
        BREAKS[brk](G, D)
        init_weights(G)   # the new layers get DCGAN's init too (same global RNG stream order)
        init_weights(D)
    return G, D


def accelerate(module: nn.Module, device: torch.device) -> nn.Module:
    """On CUDA, channels_last lets cuDNN pick its tensor-core kernels for these convs (NHWC is
    their native layout); on CPU the default layout is kept, which is what oneDNN expects."""
    if device.type == "cuda":
        module.to(memory_format=torch.channels_last)
    return module
