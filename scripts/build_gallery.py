"""Build the Gallery's bundled preset runs (assets/gallery/) by training them with the real CLI.

    .venv/bin/python scripts/build_gallery.py            # every card of ganlab.runs.gallery.CARDS
    .venv/bin/python scripts/build_gallery.py --only ring8_default

Each card is a preset of ganlab/presets.py, trained as it is by `ganlab train --preset NAME`
in a subprocess (so the bundle is exactly what the CLI writes; only the logging cadences are
set), then copied into assets/gallery/<preset>/ thinned to what the Gallery plays: at most
MAX_FRAMES sample snapshots of SAMPLE_POINTS points, metrics thinned to MAX_ROWS rows (every
diagnostic row kept), the final checkpoint (so a visitor's "continue this run" can resume it), and
target.npy, real points of the dataset drawn with the run's seed, to show beside the samples.
A card whose run misses its claims (ganlab.runs.gallery.CARDS: a success must cover its modes, a
failure must show the failure) fails the build, as does a bundle over BUDGET_BYTES.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "gallery"
MAX_FRAMES = 40
SAMPLE_POINTS = 256
TARGET_POINTS = 600
MAX_ROWS = 300
BUDGET_BYTES = 3_000_000       # the repository and the showcase's first page load stay small

# Logging cadences only: they change what is recorded, never the run's numbers (architecture §8).
CADENCE = ["sample_every=100", "checkpoint_every=100000"]


def train(name: str, card, work: Path) -> Path:
    out = work / name
    cmd = [sys.executable, "-m", "ganlab.cli", "train", "--preset", card.preset, "--out", str(out),
           "--steps", str(card.steps), "--quiet"]
    for s in CADENCE + [f"seed={card.seed}"]:
        cmd += ["--set", s]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    print(f"{name}: trained {card.steps} steps in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    return out


def thin_rows(rows: list[dict]) -> list[dict]:
    diag = [r for r in rows if "modes_covered" in r or "w1_exact" in r or "kl_binned" in r]
    plain = [r for r in rows if r not in diag]
    k = max(1, -(-len(plain) // max(1, MAX_ROWS - len(diag))))
    keep = plain[::k] + diag + rows[-1:]
    by_step = {r["step"]: r for r in keep}
    return [by_step[s] for s in sorted(by_step)]


def pack(run: Path, dest: Path) -> None:
    import torch

    from ganlab.config import Config
    from ganlab.data import make_dataset

    if dest.exists():
        shutil.rmtree(dest)
    (dest / "samples").mkdir(parents=True)
    for f in ("config.json", "status.json", "checkpoint.json", "checkpoint.safetensors"):
        shutil.copy2(run / f, dest / f)
    rows = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()
            if line.strip()]
    (dest / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in thin_rows(rows)))
    files = sorted((run / "samples").glob("step_*.npy"))
    idx = np.unique(np.linspace(0, len(files) - 1, min(MAX_FRAMES, len(files))).round())
    for i in idx.astype(int):
        x = np.load(files[i], allow_pickle=False)[:SAMPLE_POINTS].astype(np.float32)
        np.save(dest / "samples" / files[i].name, x)
    cfg = Config.from_json((run / "config.json").read_text())
    data = make_dataset(cfg)
    real = data.sample(TARGET_POINTS, torch.Generator().manual_seed(cfg.seed))
    np.save(dest / "target.npy", real.numpy().astype(np.float32))


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def table() -> str:
    """The stored cards' final values, as benchmarks/RESULTS.md shows them (`--table`)."""
    from ganlab.runs.gallery import CARDS, load_run

    lines = ["| card (preset) | iterations | claim | modes covered | high quality | W1 |",
             "| --- | ---: | --- | ---: | ---: | ---: |"]
    for name, card in CARDS.items():
        run = load_run(OUT / name)
        if run is None:
            continue
        f = run.final
        claim = ", ".join(f"{c.metric} {c.op} {c.bound:g}" for c in card.claims)
        k = sum(1 for key in f if key.startswith("mode_share_"))
        w1 = f.get("w1_exact", f.get("w1"))
        lines.append(f"| `{name}` | {run.step:,} | {claim} | {f.get('modes_covered', 0):.0f} / {k} "
                     f"| {100 * f.get('hq_share', 0):.0f}% | "
                     f"{'—' if w1 is None else f'{w1:.3f}'} |")
    return "\n".join(lines)


def main() -> int:
    from ganlab.runs.gallery import CARDS, broken_claims, load_run

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", action="append", help="build just this card (repeatable)")
    p.add_argument("--table", action="store_true",
                   help="train nothing: print the stored cards' final values as Markdown")
    args = p.parse_args()
    if args.table:
        print(table())
        return 0
    cards = {n: c for n, c in CARDS.items() if not args.only or n in args.only}
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, card in cards.items():
            pack(train(name, card, Path(tmp)), OUT / name)
            run = load_run(OUT / name)
            broken = broken_claims(card, run.final if run else {})
            shown = {c.metric: (run.final.get(c.metric) if run else None) for c in card.claims}
            print(f"{name}: {shown}" + (f" MISSES {broken}" if broken else ""), file=sys.stderr)
            failed += [name] if broken else []
    # Only cards: a folder left from an older build (another name) would still be played.
    if not args.only:
        for stale in (d for d in OUT.iterdir() if d.is_dir() and d.name not in CARDS):
            shutil.rmtree(stale)
    names = [n for n in CARDS if (OUT / n).is_dir()]
    (OUT / "gallery.json").write_text(json.dumps({"runs": names}, indent=2) + "\n")
    total = size(OUT)
    print(f"gallery: {len(names)} runs, {total / 1e6:.2f} MB", file=sys.stderr)
    if total > BUDGET_BYTES:
        print(f"gallery is over its {BUDGET_BYTES / 1e6:.0f} MB budget", file=sys.stderr)
        return 1
    if failed:
        print(f"cards that miss their claims: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
