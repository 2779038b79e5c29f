"""app.py lists every page file, and every page it lists exists: a Learn page added to
app_pages/ without a place in the lecture's order would be missing from the navigation."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def listed(name: str) -> dict:
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"app.py has no {name}")


def test_every_learn_page_file_is_in_the_navigation_and_back():
    files = {p.stem for p in (ROOT / "app_pages").glob("learn_*.py")}
    assert set(listed("LEARN_ICONS")) == files
    assert len(files) >= 8


def test_every_page_has_a_title_in_both_languages():
    from ganlab.i18n import TABLE

    for stem in {p.stem for p in (ROOT / "app_pages").glob("*.py")}:
        entry = TABLE.get(f"nav.{stem}")
        assert entry and entry.get("en") and entry.get("zh"), stem
