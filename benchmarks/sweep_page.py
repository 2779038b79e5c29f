"""Issue 20's figure through the page: a 5-seed grid of lr_d × loss and an Optuna search over the
same losses and a log range of lr_d, on ring8 and on grid25, every member run by the Compare
page through the JobManager (the lecture hall's time-slicing, the per-visitor slots), then the
page's parallel coordinates photographed in Chromium.

    python benchmarks/sweep_page.py --out /tmp/sweep_page                 # the figure
    python benchmarks/sweep_page.py --small --out /tmp/sweep_page_quick   # a quick check

Each sweep folder is made by `ganlab.sweep.queued.create`, what the Compare form's Start writes;
one Chromium tab per dataset opens Compare, picks the grid sweep and takes over driving it
("Drive this sweep"), then the search sweep. The tab's sweep panel ticks every 3 s and queues
members within that visitor's slots (4 live runs locally), so the two tabs' runs share the
cores. Then a fresh server on the same folder photographs each sweep's panel at 1280 px
(OUT/<sweep>.png, and OUT/<sweep>-zh.png in Chinese) and the script writes OUT/results.json
(what scripts/readme_numbers.py puts into README and RESULTS), OUT/summary.md and
OUT/figure.html (benchmarks/sweep_search.py's table and figure), all read back from the page's
own run folders; `--collect` does only this last part, for sweeps already run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_browser as bb  # noqa: E402  (after the path line above)
from benchmarks import sweep_search as ss  # noqa: E402
from ganlab.sweep import queued  # noqa: E402
from ganlab.sweep.spec import parse  # noqa: E402

LOSSES = ["nonsaturating", "hinge", "wgan_gp"]
LRS = [3e-4, 1e-3, 3e-3]
STEPS = {"ring8": 2000, "grid25": 2500}


def pick(page, name: str, drive: bool = True) -> None:
    """Choose `name` in the Compare page's sweep picker and (drive) take over driving it."""
    box = page.locator(".st-key-sweepview_pick input").first
    for _ in range(10):    # a click while the page redraws can be lost, as for a person
        try:
            box.click(timeout=5_000)
            page.keyboard.type(name)
            page.keyboard.press("Enter")
            page.wait_for_timeout(2000)
            if box.input_value(timeout=5_000) == name:
                break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: redrawn under the click
            page.keyboard.press("Escape")
    else:
        raise RuntimeError(f"could not pick the sweep {name}")
    if drive:
        button = page.locator(".st-key-sweepview_drive button").first
        button.wait_for(timeout=60_000)
        button.click()


def prepare(spec, root: Path) -> Path:
    """The sweep folder for spec: kept when a run of this command finished it (same spec), else
    made anew, after removing an unfinished or different one and its members (all of them in
    this benchmark's own OUT), so the same command carries on after an interruption."""
    folder = root / queued.FOLDER / spec.name
    if folder.is_dir():
        old, _ = queued.load(folder)
        if old.to_dict() == spec.to_dict() and done(folder):
            print(f"{spec.name}: finished before, kept", flush=True)
            return folder
        print(f"{spec.name}: unfinished or another spec, run again", flush=True)
        shutil.rmtree(folder)
    for member in root.glob(f"{spec.name}-t*"):     # members of a removed or half-made sweep
        shutil.rmtree(member)
    made = queued.create(spec, root)
    assert made == folder, made        # report() finds each sweep by its spec's name
    return made


def done(folder: Path) -> bool:
    spec, study = queued.load(folder)
    return queued.finished(spec, study)


def shoot(page, name: str, path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 1800})   # the whole panel in one view
    pick(page, name, drive=False)
    panel = page.locator(".st-key-sweepview_parcoords").first
    panel.wait_for(timeout=60_000)
    page.wait_for_timeout(3000)
    panel.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.locator("[data-testid='stExpander']").filter(
        has=page.locator(".st-key-sweepview_parcoords")).first.screenshot(path=str(path))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--datasets", default="ring8,grid25")
    p.add_argument("--seeds", default="0-4")
    p.add_argument("--budget", type=int, default=6, help="configs the search may try")
    p.add_argument("--objective", default="modes_covered")
    p.add_argument("--small", action="store_true",
                   help="a quick check: 2 x 2 grid of small nets, seeds 0-1, 300 steps, budget 2")
    p.add_argument("--hours", type=float, default=3.0, help="give up after this long")
    p.add_argument("--collect", action="store_true",
                   help="train nothing: photograph OUT's finished sweeps and write the results")
    a = p.parse_args()
    if a.small:
        a.seeds, a.budget = "0-1", 2
    out = Path(a.out)
    datasets = a.datasets.split(",")
    if a.collect:
        photograph(out, [f"{d}-{kind}" for d in datasets for kind in ("grid", "search")])
        return report(out, datasets, command(a))
    root = out / "runs"
    root.mkdir(parents=True, exist_ok=True)
    plans = {}
    for d in datasets:
        losses, lrs = (LOSSES[:2], LRS[1:]) if a.small else (LOSSES, LRS)
        grid, search = ss.specs(d, a, losses, lrs, 300 if a.small else STEPS[d])
        folders = [prepare(parse(s), root) for s in (grid, search)]
        at = sum(1 for _ in itertools.takewhile(done, folders))
        plans[d] = {"folders": folders, "at": at, "started": time.monotonic()}
    proc, port = bb.start_server(root, out / "server.log")
    url = f"http://127.0.0.1:{port}/compare?lang=en"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=bb.CHROMIUM, args=bb.CHROMIUM_ARGS)
            tabs = {}
            for d in datasets:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(url)
                bb.wait_for_app(page)
                if plans[d]["at"] < 2:
                    pick(page, plans[d]["folders"][plans[d]["at"]].name)
                tabs[d] = page
            deadline = time.monotonic() + a.hours * 3600
            while any(pl["at"] < 2 for pl in plans.values()):
                if time.monotonic() > deadline:
                    raise SystemExit(f"gave up after {a.hours} h: {plans}")
                time.sleep(10)
                for d, pl in plans.items():
                    if pl["at"] < 2 and done(pl["folders"][pl["at"]]):
                        print(f"{d} {pl['folders'][pl['at']].name}: done after "
                              f"{time.monotonic() - pl['started']:.0f} s (load {bb.load()})",
                              flush=True)
                        pl["at"] += 1
                        if pl["at"] < 2:
                            pick(tabs[d], pl["folders"][1].name)
            browser.close()
    finally:
        bb.stop_server(proc)
    photograph(out, [f.name for pl in plans.values() for f in pl["folders"]])
    return report(out, datasets, command(a))


def photograph(out: Path, names: list[str]) -> None:
    """OUT/<sweep>.png for each finished sweep: a fresh server on OUT/runs (it trains nothing:
    every member has ended) and one Compare tab, in English and, as <sweep>-zh.png, Chinese."""
    from playwright.sync_api import sync_playwright

    proc, port = bb.start_server(out / "runs", out / "server-photos.log")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=bb.CHROMIUM, args=bb.CHROMIUM_ARGS)
            for lang, suffix in (("en", ""), ("zh", "-zh")):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(f"http://127.0.0.1:{port}/compare?lang={lang}")
                bb.wait_for_app(page)
                for name in names:
                    shoot(page, name, out / f"{name}{suffix}.png")
                page.close()
            browser.close()
    finally:
        bb.stop_server(proc)


def command(a) -> str:
    small = " --small" if a.small else ""
    return (f"benchmarks/sweep_page.py --out OUT --datasets {a.datasets} --seeds {a.seeds} "
            f"--budget {a.budget} --objective {a.objective}{small}")


def seconds_of(spec, study, root: Path) -> float:
    """A sweep's wall time from its run folders: the first member's config written to the last
    member's status written."""
    paths = [root / m for r in ss.studies.rows_of(study) for m in r["members"]]
    starts = [(p / "config.json").stat().st_mtime for p in paths if (p / "config.json").is_file()]
    ends = [(p / "status.json").stat().st_mtime for p in paths if (p / "status.json").is_file()]
    return max(ends) - min(starts) if starts and ends else 0.0


def report(out: Path, datasets: list[str], cmd: str) -> int:
    """Read the sweeps of OUT/runs back from disk (the page's own folders) and write
    OUT/results.json (what scripts/readme_numbers.py reads), summary.md and figure.html."""
    root = out / "runs"
    results = {}
    for d in datasets:
        got = []
        for kind in ("grid", "search"):
            spec, study = queued.load(root / queued.FOLDER / f"{d}-{kind}")
            got.append(ss.collect(spec, study, root, seconds_of(spec, study, root)))
        direction = got[0]["spec"]["direction"]
        results[d] = {"grid": got[0], "search": got[1],
                      "comparison": ss.compare(got[0], got[1], direction)}
        print(f"{d}: {json.dumps(results[d]['comparison'], default=str)[:600]}", flush=True)
    data = {"kind": "sweep_search", "command": cmd, "date": time.strftime("%Y-%m-%d"),
            "datasets": results}
    (out / "results.json").write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    objective = next(iter(results.values()))["grid"]["spec"]["objective"]
    (out / "summary.md").write_text(ss.summary(results, objective), encoding="utf-8")
    ss.figure(results, objective, out / "figure.html")
    print(f"wrote {out}/results.json, summary.md, figure.html and the sweep panels' PNGs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
