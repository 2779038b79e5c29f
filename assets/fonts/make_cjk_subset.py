"""Build the CJK web font the app serves (static/fonts/), so Chinese renders on a machine that has
no CJK font of its own (a Linux classroom PC shows every glyph as an empty box otherwise).

Source: Noto Sans CJK SC (SIL Open Font License 1.1, static/fonts/OFL.txt), from Debian's
`fonts-noto-cjk` package. The subset keeps the 3,755 most common hanzi (GB 2312 level 1), every
other character that appears in a Chinese string of the UI (ganlab/i18n), and CJK punctuation and
full-width forms; Latin text keeps the page's own Source Sans. tests/test_learn_font.py fails when
a new Chinese string uses a character the subset lacks: then rerun this script.

    apt-get install fonts-noto-cjk && .venv/bin/pip install fonttools brotli
    .venv/bin/python assets/fonts/make_cjk_subset.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[2]
# Regular only: a bold subset would add 1.4 MB, and browsers embolden a regular CJK face well
# enough for headings (the whole font directory stays under 2 MB).
SOURCES = {"Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}
SC_INDEX = 2  # in Debian's .ttc: JP, KR, SC, TC, HK, then the Mono faces
OUT = ROOT / "static" / "fonts"


def is_cjk(ch: str) -> bool:
    """Han ideographs, CJK punctuation and full-width forms: the code points the subset serves."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


def ui_characters() -> set[str]:
    sys.path.insert(0, str(ROOT))
    from ganlab.i18n import TABLE

    return {ch for entry in TABLE.values() for ch in entry.get("zh", "") if is_cjk(ch)}


def gb2312_level1() -> set[str]:
    """Rows 16-55 of GB 2312: the 3,755 most frequent simplified hanzi."""
    chars = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the end of row 55 is unassigned
    return chars


def build() -> None:
    chars = gb2312_level1() | ui_characters()
    chars |= {chr(o) for o in range(0x3000, 0x3040)} | {chr(o) for o in range(0xFF01, 0xFF5F)}
    chars |= set("“”‘’…—·")  # typographic punctuation Chinese text uses with CJK metrics
    OUT.mkdir(parents=True, exist_ok=True)
    for weight, src in SOURCES.items():
        font = TTCollection(src).fonts[SC_INDEX]
        opts = subset.Options()
        opts.flavor = "woff2"
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=sorted(ord(c) for c in chars))
        sub.subset(font)
        path = OUT / f"NotoSansSC-{weight}.subset.woff2"
        font.flavor = "woff2"
        font.save(path)
        print(f"{path.relative_to(ROOT)}: {len(chars)} characters, "
              f"{path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    build()
