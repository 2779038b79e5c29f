"""Helpers shared by the Learn pages (app_pages/learn_*.py): header, number formatting, and the
"try it in the Playground" footer.

Playground hand-off: a preset button stores the preset's name in
`st.session_state["playground_preset"]` and opens app_pages/playground.py through
`ganlab.ui.session.open_playground`, which applies `ganlab.presets.changes_of(name)` to its
controls.
Without a Playground page the footer shows the equivalent `ganlab train` command instead.

What a page trains (a classifier, critics, CycleGAN's mappings) is never trained here: `computed`
asks the task runner (ganlab.serve.tasks), which trains it once in a process of its own and
keeps the result on disk; until then the page shows a progress bar that polls the task.

Classroom mode (`?classroom=1`, carried in the URL like `lang`): large type, no sidebar, one
section per screen with previous/next (`?section=N`), each figure beside its controls. A page is
a `Lesson` of sections; every section is drawn on every run (later sections read earlier
sections' widgets), and classroom mode hides all but the current one with CSS.
"""

from __future__ import annotations

import math
from pathlib import Path

import streamlit as st

from ganlab.presets import facts
from ganlab.safetext import md
from ganlab.serve import settings, tasks
from ganlab.serve.computations import TaskError
from ganlab.theory.offers import PRESETS, cli_command, presets_for
from ganlab.ui.lang import current_lang, tr

PRESET_STATE_KEY = "playground_preset"
PLAYGROUND_PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "playground.py"


def lang() -> str:
    return current_lang()


CLASSROOM, SECTION = "classroom", "section"  # query parameters
TOGGLE = "learn_classroom"
# Streamlit sizes text in rem: one root size scales headings, widgets, metrics and formulas.
CLASSROOM_CSS = (
    "html { font-size: 22px; } "
    "[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], "
    "[data-testid='stExpandSidebarButton'], [data-testid='stHeader'] { display: none; } "
    "[data-testid='stMainBlockContainer'] { max-width: 100%; padding: 1rem 1.5rem 5rem; } "
    ".st-key-learn_nav { position: fixed; bottom: 0; left: 0; right: 0; z-index: 100; "
    "background: white; padding: 0.4rem 1.5rem; border-top: 1px solid #ddd; }")


def classroom() -> bool:
    return st.query_params.get(CLASSROOM) == "1"


class Section:
    """One screen of a lesson: `top` spans the width above the rest (formulas), `ctl` takes the
    text and controls, `fig` the figures; in classroom mode ctl and fig are two columns side by
    side. `box` is the whole section (what follows ctl and fig, full width)."""

    def __init__(self, box, big: bool):
        self.box, self.big = box, big
        self.top = box.container()
        if big:
            self.ctl, self.fig = box.columns([2, 3], gap="large")
        else:
            self.ctl = self.fig = box

    def cols(self, n: int, where=None):
        """n side-by-side slots in `where` (default ctl); stacked two a row in classroom mode,
        where a third of the screen cannot hold three sliders."""
        where = self.ctl if where is None else where
        if not self.big or n == 1:
            return where.columns(n)
        slots = []
        for start in range(0, n, 2):
            slots += where.columns(2) if n - start > 1 else [where.container()]
        return slots

    def chart(self, fig, where=None) -> None:
        from ganlab.viz.theory import for_classroom

        (self.fig if where is None else where).plotly_chart(
            for_classroom(fig) if self.big else fig, width="stretch")


class Lesson:
    """A Learn page as numbered sections; `finish()` adds the presets and the classroom nav."""

    def __init__(self, topic: str, presets: str):
        self.topic, self.presets, self.big, self.count = topic, presets, classroom(), 0
        with self.section() as s:
            s.top.title(tr(f"learn.{topic}.title"))
            s.top.markdown(tr(f"learn.{topic}.intro"))
            self.intro = s
        if not self.big:
            st.toggle(tr("learn.classroom"), key=TOGGLE,
                      on_change=_enter_classroom, help=tr("learn.classroom.help"))

    def section(self, title_key: str | None = None):
        box = st.container(key=f"learn_sec_{self.count}")
        self.count += 1
        if title_key:  # before Section makes its columns, so the title stays on top
            box.subheader(tr(title_key))
        return _Entered(Section(box, self.big))

    def finish(self) -> None:
        with self.section() as s, s.box:
            playground_presets(self.presets)
        if not self.big:
            return
        n = self.count
        current = min(max(_int(st.query_params.get(SECTION), 0), 0), n - 1)
        hidden = ", ".join(f".st-key-learn_sec_{i}" for i in range(n) if i != current)
        # Folded to no height rather than display: none, so hidden charts keep their column's
        # width (plotly draws a chart it cannot measure 700 px wide, and kept it when shown);
        # the negative margin cancels the block's 1rem gap. Two style blocks: the second (only
        # the hiding) can be lifted to see every section.
        fold = ("height: 0 !important; max-height: 0 !important; min-height: 0 !important; "
                "overflow: hidden !important; visibility: hidden !important; "
                "margin-bottom: -1rem !important;")
        st.html(f"<style>{CLASSROOM_CSS}</style><style>{hidden} {{ {fold} }}</style>")
        nav = st.container(key="learn_nav", horizontal=True, vertical_alignment="center")
        nav.button(tr("learn.classroom.prev"), key="learn_prev", disabled=current == 0,
                   on_click=_go, args=(current - 1,), icon=":material/chevron_left:")
        nav.markdown(f"**{current + 1} / {n}**")
        nav.button(tr("learn.classroom.next"), key="learn_next", disabled=current == n - 1,
                   on_click=_go, args=(current + 1,), icon=":material/chevron_right:")
        nav.button(tr("learn.classroom.exit"), key="learn_exit", on_click=_leave_classroom,
                   icon=":material/close:")


class _Entered:
    """`with lesson.section(...) as s:` yields the Section (a plain object, no Streamlit scope)."""

    def __init__(self, sec: Section):
        self.sec = sec

    def __enter__(self) -> Section:
        return self.sec

    def __exit__(self, *exc) -> None:
        return None


def _int(text, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _go(section: int) -> None:
    st.query_params[SECTION] = str(section)


def _enter_classroom() -> None:
    st.query_params[CLASSROOM] = "1"
    st.query_params[SECTION] = "0"


def _leave_classroom() -> None:
    for key in (CLASSROOM, SECTION):
        st.query_params.pop(key, None)
    st.session_state[TOGGLE] = False


def header(topic: str) -> None:
    """Title and one-paragraph introduction: keys learn.<topic>.title / learn.<topic>.intro."""
    st.title(tr(f"learn.{topic}.title"))
    st.markdown(tr(f"learn.{topic}.intro"))


def notes_box(key: str, **fmt) -> None:
    """"The notes vs this page": where the course's lecture notes (kept by the lecturer) use another
    convention or slip, say so with both numbers, so a student holding the notes is not left with
    two contradicting values (strings learn.notes.<key>)."""
    st.info(f"**{tr('learn.notes.title')}** {tr(f'learn.notes.{key}', **fmt)}",
            icon=":material/menu_book:")


def num(value: float, digits: int = 4) -> str:
    """A number for display: '∞' for inf, fixed significant digits otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value + 0.0:.{digits}g}"  # + 0.0: never show "-0"


def open_preset(name: str) -> None:
    """Hand a preset to the Playground (see the module docstring for the protocol)."""
    st.session_state[PRESET_STATE_KEY] = name
    if PLAYGROUND_PAGE.is_file():
        from ganlab.ui.session import open_playground

        open_playground(name)


def playground_presets(topic: str) -> None:
    """The closing section of every Learn page: one button per preset for this topic."""
    names = presets_for(topic)
    if not names:
        return
    st.divider()
    st.subheader(tr("learn.presets.title"))
    st.caption(tr("learn.presets.intro"))
    cols = st.columns(min(2, len(names)))  # three a row cut the longer button labels short
    for i, name in enumerate(names):
        with cols[i % len(cols)]:
            if st.button(tr(f"learn.preset.{name}", **facts(name)), key=f"preset_{topic}_{name}",
                         width="stretch"):
                open_preset(name)
            st.caption(tr(f"learn.preset.{name}.what", **facts(name)))
    chosen = st.session_state.get(PRESET_STATE_KEY)
    if chosen in PRESETS and chosen in names and not PLAYGROUND_PAGE.is_file() and \
            settings.get().show_cli:          # no CLI hints in showcase mode
        st.info(tr("learn.presets.no_playground"))
        st.code(cli_command(chosen), language="bash")


# ---- what a page trains: computed by a task, shown when ready -----------------------------------
POLL_SECONDS = 0.5


def computed(name: str, params: dict, text: str, where=None) -> dict | None:
    """The result of the task `name` (ganlab.serve.computations) for `params`, or None while
    another process computes it: then `where` shows a progress bar captioned `text` that polls
    the task and reruns the page when its result is there, or the failure in one line with a
    Try again button."""
    box = st.container() if where is None else where
    try:
        state = tasks.request(name, params)
    except TaskError as e:
        box.error(tr("learn.task.bad", detail=md(e)))
        return None
    if state.done:
        return state.result
    with box:
        if state.state == "failed":
            _failed(name, params, state)
        else:
            _progress(name, params, text)
    return None


@st.fragment(run_every=POLL_SECONDS)
def _progress(name: str, params: dict, text: str) -> None:
    state = tasks.request(name, params)
    if state.state in ("done", "failed"):
        st.rerun()                        # the whole page, now with the result or the reason
    if state.state == "waiting":
        st.progress(0.0, text=tr("learn.task.waiting"))
    else:
        st.progress(state.progress, text=f"{text} {state.progress:.0%}")


def _failed(name: str, params: dict, state: tasks.State) -> None:
    key, args = state.reason
    st.error(tr(key, **{k: md(v) for k, v in args.items()}), icon=":material/error:")
    st.button(tr("learn.task.retry"), key=f"retry_{tasks.folder_of(name, params)[2].name}",
              on_click=tasks.retry, args=(name, params))
