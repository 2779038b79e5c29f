"""Images/s of DCGAN on 28x28 synthetic data: the Trainer against a bare PyTorch loop.

    .venv/bin/python benchmarks/bench_images.py [--seconds 3] [--batch 128] [--device auto]

The data is random bytes written as MNIST IDX files into a temporary folder, so the Trainer
reads them through the real `mnist` dataset code (no download). Both loops use the same G and D
(`build_dcgan`), the same batch, Adam and the non-saturating loss, and run alternately in short
blocks, so a busy machine slows both alike; the median of the per-block rates is printed. An
image is one real image through an iteration (one D update and one G update per iteration).

On CUDA a third loop shows what the GPU fast path buys: the dataset held on the device, bf16
autocast and channels_last (the Trainer hooks these need are described in the images report).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ganlab.config import Config  # noqa: E402
from ganlab.train.dcgan import accelerate, build_dcgan  # noqa: E402
from ganlab.train.trainer import Trainer, resolve_device  # noqa: E402


def write_mnist(folder: Path, n: int = 10_000) -> None:
    raw = folder / "MNIST" / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for prefix, count in (("train", n), ("t10k", 1000)):
        (raw / f"{prefix}-images-idx3-ubyte").write_bytes(
            struct.pack(">iiii", 0x803, count, 28, 28)
            + rng.integers(0, 256, (count, 28, 28), dtype=np.uint8).tobytes())
        (raw / f"{prefix}-labels-idx1-ubyte").write_bytes(
            struct.pack(">ii", 0x801, count) + (np.arange(count) % 10).astype(np.uint8).tobytes())


def bare_loop(cfg: Config, data, device: torch.device, fast: bool = False):
    """The pytorch/examples DCGAN loop on the same models; `fast`: data on the device, bf16
    autocast, channels_last (CUDA only)."""
    G, D = build_dcgan(cfg, data)
    G, D = G.to(device), D.to(device)
    pixels = data.pixels.to(device) if fast else data.pixels
    if fast:
        accelerate(G, device)
        accelerate(D, device)
    opt_d = torch.optim.Adam(D.parameters(), lr=cfg.lr_d, betas=(cfg.beta1, cfg.beta2))
    opt_g = torch.optim.Adam(G.parameters(), lr=cfg.lr_g, betas=(cfg.beta1, cfg.beta2))
    b, gen = cfg.batch_size, torch.Generator().manual_seed(0)
    autocast = (lambda: torch.autocast("cuda", torch.bfloat16)) if fast else contextlib.nullcontext

    def iterate():
        idx = torch.randint(len(pixels), (b,), generator=gen).to(pixels.device)
        x = data.to_float(pixels[idx]).to(device, non_blocking=True)
        with autocast():
            fake = G(torch.randn(b, cfg.noise_dim, device=device))
            loss_d = F.softplus(-D(x)).mean() + F.softplus(D(fake.detach())).mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        with autocast():
            loss_g = F.softplus(-D(G(torch.randn(b, cfg.noise_dim, device=device)))).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()

    return iterate


def rate(fn, seconds: float, device: torch.device) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        n += 1
    if device.type == "cuda":
        torch.cuda.synchronize()  # count only finished work
    return n / (time.perf_counter() - start)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=3.0, help="length of one timed block")
    p.add_argument("--blocks", type=int, default=3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = p.parse_args()
    device = resolve_device(args.device)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    with tempfile.TemporaryDirectory() as tmp:
        write_mnist(Path(tmp))
        cfg = Config(dataset="mnist", data_dir=tmp, batch_size=args.batch, noise_dim=64,
                     g_width=128, d_width=128, device=device.type)
        trainer = Trainer(cfg)
        loops = {"trainer": trainer.iterate,
                 "bare loop": bare_loop(cfg, trainer.data, device)}
        if device.type == "cuda":
            loops["bare loop, GPU fast path"] = bare_loop(cfg, trainer.data, device, fast=True)
        for fn in loops.values():  # warm-up: allocator, cuDNN autotuning, first-call costs
            for _ in range(10):
                fn()
        rates = {k: [] for k in loops}
        for _ in range(args.blocks):
            for k, fn in loops.items():
                rates[k].append(rate(fn, args.seconds, device))
    print(f"device: {device.type} ({name}), threads: {torch.get_num_threads()}, "
          f"DCGAN 28x28x1, batch {args.batch}, g_width=d_width=128")
    base = statistics.median(rates["bare loop"])
    for k, r in rates.items():
        its = statistics.median(r)
        print(f"  {k:26s} {its * args.batch:10.0f} images/s  ({its:7.1f} it/s, "
              f"{its / base:4.2f}x the bare loop)")


if __name__ == "__main__":
    main()
