"""Live changes: the one rule for what a change to a running job's Config does (issue 15).

`decide(cfg, changes, caps)` sorts every key of `changes` into one of three bins:

    live     applies between two iterations (ganlab.config.LIVE_KEYS, `steps` among them: the
             worker's iteration target), or names a key's current value (nothing to rebuild)
    reset    needs new models or data: the Playground applies it on Reset
    refused  not a change at all: an unknown key, a value out of its bounds, or over one of the
             server's caps (`caps`: {key: the largest value allowed}, from serve.limits)

Every message is an i18n key with its arguments (ganlab/i18n/jobs.py), written once here and
shown in the reader's language. The Playground, the JobManager, the worker and the Trainer all
take their verdict from here; the worker and the Trainer apply a Decision that was already made
(`Trainer.apply`), so a change from a widget to the optimizer is judged once, by the JobManager.
The caps are a plain argument because train/ may not import serve/ (architecture §2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ganlab.config import LIVE_KEYS, Config, ConfigError, coerce
from ganlab.i18n import t

# The caps a live change can run into, and the message of each (the same one at submit).
CAP_MESSAGES = {"steps": "jobs.change.cap_steps", "batch_size": "jobs.change.cap_batch_size"}


class ChangeRefused(ConfigError):
    """A change that cannot apply now; carries the Refusal so a page can show it translated."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.text())
        self.refusal = refusal


@dataclass(frozen=True)
class Refusal:
    """Why a key (or, with key "", the whole change) does not apply now, as an i18n message."""

    key: str
    message_key: str
    args: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return t(self.message_key, lang, **self.args)


@dataclass(frozen=True)
class Decision:
    live: dict[str, Any] = field(default_factory=dict)   # key -> value, typed as the Config's
    reset: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()

    @property
    def problems(self) -> tuple[Refusal, ...]:
        """Everything that keeps this change from applying whole: reset keys, then refusals."""
        reset = (Refusal(",".join(self.reset), "jobs.change.reset",
                         {"keys": ", ".join(self.reset)}),) if self.reset else ()
        return reset + self.refused

    def checked(self) -> Decision:
        """This decision if all of it applies now; else ChangeRefused with the first problem."""
        if self.problems:
            raise ChangeRefused(self.problems[0])
        return self


def over_cap(key: str, value: Any, caps: dict[str, int] | None) -> Refusal | None:
    """The refusal of `value` for `key` when it is over the server's cap, else None."""
    limit = (caps or {}).get(key)
    if limit is None or key not in CAP_MESSAGES or value <= limit:
        return None
    return Refusal(key, CAP_MESSAGES[key], {"value": value, "limit": limit})


def decide(cfg: Config, changes: Any, caps: dict[str, int] | None = None) -> Decision:
    """Sort `changes` ({key: value}, from anyone) against the job's `cfg` and the server's
    `caps`. Never raises: whatever is wrong with the input is a Refusal of one line."""
    if not isinstance(changes, dict) or not changes:
        return Decision(refused=(Refusal("", "jobs.change.empty"),))
    live, rebuild, refused = {}, {}, []
    for key, raw in changes.items():
        name = key[:40] if isinstance(key, str) else repr(key)[:40]
        try:
            value = coerce(name, raw)         # typed; an unknown key gets "did you mean"
            if name in LIVE_KEYS:             # bounds (NaN too); live keys are independent
                value = getattr(cfg.replace(**{name: value}), name)
        except ConfigError as e:
            refused.append(Refusal(name, "jobs.change.invalid", {"detail": str(e)}))
            continue
        if value == getattr(cfg, name):
            live[name] = value
        elif name not in LIVE_KEYS:
            rebuild[name] = value
        elif (over := over_cap(name, value, caps)) is not None:
            refused.append(over)
        else:
            live[name] = value
    if rebuild:
        try:    # together: `dataset=drawn` is valid only with its `drawn_points`
            cfg.replace(**rebuild)
        except ConfigError as e:
            refused.append(Refusal(",".join(rebuild), "jobs.change.invalid", {"detail": str(e)}))
            rebuild = {}
    return Decision(live, tuple(rebuild), tuple(refused))

