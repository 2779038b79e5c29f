"""A run as one standalone PyTorch training script: `script(cfg) -> str` (no ganlab import).

The script is assembled from ganlab's own source, so it cannot drift from it: the model classes
(ganlab.train.mlp, or ganlab.train.dcgan), the run's loss functions (ganlab.train.losses), its data
sampler (the toy target's `sample` method, with the target's constants as literals, or the digits
loader) are copied with inspect and ast. Only the training loop is a template here (`LOOP`); it
repeats Trainer.step_d / step_g draw for draw: the same three generators seeded as the Trainer seeds
them, the same order of data, noise, instance noise and interpolates. tests/test_export_code.py runs
exported scripts for every loss, both model families and the stabilisers from the same seed and
checks their losses against a ganlab run of that config.

Datasets: every toy target and digits. The downloadable sets and `folder` are refused, because
the script would need ganlab's loaders (or the user's files) to see the same pixels.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap

from ganlab.config import Config

SUPPORTED_IMAGES = ("digits",)


class ExportError(ValueError):
    """A config that cannot be exported as code; the message is for a person."""


def _source_of(module, *names: str) -> str:
    """Top-level definitions (functions, classes, constants) of a module, verbatim."""
    src = inspect.getsource(module)
    found = {}
    for node in ast.parse(src).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
        else:
            continue
        if name in names:
            found[name] = ast.get_source_segment(src, node)
    missing = [n for n in names if n not in found]
    assert not missing, f"{module.__name__} has no {missing}"
    return "\n\n\n".join(found[n] for n in names)


def _method(cls, name: str) -> str:
    """A method's source, indented as a method (decorators included)."""
    return textwrap.indent(textwrap.dedent(inspect.getsource(getattr(cls, name))), "    ")


def _literal(value) -> str:
    import torch

    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).replace("torch.", "")
        return f"torch.tensor({value.tolist()!r}, dtype=torch.{dtype})"
    return repr(value)


# --- data --------------------------------------------------------------------------------------
def _toy_data(cfg: Config) -> tuple[str, dict]:
    from ganlab.data import make_dataset

    target = make_dataset(cfg)
    cls = type(target)
    method = _method(cls, "sample")
    attrs = sorted(set(re.findall(r"self\.(\w+)", method)))
    body = ["class Target:",
            (f'    """The {cfg.dataset} target: ganlab.data.toy.{cls.__name__}, its constants '
             'as literals."""'), ""]
    body += [f"    {a} = {_literal(getattr(target, a))}" for a in attrs]
    body += ["", method]
    return "\n".join(body), {"DIM": target.dim, "NUM_CLASSES": 0}


def _digits_data(cfg: Config) -> tuple[str, dict]:
    from ganlab.data import images

    size = images.target_size(cfg, images.DIGITS_SIZE)
    loader = f'''def load_digits_pixels():
    """scikit-learn's digits exactly as ganlab.data.images.build_digits prepares them: values
    0..16 scaled to 0..255, a fixed shuffle, the last {images.DIGITS_HELDOUT} held out."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    x = torch.from_numpy(np.round(bunch.images * (255 / 16)).astype(np.uint8))[:, None]
    y = torch.from_numpy(bunch.target.astype(np.int64))
    perm = torch.from_numpy(np.random.default_rng(0).permutation(len(x)))
    x, y = resize(x[perm], {images.DIGITS_SIZE}), y[perm]
    cut = len(x) - {images.DIGITS_HELDOUT}
    return resize(x[:cut], {size}), y[:cut]


class Target:
    """uint8 images in memory, turned into floats in [-1, 1] per batch
    (ganlab.data.images.ImageDataset)."""

    name = "digits"

    def __init__(self):
        self.pixels, self.labels = load_digits_pixels()

{_method(images.ImageDataset, "to_float")}
{_method(images.ImageDataset, "_indices")}
{_method(images.ImageDataset, "sample")}
{_method(images.ImageDataset, "sample_with_labels")}'''
    code = "ConfigError = ValueError\n\n\n" + _source_of(images, "resize") + "\n\n\n" + loader
    return code, {"SHAPE": (1, size, size), "NUM_CLASSES": 10 if cfg.conditional else 0}


# --- models ------------------------------------------------------------------------------------
def _models(cfg: Config) -> tuple[str, str]:
    """(definitions, the lines that build G and D), as ganlab.train.mlp.build_models does."""
    from ganlab.train import dcgan, packing
    from ganlab.train import mlp as models

    if cfg.dcgan_break != "none" and not cfg.is_toy and cfg.model != "mlp":
        raise ExportError(f"dcgan_break={cfg.dcgan_break}: export as code writes the intact "
                          f"DCGAN only")
    if cfg.is_toy:
        if cfg.model == "dcgan":
            raise ExportError("model=dcgan: needs an image dataset; toy data uses model=mlp")
        defs = _source_of(models, "ACTIVATIONS", "mlp", "MLPGenerator", "MLPDiscriminator")
        build = ("G = MLPGenerator(CFG, (DIM,))\n"
                 "D = MLPDiscriminator(CFG, packed_shape((DIM,), CFG.pack))")
    elif cfg.model == "mlp":
        defs = _source_of(models, "ACTIVATIONS", "mlp", "MLPGenerator", "MLPDiscriminator")
        build = ("G = MLPGenerator(CFG, SHAPE, NUM_CLASSES, tanh=True)\n"
                 "D = MLPDiscriminator(CFG, packed_shape(SHAPE, CFG.pack), NUM_CLASSES)")
    else:
        defs = _source_of(dcgan, "MIN_SIDE", "MIN_CHANNELS", "LEAK", "plan", "widths",
                          "init_weights", "DCGANGenerator", "DCGANDiscriminator")
        bn = cfg.loss != "wgan_gp"  # ganlab.train.dcgan.build_dcgan: no batch norm in a GP critic
        build = ("G = DCGANGenerator(CFG.noise_dim, SHAPE, CFG.g_width, NUM_CLASSES)\n"
                 f"D = DCGANDiscriminator(packed_shape(SHAPE, CFG.pack), CFG.d_width, "
                 f"NUM_CLASSES, batch_norm={bn})")
    defs += "\n\n\n" + _source_of(packing, "pack", "packed_shape")  # PacGAN (CFG.pack)
    if cfg.spectral_norm:
        defs += "\n\n\n" + _source_of(models, "apply_spectral_norm")
        build += "\napply_spectral_norm(D)"
    return defs, build


# --- losses ------------------------------------------------------------------------------------
def _losses(cfg: Config) -> tuple[str, dict]:
    from ganlab.train import losses

    loss = losses.LOSSES[cfg.loss]
    names = [loss.d_loss.__name__, loss.g_loss.__name__]
    if "bce_real(" in inspect.getsource(loss.d_loss):
        names.insert(0, "bce_real")
    gp = loss.constraint == "gp" and cfg.gp_weight > 0
    names += ["gradient_penalty"] * gp + ["r1_penalty"] * (cfg.r1_weight > 0)
    consts = {"d_loss": loss.d_loss.__name__, "g_loss": loss.g_loss.__name__,
              "REAL_TARGET": 1.0 - cfg.label_smoothing if loss.smoothable else 1.0,
              "GP_WEIGHT": cfg.gp_weight if gp else 0.0,
              "CLIP": cfg.clip if loss.constraint == "clip" else None}
    return _source_of(losses, *names), consts


def _optimizer(name: str, params: str, lr: float, cfg: Config) -> str:
    # As ganlab.train.trainer._make_optimizer.
    if name == "adam":
        return f"torch.optim.Adam({params}, lr={lr!r}, betas=({cfg.beta1!r}, {cfg.beta2!r}))"
    if name == "rmsprop":
        return f"torch.optim.RMSprop({params}, lr={lr!r})"
    return f"torch.optim.SGD({params}, lr={lr!r}, momentum={cfg.momentum!r})"


LOOP = '''
def sample_z(n):
    if CFG.noise == "uniform":
        return torch.rand(n, CFG.noise_dim, generator=noise_gen, device=DEVICE) * 2 - 1
    return torch.randn(n, CFG.noise_dim, generator=noise_gen, device=DEVICE)


def real_batch(n):
    if NUM_CLASSES:
        x, y = data.sample_with_labels(n, gen)
        return x.to(DEVICE), y.to(DEVICE)
    return data.sample(n, gen).to(DEVICE), None


def fake_labels(n):
    if not NUM_CLASSES:
        return None
    return torch.randint(NUM_CLASSES, (n,), generator=gen).to(DEVICE)


def instance_noise(x):
    std = CFG.instance_noise
    if std == 0:
        return x
    if CFG.instance_noise_decay:
        std *= max(0.0, 1 - step / CFG.instance_noise_decay)
    return x + std * torch.randn(x.shape, generator=noise_gen, device=x.device)


def step_d():
    """One D update on a fresh real batch and fresh noise."""
    x_real, y_real = real_batch(CFG.batch_size)
    y_fake = fake_labels(CFG.batch_size)
    with torch.no_grad():
        x_fake = G(sample_z(CFG.batch_size), y_fake)
    # D judges packs of CFG.pack samples (PacGAN); instance noise is per sample, added first.
    d_real = D(pack(instance_noise(x_real), CFG.pack), y_real)
    d_fake = D(pack(instance_noise(x_fake), CFG.pack), y_fake)
    loss_d = d_loss(d_real, d_fake, REAL_TARGET)
    x_real, x_fake = pack(x_real, CFG.pack), pack(x_fake, CFG.pack)  # the penalties see packs too
    if GP_WEIGHT > 0:
        loss_d = loss_d + GP_WEIGHT * gradient_penalty(D, x_real, x_fake, noise_gen, y_real)
    if CFG.r1_weight > 0:
        loss_d = loss_d + CFG.r1_weight * r1_penalty(D, x_real, y_real)
    opt_d.zero_grad(set_to_none=True)
    loss_d.backward()
    opt_d.step()
    if CLIP is not None:  # WGAN: keep the critic's weights in [-clip, clip]
        with torch.no_grad():
            for p in D.parameters():
                p.clamp_(-CLIP, CLIP)
    return loss_d.detach()


def step_g():
    """One G update: make D(G(z)) look real under the loss."""
    y_fake = fake_labels(CFG.batch_size)
    x_fake = G(sample_z(CFG.batch_size), y_fake)
    loss_g = g_loss(D(pack(instance_noise(x_fake), CFG.pack), y_fake))
    opt_g.zero_grad(set_to_none=True)
    loss_g.backward()
    opt_g.step()
    if G_ema is not None:  # an average of G's weights, used for sampling
        with torch.no_grad():
            torch._foreach_lerp_(list(G_ema.parameters()), list(G.parameters()), 1 - CFG.ema)
            for b_ema, b in zip(G_ema.buffers(), G.buffers()):
                b_ema.copy_(b)
    return loss_g.detach()


if __name__ == "__main__":
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--steps", type=int, default=CFG.steps, help="iterations to train")
    args.add_argument("--log-every", type=int, default=CFG.log_every)
    args.add_argument("--threads", type=int, default=0, help="CPU threads (0: torch's default)")
    args.add_argument("--device", default="cpu")
    args.add_argument("--save", help="write G's weights (a state_dict) to this file at the end")
    args = args.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    DEVICE = torch.device(args.device)
    data = Target()
    torch.manual_seed(CFG.seed)  # G's and D's initial weights come from the global RNG
    {build}
    G.to(DEVICE)
    D.to(DEVICE)
    G_ema = copy.deepcopy(G).requires_grad_(False) if CFG.ema > 0 else None
    opt_d = {opt_d}
    opt_g = {opt_g}
    gen = torch.Generator().manual_seed(CFG.seed)                    # data (and labels)
    noise_gen = torch.Generator(DEVICE).manual_seed(CFG.seed + 1)    # z, instance noise, GP
    for step in range(args.steps):
        for _ in range(CFG.d_steps):
            loss_d = step_d()
        for _ in range(CFG.g_steps):
            loss_g = step_g()
        if (step + 1) % args.log_every == 0:
            print(f"step {{step + 1}} loss_d {{loss_d.item()!r}} loss_g {{loss_g.item()!r}}")
    if args.save:
        torch.save((G if G_ema is None else G_ema).state_dict(), args.save)
'''


def supported(cfg: Config) -> bool:
    return cfg.is_toy or cfg.dataset in SUPPORTED_IMAGES


def script(cfg: Config, name: str = "run") -> str:
    """The standalone training script of a config (see the module docstring)."""
    if not supported(cfg):
        raise ExportError(f"dataset={cfg.dataset}: export as code supports the toy datasets and "
                          f"digits (this one needs ganlab's data loader)")
    data_src, data_consts = _toy_data(cfg) if cfg.is_toy else _digits_data(cfg)
    model_src, build = _models(cfg)
    loss_src, loss_consts = _losses(cfg)
    settings = "\n".join(f"    {k}={v!r}," for k, v in cfg.to_dict().items()
                         if k != "drawn_points")  # drawn points: in Target below
    consts = {**data_consts, "REAL_TARGET": loss_consts["REAL_TARGET"],
              "GP_WEIGHT": loss_consts["GP_WEIGHT"], "CLIP": loss_consts["CLIP"]}
    header = f'''"""{name}: a GAN on {cfg.dataset}, exported from ganlab as a standalone PyTorch script.

Same models, loss ({cfg.loss}), optimizers and seed as the run; needs torch only{
    " (and scikit-learn for the digits)" if not cfg.is_toy else ""}.
    python {name}.py [--steps N] [--log-every K] [--threads T] [--device cpu|cuda] [--save G.pt]
prints "step N loss_d L_D loss_g L_G" every K iterations.
On the CPU with --threads 1 the losses match ganlab's for this config and seed (ganlab itself
runs toy data on one CPU thread). ganlab's CUDA path also uses bf16 autocast; this script
stays in float32.
"""

from __future__ import annotations

import argparse
import copy
import math
import types

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

# The run's config (ganlab.config.Config) as plain values.
CFG = types.SimpleNamespace(
{settings}
)
'''  # noqa: E501 - the exported script's own docstring, kept as written
    consts_src = "\n".join(f"{k} = {v!r}" for k, v in consts.items())
    loop = LOOP.format(build=build.replace("\n", "\n    "),
                       opt_d=_optimizer(cfg.optimizer_d, "D.parameters()", cfg.lr_d, cfg),
                       opt_g=_optimizer(cfg.optimizer_g, "G.parameters()", cfg.lr_g, cfg))
    parts = [header, consts_src, "", "# --- data (ganlab.data) ---", data_src,
             "", "# --- models (ganlab.train.mlp, ganlab.train.dcgan) ---", model_src,
             "", "# --- loss (ganlab.train.losses) ---", loss_src,
             f"\n\nd_loss, g_loss = {loss_consts['d_loss']}, {loss_consts['g_loss']}\n",
             "# --- training (ganlab.train.trainer.Trainer.iterate) ---", loop]
    return "\n\n".join(p for p in parts if p is not None).replace("\n\n\n\n", "\n\n\n")
