"""CycleGAN between two 2D toy domains, small enough to train live on a CPU.

Two mappings G: X -> Y and F: Y -> X, two discriminators D_Y (is this a real y?) and D_X. With the
least-squares adversarial loss used by CycleGAN:

    L_D(D_Y) = E_y[(D_Y(y) - 1)^2] + E_x[D_Y(G(x))^2]            (D_X likewise with F, x)
    L_adv(G) = E_x[(D_Y(G(x)) - 1)^2]                             (F likewise)
    L_cyc    = E_x[||F(G(x)) - x||_1] + E_y[||G(F(y)) - y||_1]
    L_(G,F)  = L_adv(G) + L_adv(F) + lambda L_cyc

The adversarial terms only ask G(x) to *look like* some y; any matching of the two sets will do.
The cycle term asks the two mappings to be inverse to each other, so x can be recovered from G(x):
with lambda = 0 nothing stops G from scrambling the input, and the reconstruction F(G(x)) drifts
away from x.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

DOMAINS = ("moons", "circles", "blobs", "spiral", "line", "ring")


def sample_domain(name: str, n: int, rng: np.random.Generator, noise: float = 0.05) -> np.ndarray:
    """n points (float32, shape (n, 2)) from a 2D toy domain, centred near the origin, scale ~1.

    moons:   two interleaved half circles        circles: two concentric rings (radii 1, 0.5)
    blobs:   three Gaussian blobs on a triangle  spiral:  one arm r = t, angle 3 t
    line:    the segment from (-1, -1) to (1, 1) ring:    one circle of radius 1
    """
    if name == "moons":
        t = rng.uniform(0, np.pi, n)
        upper = rng.random(n) < 0.5
        x = np.where(upper, np.cos(t), 1 - np.cos(t)) - 0.5
        y = np.where(upper, np.sin(t), 0.5 - np.sin(t)) - 0.25
        pts = np.stack([x, y], 1)
    elif name == "circles":
        t = rng.uniform(0, 2 * np.pi, n)
        r = np.where(rng.random(n) < 0.5, 1.0, 0.5)
        pts = np.stack([r * np.cos(t), r * np.sin(t)], 1)
    elif name == "ring":
        t = rng.uniform(0, 2 * np.pi, n)
        pts = np.stack([np.cos(t), np.sin(t)], 1)
    elif name == "blobs":
        centers = np.array([[0.0, 1.0], [-0.87, -0.5], [0.87, -0.5]])
        pts = centers[rng.integers(0, 3, n)] + 0.15 * rng.standard_normal((n, 2))
    elif name == "spiral":
        t = np.sqrt(rng.random(n)) * 1.2
        pts = np.stack([t * np.cos(3 * t * np.pi / 1.2), t * np.sin(3 * t * np.pi / 1.2)], 1)
    elif name == "line":
        t = rng.uniform(-1, 1, n)
        pts = np.stack([t, t], 1)
    else:
        raise ValueError(f"unknown domain {name!r}; choose from {DOMAINS}")
    return (pts + noise * rng.standard_normal((n, 2))).astype(np.float32)


def mlp(d_in: int, d_out: int, width: int = 64, depth: int = 2) -> nn.Sequential:
    """Linear-LeakyReLU blocks with a linear output."""
    layers, d = [], d_in
    for _ in range(depth):
        layers += [nn.Linear(d, width), nn.LeakyReLU(0.2)]
        d = width
    layers.append(nn.Linear(d, d_out))
    return nn.Sequential(*layers)


class CycleGAN2D:
    """CycleGAN on two 2D toy domains; `step()` runs one iteration (G/F update, then D_X/D_Y).

    Deterministic for a given seed: weights come from a seeded fork of the torch RNG, batches from a
    seeded NumPy generator; the global RNGs are left untouched.
    """

    LOSS_KEYS = ("adv_g", "adv_f", "cycle", "d_x", "d_y")

    def __init__(self, domain_x: str = "moons", domain_y: str = "circles", lam: float = 10.0,
                 lr: float = 2e-3, width: int = 64, batch: int = 128, seed: int = 0,
                 noise: float = 0.05):
        self.domain_x, self.domain_y = domain_x, domain_y
        self.lam, self.batch, self.noise = float(lam), int(batch), float(noise)
        self.rng = np.random.default_rng(seed)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.G, self.F = mlp(2, 2, width), mlp(2, 2, width)
            self.D_X, self.D_Y = mlp(2, 1, width), mlp(2, 1, width)
        betas = (0.5, 0.999)
        self.opt_gen = torch.optim.Adam([*self.G.parameters(), *self.F.parameters()],
                                        lr=lr, betas=betas)
        self.opt_dis = torch.optim.Adam([*self.D_X.parameters(), *self.D_Y.parameters()],
                                        lr=lr, betas=betas)
        self.losses: dict[str, list[float]] = {k: [] for k in self.LOSS_KEYS}
        self.iteration = 0
        eval_rng = np.random.default_rng(seed + 10_000)
        self.x_eval = sample_domain(domain_x, 512, eval_rng, noise)
        self.y_eval = sample_domain(domain_y, 512, eval_rng, noise)

    # ---- training -----------------------------------------------------------------------------
    def _batch(self):
        x = torch.from_numpy(sample_domain(self.domain_x, self.batch, self.rng, self.noise))
        y = torch.from_numpy(sample_domain(self.domain_y, self.batch, self.rng, self.noise))
        return x, y

    def step(self) -> dict[str, float]:
        """One iteration; returns (and appends to `losses`) the five loss values."""
        x, y = self._batch()
        # generators: fool the discriminators and close both cycles
        fake_y, fake_x = self.G(x), self.F(y)
        adv_g = ((self.D_Y(fake_y) - 1) ** 2).mean()
        adv_f = ((self.D_X(fake_x) - 1) ** 2).mean()
        cycle = (self.F(fake_y) - x).abs().sum(1).mean() + (self.G(fake_x) - y).abs().sum(1).mean()
        loss_gen = adv_g + adv_f + self.lam * cycle
        self.opt_gen.zero_grad()
        loss_gen.backward()
        self.opt_gen.step()
        # discriminators: real -> 1, translated -> 0 (least squares)
        fake_y, fake_x = fake_y.detach(), fake_x.detach()
        d_y = ((self.D_Y(y) - 1) ** 2).mean() + (self.D_Y(fake_y) ** 2).mean()
        d_x = ((self.D_X(x) - 1) ** 2).mean() + (self.D_X(fake_x) ** 2).mean()
        self.opt_dis.zero_grad()
        (d_x + d_y).backward()
        self.opt_dis.step()
        self.iteration += 1
        out = {"adv_g": adv_g.item(), "adv_f": adv_f.item(), "cycle": cycle.item(),
               "d_x": d_x.item(), "d_y": d_y.item()}
        for k, v in out.items():
            self.losses[k].append(v)
        return out

    def train(self, steps: int) -> "CycleGAN2D":
        for _ in range(int(steps)):
            self.step()
        return self

    # ---- mappings (NumPy in, NumPy out) -------------------------------------------------------
    @torch.no_grad()
    def map_xy(self, x) -> np.ndarray:
        """G(x): translate points of domain X to domain Y."""
        return self.G(torch.as_tensor(np.asarray(x, np.float32))).numpy()

    @torch.no_grad()
    def map_yx(self, y) -> np.ndarray:
        """F(y): translate points of domain Y to domain X."""
        return self.F(torch.as_tensor(np.asarray(y, np.float32))).numpy()

    @torch.no_grad()
    def reconstruct(self, x) -> np.ndarray:
        """F(G(x)): there and back again; equals x for a perfect cycle."""
        return self.map_yx(self.map_xy(x))

    @torch.no_grad()
    def reconstruct_y(self, y) -> np.ndarray:
        """G(F(y))."""
        return self.map_xy(self.map_yx(y))

    def reconstruction_error(self, x=None) -> float:
        """mean_i ||F(G(x_i)) - x_i||_1 on a fixed evaluation set of domain X (or the x given)."""
        x = self.x_eval if x is None else np.asarray(x, np.float32)
        return float(np.abs(self.reconstruct(x) - x).sum(1).mean())


def nearest_distance(a, b) -> float:
    """Mean Euclidean distance from each point of `a` to its nearest point of `b`: how far the
    translations G(x) lie from the target domain's shape (0 when every G(x) is a real y)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d2 = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
    return float(np.sqrt(d2.min(axis=1)).mean())
