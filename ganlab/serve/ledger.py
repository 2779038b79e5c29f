"""The ledger of live jobs that web-server replicas share, so a visitor's cap holds across them.

Replicas behind one proxy share one cluster and one runs root (docs/deploy.md §8), and nothing
else: so the ledger is a small JSON file in the runs root, read and rewritten under an exclusive
flock (which Linux also takes on NFS v4). Each entry is one live job: its visitor, the replica
that runs it, and when that replica last vouched for it. A replica vouches for its own entries
every ping (`beat`); entries not vouched for in TTL seconds belong to a replica that died (its
workers stop within `silence_timeout`, 30 s) and stop counting. `claim` checks and adds in one
locked step, so two replicas admitting the same visitor at once cannot both pass; `start` does
the same for the site's cap of runs holding a worker.

One server on its own keeps using only its in-memory count (NoLedger): the file is for replicas.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import time
from contextlib import contextmanager
from pathlib import Path

from ganlab import safejson
from ganlab.runs import areas
from ganlab.serve.limits import LimitError

FILE = ".ganlab-ledger.json"    # a file, not a folder: the run index lists folders only
TTL = 60.0                      # seconds an entry lasts without its replica's beat
MAX_BYTES = 4 << 20             # a ledger larger than this is junk: start it afresh


class Ledger:
    def __init__(self, root: str | os.PathLike, ttl: float = TTL, replica: str | None = None):
        self.path = Path(root) / FILE
        self.ttl = ttl
        self.replica = replica or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"

    def claim(self, job_id: str, visitor: str, cap: int, mine=()) -> None:
        """Record `job_id` for `visitor`, or raise LimitError when the visitor already has
        `cap` live jobs on all replicas together. `mine`: this replica's live job ids,
        so a job it just ended no longer counts (a visitor may Stop and Train at once)."""
        with self._locked() as entries:
            self._vouch(entries, mine)
            held = sum(1 for e in entries.values() if e["visitor"] == visitor)
            if held >= cap:
                raise LimitError("jobs.limit.per_site", n=held, cap=cap)
            entries[job_id] = {"visitor": visitor, "replica": self.replica,
                               "beat": time.time()}

    def start(self, job_id: str, cap: int, mine=()) -> bool:
        """Mark `job_id` started if fewer than `cap` jobs hold a worker on all replicas together
        (the cluster's CPUs are the site's, not one replica's); False: it waits in its queue.
        A paused run counts: its actor keeps its CPU."""
        with self._locked() as entries:
            self._vouch(entries, mine)
            if sum(1 for e in entries.values() if e.get("started")) >= cap:
                return False
            entry = entries.get(job_id)
            if entry is not None:
                entry["started"] = True
            return True

    def beat(self, mine) -> None:
        """Vouch for this replica's live jobs `mine`; its other entries (ended jobs) go."""
        with self._locked() as entries:
            self._vouch(entries, mine)

    def count(self, visitor: str) -> int:
        with self._locked() as entries:
            return sum(1 for e in entries.values() if e["visitor"] == visitor)

    def _vouch(self, entries: dict, mine) -> None:
        mine, now = set(mine), time.time()
        for job_id in list(entries):
            e = entries[job_id]
            if e["replica"] == self.replica:
                if job_id in mine:
                    e["beat"] = now
                else:
                    del entries[job_id]

    @contextmanager
    def _locked(self):
        """The fresh entries, to read and change; written back in place under the lock
        (ganlab/runs/areas.py: a rename would swap the locked file away from the others)."""
        with areas.rewrite_locked(self.path, MAX_BYTES) as contents:
            entries = _fresh(_parse(contents.data), time.time() - self.ttl)
            try:
                yield entries
            finally:
                contents.data = json.dumps(entries, sort_keys=True).encode()


def _parse(raw: bytes) -> dict:
    """The ledger's entries; a torn, foreign or oversized file reads as empty (it only
    over-admits until every replica's next beat rewrites it)."""
    try:
        return safejson.load_object(raw, "the replicas' ledger", max_bytes=MAX_BYTES) \
            if raw else {}
    except ValueError:
        return {}


def _fresh(entries: dict, oldest: float) -> dict:
    """Only well-formed entries vouched for since `oldest`."""
    keep = {}
    for job_id, e in entries.items():
        if isinstance(e, dict) and isinstance(e.get("visitor"), str) and \
                isinstance(e.get("replica"), str) and isinstance(e.get("beat"), (int, float)) \
                and e["beat"] >= oldest:
            keep[job_id] = e
    return keep


class NoLedger:
    """A server on its own: its in-memory count is the whole truth."""

    def claim(self, job_id: str, visitor: str, cap: int, mine=()) -> None:
        pass

    def start(self, job_id: str, cap: int, mine=()) -> bool:
        return True

    def beat(self, mine) -> None:
        pass
