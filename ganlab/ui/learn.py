"""Helpers shared by the Learn pages (app_pages/learn_*.py): header, number formatting, and the
"try it in the Playground" footer.

Playground hand-off: a preset button stores the preset's name in
`st.session_state["playground_preset"]` and opens app_pages/playground.py through
`ganlab.ui.session.open_playground`, which applies `ganlab.presets.changes_of(name)` to its controls.
Without a Playground page the footer shows the equivalent `ganlab train` command instead.
"""

from __future__ import annotations

import math
from pathlib import Path

import streamlit as st

from ganlab import settings
from ganlab.presets import facts
from ganlab.theory.presets import PRESETS, cli_command, presets_for
from ganlab.ui.lang import current_lang, tr

PRESET_STATE_KEY = "playground_preset"
PLAYGROUND_PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "playground.py"


def lang() -> str:
    return current_lang()


def header(topic: str) -> None:
    """Title and one-paragraph introduction: keys learn.<topic>.title / learn.<topic>.intro."""
    st.title(tr(f"learn.{topic}.title"))
    st.markdown(tr(f"learn.{topic}.intro"))


def notes_box(key: str, **fmt) -> None:
    """"The notes vs this page": where the lecture notes (../shared/seeds/) use another
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
