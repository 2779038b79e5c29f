"""Warm spares, several: what keeps Train instant when a class presses it at once.

One spare (serve.process.Spare: a worker that has imported torch) makes one click start in well
under a second; the next click in the same few seconds waited for a cold import, seconds of CPU
on a box whose cores the running runs already share. So the JobManager keeps `warm_spares`
(a limit) of them, each a Spare, and hands them out in turn. The pool shrinks or grows to the
size asked at every keep(): the memory cap (serve.capacity) counts spares as workers.
Used from the supervisor thread only, except drop(), which the caller serialises.
"""

from __future__ import annotations

from ganlab.serve.process import Process, Spare


class Pool:
    def __init__(self, enabled: bool = True, backend=None):
        self.enabled = enabled
        self.backend = backend
        self._spares: list[Spare] = []
        self._filled: list[Spare] = []    # kept since they were last taken from: warm or warming

    @property
    def size(self) -> int:
        """Spares kept (each holds a worker, warm or still importing)."""
        return len(self._filled)

    def take(self, spec: dict | None = None) -> Process | None:
        """A kept spare's worker (the oldest first), else a freshly started one (or None)."""
        if self._filled:
            return self._filled.pop(0).take(spec)
        return Spare(False, self.backend).take(spec)

    def keep(self, size: int, polite: bool = False) -> None:
        """Hold `size` spares: start the missing ones (polite: each but an only one waits for a
        free core, at most a minute, before it imports), drop the ones beyond."""
        size = size if self.enabled else 0
        while len(self._spares) > size:
            spare = self._spares.pop()
            if spare in self._filled:
                self._filled.remove(spare)
            spare.drop()
        while len(self._spares) < size:
            self._spares.append(Spare(True, self.backend))
        for spare in self._spares:
            if spare not in self._filled:
                # With no spare kept at all, one starts at once: the next visitor must not wait
                # a polite spare's minute. The others may wait.
                spare.keep(polite and bool(self._filled))
                self._filled.append(spare)

    def drop(self) -> None:
        for spare in self._spares:
            spare.drop()
        self._spares, self._filled = [], []
