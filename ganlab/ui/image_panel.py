"""Image views of the Playground: `render(snapshot, job_id)` for image datasets.

Samples from fixed noise beside real images, D's score under each sample, a slider back through
past grids (the JobManager's frames, else the run's samples/*.png), the class histogram of the
image diagnostics, and a latent-space explorer. The explorer needs G itself: it is loaded here,
in the server process, from the run's latest checkpoint (inference only, CPU), and cached per
(run, checkpoint step) so a live fragment does not reload it on every tick.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st
import torch

from ganlab.safetext import md
from ganlab.ui import session
from ganlab.ui.lang import tr
from ganlab.ui.plotly_react import live_chart
from ganlab.viz import images as vi
from ganlab.viz.diagnostics import latest

CLASS_DIAG = {"modes_covered": "img.metric.covered", "classifier_score": "img.metric.score",
              "fcd": "img.metric.fcd", "recall": "img.metric.recall"}  # metric -> label key
PATH_STEPS = 10       # images along an interpolation path
TRUNCATION_N = 64     # samples in the truncation grid


def render(snapshot, job_id: str | None) -> None:
    if snapshot is None or snapshot.grid_png is None:
        return
    mgr = session.manager()
    run_dir = _run_dir(mgr, job_id)
    _samples(snapshot, mgr, job_id, run_dir)
    _classes(snapshot)
    if run_dir is not None:
        with st.expander(tr("img.latent"), icon=":material/gesture:"):
            _latent(snapshot, run_dir)


# --- samples, real images and the time slider --------------------------------------------------
def _run_dir(mgr, job_id: str | None) -> Path | None:
    if not job_id:
        return None
    path = Path(mgr.root) / job_id
    return path if (path / "config.json").is_file() else None


def _past_grids(snapshot, mgr, job_id, run_dir) -> dict[int, tuple[bytes, np.ndarray | None]]:
    """step -> (grid PNG, D's scores or None), oldest first; the live snapshot last."""
    grids: dict[int, tuple[bytes, np.ndarray | None]] = {}
    if run_dir is not None:
        for f in sorted((run_dir / "samples").glob("step_*.png")):
            try:
                step = int(f.stem.split("_")[1])
                if step <= snapshot.step:
                    grids[step] = (f.read_bytes(), None)
            except (ValueError, OSError):
                continue
    # Only grids up to the snapshot on show: with the Playground's time slider on a past
    # frame, this panel's slider (and its live end) is that frame, not the newest grid.
    for frame in (mgr.frames(job_id) if job_id else []):
        if frame.grid_png is not None and frame.step <= snapshot.step:
            grids[frame.step] = (frame.grid_png, frame.image_scores)
    grids[snapshot.step] = (snapshot.grid_png, snapshot.image_scores)
    return dict(sorted(grids.items()))


def _samples(snapshot, mgr, job_id, run_dir) -> None:
    grids = _past_grids(snapshot, mgr, job_id, run_dir)
    steps = list(grids)
    step = snapshot.step
    if len(steps) > 1:
        # Keyed, so the slider keeps its identity while its options grow (Streamlit 1.67 knows
        # a keyed select_slider by its key alone): unkeyed, it was a new widget every tick, and
        # a choice made across a tick was dropped, the slider snapping back to live. At the
        # live end it follows the newest grid; a past step stays (snapped to one still kept).
        key, newest = session.wkey("img_step"), session.wkey("img_step_newest")
        chosen = st.session_state.get(key)
        if chosen is None or chosen == st.session_state.get(newest) or chosen >= steps[-1]:
            st.session_state[key] = steps[-1]
        elif chosen not in grids:
            st.session_state[key] = min(steps, key=lambda s: abs(s - chosen))
        st.session_state[newest] = steps[-1]
        step = st.select_slider(tr("img.history"), steps, key=key,
                                format_func=lambda s: tr("img.at_step", step=s))
    png, scores = grids[step]
    show_scores = st.toggle(tr("img.scores"), value=True, help=tr("img.scores.help"),
                            key=session.wkey("img_scores"))
    left, right = st.columns(2, gap="medium")
    with left:
        st.caption(f"{tr('img.samples')} · {tr('img.at_step', step=step)}")
        live_scores = snapshot.image_scores
        if show_scores and live_scores is not None and len(live_scores):
            # A grid from disk has no scores: the same layout, its label row empty, and why.
            st.image(vi.scored_grid(png, scores, critic=snapshot.critic,
                                    n=len(live_scores) if scores is None else None))
            if scores is None:
                st.caption(tr("img.scores.not_kept"))
        else:
            st.image(vi.enlarge(png))
    with right:
        st.caption(tr("img.real"))
        if snapshot.real_png is not None:
            st.image(vi.enlarge(png=snapshot.real_png))


# --- classes -------------------------------------------------------------------------------------
def _classes(snapshot) -> None:
    from ganlab.data.images import CLASS_NAMES

    names = CLASS_NAMES.get(snapshot.config.get("dataset"))
    if not names:
        return
    diag = snapshot.diagnostics or {}
    shares = vi.class_shares(diag, len(names))
    if shares is None:
        st.caption(tr("img.classes.wait"))
        return
    cols = st.columns(len(CLASS_DIAG))
    for col, (metric, label) in zip(cols, CLASS_DIAG.items()):
        v = latest(snapshot, metric)   # the latest probe that measured it (rows have gaps)
        if v is not None:
            text = f"{v:.0f}/{len(names)}" if metric == "modes_covered" else f"{v:.2f}"
            col.metric(tr(label), text, help=tr(f"diag.doc.{metric}"))
    labels = {"title": tr("img.classes.title"), "fair": tr("img.classes.fair")}
    live_chart(vi.class_share_figure(shares, names, labels), key="img_classes",
               config={"displaylogo": False, "displayModeBar": False})
    st.caption(tr("img.classes.caption", accuracy=_accuracy(snapshot)))


def _accuracy(snapshot) -> str:
    from ganlab.config import Config
    from ganlab.data.images import data_root
    from ganlab.train.classifier import cached_accuracy

    try:
        cfg = Config.from_dict(snapshot.config)
        shape = vi.image_shape(snapshot.real_png)
    except Exception:  # an odd config or grid only costs the accuracy figure
        return "—"
    acc = cached_accuracy(data_root(cfg), cfg.dataset, shape)
    return "—" if acc is None else f"{acc:.1%}"


# --- latent space --------------------------------------------------------------------------------
def _checkpoint_step(run_dir: Path) -> int | None:
    from ganlab import safejson
    from ganlab.runs.folder import CHECKPOINT, CHECKPOINT_META

    try:
        if not (run_dir / CHECKPOINT).is_file():
            return None
        return int(safejson.read_object(run_dir / CHECKPOINT_META)["step"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@st.cache_resource(max_entries=4, show_spinner=False)
def _load_generator(run_dir: str, step: int):
    """(G in eval mode, its Config) at checkpoint `step`, on the CPU; `step` is part of the cache
    key. G alone, from the checkpoint: the web process builds no Trainer, no dataset, no
    optimizer and leaves torch's thread count alone."""
    from ganlab.runs.folder import Run
    from ganlab.runs.generator import load_generator

    return load_generator(Run(run_dir))


def _latent(snapshot, run_dir: Path) -> None:
    from ganlab.train.latent import interpolate, prior, truncated_prior

    step = _checkpoint_step(run_dir)
    if step is None:
        every = snapshot.config.get("checkpoint_every", 1000)
        st.caption(tr("img.latent.wait", every=every))
        return
    try:
        G, cfg = _load_generator(str(run_dir), step)
    except Exception as e:  # RunError, ConfigError, a damaged checkpoint: say it, go on
        st.warning(tr("img.load_error", error=md(str(e)[:200])))
        return
    st.caption(tr("img.checkpoint", step=step))
    k = G.num_classes
    c1, c2, c3, c4 = st.columns([1, 1, 1.3, 1.2] if k else [1, 1, 1.3, 0.01])
    seed0 = c1.number_input(tr("img.latent.from"), 0, 10_000, 1, key=session.wkey("img_z0"))
    seed1 = c2.number_input(tr("img.latent.to"), 0, 10_000, 2, key=session.wkey("img_z1"))
    mode = c3.radio(tr("img.latent.path"), ("spherical", "linear"), horizontal=True,
                    format_func=lambda m: tr(f"img.latent.{m}"), help=tr("img.latent.path.help"),
                    key=session.wkey("img_path"))
    label = None
    if k:
        from ganlab.data.images import CLASS_NAMES

        names = CLASS_NAMES.get(cfg.dataset, tuple(str(i) for i in range(k)))
        label = c4.selectbox(tr("img.latent.class"), range(k), format_func=lambda i: names[i],
                             key=session.wkey("img_class"))
    z0, z1 = (prior(1, cfg.noise_dim, cfg.noise, torch.Generator().manual_seed(int(s)))[0]
              for s in (seed0, seed1))
    path = interpolate(z0, z1, PATH_STEPS, mode)
    y = None if label is None else torch.full((PATH_STEPS,), int(label))
    with torch.no_grad():
        st.image(vi.images_png(G(path, y).numpy(), nrow=PATH_STEPS))

    psi = st.slider(tr("img.truncation"), 0.0, 2.0, 0.0, 0.1, help=tr("img.truncation.help"),
                    key=session.wkey("img_psi"))
    z = truncated_prior(TRUNCATION_N, cfg.noise_dim, psi, torch.Generator().manual_seed(0),
                        cfg.noise)
    y = None if label is None else torch.full((TRUNCATION_N,), int(label))
    with torch.no_grad():
        grid = vi.images_png(G(z, y).numpy(), min_side=40)
    st.image(grid, caption=tr("img.truncation.caption", psi=psi if psi > 0 else "∞"))
