"""Dataset registry: `make_dataset(cfg)` returns a toy target or an image dataset by name.

Toy targets (ganlab.data.toy) sample `(n, dim)` float32 points in data coordinates. Image datasets
(ganlab.data.images) sample `(n, C, H, W)` float32 images in [-1, 1] and may carry labels.
"""

from __future__ import annotations

from ganlab.data.toy import TOY


def make_dataset(cfg):
    if cfg.dataset in TOY:
        return TOY[cfg.dataset](cfg)
    from ganlab.data.images import IMAGES  # torchvision and sklearn only when images are used

    return IMAGES[cfg.dataset](cfg)
