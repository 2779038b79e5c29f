"""The one atomic file write (architecture §6): a file is written whole to a temporary name beside
it, flushed to the disk and renamed into place, so a reader, or a run killed at any moment, finds
the old file or the new one and never a torn one. A failed write (a full disk) removes its
temporary copy, to free the space and leave nothing half-written behind, and raises.

Everything under the runs root is written by ganlab/runs/ (tests/test_disk_owner.py); the
digits classifier's cache in the data folder uses the same write.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    # pid and thread: two writers of the same file (a worker and a page) never share a temporary.
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}.{threading.get_ident()}")
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
