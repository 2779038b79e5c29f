"""Alarm episodes: when each alarm started, and whether it is still on.

``check_all`` reports the alarms active *now*, stamped with the step of the check, so the same
collapse comes back at step 3,000, 3,200, 3,400... An ``AlarmLog`` folds those reports into
episodes: one per (kind, message) from the first check that saw it (its onset, where a chart
marker belongs and when a toast fires) until a check no longer does. Cleared episodes are kept
(the last ``MAX_EPISODES``), so a marker stays on the chart after the run recovers.
Plain dicts in, plain dicts out: it reads ``Alarm`` objects or Snapshot.alarms alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, is_dataclass

MAX_EPISODES = 50
"""Enough for any run a person reads; bounds memory if an alarm flickers for hours."""


def _as_dict(alarm) -> dict:
    return asdict(alarm) if is_dataclass(alarm) else dict(alarm)


def episode_id(alarm: dict) -> str:
    """What makes two reports the same alarm: its kind and its message (NaN vs exploding)."""
    return f"{alarm.get('kind')}:{alarm.get('message_key')}"


class AlarmLog:
    """Episodes of alarms, in order of onset. ``update`` returns the episodes that just began."""

    def __init__(self):
        self.episodes: list[dict] = []
        self._open: dict[str, dict] = {}

    def update(self, active: Iterable) -> list[dict]:
        """Fold the currently active alarms in; return the episodes that started with this call.

        An episode's ``step`` is its onset (the worker may also send onsets: the earliest step
        seen wins), ``last_step`` the latest report, ``details`` the latest numbers.
        """
        seen: dict[str, dict] = {}
        for alarm in active:
            a = _as_dict(alarm)
            seen.setdefault(episode_id(a), a)
        new = []
        for key, a in seen.items():
            step = int(a.get("step", 0))
            ep = self._open.get(key)
            if ep is None:
                ep = {**a, "step": step, "last_step": step, "active": True}
                self._open[key] = ep
                self.episodes.append(ep)
                new.append(ep)
            else:
                ep.update(details=a.get("details", {}), severity=a.get("severity"),
                          step=min(ep["step"], step), last_step=max(ep["last_step"], step))
        for key in list(self._open):
            if key not in seen:
                self._open.pop(key)["active"] = False
        if len(self.episodes) > MAX_EPISODES:
            self.episodes = self.episodes[-MAX_EPISODES:]
        return new

    def active(self) -> list[dict]:
        return [e for e in self.episodes if e["active"]]
