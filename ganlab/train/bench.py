"""Trainer speed against a bare, hand-written PyTorch GAN loop of the same architecture.

Both loops run in the same process, on the same thread count, alternating in short blocks so
that a machine busy with other work slows both alike; the median of the paired block ratios is
reported. Used by `ganlab bench` and benchmarks/bench_trainer.py.
"""

from __future__ import annotations

import statistics
import time

import torch
import torch.nn.functional as F

from ganlab.config import Config
from ganlab.data import make_dataset
from ganlab.train.mlp import build_models
from ganlab.train.trainer import Trainer, choose_threads


def bare_loop(cfg: Config):
    """The dcgan-example loop, for a toy target: returns a function doing one iteration."""
    data, gen = make_dataset(cfg), torch.Generator().manual_seed(cfg.seed)
    G, D = build_models(cfg, data)
    opt_d = torch.optim.Adam(D.parameters(), lr=cfg.lr_d, betas=(cfg.beta1, cfg.beta2))
    opt_g = torch.optim.Adam(G.parameters(), lr=cfg.lr_g, betas=(cfg.beta1, cfg.beta2))
    b = cfg.batch_size
    ones, zeros = torch.ones(b), torch.zeros(b)

    def iterate():
        x = data.sample(b, gen)
        fake = G(torch.randn(b, cfg.noise_dim, generator=gen))
        loss_d = F.binary_cross_entropy_with_logits(D(x), ones) + \
            F.binary_cross_entropy_with_logits(D(fake.detach()), zeros)
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        fake = G(torch.randn(b, cfg.noise_dim, generator=gen))
        loss_g = F.binary_cross_entropy_with_logits(D(fake), ones)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()

    return iterate


def _rate(fn, seconds: float) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - start)


def compare(cfg: Config, seconds: float = 3.0, blocks: int = 4) -> dict:
    torch.set_num_threads(choose_threads(cfg))
    trainer, bare = Trainer(cfg), bare_loop(cfg)
    for _ in range(20):  # warm-up: allocator, first-call overheads
        trainer.iterate()
        bare()
    pairs = []
    for _ in range(blocks):
        t = _rate(trainer.iterate, seconds / blocks)
        b = _rate(bare, seconds / blocks)
        pairs.append((t, b))
    return {"trainer": statistics.median(t for t, _ in pairs),
            "bare": statistics.median(b for _, b in pairs),
            "ratio": statistics.median(t / b for t, b in pairs),
            "threads": torch.get_num_threads()}


CASES = {
    "ring8, default model": Config(dataset="ring8"),
    "ring8, wide model (4x512)": Config(dataset="ring8", g_layers=4, d_layers=4, g_width=512,
                                        d_width=512),
}


def run_benchmarks(seconds: float = 3.0) -> dict[str, dict]:
    return {name: compare(cfg, seconds) for name, cfg in CASES.items()}


def print_table(results: dict[str, dict]) -> None:
    print(f"{'case':32} {'threads':>7} {'trainer it/s':>13} {'bare it/s':>10} {'ratio':>6}")
    for name, r in results.items():
        print(f"{name:32} {r['threads']:>7} {r['trainer']:>13.1f} {r['bare']:>10.1f} "
              f"{r['ratio']:>6.2f}")
