"""The checks every computation's `check` is built from (ganlab.serve.computations and the
modules it registers, such as ganlab.serve.broken_dcgan): each refuses a value with a TaskError
whose one line names the parameter, so a page shows it as is.

A module of its own, importing nothing of ganlab, so a computation's module can use these at
import time without a circular import through the registry that imports it.
"""

from __future__ import annotations

import math


class TaskError(ValueError):
    """Parameters a computation refuses; the message names the parameter and is shown as is."""


def number(params: dict, key: str, lo: float, hi: float) -> float:
    v = params.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or \
            not lo <= v <= hi:
        raise TaskError(f"{key}={v!r}: must be a number in [{lo:g}, {hi:g}]")
    return float(v)


def whole(params: dict, key: str, lo: int, hi: int) -> int:
    v = params.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v != int(v) or \
            not lo <= v <= hi:
        raise TaskError(f"{key}={v!r}: must be a whole number in [{lo}, {hi}]")
    return int(v)


def choice(params: dict, key: str, choices) -> str:
    v = params.get(key)
    if v not in choices:
        raise TaskError(f"{key}={v!r}: must be one of {', '.join(choices)}")
    return v


def only(params: dict, keys) -> None:
    extra = sorted(set(params) - set(keys), key=str)
    if extra:
        raise TaskError(f"unknown parameter {extra[0]!r}")


def data_folder(params: dict) -> str:
    """`data_dir`, the server's data folder: set by the page, never by a visitor, but a relative
    or NUL-bearing path reaching a process would read (or train a classifier into) the wrong
    place, so it is refused."""
    v = params.get("data_dir")
    if not isinstance(v, str) or not v.startswith("/") or "\x00" in v:
        raise TaskError("data_dir: must be the server's absolute data folder")
    return v
