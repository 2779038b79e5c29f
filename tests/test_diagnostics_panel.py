"""The Diagnostics panel: figures with their reference lines, the per-mode heat-map, alarm episodes,
and the Streamlit panel in both languages (docs shown, alarm explained, one toast per alarm)."""

import math

import numpy as np
import pytest

from ganlab.diagnostics import V_OPT
from ganlab.diagnostics.alarmlog import AlarmLog
from ganlab.i18n import t
from ganlab.live.snapshot import Snapshot
from ganlab.viz import diagnostics as vd

K = 8
COLLAPSE = {"kind": "mode_collapse", "step": 1800, "message_key": "diag.alarm.mode_collapse",
            "severity": "warning", "details": {"metric": "modes_covered", "peak": 8.0, "now": 2.0}}


def ring_snapshot(alarms=(), steps=30, seq=1, run_id="r1"):
    """A ring8 run probed every 100 iterations: all modes, then a collapse onto mode 3."""
    step = np.arange(1, steps + 1) * 100
    collapsed = step >= 1800
    diag = {"step": step,
            "modes_covered": np.where(collapsed, 2.0, 8.0),
            "modes_covered_loose": np.where(collapsed, 3.0, 8.0),
            "hq_share": np.full(steps, 0.97),
            "mode_kl": np.where(collapsed, math.log(4), 0.01),
            "sample_diversity": np.where(collapsed, 0.2, 1.0),
            "kl_binned": np.full(steps, 0.3), "js_binned": np.full(steps, 0.05),
            # exact W1 runs every 1,000 iterations: NaN in between
            "w1_exact": np.where(step % 1000 == 0, 0.5, np.nan),
            "mmd": np.full(steps, 0.01),
            "minimax_value": np.full(steps, -1.2),
            "d_acc_real": np.full(steps, 0.6), "d_acc_fake": np.full(steps, 0.55)}
    for k in range(K):
        share = np.where(collapsed, 0.97 if k == 3 else 0.0, 0.97 / K)
        diag[f"mode_share_{k:02d}"] = share
    return Snapshot(run_id=run_id, seq=seq, state="running", step=int(step[-1]),
                    config={"dataset": "ring8", "loss": "minimax"}, diagnostics=diag,
                    alarms=tuple(alarms), bounds=((-3.0, 3.0), (-3.0, 3.0)))


def chart(key):
    return next(c for c in vd.CHARTS if c.key == key)


def hlines(fig):
    return [s.y0 for s in fig.layout.shapes if s.y0 == s.y1]


# --- figures -----------------------------------------------------------------------------------
def test_minimax_value_sits_next_to_minus_log_4_with_the_js_it_implies():
    fig = vd.metric_figure(ring_snapshot(), chart("minimax_value"))
    assert hlines(fig) == [pytest.approx(-math.log(4))]
    # V = −log 4 + 2·JS: −1.2 means D sees JS ≈ 0.093.
    assert f"{(-1.2 - V_OPT) / 2:.3f}" in fig.data[0].text[0]


def test_reference_lines_say_what_good_looks_like():
    snap = ring_snapshot()
    assert hlines(vd.metric_figure(snap, chart("modes"))) == [K]
    assert hlines(vd.metric_figure(snap, chart("hq_share"))) == [pytest.approx(1 - math.exp(-4.5))]
    one_d = snap.replace(bounds=((-5.0, 5.0),))
    assert hlines(vd.metric_figure(one_d, chart("hq_share"))) == [pytest.approx(0.9973)]
    assert hlines(vd.metric_figure(snap, chart("d_acc"))) == [0.5]
    # binned JS: its ln 2 ceiling and the real-vs-real floor of ring8
    js = hlines(vd.metric_figure(snap, chart("js_binned")))
    assert js[0] == pytest.approx(math.log(2)) and 0 < js[1] < 0.01


def test_sparse_metrics_connect_and_2d_gets_no_1d_charts():
    snap = ring_snapshot()
    steps, values = vd.series(snap, "w1_exact")
    assert steps.tolist() == [1000, 2000, 3000] and np.all(values == 0.5)
    keys = {c.key for c in vd.available_charts(snap)}
    assert {"modes", "w1_exact", "minimax_value", "d_acc"} <= keys
    assert not keys & {"kl_data_g", "js", "w1"}


def test_alarm_onsets_are_markers_on_every_chart():
    fig = vd.metric_figure(ring_snapshot(), chart("mode_kl"), alarms=[COLLAPSE])
    vlines = [s.x0 for s in fig.layout.shapes if s.x0 == s.x1]
    assert vlines == [1800]
    marker = fig.data[-1]
    assert t("diag.alarm.mode_collapse") in marker.hovertext[0]


def test_heatmap_shows_the_collapse_onto_one_mode():
    fig = vd.mode_heatmap(ring_snapshot())
    z = np.array(fig.data[0].z, dtype=float)
    assert z.shape == (K, 30)
    after = np.array(fig.data[0].x) >= 1800
    assert z[3, after].min() == pytest.approx(0.97) and z[:, after].sum(0) == pytest.approx(0.97)
    assert np.allclose(z[:, ~after], 0.97 / K, atol=1e-4)  # 4 digits on the wire


def test_heatmap_payload_is_bounded_for_long_runs():
    fig = vd.mode_heatmap(ring_snapshot(steps=3000))
    assert len(fig.data[0].x) == vd.MAX_HEATMAP_COLUMNS


# --- alarm episodes -----------------------------------------------------------------------------
def test_alarm_log_keeps_the_onset_and_reports_each_episode_once():
    log = AlarmLog()
    assert [e["step"] for e in log.update([COLLAPSE])] == [1800]
    again = {**COLLAPSE, "step": 2000, "details": {"now": 1.0}}  # same alarm, later check
    assert log.update([again]) == []
    assert log.episodes[0]["step"] == 1800 and log.episodes[0]["last_step"] == 2000
    assert log.update([]) == [] and log.episodes[0]["active"] is False  # cleared, kept
    assert len(log.update([{**COLLAPSE, "step": 2600}])) == 1  # a new episode
    assert [e["step"] for e in log.episodes] == [1800, 2600]


# --- the Streamlit panel ------------------------------------------------------------------------
def panel_script():
    import streamlit as st

    from ganlab.ui import diagnostics_panel

    diagnostics_panel.render(st.session_state["snap"])


def run_panel(lang, snaps):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(panel_script, default_timeout=60)
    at.session_state["lang"] = lang
    runs = []
    for snap in snaps:
        at.session_state["snap"] = snap
        at.run()
        assert not at.exception, at.exception
        runs.append(([x.value for x in at.toast], " ".join(c.value for c in at.caption),
                     " ".join(w.value for w in at.warning)))
    return runs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panel_explains_the_run_and_toasts_each_alarm_once(lang):
    first = ring_snapshot(alarms=[COLLAPSE], seq=1)
    same = ring_snapshot(alarms=[COLLAPSE], seq=1)               # the same tick, drawn again
    later = ring_snapshot(alarms=[{**COLLAPSE, "step": 2000}], seq=2)  # next check, same alarm
    (toasts1, captions, warnings), (toasts2, _, _), (toasts3, _, warnings3) = run_panel(
        lang, [first, same, later])
    title = t("diag.alarm.mode_collapse", lang)
    assert len(toasts1) == 1 and title in toasts1[0]
    assert toasts2 == [] and toasts3 == []
    for key in ("diag.doc.minimax_value", "diag.doc.modes_covered", "diag.doc.mode_share",
                "diag.doc.w1_exact"):
        assert t(key, lang) in captions
    for text in (title, t("diag.alarm.mode_collapse.cause", lang),
                 t("diag.alarm.mode_collapse.remedy", lang), t("dp.since", lang, step=1800)):
        assert text in warnings
    assert t("dp.since", lang, step=1800) in warnings3  # the onset, not the latest check


def test_panel_without_diagnostics_says_when_they_come():
    empty = Snapshot(run_id="r2", seq=1, state="running", step=5, config={"dataset": "moons"})
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(panel_script, default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["snap"] = empty
    at.run()
    assert not at.exception
    assert t("dp.empty", "en") in [i.value for i in at.info]
    assert t("dp.no_alarms", "en") in [s.value for s in at.success]
