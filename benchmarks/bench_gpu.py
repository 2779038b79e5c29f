"""What one GPU box does, for benchmarks/gpu_check.sh (issue 21).

    python benchmarks/bench_gpu.py env    [--dry-run] [--json F] [--md F]
    python benchmarks/bench_gpu.py images [--dry-run] [--json F] [--md F]
    python benchmarks/bench_gpu.py toy    [--dry-run] [--json F] [--md F]

  env     python, torch and the device this box trains on
  images  DCGAN on MNIST-sized synthetic data (bench_images.py's IDX files, loops and timer):
          the Trainer against a bare PyTorch loop, images/s and each loop's peak GPU memory
  toy     the default toy run (and ganlab.train.bench's wide one) on the GPU and on one CPU core:
          iterations/s of each and which is faster per run. This JSON is what a placement rule
          (run each model where it trains faster) reads.

Loops alternate in short blocks, so anything else on the box slows all of them alike; medians
of the blocks are reported. --dry-run runs every step on the CPU at tiny sizes so that the script
is known to work before GPU time is spent: its figures are not GPU figures and are labelled so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_images import bare_loop, rate, write_mnist  # noqa: E402

from ganlab.config import Config  # noqa: E402
from ganlab.serve import placement  # noqa: E402
from ganlab.serve.limits import count_parameters  # noqa: E402
from ganlab.train.bench import CASES  # noqa: E402
from ganlab.train.trainer import Trainer  # noqa: E402

MB = 2**20
DRY_LABEL = "CPU dry run: these are not GPU figures"


@dataclass(frozen=True)
class Sizes:
    images: int = 60_000          # MNIST's training split
    batches: tuple = (128, 512)   # bench_images' default batch, and one that fills more of a GPU
    width: int = 128              # g_width = d_width, as bench_images
    seconds: float = 1.5          # one timed block
    blocks: int = 3
    warmup: int = 20              # allocator, cuDNN autotuning, first-call costs
    toy_cases: tuple = tuple(CASES)


GPU = Sizes()
DRY = Sizes(images=256, batches=(8,), width=8, seconds=0.2, blocks=2, warmup=2,
            toy_cases=tuple(CASES)[:1])


def device_for(dry: bool) -> torch.device:
    if dry:
        return torch.device("cpu")
    if not torch.cuda.is_available():
        raise SystemExit("bench_gpu: no CUDA device here; use --dry-run on a CPU machine")
    return torch.device("cuda")


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return f"cpu ({platform.processor() or platform.machine()}, {os.cpu_count()} cores)"


def md_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])


# --- env -----------------------------------------------------------------------------------------
def env(dry: bool) -> tuple[dict, str]:
    cuda = torch.cuda.is_available()
    out = {"python": platform.python_version(), "torch": torch.__version__,
           "torch_cuda": torch.version.cuda, "cuda_available": cuda, "cores": os.cpu_count(),
           "device": device_name(torch.device("cuda" if cuda else "cpu")), "dry_run": dry}
    if cuda:
        props = torch.cuda.get_device_properties(0)
        out |= {"gpu_memory_gib": round(props.total_memory / 2**30, 1),
                "multiprocessors": props.multi_processor_count,
                "compute_capability": f"{props.major}.{props.minor}"}
    return out, md_table(["key", "value"], [[k, v] for k, v in out.items()])


# --- images --------------------------------------------------------------------------------------
def _warmed(make, device: torch.device, warmup: int):
    """Build a loop and run it `warmup` times; returns (loop, peak MB it allocated on the GPU:
    its models, optimizer state, activations and, for the Trainer, the dataset; None on CPU)."""
    cuda = device.type == "cuda"
    if cuda:
        torch.cuda.synchronize()
        before = torch.cuda.memory_allocated()
        torch.cuda.reset_peak_memory_stats()
    fn = make()
    for _ in range(warmup):
        fn()
    if not cuda:
        return fn, None
    torch.cuda.synchronize()
    return fn, (torch.cuda.max_memory_allocated() - before) / MB


def images_case(folder: str, batch: int, sizes: Sizes, device: torch.device) -> dict:
    cfg = Config(dataset="mnist", data_dir=folder, batch_size=batch, noise_dim=64,
                 g_width=sizes.width, d_width=sizes.width, device=device.type)
    loops, peak = {}, {}
    # The Trainer first: it moves the dataset onto the device, where the bare loops share it.
    loops["trainer"], peak["trainer"] = _warmed(lambda: Trainer(cfg).iterate, device,
                                                sizes.warmup)
    data = loops["trainer"].__self__.data
    makers = {"bare loop": lambda: bare_loop(cfg, data, device)}
    if device.type == "cuda":   # what the Trainer does there: data on device, bf16, channels_last
        makers["bare loop, GPU fast path"] = lambda: bare_loop(cfg, data, device, True)
    reference = list(makers)[-1]
    for name, make in makers.items():
        loops[name], peak[name] = _warmed(make, device, sizes.warmup)
    rates = {name: [] for name in loops}
    for _ in range(sizes.blocks):
        for name, fn in loops.items():
            rates[name].append(rate(fn, sizes.seconds, device))
    ratio = statistics.median(t / r for t, r in zip(rates["trainer"], rates[reference]))
    return {"batch": batch, "reference": reference, "ratio": ratio,
            "loops": {name: {"its": statistics.median(r),
                             "images_per_s": statistics.median(r) * batch,
                             "peak_mb": peak[name]} for name, r in rates.items()}}


def images(dry: bool, sizes: Sizes | None = None) -> tuple[dict, str]:
    sizes = sizes or (DRY if dry else GPU)
    device = device_for(dry)
    with tempfile.TemporaryDirectory() as tmp:
        write_mnist(Path(tmp), sizes.images)
        cases = [images_case(tmp, b, sizes, device) for b in sizes.batches]
    out = {"device": device_name(device), "dry_run": dry, "goal_ratio": 0.9,
           "model": f"DCGAN 28x28x1, noise_dim 64, g_width=d_width={sizes.width}",
           "images": sizes.images, "cases": cases}
    rows = [[c["batch"], name, f"{r['images_per_s']:,.0f}", f"{r['its']:.1f}",
             "-" if r["peak_mb"] is None else f"{r['peak_mb']:,.0f}",
             f"{c['ratio']:.2f}" if name == "trainer" else ("reference" if name == c["reference"]
                                                            else "")]
            for c in cases for name, r in c["loops"].items()]
    text = (f"{out['model']}, {sizes.images:,} synthetic images in MNIST's IDX format; device "
            f"{out['device']}. Ratio: Trainer / {cases[0]['reference']} (median of paired "
            f"blocks; goal >= 0.9). Peak MB: what each loop allocated on the GPU (the Trainer's "
            f"includes the dataset).\n\n"
            + md_table(["batch", "loop", "images/s", "it/s", "peak MB", "ratio"], rows))
    return out, text


# --- toy: GPU vs one CPU core --------------------------------------------------------------------
def toy_case(name: str, sizes: Sizes, device: torch.device) -> dict:
    cfg = CASES[name]
    runs = {"gpu": Trainer(cfg, device=device.type), "cpu": Trainer(cfg, device="cpu", threads=1)}
    for tr in runs.values():
        tr.train(sizes.warmup)
    rates = {k: [] for k in runs}
    for _ in range(sizes.blocks):
        for k, tr in runs.items():
            rates[k].append(rate(tr.iterate, sizes.seconds, tr.device))
    gpu, cpu = statistics.median(rates["gpu"]), statistics.median(rates["cpu"])
    # What device=auto picks for this shape with its own short probe (serve.placement): it
    # should agree with the longer measurement above wherever the two differ clearly.
    # (A dry run has no GPU: its two candidates are both the CPU, "cpu" and "cpu:0".)
    pair = (device.type, "cpu") if device.type != "cpu" else ("cpu", "cpu:0")
    auto = placement.measure(cfg, pair)["device"].replace("cpu:0", "cpu")
    return {"case": name, "auto_picks": auto, "parameters": count_parameters(cfg),
            "batch_size": cfg.batch_size,
            "model": {k: getattr(cfg, k) for k in ("g_layers", "g_width", "d_layers", "d_width")},
            "gpu_device": device.type, "gpu_its": gpu, "cpu_1core_its": cpu,
            "gpu_over_cpu": gpu / cpu, "faster": "cuda" if gpu > cpu else "cpu"}


def toy(dry: bool, sizes: Sizes | None = None) -> tuple[dict, str]:
    sizes = sizes or (DRY if dry else GPU)
    device = device_for(dry)
    cases = [toy_case(name, sizes, device) for name in sizes.toy_cases]
    out = {"kind": "placement", "dry_run": dry, "gpu": device_name(device),
           "cpu": device_name(torch.device("cpu")), "cases": cases,
           "note": "iterations/s of one run alone; 'faster' is the device a run of that size "
                   "should train on"}
    rows = [[c["case"], f"{c['parameters']:,}", f"{c['gpu_its']:.0f}", f"{c['cpu_1core_its']:.0f}",
             f"{c['gpu_over_cpu']:.2f}", c["faster"], c["auto_picks"]] for c in cases]
    side = "the 'GPU' side ran on the CPU too" if dry else out["gpu"]
    text = (f"One run alone, ganlab's Trainer; GPU: {side}; CPU: one thread.\n\n"
            + md_table(["case", "parameters", "GPU it/s", "1 CPU core it/s", "GPU / CPU",
                        "faster per run", "device=auto picks"], rows))
    return out, text


STEPS = {"env": env, "images": images, "toy": toy}


def emit(out: dict, text: str, json_path: str | None, md_path: str | None) -> None:
    if out.get("dry_run"):
        text = f"**{DRY_LABEL}.**\n\n{text}"
    print(text)
    if json_path:
        Path(json_path).write_text(json.dumps(out, indent=1))
    if md_path:
        Path(md_path).write_text(text + "\n")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("step", choices=sorted(STEPS))
    p.add_argument("--dry-run", action="store_true", help="on the CPU, tiny sizes")
    p.add_argument("--json", help="write the figures here")
    p.add_argument("--md", help="write the Markdown block here")
    args = p.parse_args()
    emit(*STEPS[args.step](args.dry_run), args.json, args.md)


if __name__ == "__main__":
    main()
