"""The Compare page's sweeps: pick one, and while it runs, each refresh is one tick of its driver
(ganlab.sweep.queued): members are queued through the JobManager as this visitor's slots free
up, pruned ones stopped. Then the configs tried, each as mean ± std over its seeds with the
seed-noise verdict against the best, parallel coordinates and parameter importances.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ganlab.runs import index as runindex
from ganlab.safetext import md
from ganlab.sweep import groups, queued
from ganlab.sweep import study as studies
from ganlab.sweep.spec import SpecError
from ganlab.ui import seed_groups, session, sweep_form
from ganlab.ui.lang import tr
from ganlab.viz import compare
from ganlab.viz import sweep as sweepviz

_P = "sweepview_"


def section(root: Path, mgr, lang: str) -> None:
    folders = queued.sweeps(root)
    if not folders:
        return
    names = [f.name for f in folders]
    opened = st.session_state.pop(sweep_form.OPEN, None)
    if opened in names:
        st.session_state[_P + "pick"] = opened
    with st.expander(tr("sweepview.title"), icon=":material/insights:", expanded=True):
        name = st.selectbox(tr("sweepview.pick"), names, key=_P + "pick")
        folder = root / queued.FOLDER / name
        try:
            spec, study = queued.load(folder)
            done = queued.finished(spec, study)
        except (SpecError, OSError, ValueError) as e:
            st.error(md(tr("sweepview.broken", name=name, why=e)))
            return
        # A sweep is driven by the session that started it, or one that takes it over (after a
        # reload, or a colleague's): its members then count against that visitor's own slots.
        mine = st.session_state.setdefault(sweep_form.MINE, [])
        if mgr is not None and not done and name not in mine:
            st.button(tr("sweepview.drive"), icon=":material/play_arrow:", key=_P + "drive",
                      on_click=mine.append, args=(name,))
        live = mgr is not None and not done and name in mine
        st.fragment(run_every=3.0 if live else None)(_panel)(folder, root, mgr, lang, live)


def _advance(folder: Path, root: Path, mgr) -> str | None:
    """One tick: queue what the driver asks within this visitor's free slots, stop what it
    pruned. Returns a problem to show, or None."""
    sid = session.session_id()
    try:
        out = queued.tick(folder, root, sweep_form.free_slots(mgr, sid))
    except (SpecError, OSError, ValueError) as e:
        return str(e)
    for name in out.stop:
        try:
            mgr.stop(name, wait=False)
        except (KeyError, ValueError):
            pass                        # not a job of this server any more: nothing to stop
    for name, cfg in out.submit:
        try:
            mgr.submit(sid, cfg, run_dir=root / name)
        except (ValueError, OSError) as e:   # the limit, the queue, the disk: try next tick
            return str(e)
    return None


def _panel(folder: Path, root: Path, mgr, lang: str, live: bool) -> None:
    problem = _advance(folder, root, mgr) if live else None
    if problem:
        st.warning(md(problem))
    try:
        spec, study = queued.load(folder)
    except (SpecError, OSError, ValueError) as e:
        st.error(md(str(e)))
        return
    rows = studies.rows_of(study)
    count = {s: sum(r["state"] == s for r in rows) for s in ("complete", "pruned", "running")}
    st.caption(tr("sweepview.progress", kind=spec.kind, objective=spec.objective,
                  direction=tr(f"sweep.direction.{spec.direction}"), done=count["complete"],
                  budget=spec.budget, pruned=count["pruned"], running=count["running"]))
    st.caption(tr("sweepview.finished") if queued.finished(spec, study) else
               tr("sweepview.live") if live else tr("sweepview.paused"))
    if any(r["state"] == "fail" for r in rows):
        st.warning(tr("sweepview.failed_note", objective=spec.objective))
    finals = {r["trial"]: [runindex.summarize(root / m).final.get(spec.objective)
                           for m in r["members"] if (root / m / "config.json").is_file()]
              for r in rows}
    _table(spec, rows, finals)
    log_keys = [a.key for a in spec.axes if a.log]
    c1, c2 = st.columns([3, 2])
    c1.markdown(f"**{tr('sweepview.parcoords')}**")
    c1.plotly_chart(sweepviz.parcoords_figure(rows, spec.keys, spec.objective, log_keys, lang,
                                              objective_label=compare.metric_name(
                                                  spec.objective, lang)),
                    key=f"{_P}parcoords")
    c2.markdown(f"**{tr('sweepview.importance')}**")
    c2.plotly_chart(sweepviz.importance_figure(studies.importances(study), lang),
                    key=f"{_P}importance")


def _table(spec, rows: list[dict], finals: dict) -> None:
    done = [r for r in rows if r["state"] == "complete" and r["value"] is not None]
    best = None
    if done:
        pick = max if spec.direction == "maximize" else min
        best = pick(done, key=lambda r: r["value"])
    table = []
    for r in rows:
        mean, std, n = groups.mean_spread(finals[r["trial"]])
        verdict = None
        if best is not None and r is not best and r["state"] == "complete":
            verdict = groups.seed_noise(finals[best["trial"]], finals[r["trial"]])
        params = " · ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
                            for k, v in r["params"].items())
        table.append({tr("sweepview.col.trial"): f"{r['trial']}: {params}",
                      tr("sweepview.col.state"): tr(f"sweepview.trial_state.{r['state']}"),
                      tr("sweepview.col.value"): None if n == 0 else round(mean, 4),
                      tr("sweepview.col.spread"): None if n < 2 else round(std, 4),
                      tr("sweepview.col.noise"): tr("sweepview.best") if r is best else
                      seed_groups.verdict_text(verdict, interval=False)})
    st.markdown(f"**{tr('sweepview.trials')}**")
    st.dataframe(table, hide_index=True, key=f"{_P}table")
    st.caption(tr("sweepview.noise_note"))
    if best is not None and len(done) >= 2:
        runner = sorted(done, key=lambda r: r["value"], reverse=spec.direction == "maximize")[1]
        picked = (best["members"] + runner["members"])[:compare.MAX_RUNS]
        st.button(tr("sweepview.compare_best"), icon=":material/compare:", key=f"{_P}cmp",
                  on_click=_select, args=(picked,))


def _select(names: list[str]) -> None:
    st.session_state[sweep_form.SELECTION] = names
