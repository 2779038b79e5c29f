"""The Playground's buttons and its live view.

Buttons act in callbacks (before the page draws), so the page always draws the state they made:
a callback waits (a fraction of a second at most) for the worker's answer to its command, rather
than leaving it to the next live tick, seconds away while paused. The live view is one
`st.fragment(run_every=...)` that reads only `mgr.latest(job)` (or a past frame when the time
slider is in use), draws it with ganlab.viz, and never waits on the worker. Slow motion is the
worker's (one D or G update every few seconds, each published); the view names what moved.
"""

from __future__ import annotations

import streamlit as st

from ganlab.config import Config
from ganlab.i18n import t
from ganlab.serve import settings
from ganlab.ui import controls, diagnostics_panel, session
from ganlab.ui.lang import current_lang, message, tr
from ganlab.ui.plotly_react import live_chart
from ganlab.viz import curves, diagram, toy1d, toy2d

ENDED = ("finished", "failed", "stopped")
TICK = 1.0                 # seconds between live refreshes (architecture §3: ~1/s per tab)
IDLE_TICK = 2.0            # paused: only late snapshots (after Step) to pick up
START_TICK = 0.25          # a job given its slot, before its first frame: show that frame at once
REPLY_WAIT = 1.0           # a button waits at most this long for the worker's answer (~10 ms)
VIEWS = ("picture", "losses", "d_outputs", "diagram", "d_hist", "grad_norms", "diagnostics")
DEFAULT_VIEWS = ("picture", "losses", "d_outputs", "diagram")
VIEW_DEFAULTS = {"views": list(DEFAULT_VIEWS), "layers": sorted(toy2d.DEFAULT_LAYERS),
                 "smooth": True, "follow": True, "slow_delay": 1.5}


def button_mode(state: str | None) -> str:
    if state is None or state in ENDED:
        return "train"
    return "resume" if state == "paused" else "pause"


# --- actions (button callbacks) ----------------------------------------------------------------
def _report(e: Exception) -> None:
    # Showcase mode shows no server paths (e.g. in "cannot create the run folder: ...").
    session.flash("pg.error.action", detail=settings.get().redact(message(e)))


def _pace() -> float | None:
    """Seconds per update when slow motion is on, else None (full speed)."""
    return float(view("slow_delay")) if session.widget("slow") else None


def _submit(paused: bool) -> str | None:
    cfg, problem = controls.build_config()
    if cfg is None:
        session.flash("pg.error.config", detail=problem)
        return None
    mgr = session.manager()
    try:
        job = mgr.submit(session.session_id(), cfg, paused=paused, pace=_pace())
    except (ValueError, OSError) as e:   # JobError, LimitError and ConfigError are ValueErrors
        _report(e)
        return None
    session.set_job(job, cfg.to_dict())
    return job


def _live_job() -> str | None:
    job = session.job_id()
    if job is None:
        return None
    snap = session.manager().latest(job)
    return None if snap is None or snap.state in ENDED else job


def on_train() -> None:
    _submit(paused=False)


def on_pause() -> None:
    _command("pause", answered=lambda s: s.state != "running")


def on_resume() -> None:
    _command("resume", answered=lambda s: s.state != "paused")


def on_step(name: str) -> None:
    args = {"n": 1} if name == "step" else {}
    if _live_job() is None:
        if _submit(paused=True) is None:
            return
        session.queue_command(name, **args)   # sent by the live view once the worker is up
        return
    before = session.manager().latest(session.job_id())
    count = {"step": "step", "step_d": "d_updates", "step_g": "g_updates"}[name]
    _command(name, answered=lambda s: getattr(s, count) > getattr(before, count) or
             s.state in ENDED, **args)


def on_reset() -> None:
    session.leave_job()


def on_slow() -> None:
    """Slow motion on or off, or a new pace: the run keeps its state (running stays running)."""
    pace = _pace()
    _command("slow", answered=lambda s: s.pace == pace, seconds=pace)


def _command(name: str, answered=None, **args) -> None:
    """Send a command; with `answered`, wait (at most REPLY_WAIT) for the Snapshot it makes."""
    job = _live_job()
    if job is None:
        return
    mgr = session.manager()
    try:
        mgr.command(job, name, **args)
    except ValueError as e:
        _report(e)
        return
    if answered is not None and mgr.latest(job).state != "queued":   # a worker to answer
        mgr.wait_for(job, answered, REPLY_WAIT)


# --- toolbar -----------------------------------------------------------------------------------
def toolbar(state: str | None, frame_steps: list[int] = ()) -> None:
    mode = button_mode(state)
    session.rendered_state(mode)
    bar = st.container(horizontal=True, vertical_alignment="center", key="pg_toolbar")
    if mode == "train":
        bar.button(tr("pg.btn.train"), type="primary", icon=":material/play_arrow:",
                   key=session.wkey("btn_train"), on_click=on_train, help=tr("pg.btn.train.help"))
    elif mode == "pause":
        bar.button(tr("pg.btn.pause"), type="primary", icon=":material/pause:",
                   key=session.wkey("btn_pause"), on_click=on_pause)
    else:
        bar.button(tr("pg.btn.resume"), type="primary", icon=":material/play_arrow:",
                   key=session.wkey("btn_resume"), on_click=on_resume)
    bar.button(tr("pg.btn.step"), icon=":material/skip_next:", key=session.wkey("btn_step"),
               on_click=on_step, args=("step",), help=tr("pg.btn.step.help"))
    bar.button(tr("pg.btn.step_d"), key=session.wkey("btn_step_d"), on_click=on_step,
               args=("step_d",), help=tr("pg.btn.step_d.help"))
    bar.button(tr("pg.btn.step_g"), key=session.wkey("btn_step_g"), on_click=on_step,
               args=("step_g",), help=tr("pg.btn.step_g.help"))
    bar.button(tr("pg.btn.reset"), icon=":material/restart_alt:", key=session.wkey("btn_reset"),
               on_click=on_reset, help=tr("pg.btn.reset.help"))
    bar.toggle(tr("pg.slow"), key=session.wkey("slow"), on_change=on_slow,
               help=tr("pg.slow.help"))
    if session.widget("slow"):
        bar.slider(tr("pg.slow.delay"), 0.5, 3.0, value=view("slow_delay"), step=0.25,
                   key=session.wkey("slow_delay"), on_change=on_slow, width=200)
    view_options(bar, state, list(frame_steps))


# --- the live view -----------------------------------------------------------------------------
def _opts() -> dict:
    return dict(views=set(view("views")), layers=set(view("layers")),
                smoothing=0.9 if view("smooth") else 0.0,
                big=bool(session.widget("classroom")),
                frame=session.widget("frame") if not view("follow") else None)


def render(job: str | None) -> None:
    """Draw the live view of `job`; ticks while there is something to watch."""
    opts = _opts()
    mgr = session.manager()
    snap = mgr.latest(job) if job else None
    if snap is None:
        _draw_intro(opts)
        return
    every = tick_every(snap, opts)

    @st.fragment(run_every=every)
    def live():
        _draw(job, opts, every)

    live()


def tick_every(snap, opts: dict) -> float | None:
    """Seconds between live refreshes for this state of the job; None: nothing will change."""
    if opts["frame"] is not None or snap.state in ENDED:
        return None
    if snap.pace is not None and snap.state == "running":
        return min(TICK, snap.pace / 2)   # each update is published: show it within half a pace
    if snap.state == "queued" and not snap.queue_position:
        return START_TICK     # the worker is starting: its first frame is the samples to show
    if snap.state in ("running", "queued") or session.has_pending():
        return TICK
    return IDLE_TICK


def _draw(job: str, opts: dict, every: float | None = None) -> None:
    mgr = session.manager()
    snap = mgr.latest(job)
    if snap is None:
        st.info(tr("pg.job_gone"))
        return
    if button_mode(snap.state) != session.rendered_state() or \
            (every == START_TICK and tick_every(snap, opts) != START_TICK):
        # e.g. finished or NaN-paused: the buttons must change too; or the job has started and
        # the fast start-up ticks give way to the normal ones
        st.rerun(scope="app")
    if snap.state != "queued":
        for name, args in session.take_pending():
            mgr.command(job, name, **args)
    shown = snap
    if opts["frame"] is not None:
        past = shown_frame(job, int(opts["frame"]), mgr.frames(job))
        if past is not None:
            shown = past.replace(history=snap.history, alarms=snap.alarms)
    _status(snap, shown, opts)
    _figures(shown, opts, job, now=snap.step)


def _status(snap, shown, opts: dict) -> None:
    lang = current_lang()
    # Four numbers side by side; the note on what is shown goes under them, not into a fifth
    # column that would squeeze them on a 1280-px projector.
    cols = st.container(key="pg_status").columns([1, 1, 1.1, 1.6])
    slow = snap.pace is not None and snap.state == "running"
    cols[0].metric(tr("pg.iteration"), f"{snap.step:,}", border=True)
    cols[1].metric(tr("pg.its"), f"{snap.its_per_sec:,.0f}" if snap.state == "running" else "–",
                   border=True)
    cols[2].metric(tr("pg.state"), tr("pg.state.slow" if slow else f"pg.state.{snap.state}"),
                   border=True)
    # Step D / Step G are updates, not iterations: these counts are where they show.
    cols[3].metric(tr("pg.updates"), f"{snap.d_updates:,} / {snap.g_updates:,}", border=True,
                   help=tr("pg.updates.help"))
    if snap.pace is not None and (slow or snap.last_moved in ("D", "G")):
        key = {"D": "pg.slow.moved_d", "G": "pg.slow.moved_g"}.get(snap.last_moved or "",
                                                                 "pg.slow.waiting")
        st.info(tr(key), icon=":material/slow_motion_video:")
    elif shown is not snap:
        st.info(tr("pg.frame_shown", step=f"{shown.step:,}"), icon=":material/history:")
    elif snap.queue_position:
        st.info(tr("pg.queued", position=snap.queue_position), icon=":material/schedule:")
    if snap.error:
        text = t(snap.error_key, lang, **snap.error_args) if getattr(snap, "error_key", None) \
            else snap.error
        st.error(text + "\n\n" + tr("pg.error.usable"), icon=":material/error:")
    notice = getattr(snap, "notice", None)
    if notice:
        key = getattr(snap, "notice_key", None)
        st.info(t(key, lang, **snap.notice_args) if key else notice, icon=":material/info:")
    if snap.alarms and "diagnostics" not in opts["views"]:
        a = snap.alarms[-1]
        st.warning(f"**{tr(a['message_key'])}** ({tr('viz.step')} {a['step']:,}) — "
                   f"{tr(a['message_key'] + '.remedy')}", icon=":material/warning:")


def _chart(fig, key: str) -> None:
    live_chart(fig, key=key, config={"displaylogo": False, "displayModeBar": False})


def _figures(snap, opts: dict, job: str, now: int) -> None:
    lang, big, views = current_lang(), opts["big"], opts["views"]
    if snap.grid_png is not None:   # image datasets
        # Imported here: it imports torch, which a server that only draws toy runs never loads.
        from ganlab.ui import image_panel

        image_panel.render(snap, job)
    left, right = st.columns([1.15, 1], gap="medium")
    with left:
        if "picture" in views:
            if snap.d_grid is not None or (snap.real is not None and snap.real.shape[-1] == 2):
                _chart(toy2d.layered_figure(snap, opts["layers"], lang, big), "pg_picture")
            elif snap.xs is not None:
                _chart(toy1d.density_figure(snap, lang, big), "pg_density")
                _chart(toy1d.mapping_figure(snap, lang, big, height=220), "pg_mapping")
    # Image runs show their picture above (the image panel), so the losses take the picture's
    # column rather than leave it empty beside the curves.
    with right if snap.grid_png is None else left:
        if "losses" in views:
            fig = curves.loss_figure(snap, lang, opts["smoothing"], big)
            if now != snap.step:
                fig.add_vline(x=snap.step, line=dict(color="#333", width=1.5))
            _chart(fig, "pg_losses")
    with right:
        if "d_outputs" in views:
            _chart(curves.d_outputs_figure(snap, lang, big), "pg_d_outputs")
    if "diagram" in views:
        _chart(diagram.overview_figure(snap, lang, big), "pg_diagram")
    if "d_hist" in views or "grad_norms" in views:   # no empty row on every tick otherwise
        c1, c2 = st.columns(2)
        if "d_hist" in views:
            with c1:
                _chart(curves.d_histogram_figure(snap, lang, big), "pg_d_hist")
        if "grad_norms" in views:
            with c2:
                _chart(curves.grad_norm_figure(snap, lang, big), "pg_grad_norms")
    if "diagnostics" in views:
        diagnostics_panel.render(snap)


def _draw_intro(opts: dict) -> None:
    """No job yet: a one-line invitation, the target the generator will learn (where the live
    picture will be), and the untrained diagram, so the page is never empty."""
    from ganlab.ui import target_view

    st.info(tr("pg.intro"), icon=":material/touch_app:")
    cfg, _ = controls.build_config()
    target = target_view.figure(cfg, current_lang(), opts["big"])
    if target is not None and "picture" in opts["views"]:
        _chart(target, "pg_picture")
    if "diagram" in opts["views"]:
        _chart(diagram.overview_figure(None, current_lang(), opts["big"]), "pg_diagram")


def view(name: str):
    """A view option: the widget's value, or its default before the widget has run.

    The defaults go into the widgets as their `default`/`value`, never into session state
    beforehand: a value seeded there reaches the browser once, with the first run, and a widget
    the browser re-creates later (as the toolbar's popover is when Train turns into Pause)
    shows its proto default instead. With an empty default no pill was lit though four views
    showed, and the first click replaced them all (issue 14.7)."""
    value = session.widget(name)
    return VIEW_DEFAULTS[name] if value is None else value


def nearest_frame(frames: list, step: int):
    """The kept frame closest to iteration `step` (the one chosen, unless it was thinned out)."""
    return min(frames, key=lambda f: abs(f.step - step))


def shown_frame(job: str, step: int, frames: list):
    """The past snapshot to show for the slider's iteration `step`. The slider holds an
    iteration, not a position (frames are thinned as the run grows, and a position would then
    point at an earlier snapshot); and the frame once shown stays pinned in the session, because
    thinning may drop it while a person looks at it (the scrub journey saw the picture jump to a
    neighbour a minute into a run)."""
    pinned = session.pinned_frame(job)
    if pinned is not None and pinned.step == step:
        return pinned
    if not frames:
        return None
    snap = nearest_frame(frames, step)
    session.pin_frame(job, snap)
    return snap


def view_options(bar, state: str | None, frame_steps: list[int]) -> None:
    """What the live view shows, in a popover at the end of the toolbar (outside the fragment:
    widgets inside a ticking fragment would be redrawn every second)."""
    with bar.popover(tr("pg.views"), icon=":material/visibility:"):
        st.pills(tr("pg.views"), VIEWS, selection_mode="multi", key=session.wkey("views"),
                 default=view("views"), format_func=lambda v: tr(f"pg.view.{v}"))
        st.pills(tr("pg.layers"), toy2d.LAYERS, selection_mode="multi",
                 key=session.wkey("layers"), default=view("layers"),
                 format_func=lambda v: tr(f"pg.layer.{v}"))
        st.toggle(tr("pg.smooth"), key=session.wkey("smooth"), value=view("smooth"))
    if state is not None:
        # Whatever the frame count: the toolbar is drawn by full runs only, and while training
        # only the live view reruns, so a toggle waiting for frames would never appear.
        bar.toggle(tr("pg.follow"), key=session.wkey("follow"), value=view("follow"),
                   help=tr("pg.follow.help"))
        if not view("follow") and len(frame_steps) > 1:
            chosen = session.widget("frame")
            pinned = session.pinned_frame(session.job_id() or "")
            if chosen is not None and pinned is not None and pinned.step == chosen and \
                    chosen not in frame_steps:       # on show, though thinned out since
                frame_steps = sorted([*frame_steps, chosen])
            if chosen is None:
                session.set_widget("frame", frame_steps[-1])
            elif chosen not in frame_steps:          # thinned out since: the nearest kept one
                session.set_widget("frame", min(frame_steps, key=lambda s: abs(s - chosen)))
            bar.select_slider(tr("pg.frame"), frame_steps, key=session.wkey("frame"),
                              format_func=lambda s: f"{s:,}", width=260)


def send_live_changes(cfg: Config | None, state: str | None) -> list[str]:
    """Send changed live keys to the running job; return the keys that need Reset."""
    job = session.job_id()
    if cfg is None or job is None or state is None or state in ENDED:
        return []
    return controls.send_changes(job, cfg)
