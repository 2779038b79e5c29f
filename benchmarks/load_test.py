"""Load test of the hosted showcase: N concurrent sessions, each training one job.

    .venv/bin/python benchmarks/load_test.py --sessions 20 --seconds 120      # the full test
    .venv/bin/python benchmarks/load_test.py --sessions 6 --seconds 10        # a quick check

It starts `streamlit run serve.py` (what `ganlab app` runs) on a free loopback port with
GANLAB_SHOWCASE=1 (training time per job capped at --seconds) and opens N websocket sessions at
once. Each speaks Streamlit's own protocol as a browser does: it asks for the Playground page,
presses Train, then keeps asking for the live fragment's reruns at the interval the server sets (the
browser's `run_every` timer), until its run ends. Then it disconnects. The run folders show when
each job was queued, started and ended, and how many iterations it got.

Reported (and printed as a Markdown block for benchmarks/RESULTS.md):
  * time to first render: websocket open -> first full page run finished, p50/p95
  * live responsiveness: fragment rerun request -> finished, p50/p95
  * fairness: iterations and iterations/s per job; Jain's index over the jobs' rates
  * queue order: jobs start in the order they were submitted (FIFO)
  * cleanup: worker processes and server RSS before, at peak, and after all sessions closed

Not part of the test suite (it takes minutes and most of the machine). Loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ganlab.serve import process as workerproc

ROOT = Path(__file__).resolve().parent.parent
TRAIN_KEY = "pgw_btn_train"          # the Playground's Train button (ganlab.ui.session.wkey)
TERMINAL = ("finished", "failed", "stopped")
ORDER_GAP = 0.2                      # seconds between two submits for their order to count
QUERY = ""                           # the page's URL query, e.g. "steps=1000000" (--steps)


# --- the server ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, runs: Path, seconds: float, grace: float,
                 steps: int = 0, extra_env: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "GANLAB_SHOWCASE": "1", "GANLAB_RUNS": str(runs), "OMP_NUM_THREADS": "1",
           "GANLAB_LIMIT_MAX_WALL_SECONDS": str(seconds),
           **({"GANLAB_LIMIT_MAX_ITERATIONS": str(steps)} if steps else {}),
           "GANLAB_LIMIT_ORPHAN_GRACE_SECONDS": str(grace), **(extra_env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1"]
    log = open(runs.parent / "server.log", "wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not become healthy in 120 s; see server.log")


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process itself (not its workers)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_mb(pid: int) -> float:
    return workerproc.rss_mb(pid) or 0.0      # 0 once the server is gone


# --- one session: a minimal Streamlit protocol client --------------------------------------------
@dataclass
class Session:
    index: int
    port: int
    first_render: float | None = None
    tick_latency: list = field(default_factory=list)
    run_id: str | None = None
    clicked_at: float | None = None
    error: str | None = None


def _rerun(ws, page_hash: str, widgets: list, fragment: str = "", auto: bool = False) -> None:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    cs = msg.rerun_script
    cs.query_string = QUERY             # as a shared link would: the Playground reads it
    cs.page_name = "playground"
    if page_hash:
        cs.page_script_hash = page_hash
    if fragment:
        cs.fragment_id = fragment
        cs.is_auto_rerun = auto
    for w in widgets:
        cs.widget_states.widgets.append(w)
    ws.send(msg.SerializeToString())


def _until_finished(ws, state: dict, deadline: float) -> bool:
    """Read messages until a script run finishes; record what the client needs."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while time.monotonic() < deadline:
        try:
            raw = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            return False
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            state["page_hash"] = msg.new_session.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            if el.WhichOneof("type") == "button" and el.button.id.endswith(TRAIN_KEY):
                state["train_id"] = el.button.id
        elif kind == "auto_rerun":
            state["fragment"] = (msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "page_info_changed":
            q = dict(p.split("=", 1) for p in msg.page_info_changed.query_string.split("&")
                     if "=" in p)
            state["run"] = q.get("run", state.get("run"))
        elif kind == "script_finished":
            return True
    return False


def run_session(s: Session, runs: Path, stop_at: float, start_gate: threading.Event) -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from websockets.sync.client import connect

    start_gate.wait()
    state: dict = {}
    try:
        t0 = time.monotonic()
        with connect(f"ws://127.0.0.1:{s.port}/_stcore/stream", subprotocols=["streamlit"],
                     max_size=2**26, open_timeout=120) as ws:
            _rerun(ws, "", [])
            if not _until_finished(ws, state, t0 + 300):
                raise RuntimeError("first render did not finish in 300 s")
            s.first_render = time.monotonic() - t0
            if "train_id" not in state:
                raise RuntimeError("no Train button on the Playground")
            s.clicked_at = time.time()
            _rerun(ws, state.get("page_hash", ""),
                   [WidgetState(id=state["train_id"], trigger_value=True)])
            _until_finished(ws, state, time.monotonic() + 300)
            s.run_id = state.get("run")
            # Watch, as a browser tab does, until the run has ended.
            while time.monotonic() < stop_at:
                frag = state.get("fragment")
                status = _status(runs, s.run_id)
                if status.get("state") in TERMINAL:
                    break
                if frag is None:        # nothing ticks on the page: a browser would wait too
                    time.sleep(1.0)
                    continue
                time.sleep(frag[1])
                t1 = time.monotonic()
                _rerun(ws, state.get("page_hash", ""), [], fragment=frag[0], auto=True)
                if _until_finished(ws, state, t1 + 60):
                    s.tick_latency.append(time.monotonic() - t1)
                s.run_id = s.run_id or state.get("run")
    except Exception as e:  # noqa: BLE001 - reported per session, the others go on
        s.error = f"{type(e).__name__}: {e}"


def warm_up(port: int) -> float:
    """One page load before the test, as a deployment has had before its visitors arrive (the
    first page run of a fresh server imports torch and plotly). Returns its time."""
    from websockets.sync.client import connect

    t0 = time.monotonic()
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                 max_size=2**26, open_timeout=120) as ws:
        _rerun(ws, "", [])
        _until_finished(ws, {}, t0 + 300)
    return time.monotonic() - t0


# --- what the run folders say --------------------------------------------------------------------
def _status(runs: Path, run_id: str | None) -> dict:
    if not run_id:
        return {}
    try:
        return json.loads((runs / run_id / "status.json").read_text())
    except (OSError, ValueError):
        return {}


class FolderWatch(threading.Thread):
    """Polls the run folders: first time each run is seen queued, running, and ended."""

    def __init__(self, runs: Path):
        super().__init__(daemon=True)
        self.runs, self.seen, self.stop = runs, {}, threading.Event()

    def run(self):
        while not self.stop.is_set():
            for d in self.runs.iterdir() if self.runs.exists() else ():
                if d.name not in self.seen:
                    # samples/ is made by Run.create at submit and stays untouched until the
                    # first sample: its ctime is the submit time, to the nanosecond.
                    try:
                        born = (d / "samples").stat().st_ctime
                    except OSError:
                        continue
                    self.seen[d.name] = {"queued": born}
                rec = self.seen[d.name]
                if "ended" in rec:
                    continue
                status = _status(self.runs, d.name)
                st = status.get("state")
                # Stopped or failed at step 0 without ever running (its visitor left while it
                # queued) is not a start.
                ran = st not in TERMINAL or status.get("step", 0) > 0
                if st and st != "queued" and ran and "started" not in rec:
                    rec["started"] = time.time()
                if st in TERMINAL and "ended" not in rec:
                    rec["ended"] = time.time()
            time.sleep(0.1)


def pct(values, q) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _round(args, port, runs, server, sessions, stop_at, rss_warm, peak_workers, peak_rss,
           workers_before):
    """One round: args.sessions new sessions at once, until every one's run has ended and its
    worker is gone. Appends them to `sessions`; returns the updated peaks."""
    gate = threading.Event()
    fresh = [Session(len(sessions) + i, port) for i in range(args.sessions)]
    sessions += fresh
    threads = [threading.Thread(target=run_session, args=(s, runs, stop_at, gate), daemon=True)
               for s in fresh]
    for t in threads:
        t.start()
    gate.set()
    while any(t.is_alive() for t in threads) and time.monotonic() < stop_at:
        peak_workers = max(peak_workers, len(workerproc.worker_pids(server.pid)))
        peak_rss = max(peak_rss, rss_mb(server.pid))
        if rss_warm is None and all(s.first_render or s.error for s in fresh):
            rss_warm = rss_mb(server.pid)         # every session has drawn its page once
        time.sleep(0.5)
    for t in threads:
        t.join(timeout=5)
    # All sessions are closed: every job must end and its worker go (the spare stays).
    cleanup_deadline = time.monotonic() + args.grace + 60
    while (time.monotonic() < cleanup_deadline
           and len(workerproc.worker_pids(server.pid)) > workers_before):
        time.sleep(1)
    time.sleep(2)
    return rss_warm, peak_workers, peak_rss


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--seconds", type=float, default=120, help="training time per job")
    p.add_argument("--grace", type=float, default=30, help="orphan grace period (s)")
    p.add_argument("--limit", type=float, default=3600, help="bound on the whole test (s)")
    p.add_argument("--steps", type=int, default=0,
                   help="iterations each job asks for (?steps= in the page URL; the server's "
                        "iteration cap is raised to match), so that --seconds ends every job; "
                        "0: the Playground's default run")
    p.add_argument("--rounds", type=int, default=1,
                   help="repeat the sessions this many times on one server (memory growth)")
    args = p.parse_args()
    global QUERY
    QUERY = f"steps={args.steps}" if args.steps else ""

    tmp = Path(tempfile.mkdtemp(prefix="ganlab-load-"))
    runs = tmp / "runs"
    runs.mkdir()
    port = free_port()
    t_start = time.monotonic()
    server = start_server(port, runs, args.seconds, args.grace, args.steps)
    try:
        cold = warm_up(port)
        time.sleep(3)                                   # let the warm spare worker settle
        rss_before = rss_mb(server.pid)
        workers_before = len(workerproc.worker_pids(server.pid))
        watch = FolderWatch(runs)
        watch.start()
        stop_at = time.monotonic() + args.limit
        sessions, rss_rounds = [], []
        cpu_before = cpu_seconds(server.pid)
        peak_workers, peak_rss, rss_warm = 0, rss_before, None
        for _ in range(args.rounds):
            rss_warm, peak_workers, peak_rss = _round(
                args, port, runs, server, sessions, stop_at, rss_warm, peak_workers, peak_rss,
                workers_before)
            rss_rounds.append(rss_mb(server.pid))
        cpu_used = cpu_seconds(server.pid) - cpu_before
        watch.stop.set()
        rss_after = rss_mb(server.pid)
        workers_after = len(workerproc.worker_pids(server.pid))
    finally:
        stop_server(server)
    total = time.monotonic() - t_start

    # --- report -----------------------------------------------------------------------------
    jobs = []
    for s in sessions:
        st = _status(runs, s.run_id)
        rec = watch.seen.get(s.run_id or "", {})
        span = (rec.get("ended", 0) - rec.get("started", 0)) if "ended" in rec else 0
        jobs.append(dict(session=s.index, run=s.run_id, state=st.get("state"),
                         steps=st.get("step", 0), submitted=rec.get("queued"),
                         started=rec.get("started"), seconds=span,
                         rate=st.get("step", 0) / span if span > 0 else 0.0))
    rates = [j["rate"] for j in jobs if j["rate"] > 0]
    jain = (sum(rates) ** 2 / (len(rates) * sum(r * r for r in rates))) if rates else float("nan")
    by_submit = sorted((j for j in jobs if j["submitted"] and j["started"]),
                       key=lambda j: j["submitted"])
    # FIFO: of two visitors who pressed Train at least ORDER_GAP apart, the earlier starts
    # first. Closer submits race inside submit() (folder made, then queued) and are not ranked.
    ranked = [(a, b) for i, a in enumerate(by_submit) for b in by_submit[i + 1:]
              if b["submitted"] - a["submitted"] >= ORDER_GAP]
    inversions = sum(1 for a, b in ranked if b["started"] < a["started"])
    renders = [s.first_render for s in sessions if s.first_render is not None]
    ticks = [x for s in sessions for x in s.tick_latency]
    errors = [f"session {s.index}: {s.error}" for s in sessions if s.error]
    steps = [j["steps"] for j in jobs if j["steps"]]
    spans = [j["seconds"] for j in jobs if j["seconds"] > 0]
    cores = os.cpu_count()
    cap = subprocess.run([sys.executable, "-c", "from ganlab.serve.limits import Limits; "
                          "print(Limits.from_env().global_cap())"], cwd=ROOT, text=True,
                         capture_output=True, env={**os.environ, "GANLAB_SHOWCASE": "1"}
                         ).stdout.strip()
    nan = float("nan")
    rows = [
        ("time to first render, p50 / p95 / max",
         f"{pct(renders, .5):.2f} / {pct(renders, .95):.2f} / {max(renders, default=nan):.2f} s "
         f"({len(renders)}/{len(sessions)} sessions)"),
        ("first page load of the fresh server (warm-up, not counted above)", f"{cold:.1f} s"),
        ("live fragment rerun, p50 / p95 (n)",
         f"{pct(ticks, .5):.2f} / {pct(ticks, .95):.2f} s ({len(ticks)})"),
        ("jobs finished / failed / other",
         f"{sum(j['state'] == 'finished' for j in jobs)} / "
         f"{sum(j['state'] == 'failed' for j in jobs)} / "
         f"{sum(j['state'] not in ('finished', 'failed') for j in jobs)}"),
        ("iterations per job, min / median / max",
         f"{min(steps, default=0):,} / {int(statistics.median(steps)) if steps else 0:,} / "
         f"{max(steps, default=0):,}"),
        ("training wall time per job, min / median / max",
         f"{min(spans, default=0):.1f} / {statistics.median(spans) if spans else 0:.1f} / "
         f"{max(spans, default=0):.1f} s"),
        ("iterations/s per job, min / median / max",
         f"{min(rates, default=0):.0f} / {statistics.median(rates) if rates else 0:.0f} / "
         f"{max(rates, default=0):.0f}"),
        ("Jain's fairness index of the rates (1 = equal)", f"{jain:.3f}"),
        (f"queue order: pairs submitted >= {ORDER_GAP:g} s apart that started out of order",
         f"{inversions} of {len(ranked)}"),
        ("worker processes: before / peak / after",
         f"{workers_before} / {peak_workers} / {workers_after} (1 = the warm spare)"),
        ("server RSS: idle / all pages drawn / peak / after all closed",
         f"{rss_before:.0f} / {rss_warm or 0:.0f} / {peak_rss:.0f} / {rss_after:.0f} MB"),
        ("server RSS after each round", " / ".join(f"{r:.0f}" for r in rss_rounds) + " MB"),
        ("server CPU (its own process): total, per page or fragment run",
         f"{cpu_used:.0f} s, {1000 * cpu_used / max(1, len(ticks) + 2 * len(renders)):.0f} ms"),
        ("global cap (jobs training at once)", cap),
        ("session errors", f"{len(errors)}"),
    ]
    report = "\n".join([
        f"### Load test: {args.rounds} x {args.sessions} sessions x {args.seconds:g} s jobs "
        f"({time.strftime('%Y-%m-%d')}, {cores} cores)",
        f"`benchmarks/load_test.py --sessions {args.sessions} --seconds {args.seconds:g} "
        f"--steps {args.steps} --rounds {args.rounds}`; "
        f"whole test {total:.0f} s.", "", "| measure | value |", "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows)])
    print(report)
    for e in errors[:10]:
        print(" ", e)
    (tmp / "jobs.json").write_text(json.dumps(jobs, indent=1))
    print(f"per-job details: {tmp / 'jobs.json'}; server log: {tmp / 'server.log'}")
    return 0 if not errors and workers_after <= workers_before else 1


if __name__ == "__main__":
    sys.exit(main())
