"""The "New sweep" form of the Compare page: a base config, one or two keys with values (or, for
random and search, ranges), the seeds of each config, the objective and a budget. A one-seed grid
queues one job per combination at once (within this visitor's job limit) and selects them for
comparing; anything else becomes a sweep spec (ganlab.sweep.spec, the same as `ganlab sweep`)
that the sweep view drives (ganlab/ui/sweep_view.py). A spec file can be uploaded instead.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import streamlit as st

from ganlab.config import Config, ConfigError, coerce
from ganlab.runs import index as runindex
from ganlab.runs import naming
from ganlab.runs.folder import Run, RunError
from ganlab.safetext import md
from ganlab.serve import settings
from ganlab.sweep import grid as sweep
from ganlab.sweep import spec as specs
from ganlab.ui import session
from ganlab.ui.lang import current_lang, message, tr
from ganlab.viz import compare

TERMINAL = ("finished", "failed", "stopped")
SELECTION = "cmp_runs"     # the Compare page's run picker (a multiselect key)
OPEN = "sweep_open"        # the sweep just started: the sweep view opens on it
MINE = "sweeps_mine"       # sweeps this session drives (queues members for, in its own slots)
_P = "sweep_"
_NONE = "—"
_SEEDS_OF = _P + "seeds_of"   # a pending "these settings on k seeds" from the Playground
_FORM_KEYS = ("base", "kind", "key0", "key1", "vals", "log", "steps", "seeds", "objective",
              "budget", "pruning")


def open_as_seeds(seeds: str = "0-4") -> None:
    """Set the form up for the Playground's settings as one config over `seeds`, no key swept.
    The form's own widget state is cleared rather than overwritten: a widget given both a
    default and a Session State value draws Streamlit's warning."""
    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith(_P)]:
        if k[len(_P):].startswith(_FORM_KEYS):
            del st.session_state[k]
    st.session_state[_SEEDS_OF] = seeds


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
        runindex.check_quota(root, settings.get().quota_bytes)
        cfgs = sweep.grid(base, axes)
        slots = free_slots(mgr, session.session_id())
        if len(cfgs) > slots:
            raise sweep.SweepError(tr("sweep.too_many_for_limit", n=len(cfgs), slots=slots))
    except (ValueError, RunError, runindex.QuotaError) as e:
        st.session_state[_P + "error"] = message(e)
        return
    launched, keys = [], list(axes)
    for cfg in cfgs:
        name = naming.unique(root, sweep.run_name(cfg, keys))
        try:
            launched.append(mgr.submit(session.session_id(), cfg, run_dir=root / name))
        except (ValueError, RunError, OSError) as e:
            st.session_state[_P + "error"] = tr("sweep.partial", n=len(launched), why=message(e))
            break
    st.session_state[SELECTION] = launched[:6]
    st.session_state[_P + "done"] = tr("sweep.launched", n=len(launched))


def _axis(col, i: int, base: Config, taken: str | None, room: int, kind: str,
          none_first: bool = False):
    """One swept key and its values; the suggested values are cut to `room` runs, so the
    form's default launches within this visitor's limit. Random and search also take a range
    low..high, drawn on a log scale when ticked (learning rates span decades)."""
    options = [k for k in sweep.SWEEPABLE if k != taken and (k != "seed" or kind == "grid")]
    # No key at all is one config over its seeds (the Playground's settings as k seeds).
    options = [_NONE] + options if i == 1 or kind == "grid" else options
    key = col.selectbox(tr("sweep.key", i=i + 1), options, key=f"{_P}key{i}",
                        index=options.index("loss") if i == 0 and not none_first else 0)
    if key == _NONE:
        return None, None
    default = ", ".join(sweep._short(v) for v in sweep.suggest(key, base)[:max(1, room)])
    text = col.text_input(tr("sweep.values"), value=default, key=f"{_P}vals{i}_{key}",
                          help=tr("sweep.values_help" if kind == "grid" else
                                  "sweep.values_range_help"))
    if kind == "grid" or ".." not in text:
        return key, text
    log = col.checkbox(tr("sweep.log"), value=key.startswith("lr_"), key=f"{_P}log{i}_{key}")
    return key, (text, log)


def _axis_spec(key: str, text) -> dict:
    """The spec's entry for one axis: a range from `low..high`, else the listed values."""
    if isinstance(text, tuple):
        (low, _, high), log = text[0].partition(".."), text[1]
        return {"low": coerce_or_raise(key, low), "high": coerce_or_raise(key, high), "log": log}
    return {"values": sweep.parse_values(key, text)}


def coerce_or_raise(key: str, text: str):
    try:
        return coerce(key, text.strip())
    except ConfigError as e:
        raise sweep.SweepError(str(e)) from None


def _limits() -> tuple[int, int]:
    """(this visitor's cap on runs going at once, how many of those are free now)."""
    try:
        mgr = session.manager()
        return per_visitor_cap(mgr), free_slots(mgr, session.session_id())
    except Exception:  # noqa: BLE001 - without a backend the form still shows; launching says why
        return sweep.MAX_RUNS, sweep.MAX_RUNS


def form(runs: list, root: Path, expanded: bool) -> None:
    seeds_of = st.session_state.pop(_SEEDS_OF, None)
    with st.expander(tr("sweep.title"), icon=":material/science:",
                     expanded=expanded or seeds_of is not None):
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
        kind = st.radio(tr("sweep.kind"), specs.KINDS, horizontal=True, key=_P + "kind",
                        format_func=lambda k: tr(f"sweep.kind.{k}"))
        c = st.columns(3)
        k1, v1 = _axis(c[0], 0, base, None, slots, kind, none_first=seeds_of is not None)
        k2, v2 = _axis(c[1], 1, base, k1, 1, kind)
        steps = c[2].number_input(tr("sweep.steps"), 1, 10_000_000, value=min(base.steps, 5000),
                                  step=500, key=_P + "steps")
        axes, problems = {}, []
        for k, v in ((k1, v1), (k2, v2)):
            if k is None:
                continue
            try:
                axes[k] = _axis_spec(k, v)
            except sweep.SweepError as e:
                problems.append(str(e))
        base = base.replace(steps=int(steps))
        plan = _plan(kind, base, axes, seeds_of)
        simple = kind == "grid" and plan["seeds"] == str(base.seed) and "seed" not in axes
        if simple:   # one seed: every combination queued at once, as before
            _grid_launch(base, {k: a["values"] for k, a in axes.items()}, root, problems)
        else:
            _spec_launch(plan, root, problems)
        st.caption(tr("sweep.note") + " " + tr("sweep.limit", cap=cap, slots=slots))
        _upload(root)
    for kind in ("error", "done"):
        msg = st.session_state.pop(_P + kind, None)
        if msg:
            (st.error if kind == "error" else st.success)(msg)


def _plan(kind: str, base: Config, axes: dict, seeds_of: str | None = None) -> dict:
    """The rest of the spec: seeds, objective, budget, pruning (a plain dict, as in a file)."""
    c = st.columns(4)
    seeds = c[0].text_input(tr("sweep.seeds"), value=seeds_of or str(base.seed), key=_P + "seeds",
                            help=tr("sweep.seeds_help"))
    objective = c[1].selectbox(tr("sweep.objective"), list(specs.OBJECTIVES),
                               key=_P + "objective",
                               format_func=lambda k: f"{compare.metric_name(k, current_lang())}"
                               f" ({tr('sweep.direction.' + specs.OBJECTIVES[k])})")
    plan = {"kind": kind, "base": {k: v for k, v in base.to_dict().items() if k != "steps"},
            "axes": axes, "seeds": seeds.strip(), "objective": objective,
            "steps": base.steps, "name": naming.sanitize("-".join([kind, base.dataset, *axes]))}
    if kind != "grid":
        plan["budget"] = int(c[2].number_input(tr("sweep.budget"), 1, specs.MAX_CONFIGS,
                                               value=12, key=_P + "budget"))
        plan["pruning"] = c[3].checkbox(tr("sweep.pruning"), value=kind == "search",
                                        key=_P + "pruning", help=tr("sweep.pruning_help"))
    return plan


def _grid_launch(base: Config, axes: dict, root: Path, problems: list) -> None:
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


def _spec_launch(plan: dict, root: Path, problems: list) -> None:
    spec = None
    if not problems:
        try:
            spec = specs.parse(plan)
        except specs.SpecError as e:
            problems.append(str(e))
    for p in problems:
        st.error(p)
    if spec is None:
        return
    st.caption(tr("sweep.plan", configs=spec.budget, seeds=len(spec.seeds), runs=spec.members))
    row = st.container(horizontal=True)
    row.button(tr("sweep.start"), type="primary", icon=":material/rocket_launch:",
               key=_P + "start", on_click=_start, args=(spec, root))
    row.download_button(tr("sweep.download"), json.dumps(spec.to_dict(), indent=1),
                        file_name=f"{spec.name}.json", mime="application/json",
                        on_click="ignore", icon=":material/download:", key=_P + "download")
    st.caption(tr("sweep.cli") + " " + tr("sweep.link_hint"))
    st.code("?" + link_query(spec), language=None)


def _start(spec, root: Path) -> None:
    # A button callback: runs before the page, so the sweep view opens on the new sweep.
    from ganlab.sweep import queued

    try:
        runindex.check_quota(root, settings.get().quota_bytes)
        folder = queued.create(spec, root)
    except (ValueError, OSError, runindex.QuotaError) as e:
        st.session_state[_P + "error"] = message(e)
        return
    st.session_state[OPEN] = folder.name
    st.session_state.setdefault(MINE, []).append(folder.name)
    st.session_state[_P + "done"] = tr("sweep.started", name=folder.name)


def link_query(spec) -> str:
    """`sweep=<compact JSON>`: the spec with only the base keys that differ from its dataset's
    defaults, so the link stays short; the Compare page reads it back (from_link)."""
    d = spec.to_dict()
    plain = Config.from_dict({"dataset": spec.base.dataset}).to_dict()
    d["base"] = {k: v for k, v in d["base"].items() if k == "dataset" or plain.get(k) != v}
    return "sweep=" + urllib.parse.quote(json.dumps(d, separators=(",", ":")))


def from_link(root: Path) -> None:
    """A sweep shared as `?sweep=...`: its plan and a Start button, or one line saying why not
    (a link may come from anyone)."""
    text = st.query_params.get("sweep")
    if not text:
        return
    try:
        spec = specs.parse_text(text, what=tr("sweep.link_what"))
    except specs.SpecError as e:
        st.error(md(tr("sweep.upload_bad", name=tr("sweep.link_what"), why=e)))
        return
    st.info(tr("sweep.from_link", name=spec.name) + " " +
            tr("sweep.plan", configs=spec.budget, seeds=len(spec.seeds), runs=spec.members))
    st.button(tr("sweep.start"), type="primary", key=_P + "start_link", on_click=_start,
              args=(spec, root))


def _upload(root: Path) -> None:
    """A spec file (from `ganlab sweep` or a colleague): checked like every outside input."""

    if not settings.get().allow_uploads:
        return
    up = st.file_uploader(tr("sweep.upload"), type=["json"], key=_P + "upload")
    if up is None:
        return
    try:
        spec = specs.parse_text(up.getvalue(), what=up.name)
    except specs.SpecError as e:
        st.error(md(tr("sweep.upload_bad", name=up.name, why=e)))
        return
    st.caption(tr("sweep.plan", configs=spec.budget, seeds=len(spec.seeds), runs=spec.members))
    st.button(tr("sweep.start"), type="primary", key=_P + "start_upload", on_click=_start,
              args=(spec, root))
