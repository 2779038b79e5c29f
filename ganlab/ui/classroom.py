"""Classroom mode's page style: everything a back row must read grows, not only the charts.

Streamlit sizes its text in rem (multiples of the root font size), so one root size scales the
buttons, metrics, sidebar, headings and tables together; the charts get their own bigger fonts
from ganlab.viz.style (`big`). The switch is the Playground's classroom toggle.
"""

from __future__ import annotations

import streamlit as st

from ganlab.ui import session

ROOT_PX = 16          # Streamlit's root font size (theme.baseFontSize)
# 1.375x, near the charts' 13 -> 20 px (ganlab.viz.style.font_size); at 1.5x the Playground's
# status metrics no longer fit their columns on a 1280-px projector and were cut to "Itera…".
CLASSROOM_PX = 22
# The page's side padding is in rem too, and would grow with the text: give that room to content.
# A row of metrics wraps onto more lines instead of cutting its big numbers to "1…".
_METRIC_ROW = ("[data-testid='stHorizontalBlock']"
               ":has(> [data-testid='stColumn'] [data-testid='stMetric'])")
# In every mode: a metric's column is never narrower than its number (a 1280-px screen cut the
# Playground's status row to "1,…" and "train…"); the row wraps instead.
BASE_CSS = (f"{_METRIC_ROW} {{ flex-wrap: wrap; }} "
            f"{_METRIC_ROW} > [data-testid='stColumn'] {{ min-width: 9.5rem; }}")
CSS = (f"html {{ font-size: {CLASSROOM_PX}px; }} "
       "[data-testid='stMainBlockContainer'] { padding-left: 1.5rem; padding-right: 1.5rem; } "
       f"{_METRIC_ROW} > [data-testid='stColumn'] {{ min-width: 11rem; }}")


def on() -> bool:
    return bool(session.widget("classroom"))


def style() -> None:
    """Call once per run, before the page: the page's own rules, and while the mode is on the
    root font size. st.html with only a <style> takes no room on the page."""
    st.html(f"<style>{BASE_CSS} {CSS if on() else ''}</style>")
