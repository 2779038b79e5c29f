"""Worker vs CLI training speed, time to first picture, and the cost of one Snapshot.

    python benchmarks/bench_worker.py [--steps 3000] [--repeats 2] [--dataset ring8 | --config F]

1. iterations/s of a JobManager worker process (publishing Snapshots, read by a simulated page
   twice a second) against `ganlab.runs.loop.train_loop` with a Recorder, same config, same machine,
   alternating so that load drift hits both; printed as a ratio (target >= 0.8).
2. submit -> first Snapshot with pictures, for a cold start and for the warm spare worker
   (target <= 3 s for the click-to-samples path).
3. build_snapshot milliseconds per toy dataset (target well under 50 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ganlab.config import Config  # noqa: E402
from ganlab.runs.folder import Run  # noqa: E402
from ganlab.runs.loop import train_loop  # noqa: E402
from ganlab.runs.recorder import Recorder  # noqa: E402
from ganlab.serve.limits import Limits  # noqa: E402
from ganlab.serve.manager import JobManager  # noqa: E402
from ganlab.train.trainer import Trainer  # noqa: E402


def cli_rate(cfg: Config, steps: int, root: Path) -> float:
    trainer = Trainer(cfg)
    run = Run.create(root / f"cli-{time.monotonic_ns()}", cfg)
    trainer.train(5)   # warm-up outside the timed part (first optimizer step, allocations)
    start = time.perf_counter()
    train_loop(trainer, run, steps, Recorder(run), progress=False)
    return steps / (time.perf_counter() - start)


def wait_for(pred, timeout=600.0, every=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError("benchmark job did not progress")


def worker_rate(mgr: JobManager, cfg: Config, steps: int) -> tuple[float, float]:
    """(iterations/s between the first running snapshot and the end, submit->first picture s)."""
    t0 = time.monotonic()
    job = mgr.submit("bench", cfg.replace(steps=steps))
    first = wait_for(lambda: (s := mgr.latest(job)).fake is not None and s)
    to_first = time.monotonic() - t0
    start = wait_for(lambda: (s := mgr.latest(job)).step >= 5 and s)
    # A page refreshing twice a second: read the latest snapshot, as a fragment would.
    end = wait_for(lambda: (s := mgr.latest(job)).state == "finished" and s, every=0.5)
    del first
    return (end.step - start.step) / (end.wall_time - start.wall_time), to_first


def snapshot_ms(dataset: str, n: int = 20) -> float:
    from ganlab.live.build import SeriesBuffer, Visuals, build_snapshot

    t = Trainer(Config(dataset=dataset, noise_dim=1 if dataset == "gaussians1d" else 8))
    t.train(5)
    hist = SeriesBuffer()
    for i in range(5000):
        hist.append({"step": i, "loss_d": 1.0, "loss_g": 1.0})
    vis = Visuals(t)
    times = []
    for i in range(n):
        a = time.perf_counter()
        build_snapshot(t, "bench", i, "running", hist, visuals=vis)
        times.append(time.perf_counter() - a)
    return 1000 * statistics.median(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--dataset", default="ring8")
    p.add_argument("--config", type=Path, default=None,
                   help="a run's config.json instead (e.g. the Playground's default preset)")
    args = p.parse_args()
    cfg = Config.from_json(args.config.read_text()) if args.config else Config(dataset=args.dataset)
    print(f"cores={os.cpu_count()} load={os.getloadavg()[0]:.1f} dataset={args.dataset} "
          f"steps={args.steps}")
    for ds in ("ring8", "grid25", "gaussians1d"):
        print(f"build_snapshot {ds:12s} {snapshot_ms(ds):6.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mgr = JobManager(root / "runs", Limits(max_concurrent=1))
        try:
            cli, work, firsts = [], [], []
            for _ in range(args.repeats):
                cli.append(cli_rate(cfg, args.steps, root))
                rate, first = worker_rate(mgr, cfg, args.steps)
                work.append(rate)
                firsts.append(first)
                time.sleep(1.0)
            c, w = statistics.median(cli), statistics.median(work)
            print(f"cli    {c:8.0f} it/s   ({', '.join(f'{x:.0f}' for x in cli)})")
            print(f"worker {w:8.0f} it/s   ({', '.join(f'{x:.0f}' for x in work)})")
            print(f"ratio worker/cli = {w / c:.2f}  (target >= 0.8)")
            # The spare worker warms up (imports torch) while the CLI measurement runs, so every
            # job here starts on a warm spare, as jobs do on a server that has been up a while.
            print("submit -> first picture (warm spare): "
                  + ", ".join(f"{x:.2f}" for x in firsts) + " s  (target <= 3 s)")
        finally:
            mgr.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
