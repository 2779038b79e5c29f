"""The server's own folders under the runs root, beside the run folders: the Learn pages' task
cache (`.cache/`), the page sweeps (`.sweeps/`) and the replicas' ledger. Their owners (serve/,
sweep/) decide what goes in them; every folder, file, lock and removal there is made here, so
that everything written under the runs root is written by ganlab/runs/ (architecture §2), whole
files through the one atomic write.

A dot-name is never a run name (ganlab/runs/naming.py), so the Runs list never shows these.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from pathlib import Path

from ganlab import atomic


def folder(path: str | os.PathLike) -> Path:
    """`path` as a folder, made with its parents if it is not there yet."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_folder(path: str | os.PathLike) -> Path:
    """A folder that must not exist yet (FileExistsError otherwise): a name claimed once."""
    path = Path(path)
    path.mkdir()
    return path


def write(path: str | os.PathLike, data: bytes) -> None:
    atomic.write(path, data)


def write_json(path: str | os.PathLike, data, indent: int | None = None) -> None:
    atomic.write(path, json.dumps(data, indent=indent).encode())


def remove(path: str | os.PathLike) -> None:
    Path(path).unlink(missing_ok=True)


def remove_torn_writes(path: str | os.PathLike, pid: int) -> list[str]:
    """Remove the temporaries that process `pid`, killed in mid-write, left in folder `path`;
    the files they were to replace are whole (their old version). Returns the names removed."""
    gone = []
    for p in atomic.leftovers(path, pid):
        with contextlib.suppress(OSError):
            p.unlink()
            gone.append(p.name)
    return gone


def remove_tree(path: str | os.PathLike) -> None:
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def log_file(path: str | os.PathLike):
    """A file a child process writes its log into (its stderr), truncated first."""
    with open(path, "wb") as f:
        yield f


def try_lock(path: str | os.PathLike) -> int | None:
    """An fd holding an exclusive flock on `path` (made if missing), or None when another holds
    it. A flock belongs to the open file, so two threads of one server exclude each other too,
    and the kernel frees it when its last holder dies."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def lock(path: str | os.PathLike) -> int:
    """An fd holding an exclusive flock on `path` (made if missing), waiting for it; the lock is
    released by closing the fd."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    return fd


class _Contents:
    def __init__(self, data: bytes):
        self.data = data


@contextlib.contextmanager
def rewrite_locked(path: str | os.PathLike, max_bytes: int):
    """A small file several processes share (the replicas' ledger), read and written back in
    place under an exclusive flock: `.data` holds what was read (at most max_bytes + 1 bytes)
    and is written back when the block ends, also when it raises. In place, not through the
    atomic write: a rename would swap the locked file away from under the other processes."""
    folder(Path(path).parent)
    fd = lock(path)
    try:
        raw = b""
        while len(raw) <= max_bytes and (chunk := os.read(fd, 1 << 16)):
            raw += chunk
        box = _Contents(raw)
        try:
            yield box
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, box.data)
            os.ftruncate(fd, len(box.data))
    finally:
        os.close(fd)
