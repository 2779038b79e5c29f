"""Sampling a population, and splitting a data set for evaluation.

A `Population` is N items with a value y_i (what we want the mean of), a stratum label (a visible
group such as a class or a school year) and a cluster label (a box of items that are surveyed
together). Four ways to draw n items and estimate the population mean Ybar = (1/N) sum_i y_i:

- simple random: n distinct items, every subset equally likely;   estimate ybar
- systematic:    step k = N/n, random start u ~ U[0, k), items floor(u + j k), j = 0..n-1
- stratified:    n_h ~ n N_h / N items at random inside each stratum h;  estimate sum_h W_h ybar_h
- cluster:       m whole clusters at random (m ~ n / cluster size);     estimate = their mean

Each has an exact sampling variance (Cochran, *Sampling Techniques*), so the spread a page shows
from `repeat_estimates` can be checked against the formula:

    Var_srs   = (1 - n/N) S^2 / n                       S^2   = sum (y_i - Ybar)^2 / (N - 1)
    Var_strat = sum_h W_h^2 (1 - n_h/N_h) S_h^2 / n_h   W_h   = N_h / N
    Var_clus  = (1 - m/K) S_c^2 / m                     S_c^2 = variance of the K cluster means
                                                        (equal cluster sizes, K - 1 in the
                                                        denominator)
    Var_sys   = E_u[(ybar(u) - Ybar)^2], enumerated exactly over the start u

Data splits for evaluation: hold-out, k-fold, and the bootstrap, whose out-of-bag share is
(1 - 1/m)^m -> 1/e ~ 0.368.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METHODS = ("simple_random", "systematic", "stratified", "cluster")


@dataclass(frozen=True)
class Population:
    """N items: value y_i, stratum label (0..H-1) and cluster label (0..K-1), in survey order."""

    values: np.ndarray
    strata: np.ndarray
    clusters: np.ndarray

    @property
    def N(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float:
        """Ybar = (1/N) sum_i y_i, the quantity every method estimates."""
        return float(np.mean(self.values))

    @property
    def n_strata(self) -> int:
        return int(self.strata.max()) + 1

    @property
    def n_clusters(self) -> int:
        return int(self.clusters.max()) + 1


def make_population(
    strata_sizes=(120, 100, 100, 80),
    strata_means=(2.0, 5.0, 8.0, 11.0),
    within_sd: float = 1.0,
    cluster_size: int = 10,
    cluster_sd: float = 1.0,
    order: str = "grouped",
    rng: np.random.Generator | None = None,
) -> Population:
    """A population with visible groups.

    Stratum h holds N_h items; it is cut into clusters of `cluster_size` consecutive items, and
    item i of cluster c in stratum h has value  y = mean_h + b_c + e_i,  b_c ~ N(0, cluster_sd^2),
    e_i ~ N(0, within_sd^2): items of a cluster resemble each other (one batch, one classroom).
    `order="grouped"` lists items stratum by stratum (the order a systematic sample walks along);
    `order="random"` shuffles that order.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    if len(strata_sizes) != len(strata_means):
        raise ValueError("strata_sizes and strata_means must have the same length")
    values, strata, clusters = [], [], []
    c = 0
    for h, (size, mu) in enumerate(zip(strata_sizes, strata_means)):
        size = int(size)
        if size < 1:
            raise ValueError(f"stratum {h} is empty")
        n_clus = int(np.ceil(size / cluster_size))
        b = rng.normal(0.0, cluster_sd, n_clus)
        lab = np.arange(size) // cluster_size
        values.append(mu + b[lab] + rng.normal(0.0, within_sd, size))
        strata.append(np.full(size, h))
        clusters.append(c + lab)
        c += n_clus
    values, strata, clusters = (np.concatenate(a) for a in (values, strata, clusters))
    if order == "random":
        perm = rng.permutation(len(values))
        values, strata, clusters = values[perm], strata[perm], clusters[perm]
    elif order != "grouped":
        raise ValueError(f"order must be 'grouped' or 'random', got {order!r}")
    return Population(values.astype(float), strata.astype(int), clusters.astype(int))


# ---- the four designs ---------------------------------------------------------------------------
def simple_random(pop: Population, n: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct indices, every subset of size n equally likely."""
    return np.sort(rng.choice(pop.N, size=n, replace=False))


def systematic(pop: Population, n: int, rng: np.random.Generator,
               start: float | None = None) -> np.ndarray:
    """Every k-th item, k = N/n (may be fractional): indices floor(u + j k), u ~ U[0, k)."""
    k = pop.N / n
    u = rng.uniform(0.0, k) if start is None else float(start)
    return np.floor(u + k * np.arange(n)).astype(int)


def proportional_allocation(pop: Population, n: int) -> np.ndarray:
    """n_h proportional to N_h (largest remainders), at least 1 per stratum when n >= H."""
    sizes = np.bincount(pop.strata, minlength=pop.n_strata)
    exact = n * sizes / pop.N
    alloc = np.floor(exact).astype(int)
    if n >= len(sizes):
        alloc = np.maximum(alloc, 1)
    while alloc.sum() < n:
        alloc[np.argmax(exact - alloc)] += 1
    while alloc.sum() > n:
        alloc[np.argmax(alloc - exact)] -= 1
    return np.minimum(alloc, sizes)


def stratified(pop: Population, n: int, rng: np.random.Generator) -> np.ndarray:
    """A simple random sample of n_h items inside every stratum (proportional allocation)."""
    alloc = proportional_allocation(pop, n)
    idx = [rng.choice(np.flatnonzero(pop.strata == h), size=a, replace=False)
           for h, a in enumerate(alloc)]
    return np.sort(np.concatenate(idx))


def clusters_for(pop: Population, n: int) -> int:
    """m = the number of whole clusters whose items add up to about n:
    max(1, round(n / mean size))."""
    mean_size = pop.N / pop.n_clusters
    return int(np.clip(round(n / mean_size), 1, pop.n_clusters))


def cluster(pop: Population, n: int, rng: np.random.Generator) -> np.ndarray:
    """Every item of m clusters drawn at random, m = clusters_for(pop, n)."""
    chosen = rng.choice(pop.n_clusters, size=clusters_for(pop, n), replace=False)
    return np.flatnonzero(np.isin(pop.clusters, chosen))


DRAW = {"simple_random": simple_random, "systematic": systematic, "stratified": stratified,
        "cluster": cluster}


def estimate(method: str, pop: Population, idx: np.ndarray) -> float:
    """The method's estimate of Ybar from the drawn items.

    stratified: sum_h W_h ybar_h with W_h = N_h / N; the others: the plain sample mean (for cluster
    sampling that is the ratio estimator, unbiased when clusters have equal sizes).
    """
    y = pop.values[idx]
    if method == "stratified":
        sizes = np.bincount(pop.strata, minlength=pop.n_strata)
        s = pop.strata[idx]
        return float(sum(sizes[h] / pop.N * y[s == h].mean() for h in np.unique(s)))
    if method not in DRAW:
        raise ValueError(f"unknown sampling method {method!r}; choose from {METHODS}")
    return float(y.mean())


def draw(method: str, pop: Population, n: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of one sample of size about n drawn by `method`."""
    if method not in DRAW:
        raise ValueError(f"unknown sampling method {method!r}; choose from {METHODS}")
    if not 1 <= n <= pop.N:
        raise ValueError(f"sample size n must be in [1, {pop.N}], got {n}")
    return DRAW[method](pop, n, rng)


def repeat_estimates(method: str, population: Population, n: int, reps: int,
                     rng: np.random.Generator) -> np.ndarray:
    """`reps` independent estimates of the population mean, one per fresh sample of size n."""
    return np.array([estimate(method, population, draw(method, population, n, rng))
                     for _ in range(reps)])


# ---- exact sampling variances -------------------------------------------------------------------
def srs_variance(pop: Population, n: int) -> float:
    """Var(ybar) = (1 - n/N) S^2 / n, S^2 = sum (y - Ybar)^2 / (N - 1)  (without replacement)."""
    return float((1 - n / pop.N) * np.var(pop.values, ddof=1) / n)


def stratified_variance(pop: Population, n: int) -> float:
    """Var = sum_h W_h^2 (1 - n_h/N_h) S_h^2 / n_h, with the proportional allocation n_h."""
    alloc = proportional_allocation(pop, n)
    total = 0.0
    for h, nh in enumerate(alloc):
        yh = pop.values[pop.strata == h]
        Nh = len(yh)
        s2 = np.var(yh, ddof=1) if Nh > 1 else 0.0
        total += (Nh / pop.N) ** 2 * (1 - nh / Nh) * s2 / nh
    return float(total)


def cluster_variance(pop: Population, n: int) -> float:
    """Var = (1 - m/K) S_c^2 / m for K equal-size clusters, S_c^2 = var of cluster means
    (ddof 1)."""
    sizes = np.bincount(pop.clusters)
    if np.any(sizes != sizes[0]):
        raise ValueError("the closed form needs clusters of equal size")
    K, m = pop.n_clusters, clusters_for(pop, n)
    means = np.bincount(pop.clusters, weights=pop.values) / sizes
    return float((1 - m / K) * np.var(means, ddof=1) / m)


def systematic_variance(pop: Population, n: int) -> float:
    """E_u[(ybar(u) - Ybar)^2] over u ~ U[0, k): exact, by enumerating where the sample changes."""
    k = pop.N / n
    j = np.arange(n)
    # the sample floor(u + j k) changes where u + j k crosses an integer
    first = np.ceil(j * k) - j * k
    breaks = (first[:, None] + np.arange(int(np.ceil(k)) + 1)[None, :]).ravel()
    breaks = np.unique(np.concatenate([[0.0, k], breaks[(breaks > 0) & (breaks < k)]]))
    mids, lengths = (breaks[:-1] + breaks[1:]) / 2, np.diff(breaks)
    keep = lengths > 1e-12
    means = np.array([pop.values[systematic(pop, n, None, start=u)].mean() for u in mids[keep]])
    return float(np.sum(lengths[keep] / k * (means - pop.mean) ** 2))


EXACT_VARIANCE = {
    "simple_random": srs_variance,
    "systematic": systematic_variance,
    "stratified": stratified_variance,
    "cluster": cluster_variance,
}


def precision_ranking(pop: Population, n: int) -> list[tuple[str, float]]:
    """(method, exact SD of its estimate) from the most to the least precise. Which design wins
    depends on the population and on the list order (systematic sampling of a list sorted by
    stratum is implicitly stratified), so the page reads its claim off this, not off a rule."""
    sds = {m: float(np.sqrt(EXACT_VARIANCE[m](pop, n))) for m in METHODS}
    return sorted(sds.items(), key=lambda kv: kv[1])


def systematic_numbers(N: int, n: int, start: int) -> np.ndarray:
    """The item numbers (1-based) a systematic sample takes: start, start + k, ... with k = N/n;
    the lecture notes' example N = 1200, n = 50, start 18 gives 18, 42, ..., 1194."""
    if N % n:
        raise ValueError(f"N = {N} is not a multiple of n = {n}")
    k = N // n
    if not 1 <= start <= k:
        raise ValueError(f"start must be in [1, {k}], got {start}")
    return start + k * np.arange(n)


# ---- splitting a data set ------------------------------------------------------------------------
def holdout_split(m: int, test_fraction: float, rng: np.random.Generator, strata=None):
    """(train, test) index arrays: a share `test_fraction` held out for testing.

    With `strata` (one label per item) the split is stratified: each class keeps its proportion in
    both parts, round(test_fraction * m_h) test items per class.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    labels = np.zeros(m, int) if strata is None else np.asarray(strata)
    test = []
    for h in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == h))
        test.append(members[: int(round(test_fraction * len(members)))])
    test = np.sort(np.concatenate(test))
    train = np.setdiff1d(np.arange(m), test)
    return train, test


def kfold_splits(m: int, k: int, rng: np.random.Generator, strata=None):
    """k (train, test) pairs; the k test folds are disjoint, cover all m items, sizes differ by <= 1
    (per class when `strata` is given: items of each class are dealt round-robin into the folds)."""
    if not 2 <= k <= m:
        raise ValueError(f"k must be in [2, {m}], got {k}")
    labels = np.zeros(m, int) if strata is None else np.asarray(strata)
    fold = np.empty(m, int)
    offset = 0
    for h in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == h))
        fold[members] = (offset + np.arange(len(members))) % k
        offset += len(members)
    return [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(k)]


def bootstrap(m: int, rng: np.random.Generator):
    """(drawn, out_of_bag): m draws with replacement from m items, and the items never drawn."""
    drawn = rng.integers(0, m, size=m)
    return drawn, np.setdiff1d(np.arange(m), drawn)


def never_drawn_shares(m: int, reps: int, rng: np.random.Generator) -> np.ndarray:
    """The out-of-bag share of each of `reps` bootstraps of size m (one number per bootstrap)."""
    draws = rng.integers(0, m, size=(reps, m))
    seen = np.zeros((reps, m), bool)
    seen[np.arange(reps)[:, None], draws] = True
    return 1.0 - seen.mean(axis=1)


def never_drawn_share(m: int, reps: int, rng: np.random.Generator) -> float:
    """Average share of the m items that a bootstrap of size m never draws (Monte Carlo)."""
    return float(never_drawn_shares(m, reps, rng).mean())


def never_drawn_share_exact(m) -> np.ndarray | float:
    """P(an item is never drawn in m draws) = (1 - 1/m)^m, which tends to 1/e ~ 0.3679."""
    m = np.asarray(m, dtype=float)
    out = (1.0 - 1.0 / m) ** m
    return float(out) if out.ndim == 0 else out


def never_drawn_share_sd(m: int) -> float:
    """Standard deviation of one bootstrap's out-of-bag share X/m, X = sum of m indicators:

    Var X = m a (1 - a) + m (m - 1) (b - a^2),  a = (1 - 1/m)^m,  b = (1 - 2/m)^m
    (b is the chance that two given items are both never drawn).
    """
    a, b = (1 - 1 / m) ** m, (1 - 2 / m) ** m
    var_x = m * a * (1 - a) + m * (m - 1) * (b - a * a)
    return float(np.sqrt(max(var_x, 0.0)) / m)
