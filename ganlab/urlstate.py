"""Config ⇄ URL query parameters: a shareable link holds the complete config and its seed.

As in TensorFlow Playground, the link lists only the keys that differ from the defaults (plus the
seed, always, so a link pins its randomness), which keeps it short and readable:
`?dataset=grid25&loss=wgan_gp&lr_d=0.001&seed=3`. Floats are written with Python's shortest
round-trip repr, so parsing gives back exactly the same number; drawn points travel compressed.

Parsing is forgiving by design: a link typed by hand or cut short must still open the page. Each
bad parameter is reported in words and replaced by its default; parsing never raises and never
starts anything: it returns a Config and a list of problems.
"""

from __future__ import annotations

import base64
import difflib
import json
import math
import zlib
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from ganlab.config import FIELDS, MAX_DRAWN_POINTS, Config, ConfigError, coerce

DEFAULT = Config()
MAX_VALUE_CHARS = 200_000   # one parameter; a full 10,000-point drawing compresses to ~100 kB
POINTS_PREFIX = "z"         # marks zlib+base64 JSON (plain JSON lists are accepted too)
# Keys applied first, because checking another key depends on them (dataset=drawn needs points).
_FIRST = ("drawn_points",)
# Keys only the server decides: a link or an uploaded config naming a folder would make the
# server read (and write classifier caches or downloads) wherever a visitor points it.
SERVER_ONLY = ("data_dir",)


def encode_value(key: str, value: Any) -> str:
    ftype = FIELDS[key].type
    if ftype == "bool":
        return "1" if value else "0"
    if ftype == "float":
        return repr(float(value))          # shortest string that parses back to the same float
    if ftype == "tuple":
        text = json.dumps([list(p) for p in value], separators=(",", ":"))
        packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")
        return POINTS_PREFIX + packed
    return str(value)


def decode_value(key: str, text: str) -> Any:
    """The typed value of one parameter; raises ConfigError naming the key."""
    if len(text) > MAX_VALUE_CHARS:
        raise ConfigError(f"{key}: value is {len(text):,} characters long; at most "
                          f"{MAX_VALUE_CHARS:,}")
    if FIELDS[key].type == "tuple" and text.startswith(POINTS_PREFIX):
        try:
            raw = base64.urlsafe_b64decode(text[1:] + "=" * (-len(text[1:]) % 4))
            # a bounded decompress: a tiny "zip bomb" link must not eat the server's memory
            d = zlib.decompressobj()
            body = d.decompress(raw, 4 * MAX_VALUE_CHARS)
            if d.unconsumed_tail:
                raise ValueError("too large")
            text = body.decode()
        except (ValueError, zlib.error, UnicodeDecodeError):
            raise ConfigError(f"{key}: the encoded points are damaged (was the link cut "
                              f"short?)") from None
    return coerce(key, text)


def to_params(cfg: Config) -> dict[str, str]:
    """Only the keys that differ from the defaults of the config's dataset (ganlab.variants:
    image data has its own), plus the seed."""
    params = {}
    defaults = Config.defaults_for(cfg.dataset)
    for key in FIELDS:
        if key in SERVER_ONLY:
            continue         # a server path never goes into a link
        value = getattr(cfg, key)
        if key == "seed" or value != getattr(defaults, key):
            params[key] = encode_value(key, value)
    return params


def query_string(cfg: Config, extra: Mapping[str, str] | None = None) -> str:
    return urlencode({**(extra or {}), **to_params(cfg)})


def share_url(base_url: str, cfg: Config, extra: Mapping[str, str] | None = None) -> str:
    """`base_url?query`, with any query already on base_url dropped."""
    return base_url.split("?", 1)[0].split("#", 1)[0] + "?" + query_string(cfg, extra)


def _last(value: Any) -> str:
    # st.query_params.to_dict() gives strings; get_all() and parse_qs give lists: take the last,
    # as Streamlit does for repeated keys.
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)


def apply_leniently(items: Iterable[tuple[str, Any]], base: Config = DEFAULT,
                    decode=decode_value) -> tuple[Config, list[str]]:
    """Apply (key, value) pairs from a visitor (a link, an upload) one at a time; a bad one is
    reported and skipped, and so is every SERVER_ONLY key."""
    problems: list[str] = []
    pending = dict(items)
    order = [k for k in _FIRST if k in pending] + [k for k in pending if k not in _FIRST]
    if base is DEFAULT and "dataset" in pending:   # the defaults that fit the visitor's data
        try:
            base = Config.defaults_for(coerce("dataset", decode("dataset",
                                                                pending["dataset"])))
        except ConfigError:
            pass                                   # reported below, with the other keys
    cfg = base
    for key in order:
        if key in SERVER_ONLY:
            if pending[key] in ("", None):
                continue     # the default: nothing to refuse
            problems.append(f"{key}: set by the server, not by a link or an upload — ignored")
            continue
        try:
            value = coerce(key, decode(key, pending[key]))
            if key in FIELDS and FIELDS[key].type == "tuple":
                _check_rows(key, value)
            cfg = cfg.replace(**{key: value})
        except ConfigError as e:
            problems.append(f"{e} — {_fallback_text(key, cfg)}")
        except OverflowError:  # int("1e400"): coerce lets this one through
            problems.append(f"{key}: number out of range — {_fallback_text(key, cfg)}")
    return cfg, problems


def _check_rows(key: str, points: tuple) -> None:
    # Config checks drawn points only when dataset=drawn; a link must not smuggle in junk rows.
    if len(points) > MAX_DRAWN_POINTS:
        raise ConfigError(f"{key}: at most {MAX_DRAWN_POINTS:,} points, got {len(points):,}")
    from ganlab.data.csv_points import MAX_ABS_COORD

    for i, p in enumerate(points):
        if len(p) != 2 or not all(math.isfinite(c) and abs(c) <= MAX_ABS_COORD for c in p):
            raise ConfigError(f"{key} row {i + 1}: must be two finite numbers x, y within "
                              f"±{MAX_ABS_COORD:g}")


def _fallback_text(key: str, cfg: Config) -> str:
    if key not in FIELDS:
        return "ignored"
    value = getattr(cfg, key)
    if FIELDS[key].type == "tuple":
        return "using no points" if not value else f"keeping the previous {len(value)} points"
    return f"using the default {key}={value}"


def from_params(params: Mapping[str, Any]) -> tuple[Config, list[str]]:
    """(Config, problems) from query parameters; never raises. Other pages' parameters (`lang`,
    `run`, ...) are ignored; a near-miss of a config key (`lr_dd`) is reported."""
    items, problems = [], []
    for key, value in params.items():
        if key in FIELDS:
            items.append((key, _last(value)))
            continue
        close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.8)
        if close:
            problems.append(f"unknown setting {key!r} (did you mean {close[0]!r}?) — ignored")
    cfg, bad = apply_leniently(items)
    return cfg, problems + bad


def has_config(params: Mapping[str, Any]) -> bool:
    """Whether a URL carries any config at all (so the page should load it)."""
    return any(key in FIELDS for key in params)
