"""Information measures between distributions, in nats (natural log).

Discrete distributions p, q on a shared support x_1 < ... < x_n (weights are normalised):

    H(p)      = - sum_i p_i log p_i                          (0 log 0 = 0)
    H(p, q)   = - sum_i p_i log q_i                          = H(p) + KL(p || q)
    KL(p||q)  =   sum_i p_i log(p_i / q_i)                   = inf if some p_i > 0 where q_i = 0
    JS(p, q)  = KL(p || M)/2 + KL(q || M)/2,  M = (p + q)/2   0 <= JS <= log 2
    W1(p, q)  =   sum_i |F_p(x_i) - F_q(x_i)| (x_{i+1} - x_i)  (1D: area between the CDFs)

Densities on a uniform grid use the same formulas on the cell masses p_i dx (the dx cancels in
every ratio), except the differential entropy h(p) = -int p log p = H(masses) + log dx.

`slide_apart(shift)` moves one density away from another: KL jumps to inf (uniforms) or grows as
shift^2 (Gaussians), JS saturates at log 2 once the supports stop overlapping, W1 = shift grows
linearly. That is the argument for WGAN: W1 still says "move this way" when JS has gone flat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG2 = float(np.log(2.0))


def normalize(p) -> np.ndarray:
    """p / sum(p), refusing negative entries or a zero total."""
    p = np.asarray(p, dtype=float)
    if np.any(p < 0) or not np.isfinite(p).all():
        raise ValueError("probabilities must be finite and >= 0")
    total = p.sum()
    if total <= 0:
        raise ValueError("probabilities must not all be zero")
    return p / total


def _xlogy_ratio(a, b) -> np.ndarray:
    """a log(a / b) elementwise with 0 log(0/b) = 0 and a log(a/0) = inf for a > 0."""
    out = np.zeros_like(a)
    pos = a > 0
    with np.errstate(divide="ignore"):
        out[pos] = a[pos] * (np.log(a[pos]) - np.log(b[pos]))
    return out


def entropy(p) -> float:
    """H(p) = -sum_i p_i log p_i (nats); 0 for a point mass, log n for the uniform on n points."""
    p = normalize(p)
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz))) + 0.0  # + 0.0 turns -0.0 into 0.0


def cross_entropy(p, q) -> float:
    """H(p, q) = -sum_i p_i log q_i (nats); inf when q_i = 0 where p_i > 0."""
    p, q = normalize(p), normalize(q)
    pos = p > 0
    if np.any(q[pos] == 0):
        return float("inf")
    return float(-np.sum(p[pos] * np.log(q[pos])))


def kl(p, q) -> float:
    """KL(p || q) = sum_i p_i log(p_i / q_i) >= 0 (nats); inf if q_i = 0 where p_i > 0."""
    p, q = normalize(p), normalize(q)
    return float(np.sum(_xlogy_ratio(p, q)))


def js(p, q) -> float:
    """JS(p, q) = KL(p||M)/2 + KL(q||M)/2, M = (p+q)/2; symmetric, 0 <= JS <= log 2 (disjoint)."""
    p, q = normalize(p), normalize(q)
    s = p + q  # p log(p/M) = p (log 2 + log p - log(p + q)): p + q >= p never underflows to 0
    total = 0.0
    for a in (p, q):
        pos = a > 0
        total += 0.5 * np.sum(a[pos] * (LOG2 + np.log(a[pos]) - np.log(s[pos])))
    return float(min(max(total, 0.0), LOG2))


def symmetrised_kl(p, q) -> float:
    """(KL(p‖q) + KL(q‖p)) / 2: what one of the lecture notes calls "JS". It is symmetric like JS
    but unbounded (∞ when either gives 0 to an outcome the other can produce), unlike JS ≤ log 2."""
    return 0.5 * (kl(p, q) + kl(q, p))


def nats_to_bits(value: float) -> float:
    """A divergence in nats (natural log) in bits (log base 2): divide by log 2. JS ≤ log 2 nats
    is JS ≤ 1 bit, the notes' [0, 1]."""
    return float(value) / float(np.log(2))


def w1(p, q, support) -> float:
    """W1(p, q) = sum_i |F_p(x_i) - F_q(x_i)| (x_{i+1} - x_i) on a sorted 1D support x.

    The cheapest way to move the mass of p onto q when moving mass m by distance d costs m d.
    """
    x = np.asarray(support, dtype=float)
    if np.any(np.diff(x) <= 0):
        raise ValueError("support must be strictly increasing")
    p, q = normalize(p), normalize(q)
    cdf_gap = np.abs(np.cumsum(p) - np.cumsum(q))[:-1]
    return float(np.sum(cdf_gap * np.diff(x)))


def w1_samples(a, b) -> float:
    """W1 between two empirical 1D samples (equal sizes: mean |sorted a - sorted b|)."""
    a, b = np.sort(np.asarray(a, float)), np.sort(np.asarray(b, float))
    if len(a) == len(b):
        return float(np.mean(np.abs(a - b)))
    from scipy.stats import wasserstein_distance

    return float(wasserstein_distance(a, b))


# ---- densities on a uniform grid --------------------------------------------------------------
def _masses(p, x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    dx = np.diff(x)
    if not np.allclose(dx, dx[0]):
        raise ValueError("density helpers need a uniform grid")
    return normalize(np.asarray(p, dtype=float))


def differential_entropy(p, x) -> float:
    """h(p) = -int p log p dx ~ H(p_i dx) + log dx; for N(mu, s^2): log(s sqrt(2 pi e))."""
    m = _masses(p, x)
    return entropy(m) + float(np.log(x[1] - x[0]))


def kl_density(p, q, x) -> float:
    """KL(p || q) = int p log(p/q) dx on the grid x (inf if q = 0 where p > 0)."""
    return kl(_masses(p, x), _masses(q, x))


def js_density(p, q, x) -> float:
    """JS(p, q) = int [p log(2p/(p+q)) + q log(2q/(p+q))] / 2 dx on the grid x."""
    return js(_masses(p, x), _masses(q, x))


def w1_density(p, q, x) -> float:
    """W1(p, q) = int |F_p - F_q| dx on the grid x."""
    return w1(_masses(p, x), _masses(q, x), x)


def cross_entropy_density(p, q, x) -> float:
    """H(p, q) = -int p log q dx = h(p) + KL(p || q)."""
    return differential_entropy(p, x) + kl_density(p, q, x)


# ---- closed forms for Gaussians ----------------------------------------------------------------
def kl_gauss(mu1: float, s1: float, mu2: float, s2: float) -> float:
    """KL(N(mu1, s1^2) || N(mu2, s2^2)) = log(s2/s1) + (s1^2 + (mu1-mu2)^2) / (2 s2^2) - 1/2."""
    return float(np.log(s2 / s1) + (s1**2 + (mu1 - mu2) ** 2) / (2 * s2**2) - 0.5)


def w1_gauss(mu1: float, s1: float, mu2: float, s2: float) -> float:
    """W1 between two 1D Gaussians = E|(mu1-mu2) + (s1-s2) Z| (quantile coupling, Z ~ N(0,1));
    equal sigmas give |mu1 - mu2|."""
    from scipy.stats import norm

    d, s = mu1 - mu2, abs(s1 - s2)
    if s == 0:
        return float(abs(d))
    # E|d + s Z| for Z ~ N(0, 1): folded normal mean
    return float(s * np.sqrt(2 / np.pi) * np.exp(-(d**2) / (2 * s**2))
                 + d * (1 - 2 * norm.cdf(-d / s)))


# ---- the "why WGAN" picture ----------------------------------------------------------------------
SHAPES = ("uniform", "gaussian")


@dataclass(frozen=True)
class SlideApart:
    """Two densities on a grid, q = p shifted right by `shift`, and their divergences."""

    shift: float
    x: np.ndarray
    p: np.ndarray
    q: np.ndarray
    kl_pq: float
    kl_qp: float
    js: float
    w1: float
    overlap: float  # int min(p, q) dx: the mass the two share


def _shape_pdf(shape: str, x, center: float, width: float) -> np.ndarray:
    """The density on grid x; for the uniform, the exact mass of each grid cell / dx, so that the
    jumps of U[center - width/2, center + width/2] need not fall on grid points."""
    x = np.asarray(x, dtype=float)
    if shape == "uniform":
        dx = x[1] - x[0]
        lo = np.maximum(x - dx / 2, center - width / 2)
        hi = np.minimum(x + dx / 2, center + width / 2)
        return np.clip(hi - lo, 0.0, None) / width / dx
    if shape == "gaussian":  # N(center, width^2)
        return np.exp(-0.5 * ((x - center) / width) ** 2) / (width * np.sqrt(2 * np.pi))
    raise ValueError(f"shape must be one of {SHAPES}, got {shape!r}")


def slide_apart(shift: float, shape: str = "uniform", width: float = 1.0, n: int = 4001,
                span: float | None = None) -> SlideApart:
    """p centred at 0, q the same shape centred at `shift` (>= 0), on a common grid.

    Closed forms (nats):
    - uniform of width w:  KL = inf for every shift > 0 (q = 0 on part of p's support);
      JS = (min(shift, w) / w) log 2; W1 = shift.
    - Gaussian of sd s:    KL(p||q) = KL(q||p) = shift^2 / (2 s^2), finite but growing
      quadratically (computed on the grid from log densities, so underflowing tails do not turn
      it into inf); JS -> log 2; W1 = shift.
    """
    shift = float(shift)
    if shift < 0:
        raise ValueError("shift must be >= 0")
    pad = 4 * width if shape == "uniform" else 10 * width
    span = span if span is not None else shift + 2 * pad
    lo = -pad
    x = np.linspace(lo, lo + span, n)
    p = _shape_pdf(shape, x, 0.0, width)
    q = _shape_pdf(shape, x, shift, width)
    if shape == "gaussian":
        # from log densities, stable in the tails where p and q underflow: M = (p + q)/2
        lp = -0.5 * (x / width) ** 2
        lq = -0.5 * ((x - shift) / width) ** 2
        lm = np.logaddexp(lp, lq) - np.log(2)
        pm, qm = np.exp(lp), np.exp(lq)
        kl_pq = float(np.sum(pm * (lp - lq)) / np.sum(pm))
        kl_qp = float(np.sum(qm * (lq - lp)) / np.sum(qm))
        js_val = 0.5 * (np.sum(pm * (lp - lm)) / np.sum(pm) + np.sum(qm * (lq - lm)) / np.sum(qm))
        js_val = float(min(max(js_val, 0.0), LOG2))
    else:
        kl_pq = kl_density(p, q, x)
        kl_qp = kl_density(q, p, x)
        js_val = js_density(p, q, x)
    dx = x[1] - x[0]
    return SlideApart(
        shift=shift, x=x, p=p, q=q, kl_pq=kl_pq, kl_qp=kl_qp, js=js_val,
        w1=w1_density(p, q, x), overlap=float(np.sum(np.minimum(p, q)) * dx),
    )
