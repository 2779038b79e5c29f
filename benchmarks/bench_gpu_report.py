"""gpu_check.sh's last step: one Markdown file and one JSON from what its steps left in WORK.

    python3 benchmarks/bench_gpu_report.py WORK OUT_DIR [--dry-run]

WORK holds steps.tsv (name, status, seconds, reason per step) and, per step, NAME.md and
NAME.json when the step wrote them. Standard library only: it must run even when the set-up
step failed and nothing else could be imported.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

# Step names in gpu_check.sh -> keys in the JSON ("toy" is what a placement rule reads).
KEYS = {"toy": "placement"}
TITLES = {"setup": "Set-up", "env": "Python, torch and the device", "nvidia-smi": "nvidia-smi",
          "cuda-tests": "CUDA tests (pytest -m gpu)",
          "images": "DCGAN on MNIST-sized data: Trainer vs a bare loop",
          "toy": "A toy run on the GPU vs on one CPU core (placement)",
          "runs": "N concurrent toy runs on one GPU",
          "load-test": "Lecture hall: load test with protocol clients"}


def read_steps(work: Path) -> list[dict]:
    steps = []
    for line in (work / "steps.tsv").read_text().splitlines():
        name, status, seconds, reason = (line.split("\t") + [""] * 4)[:4]
        steps.append({"name": name, "status": status, "seconds": int(seconds or 0),
                      "reason": reason})
    return steps


def build(work: Path, dry: bool) -> tuple[str, dict]:
    steps = read_steps(work)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    label = ("**CPU DRY RUN: every figure below was measured on the CPU at tiny sizes to check "
             "the script. None of them is a GPU figure.**" if dry else
             "Measured on the GPU machine named below.")
    total = sum(s["seconds"] for s in steps)
    md = [f"# GPU check ({when}, host {platform.node()}, {total} s in all)", "", label, "",
          "| step | status | seconds | reason |", "|---|---|---|---|"]
    md += [f"| {s['name']} | {s['status']} | {s['seconds']} | {s['reason']} |" for s in steps]
    data = {"dry_run": dry, "date": when, "host": platform.node(), "total_seconds": total,
            "steps": steps}
    for s in steps:
        part, figures = work / f"{s['name']}.md", work / f"{s['name']}.json"
        md += ["", f"## {TITLES.get(s['name'], s['name'])}", ""]
        md.append(part.read_text().strip() if part.exists() else f"({s['status']}: "
                  f"{s['reason'] or 'no figures'})")
        if figures.exists():
            try:
                data[KEYS.get(s["name"], s["name"])] = json.loads(figures.read_text())
            except ValueError as e:
                data[s["name"]] = {"error": f"unreadable JSON: {e}"}
    return "\n".join(md) + "\n", data


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("work", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--dry-run", action="store_true")
    args = p.parse_args()
    md, data = build(args.work, args.dry_run)
    (args.out / "gpu_results.md").write_text(md)
    (args.out / "gpu_results.json").write_text(json.dumps(data, indent=1))
    print(md)


if __name__ == "__main__":
    main()
