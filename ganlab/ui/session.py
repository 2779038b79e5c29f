"""The one owner of the Playground's st.session_state keys, behind functions.

Session state holds only ids and UI preferences (architecture §3): the session id, the id of the job
this tab watches, points the user drew, a preset waiting to be applied, and what live changes
were already sent. Widget keys are made by `wkey()`, so every key the page uses is spelled here.

Ownership: each browser session gets a uuid; the JobManager records it as the owner of the jobs
it submits. When the tab closes (or reloads), a session-scoped cache entry is released and calls
`mgr.release_session(sid)`: the jobs become orphans that the reaper stops after a grace period,
unless a new session re-attaches with `?run=<id>` (attach refuses a job another live session
holds, so a second tab never takes over someone's run).

A visitor is a person, not a tab: every page run tells the manager the session's visitor key, the
client address from `st.context` (the trusted X-Forwarded-For hop behind our reverse proxies,
GANLAB_TRUSTED_PROXIES, else the connection's; ganlab.serve.visitors), so the per-visitor cap
counts all of a person's tabs together.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import streamlit as st

_P = "pg_"                                   # prefix of every internal key of this module
_W = "pgw_"                                  # prefix of widget keys (also CSS: .st-key-pgw_...)
PRESET_KEY = "playground_preset"             # shared with ganlab/ui/learn.py's open_preset
PLAYGROUND_PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "playground.py")


def wkey(name: str) -> str:
    """The session-state key of the Playground widget `name`."""
    return f"{_W}{name}"


def manager():
    from ganlab.serve.manager import get_manager

    return get_manager()


# --- session and job ownership ---------------------------------------------------------------
def _release(sid: str) -> None:
    # on_release runs outside any script run: no session state here, only the manager.
    try:
        manager().release_session(sid)
    except Exception:  # noqa: BLE001 - a failing release must never break the server
        pass


@st.cache_resource(scope="session", on_release=_release, show_spinner=False)
def _session_guard(sid: str) -> str:
    return sid


def session_id() -> str:
    sid = st.session_state.get(_P + "sid")
    if sid is None:
        sid = st.session_state[_P + "sid"] = uuid.uuid4().hex
        _name_visitor(sid)
    _session_guard(sid)
    return sid


def visitor() -> str | None:
    """This session's visitor key (ganlab.serve.visitors); None without a client (AppTest).
    A loopback connection (st.context.ip_address is None there) is the one local person."""
    from ganlab.serve import settings
    from ganlab.serve.visitors import client_address, visitor_key

    try:
        headers = st.context.headers
        forwarded = headers.get_all("X-Forwarded-For")
        remote = st.context.ip_address
    except Exception:  # noqa: BLE001 - no client context: the session counts as its own visitor
        return None
    if not headers:
        return None
    address = client_address(forwarded, remote or "127.0.0.1",
                             settings.get().trusted_proxies)
    return visitor_key(address)


def _name_visitor(sid: str) -> None:
    # Once per session: its connection (and so its address) does not change while it lives.
    try:
        manager().set_visitor(sid, visitor())
    except Exception:  # noqa: BLE001 - a failing lookup leaves the session its own visitor
        pass


def job_id() -> str | None:
    return st.session_state.get(_P + "job")


def set_job(job: str | None, cfg: dict | None = None) -> None:
    """Watch `job` (None: none); its id goes into the URL so a reload re-attaches."""
    st.session_state[_P + "job"] = job
    st.session_state[_P + "sent"] = dict(cfg or {})
    if job:
        st.query_params["run"] = job
    elif "run" in st.query_params:
        del st.query_params["run"]


def leave_job() -> None:
    """Stop watching the job (Reset, or a preset: both set up a new run). The job is stopped,
    so its folder keeps its own config and checkpoint, and slow motion is off for the next."""
    job = job_id()
    if job is not None:
        try:
            manager().stop(job, wait=False)
        except ValueError:
            pass
    set_job(None)
    set_widget("slow", False)


def sent_config() -> dict:
    """The job's config as this tab last set it (submitted config plus live changes sent)."""
    return st.session_state.get(_P + "sent", {})


def record_sent(changes: dict) -> None:
    st.session_state[_P + "sent"] = {**sent_config(), **changes}


def attach_from_url() -> str | None:
    """Once per session: re-attach to `?run=<id>` if this session may. Returns an i18n key of a
    problem to show, or None."""
    if st.session_state.get(_P + "url_checked"):
        return None
    st.session_state[_P + "url_checked"] = True
    wanted = st.query_params.get("run")
    if not wanted or wanted == job_id():
        return None
    mgr = manager()
    if mgr.attach(session_id(), wanted):
        snap = mgr.latest(wanted)
        set_job(wanted, snap.config if snap is not None else {})
        return None
    del st.query_params["run"]
    return "pg.run_not_attached"


# --- pending commands (sent once the worker is up) -----------------------------------------------
def queue_command(name: str, **args) -> None:
    st.session_state.setdefault(_P + "pending", []).append((name, args))


def has_pending() -> bool:
    return bool(st.session_state.get(_P + "pending"))


def take_pending() -> list:
    return st.session_state.pop(_P + "pending", [])


# --- presets -------------------------------------------------------------------------------------
def open_playground(preset: str) -> None:
    """From any page: open the Playground with `preset` applied to its controls."""
    st.session_state[PRESET_KEY] = preset
    st.switch_page(PLAYGROUND_PAGE)


def take_preset() -> str | None:
    """A preset waiting to be applied: from open_playground / a Learn page, or `?preset=` in the
    URL (applied once per session, so later edits of the controls are not overwritten; not
    when the URL also re-attached a run: a reload keeps watching that run)."""
    name = st.session_state.pop(PRESET_KEY, None)
    url = st.query_params.get("preset")
    if name is None and url and st.session_state.get(_P + "url_preset") != url and \
            job_id() is None:
        name = url
    if url:
        st.session_state[_P + "url_preset"] = url
    return name


def set_widget(name: str, value) -> None:
    st.session_state[wkey(name)] = value


def widget(name: str, default=None):
    return st.session_state.get(wkey(name), default)


# --- drawn points --------------------------------------------------------------------------------
def drawn_points() -> list:
    return st.session_state.setdefault(_P + "drawn", [])


def set_drawn_points(points) -> None:
    st.session_state[_P + "drawn"] = [tuple(map(float, p)) for p in points]


def csv_error() -> str | None:
    return st.session_state.get(_P + "csv_error")


def set_csv_error(message: str | None) -> None:
    st.session_state[_P + "csv_error"] = message


# --- small UI state ------------------------------------------------------------------------------
def flash(message_key: str | None = None, **args):
    """Set (with a key) or take (without) a one-shot message shown on the next run."""
    if message_key is None:
        return st.session_state.pop(_P + "flash", None)
    st.session_state[_P + "flash"] = (message_key, args)
    return None


def rendered_state(state: str | None = None) -> str | None:
    """The job state the last full run drew its buttons for (the live view compares)."""
    if state is not None:
        st.session_state[_P + "rendered_state"] = state
    return st.session_state.get(_P + "rendered_state")


# --- the past snapshot on show -------------------------------------------------------------------
def pinned_frame(job: str) -> object | None:
    """The time slider's frame this session is looking at, kept here because the job thins its
    frames as the run grows: a frame dropped while it is on show must stay on show."""
    kept = st.session_state.get(_P + "pinned_frame")
    return kept[1] if kept is not None and kept[0] == job else None


def pin_frame(job: str, snap) -> None:
    st.session_state[_P + "pinned_frame"] = (job, snap)
