"""Runs: every run in the runs folder (from the app or the CLI) — filter, sort, open, resume,
rename, delete, export, import, and pick runs to compare."""

from pathlib import Path

import streamlit as st

from ganlab.runs import index as runindex
from ganlab.ui import runs_view as view
from ganlab.ui import seed_groups
from ganlab.ui.lang import tr

st.title(f":material/folder_open: {tr('runs.title')}")
mgr = view.manager()
root = view.root()
live = view.live_ids(mgr)
# After a restart, runs that were training have no worker: show them as stopped (resumable).
runindex.mark_orphans_stopped(root, live)
flash = st.session_state.pop("runs_flash", None)
if flash:
    st.success(flash)

summaries = runindex.scan(root)
view.disk_line(root)
if not summaries:
    st.info(tr("runs.empty", root=str(root)))
else:
    rows = view.filters(summaries)
    if st.toggle(tr("runs.group_seeds"), key="runs_group_seeds"):
        seed_groups.runs_table(rows, root)   # a row per config; the table below stays
    selected, clicked = view.table(rows)
    if len(selected) >= 2:
        label = tr("runs.compare_selected", n=len(selected))
        if st.button(label, type="primary", icon=":material/compare:", disabled=len(selected) > 6,
                     help=tr("runs.compare_max") if len(selected) > 6 else None):
            st.session_state[view.COMPARE_KEY] = selected
            st.switch_page(str(Path(__file__).with_name("compare.py")))
    else:
        st.caption(tr("runs.table_hint"))
    name = view.opened([s.name for s in summaries], selected, clicked)
    if name:
        st.divider()
        view.detail(root / name, live)
view.import_bundle_control(root)
