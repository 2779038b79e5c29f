"""The translation table: every key in both languages, same placeholders, lookups work."""

import string

from ganlab.i18n import LANGS, TABLE, normalize_lang, t


def fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_has_every_language_and_the_same_placeholders():
    missing = [(k, lang) for k, e in TABLE.items() for lang in LANGS
               if not isinstance(e.get(lang), str) or not e[lang].strip()]
    assert missing == []
    mismatched = [k for k, e in TABLE.items() if fields(e["en"]) != fields(e["zh"])]
    assert mismatched == []


def test_lookup_and_formatting():
    assert t("nav.playground", "zh") == "实验场"
    assert t("nav.playground", "en") == "Playground"
    assert t("no.such.key", "zh") == "no.such.key"


def test_browser_locale_mapping():
    assert normalize_lang("zh-CN") == "zh" and normalize_lang("zh_TW") == "zh"
    assert normalize_lang("en-US") == "en" and normalize_lang("fr") == "en"
    assert normalize_lang(None) == "en"


def test_pages_use_only_known_keys():
    """Every literal key passed to tr()/t() in the UI exists in the table."""
    import ast
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent
    files = [root / "app.py", *(root / "app_pages").glob("*.py"),
             *(root / "ganlab" / "ui").glob("*.py")]
    unknown = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "t")
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                if node.args[0].value not in TABLE:
                    unknown.append(f"{path.name}: {node.args[0].value}")
    assert unknown == []
