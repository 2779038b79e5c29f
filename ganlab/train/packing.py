"""PacGAN packing (Lin et al., NeurIPS 2018): D judges m = cfg.pack samples of one kind at once.

`pack(x, m)` turns a batch of B samples, all real or all fake, into B/m packs: rows j·m ..
j·m + m − 1 become pack j, concatenated along the first feature axis (toy data: m·dim inputs;
images: m·C channels, stacked as the paper does). One D output per pack; the losses are unchanged.
Seeing m samples together lets D notice that G's samples are too alike (a dropped mode), which a
D of one sample cannot: the paper's remedy for mode collapse.

A single point has no pack of its own, so `score_points` gives D's score of x in a pack with
m − 1 real samples: x in the first slot, the other slots filled from `fillers` (real samples
drawn once per run from the seed, so frames of a run never flicker), averaged over FILLERS fills.
"""

from __future__ import annotations

import torch
from torch import Tensor

FILLERS = 4          # fills averaged per point: a steadier picture at FILLERS x the cost
FILLER_SEED = 4      # offset from cfg.seed (the Trainer's generators use +0 .. +3)


def pack(x: Tensor, m: int) -> Tensor:
    """(B, d0, ...) -> (B/m, m·d0, ...); B must be a multiple of m. m = 1 returns x itself."""
    if m == 1:
        return x
    return x.reshape(x.shape[0] // m, m * x.shape[1], *x.shape[2:])


def packed_shape(shape: tuple[int, ...], m: int) -> tuple[int, ...]:
    """The shape of one pack of m samples of `shape`: what D's first layer takes."""
    return (m * shape[0], *shape[1:])


def fillers(data, m: int, seed: int, n: int = FILLERS) -> Tensor:
    """(n, m − 1, *sample shape): real samples for the slots next to a scored point, a function
    of the seed alone (a generator of their own: drawing them never moves the run's streams)."""
    gen = torch.Generator().manual_seed(seed + FILLER_SEED)
    x = data.sample(n * (m - 1), gen)
    return x.reshape(n, m - 1, *x.shape[1:])


def score_points(D, x: Tensor, fill: Tensor) -> Tensor:
    """D's score of each point of x (N, ...) in a pack with m − 1 real samples: the mean of D's
    raw output over the fills of `fill` (n, m − 1, ...). Differentiable in x."""
    n, others = fill.shape[0], fill.shape[1]
    N, m = len(x), others + 1
    fill = fill.to(x.device, x.dtype)
    slots = torch.cat([x[None, :, None].expand(n, N, 1, *x.shape[1:]),
                       fill[:, None].expand(n, N, others, *x.shape[1:])], 2)  # (n, N, m, ...)
    out = D(pack(slots.reshape(n * N * m, *x.shape[1:]), m))
    return out.view(n, N).mean(0)
