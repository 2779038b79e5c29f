"""Does D track D* on the 1D demo? For a config and seeds, the app's own diagnostics over a real
run: the gap mean |D − D*| (dstar_gap) and JS(p_data ‖ p_g), every --every iterations.

    python benchmarks/dstar_demo.py                  # the gaussians1d_dstar preset, seeds 0-2
    python benchmarks/dstar_demo.py --set d_steps=1 --set lr_g=1e-3 --set noise=gaussian

Prints, per seed, the largest and mean gap over the second half, JS at the end and its largest
value over the second half, then the trace. The goal the preset is tuned for: gap < 0.05 through
the second half, JS → below 0.01 (issue 17; figures in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ganlab import presets  # noqa: E402  (after the path line above)
from ganlab.config import coerce  # noqa: E402
from ganlab.diagnostics.registry import compute_due  # noqa: E402
from ganlab.runs.recorder import make_probe  # noqa: E402
from ganlab.train.trainer import Trainer  # noqa: E402


def trace(cfg, steps: int, every: int) -> list[tuple[int, float, float]]:
    trainer = Trainer(cfg, device="cpu", threads=1)
    rows = []
    for it in range(1, steps + 1):
        trainer.iterate()
        if it % every == 0:
            m = compute_due(100, lambda: make_probe(trainer), ["dstar_gap", "divergence_1d"])
            rows.append((it, m["dstar_gap"], m["js"]))
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--preset", default="gaussians1d_dstar")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--every", type=int, default=300)
    a = p.parse_args()
    torch.set_num_threads(1)
    base = presets.preset_config(a.preset)
    changes = dict(kv.split("=", 1) for kv in a.set)
    cfg = base.replace(**{k: coerce(k, v) for k, v in changes.items()}, steps=a.steps)
    print(f"{a.preset} {json.dumps(changes)}: d_steps={cfg.d_steps} lr_d={cfg.lr_d} "
          f"lr_g={cfg.lr_g} noise={cfg.noise} noise_dim={cfg.noise_dim}")
    for seed in (int(s) for s in a.seeds.split(",")):
        t0 = time.time()
        rows = trace(cfg.replace(seed=seed), a.steps, a.every)
        half = [r for r in rows if r[0] > a.steps / 2]
        print(f"seed {seed}: gap 2nd half max {max(r[1] for r in half):.3f} mean "
              f"{np.mean([r[1] for r in half]):.3f} | JS end {rows[-1][2]:.4f}, 2nd-half max "
              f"{max(r[2] for r in half):.4f} | {time.time() - t0:.0f} s", flush=True)
        print("   ", " ".join(f"{s}:{g:.3f}/{j:.3f}" for s, g, j in rows), flush=True)


if __name__ == "__main__":
    main()
