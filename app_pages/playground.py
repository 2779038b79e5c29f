"""Playground: train a GAN on toy data and watch it live (the app's default page).

Thin by design: widgets -> Config (ganlab.ui.controls), buttons -> JobManager commands and the
live view (ganlab.ui.live), figures from ganlab.viz. Session ownership lives in ganlab.ui.session.
"""

from pathlib import Path

import streamlit as st

from ganlab.ui import controls, datasets, live, session, share, sweep_form
from ganlab.ui.lang import tr

COMPARE_PAGE = str(Path(__file__).resolve().parent / "compare.py")

sid = session.session_id()
problem = session.attach_from_url()
preset = session.take_preset()
if preset:
    problem = controls.apply_preset(preset) or problem

share.restore()  # settings from a shared link or another page; never starts training
cfg, config_error = controls.sidebar(controls.previews())
share.sync_url(cfg)  # the address bar is always a share link of the current settings
share.sidebar_tools(cfg)
if cfg is not None and st.sidebar.button(tr("pg.seeds"), icon=":material/stacked_line_chart:",
                                         help=tr("pg.seeds.help"), key=session.wkey("seeds")):
    # One config judged on several seeds: Compare's sweep form, set up for these settings.
    sweep_form.open_as_seeds()
    st.switch_page(COMPARE_PAGE)

st.title(tr("pg.title"))
st.caption(tr("pg.tagline"))
for key in filter(None, (problem,)):
    st.warning(tr(key))
share.notices()
flash = session.flash()
if flash:
    st.error(tr(flash[0], **flash[1]), icon=":material/error:")
if config_error and not datasets.missing_input():   # the data editor invites instead
    st.error(tr("pg.error.config", detail=config_error), icon=":material/error:")

if (session.widget("dataset") or "") == "drawn":
    controls.drawing_editor()

job = session.job_id()
snap = session.manager().latest(job) if job else None
state = snap.state if snap is not None else None
needs_reset = live.send_live_changes(cfg, state)

live.toolbar(state, [f.step for f in session.manager().frames(job)] if job else [])
if needs_reset:
    st.caption(tr("pg.needs_reset", keys=", ".join(needs_reset)))
live.render(job)
