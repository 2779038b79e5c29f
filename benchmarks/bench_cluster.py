"""A local worker against a Ray actor on this machine: iterations/s and click -> first samples.

    python benchmarks/bench_cluster.py [--steps 3000] [--repeats 3] [--dataset ring8]

The same config is trained by a JobManager with local workers and by one whose workers are Ray
actors (a loopback-only Ray instance started here, one CPU per actor as in production),
alternating local, ray, local, ray... so that load drift hits both. Each job starts on its
backend's warm spare, as on a server that has been up a while. Printed: iterations/s of each
(median) and the ratio ray/local (goal >= 0.9), and submit -> first Snapshot with samples for
each (the bridge adds one TCP hop per message; the actor runs the same worker program).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")   # bind to loopback only
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_worker import worker_rate  # noqa: E402

from ganlab.config import Config  # noqa: E402
from ganlab.serve.limits import Limits  # noqa: E402
from ganlab.serve.manager import JobManager  # noqa: E402

SETTLE = 8.0   # seconds between jobs: the next spare (polite while a job ran) warms up


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--dataset", default="ring8")
    p.add_argument("--niceness", type=int, default=None,
                   help="Ray's worker_niceness (Ray starts actors at 15 unless told; local "
                        "workers run at 0, so 0 compares like with like on a busy machine)")
    args = p.parse_args()
    import ray

    system = {} if args.niceness is None else {"worker_niceness": args.niceness}
    ray.init(num_cpus=2, include_dashboard=False, namespace="ganlab", log_to_driver=False,
             _system_config=system)
    cfg = Config(dataset=args.dataset)
    print(f"cores={os.cpu_count()} load={os.getloadavg()[0]:.1f} dataset={args.dataset} "
          f"steps={args.steps} ray={ray.__version__} niceness={args.niceness}")
    rates: dict[str, list[float]] = {"local": [], "ray": []}
    firsts: dict[str, list[float]] = {"local": [], "ray": []}
    with tempfile.TemporaryDirectory() as tmp:
        managers = {name: JobManager(Path(tmp) / "runs", Limits(max_concurrent=1), cluster=name)
                    for name in ("local", "auto")}
        try:
            time.sleep(SETTLE)
            for _ in range(args.repeats):
                for name, mgr in managers.items():
                    key = "ray" if name == "auto" else name
                    rate, first = worker_rate(mgr, cfg, args.steps)
                    rates[key].append(rate)
                    firsts[key].append(first)
                    time.sleep(SETTLE)
        finally:
            for mgr in managers.values():
                mgr.shutdown()
            ray.shutdown()
    med = {k: statistics.median(v) for k, v in rates.items()}
    for k in ("local", "ray"):
        print(f"{k:5s} {med[k]:8.0f} it/s   ({', '.join(f'{x:.0f}' for x in rates[k])});  "
              f"submit -> first samples {statistics.median(firsts[k]):.2f} s   "
              f"({', '.join(f'{x:.2f}' for x in firsts[k])})")
    print(f"ratio ray/local = {med['ray'] / med['local']:.2f}  (goal >= 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
