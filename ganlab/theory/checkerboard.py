"""Fractionally-strided (transposed) convolution and its checkerboard (Odena et al. 2016).

A transposed convolution with kernel K and stride s writes each input pixel's K x K copy of the
kernel s pixels apart. An output pixel therefore sums however many kernel taps land on it; when s
does not divide K, neighbouring pixels receive different counts, and even a constant input
comes out as a checkerboard of the same period s. The count is what `conv_transpose2d` of an
all-ones input with an all-ones kernel computes, and it has a closed form per axis (the 2D count
is the product of two 1D counts).
"""

from __future__ import annotations

import numpy as np


def taps(kernel: int, stride: int, n_in: int, padding: int = 0) -> np.ndarray:
    """Kernel taps on each output pixel, (n_out, n_out), measured with torch's
    conv_transpose2d: ones in, ones as the kernel, so each output sums its taps."""
    import torch
    import torch.nn.functional as F

    x = torch.ones(1, 1, n_in, n_in, dtype=torch.float64)
    w = torch.ones(1, 1, kernel, kernel, dtype=torch.float64)
    return F.conv_transpose2d(x, w, stride=stride, padding=padding)[0, 0].numpy()


def taps_1d(i: int, kernel: int, stride: int, n_in: int, padding: int = 0) -> int:
    """The closed form along one axis: output position i (after cropping `padding`) receives
    tap k of input j when i + padding = j·s + k, so the count is the number of k in [0, K) with
    (i + padding − k) divisible by s and the input index (i + padding − k) / s in [0, n_in)."""
    pos = i + padding
    return sum(1 for k in range(kernel)
               if (pos - k) % stride == 0 and 0 <= (pos - k) // stride < n_in)


def out_side(kernel: int, stride: int, n_in: int, padding: int = 0) -> int:
    """The output side: (n_in − 1)·s − 2·padding + K."""
    return (n_in - 1) * stride - 2 * padding + kernel


def uniform(kernel: int, stride: int) -> bool:
    """Away from the borders every pixel gets the same count exactly when s divides K."""
    return kernel % stride == 0


def interior(counts: np.ndarray, kernel: int) -> np.ndarray:
    """The counts away from the borders (positions K − 1 to (n − 1)·s of each axis, whose every
    tap has its input in range); the first and last K − 1 pixels see fewer inputs whatever s
    is. Empty when the input is too small to have such pixels ((n − 1)·s < K − 1)."""
    edge = kernel - 1
    return counts[edge:len(counts) - edge, edge:len(counts) - edge]


def unevenness(counts: np.ndarray, kernel: int) -> float:
    """max / min of the interior counts: 1 for an even layer, more for a checkerboard, ∞ when
    some pixels get no tap at all (K < s leaves holes)."""
    inner = interior(counts, kernel)
    if not inner.size:
        return float("nan")
    return float("inf") if inner.min() == 0 else float(inner.max() / inner.min())
