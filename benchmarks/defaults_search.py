"""How the toy targets' defaults were chosen: candidate settings on top of a dataset's defaults,
each trained on 5 seeds and scored by the protocol of benchmarks/mode_coverage.py at half, three
quarters and all of the iterations (a mode found late or lost at the end shows up).

    .venv/bin/python benchmarks/defaults_search.py ring8 5000 '{}' '{"r1_weight": 0.03}' \\
        '{"r1_weight": 0.03, "ema": 0.99}' --jobs 2

Each candidate is a JSON object of config keys put on top of `Config.from_dict({"dataset": D})`
(so `'{}'` is the dataset's current defaults; pass `"r1_weight": 0, "ema": 0` for the plain
GAN). Prints one line per candidate (modes covered and high-quality share per seed, at the
last iteration) and the per-seed values at each checkpoint; --json writes them all. The choices
in ganlab/variants.py cite what this printed (benchmarks/RESULTS.md, "Toy defaults").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.mode_coverage import N_SAMPLES, summarise, toy_coverage  # noqa: E402


def run_one(dataset: str, steps: int, changes: dict, seed: int) -> dict:
    """Train one seed and score it at 1/2, 3/4 and all of `steps` (a worker process)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from ganlab.config import Config
    from ganlab.train.trainer import Trainer

    cfg = Config.from_dict({"dataset": dataset, **changes}).replace(seed=seed, steps=steps)
    trainer = Trainer(cfg, device="cpu", threads=1)
    t0, done, scores = time.monotonic(), 0, []
    for at in (steps // 2, steps * 3 // 4, steps):
        trainer.train(at - done)
        done = at
        cov = toy_coverage(trainer.sample(N_SAMPLES).numpy(), trainer.data)
        scores.append({"step": at, "modes_covered": int(cov["modes_covered"]),
                       "hq_share": round(float(cov["hq_share"]), 4)})
    return {"seed": seed, "seconds": round(time.monotonic() - t0, 1), "scores": scores}


def line(changes: dict, per_seed: list[dict]) -> str:
    last = [r["scores"][-1] for r in per_seed]
    modes, hq = [s["modes_covered"] for s in last], [s["hq_share"] for s in last]
    (m, m_sd), (h, h_sd) = summarise(modes), summarise(hq)
    return (f"{json.dumps(changes)}: modes {m:.1f} ± {m_sd:.1f} {modes}, high quality "
            f"{100 * h:.1f} ± {100 * h_sd:.1f}% (least {100 * min(hq):.1f}%)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dataset")
    p.add_argument("steps", type=int)
    p.add_argument("candidates", nargs="+", help="JSON objects of config keys")
    p.add_argument("--seeds", type=int, default=5, help="seeds 0..N-1 (default 5)")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--json", type=Path, default=None)
    a = p.parse_args(argv)
    try:
        candidates = [json.loads(c) for c in a.candidates]
    except json.JSONDecodeError as e:
        p.error(f"a candidate is not JSON: {e}")
    if not all(isinstance(c, dict) for c in candidates) or a.steps < 4 or a.seeds < 1:
        p.error("candidates must be JSON objects, steps >= 4, seeds >= 1")
    out = []
    with ProcessPoolExecutor(max(1, a.jobs), mp_context=get_context("spawn")) as pool:
        futures = [[pool.submit(run_one, a.dataset, a.steps, c, s) for s in range(a.seeds)]
                   for c in candidates]
        for c, fs in zip(candidates, futures):   # in order, each as soon as its seeds are done
            per_seed = [f.result() for f in fs]
            print(line(c, per_seed))
            for r in per_seed:
                print(f"    seed {r['seed']}: " + ", ".join(
                    f"{s['step']:,}: {s['modes_covered']} modes {100 * s['hq_share']:.1f}%"
                    for s in r["scores"]), flush=True)
            out.append({"changes": c, "per_seed": per_seed})
    if a.json:
        a.json.write_text(json.dumps({"dataset": a.dataset, "steps": a.steps,
                                      "candidates": out}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
