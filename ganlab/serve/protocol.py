"""The worker protocol: every message the JobManager and a worker exchange, named in one place.

The manager's first message to a new worker is the job's spec (a dict: run_id, run_dir,
runs_root (where serve.placement keeps its table), resume, paused, pace, config, limits,
publish_every, silence_timeout, log; and threads and nice when runs outnumber the cores,
serve.capacity.sharing). Then commands follow, each a dict
{"cmd": name, ...arguments}:

    resume | start            train at full speed (or in slow motion when a pace is set)
    pause                     stop training between two iterations
    step (n)                  n whole iterations, then paused
    step_d, step_g            one update of D or of G alone, then paused (no iteration counted)
    set (decision)            a live change the manager judged (ganlab.changes.Decision)
    slow (seconds)            slow motion at that many seconds per update; None: full speed
    checkpoint                write a checkpoint now
    snapshot                  publish a Snapshot now
    stop (reason, args)       checkpoint, mark the run stopped and exit; reason: an i18n key
    alive                     the server is still there (sent every few seconds)
    idle_pause (seconds)      nobody watched for that long: pause, with a notice saying so

The worker's one reply is (SNAPSHOT, Snapshot): at most every `publish_every` seconds while it
trains, and at once after a command. The manager checks a command's arguments here before it
sends it, so a page learns what was wrong next to the widget; the worker still reads every
message defensively (junk is ignored or refused with a notice, never a crash).
"""

from __future__ import annotations

from ganlab.serve.process import check_pace

# Commands a page may send (JobManager.command); the manager alone sends SERVER_ONLY.
COMMANDS = ("resume", "start", "pause", "step", "step_d", "step_g", "set", "slow", "checkpoint",
            "stop", "snapshot")
SERVER_ONLY = ("alive", "idle_pause")
SNAPSHOT = "snapshot"          # the kind of the worker's reply
MAX_STEP = 100_000             # the most iterations one step command may ask for


def message(cmd: str, **args) -> dict:
    """A command as it goes over the pipe."""
    return {"cmd": cmd, **args}


def check_step(n) -> int:
    """A step command's n: a whole number in [1, MAX_STEP], else ValueError naming it."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_STEP:
        raise ValueError(f"step n={n!r}: must be a whole number in [1, {MAX_STEP}]")
    return n


def pace_of(seconds) -> float | None:
    """Seconds per update of a spec or a slow command as the worker reads it: the manager
    checked it (check_pace); anything else means full speed."""
    try:
        return check_pace(seconds)
    except ValueError:
        return None


def steps_asked(n, left: int) -> int:
    """The iterations a step command makes the worker train: n, within 1 and what is left."""
    n = n if isinstance(n, int) and not isinstance(n, bool) else 1
    return max(1, min(n, MAX_STEP, left))
