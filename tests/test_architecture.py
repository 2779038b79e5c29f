"""The layering rule: the core never imports streamlit (architecture §2)."""

import ast
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORE = [p for p in (ROOT / "ganlab").rglob("*.py") if "ui" not in p.relative_to(ROOT).parts[1:2]]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_core_module_imports_streamlit_statically():
    assert len(CORE) > 10
    offenders = [str(p.relative_to(ROOT)) for p in CORE
                 if any(m.split(".")[0] == "streamlit" for m in imported_modules(p))]
    assert offenders == []


def test_importing_every_core_module_leaves_streamlit_unloaded():
    mods = sorted({".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                   for p in CORE})
    code = ("import importlib, sys\n"
            f"for m in {mods!r}:\n"
            "    importlib.import_module(m)\n"
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


WEB = [*(ROOT / "ganlab" / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py"),
       ROOT / "app.py", ROOT / "serve.py"]


def names_used(path):
    """Every module imported and every attribute or name referenced in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.Name):
            yield node.id
    yield from imported_modules(path)


def test_the_web_process_never_builds_a_trainer():
    """Pages draw Snapshots and checkpoints; training is the workers' job (the JobManager starts
    them as processes). A page that needs G loads it alone (export_generator.load_generator)."""
    assert len(WEB) > 10
    offenders = {str(p.relative_to(ROOT)): sorted(hits) for p in WEB
                 if (hits := {n for n in names_used(p)
                              if n in ("ganlab.trainer", "Trainer", "load_trainer")})}
    assert offenders == {}
