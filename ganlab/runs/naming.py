"""Run names: what a person may call a run folder, and the checks that keep it inside the runs root.

A run name becomes a folder name, a URL parameter and a download file name, so it is reduced to a
safe character set: letters (any script, so 中文 names work), digits, `-`, `_` and `.`. Separators,
`..`, leading dots (hidden files), control characters and Windows-reserved names never survive.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

MAX_NAME = 64  # characters; long enough for "ring8-wgan_gp-lr_d=0.001-seed=3", short for a path
_UNSAFE = re.compile(r"[^\w.\-]+")       # \w is Unicode-aware: letters and digits of any script
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}


class RunNameError(ValueError):
    """A run name that cannot be used; the message is for a person."""


def sanitize(text: str, fallback: str = "run") -> str:
    """The closest safe name: unsafe runs of characters become `-`, trimmed to MAX_NAME."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")  # control/format chars
    name = _UNSAFE.sub("-", text.strip())
    name = re.sub(r"\.{2,}", ".", name)           # no "..", even inside a name
    name = re.sub(r"-{2,}", "-", name).strip("-.")  # no leading dot: hidden or relative
    name = name[:MAX_NAME].rstrip("-.")
    if not name or name.lower().split(".")[0] in _RESERVED:
        name = f"{fallback}-{name}" if name else fallback
    return name


def check(name: str) -> str:
    """`name` itself if it is already safe; otherwise RunNameError saying what is wrong."""
    if not isinstance(name, str) or not name.strip():
        raise RunNameError("a run name cannot be empty")
    if len(name) > MAX_NAME:
        raise RunNameError(f"run name is {len(name)} characters long; at most {MAX_NAME}")
    if sanitize(name) != name:
        raise RunNameError(f"run name {name!r} may only use letters, digits, '-', '_' and '.' "
                         f"(try {sanitize(name)!r})")
    return name


def inside(root: str | Path, name: str) -> Path:
    """root/name, after checking the name and that the result really lies directly in root."""
    check(name)
    root = Path(root).resolve()
    path = (root / name).resolve()
    if path.parent != root:  # belt and braces: symlinks or anything check() missed
        raise RunNameError(f"run name {name!r} points outside the runs folder")
    return path


def unique(root: str | Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first name not taken in root."""
    base = sanitize(base)
    root = Path(root)
    if not (root / base).exists():
        return base
    for i in range(2, 10_000):
        suffix = f"-{i}"
        name = base[:MAX_NAME - len(suffix)] + suffix
        if not (root / name).exists():
            return name
    raise RunNameError(f"too many runs called {base!r}")


def default_name(cfg, when: float | None = None) -> str:
    """A readable default such as `ring8-nonsaturating-20261122-213001`."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(when or time.time()))
    return sanitize(f"{cfg.dataset}-{cfg.loss}-{stamp}")
