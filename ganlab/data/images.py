"""Image datasets: registry `IMAGES = {name: builder(cfg) -> ImageDataset}`.

Every dataset lives in memory as one uint8 tensor (N, C, H, W) and is turned into float32 in
[-1, 1] only for the batch being drawn, so MNIST costs 47 MB and CIFAR-10 150 MB rather than 4x
that. Indices come from the caller's CPU generator, so (config, seed) reproduces the data stream.
Each dataset keeps a held-out split (`heldout`) that G never trains on: the classifier's test set,
the "real data" ceiling of the image metrics and the reference of the memorisation check.

Downloadable sets (mnist, fashion_mnist, cifar10) are read from the data directory (`data_dir`,
else $GANLAB_DATA, else ./data) in torchvision's own layout; when absent they are downloaded
(torchvision shows progress) if a network is reachable, else ConfigError says which files to put
where. CIFAR-10's batches are Python pickles: they are read with an unpickler that can build only
dicts, lists and NumPy arrays, so a planted file cannot run code.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import socket
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import torch
import torch.nn.functional as F

from ganlab.config import ConfigError

log = logging.getLogger(__name__)

DIGITS_SIZE = 8
"""sklearn's digits are 8x8 and are kept so: measured on a shared 2-core CPU, DCGAN trains ~5x
faster than on the same digits upsampled to 16x16 (36 vs 7 it/s) and covers all 10 classes
within 500 iterations, and the classifier reaches 99% held-out accuracy (98% at 16x16) in a
third of the time. `image_size=16` gives the upsampled version (two stride-2 stages in DCGAN)."""

DIGITS_HELDOUT = 297
"""1,797 digits = 1,500 for training + 297 held out (about the share MNIST holds out)."""

MIN_SIZE = 4  # DCGAN's smallest feature map; below it there is nothing to convolve


class ImageDataset:
    """In-memory images with optional labels; `sample` returns float32 (n, C, H, W) in [-1, 1]."""

    kind = "image"

    def __init__(self, name: str, pixels: torch.Tensor, labels: torch.Tensor | None = None,
                 class_names: tuple[str, ...] = (), heldout: torch.Tensor | None = None,
                 heldout_labels: torch.Tensor | None = None, note: str = "",
                 root: Path | None = None):
        assert pixels.dtype == torch.uint8 and pixels.dim() == 4, (pixels.dtype, pixels.shape)
        self.name = name
        self.pixels = pixels                      # (N, C, H, W) uint8: the training split
        self.labels = labels                      # (N,) int64, or None when unlabelled
        self.heldout = heldout                    # (M, C, H, W) uint8, never trained on
        self.heldout_labels = heldout_labels
        self.class_names = tuple(class_names) if labels is not None else ()
        self.num_classes = len(self.class_names)
        self.shape = tuple(pixels.shape[1:])
        self.note = note                          # shown to the user, e.g. what was skipped
        self.root = root                          # data directory: the classifier cache lives here

    def __len__(self) -> int:
        return len(self.pixels)

    @staticmethod
    def to_float(pixels: torch.Tensor) -> torch.Tensor:
        # uint8 [0, 255] -> float32 [-1, 1], matching G's tanh output
        return pixels.float().div_(127.5).sub_(1.0)

    def _indices(self, n: int, gen: torch.Generator) -> torch.Tensor:
        idx = torch.randint(len(self.pixels), (n,), generator=gen)
        return idx.to(self.pixels.device, non_blocking=True)

    def sample(self, n: int, gen: torch.Generator) -> torch.Tensor:
        return self.to_float(self.pixels[self._indices(n, gen)])

    def sample_with_labels(self, n: int, gen: torch.Generator):
        if self.labels is None:
            raise ConfigError(f"conditional=true: dataset {self.name} has no labels")
        idx = self._indices(n, gen)
        return self.to_float(self.pixels[idx]), self.labels[idx]

    def to(self, device) -> ImageDataset:
        """Keep the uint8 tensor on the training device: batches are then gathered there and no
        image crosses the host-device bus during training (the GPU fast path)."""
        self.pixels = self.pixels.to(device)
        if self.labels is not None:
            self.labels = self.labels.to(device)
        return self


# --- helpers shared by the builders -------------------------------------------------------------
def data_root(cfg) -> Path:
    """cfg.data_dir, else $GANLAB_DATA, else ./data."""
    return Path(cfg.data_dir or os.environ.get("GANLAB_DATA") or "data").expanduser()


def resize(pixels: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 (N, C, H, W) -> uint8 (N, C, size, size); antialiased when shrinking."""
    if size == pixels.shape[-1] and size == pixels.shape[-2]:
        return pixels
    out = []
    for chunk in pixels.split(4096):  # bounded float memory for 60k-image sets
        x = F.interpolate(chunk.float(), size=(size, size), mode="bilinear", antialias=True,
                          align_corners=False)
        out.append(x.round_().clamp_(0, 255).to(torch.uint8))
    return torch.cat(out)


def target_size(cfg, native: int) -> int:
    size = cfg.image_size or native
    if size < MIN_SIZE:
        raise ConfigError(f"image_size={cfg.image_size}: must be 0 (the dataset's own size) or "
                          f"between {MIN_SIZE} and 64")
    return size


def _make(name, cfg, native, x, y, classes, x_test, y_test, note=""):
    size = target_size(cfg, native)
    return ImageDataset(name, resize(x, size), y, classes, resize(x_test, size), y_test, note,
                        root=data_root(cfg))


# --- digits: embedded, offline -----------------------------------------------------------------
def build_digits(cfg) -> ImageDataset:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    # values 0..16 -> 0..255, then a fixed shuffle so the held-out split has every class
    x = torch.from_numpy(np.round(bunch.images * (255 / 16)).astype(np.uint8))[:, None]
    y = torch.from_numpy(bunch.target.astype(np.int64))
    perm = torch.from_numpy(np.random.default_rng(0).permutation(len(x)))
    x, y = x[perm], y[perm]
    x = resize(x, DIGITS_SIZE)
    cut = len(x) - DIGITS_HELDOUT
    classes = tuple(str(i) for i in range(10))
    return _make("digits", cfg, DIGITS_SIZE, x[:cut], y[:cut], classes, x[cut:], y[cut:])


# --- MNIST and Fashion-MNIST: IDX files in torchvision's layout --------------------------------
def _network_reachable(url: str, timeout: float = 3.0) -> bool:
    parts = urlparse(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def _gunzip_if_needed(folder: Path, names: list[str]) -> None:
    """Accept the .gz files as published: unpack them beside themselves (gzip runs no code)."""
    import gzip
    import shutil

    for name in names:
        plain, packed = folder / name, folder / (name + ".gz")
        if not plain.exists() and packed.exists():
            with gzip.open(packed, "rb") as src, open(plain, "wb") as dst:
                shutil.copyfileobj(src, dst)


def _idx_dataset(cfg, name: str, tv_class_name: str) -> ImageDataset:
    import torchvision.datasets as tvd

    cls = getattr(tvd, tv_class_name)
    root = data_root(cfg)
    raw = root / tv_class_name / "raw"
    files = [Path(url).stem for url, _ in cls.resources]  # names without .gz
    if raw.is_dir():
        _gunzip_if_needed(raw, files)
    missing = [f for f in files if not (raw / f).is_file()]
    if missing:
        _download_or_explain(name, root, cls.mirrors[0], lambda: cls(root, download=True),
                             f"put {', '.join(files)} (unzipped or .gz) in {raw}/")
    try:
        train, test = cls(root, train=True), cls(root, train=False)
    except (RuntimeError, ValueError, OSError) as e:
        raise ConfigError(f"dataset={name}: the files in {raw} cannot be read ({e}); "
                          f"delete them to download again") from None
    return _make(name, cfg, 28, train.data[:, None].clone(), train.targets.long(),
                 tuple(train.classes), test.data[:, None].clone(), test.targets.long())


def _download_or_explain(name: str, root: Path, url: str, download, where: str) -> None:
    hint = "or set data_dir (or $GANLAB_DATA) to the folder that holds them"
    if not _network_reachable(url):
        raise ConfigError(f"dataset={name}: not found under {root} and no network to download "
                          f"it; {where} ({url}), {hint}")
    log.info("downloading %s into %s", name, root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        download()
    except Exception as e:  # network errors come in many types; all mean the same to the user
        raise ConfigError(f"dataset={name}: download failed ({type(e).__name__}: {e}); "
                          f"{where} ({url}), {hint}") from None


def build_mnist(cfg) -> ImageDataset:
    return _idx_dataset(cfg, "mnist", "MNIST")


def build_fashion_mnist(cfg) -> ImageDataset:
    return _idx_dataset(cfg, "fashion_mnist", "FashionMNIST")


# --- CIFAR-10: pickled batches, read without running code ------------------------------------
CIFAR_DIR = "cifar-10-batches-py"
CIFAR_TRAIN = tuple(f"data_batch_{i}" for i in range(1, 6))
CIFAR_FILES = CIFAR_TRAIN + ("test_batch", "batches.meta")
CIFAR_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"

_SAFE_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.numeric", "_frombuffer"), ("numpy._core.numeric", "_frombuffer"),
    ("numpy", "ndarray"), ("numpy", "dtype"), ("codecs", "encode"),
}


class _ArrayUnpickler(pickle.Unpickler):
    """Builds dicts, lists, strings and NumPy arrays; refuses every other global."""

    def find_class(self, module, name):
        if (module, name) not in _SAFE_GLOBALS:
            raise pickle.UnpicklingError(f"refusing to load {module}.{name}")
        return super().find_class(module, name)


def _load_batch(path: Path) -> dict:
    try:
        obj = _ArrayUnpickler(io.BytesIO(path.read_bytes()), encoding="latin1").load()
    except Exception as e:  # any malformed or hostile file ends up here
        raise ConfigError(f"dataset=cifar10: {path} is not a CIFAR-10 batch ({e})") from None
    if not isinstance(obj, dict):
        raise ConfigError(f"dataset=cifar10: {path} is not a CIFAR-10 batch")
    return {k.decode("latin1") if isinstance(k, bytes) else k: v for k, v in obj.items()}


def _cifar_split(folder: Path, names) -> tuple[torch.Tensor, torch.Tensor]:
    xs, ys = [], []
    for name in names:
        batch = _load_batch(folder / name)
        try:
            data = np.asarray(batch["data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
            labels = np.asarray(batch.get("labels", batch.get("fine_labels")), dtype=np.int64)
        except (KeyError, ValueError, TypeError) as e:
            raise ConfigError(f"dataset=cifar10: {folder / name} has unexpected content ({e})"
                              ) from None
        if len(labels) != len(data) or labels.min() < 0 or labels.max() > 9:
            raise ConfigError(f"dataset=cifar10: {folder / name}: labels do not match the images")
        xs.append(torch.from_numpy(data.copy()))
        ys.append(torch.from_numpy(labels))
    return torch.cat(xs), torch.cat(ys)


def build_cifar10(cfg) -> ImageDataset:
    root = data_root(cfg)
    folder = root / CIFAR_DIR
    if not all((folder / f).is_file() for f in CIFAR_FILES):
        import torchvision.datasets as tvd

        _download_or_explain("cifar10", root, CIFAR_URL,
                             lambda: tvd.CIFAR10(root, download=True),
                             f"unpack cifar-10-python.tar.gz so that {folder}/ holds "
                             f"{', '.join(CIFAR_FILES)}")
    x, y = _cifar_split(folder, CIFAR_TRAIN)
    x_test, y_test = _cifar_split(folder, ("test_batch",))
    names = tuple(_load_batch(folder / "batches.meta").get("label_names", ()))
    if len(names) != 10:
        names = tuple(str(i) for i in range(10))
    return _make("cifar10", cfg, 32, x, y, names, x_test, y_test)


def build_folder(cfg) -> ImageDataset:
    from ganlab.data.folder import load_folder  # Pillow only when user images are used

    return load_folder(cfg)


CLASS_NAMES = {
    "digits": tuple(str(i) for i in range(10)),
    "mnist": tuple(str(i) for i in range(10)),
    "fashion_mnist": ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                      "Sneaker", "Bag", "Ankle boot"),
    "cifar10": ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                "truck"),
}
"""Display names without loading the data (the UI process only needs the labels)."""

IMAGES = {
    "digits": build_digits,
    "mnist": build_mnist,
    "fashion_mnist": build_fashion_mnist,
    "cifar10": build_cifar10,
    "folder": build_folder,
}
