"""A visitor's uploaded images (the `folder` dataset) under the runs root:
ROOT/uploads/<session id>/<fresh id>/000001.png ..., written and removed here alone.

Each upload goes into a fresh folder of its session; a failed one leaves nothing behind, and a
session only ever removes its own uploads, so neither a stale nor a forged path makes this
delete anything else.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

UPLOADS = "uploads"


def session_folder(root: str | Path, session_id: str) -> Path:
    return Path(root) / UPLOADS / session_id


def store_zip(root: str | Path, session_id: str, upload: bytes, replaces: str | None = None):
    """Check and unpack `upload` into a fresh folder of the session; returns (folder, report),
    or raises ConfigError (one line) with nothing written. `replaces`, the session's previous
    upload, is removed once the new one is in (only when it is this session's own)."""
    from ganlab.config import ConfigError
    from ganlab.data.folder import extract_zip

    mine = session_folder(root, session_id)
    dest = mine / uuid.uuid4().hex[:12]
    try:
        report = extract_zip(upload, dest)
    except ConfigError:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    if replaces and Path(replaces).parent == mine:
        shutil.rmtree(replaces, ignore_errors=True)
    return dest, report
