"""The lecture-hall load test on this box, for benchmarks/gpu_check.sh: runs load_test.py, keeps
its Markdown report, turns its table into JSON and adds, from its per-job record, the time from
pressing Train to the run leaving the queue (p50 / p95).

    python benchmarks/bench_gpu_load.py [--sessions 50] [--seconds 10] [--dry-run]
        [--json F] [--md F]

Every job asks for the showcase's iteration cap (--steps), so the server's wall-time limit
(--seconds) is what ends it. On SIGINT (gpu_check.sh's timeout) load_test.py stops its server.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_gpu import emit  # noqa: E402
from load_test import pct  # noqa: E402

ROW = re.compile(r"^\| (.+?) \| (.+) \|$")
DETAILS = re.compile(r"per-job details: (\S+); server log: (\S+)")


def parse(text: str) -> dict:
    """load_test.py's printed report -> {"report": Markdown, "table": {measure: value},
    "jobs_json": path or None, "server_log": path or None}."""
    table = {m[1]: m[2] for line in text.splitlines() if (m := ROW.match(line.strip()))
             and m[1] != "measure" and not m[1].startswith("---")}
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("### Load test")), None)
    report = []
    for line in lines[start:] if start is not None else ():
        if report and report[-1].startswith("|") and not line.startswith("|"):
            break                                # the table has ended
        report.append(line)
    details = DETAILS.search(text)
    return {"report": "\n".join(report), "table": table, "jobs_json": details and details[1],
            "server_log": details and details[2]}


def queue_waits(jobs: list[dict]) -> dict:
    """Seconds from Train (the run folder's birth) to the run leaving 'queued'."""
    waits = [j["started"] - j["submitted"] for j in jobs if j.get("started") and j.get("submitted")]
    return {"n": len(waits), "p50": pct(waits, .5), "p95": pct(waits, .95),
            "max": max(waits, default=float("nan"))}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=None, help="default 50; dry run 4")
    p.add_argument("--seconds", type=float, default=10, help="training time per job")
    p.add_argument("--steps", type=int, default=20_000, help="iterations each job asks for")
    p.add_argument("--grace", type=float, default=10, help="orphan grace period (s)")
    p.add_argument("--limit", type=float, default=150, help="bound on the sessions' wait (s)")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json")
    p.add_argument("--md")
    args = p.parse_args()
    sessions = args.sessions or (4 if args.dry_run else 50)
    cmd = [sys.executable, str(HERE / "load_test.py"), "--sessions", str(sessions),
           "--seconds", str(args.seconds), "--steps", str(args.steps), "--grace", str(args.grace),
           "--limit", str(args.limit)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        for line in proc.stdout:
            print(line, end="", flush=True)      # the log keeps everything
            lines.append(line)
    except KeyboardInterrupt:                    # load_test.py got it too and stops its server
        proc.wait(timeout=60)
        raise
    rc = proc.wait()
    out = parse("".join(lines)) | {"dry_run": args.dry_run, "command": cmd[1:], "exit": rc}
    if rc and out["server_log"]:
        print("".join(Path(out["server_log"]).read_text().splitlines(True)[-30:]))
    if out["jobs_json"]:
        jobs = json.loads(Path(out["jobs_json"]).read_text())
        out["queue_wait_s"] = queue_waits(jobs)
        out["jobs"] = jobs
        shutil.rmtree(Path(out["jobs_json"]).parent, ignore_errors=True)   # its runs and log
    if not out["report"]:
        raise SystemExit(f"load_test.py printed no report (exit {rc})")
    w = out.get("queue_wait_s")
    text = out["report"] + ("" if not w else
                            f"\n\nTrain -> run left the queue (run folders), p50 / p95 / max: "
                            f"{w['p50']:.1f} / {w['p95']:.1f} / {w['max']:.1f} s "
                            f"({w['n']} runs)")
    emit(out, text, args.json, args.md)
    if rc:
        raise SystemExit(f"load_test.py exited {rc} (session errors or workers left over)")


if __name__ == "__main__":
    main()
