"""Entropy's properties, and why its formula has -log in it.

The surprise (self-information) of an outcome of probability p is I(p) = -log p. Asking for
(1) I decreasing in p (a rare event tells more), (2) I(1) = 0 (a sure event tells nothing) and
(3) I(p q) = I(p) + I(q) (two independent events tell the sum of what each tells) forces
I(p) = -c log p with c > 0: only a logarithm turns products into sums. c fixes the unit:
c = 1 gives nats (natural log, what this app uses), c = 1 / ln 2 gives bits (log base 2).

Entropy is the mean surprise, H(X) = E[I(p(X))] = -sum_x p(x) log p(x), and so

    H >= 0                          (every p(x) <= 1, so every -log p(x) >= 0)
    H <= log K, = for the uniform   (K outcomes; Jensen's inequality on the concave log)
    H(X, Y) = H(X) + H(Y)           for independent X and Y (p(x, y) = p(x) p(y))
    Bernoulli(p): H = -p log p - (1 - p) log(1 - p), largest at p = 1/2: log 2 nats = 1 bit
"""

from __future__ import annotations

import numpy as np

from .information import entropy

UNITS = ("nats", "bits")
LN2 = float(np.log(2.0))


def in_unit(nats, unit: str):
    """A value in nats expressed in `unit` (bits = nats / ln 2)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    return nats / LN2 if unit == "bits" else nats


def surprise(p, unit: str = "nats") -> np.ndarray:
    """I(p) = -log p: 0 for a sure event, inf for an impossible one."""
    p = np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        return in_unit(-np.log(p) + 0.0, unit)


def bernoulli_entropy(p, unit: str = "nats") -> np.ndarray:
    """H(Bernoulli(p)) = -p log p - (1 - p) log(1 - p), with 0 log 0 = 0 at p = 0 and 1."""
    p = np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.where(p > 0, p * np.log(p), 0.0) - np.where(p < 1, (1 - p) * np.log1p(-p), 0.0)
    return in_unit(h + 0.0, unit)


def independent_joint(px, py) -> np.ndarray:
    """The joint table p(x, y) = p(x) p(y) of two independent variables."""
    px, py = np.asarray(px, dtype=float), np.asarray(py, dtype=float)
    return np.outer(px / px.sum(), py / py.sum())


def joint_entropy(joint) -> float:
    """H(X, Y) = -sum_{x,y} p(x, y) log p(x, y) (nats), from the whole table."""
    return entropy(np.asarray(joint, dtype=float).ravel())


def uniform_entropy(k: int) -> float:
    """H of the uniform on k outcomes: log k, the largest entropy any k-outcome law has."""
    return float(np.log(k))
