"""Mode coverage under the literature's protocol, our configs beside the published table.

    .venv/bin/python benchmarks/mode_coverage.py --jobs 2 --json benchmarks/mode_coverage.json
    .venv/bin/python benchmarks/mode_coverage.py --quick            # checks the script, ~1 min

The protocol of VEEGAN (2017) and GDPP (ICML 2019, Table 1): after training, draw 2,500 samples;
a sample is high quality when it lies within 3 std of its nearest mode; a mode is covered when it
holds at least 10% of its expected share of high-quality samples (the strict rule of
ganlab.diagnostics.coverage.mode_coverage, which this reuses); mean ± sample std over 5 seeds.

Every row is trained by the real ganlab Trainer, one CPU thread per process (the Trainer's own
choice on a small box: more threads only add per-op sync), seeds in parallel processes with
--jobs. For digits a mode is a class read by the dataset's own classifier (trained on the real
images, never against G) and "high quality" is its confident share (`class_coverage`). The rows:
the defaults of each target (`Config.from_dict({"dataset": ...})`, which gives the dataset's own
defaults), the best preset of each toy target, and the classic failures (ganlab/presets.py).
ring8 and gaussians1d train 5,000 iterations, grid25 20,000, digits
3,000, as in issue 17.

Output: a Markdown table on stdout (ours, then the published rows) and, with --json PATH, every
row with its per-seed values; scripts/readme_numbers.py turns that file into the README's and
RESULTS.md's tables, so no figure is copied by hand.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

N_SAMPLES = 2500
# Iterations per target (issue 17's goals): grid25 has 25 modes to find, ring8 eight.
STEPS = {"ring8": 5000, "grid25": 20000, "gaussians1d": 5000, "digits": 3000}

# (row id, what it is, how its Config is made: ("default", dataset) or ("preset", name)).
ROWS = [
    ("default_ring8", "defaults", ("default", "ring8")),
    ("default_grid25", "defaults", ("default", "grid25")),
    ("default_digits", "defaults", ("default", "digits")),
    ("ring8_default", "the Playground's start", ("preset", "ring8_default")),
    ("grid25_good", "best preset", ("preset", "grid25_good")),
    ("gaussians1d_dstar", "best preset", ("preset", "gaussians1d_dstar")),
    ("wgan_gp_fix", "fix preset", ("preset", "wgan_gp_fix")),
    ("collapse_grid25_minimax", "failure", ("preset", "collapse_grid25_minimax")),
    ("unbalanced_lr", "failure", ("preset", "unbalanced_lr")),
    ("vanishing_saturating", "failure", ("preset", "vanishing_saturating")),
]
QUICK = {"seeds": [0, 1], "steps": 300, "rows": ["default_ring8", "default_grid25"]}

# Modes covered and high-quality share (%) over 5 seeds, 2,500 samples, 3 std (VEEGAN 2017;
# GDPP ICML 2019 Table 1). None: the table gives no share for that row.
PUBLISHED = [
    {"method": "GAN", "ring8": (1, None), "grid25": (3.3, None)},
    {"method": "Unrolled GAN", "ring8": (7.6, 35.6), "grid25": (23.6, 16.0)},
    {"method": "VEEGAN", "ring8": (8, 52.9), "grid25": (24.6, 40.0)},
    {"method": "WGAN-GP", "ring8": (6.8, 59.6), "grid25": (24.2, 28.7)},
    {"method": "GDPP", "ring8": (8, 71.7), "grid25": (24.8, 68.5)},
]
IMAGE_TARGETS = ("digits",)   # scored by class_coverage
MIN_SHARE = 0.1   # mode_coverage's default: a mode needs 10% of its expected share
METRICS = ("modes_covered", "hq_share", "modes_covered_loose", "mode_kl")


def build_config(source: tuple, seed: int, steps: int):
    from ganlab.config import Config
    from ganlab.presets import preset_config

    kind, name = source
    cfg = Config.from_dict({"dataset": name}) if kind == "default" else preset_config(name)
    return cfg.replace(seed=seed, steps=steps)


def run_one(source: tuple, seed: int, steps: int) -> dict:
    """Train one seed with the real Trainer and score 2,500 samples (a worker process)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from ganlab.train.trainer import Trainer

    cfg = build_config(source, seed, steps)
    t0 = time.monotonic()
    trainer = Trainer(cfg, device="cpu", threads=1)
    trainer.train(cfg.steps)
    x = trainer.sample(N_SAMPLES).numpy()
    data = trainer.data
    cov = class_coverage(x, data) if getattr(data, "kind", None) == "image" else \
        toy_coverage(x, data)
    return {"seed": seed, "seconds": round(time.monotonic() - t0, 1), "dataset": cfg.dataset,
            "loss": cfg.loss, "modes_total": cov.get("modes_total") or len(data.means),
            **{m: float(cov[m]) for m in METRICS}}


def toy_coverage(x, data) -> dict:
    """The protocol's score of samples x of a Gaussian-mixture target (also
    benchmarks/defaults_search.py's)."""
    from ganlab.diagnostics.coverage import mode_coverage

    return mode_coverage(x, data.means, data.std, MIN_SHARE,
                         weights=getattr(data, "weights", None))


def class_coverage(x, data) -> dict:
    """The protocol for labelled images (issue 17's digits goal): a mode is a class, read by the
    dataset's own classifier (ganlab.train.classifier, trained on the real images, never against
    G); "high quality" is the classifier's confident share (p >= 0.8) and a class is covered with
    >= 10% of its fair share of confident samples, the toy rule with mode = class
    (ganlab.diagnostics.images). No loose count for classes."""
    from ganlab.diagnostics.images import classifier_metrics

    m = classifier_metrics(x, data)
    return {"modes_covered": m["modes_covered"], "hq_share": m["confident_share"],
            "modes_covered_loose": math.nan, "mode_kl": m["mode_kl"],
            "modes_total": data.num_classes}


def summarise(values: list[float]) -> tuple[float, float]:
    """Mean and sample std (0 for one seed); non-finite values are kept out."""
    v = [x for x in values if math.isfinite(x)]
    if not v:
        return math.nan, math.nan
    return statistics.fmean(v), (statistics.stdev(v) if len(v) > 1 else 0.0)


def _args(task: tuple) -> tuple:
    _, _, src, seed, steps = task
    return src, seed, steps


def run_rows(rows: list, seeds: list[int], steps_of, jobs: int) -> list[dict]:
    tasks = [(rid, what, src, seed, steps_of(rid, src))
             for rid, what, src in rows for seed in seeds]
    # A row whose config is another row's (a best preset that is the dataset's defaults) is the
    # same run, bit for bit: it is trained once.
    keys = [build_config(src, seed, steps).to_json() for _, _, src, seed, steps in tasks]
    owner = {k: i for i, k in reversed(list(enumerate(keys)))}   # the first task of each config
    unique = sorted(set(owner.values()))
    if jobs <= 1:
        done = {i: run_one(*_args(tasks[i])) for i in unique}
    else:
        with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
            futures = {i: pool.submit(run_one, *_args(tasks[i])) for i in unique}
            done = {i: f.result() for i, f in futures.items()}
    results = [done[owner[k]] for k in keys]
    trained_by = [tasks[owner[k]][0] for k in keys]
    out = []
    for rid, what, src in rows:
        per_seed = [r for t, r in zip(tasks, results) if t[0] == rid]
        by = {b for t, b in zip(tasks, trained_by) if t[0] == rid}
        first = per_seed[0]
        row = {"id": rid, "what": what, "source": list(src), "dataset": first["dataset"],
               "same_as": min(by) if by != {rid} and len(by) == 1 else None,
               "loss": first["loss"], "steps": steps_of(rid, src),
               "modes_total": first["modes_total"], "seeds": [r["seed"] for r in per_seed],
               "seconds": [r["seconds"] for r in per_seed]}
        for m in METRICS:
            vals = [r[m] for r in per_seed]
            mean, std = summarise(vals)
            row[m] = {"per_seed": vals, "mean": mean, "std": std}
        out.append(row)
    return out


def _pm(stat: dict, scale: float = 1.0, digits: int = 1) -> str:
    if not math.isfinite(stat["mean"]):
        return "—"
    return f"{stat['mean'] * scale:.{digits}f} ± {stat['std'] * scale:.{digits}f}"


def _name(row: dict) -> str:
    kind, name = row["source"]
    if kind == "default":
        return f"defaults, `dataset={name}`"
    same = f", the config of `{row['same_as']}`" if row.get("same_as") else ""
    return f"`{name}` ({row['what']}{same})"


def markdown(result: dict) -> str:
    """Our rows, then the published rows, as one Markdown block (also what readme_numbers.py
    writes into README.md and RESULTS.md)."""
    p = result["protocol"]
    seeds = p["seeds"]
    lines = []
    if result.get("quick"):
        lines.append(f"**Quick check only** (`--quick`: {len(seeds)} seeds, "
                     f"{p['steps_override']} iterations): it checks the script, these are not "
                     "the protocol's numbers.")
        lines.append("")
    lines += [
        (f"{p['n_samples']:,} samples, high quality within {p['hq_std']:g} std of a mode, a "
         f"mode covered with ≥ {p['min_share']:.0%} of its expected share; mean ± sample std "
         f"over seeds {_seed_text(seeds)}."),
    ]
    if any(r["dataset"] in IMAGE_TARGETS for r in result["rows"]):
        lines[-1] += (" For digits a mode is a class read by the dataset's own classifier and "
                      "high quality is its confident share (p ≥ 0.8).")
    lines += [
        "",
        "| config | target | loss | iterations | modes covered | per seed | high quality (%) |",
        "| --- | --- | --- | ---: | ---: | --- | ---: |",
    ]
    for r in result["rows"]:
        lines.append(f"| {_name(r)} | {r['dataset']} | {r['loss']} | {r['steps']:,} | "
                     f"{_pm(r['modes_covered'])} / {r['modes_total']} | "
                     f"{', '.join(f'{v:g}' for v in r['modes_covered']['per_seed'])} | "
                     f"{_pm(r['hq_share'], 100)} |")
    for pub in PUBLISHED:
        for target, k in (("ring8", 8), ("grid25", 25)):
            modes, hq = pub[target]
            lines.append(f"| {pub['method']} (published) | {target} | | | {modes:g} / {k} | | "
                         f"{'—' if hq is None else f'{hq:g}'} |")
    lines.append("")
    lines.append("Published rows: VEEGAN (Srivastava et al., 2017) and GDPP (Elfeki et al., "
                 "ICML 2019, Table 1), same protocol, 5 seeds.")
    return "\n".join(lines)


def _seed_text(seeds: list[int]) -> str:
    if seeds == list(range(seeds[0], seeds[0] + len(seeds))) and len(seeds) > 2:
        return f"{seeds[0]}–{seeds[-1]}"
    return ", ".join(map(str, seeds))


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true",
                   help=f"{len(QUICK['seeds'])} seeds, {QUICK['steps']} iterations, "
                        f"{len(QUICK['rows'])} configs: checks the script")
    p.add_argument("--seeds", default=None, help="seeds like 0-4 or 1,5,9 (default 0-4)")
    p.add_argument("--steps-scale", type=float, default=1.0,
                   help="multiply every row's iterations (e.g. 0.1 for a rough look)")
    p.add_argument("--only", action="append", metavar="ROW",
                   help="run just this row (repeatable): " + ", ".join(r[0] for r in ROWS))
    p.add_argument("--jobs", type=int, default=1, help="processes training seeds in parallel")
    p.add_argument("--json", type=Path, default=None, help="write every row, per seed, here")
    args = p.parse_args(argv)
    if args.steps_scale <= 0 or args.jobs < 1:
        p.error("--steps-scale must be > 0 and --jobs >= 1")
    return p, args


def main(argv=None) -> int:
    from ganlab.diagnostics.coverage import HQ_RADIUS_STD
    from ganlab.sweep.seeds import SeedsError, parse_seeds

    p, args = parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds) if args.seeds else (
            QUICK["seeds"] if args.quick else list(range(5)))
    except SeedsError as e:
        p.error(str(e))
    wanted = args.only or (QUICK["rows"] if args.quick else [r[0] for r in ROWS])
    unknown = set(wanted) - {r[0] for r in ROWS}
    if unknown:
        p.error(f"unknown row {min(unknown)!r}")
    rows = [r for r in ROWS if r[0] in wanted]
    base = QUICK["steps"] if args.quick else None

    def steps_of(rid, src):
        dataset = src[1] if src[0] == "default" else build_config(src, 0, 1).dataset
        return max(1, round((base or STEPS.get(dataset, 5000)) * args.steps_scale))

    t0 = time.monotonic()
    result = {
        "quick": bool(args.quick),
        "protocol": {"n_samples": N_SAMPLES, "hq_std": HQ_RADIUS_STD,
                     "min_share": MIN_SHARE, "seeds": seeds,
                     "steps_scale": args.steps_scale,
                     "steps_override": round(base * args.steps_scale) if base else None},
        "command": "benchmarks/mode_coverage.py " + " ".join(sys.argv[1:] if argv is None
                                                             else argv),
        "rows": run_rows(rows, seeds, steps_of, args.jobs),
        "published": PUBLISHED,
    }
    result["seconds"] = round(time.monotonic() - t0, 1)
    print(markdown(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
