"""Image datasets: each on-disk format written by the test itself (no downloads)."""

import io
import pickle
import struct
import zipfile

import numpy as np
import pytest
import torch
from PIL import Image

from ganlab.config import Config, ConfigError
from ganlab.data import images as images_mod
from ganlab.data import make_dataset
from ganlab.data.folder import MAX_FILES, extract_zip


def _check_contract(data, shape, classes):
    assert data.kind == "image" and data.shape == shape and data.num_classes == classes
    g = torch.Generator().manual_seed(0)
    x = data.sample(16, g)
    assert x.shape == (16, *shape) and x.dtype == torch.float32
    assert -1.0 <= x.min() and x.max() <= 1.0
    if classes:
        x, y = data.sample_with_labels(8, torch.Generator().manual_seed(1))
        assert y.dtype == torch.int64 and x.shape[0] == 8 and 0 <= y.min() and y.max() < classes


def test_digits_contract_reproducible_and_split():
    data = make_dataset(Config(dataset="digits"))
    _check_contract(data, (1, 8, 8), 10)
    assert len(data) == 1500 and len(data.heldout) == 297
    # every class appears in the held-out split (it is the classifier's test set)
    assert set(data.heldout_labels.tolist()) == set(range(10))
    a = data.sample(32, torch.Generator().manual_seed(5))
    b = data.sample(32, torch.Generator().manual_seed(5))
    assert torch.equal(a, b)
    # images use the whole range: background at -1, strokes near +1
    assert a.min() == -1.0 and a.max() > 0.9


def test_digits_image_size_resizes_and_rejects_tiny():
    data = make_dataset(Config(dataset="digits", image_size=16))
    assert data.shape == (1, 16, 16) and data.heldout.shape[-1] == 16
    with pytest.raises(ConfigError, match="image_size=2"):
        make_dataset(Config(dataset="digits", image_size=2))


def _write_idx(folder, prefix, n, seed):
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    labels = (np.arange(n) % 10).astype(np.uint8)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{prefix}-images-idx3-ubyte").write_bytes(
        struct.pack(">iiii", 0x803, n, 28, 28) + images.tobytes())
    (folder / f"{prefix}-labels-idx1-ubyte").write_bytes(
        struct.pack(">ii", 0x801, n) + labels.tobytes())
    return images, labels


@pytest.mark.parametrize("name, tv_dir", [("mnist", "MNIST"), ("fashion_mnist", "FashionMNIST")])
def test_idx_datasets_read_from_data_dir(tmp_path, name, tv_dir):
    raw = tmp_path / tv_dir / "raw"
    images, _ = _write_idx(raw, "train", 30, 0)
    _write_idx(raw, "t10k", 10, 1)
    data = make_dataset(Config(dataset=name, data_dir=str(tmp_path)))
    _check_contract(data, (1, 28, 28), 10)
    assert len(data) == 30 and len(data.heldout) == 10
    assert torch.equal(data.pixels[:, 0], torch.from_numpy(images))  # bytes read exactly
    small = make_dataset(Config(dataset=name, data_dir=str(tmp_path), image_size=16))
    assert small.shape == (1, 16, 16)


def test_mnist_offline_and_absent_says_where(tmp_path, monkeypatch):
    monkeypatch.setattr(images_mod, "_network_reachable", lambda url, timeout=3.0: False)
    with pytest.raises(ConfigError) as e:
        make_dataset(Config(dataset="mnist", data_dir=str(tmp_path)))
    msg = str(e.value)
    assert str(tmp_path / "MNIST" / "raw") in msg and "train-images-idx3-ubyte" in msg
    assert "t10k-labels-idx1-ubyte" in msg and "GANLAB_DATA" in msg


def test_data_dir_falls_back_to_env(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLAB_DATA", str(tmp_path))
    assert images_mod.data_root(Config()) == tmp_path


def _write_cifar(folder, n=20):
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name in images_mod.CIFAR_TRAIN + ("test_batch",):
        batch = {"batch_label": name, "labels": [int(i) for i in rng.integers(0, 10, n)],
                 "data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
                 "filenames": [f"{i}.png" for i in range(n)]}
        with open(folder / name, "wb") as f:
            pickle.dump(batch, f)
    with open(folder / "batches.meta", "wb") as f:
        pickle.dump({"label_names": ["airplane", "automobile", "bird", "cat", "deer", "dog",
                                     "frog", "horse", "ship", "truck"]}, f)


def test_cifar10_reads_pickled_batches(tmp_path):
    _write_cifar(tmp_path / "cifar-10-batches-py")
    data = make_dataset(Config(dataset="cifar10", data_dir=str(tmp_path)))
    _check_contract(data, (3, 32, 32), 10)
    assert len(data) == 100 and len(data.heldout) == 20 and data.class_names[0] == "airplane"


class _Boom:
    def __reduce__(self):
        return (print, ("this must never run",))


def test_cifar10_refuses_hostile_pickle(tmp_path):
    folder = tmp_path / "cifar-10-batches-py"
    _write_cifar(folder)
    with open(folder / "data_batch_3", "wb") as f:
        pickle.dump({"data": _Boom(), "labels": []}, f)
    with pytest.raises(ConfigError, match="refusing to load builtins.print"):
        make_dataset(Config(dataset="cifar10", data_dir=str(tmp_path)))


def _png(color, size=(20, 12), mode="RGB"):
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, format="PNG")
    return buf.getvalue()


def test_folder_of_pngs_grey_and_colour(tmp_path):
    grey = tmp_path / "grey"
    (grey / "sub").mkdir(parents=True)
    for i in range(5):
        (grey / f"{i}.png").write_bytes(_png(i * 40, mode="L"))
    (grey / "sub" / "x.png").write_bytes(_png(200, mode="L"))
    (grey / "notes.txt").write_text("not an image")
    data = make_dataset(Config(dataset="folder", data_dir=str(grey), image_size=8))
    assert data.shape == (1, 8, 8) and len(data) == 6 and data.num_classes == 0
    assert "6 images" in data.note and "1 not image" in data.note
    _check_contract(data, (1, 8, 8), 0)

    colour = tmp_path / "colour"
    colour.mkdir()
    for i in range(25):
        (colour / f"{i}.png").write_bytes(_png((i * 10, 0, 255)))
    data = make_dataset(Config(dataset="folder", data_dir=str(colour)))
    assert data.shape == (3, 32, 32) and len(data) + len(data.heldout) == 25


def test_folder_errors_are_messages(tmp_path):
    with pytest.raises(ConfigError, match="not a folder"):
        make_dataset(Config(dataset="folder", data_dir=str(tmp_path / "nope")))
    (tmp_path / "a.txt").write_text("hello")
    with pytest.raises(ConfigError, match="no readable images"):
        make_dataset(Config(dataset="folder", data_dir=str(tmp_path)))


def _bomb_png(side=20000):
    # A valid PNG header declaring side x side pixels: tiny on disk, gigabytes once decoded.
    import zlib

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * side
    idat = zlib.compress(row * 64, 9)  # a few rows only; the header alone must be refused
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_zip_with_bad_members(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("good/a.png", _png((255, 0, 0)))
        zf.writestr("b.png", _png((0, 255, 0)))
        zf.writestr("../../evil.png", _png((0, 0, 255)))
        zf.writestr("/abs/evil2.png", _png((0, 0, 255)))
        zf.writestr("bomb.png", _bomb_png())
        zf.writestr("script.py", "import os; os.system('echo pwned')")
        zf.writestr("fake.png", b"\x89PNG not really")
        link = zipfile.ZipInfo("link.png")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    dest = tmp_path / "run" / "upload"
    report = extract_zip(buf.getvalue(), dest)
    assert report.images == 2
    assert report.skipped == {"unsafe_name": 2, "too_large": 1, "not_image": 2, "link": 1}
    assert sorted(p.name for p in dest.iterdir()) == ["000001.png", "000002.png"]
    assert not (tmp_path / "evil.png").exists() and not list(tmp_path.rglob("evil*"))
    data = make_dataset(Config(dataset="folder", data_dir=str(dest), image_size=16))
    assert data.shape == (3, 16, 16) and len(data) == 2


def test_zip_limits(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="not a readable zip"):
        extract_zip(b"PK\x03\x04 garbage", tmp_path / "a")
    from ganlab.data import folder

    monkeypatch.setattr(folder, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ConfigError, match="over the"):
        extract_zip(b"x" * 101, tmp_path / "b")
    monkeypatch.setattr(folder, "MAX_UPLOAD_BYTES", 2**30)
    # a zip bomb: one member that inflates far past the unpacked limit
    monkeypatch.setattr(folder, "MAX_UNPACKED_BYTES", 2**20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"{i}.bin", b"\x00" * (2**20 // 2))
    with pytest.raises(ConfigError, match="unpacks to more than 1 MB"):
        extract_zip(buf.getvalue(), tmp_path / "c")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(MAX_FILES + 1):
            zf.writestr(f"{i}.txt", b"")
    with pytest.raises(ConfigError, match="at most"):
        extract_zip(buf.getvalue(), tmp_path / "d")
    with pytest.raises(ConfigError, match="no readable images"):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("a.txt", b"hi")
        extract_zip(buf.getvalue(), tmp_path / "e")
