"""Scoring a generator by what a classifier sees in its samples.

Inception Score, for N samples with class probabilities p(y|x_i) (rows of P, K classes):

    p(y)  = (1/N) sum_i p(y|x_i)                      (the marginal over the samples)
    IS    = exp( (1/N) sum_i KL(p(y|x_i) || p(y)) )
          = exp( H(p(y)) - (1/N) sum_i H(p(y|x_i)) )  (same number: confident AND diverse)

1 <= IS <= K: K when every sample is classified with certainty and the classes are used equally,
1 when all samples look alike to the classifier. Known flaws, which the Learn page shows: it
never looks at real data, it cannot see variety *inside* a class (K perfect copies, one per class,
score K), and it depends on the classifier.

For the 2D Gaussian-mixture targets, a natural classifier is the Bayes posterior of the mode,
and the architecture §4 quality and coverage rules give the complementary view.
"""

from __future__ import annotations

import numpy as np
from scipy.special import softmax


def _check_probs(probs) -> np.ndarray:
    P = np.asarray(probs, dtype=float)
    if P.ndim != 2:
        raise ValueError("probs must be a matrix (samples x classes)")
    if np.any(P < 0) or not np.allclose(P.sum(1), 1.0, atol=1e-6):
        raise ValueError("each row of probs must be a probability vector")
    return P


def _rowwise_kl(P: np.ndarray, q: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(P > 0, P * (np.log(P) - np.log(q)), 0.0)
    return terms.sum(1)


def inception_score(probs, splits: int = 1) -> tuple[float, float]:
    """(mean, std) of exp(E_x KL(p(y|x) || p(y))) over `splits` equal parts of the samples."""
    P = _check_probs(probs)
    scores = []
    for part in np.array_split(P, splits):
        marginal = part.mean(0)
        scores.append(float(np.exp(_rowwise_kl(part, marginal).mean())))
    return float(np.mean(scores)), float(np.std(scores))


def is_decomposition(probs) -> dict:
    """The two halves of log IS: H(p(y)) (diversity) and E_x H(p(y|x)) (confidence)."""
    P = _check_probs(probs)
    marginal = P.mean(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        h_marg = -np.sum(np.where(marginal > 0, marginal * np.log(marginal), 0.0))
        h_cond = -np.sum(np.where(P > 0, P * np.log(P), 0.0), axis=1).mean()
    return {"h_marginal": float(h_marg), "h_conditional": float(h_cond),
            "log_is": float(h_marg - h_cond), "marginal": marginal}


# ---- a classifier and coverage for 2D mixtures -------------------------------------------------
def grid25_centers(spacing: float = 2.0) -> np.ndarray:
    """The 25 modes of `grid25`: {-4, -2, 0, 2, 4}^2 (architecture §4)."""
    v = spacing * np.arange(-2, 3)
    return np.array([(a, b) for a in v for b in v], dtype=float)


def ring8_centers(radius: float = 2.0) -> np.ndarray:
    """The 8 modes of `ring8`: angles 2 pi k / 8 on a circle of radius 2."""
    a = 2 * np.pi * np.arange(8) / 8
    return radius * np.stack([np.cos(a), np.sin(a)], 1)


def mode_posteriors(points, centers, std: float) -> np.ndarray:
    """p(mode k | x) for an equal-weight isotropic mixture:
    softmax_k(-||x - c_k||^2 / (2 std^2))."""
    pts, c = np.asarray(points, float), np.asarray(centers, float)
    d2 = ((pts[:, None, :] - c[None]) ** 2).sum(-1)
    return softmax(-d2 / (2 * std**2), axis=1)


def coverage(points, centers, std: float, n_sigma: float = 3.0, min_share: float = 0.1) -> dict:
    """architecture §4: a sample is high quality within n_sigma * std of its nearest mode; a mode is
    covered when it holds >= min_share of its expected share (N / K) as high-quality samples."""
    pts, c = np.asarray(points, float), np.asarray(centers, float)
    d2 = ((pts[:, None, :] - c[None]) ** 2).sum(-1)
    nearest = d2.argmin(1)
    good = np.sqrt(d2.min(1)) <= n_sigma * std
    counts = np.bincount(nearest[good], minlength=len(c))
    covered = counts >= min_share * len(pts) / len(c)
    return {"high_quality": float(good.mean()), "modes_covered": int(covered.sum()),
            "counts": counts}


def sample_generator(kind: str, centers, std: float, n: int, rng: np.random.Generator,
                     n_modes: int | None = None, spread: float = 1.0) -> np.ndarray:
    """Samples of an idealised generator on a mixture target, for the Evaluating-GANs page.

    kind="perfect":   the target itself (all modes, right spread)
    kind="collapsed": only the first `n_modes` modes, right spread
    kind="copies":    every sample exactly at a mode centre (no variety inside a mode)
    kind="blurry":    the right modes with `spread` times the right std
    """
    c = np.asarray(centers, float)
    k = len(c) if n_modes is None else int(n_modes)
    idx = rng.integers(0, k if kind == "collapsed" else len(c), n)
    if kind == "copies":
        return c[idx].copy()
    scale = std * (spread if kind == "blurry" else 1.0)
    if kind not in ("perfect", "collapsed", "blurry"):
        raise ValueError(f"unknown generator kind {kind!r}")
    return c[idx] + scale * rng.standard_normal((n, c.shape[1]))



# ---- idealised "generators" on a labelled image dataset (the digits) ----------------------------
IMAGE_KINDS = ("real", "classes", "copies", "noisy", "memorised")


def _to_float(pixels) -> np.ndarray:
    """uint8 (n, C, H, W), a tensor or an array -> float32 in [-1, 1], as G outputs them."""
    u = pixels.cpu().numpy() if hasattr(pixels, "cpu") else np.asarray(pixels)
    return u.astype(np.float32) / 127.5 - 1.0


def box_blur(x: np.ndarray) -> np.ndarray:
    """3x3 mean over each pixel's neighbourhood, edges replicated; x is (n, C, H, W)."""
    p = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), mode="edge")
    H, W = x.shape[-2:]
    return sum(p[..., i:i + H, j:j + W] for i in range(3) for j in range(3)) / 9.0


def image_generator(kind: str, data, rng: np.random.Generator, k: int = 3, m: int = 1,
                    noise: float = 0.0, blur: float = 0.0) -> np.ndarray:
    """Samples (n, C, H, W) in [-1, 1] of an idealised generator; n = the held-out split's size,
    so every kind is scored on the same number of samples.

    kind="real":      the held-out images, never trained on by the classifier: the ceiling
    kind="classes":   held-out images of classes 0..k-1 only, redrawn to n (collapse across classes)
    kind="copies":    n copies of m images, one of each class 0..m-1 (collapse inside each class)
    kind="noisy":     the held-out images blurred (weight `blur` of a 3x3 mean) plus noise of
                      std `noise`
    kind="memorised": n training images, the classifier's own training set (a generator that copies)
    """
    held, y = _to_float(data.heldout), np.asarray(data.heldout_labels.cpu().numpy())
    n = len(held)
    if kind == "real":
        return held
    if kind == "classes":
        pool = np.flatnonzero(y < k)
        return held[rng.choice(pool, n, replace=True)]
    if kind == "copies":
        firsts = np.array([np.flatnonzero(y == c)[0] for c in range(m)])
        return held[firsts[np.arange(n) % m]]
    if kind == "noisy":
        x = (1 - blur) * held + blur * box_blur(held)
        return np.clip(x + noise * rng.standard_normal(x.shape), -1, 1).astype(np.float32)
    if kind == "memorised":
        train = data.pixels
        return _to_float(train[np.sort(rng.choice(len(train), n, replace=False))])
    raise ValueError(f"unknown image generator kind {kind!r}")


def image_scores(fake: np.ndarray, data, clf) -> dict[str, float]:
    """The Playground's image metrics for `fake`: the classifier score (IS with our small CNN),
    classes covered, the Fréchet classifier distance, precision, recall, duplicate share — and the
    pixel-space memorisation ratio, the only one of them that sees copying of the training set."""
    from ganlab.diagnostics import images as DI

    out = DI.classifier_metrics(fake, data, clf)
    out.update(DI.memorisation(fake, data))
    return out
