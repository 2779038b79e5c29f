"""A lecture hall in real Chromium tabs: k tabs of one browser press Train within a few seconds;
each tab's time from its click to its first drawn samples, and how evenly the runs then train
(issue 16's "for a smaller count, real Chromium tabs"; the protocol clients of
benchmarks/lecture_hall.py do the large counts).

    .venv/bin/python benchmarks/lecture_tabs.py --tabs 6 --spread 5 --seconds 30

Starts `streamlit run serve.py` (GANLAB_RUNS = a temporary folder) with as many warm spares as
tabs and a per-address cap above the tab count (every tab comes from loopback, one address),
opens `--tabs` separate browser contexts (separate Streamlit sessions, like separate students'
browsers) and loads the Playground in each. Then it clicks Train in every tab, one after another
over `--spread` seconds, and polls all tabs until each has painted generated samples (the
picture's canvas layer, as benchmarks/bench_browser.py times one tab), and notes when each run
started in the server (its status.json says running), which splits a tab's wait into the
server's part and the drawing's. After `--seconds` of
training it reads every run's last logged step from its folder: iterations/s per run and Jain's
fairness index over them. The browser draws every tab on the same two cores as the server and
its workers, so this is the whole one-box cost, not the server's alone. Every process it started
is stopped in a `finally`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_browser as bb  # noqa: E402  (after the path line above)
from benchmarks.lecture_hall import jain, markdown, settle  # noqa: E402
from benchmarks.load_test import FolderWatch, pct  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tabs", type=int, default=6)
    p.add_argument("--spread", type=float, default=5, help="seconds over which tabs press Train")
    p.add_argument("--seconds", type=float, default=30, help="training time to measure")
    p.add_argument("--json", help="also write the result here (scripts/readme_numbers.py reads it)")
    a = p.parse_args()
    if not 1 <= a.tabs <= 20:
        p.error("--tabs must be 1-20 (each tab is a Chromium renderer on this box)")
    from playwright.sync_api import sync_playwright

    os.environ.update({"GANLAB_LIMIT_WARM_SPARES": str(a.tabs),
                       "GANLAB_LIMIT_MAX_PER_ADDRESS": str(2 * a.tabs)})
    tmp = Path(tempfile.mkdtemp(prefix="ganlab-tabs-"))
    runs = tmp / "runs"
    runs.mkdir()
    started, load0 = time.monotonic(), os.getloadavg()
    proc, port = bb.start_server(runs, tmp / "server.log")
    url = f"http://127.0.0.1:{port}/"
    clicked, firsts, rates, errors = [], {}, [], []
    clicked_wall = []          # time.time() of each click, to pair with the run folders' times
    watch = FolderWatch(runs)
    watch.start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=bb.CHROMIUM, args=bb.CHROMIUM_ARGS)
            pages = []
            for _ in range(a.tabs):
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(url)
                bb.wait_for_app(page)
                pages.append(page)
            for page in pages:
                page.locator(".st-key-pgw_btn_train button").first.wait_for(timeout=90_000)
            settle(proc.pid, a.tabs)   # the spares have warmed up: time the clicks, not the load
            load1 = os.getloadavg()
            # Clicks on schedule, and between them every clicked tab is polled, so a tab's time
            # to its samples is not stretched by the clicks still to come in the others.
            t0 = time.monotonic()
            due = [t0 + i * a.spread / max(1, a.tabs - 1) for i in range(a.tabs)]
            deadline = t0 + a.spread + 120
            while len(firsts) < a.tabs and time.monotonic() < deadline:
                if len(clicked) < a.tabs and time.monotonic() >= due[len(clicked)]:
                    # Times taken before the click: click() returns only once the events are
                    # dispatched, which on a loaded box can come after the run has started.
                    clicked.append(time.monotonic())
                    clicked_wall.append(time.time())
                    pages[len(clicked) - 1].locator(".st-key-pgw_btn_train button").first.click()
                for i in range(len(clicked)):
                    if i not in firsts and pages[i].evaluate(bb.FAKE_DRAWN):
                        firsts[i] = time.monotonic() - clicked[i]
                time.sleep(0.05)
            folders = sorted({c.parent for c in runs.rglob("config.json")})
            start_steps = {f: (time.monotonic(), bb.last_step(f)) for f in folders}
            time.sleep(a.seconds)
            for f in folders:
                t0, s0 = start_steps[f]
                rates.append((bb.last_step(f) - s0) / (time.monotonic() - t0))
            load2 = os.getloadavg()
            browser.close()
    finally:
        bb.stop_server(proc)
        watch.stop.set()
    # The server's part: click -> the run's status.json says running (written just before its
    # first Snapshot). Folders pair with clicks in submit order (clicks are ~1 s apart).
    recs = sorted(watch.seen.values(), key=lambda r: r["queued"])
    server_side = [r["started"] - c for r, c in zip(recs, clicked_wall) if "started" in r]
    ttfs = sorted(firsts.values())
    rows = [
        ("tabs that pressed Train / drew samples / run folders",
         f"{len(clicked)} / {len(ttfs)} / {len(rates)}"),
        ("click → first samples, p50 / p95 / max (goal <= 3 s)",
         f"{pct(ttfs, .5):.2f} / {pct(ttfs, .95):.2f} / {max(ttfs, default=float('nan')):.2f} s"),
        ("click → first samples per tab, in click order",
         " / ".join(f"{firsts[i]:.1f}" if i in firsts else "none" for i in range(a.tabs)) + " s"),
        ("click → the run started in the server (status running), per tab",
         " / ".join(f"{x:.1f}" for x in server_side) + " s"),
        ("iterations/s per run, min / median / max",
         f"{min(rates, default=0):.0f} / {statistics.median(rates) if rates else 0:.0f} / "
         f"{max(rates, default=0):.0f}"),
        ("Jain's fairness index over the runs (goal >= 0.95)", f"{jain(rates):.3f}"),
        ("load average (1/5/15) at start / before the clicks / after",
         " ; ".join("/".join(f"{x:.1f}" for x in v) for v in (load0, load1, load2))),
        ("page errors", str(len(errors))),
    ]
    result = {
        "kind": "lecture_tabs", "block": "lecture_tabs", "readme": False,
        "title": f"Lecture hall in Chromium: {a.tabs} tabs in {a.spread:g} s "
                 f"({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)",
        "command": f"benchmarks/lecture_tabs.py --tabs {a.tabs} --spread {a.spread:g} "
                   f"--seconds {a.seconds:g}",
        "seconds": round(time.monotonic() - started), "rows": rows, "errors": errors[:5]}
    print(markdown(result))
    for e in errors[:5]:
        print(" ", e)
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if len(ttfs) == a.tabs else 1


if __name__ == "__main__":
    sys.exit(main())
