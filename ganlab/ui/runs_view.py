"""The Runs page's parts: the filterable table of every run, and one run opened in detail (charts,
samples, resume, rename, delete, downloads).

Everything is read from the run folders (ganlab.runs.index, ganlab.runs.replay), so a CLI run and a
run from the app look the same. The JobManager is asked only which runs have a live worker (those
cannot be renamed or deleted) and to resume a stopped one. `?open=<name>` opens a run, so a view of
one run can be linked to.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from ganlab.runs import bundle as export
from ganlab.runs import index as runindex
from ganlab.runs.folder import Run, RunError
from ganlab.runs.replay import snapshot_of
from ganlab.safetext import md
from ganlab.serve import settings
from ganlab.ui import session
from ganlab.ui.code_export import code_downloads
from ganlab.ui.lang import current_lang, message, tr

# Material icons, which Streamlit's frontend serves itself: emoji need a font a machine may lack
# (they rendered as boxes). Markdown only (headings, chips); tables and pickers show the word.
STATE_ICON = {"queued": ":material/schedule:", "running": ":material/play_circle:",
              "paused": ":material/pause_circle:", "finished": ":material/check_circle:",
              "failed": ":material/cancel:", "stopped": ":material/stop_circle:",
              "unknown": ":material/help:", "corrupt": ":material/warning:"}
COMPARE_KEY = "compare_selection"   # run names the Compare page opens with (shared with it)
TERMINAL = ("finished", "failed", "stopped")
_OPEN = "runs_open"


# --- the manager, guarded: the Runs page must work even when the backend cannot start ---------
def manager():
    try:
        return session.manager()
    except Exception:  # noqa: BLE001 - listing runs never depends on the backend
        return None


def live_ids(mgr) -> set[str]:
    """Runs with a worker (or a queue slot) in this server: never renamed, deleted or resumed."""
    if mgr is None:
        return set()
    try:
        return {j["id"] for j in mgr.stats()["per_job"] if j.get("state") not in TERMINAL}
    except Exception:  # noqa: BLE001
        return set()


def root() -> Path:
    return Path(manager().root)   # the settings' runs root (serve.settings)


def state_label(state: str) -> str:
    return tr(f"runs.state.{state}")


def live_caption(states: list[str]) -> str:
    """What the unfinished runs among `states` are doing, counted truthfully (a queued run waits
    for a slot: it is not training), and that the charts refresh."""
    parts = [tr(f"cmp.n_{state}", n=states.count(state))
             for state in ("running", "queued", "paused") if state in states]
    return tr("cmp.live", states=", ".join(parts))


def run_label(summary) -> str:
    """How a person tells runs apart: `ring8 · hinge · <folder name>` (the name alone is often a
    time stamp and a random id)."""
    return " · ".join(p for p in (summary.dataset, summary.loss, summary.name) if p)


# --- the table -------------------------------------------------------------------------------
def disk_line(root_path: Path) -> None:
    # the quota, or less when the disk is smaller
    used, quota = runindex.capacity(root_path, settings.get().quota_bytes)
    text = tr("runs.disk", used=used / 2**20, root=str(root_path))
    if quota:
        share = min(1.0, used / quota)
        st.progress(share, text=text + " " + tr("runs.disk_quota", quota=quota / 2**20))
        if share >= 1.0:
            st.error(tr("runs.disk_full"))
    else:
        st.caption(text)


def _fmt_started(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else ""


def filters(summaries: list) -> list:
    """Search box and state/dataset/loss filters above the table; returns the runs kept."""
    c = st.columns([2, 1, 1, 1])
    text = c[0].text_input(tr("runs.search"), key="runs_search",
                           placeholder=tr("runs.search_hint")).strip().lower()
    states = c[1].multiselect(tr("runs.col.state"), sorted({s.state for s in summaries}),
                              key="runs_f_state", format_func=state_label,
                              placeholder=tr("runs.any"))
    datasets = c[2].multiselect(tr("runs.col.dataset"), sorted({s.dataset for s in summaries
                                                              if s.dataset}), key="runs_f_data",
                              placeholder=tr("runs.any"))
    losses = c[3].multiselect(tr("runs.col.loss"), sorted({s.loss for s in summaries if s.loss}),
                              key="runs_f_loss", placeholder=tr("runs.any"))
    return [s for s in summaries
            if (not text or text in s.name.lower() or text in s.dataset or text in s.loss)
            and (not states or s.state in states) and (not datasets or s.dataset in datasets)
            and (not losses or s.loss in losses)]


def table(rows: list) -> tuple[list[str], str | None]:
    """The runs as a sortable table (click a header). Returns the names of the rows ticked in the
    checkbox column (for Compare) and the name of the row whose cell was clicked (to open it)."""
    import pandas as pd

    df = pd.DataFrame([{
        "name": s.name, "state": state_label(s.state), "dataset": s.dataset, "loss": s.loss,
        "iterations": s.step, "target": s.steps, "modes": s.final.get("modes_covered"),
        "hq": s.final.get("hq_share"), "loss_d": s.final.get("loss_d"),
        "loss_g": s.final.get("loss_g"), "started": _fmt_started(s.started)} for s in rows])
    # A metric a run lacks (hq_share of a digits run) is None; a column of only such runs would
    # be text and show "None". As floats they are NaN: empty cells.
    metrics = [c for c in ("modes", "hq", "loss_d", "loss_g") if c in df]
    df[metrics] = df[metrics].astype(float)
    col = st.column_config
    event = st.dataframe(
        # A click on a cell selects that cell (single-cell) and opens its run; the checkbox
        # column still ticks rows for Compare. With rows alone, a click only focused the cell.
        df, key="runs_table", hide_index=True, on_select="rerun",
        selection_mode=["multi-row", "single-cell"],
        column_config={
            "name": col.TextColumn(tr("runs.col.name"), width="medium"),
            "state": col.TextColumn(tr("runs.col.state")),
            "dataset": col.TextColumn(tr("runs.col.dataset")),
            "loss": col.TextColumn(tr("runs.col.loss")),
            "iterations": col.NumberColumn(tr("runs.col.iterations"), format="%d"),
            "target": col.NumberColumn(tr("runs.col.target"), format="%d"),
            "modes": col.NumberColumn(tr("runs.metric.modes_covered"), format="%.0f"),
            "hq": col.NumberColumn(tr("runs.metric.hq_share"), format="percent"),
            "loss_d": col.NumberColumn("L_D", format="%.3f"),
            "loss_g": col.NumberColumn("L_G", format="%.3f"),
            "started": col.TextColumn(tr("runs.col.started")),
        })
    selection = getattr(event, "selection", None)
    picked = getattr(selection, "rows", None) or []
    cells = getattr(selection, "cells", None) or []
    clicked = next((rows[c[0]].name for c in cells if 0 <= c[0] < len(rows)), None)
    return [rows[i].name for i in picked if i < len(rows)], clicked


def opened(names: list[str], selected: list[str], clicked: str | None = None) -> str | None:
    """The run shown in detail: the row just clicked, else a single ticked row, else `?open=`,
    else the last one opened."""
    if clicked is not None:
        st.session_state[_OPEN] = clicked
    elif len(selected) == 1:
        st.session_state[_OPEN] = selected[0]
    elif "open" in st.query_params and st.query_params["open"] in names and \
            _OPEN not in st.session_state:
        st.session_state[_OPEN] = st.query_params["open"]
    name = st.session_state.get(_OPEN)
    if name not in names:
        return None
    if st.query_params.get("open") != name:
        st.query_params["open"] = name
    return name


# --- one run ---------------------------------------------------------------------------------
def detail(path: Path, live: set[str]) -> None:
    summary = runindex.summarize(path)
    name, lang = summary.name, current_lang()
    st.subheader(f"{STATE_ICON.get(summary.state, '')} {name}")
    if summary.error:
        # The reason comes from the folder's own files (a bundle's status.json): text only.
        (st.error if summary.state in ("failed", "corrupt") else st.info)(md(summary.error))
    if summary.state == "corrupt":
        _delete_control(path, name, live)
        return
    m = st.columns(5)
    m[0].metric(tr("runs.iterations_of", steps=summary.steps), f"{summary.step:,}")
    for box, key in zip(m[1:], ("loss_d", "loss_g", "modes_covered", "hq_share")):
        value = summary.final.get(key)
        text = "–" if value is None else (f"{value:.0%}" if key == "hq_share" else
                                         f"{value:.0f}" if key == "modes_covered" else
                                         f"{value:.3f}")
        box.metric(tr(f"runs.metric.{key}"), text)
    _actions(path, summary, live)
    try:
        snap = snapshot_of(path)
    except RunError as e:
        st.error(str(e))
        return
    overview, diagnostics, downloads = st.tabs([tr("runs.tab.overview"),
                                                tr("runs.tab.diagnostics"),
                                                tr("runs.tab.export")])
    with overview:
        _overview(snap, lang)
    with diagnostics:
        _diagnostics(snap, lang)
    with downloads:
        _downloads(Run(path))


def _overview(snap, lang: str) -> None:
    from ganlab.viz import curves
    from ganlab.viz.compare import samples_figure

    left, right = st.columns([2, 3])
    with left:
        if snap.grid_png is not None:
            st.image(snap.grid_png, width="stretch")
        else:
            fig = samples_figure(snap, lang, height=420)
            if fig is not None:
                st.plotly_chart(fig, key="run_samples")
        st.caption(tr("runs.samples_caption", step=snap.step))
    with right:
        st.plotly_chart(curves.loss_figure(snap, lang, height=260), key="run_loss")
        st.plotly_chart(curves.d_outputs_figure(snap, lang, height=220), key="run_dx")


def _diagnostics(snap, lang: str) -> None:
    from ganlab.viz import compare, curves

    one = {snap.run_id: snap}
    metrics = compare.shared_metrics(one)
    if not metrics:
        st.caption(tr("runs.no_diagnostics"))
    cols = st.columns(3)
    for i, key in enumerate(metrics):
        cols[i % 3].plotly_chart(compare.overlay_figure(one, key, lang, height=220),
                                 key=f"run_m_{key}")
    cols[len(metrics) % 3].plotly_chart(curves.grad_norm_figure(snap, lang, height=220),
                                        key="run_grad")


def _downloads(run: Run) -> None:
    name = run.name
    row = st.container(horizontal=True, key="runs_downloads")
    c = [row] * 4
    c[0].download_button(tr("runs.dl.config"), lambda: export.config_json(run),
                         file_name=f"{name}.json", mime="application/json",
                         icon=":material/settings:",
                         on_click="ignore", key="dl_config")
    c[1].download_button(tr("runs.dl.metrics"), lambda: export.metrics_csv(run),
                         file_name=f"{name}-metrics.csv", mime="text/csv",
                         icon=":material/table_chart:",
                         on_click="ignore", key="dl_metrics")
    c[2].download_button(tr("runs.dl.checkpoint"), lambda: export.checkpoint_bundle(run),
                         file_name=f"{name}.zip", mime="application/zip", icon=":material/save:",
                         on_click="ignore", disabled=not run.has_checkpoint(), key="dl_ckpt")
    has_samples = bool(run.sample_files())
    c[3].download_button(tr("runs.dl.gif"), lambda: export.timelapse_gif(run),
                         file_name=f"{name}.gif", mime="image/gif", icon=":material/movie:",
                         on_click="ignore", disabled=not has_samples, key="dl_gif")
    if export.mp4_available() and has_samples:
        st.download_button(tr("runs.dl.mp4"), lambda: export.timelapse_mp4(run),
                           file_name=f"{name}.mp4", mime="video/mp4", on_click="ignore",
                           key="dl_mp4")
    code_downloads(run)   # the run as a PyTorch script, G as a torch.export file
    st.caption(tr("runs.dl.note"))


# --- actions ---------------------------------------------------------------------------------
def _actions(path: Path, summary, live: set[str]) -> None:
    row = st.container(horizontal=True, key="runs_actions")
    resumable = summary.resumable and summary.name not in live
    with row.popover(tr("runs.resume"), icon=":material/play_arrow:", disabled=not resumable,
                      help=None if resumable else tr("runs.resume_not")):
        remaining = summary.steps - (summary.checkpoint_step or 0)
        more = st.number_input(tr("runs.resume_more"), 1, 10_000_000,
                               value=remaining if remaining > 0 else summary.steps,
                               step=500, key="runs_resume_n")
        st.caption(tr("runs.resume_from", step=summary.checkpoint_step or 0))
        if st.button(tr("runs.resume_go"), type="primary", key="runs_resume_go"):
            _resume(path, int(more))
    if row.button(tr("runs.to_playground"), icon=":material/tune:", key="runs_to_pg"):
        from ganlab.ui import share

        share.open_in_playground(Run(path).config())
    if row.button(tr("runs.compare_this"), icon=":material/compare_arrows:", key="runs_cmp"):
        st.session_state[COMPARE_KEY] = [summary.name]
        st.switch_page(str(Path(__file__).resolve().parents[2] / "app_pages" / "compare.py"))
    with row.popover(tr("runs.rename"), icon=":material/edit:", disabled=summary.name in live):
        new = st.text_input(tr("runs.rename_to"), value=summary.name, key="runs_new_name",
                            max_chars=80)
        if st.button(tr("runs.rename_go"), key="runs_rename_go"):
            try:
                st.session_state[_OPEN] = runindex.rename(root(), summary.name, new, live)
                st.rerun()
            except (RunError, ValueError, OSError) as e:
                st.error(str(e))
    with row:
        _delete_control(path, summary.name, live)


def _delete_control(path: Path, name: str, live: set[str]) -> None:
    with st.popover(tr("runs.delete"), icon=":material/delete:", disabled=name in live):
        st.warning(tr("runs.delete_warn", name=name))
        sure = st.checkbox(tr("runs.delete_sure"), key="runs_delete_sure")
        if st.button(tr("runs.delete_go"), type="primary", disabled=not sure,
                     key="runs_delete_go"):
            try:
                runindex.delete(root(), name, live)
                st.session_state.pop(_OPEN, None)
                if "open" in st.query_params:
                    del st.query_params["open"]
                st.session_state["runs_flash"] = tr("runs.deleted", name=name)
                st.rerun()
            except (RunError, ValueError, OSError) as e:
                st.error(str(e))


def _resume(path: Path, more: int) -> None:
    """Queue the run again from its checkpoint; the iteration count carries on."""
    mgr = manager()
    if mgr is None:
        st.error(tr("runs.no_backend"))
        return
    try:
        runindex.check_quota(root(), settings.get().quota_bytes)
        run = Run(path)
        start = run.load_checkpoint()[1]["step"]   # also proves the checkpoint is readable
        cfg = run.config().replace(steps=start + more)
        job = mgr.submit(session.session_id(), cfg, run_dir=path, resume=True)
    except (RunError, ValueError, OSError, runindex.QuotaError) as e:
        st.error(md(message(e)))
        return
    session.set_job(job, cfg.to_dict())
    # The Playground shows the run's own settings, so its controls do not differ from the job's
    # config (a difference is sent to the job as a live change: the run's lr would become the
    # controls' default).
    from ganlab.ui import share

    share.send_to_controls(cfg, "share.resumed_run", name=job)
    if Path(session.PLAYGROUND_PAGE).is_file():
        st.switch_page(session.PLAYGROUND_PAGE)
    st.session_state["runs_flash"] = tr("runs.resumed", name=job)
    st.rerun()


def import_bundle_control(root_path: Path) -> None:
    """Upload a run bundle (.zip from the Export tab) as a new run; absent when uploads are off
    (GANLAB_ALLOW_UPLOADS=0, showcase mode)."""
    if not settings.get().allow_uploads:
        return
    with st.expander(tr("runs.import"), icon=":material/upload_file:"):
        st.caption(tr("runs.import_hint"))
        up = st.file_uploader(tr("runs.import_file"), type=["zip"], key="runs_import",
                              max_upload_size=None)
        if up is not None and st.button(tr("runs.import_go"), key="runs_import_go"):
            try:
                runindex.check_quota(root_path, settings.get().quota_bytes)
                run = export.import_bundle(up.getvalue(), root_path, Path(up.name).stem)
            except (export.ImportProblem, runindex.QuotaError, ValueError) as e:
                st.error(md(message(e)))
                return
            st.session_state[_OPEN] = run.name
            st.session_state["runs_flash"] = tr("runs.imported", name=run.name)
            st.rerun()
