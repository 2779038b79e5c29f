"""Share and import for the Playground: settings from a shared link, the link itself, and a config
JSON upload — all of which only fill in the controls; none of them ever starts training.

How the Playground uses it (before its controls are drawn, then after):

    share.restore()                  # URL config once per session, or a config sent from Runs
    cfg, err = controls.sidebar(...)
    share.sync_url(cfg)              # the address bar is always the share link
    share.sidebar_tools(cfg)         # "Share & import" expander: link, JSON download/upload
    share.notices()                  # in the main area: what was restored, what was not

Values are written into the controls' session state (controls.apply_values) before the widgets
exist, or from a widget callback, which Streamlit allows; never after.
"""

from __future__ import annotations

import streamlit as st

from ganlab import presets, urlstate
from ganlab.config import FIELDS, Config, ConfigError
from ganlab.runs import bundle as export
from ganlab.safetext import md
from ganlab.serve import settings
from ganlab.ui.lang import tr

_P = "share_"
PENDING = _P + "pending"          # a config dict sent from another page, applied on next restore
_PROBLEMS = _P + "problems"
_UPLOAD = _P + "upload"
_NOTE = _P + "note"


# Keys that do not make a setup different from a preset: every link pins its seed, and the
# Playground's run length is its own.
_NOT_A_SETUP = ("seed", "steps")


def matching_preset(cfg: Config) -> str:
    """The preset whose setup cfg is (seed and length aside), else controls.CUSTOM."""
    from ganlab.ui.controls import CUSTOM, PLAYGROUND_STEPS

    for name in presets.names():
        try:
            ref = presets.preset_config(name, Config(steps=PLAYGROUND_STEPS))
        except (KeyError, ConfigError):
            continue
        if all(k in _NOT_A_SETUP for k in ref.diff(cfg)):
            return name
    return CUSTOM


def _apply(cfg: Config) -> list[str]:
    """Write cfg into the Playground's controls, the Preset box included (the preset cfg is, or
    none: "custom"); returns what could not be applied, each saying what is used instead."""
    from ganlab.ui import controls, datasets, session

    problems = []
    if cfg.dataset not in datasets.names():     # e.g. `folder` where uploads are off
        problems.append(tr("share.dataset_unavailable", dataset=cfg.dataset,
                           default=Config().dataset))
        cfg = cfg.replace(dataset=Config().dataset)
    controls.apply_values(cfg)
    session.set_widget("preset", matching_preset(cfg))
    session.set_drawn_points(cfg.drawn_points)
    return problems


def restore() -> None:
    """Call at the top of the Playground, before its controls. Applies `?key=value` settings once
    per session (a link opened in a new tab), or a config another page sent with
    open_in_playground. Never starts training."""
    if not st.session_state.get(_P + "url_done"):
        st.session_state[_P + "url_done"] = True
        params = st.query_params.to_dict()
        if urlstate.has_config(params):
            cfg, problems = urlstate.from_params(params)
            st.session_state[_PROBLEMS] = problems + _apply(cfg)
            st.session_state[_NOTE] = tr("share.loaded_from_link")
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        cfg = Config.from_dict(pending["config"])
        st.session_state[_PROBLEMS] = _apply(cfg)
        st.session_state[_NOTE] = tr(pending["note"], **pending.get("args", {}))


def notices() -> None:
    """What the last restore or upload did, until dismissed."""
    note, problems = st.session_state.get(_NOTE), st.session_state.get(_PROBLEMS) or []
    if not note and not problems:
        return
    box = st.container(key="share_notice")
    if problems:
        # Each problem quotes what the link said: shown as text, never as Markdown.
        box.warning(tr("share.problems") + "\n\n" + "\n".join(f"- {md(p)}" for p in problems))
    if note:
        box.info(note, icon=":material/link:")
    if box.button(tr("share.dismiss"), key=_P + "dismiss", type="tertiary"):
        st.session_state.pop(_NOTE, None)
        st.session_state.pop(_PROBLEMS, None)
        st.rerun()


def send_to_controls(cfg: Config, note: str = "share.loaded_from_run", **args) -> None:
    """Have the Playground's next run show cfg in its controls, with the note `note` (an i18n
    key). A job resumed from another page needs this too: otherwise the Playground's own
    controls differ from the job's config and their values are sent to it as live changes."""
    st.session_state[PENDING] = {"config": cfg.to_dict(), "note": note, "args": args}


def open_in_playground(cfg: Config) -> None:
    """From any page: open the Playground with cfg in its controls (not training)."""
    from ganlab.ui import session

    send_to_controls(cfg)
    st.switch_page(session.PLAYGROUND_PAGE)


def sync_url(cfg: Config | None) -> None:
    """Keep the config part of the URL equal to cfg (other parameters such as lang and run stay),
    so the address bar is a share link and a reload restores the same settings."""
    if cfg is None:
        return
    want = urlstate.to_params(cfg)
    for key in [k for k in st.query_params if k in FIELDS and k not in want]:
        del st.query_params[key]
    changed = {k: v for k, v in want.items() if st.query_params.get(k) != v}
    if changed:
        st.query_params.update(changed)


def share_url(cfg: Config) -> str:
    from ganlab.ui.lang import current_lang

    base = str(getattr(st.context, "url", "") or "http://localhost:8501/playground")
    return urlstate.share_url(base, cfg, extra={"lang": current_lang()})


def _on_upload() -> None:
    # A widget callback runs before the script, so the controls may still be written here.
    up = st.session_state.get(_UPLOAD)
    if up is None:
        return
    try:
        cfg = export.config_from_upload(up.getvalue())
    except export.ImportProblem as e:
        st.session_state[_P + "upload_msg"] = ("error", tr("share.upload_bad", name=md(up.name),
                                                            why=md(e)))
        return
    st.session_state[_PROBLEMS] = _apply(cfg)
    st.session_state[_P + "upload_msg"] = ("success", tr("share.upload_ok", name=md(up.name)))


def sidebar_tools(cfg: Config | None) -> None:
    """A "Share & import" expander in the sidebar: link (with copy button), JSON down/upload."""
    with st.sidebar.expander(tr("share.title"), icon=":material/share:"):
        if cfg is not None:
            st.caption(tr("share.link_caption"))
            st.code(share_url(cfg), language=None, wrap_lines=True)
            st.download_button(tr("share.download_json"), cfg.to_json(), icon=":material/settings:",
                               file_name=f"ganlab-{cfg.dataset}-{cfg.loss}.json",
                               mime="application/json", on_click="ignore",
                               key=_P + "download")
        if settings.get().allow_uploads:       # off in showcase mode (GANLAB_ALLOW_UPLOADS)
            st.file_uploader(tr("share.upload"), type=["json"], key=_UPLOAD,
                             on_change=_on_upload, max_upload_size=1,
                             help=tr("share.upload_help"))
        msg = st.session_state.pop(_P + "upload_msg", None)
        if msg:
            getattr(st, msg[0])(msg[1])
