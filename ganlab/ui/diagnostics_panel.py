"""The Diagnostics panel: every logged diagnostic as a small chart over iterations, each with its
one-line doc, the alarms as toasts, chart markers and a list with causes and remedies.

It only reads the Snapshot: the worker computes the diagnostics and the alarms. Alarms arrive as
"active now" reports; an ``AlarmLog`` per run (in session_state) turns them into episodes with an
onset, so a toast fires once per episode however often the fragment ticks (research §2.2), and a
marker stays on the charts after the alarm clears. The log only advances when the Snapshot's
``seq`` does, which is the cursor.
"""

from __future__ import annotations

import streamlit as st

from ganlab.diagnostics.alarmlog import AlarmLog
from ganlab.diagnostics.registry import doc_key
from ganlab.ui.lang import current_lang, tr
from ganlab.ui.plotly_react import live_chart
from ganlab.viz import diagnostics as vd

_STATE = "dp_alarm_logs"   # {run_id: {"seq": last seq folded in, "log": AlarmLog}}
ICONS = {"error": ":material/error:", "warning": ":material/warning:"}
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False}


def alarm_log(snapshot) -> tuple[AlarmLog, list[dict]]:
    """This run's AlarmLog, advanced to ``snapshot``; and the episodes that just began."""
    logs = st.session_state.setdefault(_STATE, {})
    entry = logs.get(snapshot.run_id)
    if entry is None:
        entry = logs[snapshot.run_id] = {"seq": None, "log": AlarmLog()}
    if entry["seq"] is not None and snapshot.seq <= entry["seq"]:
        return entry["log"], []          # same (or an older) snapshot: nothing new to say
    entry["seq"] = snapshot.seq
    return entry["log"], entry["log"].update(snapshot.alarms or ())


def _details(details: dict) -> str:
    parts = []
    for k, v in (details or {}).items():
        parts.append(f"{k} = {v:.3g}" if isinstance(v, float) else f"{k} = {v}")
    return " · ".join(parts)


def _alarm_list(episodes: list[dict]) -> None:
    st.markdown(f"#### {tr('dp.alarms')}")
    if not episodes:
        st.success(tr("dp.no_alarms"), icon=":material/check_circle:")
        return
    for ep in reversed(episodes):        # newest first
        key = ep.get("message_key", "")
        when = (tr("dp.since", step=ep["step"]) if ep.get("active")
                else tr("dp.cleared", step=ep.get("last_step", ep["step"])))
        body = (f"**{tr(key)}** — {when}\n\n"
                f"**{tr('dp.cause')}:** {tr(key + '.cause')}\n\n"
                f"**{tr('dp.remedy')}:** {tr(key + '.remedy')}")
        if ep.get("details"):
            body += f"\n\n*{_details(ep['details'])}*"   # the numbers behind the decision
        if not ep.get("active"):
            st.info(body, icon=":material/schedule:")
        elif ep.get("severity") == "error":
            st.error(body, icon=ICONS["error"])
        else:
            st.warning(body, icon=ICONS["warning"])


def _docs(snapshot, metrics) -> None:
    for m in metrics:
        if vd.has(snapshot, m):
            st.caption(tr(doc_key(m)))


def _classroom() -> bool:
    """The Playground's projector switch, when there is one."""
    try:
        from ganlab.ui import session
    except ImportError:
        return False
    return bool(session.widget("classroom"))


def render(snapshot, big: bool | None = None) -> None:
    """Draw the panel for one Snapshot. ``big``: projector sizes (bigger fonts, 2 columns); by
    default it follows the Playground's classroom switch."""
    lang = current_lang()
    big = _classroom() if big is None else big
    log, new = alarm_log(snapshot)
    for ep in new:
        st.toast(tr("dp.toast", title=tr(ep.get("message_key", "")), step=ep["step"]),
                 icon=ICONS.get(ep.get("severity"), ICONS["warning"]))
    markers = log.episodes

    st.subheader(tr("dp.title"))
    st.caption(tr("dp.caption"))
    _alarm_list(log.episodes)
    if not vd.available_charts(snapshot):
        st.info(tr("dp.empty"), icon=":material/hourglass_empty:")
        return
    ncols = 2 if big else 3
    for group in vd.GROUPS:
        charts = vd.available_charts(snapshot, group)
        heatmap = group == "coverage" and vd.mode_columns(snapshot)
        if not charts and not heatmap:
            continue
        st.markdown(f"#### {tr(f'dp.group.{group}')}")
        for start in range(0, len(charts), ncols):
            cols = st.columns(ncols)
            for col, chart in zip(cols, charts[start:start + ncols]):
                with col:
                    live_chart(vd.metric_figure(snapshot, chart, lang, alarms=markers, big=big),
                               key=f"dp_{chart.key}", config=PLOTLY_CONFIG)
                    _docs(snapshot, chart.metrics)
        if heatmap:
            live_chart(vd.mode_heatmap(snapshot, lang, alarms=markers, big=big),
                       key="dp_mode_heatmap", config=PLOTLY_CONFIG)
            st.caption(tr("diag.doc.mode_share"))
