"""Cost of the diagnostics: time per diagnostic, and training throughput with and without them.

Run: OMP_NUM_THREADS=1 python benchmarks/bench_diagnostics.py [--iters 500] [--rounds 8]

Part 1 times each registered diagnostic on realistic sizes (a 2,500-sample probe; exact W1 and MMD
subsample to 512) and the alarm check on a 10,000-step history. Part 2 trains a bare PyTorch MLP
GAN (2 hidden layers of 64, batch 256, non-saturating loss, Adam) on ring8, alternating blocks
without and with ``compute_due`` at default cadences, and reports iterations/s of each and their
ratio (target ≥ 0.90). Part 3 does the same with the real Trainer and Recorder (the default Config,
writing a run folder), diagnostics on versus off: what a user of the app or the CLI pays.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import torch
from scipy.stats import norm
from torch import nn
from torch.nn import functional as F

from ganlab.diagnostics import DIAGNOSTICS, PROBE_SIZE, Probe, check_all, compute_due


class Mixture:
    """Isotropic Gaussian mixture with the toy-data attributes the diagnostics use."""

    kind = "toy"

    def __init__(self, means, std):
        self.means = np.asarray(means, dtype=np.float64).reshape(len(means), -1)
        self.std, self.dim = std, self.means.shape[1]
        self.weights = np.full(len(self.means), 1 / len(self.means))
        pad = 1 + 3 * std
        self.bounds = tuple(zip(self.means.min(0) - pad, self.means.max(0) + pad))
        self._means_t = torch.tensor(self.means, dtype=torch.float32)

    def sample(self, n: int) -> torch.Tensor:
        k = torch.randint(len(self.means), (n,))
        return self._means_t[k] + self.std * torch.randn(n, self.dim)

    def pdf(self, x):
        sq = ((x[:, None, :] - self.means[None]) ** 2).sum(-1)
        const = (2 * np.pi * self.std**2) ** (self.dim / 2)
        return (self.weights * np.exp(-sq / (2 * self.std**2))).sum(1) / const

    def cdf(self, x):
        return (self.weights * norm.cdf(x, loc=self.means[:, 0], scale=self.std)).sum(1)


ANGLES = 2 * np.pi * np.arange(8) / 8
RING8 = Mixture(2 * np.c_[np.cos(ANGLES), np.sin(ANGLES)], 0.02)
GAUSS1D = Mixture([[-2.0], [2.0]], 0.5)


def mlp(d_in: int, d_out: int, width: int = 64) -> nn.Module:
    return nn.Sequential(nn.Linear(d_in, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                         nn.Linear(width, d_out))


class Gan:
    """The bare training loop: one D step then one G step per iteration."""

    def __init__(self, data: Mixture, batch: int = 256, noise_dim: int = 2):
        torch.manual_seed(0)
        self.data, self.batch, self.noise_dim = data, batch, noise_dim
        self.g, self.d = mlp(noise_dim, data.dim), mlp(data.dim, 1)
        self.opt_g = torch.optim.Adam(self.g.parameters(), 1e-3, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), 1e-3, betas=(0.5, 0.999))

    def step(self) -> None:
        real = self.data.sample(self.batch)
        fake = self.g(torch.randn(self.batch, self.noise_dim))
        lr, lf = self.d(real), self.d(fake.detach())
        loss_d = (F.binary_cross_entropy_with_logits(lr, torch.ones_like(lr))
                  + F.binary_cross_entropy_with_logits(lf, torch.zeros_like(lf)))
        self.opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        self.opt_d.step()
        lf = self.d(fake)
        loss_g = F.binary_cross_entropy_with_logits(lf, torch.ones_like(lf))
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        self.opt_g.step()

    @torch.no_grad()
    def probe(self) -> Probe:
        fake = self.g(torch.randn(PROBE_SIZE, self.noise_dim))
        real = self.data.sample(PROBE_SIZE)
        return Probe(fake=fake.numpy().astype(np.float64), real=real.numpy().astype(np.float64),
                     d_real_logits=self.d(real)[:, 0].numpy(),
                     d_fake_logits=self.d(fake)[:, 0].numpy(), data=self.data,
                     loss="nonsaturating")


def time_ms(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1e3 * statistics.median(times)


def per_diagnostic_table(iter_ms: float) -> None:
    print(f"\nPer-diagnostic cost (median of 5; 1 iteration of training ≈ {iter_ms:.2f} ms)")
    print(f"{'diagnostic':<20}{'data':<12}{'cadence':>8}{'ms/call':>10}{'% of training':>15}")
    for data, name in ((RING8, "ring8"), (GAUSS1D, "gaussians1d")):
        gan = Gan(data)
        for _ in range(300):
            gan.step()
        probe = gan.probe()
        rows = [("probe (G+D fwd)", min(d.cadence for d in DIAGNOSTICS.values()),
                 time_ms(gan.probe))]
        rows += [(d.name, d.cadence, time_ms(lambda d=d: d.compute(probe)))
                 for d in DIAGNOSTICS.values() if d.applies(data)]
        total = 0.0
        for diag, cadence, ms in rows:
            share = 100 * ms / (cadence * iter_ms)
            total += share
            print(f"{diag:<20}{name:<12}{cadence:>8}{ms:>10.2f}{share:>14.2f}%")
        print(f"{'total':<20}{name:<12}{'':>8}{'':>10}{total:>14.2f}%")
    rng = np.random.default_rng(0)
    n = 10_000
    hist = {"step": list(range(n)), "loss_d": list(1.3 + 0.05 * rng.standard_normal(n)),
            "loss_g": list(0.7 + 0.05 * rng.standard_normal(n)),
            "grad_norm_g": list(1 + 0.1 * rng.standard_normal(n)),
            "grad_norm_d": list(1 + 0.1 * rng.standard_normal(n)),
            "d_fake": list(0.45 + 0.01 * rng.standard_normal(n)),
            "modes_covered": [8.0 if s % 100 == 0 else None for s in range(n)]}
    ms = time_ms(lambda: check_all(hist))
    print(f"{'check_all (alarms)':<20}{'10k steps':<12}{'-':>8}{ms:>10.2f}")


def throughput(iters: int, rounds: int) -> None:
    """Alternate bare and diagnosed blocks and compare adjacent pairs, so that load from other
    processes on a shared machine hits both sides alike. Diagnosed blocks share one step counter,
    so every cadence fires at its true rate whatever the block size."""
    gan = Gan(RING8)
    for _ in range(200):  # warm-up: allocator, Adam state
        gan.step()
    bare, with_diag, ratios, diag_share = [], [], [], []
    step = 0
    for _ in range(rounds):
        t = time.perf_counter()
        for _ in range(iters):
            gan.step()
        bare.append(iters / (time.perf_counter() - t))
        spent = 0.0
        t = time.perf_counter()
        for _ in range(iters):
            gan.step()
            t_diag = time.perf_counter()
            compute_due(step, gan.probe)
            spent += time.perf_counter() - t_diag
            step += 1
        total = time.perf_counter() - t
        with_diag.append(iters / total)
        ratios.append(with_diag[-1] / bare[-1])
        diag_share.append(spent / total)
    print(f"\nTraining throughput, ring8, MLP 2×64, batch 256, {rounds}×{iters} iterations each")
    print(f"{'run':<30}{'iterations/s':>14}")
    print(f"{'bare loop':<30}{statistics.median(bare):>14.1f}")
    print(f"{'with all diagnostics':<30}{statistics.median(with_diag):>14.1f}")
    print(f"{'ratio, median of pairs':<30}{statistics.median(ratios):>14.3f}  (target ≥ 0.90)")
    print(f"{'time inside compute_due':<30}{100 * sum(diag_share) / rounds:>13.1f}%")


def real_trainer(iters: int, rounds: int, dataset: str) -> None:
    """The real Trainer + Recorder (default Config), Recorder diagnostics off vs on, in alternating
    blocks; each side keeps its own step counter, so every cadence fires at its true rate."""
    import tempfile
    from pathlib import Path

    from ganlab.config import Config
    from ganlab.runs.folder import Run
    from ganlab.runs.recorder import Recorder
    from ganlab.train.trainer import Trainer

    cfg = Config(dataset=dataset, device="cpu")
    with tempfile.TemporaryDirectory() as tmp:
        sides = {}
        for name, diag in (("off", False), ("on", True)):
            trainer = Trainer(cfg, device="cpu", threads=1)
            run = Run.create(Path(tmp) / name, cfg)
            trainer.callbacks.append(Recorder(run, diagnostics=diag))
            trainer.train(200)  # warm-up; also passes step 100 and 200 (cadences fire)
            sides[name] = trainer
        speed = {"off": [], "on": []}
        for _ in range(rounds):
            for name, trainer in sides.items():
                t = time.perf_counter()
                trainer.train(iters)
                speed[name].append(iters / (time.perf_counter() - t))
    ratios = [on / off for on, off in zip(speed["on"], speed["off"])]
    print(f"\nReal Trainer + Recorder, {dataset}, default Config (MLP 3×128, batch 256), "
          f"{rounds}×{iters} iterations each")
    print(f"{'run':<30}{'iterations/s':>14}")
    print(f"{'diagnostics off':<30}{statistics.median(speed['off']):>14.1f}")
    print(f"{'diagnostics on (defaults)':<30}{statistics.median(speed['on']):>14.1f}")
    print(f"{'ratio, median of pairs':<30}{statistics.median(ratios):>14.3f}  (target ≥ 0.90)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=int, default=500, help="iterations per timed block")
    parser.add_argument("--rounds", type=int, default=8, help="alternating bare/diag blocks")
    parser.add_argument("--real-only", action="store_true", help="only part 3 (real Trainer)")
    parser.add_argument("--dataset", default="ring8", help="dataset of part 3")
    args = parser.parse_args()
    if args.real_only:
        real_trainer(max(args.iters, 1000), args.rounds, args.dataset)
        return
    torch.set_num_threads(1)
    gan = Gan(RING8)
    iter_ms = time_ms(lambda: [gan.step() for _ in range(200)], repeats=3) / 200
    per_diagnostic_table(iter_ms)
    throughput(args.iters, args.rounds)
    real_trainer(max(args.iters, 1000), args.rounds, args.dataset)


if __name__ == "__main__":
    main()
