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

from ganlab import export, settings, urlstate
from ganlab.config import FIELDS, TOY_DATASETS, Config
from ganlab.safetext import md
from ganlab.ui.lang import tr

_P = "share_"
PENDING = _P + "pending"          # a config dict sent from another page, applied on next restore
_PROBLEMS = _P + "problems"
_UPLOAD = _P + "upload"
_NOTE = _P + "note"


def _apply(cfg: Config) -> list[str]:
    """Write cfg into the Playground's controls; returns problems the controls cannot show."""
    from ganlab.ui import controls, session

    problems = []
    if cfg.dataset not in TOY_DATASETS:
        problems.append(tr("share.image_dataset", dataset=cfg.dataset))
    controls.apply_values(cfg)
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
        cfg = Config.from_dict(pending)
        st.session_state[_PROBLEMS] = _apply(cfg)
        st.session_state[_NOTE] = tr("share.loaded_from_run")


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
        box.info(note, icon="🔗")
    if box.button(tr("share.dismiss"), key=_P + "dismiss", type="tertiary"):
        st.session_state.pop(_NOTE, None)
        st.session_state.pop(_PROBLEMS, None)
        st.rerun()


def open_in_playground(cfg: Config) -> None:
    """From any page: open the Playground with cfg in its controls (not training)."""
    from ganlab.ui import session

    st.session_state[PENDING] = cfg.to_dict()
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
    with st.sidebar.expander(tr("share.title"), icon="🔗"):
        if cfg is not None:
            st.caption(tr("share.link_caption"))
            st.code(share_url(cfg), language=None, wrap_lines=True)
            st.download_button(tr("share.download_json"), cfg.to_json(), icon="⚙️",
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
