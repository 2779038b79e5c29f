"""Worker speed with the Playground open in real headless Chromium, against the CLI (issue 3).

    .venv/bin/python benchmarks/bench_browser.py [--seconds 30] [--repeats 2]

Starts `streamlit run serve.py` (what `ganlab app` runs; GANLAB_RUNS = a temporary folder),
opens the Playground in Debian's Chromium through Playwright (never `playwright install`) and,
`--repeats` times, alternating so that load drift hits both sides:

1. clicks Train and times click -> first drawn samples: the picture's canvas layer has painted a
   frame with generated samples (and click -> iteration counter > 0);
2. leaves the page open and refreshing for `--seconds` while the worker trains, and measures the
   worker's iterations/s from its run folder (metrics.jsonl growth seen by polling, not the UI);
   then presses Reset (the worker stops) and closes the tab;
3. waits until the server and its workers are quiet (the spare that replaced the job's worker
   has warmed up), then runs `ganlab.runs.loop.train_loop` with a Recorder, in this process, on the
   run's own config.json, for the same number of seconds, and measures its iterations/s.

Prints a table with both rates and the ratio (target >= 0.8) and the load average.

`--latency N` first times click -> visible change for Pause, Step, Step D, Step G and Resume,
N rounds on one default run (benchmarks/browser_latency.py); `--repeats 0` skips the pairs.

`--pin` stands in for a browser on the visitor's own machine: Chromium is confined to the last
CPU and the server (with its workers) and this bench's CLI phase to the others (taskset /
sched_setaffinity), so the page's drawing no longer takes the worker's CPU time. Without it,
browser, server and worker share every core, which is what a one-box test really measures. Every
process (server, its workers, the browser) is stopped in a `finally`, also on Ctrl-C, SIGTERM or
when the overall time budget (SIGALRM) runs out.
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
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")   # as the server's workers get (tests/conftest.py)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("GANLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 90.0
ENDED = {"finished", "failed", "stopped"}

# In the browser: the picture's canvas layer has painted a frame with generated samples
# (ganlab/ui/plotly_react.js; its pixels are no test: at step 0 the arrows cover the tight cluster).
FAKE_DRAWN = """() => {
    for (const el of document.querySelectorAll('.st-key-pg_picture .js-plotly-plot')) {
        for (const layer of (el.__shown ? el.__shown.values() : [])) {
            if ((layer.trace.name || '').startsWith('generated') && layer.xs.length > 0) {
                return true;
            }
        }
    }
    return false;
}"""
COUNTER = """() => {
    const el = document.querySelector(".st-key-pg_status [data-testid='stMetricValue']");
    return el ? parseInt(el.innerText.replace(/[^0-9]/g, '') || '0') : 0;
}"""


class Budget(Exception):
    pass


def _raise(signum, frame):
    raise Budget(f"signal {signum}") if signum == signal.SIGALRM else KeyboardInterrupt()


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


def start_server(runs: Path, log: Path, cpus: set[int] | None = None
                 ) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "GANLAB_RUNS": str(runs), "OMP_NUM_THREADS": "1"}
    # serve.py: what `ganlab app` runs (the JobManager and its spare start with the server)
    cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--global.developmentMode", "false"]
    if cpus:
        cmd = ["taskset", "-c", ",".join(map(str, sorted(cpus)))] + cmd   # workers inherit it
    with open(log, "wb") as out:
        # Own process group: stopping it reaches the server and every worker it started.
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while not healthy(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_server(proc)
            raise RuntimeError(f"streamlit did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    return proc, port


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (it stops its workers), then SIGKILL what is left."""
    pgid = proc.pid
    if group_alive(pgid):
        os.killpg(pgid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while group_alive(pgid) and time.monotonic() < deadline:
            if proc.poll() is None:
                try:
                    proc.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    pass
            else:
                time.sleep(0.2)
        if group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def wait_for_app(page, timeout_ms: float = 90_000) -> None:
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                           timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=timeout_ms)


def last_step(run_dir: Path) -> int:
    """Step of the last complete row of metrics.jsonl (read from its tail)."""
    path = run_dir / "metrics.jsonl"
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 8192))
            lines = f.read().split(b"\n")
    except FileNotFoundError:
        return 0
    for line in reversed(lines[:-1]):   # the last piece may be half written
        try:
            return int(json.loads(line)["step"])
        except (ValueError, KeyError):
            continue
    return 0


def state_of(run_dir: Path) -> str:
    try:
        return json.loads((run_dir / "status.json").read_text()).get("state", "")
    except (OSError, ValueError):
        return ""


TICK = os.sysconf("SC_CLK_TCK")


def proc_table() -> dict[int, tuple[int, int, float]]:
    """pid -> (ppid, pgrp, CPU seconds used so far) for every process we can read."""
    out = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(d.name)] = (int(fields[1]), int(fields[2]),
                            (int(fields[11]) + int(fields[12])) / TICK)
    return out


def cpu_by_part(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by: the server, its workers, the browser (Chromium + Playwright's
    driver), this bench, and the whole machine (busy jiffies of /proc/stat)."""
    table = proc_table()
    me = os.getpid()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    mine, todo = set(), [me]
    while todo:
        pid = todo.pop()
        mine.add(pid)
        todo.extend(kids.get(pid, []))
    parts = {"server": 0.0, "browser": 0.0, "bench": 0.0}
    for pid, (_, pgrp, cpu) in table.items():
        if pid == server_pid:
            parts["server"] += cpu
        elif pgrp == server_pid:
            parts[f"worker pid {pid}"] = cpu
        elif pid == me:
            parts["bench"] += cpu
        elif pid in mine:
            parts["browser"] += cpu
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    parts["machine"] = (sum(ticks) - ticks[3] - ticks[4]) / TICK   # minus idle and iowait
    return parts


def first_times(page, t0: float, timeout: float = 90.0) -> tuple[float, float]:
    """Seconds from t0 until the counter first shows an iteration, and until the samples are
    first drawn: polled together, since either may come first (the step-0 frame has samples)."""
    counter = samples = None
    while counter is None or samples is None:
        now = time.monotonic() - t0
        if now > timeout:
            raise TimeoutError(f"counter after {counter} s, samples after {samples} s")
        if counter is None and page.evaluate(f"({COUNTER})() > 0"):
            counter = now
        if samples is None and page.evaluate(FAKE_DRAWN):
            samples = now
        time.sleep(0.03)
    return counter, samples


def find_run(runs: Path, known: set[Path], timeout: float = 60.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = [p.parent for p in runs.rglob("config.json") if p.parent not in known]
        if new:
            return max(new, key=lambda p: p.stat().st_mtime)
        time.sleep(0.05)
    raise RuntimeError("no run folder appeared after clicking Train")


def worker_phase(browser, url: str, runs: Path, seconds: float, server_pid: int) -> dict:
    known = {p.parent for p in runs.rglob("config.json")}
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        wait_for_app(page)
        train = page.locator(".st-key-pgw_btn_train button").first
        train.wait_for(timeout=90_000)
        time.sleep(1.0)                 # let the page settle: time the click, not the load
        t0 = time.monotonic()
        train.click()
        to_counter, to_samples = first_times(page, t0)
        run_dir = find_run(runs, known)

        # Training with the page open and refreshing: rate from the run folder. A point is
        # (time the bench first saw a new flushed step, that step); flushes come about 1/s.
        points: list[tuple[float, int]] = []
        counters: list[int] = []
        seen = last_step(run_dir)
        cpu0, wall0 = cpu_by_part(server_pid), time.monotonic()
        end = time.monotonic() + seconds
        next_ui = time.monotonic()
        while time.monotonic() < end:
            step = last_step(run_dir)
            if step != seen:
                seen = step
                points.append((time.monotonic(), step))
            if state_of(run_dir) in ENDED:
                break
            if time.monotonic() >= next_ui:   # the page is refreshing: sample its counter
                next_ui += 5.0
                try:
                    counters.append(page.evaluate(COUNTER))
                except Exception:  # noqa: BLE001 - redrawn just then
                    pass
            time.sleep(0.1)
        if len(points) < 2:
            raise RuntimeError(f"worker made no measurable progress in {run_dir}")
        (ta, sa), (tb, sb) = points[0], points[-1]
        rate = (sb - sa) / (tb - ta)
        cpu1, wall1 = cpu_by_part(server_pid), time.monotonic()
        cores = {k: (cpu1.get(k, cpu0[k]) - cpu0[k]) / (wall1 - wall0) for k in cpu0}
        # The training worker is the busiest process of the server's group; the others are the
        # spare worker (idle, or importing torch when a job has just taken the previous spare).
        wk = [k for k in cores if k.startswith("worker pid")]
        busiest = max(wk, key=cores.get) if wk else None
        named = {"worker": cores[busiest] if busiest else 0.0,
                 "spare worker(s)": sum(cores[k] for k in wk if k != busiest)}
        cores = {**named, **{k: v for k, v in cores.items() if k not in wk}}
        ui_final = page.evaluate(COUNTER)

        reset = page.locator(".st-key-pgw_btn_reset button").first
        reset.click()
        deadline = time.monotonic() + 30
        while state_of(run_dir) not in ENDED and time.monotonic() < deadline:
            time.sleep(0.1)
        return {"rate": rate, "to_counter": to_counter, "to_samples": to_samples,
                "run_dir": run_dir, "span": tb - ta, "steps": sb - sa,
                "ui_counters": counters + [ui_final], "errors": errors, "cores": cores}
    finally:
        context.close()


def settle(server_pid: int, quiet: float = 0.1, limit: float = 40.0) -> float:
    """Wait until the server and its workers use less than `quiet` core (the spare that replaced
    the last job's worker has finished warming up), so the CLI phase does not share its CPU with
    them. Returns the seconds waited."""
    start = time.monotonic()

    def group_cpu() -> dict[str, float]:
        parts = cpu_by_part(server_pid)
        return {k: v for k, v in parts.items() if k == "server" or k.startswith("worker pid")}

    before = group_cpu()
    while time.monotonic() - start < limit:
        time.sleep(1.0)
        now = group_cpu()
        # Per process: a worker that exited since the last look takes its CPU total with it.
        if sum(v - before.get(k, 0.0) for k, v in now.items()) < quiet:
            break
        before = now
    return time.monotonic() - start


class Deadline:
    """Trainer callback ending the CLI loop after `seconds` (train_loop treats it as Ctrl-C)."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def __call__(self, trainer, stats) -> None:
        if time.monotonic() >= self.end:
            raise KeyboardInterrupt


def cli_phase(config_json: Path, root: Path, seconds: float) -> dict:
    import contextlib
    import io

    from ganlab.config import Config
    from ganlab.runs.folder import Run
    from ganlab.runs.loop import train_loop
    from ganlab.runs.recorder import Recorder
    from ganlab.train.trainer import Trainer

    cfg = Config.from_json(config_json.read_text()).replace(steps=10_000_000)
    trainer = Trainer(cfg)
    run = Run.create(root / f"cli-{time.monotonic_ns()}", cfg)
    trainer.train(5)   # warm-up outside the timed part, as bench_worker.py does
    trainer.callbacks.append(Deadline(seconds))
    n0 = trainer.step
    cpu0 = time.process_time()
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):   # "stopped at step N; resume with ..."
        train_loop(trainer, run, cfg.steps, Recorder(run), progress=False)
    wall = time.perf_counter() - start
    return {"rate": (trainer.step - n0) / wall, "cores": (time.process_time() - cpu0) / wall}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=30.0, help="training time per phase")
    p.add_argument("--repeats", type=int, default=2, help="worker/CLI pairs, alternating")
    p.add_argument("--pin", action="store_true",
                   help="Chromium on the last CPU, server and CLI on the others")
    p.add_argument("--latency", type=int, default=0, metavar="ROUNDS",
                   help="first time click -> visible change of the run's buttons, ROUNDS times")
    args = p.parse_args()
    cpus = sorted(os.sched_getaffinity(0))
    if args.pin and len(cpus) < 2:
        p.error("--pin needs at least 2 CPUs")
    train_cpus = set(cpus[:-1]) if args.pin else None
    budget = int(START_TIMEOUT + args.repeats * (2 * args.seconds + 150) + 60 +
                 args.latency * 30 + (150 if args.latency else 0))
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
        signal.signal(sig, _raise)
    signal.alarm(budget)

    from playwright.sync_api import sync_playwright

    print(f"cores={os.cpu_count()} load(1/5/15 min)={load()} seconds/phase={args.seconds:g} "
          f"repeats={args.repeats} budget={budget}s "
          f"pin={f'browser on CPU {cpus[-1]}' if args.pin else 'no'}", flush=True)
    server = None
    rows: list[tuple[dict, dict, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        runs = root / "runs"
        runs.mkdir()
        try:
            t = time.monotonic()
            server, port = start_server(runs, root / "server.log", train_cpus)
            print(f"server healthy after {time.monotonic() - t:.1f} s", flush=True)
            with sync_playwright() as pw:
                chromium = CHROMIUM
                if args.pin:   # Playwright needs one executable: a wrapper that pins Chromium
                    chromium = str(root / "chromium-pinned")
                    Path(chromium).write_text(f'#!/bin/sh\nexec taskset -c {cpus[-1]} '
                                              f'{CHROMIUM} "$@"\n')
                    os.chmod(chromium, 0o755)
                    os.sched_setaffinity(0, train_cpus)   # the CLI phase runs in this process
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    if args.latency:
                        from browser_latency import latency_phase, report

                        lat = latency_phase(browser, f"http://127.0.0.1:{port}", args.latency,
                                            wait_for_app)
                        print(f"click -> visible change, load {load()}:\n" +
                              "\n".join(report(lat)), flush=True)
                    for i in range(args.repeats):
                        w = worker_phase(browser, f"http://127.0.0.1:{port}", runs, args.seconds,
                                         server.pid)
                        lw = load()
                        print(f"[{i + 1}] worker {w['rate']:7.1f} it/s over {w['span']:.1f} s "
                              f"({w['steps']} its); click->counter {w['to_counter']:.2f} s, "
                              f"click->samples {w['to_samples']:.2f} s; page counter samples "
                              f"{w['ui_counters']}; load {lw}", flush=True)
                        print("    CPU cores used during it: " + ", ".join(
                            f"{k} {v:.2f}" for k, v in w["cores"].items()), flush=True)
                        if w["errors"]:
                            print(f"    page errors: {w['errors']}")
                        waited = settle(server.pid)
                        c = cli_phase(w["run_dir"] / "config.json", root, args.seconds)
                        lc = load()
                        print(f"[{i + 1}] cli    {c['rate']:7.1f} it/s on {c['cores']:.2f} "
                              f"cores (after {waited:.0f} s for the server to go quiet); "
                              f"load {lc}", flush=True)
                        rows.append((w, c, f"{lw} / {lc}"))
                finally:
                    browser.close()
        finally:
            if server is not None:
                stop_server(server)
                if group_alive(server.pid):
                    print("WARNING: server process group still alive", file=sys.stderr)
            signal.alarm(0)
    if not rows:
        return 0
    print()
    print("| pair | worker it/s (page open) | CLI it/s | ratio | click->samples s | "
          "click->counter s | load 1/5/15 (worker / cli) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for i, (w, c, ld) in enumerate(rows, 1):
        print(f"| {i} | {w['rate']:.1f} | {c['rate']:.1f} | {w['rate'] / c['rate']:.2f} | "
              f"{w['to_samples']:.2f} | {w['to_counter']:.2f} | {ld} |")
    print("\nPer CPU-second of the training process (separates the worker's own overhead, "
          "snapshots included, from CPU taken by the page, server and other load):")
    for i, (w, c, _) in enumerate(rows, 1):
        we = w["rate"] / max(w["cores"]["worker"], 1e-9)
        ce = c["rate"] / max(c["cores"], 1e-9)
        print(f"  pair {i}: worker {we:.1f} it/CPU-s on {w['cores']['worker']:.2f} cores, "
              f"CLI {ce:.1f} it/CPU-s on {c['cores']:.2f} cores, ratio {we / ce:.2f}")
    wm = statistics.median(w["rate"] for w, _, _ in rows)
    cm = statistics.median(c["rate"] for _, c, _ in rows)
    rm = statistics.median(w["rate"] / c["rate"] for w, c, _ in rows)
    print(f"\nmedian worker {wm:.1f} it/s, median CLI {cm:.1f} it/s, ratio {wm / cm:.2f}; "
          f"median of the pairs' ratios {rm:.2f} (target >= 0.8); click->samples "
          + ", ".join(f"{w['to_samples']:.2f}" for w, _, _ in rows) + " s (target <= 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
