"""Build the Gallery's bundled preset runs (assets/gallery/) by training them with the real CLI.

    .venv/bin/python scripts/build_gallery.py            # all presets, ~10 min on 1 busy core
    .venv/bin/python scripts/build_gallery.py --only ring8-nonsaturating

Each preset is trained by `ganlab train` in a subprocess (so the bundle is exactly what the CLI
writes), then copied into assets/gallery/<name>/ thinned to what the Gallery plays: at most
MAX_FRAMES sample snapshots of SAMPLE_POINTS points, metrics thinned to MAX_ROWS rows (every
diagnostic row kept), the final checkpoint (so a visitor's "continue this run" can resume it), and
target.npy, real points of the dataset drawn with the run's seed, to show beside the samples.
The whole bundle must stay under BUDGET_BYTES; the script fails otherwise.
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
BUDGET_BYTES = 2_000_000

# Small models (width 64) keep each checkpoint near 230 kB; the settings are the Playground's
# defaults otherwise, so a visitor can reproduce any of these by hand.
SMALL = ["g_width=64", "d_width=64", "sample_every=100", "checkpoint_every=100000"]
PRESETS = [
    ("ring8-nonsaturating", ["dataset=ring8", "loss=nonsaturating", "lr_d=0.001",
                             "lr_g=0.001"], 4000),
    ("ring8-minimax", ["dataset=ring8", "loss=minimax", "lr_d=0.001", "lr_g=0.001"], 4000),
    ("grid25-wgan_gp", ["dataset=grid25", "loss=wgan_gp", "lr_d=0.001", "lr_g=0.001",
                        "d_steps=3"], 3000),
    ("gaussians1d-nonsaturating", ["dataset=gaussians1d", "loss=nonsaturating"], 2000),
]


def train(name: str, sets: list[str], steps: int, work: Path) -> Path:
    out = work / name
    cmd = [sys.executable, "-m", "ganlab.cli", "train", "--out", str(out), "--steps", str(steps),
           "--quiet"]
    for s in SMALL + sets:
        cmd += ["--set", s]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    print(f"{name}: trained {steps} steps in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    return out


def thin_rows(rows: list[dict]) -> list[dict]:
    diag = [r for r in rows if "modes_covered" in r or "w1_exact" in r or "kl_binned" in r]
    plain = [r for r in rows if r not in diag]
    k = max(1, -(-len(plain) // max(1, MAX_ROWS - len(diag))))
    keep = plain[::k] + diag + rows[-1:]
    by_step = {r["step"]: r for r in keep}
    return [by_step[s] for s in sorted(by_step)]


def pack(run: Path, dest: Path) -> None:
    from ganlab.config import Config
    from ganlab.data import make_dataset
    import torch

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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", action="append", help="build just this preset (repeatable)")
    args = p.parse_args()
    presets = [pr for pr in PRESETS if not args.only or pr[0] in args.only]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, sets, steps in presets:
            pack(train(name, sets, steps, Path(tmp)), OUT / name)
    names = [pr[0] for pr in PRESETS if (OUT / pr[0]).is_dir()]
    (OUT / "gallery.json").write_text(json.dumps({"runs": names}, indent=2) + "\n")
    total = size(OUT)
    print(f"gallery: {len(names)} runs, {total / 1e6:.2f} MB", file=sys.stderr)
    if total > BUDGET_BYTES:
        print(f"gallery is over its {BUDGET_BYTES / 1e6:.0f} MB budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
