"""The Algorithm page's pseudo-code, lit by the visitor's own Playground run.

Two loops: Goodfellow's Algorithm 1 (the GAN losses) and WGAN's (wgan, wgan_gp). Which line is
lit comes from the run's Snapshot alone (`last_update`, `d_in_iteration`, `g_in_iteration`, set by
the Trainer at each optimizer step; architecture §9 "The Algorithm page"): the page reads the same
immutable Snapshot as the Playground's curves, so its numbers are theirs. `phase()` is the pure
mapping (tested by hand-worked sequences); the rest draws it. The buttons are the Playground's own
callbacks (ganlab.ui.live): Step D, Step G, Step and slow motion act on the same run through the
same JobManager calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ganlab.i18n import TABLE
from ganlab.safetext import md
from ganlab.ui import controls, live, session
from ganlab.ui.lang import tr
from ganlab.ui.learn import num

PLAYGROUND = str(Path(__file__).resolve().parents[2] / "app_pages" / "playground.py")
N_LINES = {"gan": 8, "wgan": 9}
D_LINES = {"gan": (3, 4), "wgan": (3, 4, 5, 6)}     # one D update: sample, gradient, step(, clip)
G_LINES = {"gan": (6, 7), "wgan": (8, 9)}
CLIP_LINE = 6                                        # WGAN's clipping; WGAN-GP does not run it
LIT = "background: #fff4d6; border-left: 4px solid #f0a500; border-radius: 4px;"


def family(loss: str) -> str:
    """Which pseudo-code a loss runs: WGAN's loop for the critic losses with a Lipschitz
    constraint, Algorithm 1 (with the loss's own L_D and L_G) for the others."""
    return "wgan" if loss in ("wgan", "wgan_gp") else "gan"


@dataclass(frozen=True)
class Phase:
    lines: tuple[int, ...]      # the lines of the update that ran last (lit)
    skipped: tuple[int, ...]    # lines this loss never runs
    d_step: int                 # which of the k D steps ran last in this iteration (0: none yet)
    g_step: int                 # which G step ran last (0: none yet)
    next_update: str            # "D" or "G"


def phase(loss: str, d_steps: int, g_steps: int, last_update: str | None, d_in: int,
          g_in: int) -> Phase:
    """The pseudo-code position of a run whose last optimizer step was `last_update`, after
    d_in D and g_in G updates of the iteration under way."""
    fam = family(loss)
    skipped = (CLIP_LINE,) if loss == "wgan_gp" else ()
    if last_update == "D":
        lines = tuple(n for n in D_LINES[fam] if n not in skipped)
        return Phase(lines, skipped, d_in, 0, "D" if d_in < d_steps else "G")
    if last_update == "G":
        done = g_in >= g_steps            # the iteration is complete: the next is D step 1
        return Phase(G_LINES[fam], skipped, d_in, g_in, "D" if done else "G")
    return Phase((), skipped, 0, 0, "D")


def phase_of(snap) -> Phase:
    cfg = snap.config
    return phase(cfg.get("loss", ""), int(cfg.get("d_steps", 1)), int(cfg.get("g_steps", 1)),
                 snap.last_update, snap.d_in_iteration, snap.g_in_iteration)


def last_losses(snap) -> tuple[float | None, float | None]:
    """L_D and L_G of the last logged iteration: the last points of the Playground's curves."""
    h = snap.history or {}
    return tuple(float(h[k][-1]) if k in h and len(h[k]) else None
                 for k in ("loss_d", "loss_g"))


# --- drawing -------------------------------------------------------------------------------------
def _badge(text: str, colour: str = "gray") -> str:
    return f":{colour}-badge[{text}]"


def notes(fam: str, snap, ph: Phase) -> dict[int, list[str]]:
    """The run's live numbers beside the lines: badges, keyed by line number."""
    cfg = snap.config
    k, m, gs = (int(cfg.get(key, 1)) for key in ("d_steps", "batch_size", "g_steps"))
    loss_d, loss_g = last_losses(snap)
    at = tr("learn.algo.live.at", step=f"{snap.step:,}")
    g_sample, g_line = G_LINES[fam]
    out: dict[int, list[str]] = {
        1: [_badge(tr("learn.algo.live.iteration", step=f"{snap.step:,}"), "blue")],
        2: [_badge(f"{'k' if fam == 'gan' else 'n_critic'} = d_steps = {k}")],
        3: [_badge(f"m = batch_size = {m}")],
        4: [_badge(f"L_D = {num(loss_d)} {at}", "violet"),
            _badge(tr("learn.algo.live.d_updates", n=f"{snap.d_updates:,}"))],
        g_sample: [_badge(f"m = {m}"),
                   _badge(tr("learn.algo.live.g_updates", n=f"{snap.g_updates:,}"))],
        g_line: [_badge(f"L_G = {num(loss_g)} {at}", "violet"),
                 _badge(_g_loss(cfg.get("loss")), "green")],
    }
    if ph.d_step and snap.last_update == "D":
        out[2].insert(0, _badge(_d_step_text(ph.d_step, k), "orange"))
    if ph.g_step and snap.last_update == "G" and (gs > 1 or ph.g_step > gs):
        out[g_sample].insert(0, _badge(_g_step_text(ph.g_step, gs), "orange"))
    if fam == "wgan":
        out[CLIP_LINE] = [_badge(f"c = clip = {cfg.get('clip'):g}") if cfg.get("loss") == "wgan"
                          else _badge(tr("learn.algo.live.gp", lam=f"{cfg.get('gp_weight'):g}"),
                                      "green")]
    return out


def _g_loss(loss) -> str:
    """What line 7 descends for this loss (a loss without its own sentence: its name)."""
    key, setting = f"learn.algo.live.gloss.{loss}", f"loss = {md(str(loss))}"  # a config key
    return tr(key, setting=setting) if key in TABLE else setting


def _d_step_text(i: int, k: int) -> str:
    return tr("learn.algo.live.d_step", i=i, k=k) if i <= k else tr("learn.algo.live.d_extra")


def _g_step_text(j: int, n: int) -> str:
    return tr("learn.algo.live.g_step", j=j, n=n) if j <= n else tr("learn.algo.live.g_extra")


def _depth(text: str) -> int:
    return (len(text) - len(text.lstrip(" "))) // 2      # two spaces a level in the strings


def code(fam: str, snap=None) -> None:
    """The pseudo-code, one element per line; with a Snapshot, the lines of its last update lit
    and its numbers beside them."""
    ph = phase_of(snap) if snap is not None else None
    beside = notes(fam, snap, ph) if snap is not None else {}
    style = [f".st-key-algo_{fam}_l{n} {{ {LIT} }}" for n in (ph.lines if ph else ())]
    style += [f".st-key-algo_{fam}_l{n} {{ opacity: 0.45; }}" for n in (ph.skipped if ph else ())]
    with st.container(key=f"algo_{fam}_code", gap=None):
        if style:
            st.html(f"<style>{' '.join(style)}</style>")
        for n in range(1, N_LINES[fam] + 1):
            line = tr(f"learn.algo.{fam}.{n}").lstrip(" ")
            if beside.get(n):
                line += "&ensp;" + " ".join(beside[n])
            st.container(key=f"algo_{fam}_l{n}").markdown(line)


def code_css() -> str:
    """Line numbers in a column of their own and a hanging indent per nesting level, so a line
    that wraps (classroom type) stays under its own text; looser line height for the sums."""
    rules = ["[class*='st-key-algo_'][class*='_code'] { gap: 0.15rem; }",
             "[class*='st-key-algo_'][class*='_code'] > div { position: relative; "
             "padding: 0.1rem 0.4rem; }",
             "[class*='st-key-algo_'][class*='_code'] p { margin: 0; line-height: 1.9; }",
             # Streamlit pulls a paragraph's container up by the 1rem its last margin had
             "[class*='st-key-algo_'][class*='_code'] [data-testid='stMarkdownContainer'] "
             "{ margin-bottom: 0; }"]
    for fam, n_lines in N_LINES.items():
        for n in range(1, n_lines + 1):
            indent = 2.0 + 1.5 * _depth(tr(f"learn.algo.{fam}.{n}"))
            rules.append(f".st-key-algo_{fam}_l{n} p {{ padding-left: {indent}em; }} "
                         f".st-key-algo_{fam}_l{n} p::before {{ content: '{n}'; "
                         "position: absolute; left: 0.6rem; color: #888; }")
    return " ".join(rules)


def what_ran(snap, ph: Phase) -> str:
    """One sentence: the update that ran last and the next one."""
    if snap.pace is None and snap.state == "running":
        return tr("learn.algo.live.fast", its=f"{snap.its_per_sec:,.0f}")
    k, gs = int(snap.config.get("d_steps", 1)), int(snap.config.get("g_steps", 1))
    lines = "–".join(str(n) for n in (ph.lines[0], ph.lines[-1])) if ph.lines else ""
    if ph.next_update == "D":        # after a whole iteration, the next one's first D step
        nxt = tr("learn.algo.live.next_d", i=ph.d_step + 1 if snap.last_update == "D" else 1,
                 k=k)
    else:
        nxt = tr("learn.algo.live.next_g")
    if snap.last_update == "D":
        return tr("learn.algo.live.ran", what=_d_step_text(ph.d_step, k), lines=lines, next=nxt)
    if snap.last_update == "G":
        return tr("learn.algo.live.ran", what=_g_step_text(ph.g_step, gs), lines=lines, next=nxt)
    return tr("learn.algo.live.ran_none")


def said(snap) -> None:
    """One sentence above the code: the run's state, the update that just ran, the next one."""
    slow = snap.pace is not None and snap.state == "running"
    state = tr("pg.state.slow" if slow else f"pg.state.{snap.state}")
    st.info(f"**{state}** — {what_ran(snap, phase_of(snap))}",
            icon=":material/slow_motion_video:" if slow else ":material/code:")


def numbers(snap) -> None:
    """The run's numbers as the Playground's status row shows them, under the code (classroom
    mode leaves them out: they are beside the lines, and the code must fit the screen)."""
    loss_d, loss_g = last_losses(snap)
    cols = st.columns(4)
    cols[0].metric(tr("pg.iteration"), f"{snap.step:,}", border=True)
    cols[1].metric(tr("pg.updates"), f"{snap.d_updates:,} / {snap.g_updates:,}", border=True,
                   help=tr("pg.updates.help"))
    cols[2].metric("L_D", num(loss_d), border=True)
    cols[3].metric("L_G", num(loss_g), border=True)


# --- the run, its buttons and the ticking view ----------------------------------------------------
def watched():
    """(job, latest Snapshot) of the run this session watches, or (None, None)."""
    session.session_id()
    session.attach_from_url()
    job = session.job_id()
    snap = session.manager().latest(job) if job else None
    return (job, snap) if snap is not None else (None, None)


def _start_slow() -> None:
    """A run in slow motion from the Playground's current (or default) settings: submitted
    through the JobManager like the Playground's Train, never trained here."""
    controls.init_state()
    session.set_widget("slow", True)
    live.on_train()


def flash() -> None:
    """A button's failure (a refused submit, a job gone), as the Playground shows it."""
    message = session.flash()
    if message:
        st.error(tr(message[0], **message[1]), icon=":material/error:")


def invitation(ended: bool) -> None:
    st.info(tr("learn.algo.live.ended" if ended else "learn.algo.live.none"),
            icon=":material/touch_app:")
    bar = st.container(horizontal=True)
    bar.button(tr("learn.algo.live.start"), key="algo_start", type="primary",
               icon=":material/slow_motion_video:", on_click=_start_slow)
    if bar.button(tr("learn.algo.live.open"), key="algo_open", icon=":material/science:"):
        st.switch_page(PLAYGROUND)


def buttons(snap) -> None:
    """Pause/Resume, Step D, Step G, Step and slow motion: the Playground's callbacks."""
    mode = live.button_mode(snap.state)
    session.rendered_state(mode)
    if session.widget("slow") is None:      # the Playground's toggle was not drawn this visit
        session.set_widget("slow", snap.pace is not None)
    bar = st.container(horizontal=True, vertical_alignment="center", key="algo_toolbar")
    if mode == "pause":
        bar.button(tr("pg.btn.pause"), key="algo_btn_pause", icon=":material/pause:",
                   on_click=live.on_pause)
    else:
        bar.button(tr("pg.btn.resume"), key="algo_btn_resume", icon=":material/play_arrow:",
                   on_click=live.on_resume)
    for name in ("step_d", "step_g", "step"):
        bar.button(tr(f"learn.algo.live.btn.{name}"), key=f"algo_btn_{name}",
                   on_click=live.on_step, args=(name,), help=tr(f"pg.btn.{name}.help"))
    bar.toggle(tr("pg.slow"), key=session.wkey("slow"), on_change=live.on_slow,
               help=tr("pg.slow.help"))
    if session.widget("slow"):
        bar.slider(tr("pg.slow.delay"), 0.5, 3.0, value=live.view("slow_delay"), step=0.25,
                   key=session.wkey("slow_delay"), on_change=live.on_slow, width=200)


def run_view(fam: str, job: str, snap, big: bool = False) -> None:
    """Status and the lit pseudo-code, refreshed like the Playground's live area."""
    every = live.tick_every(snap, {"frame": None})
    mode = live.button_mode(snap.state)

    @st.fragment(run_every=every)
    def tick():
        now = session.manager().latest(job)
        if now is None:
            st.info(tr("pg.job_gone"))
            return
        if live.button_mode(now.state) != mode or family(now.config.get("loss", "")) != fam \
                or live.tick_every(now, {"frame": None}) != every:
            st.rerun(scope="app")          # the buttons, the section or the pace must change
        said(now)
        code(fam, now)
        if not big:
            numbers(now)

    tick()
