"""The repository is ruff-clean with the project's own config (pyproject.toml's [tool.ruff]:
line length 100, rules E, F and W)."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> list[str] | None:
    """The command that runs ruff: the module if installed, else a binary beside the interpreter
    or on PATH; None when there is none."""
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    beside = Path(sys.executable).with_name("ruff")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("ruff")
    return [found] if found else None


def test_ruff_clean():
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    proc = subprocess.run([*ruff, "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    if proc.returncode not in (0, 1):  # 2: ruff itself failed (bad config, crash)
        pytest.fail(f"ruff could not run (exit {proc.returncode}):\n{proc.stderr}{proc.stdout}")
    problems = [line for line in proc.stdout.splitlines()
                if line.strip() and not line.startswith(("Found ", "[*]", "All checks passed"))]
    if proc.returncode or problems:
        pytest.fail(f"ruff check found {len(problems)} problem(s):\n" + "\n".join(problems),
                    pytrace=False)
