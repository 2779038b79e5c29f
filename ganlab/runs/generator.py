"""G as a file plain PyTorch loads: `generator_file(run) -> bytes`, a torch.export program.

    G = torch.export.load("g.pt2").module()   # no ganlab needed
    x = G(torch.randn(n, noise_dim))          # (n, dim) toy points, or (n, C, H, W) in [-1, 1]

torch.export, not TorchScript: torch.jit.trace is deprecated in the torch this project pins
(it warns "Please switch to torch.compile or torch.export"). The batch size is a dynamic
dimension, so any n works.

G is rebuilt from the checkpoint alone (no Trainer, no optimizer, no data): the shapes a
Trainer would take from the dataset are read off the weights themselves, so the web process
never loads a dataset (an uploaded config may name any folder) nor trains. The EMA copy of G is
used when the run kept one, as ganlab samples with it. The noise the file expects (dimension,
gaussian or uniform) and the output's range travel inside it as `ganlab.json`
(torch.export.load(path, extra_files={"ganlab.json": ""})).
"""

from __future__ import annotations

import io
import json
import math
from types import SimpleNamespace

from ganlab.config import Config, ConfigError
from ganlab.runs.folder import Run, RunError

MAX_SIDE = 64                  # Config.image_size's bound: no run trains larger images
# Breaks that change G's weight matrices, off which build_generator reads the image's shape.
SHAPES_UNREAD = ("pooling", "dense")
CHANNELS = {"digits": 1, "mnist": 1, "fashion_mnist": 1, "cifar10": 3, "folder": 3}


def _weights(tensors: dict, prefix: str) -> dict:
    return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}


def _matrices(sd: dict) -> list:
    """G's weight tensors in layer order (net.0.weight, net.3.weight, ...)."""
    keys = [k for k in sd if k.startswith("net.") and k.endswith(".weight") and sd[k].dim() >= 2]
    return [sd[k] for k in sorted(keys, key=lambda k: int(k.split(".")[1]))]


def build_generator(cfg: Config, sd: dict):
    """G with the checkpoint's weights, its shapes read from those weights."""
    from ganlab.train import dcgan
    from ganlab.train import mlp as models

    layers = _matrices(sd)
    if not layers:
        raise RunError("the checkpoint holds no generator weights")
    kind = models.resolve_model(cfg, SimpleNamespace(kind="toy" if cfg.is_toy else "image"))
    if kind == "mlp":
        n_out, classes = layers[-1].shape[0], layers[0].shape[1] - cfg.noise_dim
        if cfg.is_toy:
            return models.MLPGenerator(cfg, (n_out,))
        c = CHANNELS[cfg.dataset]
        side = math.isqrt(n_out // c)
        if c * side * side != n_out or not 1 <= side <= MAX_SIDE:
            raise RunError(f"G's output ({n_out} values) is not a {c}-channel square image")
        return models.MLPGenerator(cfg, (c, side, side), classes, tanh=True)
    if cfg.dcgan_break in SHAPES_UNREAD:
        raise RunError(f"dcgan_break={cfg.dcgan_break}: G's layer shapes cannot be read off "
                       f"this checkpoint (only runs with the intact layers are rebuilt)")
    first, last = layers[0], layers[-1]
    s0, k = first.shape[-1], len(layers) - 1 if last.shape[-1] != 1 else 0
    channels = last.shape[1] if k else last.shape[0]
    side = s0 * 2 ** k
    if not 1 <= side <= MAX_SIDE:
        raise RunError(f"G's layers make {side}x{side} images; at most {MAX_SIDE}")
    G = dcgan.DCGANGenerator(cfg.noise_dim, (channels, side, side), cfg.g_width,
                             first.shape[0] - cfg.noise_dim)
    dcgan.BREAKS[cfg.dcgan_break](G, None)   # a Learn-page run with one guideline broken
    return G


def load_generator(run: Run):
    """(G in eval mode, its config) from the run's latest checkpoint."""
    if run.exists() and not run.has_checkpoint():
        raise RunError(f"{run.path}: no checkpoint yet (G is exported from the checkpoint)")
    tensors, meta = run.load_checkpoint()
    try:
        cfg = Config.from_dict(meta["config"])
    except ConfigError as e:
        raise RunError(f"{run.path}: checkpoint config is invalid: {e}") from None
    sd = _weights(tensors, "G_ema.") or _weights(tensors, "G.")
    try:
        G = build_generator(cfg, sd)
        G.load_state_dict(sd)
    except (RuntimeError, ValueError, TypeError, KeyError, IndexError) as e:
        raise RunError(f"{run.path}: checkpoint does not match its config "
                       f"({type(e).__name__}: {str(e)[:160]})") from None
    return G.eval().requires_grad_(False), cfg


def generator_file(run: Run) -> bytes:
    """G as torch.export bytes (torch.export.save), exported on the CPU."""
    import torch

    G, cfg = load_generator(run)
    batch = torch.export.Dim("batch", min=1, max=1 << 20)
    args, shapes = (torch.zeros(2, cfg.noise_dim),), {"z": {0: batch}, "y": None}
    if G.num_classes:  # G(z, y): y holds class labels
        args, shapes["y"] = (args[0], torch.zeros(2, dtype=torch.long)), {0: batch}
    else:
        shapes.pop("y")
    with torch.no_grad():
        program = torch.export.export(G, args, dynamic_shapes=shapes)
    info = {"noise_dim": cfg.noise_dim, "noise": cfg.noise, "num_classes": G.num_classes,
            "dataset": cfg.dataset, "output": "points in data coordinates" if cfg.is_toy else
            "images (N, C, H, W) in [-1, 1]", "step": run.status().get("step")}
    buf = io.BytesIO()
    torch.export.save(program, buf, extra_files={"ganlab.json": json.dumps(info)})
    return buf.getvalue()
