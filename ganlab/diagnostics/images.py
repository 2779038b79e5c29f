"""Image metrics seen through the dataset's local classifier: Inception Score (Salimans et al.
2016), FID (Heusel et al. 2017) and precision/recall (Kynkäänniemi et al. 2019) in its features.

Inception FID/IS need downloaded weights; here the same ideas run on the small CNN of
`ganlab.train.classifier`, trained locally. Names are chosen so they cannot be mistaken for the
Inception numbers: `classifier_score` (not IS) and `fcd`, the Fréchet *classifier* distance (not
FID).

Logged per probe (labelled datasets):
  modes_covered     classes holding >= 10% of their fair share of confidently classified samples
                    (the toy rule of architecture §4 with "mode" = class, so the collapse
                    alarm reads it)
  confident_share   share of samples the classifier labels with p >= CONFIDENT (the HQ analogue)
  mode_kl           KL(class histogram || uniform) = ln K - H(p̂); floor ~ (K-1)/(2n)
  mode_share_<k>    share of all samples confidently of class k (sums to confident_share)
  classifier_score  exp(E_x KL(p(y|x) || p(y))): 1 for one class, K for K sharp, even classes
  fcd               Fréchet distance between real and generated 64-d classifier features
  precision, recall k-NN manifold estimates (Kynkäänniemi et al. 2019, k = 3): collapse keeps
                    precision and destroys recall
  duplicate_share   samples whose nearest generated neighbour is closer than 99% of real
                    nearest-neighbour distances (automated birthday test, Arora & Zhang 2017)
and for every image dataset with a held-out split, in pixel space:
  memorisation_ratio  mean distance from a sample to its nearest training image over the same for
                    held-out real images: ~1 for a generator, << 1 when it copies the training set
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import cdist

CONFIDENT = 0.8         # p(y|x) above which a sample counts as a clear member of its class
MIN_SHARE = 0.1         # a class is covered with >= 10% of its fair share n/K (architecture §4)
K_NEIGHBOURS = 3        # Kynkäänniemi et al.'s k
EVAL_N = 1000           # samples for the O(n²) metrics: ~0.1 s on a CPU, floor still low
REF_N = 2000            # real reference images (features cached per classifier)
DUPLICATE_QUANTILE = 1  # percentile of real NN distances below which two samples are "the same"
MEMO_N = 500            # samples (and held-out images) for the memorisation check
MODE_SHARE_PREFIX = "mode_share_"  # = registry.MODE_SHARE_PREFIX (not imported: it imports us)


# --- pure metrics on arrays ---------------------------------------------------------------------
def class_metrics(probs: np.ndarray) -> dict[str, float]:
    """From p(y|x) of n samples, (n, K): coverage, confident share, histogram KL, score."""
    n, K = probs.shape
    confident = probs.max(1) >= CONFIDENT
    counts = np.bincount(probs.argmax(1)[confident], minlength=K)
    hist = np.bincount(probs.argmax(1), minlength=K) / n
    nz = hist > 0
    p_y = probs.mean(0)  # marginal p(y) = E_x p(y|x)
    kl = (probs * (np.log(np.clip(probs, 1e-12, None)) - np.log(np.clip(p_y, 1e-12, None)))).sum(1)
    out = {"modes_covered": float((counts >= MIN_SHARE * n / K).sum()),
           "confident_share": float(confident.mean()),
           "mode_kl": float((hist[nz] * np.log(hist[nz] * K)).sum()),
           "classifier_score": float(np.exp(kl.mean()))}
    # Per-class shares under the registry's per-mode names (mode_share_00, ...): the share of
    # all samples confidently of class k, so the mode histogram over time works for images.
    out.update({f"{MODE_SHARE_PREFIX}{k:02d}": float(c / n) for k, c in enumerate(counts)})
    return out


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """‖μa − μb‖² + Tr(Σa + Σb − 2 (Σa Σb)^½); Tr of the root via eigenvalues (torchmetrics)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    mu = a.mean(0) - b.mean(0)
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    # Σa Σb is similar to a PSD matrix, so its eigenvalues are real and >= 0 up to round-off.
    root = np.sqrt(np.clip(np.linalg.eigvals(sa @ sb).real, 0, None)).sum()
    return float(mu @ mu + np.trace(sa) + np.trace(sb) - 2 * root)


def knn_radii(x: np.ndarray, k: int = K_NEIGHBOURS) -> np.ndarray:
    """Distance from each point to its k-th nearest neighbour in the same set (itself excluded)."""
    d = cdist(x, x)
    return np.partition(d, k, axis=1)[:, k]  # column 0 is the point itself (distance 0)


def precision_recall(real: np.ndarray, fake: np.ndarray, k: int = K_NEIGHBOURS,
                     real_radii: np.ndarray | None = None) -> tuple[float, float]:
    """Share of fakes inside the real manifold, share of reals inside the fake manifold; each
    manifold is a union of balls reaching every point's k-th neighbour (inclusive, as in
    torch-fidelity)."""
    r_real = knn_radii(real, k) if real_radii is None else real_radii
    r_fake = knn_radii(fake, k)
    d = cdist(fake, real)  # (n_fake, n_real)
    precision = (d <= r_real[None, :]).any(1).mean()
    recall = (d <= r_fake[:, None]).any(0).mean()
    return float(precision), float(recall)


def nn_within(x: np.ndarray) -> np.ndarray:
    """Distance from each point to its nearest other point of the same set."""
    d = cdist(x, x)
    np.fill_diagonal(d, np.inf)
    return d.min(1)


def duplicate_share(fake: np.ndarray, real_nn: np.ndarray) -> float:
    """Share of samples with a generated neighbour closer than the 1st percentile of real ones."""
    return float((nn_within(fake) < np.percentile(real_nn, DUPLICATE_QUANTILE)).mean())


def nearest_distance(x: np.ndarray, pool: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """For each row of x, the distance to its nearest row of pool (chunked: pool may be 60k)."""
    best = np.full(len(x), np.inf)
    for i in range(0, len(pool), chunk):
        best = np.minimum(best, cdist(x, pool[i:i + chunk]).min(1))
    return best


def memorisation_ratio(fake: np.ndarray, heldout: np.ndarray, train: np.ndarray) -> float:
    """mean NN distance to train (fakes) / mean NN distance to train (held-out reals)."""
    def flat(a):
        return np.asarray(a, np.float32).reshape(len(a), -1)

    ref = nearest_distance(flat(heldout), flat(train)).mean()
    return float(nearest_distance(flat(fake), flat(train)).mean() / ref) if ref > 0 else np.nan


# --- reference statistics of the real data, cached per classifier ------------------------------
class Reference:
    """Real features, their k-NN radii and NN distances, computed once per dataset."""

    def __init__(self, clf, data, seed: int = 0):
        rng = np.random.default_rng(seed)
        pixels = data.pixels.cpu()
        idx = rng.choice(len(pixels), min(REF_N, len(pixels)), replace=False)
        _, self.features = clf.predict(data.to_float(pixels[idx]))
        sub = self.features[:EVAL_N]
        self.radii = knn_radii(sub)
        self.nn = nn_within(sub)


_REFS: dict[int, Reference] = {}


def reference(clf, data) -> Reference:
    key = id(clf)  # one classifier per (dataset, shape, root): id is a stable cache key
    if key not in _REFS:
        _REFS[key] = Reference(clf, data)
    return _REFS[key]


def classifier_metrics(fake: np.ndarray, data, clf=None) -> dict[str, float]:
    """Every classifier-based metric for generated images `fake` (n, C, H, W) in [-1, 1]."""
    from ganlab.train.classifier import get_classifier

    clf = clf or get_classifier(data)
    if clf is None:
        return {}
    return classified_metrics(*clf.predict(fake), reference(clf, data))


def classified_metrics(probs: np.ndarray, feats: np.ndarray, ref: Reference) -> dict[str, float]:
    """classifier_metrics from the classifier's outputs on the images, `clf.predict(fake)`: for a
    caller that reads those outputs itself (ganlab.serve.broken_dcgan), so the images are
    classified once."""
    out = class_metrics(probs)
    out["fcd"] = frechet_distance(feats, ref.features)
    sub = feats[:EVAL_N]
    out["precision"], out["recall"] = precision_recall(ref.features[:EVAL_N], sub,
                                                       real_radii=ref.radii)
    out["duplicate_share"] = duplicate_share(sub, ref.nn)
    return out


def memorisation(fake: np.ndarray, data) -> dict[str, float]:
    if data.heldout is None:
        return {}
    held = data.to_float(data.heldout[:MEMO_N].cpu()).numpy()
    return {"memorisation_ratio": memorisation_ratio(fake[:MEMO_N], held,
                                                     data.to_float(data.pixels.cpu()).numpy())}


# --- registry entries: (name, cadence, applies, compute, metrics), see registry.Diagnostic -----
def _labelled_image(data) -> bool:
    return getattr(data, "kind", None) == "image" and getattr(data, "num_classes", 0) > 0


def _image(data) -> bool:
    return getattr(data, "kind", None) == "image"


IMAGE_DIAGNOSTICS = (
    # ~0.2 s at n = 2,500 on a CPU; every 250 iterations keeps it near 5% of a digits run.
    ("image_classifier", 250, _labelled_image, lambda p: classifier_metrics(p.fake, p.data),
     ("modes_covered", "confident_share", "mode_kl", "classifier_score", "fcd", "precision",
      "recall", "duplicate_share") + tuple(f"{MODE_SHARE_PREFIX}{k:02d}" for k in range(10))),
    # a nearest-neighbour search through the whole training set: the dearest, so the rarest
    ("image_memorisation", 1000, _image, lambda p: memorisation(p.fake, p.data),
     ("memorisation_ratio",)),
)
