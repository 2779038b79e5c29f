"""A config's seeds shown as one: the Compare page's mean ± spread bands with the seed-noise
verdict, and the Runs page's table with one row per config (ganlab.sweep.groups does the maths).
"""

from __future__ import annotations

import math

import streamlit as st

from ganlab.config import Config
from ganlab.runs.folder import Run, RunError
from ganlab.sweep import groups
from ganlab.sweep.grid import label
from ganlab.ui.lang import current_lang, tr
from ganlab.viz import compare

FINALS = ("modes_covered", "hq_share", "fcd", "classifier_score", "loss_d", "loss_g")


def group_labels(configs: dict[str, Config], members: list[list[str]]) -> list[str]:
    """`loss=hinge · lr_d=0.001`: the keys on which the groups differ (seed aside)."""
    firsts = {g[0]: configs[g[0]] for g in members}
    keys = [k for k in compare.differing_keys(firsts) if k not in groups.NOT_THE_EXPERIMENT]
    return [label(configs[g[0]], keys) if keys else g[0] for g in members]


def _pm(mean: float, std: float, n: int) -> str:
    if n == 0 or math.isnan(mean):
        return "–"
    return f"{mean:.3g} ± {std:.2g}" if n > 1 else f"{mean:.3g}"


def compare_section(snaps: dict, configs: dict[str, Config], lang: str) -> None:
    """Bands over each config's seeds, when some config among the picked runs has two or more."""
    members = groups.group_seeds(configs)
    if all(len(g) < 2 for g in members):
        return
    names = group_labels(configs, members)
    st.markdown(f"**{tr('cmp.seed_groups')}**")
    metrics = ["loss_d", "loss_g"] + compare.shared_metrics(snaps)
    key = st.selectbox(tr("cmp.seed_metric"), metrics, key="cmp_seed_metric",
                       index=metrics.index("modes_covered") if "modes_covered" in metrics else 0,
                       format_func=lambda k: compare.metric_name(k, lang))
    bands = {}
    for name, g in zip(names, members):
        curves = [c for c in (compare.series(snaps[n], key) for n in g) if c[0] is not None]
        if curves:
            bands[f"{name} ({len(g)})"] = groups.band(curves)
    st.plotly_chart(compare.band_figure(bands, key, lang), key="cmp_bands")
    finals = [[_final(snaps[n], key) for n in g] for g in members]
    rows = []
    for name, g, values in zip(names, members, finals):
        mean, std, n = groups.mean_spread(values)
        verdict = groups.seed_noise(finals[0], values) if values is not finals[0] else None
        rows.append({tr("cmp.group"): name, tr("cmp.n_seeds"): len(g),
                     tr("cmp.final"): _pm(mean, std, n),
                     tr("sweepview.col.noise"): verdict_text(verdict)})
    st.dataframe(rows, hide_index=True, key="cmp_seed_table")
    st.caption(tr("sweepview.noise_note"))


def _final(snap, key: str):
    steps, values = compare.series(snap, key)
    if values is None:
        return None
    finite = [v for v in values if math.isfinite(v)]
    return finite[-1] if finite else None


def verdict_text(v, interval: bool = True) -> str:
    """`+0.5 [-1, 2]: within seed noise`, or the words alone; `–` without a verdict."""
    if v is None:
        return "–"
    words = tr("sweepview.within") if v.within_noise else tr("sweepview.beyond")
    return f"{v.diff:+.3g} [{v.low:.3g}, {v.high:.3g}]: {words}" if interval else words


def runs_table(summaries: list, root) -> None:
    """The Runs page grouped: a row per config, mean ± std of its runs' final values."""
    configs, by_name, lang = {}, {s.name: s for s in summaries}, current_lang()
    for s in summaries:
        if s.state == "corrupt":
            continue
        try:
            configs[s.name] = Run(root / s.name).config()
        except RunError:
            continue
    if not configs:
        return
    members = groups.group_seeds(configs)
    names = group_labels(configs, members)
    rows = []
    for name, g in zip(names, members):
        row = {tr("cmp.group"): f"{configs[g[0]].dataset} · {name}", tr("cmp.n_seeds"): len(g)}
        for key in FINALS:
            values = [by_name[n].final.get(key) for n in g]
            if any(v is not None for v in values):
                row[compare.metric_name(key, lang)] = _pm(*groups.mean_spread(values))
        rows.append(row)
    st.dataframe(rows, hide_index=True, key="runs_grouped")
    st.caption(tr("runs.group_hint"))
