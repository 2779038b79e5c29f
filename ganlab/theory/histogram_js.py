"""Why a histogram JS between two samples fails in many dimensions, and what a classifier measures
instead (the discriminator as a "neural distance").

Plug-in JS. Cut every axis into b bins: b^d cells in d dimensions (2^784 ~ 10^236 for MNIST
with two bins a pixel). Count each sample's share of each cell, p_i and q_i, and take
JS(p, q) = 1/2 sum p log(2p/(p+q)) + 1/2 sum q log(2q/(p+q)). With n samples and b^d >> n^2 cells
almost every cell holds one point of one sample and none of the other, so the two histograms
share no cell and JS = log 2 -- its maximum -- even for two samples of ONE distribution.

A classifier instead. For any D: X -> (0, 1),

    JS(p || q) >= log 2 + 1/2 E_p[log D] + 1/2 E_q[log(1 - D)]   (= (V(D) + log 4) / 2),

with equality at D* = p / (p + q): the GAN's discriminator. Trained on half of each sample and
evaluated on the other half, it is an honest lower bound: ~0 when both samples come from one
distribution, however many dimensions. Here D is linear, the form of D* for two Gaussians of
one covariance: its direction the difference of the two training halves' means, its scale and
offset fitted by Newton's method on a third part (1-D logistic regression), evaluated on the
last part. Its held-out accuracy is also a two-sample test ("could these sets come from one
distribution?"): under that null hypothesis the number right is Binomial(n_test, 1/2).

Test case with a known answer: N(0, I_d) vs N(mu, I_d). Rotating mu onto the first axis leaves
both distributions product measures that differ only there, so
JS = JS(N(0, 1), N(|mu|, 1)) in every dimension (1D quadrature).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, log_expit
from scipy.stats import binom

from .densities import Mixture, grid_for
from .information import LOG2
from .information import js as js_discrete


def log10_cells(b: int, d: int) -> float:
    """log10 of the number of histogram cells, b^d (too large to form for d = 784)."""
    return d * float(np.log10(b))


def cell_ids(X, b: int, lo: float = -3.0, hi: float = 3.0) -> np.ndarray:
    """The cell of each row of X: b equal bins per axis on [lo, hi] (values outside go to the edge
    bins), as one row of bin indices per point."""
    X = np.atleast_2d(np.asarray(X, float))
    idx = np.floor((X - lo) / (hi - lo) * b).astype(np.int64)
    return np.clip(idx, 0, b - 1)


def _cell_keys(X, b: int, lo: float, hi: float) -> np.ndarray:
    """One opaque key per point, equal exactly when two points share a cell (a row of bin
    indices viewed as one fixed-size byte string: np.unique on it is far faster than on rows)."""
    ids = np.ascontiguousarray(cell_ids(X, b, lo, hi).astype(np.int16 if b < 2**15 else np.int64))
    return ids.view(np.dtype((np.void, ids.dtype.itemsize * ids.shape[1]))).ravel()


def plugin_js(X, Y, b: int, lo: float = -3.0, hi: float = 3.0) -> float:
    """JS between the histograms of the samples X (n x d) and Y (m x d) on b^d cells; only the
    occupied cells are formed."""
    kx, ky = _cell_keys(X, b, lo, hi), _cell_keys(Y, b, lo, hi)
    cells, inverse = np.unique(np.concatenate([kx, ky]), return_inverse=True)
    inverse = inverse.ravel()
    p = np.bincount(inverse[: len(kx)], minlength=len(cells)) / len(kx)
    q = np.bincount(inverse[len(kx):], minlength=len(cells)) / len(ky)
    return js_discrete(p, q)


def shared_cells(X, Y, b: int, lo: float = -3.0, hi: float = 3.0) -> int:
    """How many occupied cells hold points of both samples."""
    return len(np.intersect1d(_cell_keys(X, b, lo, hi), _cell_keys(Y, b, lo, hi)))


def gaussian_shift_js(shift: float) -> float:
    """JS(N(0, I_d) || N(mu, I_d)) with |mu| = shift: the same in every d (module docstring)."""
    if shift == 0:
        return 0.0                      # one distribution (quadrature would leave 1e-17)
    p, q = Mixture.gaussian(0.0, 1.0), Mixture.gaussian(shift, 1.0)
    x = grid_for(p, q, n=20001, n_sigma=12.0)
    return js_discrete(p.pdf(x), q.pdf(x))


def samples(n: int, d: int, shift: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    """n points of N(0, I_d) and n of N(mu, I_d), mu = shift along the diagonal (|mu| = shift).
    Drawn coordinate by coordinate from two streams, so the first d coordinates of a draw in more
    dimensions are the draw in d (one seeded sample for every d of a figure)."""
    X = np.random.default_rng([seed, 0]).standard_normal((d, n)).T
    Y = np.random.default_rng([seed, 1]).standard_normal((d, n)).T + shift / np.sqrt(d)
    return X, Y


def _fit_1d_logistic(z, y, steps: int = 25, ridge: float = 1e-3) -> tuple[float, float]:
    """(a, c) maximising sum y log s(a z + c) + (1 - y) log(1 - s(a z + c)), Newton's method."""
    A = np.c_[z, np.ones_like(z)]
    beta = np.zeros(2)
    for _ in range(steps):
        p = expit(A @ beta)
        grad = A.T @ (y - p) - ridge * beta
        hess = (A * (p * (1 - p))[:, None]).T @ A + ridge * np.eye(2)
        delta = np.linalg.solve(hess, grad)
        beta += delta
        if np.max(np.abs(delta)) < 1e-10:
            break
    return float(beta[0]), float(beta[1])


@dataclass(frozen=True)
class ClassifierEstimate:
    js_bound: float      # log 2 + (mean log D on held-out X + mean log(1 - D) on held-out Y) / 2
    accuracy: float      # held-out share classified right (D > 1/2 means "from X")
    n_test: int          # held-out points, both samples together
    p_value: float       # P(Binomial(n_test, 1/2) >= number right): the two-sample test


def classifier_js(X, Y) -> ClassifierEstimate:
    """The held-out lower bound on JS(p_X || p_Y) from a linear D (module docstring). Each sample
    is cut in three parts: direction, scale, evaluation."""
    X, Y = np.asarray(X, float), np.asarray(Y, float)
    parts_x, parts_y = np.array_split(X, 3), np.array_split(Y, 3)
    w = parts_x[0].mean(0) - parts_y[0].mean(0)            # towards X
    z = np.r_[parts_x[1] @ w, parts_y[1] @ w]
    a, c = _fit_1d_logistic(z, np.r_[np.ones(len(parts_x[1])), np.zeros(len(parts_y[1]))])
    logit_x, logit_y = a * (parts_x[2] @ w) + c, a * (parts_y[2] @ w) + c
    bound = LOG2 + 0.5 * (np.mean(log_expit(logit_x)) + np.mean(log_expit(-logit_y)))
    right = int(np.sum(logit_x > 0) + np.sum(logit_y < 0))
    n_test = len(logit_x) + len(logit_y)
    return ClassifierEstimate(float(bound), right / n_test, n_test,
                              float(binom.sf(right - 1, n_test, 0.5)))


def over_dimensions(n: int, dims, shift: float, b: int, seed: int = 0) -> dict:
    """Plug-in and classifier estimates for each d in `dims`, on nested coordinates of one seeded
    sample (the first d coordinates of a max(dims)-dimensional draw)."""
    dims = [int(d) for d in dims]
    X, Y = samples(n, max(dims), 0.0, seed)
    out = {k: [] for k in ("plugin", "shared", "classifier", "accuracy", "p_value", "n_test")}
    for d in dims:
        Xd, Yd = X[:, :d], Y[:, :d] + shift / np.sqrt(d)    # |mu| = shift in every d
        out["plugin"].append(plugin_js(Xd, Yd, b))
        out["shared"].append(shared_cells(Xd, Yd, b))
        est = classifier_js(Xd, Yd)
        for k in ("accuracy", "p_value", "n_test"):
            out[k].append(getattr(est, k))
        out["classifier"].append(est.js_bound)
    return {"dims": np.array(dims), **{k: np.array(v) for k, v in out.items()},
            "true": gaussian_shift_js(shift)}
