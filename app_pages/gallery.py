"""Gallery: stored runs that play at once (the showcase's landing page).

Nothing trains here. Each run is a finished run folder under settings.gallery_dir; its time-lapse
plays in the browser (one plotly figure with its frames), so the page stays cheap however many
visitors watch. A visitor whose own run waits in the queue sees its position here.
"""

import streamlit as st
from streamlit.errors import StreamlitAPIException

from ganlab import presets
from ganlab.i18n import TABLE
from ganlab.runs.gallery import CARDS, load_gallery
from ganlab.serve import settings
from ganlab.ui.lang import current_lang, tr
from ganlab.viz.timelapse import loss_figure, timelapse_figure

conf = settings.get()
lang = current_lang()


@st.cache_resource(show_spinner=False, max_entries=64)
def _figures(root: str, name: str, lang: str, stamp: tuple):
    # Shared by every session: built once per run and language (stamp: the gallery's files).
    run = next(r for r in load_gallery(root) if r.name == name)
    return timelapse_figure(run, lang), loss_figure(run, lang)


def _title(run) -> str:
    # A bundled card is a preset: it carries the Playground's own title for it.
    card = CARDS.get(run.name)
    if card is not None and card.preset in presets.PRESETS:
        return tr(presets.title_key(card.preset))
    key = f"gallery.run.{run.name}.title"
    return tr(key) if key in TABLE else run.name


def _wait(seconds: float | None) -> str:
    n = seconds or 0
    return tr("gallery.wait.minutes", n=n / 60) if n >= 90 else tr("gallery.wait.seconds", n=n)


def _your_job() -> None:
    """The visitor's own run, if this tab has one: its queue position or progress, refreshed
    while it is queued or training. Reading it also tells the JobManager that someone is still
    watching, so a run that starts while its visitor is here is not paused as idle."""
    try:
        from ganlab.ui import session

        job = session.job_id()
        mgr = session.manager()
    except Exception:  # noqa: BLE001 - the gallery must show even if the job layer is absent
        return
    if not job or mgr.latest(job) is None:
        return

    @st.fragment(run_every=2.0 if mgr.latest(job).state in ("queued", "running") else None)
    def status():
        snap = mgr.latest(job)
        if snap is None:
            return
        if snap.state == "queued" and snap.queue_position:
            st.info(tr("gallery.your_job.queued", position=snap.queue_position,
                       wait=_wait(snap.queue_wait_s)), icon=":material/schedule:")
        elif snap.state in ("running", "paused"):
            st.info(tr("gallery.your_job.running", step=snap.step),
                    icon=":material/directions_run:")

    status()


st.title(f":material/photo_library: {tr('gallery.title')}")
st.caption(tr("gallery.tagline"))
_your_job()

runs = load_gallery(conf.gallery_dir)
if not runs:
    st.info(tr("gallery.empty"))
    st.stop()

names = [r.name for r in runs]
choice = st.segmented_control(tr("gallery.pick"), names, default=names[0], format_func=lambda n:
                              _title(next(r for r in runs if r.name == n)), key="gallery_run")
run = next((r for r in runs if r.name == choice), runs[0])
stamp = tuple((n, r.step) for n, r in zip(names, runs))
timelapse, losses = _figures(str(conf.gallery_dir), run.name, lang, stamp)

st.subheader(_title(run))
blurb = f"gallery.run.{run.name}.blurb"
card = CARDS.get(run.name)
if card is not None and card.preset in presets.PRESETS:
    st.write(presets.what(card.preset, lang))
    # What the card promises beside what its own metrics.jsonl says (tests/test_gallery_claims.py).
    st.caption(tr("gallery.claims", preset=card.preset, step=run.step, claims="; ".join(
        tr("gallery.claim", metric=c.metric, op=c.op, bound=c.bound,
           value=("—" if run.final.get(c.metric) is None else f"{run.final[c.metric]:g}"))
        for c in card.claims)))
elif blurb in TABLE:
    st.write(tr(blurb))
left, right = st.columns([3, 2])
with left:
    st.plotly_chart(timelapse, key="gallery_timelapse", config={"displayModeBar": False})
with right:
    cols = st.columns(2)
    cols[0].metric(tr("gallery.metric.steps"), f"{run.step:,}")
    modes = run.final.get("modes_covered")
    n_modes = sum(1 for k in run.final if k.startswith("mode_share_"))
    if modes is not None and n_modes:
        cols[1].metric(tr("gallery.metric.modes"), f"{modes:.0f} / {n_modes}",
                       help=tr("gallery.metric.modes_help"))
    if "hq_share" in run.final:
        cols[0].metric(tr("gallery.metric.hq"), f"{100 * run.final['hq_share']:.0f}%")
    w1 = run.final.get("w1_exact", run.final.get("w1"))   # 2D: exact W1; 1D: W1 of the CDFs
    if w1 is not None:
        cols[1].metric(tr("gallery.metric.w1"), f"{w1:.3f}")
    st.caption(tr("gallery.losses"))
    st.plotly_chart(losses, key="gallery_losses", config={"displayModeBar": False})
with st.expander(tr("gallery.settings")):
    cfg = run.config.to_dict()
    keys = ("dataset", "loss", "steps", "batch_size", "lr_d", "lr_g", "d_steps", "g_steps",
            "g_width", "d_width", "g_layers", "d_layers", "noise_dim", "seed")
    st.table({k: [str(cfg[k])] for k in keys if k in cfg})
try:
    st.page_link("app_pages/playground.py", label=tr("gallery.try"), icon=":material/tune:")
except StreamlitAPIException:   # no Playground page in this app (or a page-alone test run)
    pass
