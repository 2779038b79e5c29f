"""DCGAN's five architecture guidelines (Radford et al. 2016, section 3) and the lines of our
model that carry each one, read from ganlab/train/dcgan.py itself so they can never go stale.

Each guideline names the break that turns it off (ganlab.train.dcgan.BREAKS) and the patterns
that find its lines in the two classes; tests/test_learn_dcgan.py checks that every pattern
still matches, so a change to the model that removes a guideline's line fails a test instead
of silently showing nothing.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

from ganlab.train import dcgan


@dataclass(frozen=True)
class Guideline:
    name: str                                   # i18n: learn.dcgan.rule.<name>
    brk: str                                    # the dcgan_break that turns it off
    finds: tuple[tuple[str, str], ...]          # (class in dcgan.py, regex of its lines)


GUIDELINES = (
    Guideline("strided", "pooling", (("DCGANGenerator", r"ConvTranspose2d\(.*4, 2, 1"),
                                     ("DCGANDiscriminator", r"Conv2d\(.*4, 2, 1"))),
    Guideline("batch_norm", "no_batchnorm", (("DCGANGenerator", r"BatchNorm2d|no batch norm"),
                                             ("DCGANDiscriminator", r"BatchNorm2d|no BN"))),
    Guideline("no_dense", "dense", (("DCGANGenerator", r"Project z|ConvTranspose2d\(noise_dim"),
                                    ("DCGANDiscriminator", r"a dense layer as a conv"))),
    Guideline("relu_tanh", "no_tanh", (("DCGANGenerator", r"ReLU\(True\)|Tanh\(\)"),)),
    Guideline("leaky_d", "relu_d", (("DCGANDiscriminator", r"LeakyReLU"),)),
)
BY_BREAK = {g.brk: g for g in GUIDELINES}
SOURCE = "ganlab/train/dcgan.py"


def _statement(lines: list[str], i: int) -> int:
    """The index after the statement starting at line i (brackets left open continue it)."""
    depth = 0
    for j in range(i, len(lines)):
        code = lines[j].split("#", 1)[0]
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
        if depth <= 0:
            return j + 1
    return len(lines)


def lines(g: Guideline) -> list[tuple[int, str]]:
    """(line number in dcgan.py, text) of every line that carries guideline g, in order."""
    found: dict[int, str] = {}
    for obj, pattern in g.finds:
        src, start = inspect.getsourcelines(getattr(dcgan, obj))
        i = 0
        while i < len(src):
            if re.search(pattern, src[i]):
                end = _statement(src, i)
                found.update({start + j: src[j].rstrip("\n") for j in range(i, end)})
                i = end
            else:
                i += 1
    return sorted(found.items())


def snippet(g: Guideline) -> str:
    """The lines as a listing with their numbers, a "⋮" row where lines are skipped."""
    rows, last = [], None
    found = lines(g)
    indent = min(len(t) - len(t.lstrip()) for _, t in found)
    for n, text in found:
        if last is not None and n > last + 1:
            rows.append("   ⋮")
        rows.append(f"{n:>3}  {text[indent:]}")
        last = n
    return "\n".join(rows)


# ---- what the nets hold, intact or broken ------------------------------------------------------
DIGITS_SHAPE = (1, 8, 8)   # ganlab.data.images.DIGITS_SIZE: the page's runs train on these


def nets(brk: str = "none", shape=DIGITS_SHAPE):
    """The digits G and D with the image defaults (ganlab.variants.IMAGE_DEFAULTS), one
    guideline broken by `brk`: built, never trained (cheap, deterministic)."""
    from types import SimpleNamespace

    import torch

    from ganlab.variants import IMAGE_DEFAULTS

    cfg = SimpleNamespace(noise_dim=IMAGE_DEFAULTS["noise_dim"], g_width=IMAGE_DEFAULTS["g_width"],
                          d_width=IMAGE_DEFAULTS["d_width"], conditional=False,
                          loss="nonsaturating", dcgan_break=brk)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        return dcgan.build_dcgan(cfg, SimpleNamespace(shape=shape, num_classes=0))


def census(brk: str = "none") -> dict[str, dict[str, int]]:
    """{"G"|"D": {layer type: count}} over the leaf layers, plus "params"."""
    out = {}
    from torch import nn

    for name, net in zip("GD", nets(brk)):
        counts: dict[str, int] = {}
        for m in net.modules():
            if not list(m.children()) and not isinstance(m, nn.Identity):  # a removed layer
                counts[type(m).__name__] = counts.get(type(m).__name__, 0) + 1
        counts["params"] = sum(p.numel() for p in net.parameters())
        out[name] = counts
    return out


def doubling() -> tuple[int, int]:
    """(kernel, stride) of the transposed convolution that doubles G's maps."""
    G, _ = nets()
    m = next(m for m in G.modules() if dcgan._doubling(m))
    return m.kernel_size[0], m.stride[0]
