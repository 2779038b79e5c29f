"""One disk owner (issue 15): everything under the runs root is written or removed by ganlab/runs/,
whole files through the one atomic write (ganlab/atomic.py), and the runs root comes from the
server's settings alone."""

import ast
import os
import pathlib
import textwrap
import threading

import pytest

from ganlab import atomic

ROOT = pathlib.Path(__file__).resolve().parent.parent

PATH_METHODS = {"write_text", "write_bytes", "unlink", "mkdir", "rmdir", "rename", "touch"}
MODULE_CALLS = {"os": {"replace", "rename", "remove", "unlink", "open", "makedirs", "rmdir"},
                "shutil": {"rmtree", "move", "copy", "copyfile", "copytree"}}

# Every module outside ganlab/runs/ that still writes, and why that is not under the runs root
# (or, for another owner's module, where it writes until it moves into ganlab/runs/). Optuna's
# journal storage writes a sweep's study file itself, in the folder ganlab/runs/areas.py made.
ALLOWED = {
    "ganlab/atomic.py": "the one atomic write itself; ganlab/runs/ calls it for the runs root",
    "ganlab/cli.py": "`ganlab sample/export --out FILE`: the person's own path",
    "ganlab/sweep/local.py": "`ganlab sweep --out DIR`: the CLI's own folder",
    "ganlab/data/images.py": "downloads and unpacks image sets into the data folder",
    "ganlab/train/classifier.py": "the digits classifier's cache in the data folder",
    "ganlab/data/folder.py": "extract_zip fills the fresh folder ganlab/runs/uploads.py gives it",
}


def runs_aliases(tree: ast.Module) -> set[str]:
    """Names bound to ganlab.runs modules (`from ganlab.runs import index as runindex`): a
    call on them goes through ganlab/runs/."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and \
                node.module.startswith("ganlab.runs"):
            names |= {a.asname or a.name for a in node.names}
    return names


def _mode(call: ast.Call) -> str:
    for kw in call.keywords:
        if kw.arg == "mode" and isinstance(kw.value, ast.Constant):
            return str(kw.value.value)
    pos = call.args[1:2] if isinstance(call.func, ast.Name) else call.args[:1]
    if pos and isinstance(pos[0], ast.Constant) and isinstance(pos[0].value, str):
        return pos[0].value
    return "r"


def writes(path: pathlib.Path) -> set[str]:
    """What a module calls that writes or removes files: `os.replace`, `mkdir`, `open(.., "w")`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours, found = runs_aliases(tree), set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        on = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else None
        if on in ours:
            continue
        if on in MODULE_CALLS and f.attr in MODULE_CALLS[on]:
            found.add(f"{on}.{f.attr}")
        elif isinstance(f, ast.Attribute) and f.attr in PATH_METHODS and on not in MODULE_CALLS:
            found.add(f.attr)
        elif (isinstance(f, ast.Name) and f.id == "open" or
              isinstance(f, ast.Attribute) and f.attr == "open") and set(_mode(node)) & set("wax+"):
            found.add("open for writing")
    return found


def outside_runs() -> list[pathlib.Path]:
    files = [p for p in (ROOT / "ganlab").rglob("*.py")
             if p.relative_to(ROOT / "ganlab").parts[0] != "runs"]
    return files + [*(ROOT / "app_pages").glob("*.py"), ROOT / "app.py", ROOT / "serve.py"]


def test_the_scan_sees_a_write():
    sample = ROOT / "ganlab" / "runs" / "folder.py"    # the owner writes: the scan must see it
    assert {"open for writing", "mkdir"} <= writes(sample)


def test_nothing_outside_ganlab_runs_writes_but_the_allowed():
    found = {str(p.relative_to(ROOT)): sorted(w) for p in outside_runs() if (w := writes(p))}
    assert {k: v for k, v in found.items() if k not in ALLOWED} == {}
    assert sorted(k for k in ALLOWED if k not in found) == []   # no stale entry


def test_the_runs_root_is_read_from_the_settings_alone():
    readers = [str(p.relative_to(ROOT)) for p in [*(ROOT / "ganlab").rglob("*.py")]
               if '"GANLAB_RUNS"' in p.read_text(encoding="utf-8")]
    assert readers == ["ganlab/serve/settings.py"]


def test_a_write_leaves_the_old_file_or_the_new_one(tmp_path, monkeypatch):
    """Readers racing a writer, and a write that fails half-way: never a torn file, never a
    temporary left behind."""
    path = tmp_path / "status.json"
    old, new = b"o" * 300_000, b"n" * 300_000
    atomic.write(path, old)
    seen, stop = set(), threading.Event()

    def read():
        while not stop.is_set():
            seen.add(path.read_bytes())

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(60):
        atomic.write(path, new if i % 2 else old)
    stop.set()
    reader.join()
    assert seen <= {old, new} and len(seen) >= 1

    assert path.read_bytes() == new           # the last write (i = 59)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)   # the write fails after its temporary
    with pytest.raises(OSError):
        atomic.write(path, b"torn?")
    monkeypatch.undo()
    assert path.read_bytes() == new
    assert [p.name for p in tmp_path.iterdir()] == ["status.json"]


def test_a_writer_killed_in_mid_write_leaves_a_temporary_that_only_its_own_is_removed(tmp_path):
    """SIGKILL between the temporary's fsync and the rename (a worker's fate in
    tests/test_faults.py): the old file is whole, and the run folder removes that process's
    temporary, not a live writer's."""
    import signal
    import subprocess
    import sys

    from ganlab.runs.folder import Run

    run = Run(tmp_path)
    (tmp_path / "samples").mkdir()
    old = tmp_path / "checkpoint.safetensors"
    old.write_bytes(b"old")
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, sys, time
        from ganlab import atomic
        os.replace = lambda *a: (print("written", flush=True), time.sleep(600))
        atomic.write({str(old)!r}, b"new" * 1000)
        """)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout.readline().strip() == "written"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    live = tmp_path / "samples" / f".step_0000001.npy.tmp{os.getpid()}.1"
    live.write_bytes(b"a live writer's")
    torn = [p.name for p in atomic.leftovers(tmp_path, child.pid)]
    assert len(torn) == 1 and torn[0].startswith(f".checkpoint.safetensors.tmp{child.pid}.")

    assert run.remove_torn_writes(child.pid) == torn
    assert old.read_bytes() == b"old" and live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint.safetensors", "samples"]
    assert run.remove_torn_writes(os.getpid() + 10**6) == [] and live.exists()


def test_an_upload_is_stored_and_replaced_only_inside_its_session(tmp_path):
    import io
    import zipfile

    from PIL import Image

    from ganlab.config import ConfigError
    from ganlab.runs.uploads import session_folder, store_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(3):
            png = io.BytesIO()
            Image.new("RGB", (8, 8), (i * 80, 0, 0)).save(png, format="PNG")
            z.writestr(f"img{i}.png", png.getvalue())
    first, report = store_zip(tmp_path, "s1", buf.getvalue())
    assert report.images == 3 and first.parent == session_folder(tmp_path, "s1")
    elsewhere = tmp_path / "someone-else"
    elsewhere.mkdir()
    second, _ = store_zip(tmp_path, "s1", buf.getvalue(), replaces=str(elsewhere))
    assert elsewhere.is_dir()                 # not this session's: never removed
    third, _ = store_zip(tmp_path, "s1", buf.getvalue(), replaces=str(second))
    assert not second.exists() and first.is_dir() and third.is_dir()
    with pytest.raises(ConfigError):
        store_zip(tmp_path, "s1", b"not a zip")
    assert sorted(p.name for p in session_folder(tmp_path, "s1").iterdir()) == \
        sorted([first.name, third.name])       # the failed upload left nothing
