"""The one JSON reader for anything that comes from outside: links, uploads, bundles, run folders,
CLI files. Bounded in size and nesting depth, and every failure is a JsonError with one line.

Python's json module recurses once per nesting level, so a 44-character compressed link value
that expands to `[[[[...]]]]` 3,000 deep raises RecursionError (a traceback, not a message), and
even a depth the parser survives can overflow later code that walks the value. The depth is
therefore measured before parsing, on the text with its strings blanked out, in linear time.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 32                 # a config is 2 deep (drawn_points: [[x, y], ...]); metrics 2
MAX_BYTES = 4 * 2**20          # a config with 10,000 drawn points is ~400 kB
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)   # disjoint alternatives: linear time
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class JsonError(ValueError):
    """Text that is not acceptable JSON; the message is one line for a person."""


def _depth(text: str) -> int:
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads(data: str | bytes, what: str = "JSON", max_bytes: int = MAX_BYTES,
          max_depth: int = MAX_DEPTH) -> Any:
    """Parse `data` (bytes are read as UTF-8, a BOM allowed); raise JsonError naming `what`."""
    if len(data) > max_bytes:
        raise JsonError(f"{what} is {len(data):,} bytes; at most {max_bytes:,}")
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonError(f"{what} is not text (UTF-8 expected)") from None
    # Fast path: with few brackets the depth cannot exceed the bound (every metrics row).
    if data.count("[") + data.count("{") > max_depth and _depth(data) > max_depth:
        raise JsonError(f"{what} is nested more than {max_depth} levels deep")
    try:
        return json.loads(data)
    except json.JSONDecodeError as e:
        raise JsonError(f"{what} is not valid JSON: {e.msg} (line {e.lineno})") from None
    except (RecursionError, ValueError) as e:   # belt and braces: never a traceback
        raise JsonError(f"{what} is not usable JSON ({type(e).__name__})") from None


def load_object(data: str | bytes, what: str = "JSON", **bounds) -> dict:
    """loads() that also insists on a JSON object (every file of a run folder is one)."""
    obj = loads(data, what, **bounds)
    if not isinstance(obj, dict):
        raise JsonError(f"{what} must be a JSON object, not {type(obj).__name__}")
    return obj


def read_object(path, what: str | None = None, max_bytes: int = MAX_BYTES) -> dict:
    """A JSON object from a file, read only up to max_bytes; OSError passes through."""
    what = what or getattr(path, "name", str(path))
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    return load_object(data, what, max_bytes=max_bytes)
