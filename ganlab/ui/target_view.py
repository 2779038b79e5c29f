"""The target before Train: what the generator will have to learn, drawn where the live picture
will be, so a first visitor sees the data (and what their settings picked) rather than an empty
model diagram."""

from __future__ import annotations

from ganlab.config import Config
from ganlab.live.snapshot import Snapshot

N_POINTS = 1000   # as many real points as the live picture shows


def target_snapshot(cfg: Config) -> Snapshot | None:
    """A Snapshot holding only real samples of cfg's toy target (None for image data)."""
    if not cfg.is_toy:
        return None
    import torch

    from ganlab.data import make_dataset

    data = make_dataset(cfg)
    points = data.sample(N_POINTS, torch.Generator().manual_seed(cfg.seed)).numpy()
    return Snapshot(run_id="target", seq=0, state="queued", step=0, real=points,
                    bounds=data.bounds)


def figure(cfg: Config | None, lang: str, big: bool):
    """The live picture's look with real data alone (2D), or its histogram (1D)."""
    snap = target_snapshot(cfg) if cfg is not None else None
    if snap is None:
        return None
    if snap.real.shape[1] >= 2:
        from ganlab.viz.toy2d import layered_figure

        return layered_figure(snap, {"real"}, lang, big)
    from ganlab.viz.compare import samples_figure

    return samples_figure(snap, lang, height=int(300 * (1.35 if big else 1.0)))
