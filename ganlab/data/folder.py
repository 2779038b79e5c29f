"""The user's own images: a directory (CLI, `data_dir`) or an uploaded zip (the app).

Everything the user hands in is treated as hostile. Pillow decodes each file only after its
header passed the format and pixel-count checks (decompression bombs), non-images are skipped and
counted, and a zip is never extracted as such: each member is read into memory under a size cap
(the sizes a zip declares can lie), decoded, and re-encoded as a fresh PNG with a name we choose,
inside the folder the caller gives (the run's own). No member name ever reaches the file system,
so `../` or absolute names cannot escape, links are never followed, and nothing is executed.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import torch

from ganlab.config import ConfigError
from ganlab.data.images import ImageDataset, data_root, target_size

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 2**20      # the zip itself (Streamlit's own default upload cap is 200 MB)
MAX_UNPACKED_BYTES = 200 * 2**20   # all members together, decompressed
MAX_MEMBER_BYTES = 20 * 2**20      # one file, decompressed
MAX_FILES = 5000                   # files in a zip or a folder: plenty for a GAN demo
MAX_PIXELS = 4096 * 4096           # per image; Pillow's own bomb guard only warns at 89 Mpx
# All images of one upload together, counted from their headers before any is decoded: bytes
# alone do not bound the work (a 19 MB zip of blank 4096 x 4096 PNGs decodes to 4.7 gigapixels,
# 85 s of CPU). 256 Mpx is ~5 s of decoding: 2,000 photos of 360 x 360, or 21 of 12 Mpx.
MAX_TOTAL_PIXELS = 256 * 2**20
MAX_WALK = 4 * MAX_FILES           # entries (files and folders) a folder scan may visit
STORED_SIDE = 128                  # extracted images are kept at most this large (any later size)
FOLDER_SIZE = 32                   # default resolution of user images when image_size = 0
HELDOUT_SHARE = 0.1                # held out for the memorisation check, when there are enough
FORMATS = {"PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF", "PPM"}


@dataclass
class LoadReport:
    """What became of the files: `images` kept, `skipped` counted by reason."""

    images: int = 0
    skipped: Counter = field(default_factory=Counter)

    def describe(self) -> str:
        why = ", ".join(f"{n} {reason.replace('_', ' ')}" for reason, n in
                        sorted(self.skipped.items()))
        return f"{self.images} images" + (f"; skipped {why}" if why else "")


def open_image(data: bytes):
    """Decode one image safely, or return a skip reason (str). Returns an RGB PIL image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))  # reads the header only
            if im.format not in FORMATS:
                return "not_image"
            if im.width * im.height > MAX_PIXELS or im.width < 1 or im.height < 1:
                return "too_large"
            im.load()
            return im.convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "too_large"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return "not_image"


def _fit(im, size: int) -> np.ndarray:
    """Centre-crop to a square and resize: (size, size, 3) uint8."""
    from PIL import Image, ImageOps

    return np.asarray(ImageOps.fit(im, (size, size), Image.Resampling.LANCZOS), dtype=np.uint8)


def _files(folder: Path) -> list[Path]:
    # Regular files only, links not followed: a folder cannot point us elsewhere on disk. The
    # walk itself is bounded, so data_dir=/ costs a refusal, not a scan of the whole disk.
    out, seen = [], 0
    for dirpath, dirnames, filenames in os.walk(folder):
        seen += len(dirnames) + len(filenames)
        if seen > MAX_WALK or len(out) > MAX_FILES:
            raise ConfigError(f"dataset=folder: more than {MAX_FILES:,} files in {folder}")
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            p = Path(dirpath) / name
            if not name.startswith(".") and not p.is_symlink() and p.is_file():
                out.append(p)
    return sorted(out)


def load_folder(cfg) -> ImageDataset:
    """All images under data_dir, centre-cropped and resized; grey when every image is grey."""
    folder = data_root(cfg)
    if not folder.is_dir():
        raise ConfigError(f"dataset=folder: data_dir {str(folder)!r} is not a folder of images")
    files = _files(folder)
    if len(files) > MAX_FILES:
        raise ConfigError(f"dataset=folder: more than {MAX_FILES:,} files in {folder}")
    size = target_size(cfg, FOLDER_SIZE)
    report, arrays = LoadReport(), []
    for path in files:
        if path.stat().st_size > MAX_MEMBER_BYTES:
            report.skipped["too_large"] += 1
            continue
        im = open_image(path.read_bytes())
        if isinstance(im, str):
            report.skipped[im] += 1
            continue
        arrays.append(_fit(im, size))
    report.images = len(arrays)
    if not arrays:
        raise ConfigError(f"dataset=folder: no readable images in {folder} ({report.describe()})")
    x = torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).contiguous()  # (N, 3, H, W)
    if bool((x[:, :1] == x[:, 1:]).all()):
        x = x[:, :1].contiguous()  # every image is grey: one channel trains faster
    # A fixed shuffle, then hold out a tenth (when there are enough) for the memorisation check.
    x = x[torch.from_numpy(np.random.default_rng(0).permutation(len(x)))]
    n_out = int(len(x) * HELDOUT_SHARE) if len(x) >= 20 else 0
    heldout = x[len(x) - n_out:] if n_out else None
    log.info("folder %s: %s", folder, report.describe())
    return ImageDataset("folder", x[:len(x) - n_out], note=report.describe(), heldout=heldout,
                        root=folder)


def _unsafe_name(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or (p.parts and ":" in p.parts[0])


def _read_member(zf, m) -> bytes | str:
    """A member's bytes, or the reason it is skipped."""
    base = PurePosixPath(m.filename.replace("\\", "/")).name
    if _unsafe_name(m.filename):
        return "unsafe_name"
    if stat.S_ISLNK(m.external_attr >> 16):
        return "link"
    if m.flag_bits & 0x1 or base.startswith(".") or m.filename.startswith("__MACOSX/"):
        return "not_image"  # encrypted, hidden or macOS resource forks
    if m.file_size > MAX_MEMBER_BYTES:
        return "too_large"
    try:
        with zf.open(m) as f:
            data = f.read(MAX_MEMBER_BYTES + 1)  # the real size, whatever the header says
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return "not_image"
    return "too_large" if len(data) > MAX_MEMBER_BYTES else data


def _header_pixels(data: bytes) -> int | str:
    """width x height from an image's header (nothing is decoded), or a skip reason."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                if im.format not in FORMATS:
                    return "not_image"
                pixels = im.width * im.height   # only the first frame of an animation is used
    except Image.DecompressionBombError:
        return "too_large"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return "not_image"
    return "too_large" if pixels > MAX_PIXELS or pixels < 1 else pixels


def _members_within_budget(zf, members) -> list[str | None]:
    """First pass, headers only: a skip reason (or None) per member, and a refusal when the
    upload as a whole unpacks to too many bytes or its images add up to too many pixels."""
    out, total_bytes, total_pixels = [], 0, 0
    for m in members:
        data = _read_member(zf, m)
        if isinstance(data, str):
            out.append(data)
            continue
        total_bytes += len(data)
        if total_bytes > MAX_UNPACKED_BYTES:
            raise ConfigError(f"upload: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB")
        pixels = _header_pixels(data)
        if isinstance(pixels, str):
            out.append(pixels)
            continue
        total_pixels += pixels
        if total_pixels > MAX_TOTAL_PIXELS:
            raise ConfigError(f"upload: the images add up to more than "
                              f"{MAX_TOTAL_PIXELS // 2**20} megapixels; make them smaller "
                              f"(at most {STORED_SIDE} px a side is kept) or send fewer")
        out.append(None)
    return out


def extract_zip(upload: bytes, dest: str | Path) -> LoadReport:
    """Validate an uploaded zip and write its images as PNGs 000001.png ... into `dest`.

    `dest` must be a fresh folder inside the run's own folder. Raises ConfigError (a message for
    the user) when the upload as a whole is unacceptable; single bad members are skipped.
    """
    from PIL import Image

    if len(upload) > MAX_UPLOAD_BYTES:
        raise ConfigError(f"upload: {len(upload) / 2**20:.1f} MB is over the "
                          f"{MAX_UPLOAD_BYTES // 2**20} MB limit")
    try:
        zf = zipfile.ZipFile(io.BytesIO(upload))
        members = [m for m in zf.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ConfigError("upload: not a readable zip file") from None
    if len(members) > MAX_FILES:
        raise ConfigError(f"upload: {len(members):,} files; at most {MAX_FILES:,} are allowed")
    report, wanted = LoadReport(), _members_within_budget(zf, members)
    dest = Path(dest)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"upload: cannot store the images "
                          f"({e.strerror or type(e).__name__})") from None
    for m, skip in zip(members, wanted):
        if skip is not None:
            report.skipped[skip] += 1
            continue
        data = _read_member(zf, m)
        if isinstance(data, str):
            report.skipped[data] += 1
            continue
        im = open_image(data)
        if isinstance(im, str):
            report.skipped[im] += 1
            continue
        im.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
        report.images += 1
        try:
            im.save(dest / f"{report.images:06d}.png", format="PNG")
        except OSError as e:   # e.g. a full disk: one line; the caller removes `dest`
            raise ConfigError(f"upload: cannot store the images "
                              f"({e.strerror or type(e).__name__})") from None
    if report.images == 0:
        raise ConfigError(f"upload: no readable images in the zip ({report.describe()})")
    return report
