"""Compare: 2–6 runs overlaid — losses and every diagnostic they share, the config keys that set
them apart (or all of them), a config's seeds as one band, and their final samples side by side.
Also launches sweeps and shows them. `?runs=a,b` links here."""

import streamlit as st

from ganlab.config import Config
from ganlab.runs import index as runindex
from ganlab.runs.folder import RunError
from ganlab.runs.replay import snapshot_of
from ganlab.safetext import md
from ganlab.ui import runs_view, seed_groups, sweep_form, sweep_view
from ganlab.ui.lang import current_lang, tr
from ganlab.viz import compare

lang = current_lang()
st.title(f":material/compare: {tr('cmp.title')}")
root = runs_view.root()
mgr = runs_view.manager()
live = runs_view.live_ids(mgr)
summaries = {s.name: s for s in runindex.scan(root)}
names = list(summaries)

# The picker's value: sent from Runs or a sweep, else `?runs=` (a shared link), else what this
# session last compared. Streamlit drops a widget's state once its page is left, so the choice is
# also kept under a key of its own (KEPT), or coming back to Compare forgot it.
KEPT = "cmp_kept"
sent = st.session_state.pop(runs_view.COMPARE_KEY, None)
if sent is not None:
    st.session_state[sweep_form.SELECTION] = sent
elif sweep_form.SELECTION not in st.session_state:
    from_url = st.query_params.get("runs")
    st.session_state[sweep_form.SELECTION] = from_url.split(",") if from_url else \
        st.session_state.get(KEPT, [])
chosen = [n for n in st.session_state.get(sweep_form.SELECTION, []) if n in summaries]
st.session_state[sweep_form.SELECTION] = chosen[:compare.MAX_RUNS]

sweep_form.from_link(root)   # ?sweep=<spec>: a shared sweep
sweep_form.form(list(summaries.values()), root, expanded=not chosen)
sweep_view.section(root, mgr, lang)   # sweeps started here or from a spec: progress, figures
picked = st.multiselect(tr("cmp.pick"), names, key=sweep_form.SELECTION,
                        max_selections=compare.MAX_RUNS, placeholder=tr("cmp.pick_hint"),
                        format_func=lambda n: runs_view.run_label(summaries[n]))
st.session_state[KEPT] = list(picked)
if picked:
    st.query_params["runs"] = ",".join(picked)
elif "runs" in st.query_params:
    del st.query_params["runs"]
if len(picked) < 2:
    st.info(tr("cmp.need_two"))
    st.stop()

any_live = any(n in live or summaries[n].state in runindex.LIVE_STATES for n in picked)


def with_live(snap):
    """A training run's latest samples and state come from its worker (reading them also tells
    the JobManager someone is watching, so a sweep is not idle-paused while it is compared)."""
    now = mgr.latest(snap.run_id) if mgr is not None and snap.run_id in live else None
    if now is None:
        return snap
    keep = {k: getattr(now, k) for k in ("fake", "real", "bounds", "grid_png")
            if getattr(now, k) is not None}
    return snap.replace(state=now.state, step=max(snap.step, now.step), **keep)


@st.fragment(run_every=2.0 if any_live else None)
def view(picked: list[str]) -> None:
    snaps, problems = {}, []
    for n in picked:
        try:
            snaps[n] = with_live(snapshot_of(root / n))
        except (RunError, OSError) as e:
            problems.append(f"{n}: {e}")
    for p in problems:
        st.error(md(p))   # the reason quotes the run folder's own files: text only
    if not snaps:
        return
    chips = " ".join(f"<span style='color:{compare.color(i)}'>■</span> "
                     f"**{runs_view.run_label(summaries[n])}** "
                     f"{runs_view.STATE_ICON.get(s.state, '')} {runs_view.state_label(s.state)} "
                     f"{s.step:,}" for i, (n, s) in enumerate(snaps.items()))
    st.markdown(chips, unsafe_allow_html=True)
    if any_live:
        st.caption(runs_view.live_caption([s.state for s in snaps.values()]))

    # Config keys (only those that differ, unless asked): rows are keys, columns are runs.
    configs = {n: Config.from_dict(s.config) for n, s in snaps.items()}
    head = st.columns([3, 2])
    head[0].markdown(f"**{tr('cmp.diff')}**")
    diff_only = head[1].toggle(tr("cmp.diff_only"), value=True, key="cmp_diff_only")
    rows = compare.diff_rows(configs, diff_only)
    if rows:
        st.dataframe(rows, hide_index=True, key="cmp_diff",
                     column_config={"key": st.column_config.TextColumn(tr("cmp.key"))})
    else:
        st.caption(tr("cmp.same_config"))

    st.markdown(f"**{tr('cmp.samples')}**")
    per_row = 3
    items = list(snaps.items())
    for start in range(0, len(items), per_row):
        cols = st.columns(per_row)
        for col, (i, (n, s)) in zip(cols, enumerate(items[start:start + per_row], start)):
            col.markdown(f"<span style='color:{compare.color(i)}'>■</span> "
                         f"{runs_view.run_label(summaries[n])} · "
                         f"{tr('viz.iteration')} {s.step:,}", unsafe_allow_html=True)
            if s.grid_png is not None:
                col.image(s.grid_png, width="stretch")
            else:
                col.plotly_chart(compare.samples_figure(s, lang, height=280), key=f"cmp_s_{n}")

    seed_groups.compare_section(snaps, configs, lang)   # a config's seeds as one band

    smoothing = st.columns(3)[0].slider(tr("cmp.smoothing"), 0.0, 0.99, 0.6, 0.01,
                                        key="cmp_smooth")
    c1, c2 = st.columns(2)
    c1.plotly_chart(compare.overlay_figure(snaps, "loss_d", lang, smoothing,
                                           title=tr("runs.metric.loss_d")), key="cmp_loss_d")
    c2.plotly_chart(compare.overlay_figure(snaps, "loss_g", lang, smoothing, dash="dash",
                                           title=tr("runs.metric.loss_g")), key="cmp_loss_g")
    series = ["d_real", "d_fake"] + compare.shared_metrics(snaps)
    cols = st.columns(2)
    for i, key in enumerate(series):
        cols[i % 2].plotly_chart(compare.overlay_figure(snaps, key, lang, height=260),
                                 key=f"cmp_{key}")


view(picked)
