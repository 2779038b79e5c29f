"""The one atomic file write (architecture §6): a file is written whole to a temporary name beside
it, flushed to the disk and renamed into place, so a reader, or a run killed at any moment, finds
the old file or the new one and never a torn one. A failed write (a full disk) removes its
temporary copy, to free the space and leave nothing half-written behind, and raises. A writer
killed outright (SIGKILL, the OOM killer) cannot remove its own: `leftovers` finds them by the pid
in their name, so whoever saw it die can.

Everything under the runs root is written by ganlab/runs/ (tests/test_disk_owner.py); the
digits classifier's cache in the data folder uses the same write.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _temporary(path: Path, pid: int, thread: int | str) -> Path:
    # pid and thread: two writers of the same file (a worker and a page) never share a temporary.
    return path.with_name(f".{path.name}.tmp{pid}.{thread}")


def leftovers(folder: str | os.PathLike, pid: int) -> list[Path]:
    """The temporaries process `pid` left in `folder` (not below it): what a write it was killed
    in the middle of left behind."""
    return sorted(p for p in Path(folder).glob(_temporary(Path("*"), pid, "*").name)
                  if p.is_file() and not p.is_symlink())


def write(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    tmp = _temporary(path, os.getpid(), threading.get_ident())
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise
