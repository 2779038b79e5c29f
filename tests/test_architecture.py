"""The layering rules (architecture §2): the core never imports streamlit, imports point down the
owners, and no two modules in a folder differ only by a prefix or suffix."""

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
                              if n in ("ganlab.train.trainer", "Trainer", "load_trainer")})}
    assert offenders == {}


# Owners from top to bottom (architecture §2): a module imports from its own folder or from an
# owner on a lower line, never from one above or beside it.
LAYERS = [("ui",), ("cli",), ("sweep",), ("serve",), ("viz", "runs", "theory"), ("live",),
          ("diagnostics",), ("train",), ("urlstate",), ("data",), ("presets",), ("changes",),
          ("config",),
          ("variants", "safejson", "safetext", "atomic", "i18n")]
RANK = {owner: i for i, line in enumerate(LAYERS) for owner in line}


def owner_of(path: pathlib.Path) -> str:
    """`ganlab/serve/worker.py` -> serve; `ganlab/config.py` -> config."""
    parts = path.relative_to(ROOT / "ganlab").with_suffix("").parts
    return parts[0]


def test_every_owner_has_a_layer():
    owners = {owner_of(p) for p in (ROOT / "ganlab").rglob("*.py")} - {"__init__"}
    assert owners == set(RANK)


def test_imports_point_down_the_layers():
    wrong = []
    for path in (ROOT / "ganlab").rglob("*.py"):
        me = owner_of(path)
        if me == "__init__":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = ([f"ganlab.{a.name}" for a in node.names] if node.module == "ganlab"
                         else [node.module])
            for name in names:
                parts = name.split(".")
                if parts[0] != "ganlab" or len(parts) < 2 or parts[1] == me:
                    continue
                if RANK[parts[1]] <= RANK[me]:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_no_two_modules_in_a_folder_differ_only_by_a_prefix_or_suffix():
    # job.py beside jobs.py, worker.py beside workerproc.py: a newcomer cannot tell who owns what.
    clashes = []
    for folder in {p.parent for p in (ROOT / "ganlab").rglob("*.py")}:
        stems = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
        clashes += [f"{folder.name}/{a}.py ~ {b}.py" for a in stems for b in stems
                    if a != b and (b.startswith(a) or b.endswith(a))]
    assert clashes == []


MAX_LINES = 400   # one idea per file; the string tables of ganlab/i18n/ are exempt


def test_no_module_is_over_400_lines():
    files = [p for p in (ROOT / "ganlab").rglob("*.py") if "i18n" not in p.parts] + \
        [*(ROOT / "app_pages").glob("*.py"), ROOT / "app.py", ROOT / "serve.py"]
    assert len(files) > 50
    long = {str(p.relative_to(ROOT)): n for p in files
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
