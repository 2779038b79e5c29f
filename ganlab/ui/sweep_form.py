"""The "New sweep" form of the Compare page: pick a base config and one or two keys with values,
queue one job per combination (within this visitor's job limit), then select them for comparing.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ganlab.config import Config, ConfigError
from ganlab.runs import index as runindex
from ganlab.runs import naming
from ganlab.runs.folder import Run, RunError
from ganlab.sweep import grid as sweep
from ganlab.ui import session
from ganlab.ui.lang import tr

TERMINAL = ("finished", "failed", "stopped")
SELECTION = "cmp_runs"     # the Compare page's run picker (a multiselect key)
_P = "sweep_"
_NONE = "—"


def playground_config() -> Config:
    """The Playground's current settings: its controls if this session drew them, else what it
    last submitted, else its opening preset."""
    from ganlab.ui import controls

    if session.widget("dataset") is not None:
        cfg, _ = controls.build_config()
        if cfg is not None:
            return cfg
    try:
        sent = session.sent_config()
        if sent:
            return Config.from_dict(sent)
    except ConfigError:
        pass
    return controls.base_config()


def per_visitor_cap(mgr) -> int:
    """How many jobs one visitor may have going at once (the JobManager's limit)."""
    return getattr(getattr(mgr, "limits", None), "max_per_session", sweep.MAX_RUNS)


def free_slots(mgr, sid: str) -> int:
    """How many more jobs this session may have going (JobManager's per-visitor cap)."""
    cap = per_visitor_cap(mgr)
    active = 0
    for job in mgr.jobs_of(sid):
        snap = mgr.latest(job)
        active += snap is not None and snap.state not in TERMINAL
    return max(0, cap - active)


def _launch(base: Config, axes: dict, root: Path) -> None:
    # A button callback: runs before the page, so it may set the run picker's value.
    mgr = session.manager()
    try:
        runindex.check_quota(root)
        cfgs = sweep.grid(base, axes)
        slots = free_slots(mgr, session.session_id())
        if len(cfgs) > slots:
            raise sweep.SweepError(tr("sweep.too_many_for_limit", n=len(cfgs), slots=slots))
    except (ValueError, RunError, runindex.QuotaError) as e:
        st.session_state[_P + "error"] = str(e)
        return
    launched, keys = [], list(axes)
    for cfg in cfgs:
        name = naming.unique(root, sweep.run_name(cfg, keys))
        try:
            launched.append(mgr.submit(session.session_id(), cfg, run_dir=root / name))
        except (ValueError, RunError, OSError) as e:
            st.session_state[_P + "error"] = tr("sweep.partial", n=len(launched), why=str(e))
            break
    st.session_state[SELECTION] = launched[:6]
    st.session_state[_P + "done"] = tr("sweep.launched", n=len(launched))


def _axis(col, i: int, base: Config, taken: str | None, room: int):
    """One swept key and its values; the suggested values are cut to `room` runs, so the
    form's default launches within this visitor's limit."""
    options = [k for k in sweep.SWEEPABLE if k != taken]
    if i == 1:
        options = [_NONE] + options
    key = col.selectbox(tr("sweep.key", i=i + 1), options, key=f"{_P}key{i}",
                        index=options.index("loss") if i == 0 else 0)
    if key == _NONE:
        return None, None
    default = ", ".join(sweep._short(v) for v in sweep.suggest(key, base)[:max(1, room)])
    text = col.text_input(tr("sweep.values"), value=default, key=f"{_P}vals{i}_{key}",
                          help=tr("sweep.values_help"))
    return key, text


def _limits() -> tuple[int, int]:
    """(this visitor's cap on runs going at once, how many of those are free now)."""
    try:
        mgr = session.manager()
        return per_visitor_cap(mgr), free_slots(mgr, session.session_id())
    except Exception:  # noqa: BLE001 - without a backend the form still shows; launching says why
        return sweep.MAX_RUNS, sweep.MAX_RUNS


def form(runs: list, root: Path, expanded: bool) -> None:
    with st.expander(tr("sweep.title"), icon=":material/science:", expanded=expanded):
        sources = ["playground"] + [s.name for s in runs if s.state != "corrupt"]
        src = st.selectbox(tr("sweep.base"), sources, key=_P + "base",
                           format_func=lambda s: tr("sweep.base_playground") if s == "playground"
                           else s)
        try:
            base = playground_config() if src == "playground" else Run(root / src).config()
        except RunError as e:
            st.error(str(e))
            return
        cap, slots = _limits()
        c = st.columns(3)
        k1, v1 = _axis(c[0], 0, base, None, slots)
        k2, v2 = _axis(c[1], 1, base, k1, 1)
        steps = c[2].number_input(tr("sweep.steps"), 1, 10_000_000, value=min(base.steps, 5000),
                                  step=500, key=_P + "steps")
        axes, problems = {}, []
        for k, v in ((k1, v1), (k2, v2)):
            if k is None:
                continue
            try:
                axes[k] = sweep.parse_values(k, v)
            except sweep.SweepError as e:
                problems.append(str(e))
        base = base.replace(steps=int(steps))
        try:
            cfgs = sweep.grid(base, axes) if not problems else []
        except sweep.SweepError as e:
            problems.append(str(e))
            cfgs = []
        for p in problems:
            st.error(p)
        if cfgs:
            st.caption(tr("sweep.preview", n=len(cfgs)) + " " +
                       " | ".join(sweep.label(cf, list(axes)) for cf in cfgs))
        st.button(tr("sweep.go", n=len(cfgs)), type="primary", icon=":material/rocket_launch:",
                  disabled=not cfgs, key=_P + "go", on_click=_launch, args=(base, axes, root))
        st.caption(tr("sweep.note") + " " + tr("sweep.limit", cap=cap, slots=slots))
    for kind in ("error", "done"):
        msg = st.session_state.pop(_P + kind, None)
        if msg:
            (st.error if kind == "error" else st.success)(msg)
