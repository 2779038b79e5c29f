"""A lecture hall against one server: many runs live at once, and a visitor is a person.

    .venv/bin/python benchmarks/lecture_hall.py                 # quick: 30 s runs, ~10 minutes
    .venv/bin/python benchmarks/lecture_hall.py --seconds 120 --flood 105

It starts `streamlit run serve.py` on a free loopback port in showcase mode behind a pretend
reverse proxy (GANLAB_TRUSTED_PROXIES=1: each client sends the X-Forwarded-For line our proxy
would, so each stands for another person) with --spares warm workers, and speaks Streamlit's
protocol with benchmarks/load_test.py's client. Three parts, each bounded in time:

  A. the hall: one run alone (before and after, the baseline of the same run), then --clients
     visitors press Train spread over --spread seconds. Time to first samples (click -> the run's
     status.json says running, written just before its first Snapshot), per-run iterations/s and
     Jain's fairness index, aggregate iterations/s (the sum of the runs' rates) against one run
     alone on the same cores. Goals: p50 and p95 <= 3 s, Jain >= 0.95, aggregate >= 0.9x.
     Past the caps runs queue and train in waves: then the sum of the rates (runs that never
     overlapped) says little, and all runs' iterations over the first start -> last end span is
     the aggregate to read. A visitor leaves --patience seconds after its run should have
     ended; a run still queued then is given up and counted as such.
  B. a flood: --flood scripted sessions from one address press Train (and never watch) while a
     second address presses Train: its time to first samples (goal <= 3 s) and how many runs the
     flood holds (goal: no more than the per-address cap).
  C. paused and slow motion: a JobManager in this process with two training slots: a paused and
     a slow-motion run hold both workers, and a third visitor's submit -> first samples is timed,
     against the same with two training runs in the slots (where it queues).

Loopback only; every part stops by itself. Prints a Markdown table; with --json it writes the
result that scripts/readme_numbers.py puts into benchmarks/RESULTS.md (and README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_test as lt  # noqa: E402 - the protocol client, beside this file

from ganlab.serve import process as workerproc  # noqa: E402

TERMINAL = ("finished", "failed", "stopped")
WARM_MB = 400          # a worker that has imported torch holds ~700 MB; before, under 100 MB


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores, from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]                      # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def settle(server_pid: int, want: int, limit: float = 240) -> float:
    """Wait until the server holds `want` warm idle workers (the spares: torch imported, which
    a worker's memory shows, and no CPU used for 2 s; a polite spare waiting for a free core is
    idle too, but cold); returns the seconds waited."""
    t0 = time.monotonic()
    quiet, last = 0, None
    while time.monotonic() - t0 < limit:
        pids = workerproc.worker_pids(server_pid)
        cpu = sum(lt.cpu_seconds(p) for p in pids)
        warm = sum(1 for p in pids if lt.rss_mb(p) > WARM_MB)
        quiet = quiet + 1 if last is not None and cpu - last < 0.05 and warm >= want else 0
        if quiet >= 4:
            break
        last = cpu
        time.sleep(0.5)
    return time.monotonic() - t0


class Visitor(threading.Thread):
    """One browser tab: open the Playground, press Train at `click_at` (time.monotonic), then
    watch the live fragment (`watch`) or hold the connection without looking (a script) until
    `until`. Afterwards: run, clicked (time.time), first_render, error."""

    def __init__(self, port: int, address: str, click_at: float, until: float, watch: bool,
                 runs: Path, then=None):
        super().__init__(daemon=True)
        self.port, self.address, self.click_at, self.until = port, address, click_at, until
        self.watch, self.runs, self.then = watch, runs, then
        self.run_id = self.clicked = self.first_render = self.error = None

    def run(self):
        from streamlit.proto.WidgetStates_pb2 import WidgetState
        from websockets.sync.client import connect

        state: dict = {}
        try:
            t0 = time.monotonic()
            with connect(f"ws://127.0.0.1:{self.port}/_stcore/stream",
                         subprotocols=["streamlit"], max_size=2**26, open_timeout=120,
                         additional_headers={"X-Forwarded-For": self.address}) as ws:
                lt._rerun(ws, "", [])
                if not lt._until_finished(ws, state, t0 + 300) or "train_id" not in state:
                    raise RuntimeError("no Train button on the Playground")
                self.first_render = time.monotonic() - t0
                time.sleep(max(0.0, self.click_at - time.monotonic()))
                self.clicked = time.time()
                lt._rerun(ws, state.get("page_hash", ""),
                          [WidgetState(id=state["train_id"], trigger_value=True)])
                lt._until_finished(ws, state, time.monotonic() + 120)
                self.run_id = state.get("run")
                while time.monotonic() < self.until:
                    if lt._status(self.runs, self.run_id).get("state") in TERMINAL:
                        break
                    frag = state.get("fragment")
                    time.sleep(frag[1] if frag else 1.0)
                    if self.watch and frag:
                        lt._rerun(ws, state.get("page_hash", ""), [], fragment=frag[0],
                                  auto=True)
                        lt._until_finished(ws, state, time.monotonic() + 60)
                        self.run_id = self.run_id or state.get("run")
        except Exception as e:  # noqa: BLE001 - reported per visitor, the others go on
            self.error = f"{type(e).__name__}: {e}"


def first_samples(v: Visitor, watch: lt.FolderWatch) -> float | None:
    rec = watch.seen.get(v.run_id or "", {})
    return rec["started"] - v.clicked if "started" in rec and v.clicked else None


def rate(v: Visitor, watch: lt.FolderWatch, runs: Path) -> float | None:
    """The run's iterations/s from its start to its end (None: it never started, or had not
    ended when the benchmark stopped waiting)."""
    rec = watch.seen.get(v.run_id or "", {})
    if "started" not in rec or "ended" not in rec:
        return None
    span = rec["ended"] - rec["started"]
    return lt._status(runs, v.run_id).get("step", 0) / span if span > 0 else None


def throughput(people, watch: lt.FolderWatch, runs: Path) -> float:
    """All their runs' iterations over the span from the first start to the last end: the
    aggregate rate, also when the runs trained in waves (past the caps) and never all at once."""
    recs = [(watch.seen.get(v.run_id or "", {}), v.run_id) for v in people]
    ran = [(r, i) for r, i in recs if "started" in r and "ended" in r]
    if not ran:
        return 0.0
    span = max(r["ended"] for r, _ in ran) - min(r["started"] for r, _ in ran)
    return sum(lt._status(runs, i).get("step", 0) for _, i in ran) / span if span > 0 else 0.0


def crowd(port, runs, addresses, spread, seconds, watch=True, patience=60) -> list[Visitor]:
    """Visitors who press Train over `spread` seconds and leave `patience` seconds after the
    last one's run should have ended (a run still queued then is given up, as a person would)."""
    t0 = time.monotonic() + 15                 # every tab has drawn its page before the clicks
    n = max(1, len(addresses) - 1)
    people = [Visitor(port, a, t0 + i * spread / n, t0 + spread + seconds + patience, watch,
                      runs)
              for i, a in enumerate(addresses)]
    for p in people:
        p.start()
    return people


def join(people, limit: float) -> None:
    deadline = time.monotonic() + limit
    for p in people:
        p.join(timeout=max(0.1, deadline - time.monotonic()))


def one_alone(port, runs, seconds, watch) -> float:
    """One run with the server to itself: its iterations/s."""
    v = crowd(port, runs, ["10.1.0.1"], 0, seconds)
    join(v, seconds + 120)
    return rate(v[0], watch, runs)


def fmt(x: float | None, none: str = "n/a") -> str:
    return none if x is None else f"{x:.2f} s"


def jain(xs) -> float:
    xs = [x for x in xs if x > 0]
    return sum(xs) ** 2 / (len(xs) * sum(x * x for x in xs)) if xs else float("nan")


def part_c(tmp: Path) -> dict:
    """Paused and slow-motion runs against a busy pair, in a JobManager of this process."""
    from ganlab.config import Config
    from ganlab.serve.limits import Limits
    from ganlab.serve.manager import JobManager

    small = dict(g_width=16, d_width=16, batch_size=64, steps=1_000_000)
    out = {}
    mgr = JobManager(tmp / "c-runs", Limits(max_concurrent=2, warm_spares=3, max_workers=8),
                     tick=0.05)
    try:
        for case in ("paused+slow", "two training"):
            held = [mgr.submit(f"{case}{i}", Config(**small, seed=i),
                               paused=case == "paused+slow" and i == 0,
                               pace=1.0 if case == "paused+slow" and i == 1 else None)
                    for i in range(2)]
            for j in held:
                mgr.wait_for(j, lambda s: s.seq > 0 and s.state != "queued", 180)
            time.sleep(20)                     # the spares refill and settle
            t0 = time.monotonic()
            other = mgr.submit(f"{case}-visitor", Config(**small, seed=9))
            snap = mgr.wait_for(other, lambda s: s.fake is not None and s.state == "running",
                                20)
            ok = snap is not None and snap.fake is not None and snap.state == "running"
            out[case] = time.monotonic() - t0 if ok else None
            for j in held + [other]:
                mgr.stop(j)
    finally:
        mgr.shutdown()
    return out


def markdown(result: dict) -> str:
    """The benchmark's table (what it prints; scripts/readme_numbers.py writes it into
    RESULTS.md, and the 12-visitor block into README.md, from the --json file)."""
    return "\n".join([
        f"#### {result['title']}",
        f"`.venv/bin/python {result['command']}`; whole benchmark {result['seconds']} s.", "",
        "| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in result["rows"])])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=12)
    p.add_argument("--spread", type=float, default=10, help="seconds over which they press Train")
    p.add_argument("--seconds", type=float, default=30, help="training time per run")
    p.add_argument("--spares", type=int, default=12, help="GANLAB_LIMIT_WARM_SPARES")
    p.add_argument("--flood", type=int, default=30, help="scripted sessions from one address")
    p.add_argument("--nice", type=int, default=5, help="GANLAB_LIMIT_TRAIN_NICE")
    p.add_argument("--patience", type=float, default=60,
                   help="seconds a visitor stays after its run should have ended")
    p.add_argument("--json", help="also write the result here (scripts/readme_numbers.py reads it)")
    p.add_argument("--block", default="lecture_hall",
                   help="the marked block of RESULTS.md it belongs in (lecture_hall: README too)")
    args = p.parse_args()
    lt.QUERY = "steps=1000000"                 # every run ends at the wall limit, --seconds
    tmp = Path(tempfile.mkdtemp(prefix="ganlab-hall-"))
    runs = tmp / "runs"
    runs.mkdir()
    port = lt.free_port()
    started = time.monotonic()
    loads = {"start": load()}
    server = lt.start_server(port, runs, args.seconds, 10, 1_000_000, {
        "GANLAB_TRUSTED_PROXIES": "1", "GANLAB_LIMIT_WARM_SPARES": str(args.spares),
        "GANLAB_LIMIT_TRAIN_NICE": str(args.nice)})
    watch = lt.FolderWatch(runs)
    watch.start()
    try:
        lt.warm_up(port)
        settle(server.pid, args.spares)
        alone = [one_alone(port, runs, args.seconds, watch)]     # the baseline, before ...
        settle(server.pid, args.spares)
        loads["before the hall"] = load()
        cpu0 = (lt.cpu_seconds(server.pid), busy_seconds())
        hall = crowd(port, runs, [f"10.16.0.{i + 1}" for i in range(args.clients)],
                     args.spread, args.seconds, patience=args.patience)
        join(hall, args.spread + args.seconds + args.patience + 90)
        server_cpu = (lt.cpu_seconds(server.pid) - cpu0[0], busy_seconds() - cpu0[1])
        loads["after the hall"] = load()
        settle(server.pid, args.spares)
        alone.append(one_alone(port, runs, args.seconds, watch))  # ... and after the hall
        flood = crowd(port, runs, ["10.66.6.6"] * args.flood, 5, args.seconds, watch=False)
        time.sleep(25)                             # the flood has pressed Train
        neighbour = crowd(port, runs, ["10.77.7.7"], 0, args.seconds)
        join(neighbour + flood, args.seconds + 150)
        loads["after the flood"] = load()
    finally:
        lt.stop_server(server)
        watch.stop.set()
    c = part_c(tmp)
    loads["end"] = load()

    ttfs = [x for v in hall for x in [first_samples(v, watch)] if x is not None]
    measured = [rate(v, watch, runs) for v in hall]
    rates = [r for r in measured if r is not None]
    gave_up = sum(1 for v in hall if v.run_id and first_samples(v, watch) is None)
    queued_waits = sorted(x for x in ttfs if x > 3)
    agg = throughput(hall, watch, runs)
    alone = [r for r in alone if r]
    base = statistics.mean(alone) if alone else float("nan")
    held = sum(1 for v in flood if v.run_id)
    errors = [f"{v.address}: {v.error}" for v in hall + flood + neighbour if v.error]
    n_f = first_samples(neighbour[0], watch)
    rows = [
        ("A. visitors who pressed Train / got a run / saw samples",
         f"{len(hall)} / {sum(1 for v in hall if v.run_id)} / {len(ttfs)}"),
        ("A. time to first samples, p50 / p95 / max (goal <= 3 s)",
         f"{lt.pct(ttfs, .5):.2f} / {lt.pct(ttfs, .95):.2f} / {max(ttfs, default=0):.2f} s"),
        ("A. visitors whose first samples came within 3 s", f"{len(ttfs) - len(queued_waits)} of "
         f"{len(hall)}"),
        ("A. the others (queued past the caps, or a cold worker): wait, p50 / max",
         f"{lt.pct(queued_waits, .5):.0f} / {max(queued_waits):.0f} s" if queued_waits
         else "none"),
        (f"A. visitors who left while still queued ({args.patience:g} s after their run "
         "would have ended)", str(gave_up)),
        (f"A. iterations/s per run, min / median / max ({len(rates)} runs that trained to "
         "their end)",
         f"{min(rates, default=0):.0f} / {statistics.median(rates) if rates else 0:.0f} / "
         f"{max(rates, default=0):.0f}"),
        ("A. Jain's fairness index (goal >= 0.95)", f"{jain(rates):.3f}"),
        ("A. one run alone, before / after (it/s)", " / ".join(f"{r:.0f}" for r in alone)),
        ("A. aggregate it/s (the sum of the runs' rates) / one run alone (goal >= 0.9x)",
         f"{sum(rates):.0f} / {base:.0f} = {sum(rates) / base:.2f}x" if base else "n/a"),
        ("A. all runs' iterations / (first start -> last end), against one run alone",
         f"{agg:.0f} it/s = {agg / base:.2f}x" if base else "n/a"),
        ("A. the web server's CPU during the hall / the whole machine's (busy CPU-seconds)",
         f"{server_cpu[0]:.0f} / {server_cpu[1]:.0f} = "
         f"{server_cpu[0] / max(server_cpu[1], 1e-9):.0%}"),
        ("B. flood sessions from one address / runs they hold",
         f"{args.flood} / {held} (per-address cap: half the compute cap)"),
        ("B. the second address: time to first samples (goal <= 3 s)", fmt(n_f)),
        ("C. a third visitor's start beside a paused and a slow-motion run (2 slots)",
         fmt(c.get("paused+slow"))),
        ("C. the same beside two training runs (it queues; 20 s bound)",
         fmt(c.get("two training"), "still queued at 20 s")),
        ("machine load average (1/5/15 min) at each stage",
         "; ".join(f"{k}: {v}" for k, v in loads.items())),
        ("session errors", str(len(errors))),
    ]
    result = {
        "kind": "lecture_hall", "block": args.block, "readme": args.block == "lecture_hall",
        "title": f"Lecture hall: {args.clients} visitors in {args.spread:g} s, {args.seconds:g} s "
                 f"runs ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, {args.spares} warm "
                 f"spares, runs at nice {args.nice})",
        "command": f"benchmarks/lecture_hall.py --clients {args.clients} --spread "
                   f"{args.spread:g} --seconds {args.seconds:g} --spares {args.spares} --flood "
                   f"{args.flood} --nice {args.nice} --patience {args.patience:g}",
        "seconds": round(time.monotonic() - started), "rows": rows, "errors": errors[:10]}
    print(markdown(result))
    for e in errors[:10]:
        print(" ", e)
    print(f"server log: {tmp / 'server.log'}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
