"""Chinese that always renders: the app serves its own CJK font, and the Chinese UI text keeps
the standard terms, no italics and no stray English in short labels.

The browser half (the served face really draws a Chinese heading on a machine with no CJK font)
is in tests/test_learn_layout_browser.py.
"""

import re
from pathlib import Path

import pytest
import tomllib

from ganlab.i18n import TABLE

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "static" / "fonts"
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def served_face() -> dict:
    faces = [f for f in CONFIG["theme"].get("fontFaces", []) if f["family"] == "ganlab-cjk"]
    assert len(faces) == 1, CONFIG["theme"].get("fontFaces")
    return faces[0]


def in_range(ch: str, ranges: str) -> bool:
    for part in ranges.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        if int(lo, 16) <= ord(ch) <= int(hi or lo, 16):
            return True
    return False


def test_the_theme_serves_the_cjk_face():
    face = served_face()
    assert CONFIG["server"]["enableStaticServing"] is True
    assert face["url"].startswith("app/static/")          # Streamlit's static route, relative
    path = ROOT / "static" / face["url"].removeprefix("app/static/")
    assert path.is_file() and path.suffix == ".woff2"
    for key in ("font", "headingFont"):
        assert "ganlab-cjk" in CONFIG["theme"][key]
    total = sum(p.stat().st_size for p in FONTS.iterdir())
    assert total < 2_000_000, f"static/fonts is {total / 1e6:.2f} MB"
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans CJK SC" in licence


def test_the_subset_has_every_character_the_chinese_ui_uses():
    """Fails when a new Chinese string uses a character the subset lacks: rebuild it with
    assets/fonts/make_cjk_subset.py."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    pytest.importorskip("brotli")
    face = served_face()
    cmap = ttlib.TTFont(ROOT / "static" / face["url"].removeprefix("app/static/")).getBestCmap()
    used = {ch for entry in TABLE.values() for ch in entry.get("zh", "")
            if in_range(ch, face["unicodeRange"])}
    assert len(used) > 500
    missing = sorted(ch for ch in used if ord(ch) not in cmap)
    assert not missing, "".join(missing)


LEARN_ZH = {k: v["zh"] for k, v in TABLE.items() if k.startswith("learn.")}


@pytest.mark.parametrize("old, new", [("覆盖模式", "模式覆盖"), ("追逐模式", "模式寻求"),
                                      ("只追一个模式", "模式寻求")])
def test_standard_terms(old, new):
    assert not [k for k, v in LEARN_ZH.items() if old in v], f"use {new}"


def test_a_gaussian_is_a_gaussian_distribution():
    """"高斯" alone is a person; the distribution is 高斯分布 (高斯噪声, 高斯模糊 and 高斯核 are
    also standard)."""
    bad = {k: v for k, v in LEARN_ZH.items() if re.search(r"高斯(?![分噪模核])", v)}
    assert not bad, bad


def test_no_italics_on_chinese_text():
    """Markdown *...* slants CJK glyphs, which have no italic form: emphasis is bold."""
    single = re.compile(r"(?<![*\\])\*(?![*\s])([^*\n]+?)(?<![*\s\\])\*(?!\*)")
    bad = {k: m.group(0) for k, v in LEARN_ZH.items() for m in single.finditer(v)
           if re.search("[\u4e00-\u9fff]", m.group(1))}
    assert not bad, bad


# Names, math and code that stay Latin in Chinese text.
LATIN_OK = {"log", "logit", "GAN", "WGAN", "CycleGAN", "DCGAN", "Inception", "Score", "grid",
            "minimax", "RMSProp", "moons", "sklearn", "Lipschitz", "Wasserstein", "FCD", "FID",
            "CPU", "CNN", "min", "max", "data", "argmin", "sup", "ReLU", "Adam", "Goodfellow",
            "Arjovsky", "RMSProp", "Fréchet"}


def test_no_english_words_in_short_chinese_labels():
    """Labels, titles and legend names (the short strings) are all Chinese apart from math
    (plain or $LaTeX$), names and {placeholders}."""
    bad = {}
    for k, v in LEARN_ZH.items():
        if len(v) > 40 or k.startswith("learn.preset."):   # preset names quote config values
            continue
        plain = re.sub(r"\$[^$]*\$", "", re.sub(r"\{\w+\}", "", v))  # no {fields}, no $math$
        words = set(re.findall(r"[A-Za-zÀ-ÿ]{3,}", plain)) - LATIN_OK   # Fréchet is one word
        if words:
            bad[k] = words
    assert not bad, bad
