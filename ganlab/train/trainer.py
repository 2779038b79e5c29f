"""One iteration of GAN training: `d_steps` updates of D, then `g_steps` updates of G.

The Trainer is the only place that calls backward() and optimizer.step(). It owns three seeded
generators: `gen` for the data stream (real batches, labels), `noise_gen` on the training device
for the noise z, the instance noise and the gradient penalty's interpolates, and `probe_gen` for
what is shown (fixed noise, heatmap inputs), so watching a run never changes its numbers. Live
changes (`update`, `apply`) take effect between iterations; what may change is ganlab.changes's
to decide.
"""

from __future__ import annotations

import copy
import logging
import os
from dataclasses import dataclass

import torch
from torch import Tensor

from ganlab.changes import Decision, decide
from ganlab.config import Config, ConfigError
from ganlab.data import make_dataset
from ganlab.train.latent import prior
from ganlab.train.losses import LOSSES, gradient_penalty, r1_penalty
from ganlab.train.mlp import build_models
from ganlab.train.packing import fillers, pack, score_points

log = logging.getLogger(__name__)


@dataclass
class StepStats:
    """What one iteration measured; 0-dim tensors so CUDA never syncs until someone reads them."""

    step: int
    loss_d: Tensor
    loss_g: Tensor
    d_real: Tensor       # mean D(x): a probability, or the critic's score for critic losses
    d_fake: Tensor       # mean D(G(z)) at the last D update (both over packs when pack > 1)
    grad_norm_d: Tensor  # ||dL_D/dtheta_D|| before the optimizer step
    grad_norm_g: Tensor

    def floats(self) -> dict[str, float]:
        return {"step": self.step, **{k: float(getattr(self, k)) for k in
                                      ("loss_d", "loss_g", "d_real", "d_fake", "grad_norm_d",
                                       "grad_norm_g")}}


def resolve_device(name: str) -> torch.device:
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device=cuda: no CUDA device is available here; use auto or cpu")
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)


def choose_threads(cfg: Config) -> int:
    """CPU threads for this run. Measured on 2 cores (benchmarks/RESULTS.md): one thread beat two
    for every toy model, 6x for the default MLP, because the per-op sync outweighs the work and
    the server and browser need the other core. Only big image models on many cores get more."""
    cores = os.cpu_count() or 1
    if cores <= 2 or cfg.is_toy:
        return 1
    return min(4, cores // 2)


def _grad_norm(params) -> Tensor:
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return torch.zeros(())
    return torch.linalg.vector_norm(torch.stack(torch._foreach_norm(grads)))


class Trainer:
    def __init__(self, cfg: Config, device: str | None = None, threads: int | None = None):
        self.cfg = cfg
        self.device = resolve_device(device or cfg.device)
        if self.device.type == "cpu":
            torch.set_num_threads(threads or choose_threads(cfg))
        self.data = make_dataset(cfg)
        self.conditional = bool(cfg.conditional and self.data.num_classes)
        # Model init draws from the global RNG: fork it so building a run has no side effects.
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(cfg.seed)
            self.G, self.D = build_models(cfg, self.data)
        self.G.to(self.device)
        self.D.to(self.device)
        # The GPU fast path: image data lives on the device (batches are gathered there),
        # convolutions run channels_last, and forward passes run in bf16 autocast (no loss
        # scaling needed for bf16). On the CPU all three are no-ops. Toy runs keep float32:
        # bf16 steps 1/64 apart at radius 2, coarser than ring8's std of 0.02, and their tiny
        # matrices gain nothing from it.
        self.amp = self.device.type == "cuda" and self.data.kind == "image"
        if self.amp:
            from ganlab.train.dcgan import accelerate

            self.data.to(self.device)
            accelerate(self.G, self.device)
            accelerate(self.D, self.device)
        self.G_ema = copy.deepcopy(self.G).requires_grad_(False) if cfg.ema > 0 else None
        self.opt_d = _make_optimizer(cfg.optimizer_d, self.D.parameters(), cfg.lr_d, cfg)
        self.opt_g = _make_optimizer(cfg.optimizer_g, self.G.parameters(), cfg.lr_g, cfg)
        self.gen = torch.Generator().manual_seed(cfg.seed)
        self.noise_gen = torch.Generator(self.device).manual_seed(cfg.seed + 1)
        self.probe_gen = torch.Generator().manual_seed(cfg.seed + 2)
        self.step = 0          # completed iterations
        self.d_updates = 0
        self.g_updates = 0
        # Where the run is inside an iteration (the Algorithm page lights the line it runs):
        # the last update ("D" or "G") and how many of each the iteration under way has made.
        self.last_update: str | None = None
        self.d_in_iteration = 0
        self.g_in_iteration = 0
        self.callbacks = []    # called as cb(trainer, stats) after each iteration
        self._last = None
        self._fill = None      # real samples next to a scored point when pack > 1 (score)

    # --- sampling ---------------------------------------------------------------------------
    @property
    def loss(self):
        return LOSSES[self.cfg.loss]

    def sample_z(self, n: int, gen: torch.Generator | None = None) -> Tensor:
        """n draws from the noise prior, (n, noise_dim), on the training device."""
        z = prior(n, self.cfg.noise_dim, self.cfg.noise, gen or self.noise_gen)
        return z.to(self.device, non_blocking=True)

    def _real_batch(self, n: int):
        if self.conditional:
            x, y = self.data.sample_with_labels(n, self.gen)
            return x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
        return self.data.sample(n, self.gen).to(self.device, non_blocking=True), None

    def _fake_labels(self, n: int):
        if not self.conditional:
            return None
        return torch.randint(self.data.num_classes, (n,), generator=self.gen).to(self.device)

    def _instance_noise(self, x: Tensor) -> Tensor:
        std = self.cfg.instance_noise
        if std == 0:
            return x
        if self.cfg.instance_noise_decay:
            std *= max(0.0, 1 - self.step / self.cfg.instance_noise_decay)
        return x + std * torch.randn(x.shape, generator=self.noise_gen, device=x.device)

    def fixed_noise(self, n: int) -> Tensor:
        """The same n noise vectors for the whole run (a function of the seed alone), so
        successive pictures show how G moves the same latent points."""
        return self.sample_z(n, torch.Generator().manual_seed(self.cfg.seed + 3))

    @torch.no_grad()
    def sample(self, n: int, z: Tensor | None = None, y: Tensor | None = None) -> Tensor:
        """Generated samples from G (or its EMA), in data coordinates, on the CPU."""
        G = self.G_ema if self.G_ema is not None else self.G
        z = self.sample_z(n, self.probe_gen) if z is None else z.to(self.device)
        y = None if y is None else y.to(self.device)   # callers pass CPU labels
        if self.conditional and y is None:
            y = torch.arange(len(z), device=self.device) % self.data.num_classes
        was_training = G.training
        G.eval()
        x = G(z, y)
        G.train(was_training)
        return x.float().cpu()

    @torch.no_grad()
    def discriminate(self, x: Tensor, y: Tensor | None = None) -> Tensor:
        """D's raw output (logit or critic score) for points x, one per point, on the CPU; with
        pack > 1, D's score of x in a pack with m−1 real samples (`score`)."""
        was_training = self.D.training
        self.D.eval()
        out = self.score(x.to(self.device), None if y is None else y.to(self.device))
        self.D.train(was_training)
        return out.float().cpu()

    def score(self, x: Tensor, y: Tensor | None = None) -> Tensor:
        """D's raw output per point of x (on the device, differentiable in x). With pack = m > 1
        a point has no pack of its own: this is D's score of x in a pack with m−1 real samples,
        the same fills for the whole run, averaged over packing.FILLERS of them."""
        if self.cfg.pack == 1:
            return self.D(x, y)
        if self._fill is None:
            self._fill = fillers(self.data, self.cfg.pack, self.cfg.seed)
        return score_points(self.D, x, self._fill)

    # --- the two updates --------------------------------------------------------------------
    def _pack(self, x: Tensor) -> Tensor:
        # PacGAN (Lin et al. 2018): D judges cfg.pack samples of one kind at once, so a G that
        # drops modes makes packs that look alike; pack = 1 hands x through untouched.
        return pack(x, self.cfg.pack)

    def _autocast(self):
        return torch.autocast("cuda", dtype=torch.bfloat16, enabled=self.amp)

    def step_d(self) -> tuple[Tensor, Tensor, Tensor, Tensor]:
        """One D update: maximise V(G, D) (or the loss's equivalent) on a fresh real batch."""
        cfg, loss = self.cfg, self.loss
        x_real, y_real = self._real_batch(cfg.batch_size)
        y_fake = self._fake_labels(cfg.batch_size)
        with torch.no_grad(), self._autocast():
            x_fake = self.G(self.sample_z(cfg.batch_size), y_fake)
        with self._autocast():
            # Instance noise is per sample, so it is added before packing.
            d_real = self.D(self._pack(self._instance_noise(x_real)), y_real).float()
            d_fake = self.D(self._pack(self._instance_noise(x_fake)), y_fake).float()
        target = 1.0 - cfg.label_smoothing if loss.smoothable else 1.0
        loss_d = loss.d_loss(d_real, d_fake, target)
        if loss.constraint == "gp" and cfg.gp_weight > 0:
            # Conditional runs score interpolates under the real labels (a common simplification).
            # Both penalties see packs, as D always does (one interpolation weight per pack).
            loss_d = loss_d + cfg.gp_weight * gradient_penalty(
                self.D, self._pack(x_real), self._pack(x_fake), self.noise_gen, y_real)
        if cfg.r1_weight > 0:
            loss_d = loss_d + cfg.r1_weight * r1_penalty(self.D, self._pack(x_real), y_real)
        self.opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        grad_norm = _grad_norm(self.D.parameters())
        self.opt_d.step()
        if loss.constraint == "clip":
            with torch.no_grad():
                for p in self.D.parameters():
                    p.clamp_(-cfg.clip, cfg.clip)
        self.d_updates += 1
        if self.last_update == "G":      # D after G: a new iteration's D steps (Step D too)
            self.d_in_iteration = self.g_in_iteration = 0
        self.d_in_iteration += 1
        self.last_update = "D"
        d_real, d_fake = d_real.detach().mean(), d_fake.detach().mean()
        if not loss.critic:
            d_real, d_fake = torch.sigmoid(d_real), torch.sigmoid(d_fake)
        return loss_d.detach(), d_real, d_fake, grad_norm

    def step_g(self) -> tuple[Tensor, Tensor]:
        """One G update: make D(G(z)) look real under the current loss."""
        y_fake = self._fake_labels(self.cfg.batch_size)
        with self._autocast():
            x_fake = self.G(self.sample_z(self.cfg.batch_size), y_fake)
            d_fake = self.D(self._pack(self._instance_noise(x_fake)), y_fake).float()
        loss_g = self.loss.g_loss(d_fake)  # losses in float32 even under autocast
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        grad_norm = _grad_norm(self.G.parameters())
        self.opt_g.step()
        if self.G_ema is not None:
            with torch.no_grad():
                torch._foreach_lerp_(list(self.G_ema.parameters()), list(self.G.parameters()),
                                     1 - self.cfg.ema)
                for b_ema, b in zip(self.G_ema.buffers(), self.G.buffers()):
                    b_ema.copy_(b)
        self.g_updates += 1
        self.g_in_iteration += 1
        self.last_update = "G"
        return loss_g.detach(), grad_norm

    def iterate(self) -> StepStats:
        """One iteration: d_steps D updates (fresh data and noise each), then g_steps G updates."""
        for _ in self.updates():
            pass
        return self._last

    def updates(self):
        """One iteration, one update at a time: yields "D" after each D update and "G" after
        each G update; the iteration is counted (step, callbacks) with its last update. Slow
        motion paces these; iterate() runs them straight through."""
        self.d_in_iteration = self.g_in_iteration = 0
        for _ in range(self.cfg.d_steps):
            loss_d, d_real, d_fake, gn_d = self.step_d()
            yield "D"
        for k in range(self.cfg.g_steps):
            loss_g, gn_g = self.step_g()
            if k < self.cfg.g_steps - 1:
                yield "G"
        self.step += 1
        stats = StepStats(self.step, loss_d, loss_g, d_real, d_fake, gn_d, gn_g)
        self._last = stats
        for cb in self.callbacks:
            cb(self, stats)
        yield "G"

    def train(self, n: int) -> StepStats | None:
        for _ in range(n):
            self.iterate()
        return self._last

    # --- live changes -----------------------------------------------------------------------
    def update(self, **changes) -> Config:
        """Apply live hyperparameter changes between iterations; anything else (a change that
        needs new models, a bad value) raises ChangeRefused (ganlab.changes, the one rule)."""
        return self.apply(decide(self.cfg, changes).checked())

    def apply(self, decision: Decision) -> Config:
        """Apply a change decide() already judged (the worker gets it from the JobManager): its
        live keys only, whatever else it refused; Adam's moments and the RNG streams stay."""
        new = self.cfg.replace(**decision.live)
        for group in self.opt_d.param_groups:
            group["lr"] = new.lr_d
        for group in self.opt_g.param_groups:
            group["lr"] = new.lr_g
        if new.loss != self.cfg.loss:
            log.info("loss changed %s -> %s at step %d", self.cfg.loss, new.loss, self.step)
        self.cfg = new
        return new

    # --- state ------------------------------------------------------------------------------
    def state(self) -> tuple[dict[str, Tensor], dict]:
        """Everything needed to resume exactly: tensors (for safetensors) and JSON metadata."""
        tensors: dict[str, Tensor] = {}
        meta = {"step": self.step, "d_updates": self.d_updates, "g_updates": self.g_updates,
                "config": self.cfg.to_dict()}
        for prefix, module in (("G", self.G), ("D", self.D), ("G_ema", self.G_ema)):
            if module is not None:
                for k, v in module.state_dict().items():
                    tensors[f"{prefix}.{k}"] = v
        for prefix, opt in (("opt_d", self.opt_d), ("opt_g", self.opt_g)):
            sd = opt.state_dict()
            meta[prefix] = {"param_groups": sd["param_groups"], "state": {}}
            for idx, st in sd["state"].items():
                meta[prefix]["state"][str(idx)] = {}
                for name, v in st.items():
                    if isinstance(v, Tensor):
                        tensors[f"{prefix}.{idx}.{name}"] = v
                        meta[prefix]["state"][str(idx)][name] = "tensor"
                    else:
                        meta[prefix]["state"][str(idx)][name] = v
        tensors["rng.gen"] = self.gen.get_state()
        tensors["rng.noise_gen"] = self.noise_gen.get_state()
        tensors["rng.probe_gen"] = self.probe_gen.get_state()
        return {k: v.detach().cpu().contiguous() for k, v in tensors.items()}, meta

    def load_state(self, tensors: dict[str, Tensor], meta: dict) -> None:
        for prefix, module in (("G", self.G), ("D", self.D), ("G_ema", self.G_ema)):
            if module is not None:
                sd = {k[len(prefix) + 1:]: v for k, v in tensors.items()
                      if k.startswith(prefix + ".")}
                module.load_state_dict(sd)
        for prefix, opt in (("opt_d", self.opt_d), ("opt_g", self.opt_g)):
            state = {}
            for idx, st in meta[prefix]["state"].items():
                state[int(idx)] = {name: tensors[f"{prefix}.{idx}.{name}"] if v == "tensor"
                                   else v for name, v in st.items()}
            opt.load_state_dict({"state": state, "param_groups": meta[prefix]["param_groups"]})
        self.gen.set_state(tensors["rng.gen"])
        self.noise_gen.set_state(tensors["rng.noise_gen"])
        self.probe_gen.set_state(tensors["rng.probe_gen"])
        self.step, self.d_updates, self.g_updates = (meta["step"], meta["d_updates"],
                                                     meta["g_updates"])


# The optimizers a run can name (ganlab.variants.OPTIMIZERS), each built from the run's Config.
OPTIMIZERS = {
    "adam": lambda params, lr, cfg: torch.optim.Adam(params, lr=lr, betas=(cfg.beta1, cfg.beta2)),
    "rmsprop": lambda params, lr, cfg: torch.optim.RMSprop(params, lr=lr),
    "sgd": lambda params, lr, cfg: torch.optim.SGD(params, lr=lr, momentum=cfg.momentum),
}


def _make_optimizer(name: str, params, lr: float, cfg: Config) -> torch.optim.Optimizer:
    build = OPTIMIZERS.get(name)
    if build is None:  # the Config refuses such names; never fall back to another optimizer
        raise ConfigError(f"optimizer={name}: must be one of {', '.join(OPTIMIZERS)}")
    return build(params, lr, cfg)

