"""Sidebar widgets -> Config. Widgets take their values from session state (set from defaults or a
preset before they are drawn), so a preset only has to write values, never rebuild widgets.

Keys a running job can change (LIVE, below) are marked with a bolt icon
(:material/bolt:); anything else applies on Reset.
"""

from __future__ import annotations

import streamlit as st

from ganlab import presets
from ganlab.config import (
    ACTIVATIONS,
    LIVE_KEYS,
    LOSS_NAMES,
    OPTIMIZERS,
    TOY_DATASETS,
    Config,
    ConfigError,
)
from ganlab.serve import settings
from ganlab.ui import datasets, session
from ganlab.ui.lang import tr

LIVE = frozenset(LIVE_KEYS)   # marked with the bolt; what a change does is ganlab.changes's
LR_CHOICES = (1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.3,
              1.0)
WIDTHS = (4, 8, 16, 32, 64, 128, 256, 512)
BATCHES = (16, 32, 64, 128, 256, 512, 1024)
# Keys that have a widget; a preset's other keys (beta1, gp_weight, ...) are kept as extras.
WIDGET_KEYS = ("dataset", "g_layers", "g_width", "d_layers", "d_width", "activation", "noise",
               "noise_dim", "loss", "optimizer_d", "lr_d", "optimizer_g", "lr_g", "d_steps",
               "g_steps", "batch_size", "seed", "steps")
# Control groups a teacher can hide in classroom mode.
HIDABLE = ("presets", "networks", "noise", "optimizers", "batch_seed")
HIDDEN_BY_DEFAULT = ("networks", "noise", "optimizers", "batch_seed")
CUSTOM = "custom"           # the Preset box's value for settings that match no preset (share.py)
PLAYGROUND_STEPS = 20_000   # long enough to watch; Pause or Reset any time


def base_config() -> Config:
    """What the Playground opens on: the known-good ring8 preset."""
    return presets.preset_config(presets.DEFAULT_PRESET, Config(steps=PLAYGROUND_STEPS))


def apply_values(cfg: Config, only_missing: bool = False) -> None:
    """Write a Config into the widgets' state (and keep keys without a widget as extras)."""
    values = cfg.to_dict()
    for key in WIDGET_KEYS:
        if not (only_missing and session.widget(key) is not None):
            session.set_widget(key, values[key])
    if only_missing and session.widget("_extra") is not None:
        return
    datasets.remember_applied(values)
    session.set_widget("_kind_note", None)
    # The keys without a widget that differ from *this dataset's* defaults (not Config()'s):
    # build_config fills the others with the chosen dataset's own, so a preset's explicit ema=0
    # on ring8 (whose default is 0.99) stays, while ring8's R1, a default of ring8 only, does not
    # follow the visitor to moons.
    defaults = Config.defaults_for(cfg.dataset).to_dict()
    session.set_widget("_extra", {k: v for k, v in values.items()
                                  if k not in WIDGET_KEYS and k != "drawn_points"
                                  and v != defaults[k]})


def apply_preset(name: str) -> str | None:
    """Apply a preset to the controls; returns an i18n key of a problem, or None. A preset
    describes a new run: the run this tab watched is left first (stopped, its folder intact),
    or its live keys would be changed to the preset's on the next page run."""
    try:
        cfg = presets.preset_config(name, Config(steps=PLAYGROUND_STEPS))
    except (KeyError, ConfigError):
        return "pg.preset_unknown"
    session.leave_job()
    apply_values(cfg)
    session.set_widget("preset", name)
    return None


def init_state() -> None:
    # A group hidden in classroom mode draws no widgets, and Streamlit drops an undrawn widget's
    # value after the run: Train then built a config with g_layers=None. Written back as plain
    # session state each run, the values outlive their hidden widgets.
    for key in WIDGET_KEYS:
        if session.widget(key) is not None:
            session.set_widget(key, session.widget(key))
    if session.widget("preset") is None:
        session.set_widget("preset", presets.DEFAULT_PRESET)
    apply_values(base_config(), only_missing=True)
    session.widget("classroom") is None and session.set_widget("classroom", False)
    if session.widget("hide") is None:
        session.set_widget("hide", list(HIDDEN_BY_DEFAULT))


# A Material icon, which Streamlit's frontend ships with its own font: an emoji needs a font the
# visitor's machine may lack (a classroom PC shows an empty box).
LIVE_MARK = ":material/bolt:"


def _label(key: str) -> str:
    return tr(f"pg.ctl.{key}") + (f" {LIVE_MARK}" if key in LIVE else "")


def _lr_options(current: float) -> list[float]:
    return sorted(set(LR_CHOICES) | {float(current)})


def _on_preset() -> None:
    name = session.widget("preset")
    if name and name != CUSTOM:
        apply_preset(name)


def sidebar(previews: dict[str, bytes]) -> tuple[Config | None, str | None]:
    """Draw the controls; return (Config, None) or (None, message) when the values are invalid."""
    init_state()
    sb = st.sidebar
    classroom = sb.toggle(tr("pg.classroom"), key=session.wkey("classroom"),
                          help=tr("pg.classroom.help"))
    hidden = set(session.widget("hide") or ()) if classroom else set()
    if classroom:
        sb.multiselect(tr("pg.classroom.hide"), HIDABLE, key=session.wkey("hide"),
                       format_func=lambda g: tr(f"pg.group.{g}"))

    if "presets" not in hidden:
        names = presets.names()
        if session.widget("preset") == CUSTOM:   # a link or run whose setup is no preset
            names = names + [CUSTOM]
        sb.selectbox(tr("pg.preset"), names, key=session.wkey("preset"), on_change=_on_preset,
                     format_func=lambda n: tr("share.custom_preset") if n == CUSTOM
                     else tr(presets.title_key(n), **presets.facts(n)),
                     help=tr("pg.preset.help"))
        chosen = session.widget("preset")
        # Only while the data is the preset's own: "Ring of 8" under digits would mislead.
        if chosen in presets.PRESETS and presets.changes_of(chosen).get("dataset") == \
                (session.widget("dataset") or session.widget("_last_dataset")):
            sb.caption(tr(presets.title_key(chosen) + ".what", **presets.facts(chosen)))

    sb.markdown(f"**{tr('pg.group.data')}**")
    datasets.picker(sb, previews)   # toy and image sets, image defaults, the folder upload

    def group(name: str):
        return sb.expander(tr(f"pg.group.{name}"), expanded=name == "training")

    if "networks" not in hidden:
        with group("networks"):
            c1, c2 = st.columns(2)
            c1.number_input(_label("g_layers"), 0, 8, key=session.wkey("g_layers"))
            c2.select_slider(_label("g_width"), WIDTHS + _extra_option(WIDTHS, "g_width"),
                             key=session.wkey("g_width"))
            c1.number_input(_label("d_layers"), 0, 8, key=session.wkey("d_layers"))
            c2.select_slider(_label("d_width"), WIDTHS + _extra_option(WIDTHS, "d_width"),
                             key=session.wkey("d_width"))
            st.selectbox(_label("activation"), ACTIVATIONS, key=session.wkey("activation"))
    if "noise" not in hidden:
        with group("noise"):
            st.radio(_label("noise"), ("gaussian", "uniform"), key=session.wkey("noise"),
                     horizontal=True, format_func=lambda n: tr(f"pg.noise.{n}"))
            st.number_input(_label("noise_dim"), 1, 128, key=session.wkey("noise_dim"),
                            help=tr("pg.ctl.noise_dim.help"))
    with group("training"):
        st.caption(tr("pg.live_hint"))
        st.selectbox(_label("loss"), LOSS_NAMES, key=session.wkey("loss"),
                     format_func=lambda n: tr(f"pg.loss.{n}"))
        c1, c2 = st.columns(2)
        c1.select_slider(_label("lr_d"), _lr_options(session.widget("lr_d")),
                         key=session.wkey("lr_d"), format_func=_fmt_lr)
        c2.select_slider(_label("lr_g"), _lr_options(session.widget("lr_g")),
                         key=session.wkey("lr_g"), format_func=_fmt_lr)
        c1.number_input(_label("d_steps"), 1, 100, key=session.wkey("d_steps"),
                        help=tr("pg.ctl.d_steps.help"))
        c2.number_input(_label("g_steps"), 1, 100, key=session.wkey("g_steps"))
        if "optimizers" not in hidden:
            c1.selectbox(_label("optimizer_d"), OPTIMIZERS, key=session.wkey("optimizer_d"))
            c2.selectbox(_label("optimizer_g"), OPTIMIZERS, key=session.wkey("optimizer_g"))
        if "batch_seed" not in hidden:
            c1.select_slider(_label("batch_size"),
                             BATCHES + _extra_option(BATCHES, "batch_size"),
                             key=session.wkey("batch_size"))
            c2.number_input(_label("seed"), 0, 2**31 - 1, key=session.wkey("seed"))
        st.number_input(_label("steps"), 1, 10_000_000, step=1000, key=session.wkey("steps"))
    return build_config()


def _extra_option(choices: tuple, key: str) -> tuple:
    v = session.widget(key)
    return () if v in choices or v is None else (v,)


def _fmt_lr(v: float) -> str:
    return f"{v:g}"


def build_config() -> tuple[Config | None, str | None]:
    """The Config the widgets describe, or the reason it is invalid (a ConfigError's text)."""
    values = {k: session.widget(k) for k in WIDGET_KEYS}
    if values["dataset"] is None:   # a segmented control can be cleared: keep the last choice
        values["dataset"] = session.widget("_last_dataset") or "ring8"
    session.set_widget("_last_dataset", values["dataset"])
    values.update(session.widget("_extra") or {})
    if values["dataset"] == "drawn":
        values["drawn_points"] = [list(p) for p in session.drawn_points()]
    problem = datasets.config_values(values)
    if problem:
        return None, problem
    try:
        return Config.from_dict(values), None
    except ConfigError as e:
        return None, str(e)


def send_changes(job: str, cfg: Config) -> list[str]:
    """Send the widgets' changes since the job's config to the running job; the JobManager
    judges them (ganlab.changes, once) and sends what applies now. Shows each refusal in one
    line and returns the keys that need Reset."""
    sent = session.sent_config()
    changes = {k: v for k, v in cfg.to_dict().items() if k in sent and sent[k] != v}
    if not changes:
        return []
    try:
        decision = session.manager().change(job, changes)
    except ValueError as e:    # the job is gone from the server (JobError)
        st.warning(tr("pg.error.live", detail=str(e)))
        return []
    session.record_sent(decision.live)
    for refusal in decision.refused:
        st.warning(tr("pg.error.live", detail=tr(refusal.message_key, **refusal.args)))
    return list(decision.reset)


# --- dataset previews and the `drawn` editor ------------------------------------------------------
@st.cache_data(show_spinner=False)
def previews() -> dict[str, bytes]:
    """A 60-px PNG of each built-in toy dataset (the same for every session: cached once)."""
    import torch

    from ganlab.data import make_dataset
    from ganlab.viz.toy2d import preview_png

    out = {}
    for name in TOY_DATASETS:
        if name == "drawn":
            continue
        data = make_dataset(Config(dataset=name))
        pts = data.sample(600, torch.Generator().manual_seed(0)).numpy()
        out[name] = preview_png(pts if data.dim == 2 else pts.ravel(), data.bounds, size=60)
    return out


DRAW_RANGE = 3.0      # the canvas spans [-3, 3]^2
DRAW_GRID = 41        # clickable targets per axis (0.15 apart)


def _on_draw() -> None:
    state = st.session_state.get(session.wkey("canvas"))
    sel = getattr(state, "selection", None) or {}
    new = [(round(p["x"], 3), round(p["y"], 3)) for p in sel.get("points", [])
           if p.get("curve_number", 0) == 0]
    if new:
        session.set_drawn_points(session.drawn_points() + new)


def _on_upload() -> None:
    from ganlab.data.csv_points import parse_points_csv

    f = st.session_state.get(session.wkey("csv"))
    if f is None:
        return
    try:
        session.set_drawn_points(parse_points_csv(f.getvalue()))
        session.set_csv_error(None)
    except ConfigError as e:
        session.set_csv_error(str(e))


def drawing_editor() -> None:
    """Click (or box/lasso-select) on the dot grid to add points; or upload x,y rows as CSV."""
    import numpy as np
    import plotly.graph_objects as go

    from ganlab.viz import style

    with st.expander(tr("pg.draw.title"), expanded=True):
        st.caption(tr("pg.draw.help"))
        axis = np.linspace(-DRAW_RANGE, DRAW_RANGE, DRAW_GRID)
        gx, gy = np.meshgrid(axis, axis)
        pts = np.asarray(session.drawn_points(), dtype=float).reshape(-1, 2)
        fig = go.Figure([
            go.Scatter(x=np.round(gx.ravel(), 3).tolist(), y=np.round(gy.ravel(), 3).tolist(),
                       mode="markers", hoverinfo="none", showlegend=False,
                       marker=dict(size=7, color="#d0d0d0", opacity=0.45),
                       selected=dict(marker=dict(color=style.REAL, opacity=1)),
                       unselected=dict(marker=dict(opacity=0.45))),
            go.Scatter(x=pts[:, 0].tolist(), y=pts[:, 1].tolist(), mode="markers",
                       hoverinfo="skip", showlegend=False,
                       marker=dict(size=9, color=style.REAL, line=dict(color="white", width=1))),
        ])
        style.apply(fig, height=380, legend=False)
        # Streamlit sets clickmode to "event" (a click selects nothing) whenever the drag tool
        # is lasso or box select, overriding ours; only with another drag tool does a click add
        # a point. So the chart opens on pan (the axes are fixed: dragging moves nothing), and
        # its toolbar's lasso and box tools add many points at once.
        fig.update_layout(dragmode="pan", clickmode="event+select")
        fig.update_xaxes(range=[-DRAW_RANGE - 0.2, DRAW_RANGE + 0.2], fixedrange=True)
        fig.update_yaxes(range=[-DRAW_RANGE - 0.2, DRAW_RANGE + 0.2], fixedrange=True,
                         scaleanchor="x")
        c1, c2 = st.columns([2, 1])
        with c1:
            st.plotly_chart(fig, key=session.wkey("canvas"), on_select=_on_draw,
                            selection_mode=("points", "box", "lasso"),
                            config={"displaylogo": False})
        with c2:
            st.metric(tr("pg.draw.count"), len(pts))
            b = st.container(horizontal=True)
            if b.button(tr("pg.draw.undo"), key=session.wkey("draw_undo"), disabled=not len(pts)):
                session.set_drawn_points(session.drawn_points()[:-1])
                st.rerun()
            if b.button(tr("pg.draw.clear"), key=session.wkey("draw_clear"),
                        disabled=not len(pts)):
                session.set_drawn_points([])
                st.rerun()
            if settings.get().allow_uploads:   # off in showcase mode (GANLAB_ALLOW_UPLOADS)
                st.file_uploader(tr("pg.draw.csv"), type=["csv", "txt"],
                                 key=session.wkey("csv"), on_change=_on_upload,
                                 help=tr("pg.draw.csv.help"))
            if session.csv_error():
                st.error(tr("pg.draw.csv_error", detail=session.csv_error()),
                         icon=":material/error:")
            if len(pts) < 3:
                st.caption(tr("pg.draw.need"))
