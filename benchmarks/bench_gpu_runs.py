"""N toy runs at once on one GPU, one worker process per run (as ganlab's JobManager runs jobs).

    python benchmarks/bench_gpu_runs.py [--ns 1,8,32,64] [--seconds 5] [--dry-run]
        [--json F] [--md F]

All max(N) processes start first (torch import, CUDA context, the default ring8 Trainer, warm-up
iterations). Then for each N the first N train together for --seconds while the others wait on
stdin: an idle process holds its memory but asks the GPU for no time. Without MPS the GPU
time-slices between the processes' contexts, and each run's host side (Python, kernel launches)
needs a CPU core, so this is what N visitors' runs would really get. Reported per N: per-run
iterations/s (min / median / max), their sum, and GPU memory per run: the device's used memory
with every process ready, less what it was before they started, over their number (CUDA context,
models, optimizer state), beside each process's own peak of allocated tensors.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_gpu import MB, device_for, device_name, emit, md_table  # noqa: E402
from bench_images import rate  # noqa: E402

from ganlab.config import Config  # noqa: E402
from ganlab.serve import process as workerproc  # noqa: E402
from ganlab.train.trainer import Trainer  # noqa: E402

WARMUP = 20


def worker(device: str) -> None:
    """One run: build, warm up, say ready; then train for each {"seconds": s} read on stdin."""
    tr = Trainer(Config(dataset="ring8", device=device), threads=1)
    tr.train(WARMUP)
    cuda = tr.device.type == "cuda"
    if cuda:
        torch.cuda.synchronize()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        msg = json.loads(line)
        if "seconds" not in msg:
            break
        its = rate(tr.iterate, msg["seconds"], tr.device)
        print(json.dumps({"its": its, "rss_mb": workerproc.rss_mb(os.getpid()),
                          "peak_mb": torch.cuda.max_memory_allocated() / MB if cuda else None}),
              flush=True)


class Run:
    """A worker process and the lines it prints, read by a thread so that waits can time out."""

    def __init__(self, device: str):
        self.proc = subprocess.Popen([sys.executable, __file__, "--worker", "--device", device],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, "OMP_NUM_THREADS": "1"})
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, **msg) -> None:
        self.proc.stdin.write(json.dumps(msg) + "\n")
        self.proc.stdin.flush()

    def receive(self, deadline: float) -> dict:
        try:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"worker {self.proc.pid} said nothing in time") from None
        if line is None:
            raise RuntimeError(f"worker {self.proc.pid} exited with {self.proc.wait()}")
        return json.loads(line)

    def close(self) -> None:
        try:
            self.send(quit=True)
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def gpu_used_mb(device: torch.device) -> float | None:
    if device.type != "cuda":
        return None
    free, total = torch.cuda.mem_get_info(device)
    return (total - free) / MB


def measure(ns: list[int], seconds: float, device: torch.device, ready_s: float) -> dict:
    before = gpu_used_mb(device)
    runs = [Run(device.type) for _ in range(max(ns))]
    try:
        deadline = time.monotonic() + ready_s
        for r in runs:
            r.receive(deadline)
        ready = gpu_used_mb(device)
        rounds = []
        for n in ns:
            for r in runs[:n]:
                r.send(seconds=seconds)
            deadline = time.monotonic() + seconds + 60
            res = [r.receive(deadline) for r in runs[:n]]
            its = sorted(x["its"] for x in res)
            peaks = [x["peak_mb"] for x in res if x["peak_mb"] is not None]
            rounds.append({"n": n, "per_run_its": {"min": its[0], "median": statistics.median(its),
                                                   "max": its[-1]},
                           "aggregate_its": sum(its), "peak_allocated_mb": max(peaks, default=None),
                           "rss_mb": statistics.median(x["rss_mb"] or 0 for x in res)})
    finally:
        for r in runs:
            r.close()
    per_run = None if before is None else (ready - before) / len(runs)
    return {"device": device_name(device), "cores": os.cpu_count(), "seconds": seconds,
            "processes": len(runs), "gpu_mb_per_run": per_run, "rounds": rounds,
            "method": "one worker process per run, all started first; the first N train at once"}


def report(out: dict) -> str:
    one = out["rounds"][0]["aggregate_its"] / out["rounds"][0]["n"]
    gpu_mb = "-" if out["gpu_mb_per_run"] is None else f"{out['gpu_mb_per_run']:,.0f}"
    rows = [[r["n"], f"{r['per_run_its']['min']:.0f} / {r['per_run_its']['median']:.0f} / "
             f"{r['per_run_its']['max']:.0f}", f"{r['aggregate_its']:,.0f}",
             f"{r['aggregate_its'] / one:.1f}x", gpu_mb,
             "-" if r["peak_allocated_mb"] is None else f"{r['peak_allocated_mb']:.0f}",
             f"{r['rss_mb']:.0f}"] for r in out["rounds"]]
    return (f"Default toy config (ring8, 3x128 MLPs, batch 256), {out['method']}, "
            f"{out['seconds']:g} s each; device {out['device']}, {out['cores']} CPU cores. "
            f"GPU MB per run: device memory used with all {out['processes']} processes ready, "
            f"less before, over {out['processes']}.\n\n"
            + md_table(["N", "per-run it/s min / median / max", "aggregate it/s",
                        "aggregate vs one run", "GPU MB per run", "peak tensors MB",
                        "host RSS MB per run"], rows))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ns", default=None, help="comma-separated N (default 1,8,32,64; dry 1,2)")
    p.add_argument("--seconds", type=float, default=None, help="training time per round")
    p.add_argument("--dry-run", action="store_true", help="on the CPU, N = 1, 2")
    p.add_argument("--ready", type=float, default=180, help="seconds for every process to start")
    p.add_argument("--json")
    p.add_argument("--md")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--device", default="cuda", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        return worker(args.device)
    ns = [int(n) for n in (args.ns or ("1,2" if args.dry_run else "1,8,32,64")).split(",")]
    seconds = args.seconds or (1.0 if args.dry_run else 5.0)
    out = measure(ns, seconds, device_for(args.dry_run), args.ready)
    out["dry_run"] = args.dry_run
    emit(out, report(out), args.json, args.md)


if __name__ == "__main__":
    main()
