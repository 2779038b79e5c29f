"""A small local classifier per labelled image dataset: the eyes of the image metrics.

Inception-based FID/IS download their weights at run time, which offline classrooms cannot do.
Instead each labelled dataset gets a small CNN, trained here the first time a metric needs it
(seconds for digits, under a minute for MNIST on a CPU), tested on
the dataset's held-out split, and cached beside the data as safetensors + JSON (loading never
unpickles). Its softmax gives p(y|x) for the class metrics; its 64-d penultimate layer is the
feature space of the Fréchet classifier distance and of precision/recall.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ganlab import atomic

log = logging.getLogger(__name__)

VERSION = 1             # bump when the architecture or recipe changes: old caches are retrained
FEATURE_DIM = 64        # penultimate width; low-d features keep the Fréchet bias small (~d²/2n)
BATCH = 128
MIN_STEPS, MAX_STEPS = 300, 2000   # ~3 epochs, bounded: digits get ~25 epochs, MNIST ~3
LR = 1e-3
PREDICT_BATCH = 1000

Progress = Callable[[float, str], None]


class SmallCNN(nn.Module):
    """x (B, C, H, W) in [-1, 1] -> (logits (B, K), features (B, FEATURE_DIM)); any H >= 4."""

    def __init__(self, channels: int, num_classes: int):
        super().__init__()
        # Pool early: the full-resolution layer is kept narrow because it dominates the cost.
        self.body = nn.Sequential(
            nn.Conv2d(channels, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(2),  # same head for 8, 16, 28 and 32 pixel inputs
            nn.Flatten(), nn.Linear(256, FEATURE_DIM), nn.ReLU())
        self.head = nn.Linear(FEATURE_DIM, num_classes)

    def forward(self, x):
        h = self.body(x)
        return self.head(h), h


@dataclass
class Classifier:
    net: SmallCNN
    accuracy: float          # on the held-out split
    class_names: tuple[str, ...]
    shape: tuple[int, int, int]
    train_seconds: float = 0.0

    @torch.no_grad()
    def predict(self, x) -> tuple[np.ndarray, np.ndarray]:
        """Images (n, C, H, W) in [-1, 1] -> (p(y|x) as (n, K), features (n, FEATURE_DIM))."""
        x = torch.as_tensor(np.asarray(x, dtype=np.float32))
        if tuple(x.shape[1:]) != self.shape:
            raise ValueError(f"classifier expects images of shape {self.shape}, "
                             f"got {tuple(x.shape[1:])}")
        self.net.eval()
        probs, feats = [], []
        for chunk in x.split(PREDICT_BATCH):
            logits, h = self.net(chunk)
            probs.append(F.softmax(logits.double(), 1))
            feats.append(h.double())
        return torch.cat(probs).numpy(), torch.cat(feats).numpy()


def _paths(root: Path, name: str, shape) -> tuple[Path, Path]:
    stem = root / "classifiers" / f"{name}-{'x'.join(map(str, shape))}"
    return stem.with_suffix(".safetensors"), stem.with_suffix(".json")


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)   # the cache lives in the data folder
    atomic.write(path, data)


def _log_progress(done: float, text: str) -> None:
    log.info("classifier %3.0f%% %s", 100 * done, text)


def train_classifier(data, progress: Progress | None = None, seed: int = 0) -> Classifier:
    """Train the CNN on the training split; accuracy is measured on the held-out split."""
    progress = progress or _log_progress
    x_all, y_all = data.pixels.cpu(), data.labels.cpu()
    steps = int(np.clip(3 * len(x_all) // BATCH, MIN_STEPS, MAX_STEPS))
    gen = torch.Generator().manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        net = SmallCNN(data.shape[0], data.num_classes)
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, LR * 3, total_steps=steps)
    start = time.monotonic()
    net.train()
    for step in range(steps):
        idx = torch.randint(len(x_all), (BATCH,), generator=gen)
        x = data.to_float(x_all[idx])
        # Mild pixel noise: generated images are never clean, and a classifier that has seen a
        # little noise gives steadier predictions on them.
        x = x + 0.1 * torch.randn(x.shape, generator=gen)
        loss = F.cross_entropy(net(x)[0], y_all[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if step % max(1, steps // 20) == 0:
            progress(step / steps, f"training the {data.name} classifier: loss {loss.item():.3f}")
    clf = Classifier(net.eval(), 0.0, data.class_names, data.shape, time.monotonic() - start)
    probs, _ = clf.predict(data.to_float(data.heldout.cpu()))
    clf.accuracy = float((probs.argmax(1) == data.heldout_labels.cpu().numpy()).mean())
    progress(1.0, f"{data.name} classifier: {clf.accuracy:.1%} held-out accuracy")
    return clf


def save_classifier(clf: Classifier, root: Path, name: str) -> None:
    from safetensors.torch import save

    weights, meta = _paths(Path(root), name, clf.shape)
    _atomic_write(weights, save({k: v.contiguous() for k, v in clf.net.state_dict().items()}))
    _atomic_write(meta, json.dumps({"version": VERSION, "accuracy": clf.accuracy,
                                    "class_names": list(clf.class_names),
                                    "shape": list(clf.shape),
                                    "train_seconds": clf.train_seconds}).encode())


def load_classifier(root: Path, name: str, shape) -> Classifier | None:
    """The cached classifier, or None when there is none (or it is stale or unreadable)."""
    from safetensors.torch import load

    weights, meta_path = _paths(Path(root), name, shape)
    try:
        meta = json.loads(meta_path.read_text())
        if meta.get("version") != VERSION or tuple(meta["shape"]) != tuple(shape):
            return None
        net = SmallCNN(shape[0], len(meta["class_names"]))
        net.load_state_dict(load(weights.read_bytes()))
    except (OSError, ValueError, KeyError, RuntimeError, json.JSONDecodeError):
        return None
    return Classifier(net.eval(), float(meta["accuracy"]), tuple(meta["class_names"]),
                      tuple(shape), float(meta.get("train_seconds", 0.0)))


def cached_accuracy(root: Path, name: str, shape) -> float | None:
    """Held-out accuracy of the cached classifier (reads only its JSON), or None."""
    try:
        meta = json.loads(_paths(Path(root), name, shape)[1].read_text())
        return float(meta["accuracy"]) if meta.get("version") == VERSION else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


_LOADED: dict[tuple, Classifier] = {}   # process-wide: one classifier per dataset and shape
_LOCK = threading.Lock()


def get_classifier(data, progress: Progress | None = None) -> Classifier | None:
    """The dataset's classifier: from memory, else the cache, else trained now and cached.
    None for unlabelled data (a folder of user images)."""
    if not getattr(data, "num_classes", 0) or data.heldout is None:
        return None
    root = Path(data.root) if data.root is not None else None
    key = (data.name, data.shape, str(root))
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        clf = load_classifier(root, data.name, data.shape) if root else None
        if clf is None:
            clf = train_classifier(data, progress)
            if root:
                try:
                    save_classifier(clf, root, data.name)
                except OSError as e:  # a read-only data dir costs a retrain next time, no more
                    log.warning("could not cache the classifier in %s: %s", root, e)
        elif progress:
            progress(1.0, f"{data.name} classifier: {clf.accuracy:.1%} held-out accuracy")
        _LOADED[key] = clf
        return clf
