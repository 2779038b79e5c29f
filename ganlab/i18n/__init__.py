"""One translation table for every user-visible string (English and Simplified Chinese).

Each UI area keeps its strings in its own module (`common`, `playground`, `learn`, ...) as
`STRINGS = {key: {"en": ..., "zh": ...}}`; they are merged here into one TABLE so a key is defined
exactly once. Math notation is written identically in both languages. `t()` never raises on a
missing key in production: it shows the key itself, and a test fails on any gap instead.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}
DEFAULT_LANG = "en"


def _load_table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        strings = getattr(importlib.import_module(f"{__name__}.{mod.name}"), "STRINGS", {})
        for key, entry in strings.items():
            if key in table:
                raise ValueError(f"translation key {key!r} defined twice (in {mod.name})")
            table[key] = entry
    return table


TABLE = _load_table()


def normalize_lang(lang: str | None) -> str:
    """Map a browser locale such as 'zh-CN' or 'en-US' to a supported language."""
    if not lang:
        return DEFAULT_LANG
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else DEFAULT_LANG


class Translated:
    """Mixed into an error whose message a page shows: `str(e)` is English (the CLI, logs),
    `e.text(lang)` the visitor's language. A core module raises it with a key, never a sentence."""

    def __init__(self, key: str, **params):
        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **self.params)


def t(key: str, lang: str = DEFAULT_LANG, **fmt) -> str:
    """The string for `key` in `lang`, formatted with `fmt`."""
    entry = TABLE.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANG, key)
    return text.format(**fmt) if fmt else text
