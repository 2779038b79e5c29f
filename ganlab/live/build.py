"""Worker-side Snapshot building: what the live views draw, computed from a Trainer.

`build_snapshot` turns the Trainer's current models into plain NumPy: real and generated samples,
D over a grid (2D) or a line (1D), the generator's gradient arrows, its manifold, densities and the
optimal discriminator D* (1D), or encoded image grids. `Visuals` holds what stays fixed for a run
(noise, real samples, grids), so consecutive pictures differ only because the models moved.

Watching never changes a run: every random draw here comes from a generator of its own, D and G
are evaluated in eval mode (spectral norm does no power iteration there), and the gradient arrows
use autograd.grad with respect to the inputs only, so no parameter's .grad is touched.
`SeriesBuffer` keeps per-iteration curves in bounded memory for runs of any length.
"""

from __future__ import annotations

import io
import time

import numpy as np
import torch

from ganlab.diagnostics.divergence1d import dstar_gap, kde_density, optimal_discriminator
from ganlab.live.snapshot import (
    HISTORY_KEYS,
    KDE_SAMPLES,
    MAX_POINTS,
    Snapshot,
    decimate,
    freeze_arrays,
)

N_POINTS = 512        # real and generated points drawn in 2D/1D scatter plots
GRID = 64             # D heatmap resolution per axis (64 x 64 evaluations)
MANIFOLD = 21         # noise grid per axis for G's manifold (odd: the axis z=0 is a grid line)
LINE = 400            # evaluation points of the 1D charts
N_IMAGES = 64         # images in the sample grid (8 x 8)
VISUAL_SEED = 4       # offset from cfg.seed for the visual-only random stream


def encode_grid(x: torch.Tensor, nrow: int = 8) -> bytes:
    """Images in [-1, 1], (N, C, H, W) -> PNG bytes of one grid."""
    from PIL import Image
    from torchvision.utils import make_grid

    grid = make_grid((x.clamp(-1, 1) + 1) / 2, nrow=nrow, padding=1, pad_value=1.0)
    arr = (grid.permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr.squeeze(-1) if arr.shape[-1] == 1 else arr).save(buf, format="PNG")
    return buf.getvalue()


class SeriesBuffer:
    """Per-iteration series in bounded memory: when `capacity` rows are held, every other row is
    dropped and from then on only every 2nd (then 4th, ...) iteration is kept. The first and the
    latest row are always present, so a decimated plot still starts at step 1 and ends now."""

    def __init__(self, keys=HISTORY_KEYS, capacity: int = 8 * MAX_POINTS):
        self.keys = tuple(keys)
        self.capacity = capacity
        self.stride = 1
        self.rows: list[tuple] = []
        self.latest: tuple | None = None
        self._seen = 0

    def append(self, row: dict) -> None:
        values = tuple(float(row.get(k, np.nan)) for k in self.keys)
        self.latest = values
        self._seen += 1
        if (self._seen - 1) % self.stride:
            return
        self.rows.append(values)
        if len(self.rows) >= self.capacity:
            self.rows = self.rows[::2]
            self.stride *= 2

    def arrays(self, max_points: int = MAX_POINTS, drop_empty: bool = False
               ) -> dict[str, np.ndarray]:
        """Columns decimated to <= max_points; drop_empty leaves out all-NaN columns (e.g.
        diagnostics that do not apply to this dataset)."""
        rows = self.rows
        if self.latest is not None and (not rows or rows[-1] is not self.latest):
            rows = rows + [self.latest]
        if not rows:
            return {k: np.empty(0) for k in self.keys}
        table = decimate(np.asarray(rows, dtype=np.float64), max_points)
        # float32 halves what crosses the pipe; steps stay exact integers.
        return {k: table[:, i].astype(np.int64 if k == "step" else np.float32)
                for i, k in enumerate(self.keys)
                if not (drop_empty and np.isnan(table[:, i]).all())}

    def __len__(self) -> int:
        return self._seen


def _grid_axis(lo: float, hi: float, n: int) -> np.ndarray:
    return np.linspace(lo, hi, n, dtype=np.float32)


class Visuals:
    """The fixed inputs of a run's pictures: built once per run, reused by every snapshot."""

    def __init__(self, trainer):
        data, cfg = trainer.data, trainer.cfg
        self.kind, self.dim = data.kind, getattr(data, "dim", None)
        self.gen = torch.Generator().manual_seed(cfg.seed + VISUAL_SEED)
        self.real_png: bytes | None = None
        if self.kind == "toy":
            self.bounds = tuple(tuple(float(v) for v in b) for b in data.bounds)
            self.z = trainer.fixed_noise(N_POINTS)
            self.real = data.sample(N_POINTS, self.gen).float()
            self.real_np = self.real.numpy()
        else:
            self.bounds = None
            self.z = trainer.fixed_noise(N_IMAGES)
            real = data.sample(N_IMAGES, self.gen)
            # On the CPU: a GPU run keeps its dataset on the device, and the grid goes to PNG.
            self.real = (real[0] if isinstance(real, tuple) else real).cpu()
        if self.kind == "toy" and self.dim == 2:
            (xlo, xhi), (ylo, yhi) = self.bounds
            self.grid_x, self.grid_y = _grid_axis(xlo, xhi, GRID), _grid_axis(ylo, yhi, GRID)
            gx, gy = np.meshgrid(self.grid_x, self.grid_y)  # (gy, gx): rows are y
            self.grid_points = torch.from_numpy(np.stack([gx.ravel(), gy.ravel()], 1))
        if self.kind == "toy" and self.dim == 1:
            lo, hi = self.bounds[0]
            self.xs = _grid_axis(lo, hi, LINE)
            self.xs_t = torch.from_numpy(self.xs.copy()[:, None])  # snapshots freeze self.xs
            self.p_data = np.asarray(data.pdf(self.xs), dtype=np.float64) \
                if hasattr(data, "pdf") else None
            # A CPU generator of our own: sample_z would otherwise draw from the training stream.
            self.z_kde = trainer.sample_z(
                KDE_SAMPLES, torch.Generator().manual_seed(cfg.seed + VISUAL_SEED + 1))
        if self.kind == "toy":
            self.manifold_z, self.z_line = self._noise_grids(trainer)

    def _noise_grids(self, trainer):
        """Noise values for G's manifold (first two noise axes, others 0) and the 1D z-line."""
        cfg = trainer.cfg
        # Cover ~95% of a Gaussian prior, or all of the uniform one.
        r = 2.0 if cfg.noise == "gaussian" else 1.0
        axis = np.linspace(-r, r, MANIFOLD, dtype=np.float32)
        if cfg.noise_dim >= 2:
            a, b = np.meshgrid(axis, axis)
            z = np.zeros((MANIFOLD * MANIFOLD, cfg.noise_dim), dtype=np.float32)
            z[:, 0], z[:, 1] = a.ravel(), b.ravel()
        else:
            z = axis[:, None].copy()
        line = np.zeros((LINE, cfg.noise_dim), dtype=np.float32)
        line[:, 0] = np.linspace(-1.5 * r, 1.5 * r, LINE, dtype=np.float32)
        return torch.from_numpy(z), torch.from_numpy(line)


def _as_display(raw: np.ndarray, critic: bool) -> np.ndarray:
    """D's raw output as shown: a probability for logit losses, the score itself for critics."""
    return raw if critic else 1.0 / (1.0 + np.exp(-np.clip(raw, -60, 60)))


def fake_gradient(trainer, x_fake: torch.Tensor) -> np.ndarray:
    """-dL_G/dx at each generated point: the direction G's update pushes that sample.

    L_G is a batch mean, so it is scaled by n to give each point its own (not 1/n) gradient.
    autograd.grad differentiates with respect to x only: D's parameters keep their .grad.
    """
    D = trainer.D
    was_training = D.training
    D.eval()
    try:
        with torch.enable_grad():
            x = x_fake.detach().to(trainer.device).requires_grad_(True)
            loss = trainer.loss.g_loss(trainer.score(x)) * len(x)   # packs when pack > 1
            (grad,) = torch.autograd.grad(loss, x)
    finally:
        D.train(was_training)
    return (-grad).float().cpu().numpy()


def _toy_fields(trainer, vis: Visuals, critic: bool) -> dict:
    x_fake = trainer.sample(N_POINTS, vis.z)
    d_real = trainer.discriminate(vis.real).numpy()
    d_fake = trainer.discriminate(x_fake).numpy()
    out = dict(real=vis.real_np, fake=x_fake.numpy(), bounds=vis.bounds,
               d_on_real=d_real, d_on_fake=d_fake)
    if vis.dim == 2:
        d_grid = trainer.discriminate(vis.grid_points).numpy().reshape(GRID, GRID)
        manifold = trainer.sample(len(vis.manifold_z), vis.manifold_z).numpy()
        side = MANIFOLD if trainer.cfg.noise_dim >= 2 else 1
        out.update(grid_x=vis.grid_x, grid_y=vis.grid_y,
                   d_grid=_as_display(d_grid, critic).astype(np.float32),
                   fake_grad=fake_gradient(trainer, x_fake),
                   manifold=manifold.reshape(side, -1, 2))
    elif vis.dim == 1:
        xs = vis.xs
        # p_g: the same KDE the JS diagnostic uses (bandwidth from the per-mode std of a mixture,
        # so two modes far apart are not smoothed into one by Scott's rule on the whole spread).
        p_g = kde_density(trainer.sample(KDE_SAMPLES, vis.z_kde).numpy().ravel(),
                          xs.astype(np.float64), getattr(trainer.data, "std", None))
        d_curve = _as_display(trainer.discriminate(vis.xs_t).numpy(), critic)
        d_star = d_star_gap = None
        if vis.p_data is not None:
            d_star = optimal_discriminator(vis.p_data, p_g)
            if not critic:
                d_star_gap = dstar_gap(d_curve, vis.p_data, p_g)
        out.update(xs=xs, p_data=vis.p_data, p_g=p_g, d_curve=d_curve, d_star=d_star,
                   d_star_gap=d_star_gap,
                   z_line=vis.z_line[:, 0].numpy(),
                   x_of_z=trainer.sample(LINE, vis.z_line).numpy()[:, 0])
    return out


def _image_fields(trainer, vis: Visuals) -> dict:

    if vis.real_png is None:
        vis.real_png = encode_grid(vis.real.float())
    x_fake = trainer.sample(len(vis.z), vis.z)
    y = None
    if trainer.conditional:
        y = torch.arange(len(vis.z)) % trainer.data.num_classes
    d_fake = trainer.discriminate(x_fake, y).numpy()
    d_real = trainer.discriminate(vis.real, y).numpy()
    return dict(grid_png=encode_grid(x_fake), real_png=vis.real_png,
                image_scores=_as_display(d_fake, False).astype(np.float32),
                d_on_real=d_real, d_on_fake=d_fake)


def build_snapshot(trainer, run_id: str, seq: int, state: str, history: SeriesBuffer | None,
                   recorder=None, *, visuals: Visuals | None = None,
                   diagnostics: SeriesBuffer | None = None, pictures: bool = True,
                   **status) -> Snapshot:
    """The Snapshot of a Trainer's current state. `status` holds Snapshot status fields
    (its_per_sec, error, notice, error_key, queue_position, last_moved, alarms, ...).
    `pictures=False` skips the model evaluations (a status-only snapshot)."""
    critic = trainer.loss.critic
    fields: dict = {}
    if pictures:
        visuals = visuals or Visuals(trainer)
        with torch.no_grad():
            fields = (_toy_fields(trainer, visuals, critic) if visuals.kind == "toy"
                      else _image_fields(trainer, visuals))
    if diagnostics is not None:
        diag = diagnostics.arrays(drop_empty=True) if len(diagnostics) else {}
    elif recorder is not None and recorder.latest_diagnostics:
        diag = {"step": np.array([trainer.step]),
                **{k: np.array([v], dtype=np.float32)
                   for k, v in recorder.latest_diagnostics.items()}}
    else:
        diag = {}
    status["alarms"] = tuple(status.get("alarms", ()))
    snap = Snapshot(run_id=run_id, seq=seq, state=state, step=trainer.step,
                    last_update=trainer.last_update, d_in_iteration=trainer.d_in_iteration,
                    g_in_iteration=trainer.g_in_iteration,
                    config=trainer.cfg.to_dict(), wall_time=time.time(),
                    history=history.arrays() if history is not None else {}, diagnostics=diag,
                    critic=critic, **status, **fields)
    return freeze_arrays(snap)
