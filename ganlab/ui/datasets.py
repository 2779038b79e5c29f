"""The Playground's dataset picker: toy point sets and image sets in one control.

Images need other settings than 2-D points (a 32-dim prior, not 2; smaller batches), so switching
between the two kinds brings the other kind's defaults for the keys in KIND_DEFAULTS, but only
for keys the user left as the last preset or switch set them; a note says what changed.

`folder` is the user's own images: a zip uploaded in the sidebar, checked and re-encoded by
`extract_zip` into a fresh folder under the runs root that belongs to this session (never
anywhere else; ganlab/runs/uploads.py writes it), which becomes the Config's `data_dir`.
"""

from __future__ import annotations

import streamlit as st

from ganlab import presets
from ganlab.config import IMAGE_DATASETS, MIN_DRAWN_POINTS, TOY_DATASETS, ConfigError
from ganlab.safetext import md
from ganlab.serve import settings
from ganlab.ui import session
from ganlab.ui.lang import tr

KIND_KEYS = ("batch_size", "noise_dim", "g_width", "d_width")
KIND_DEFAULTS = {
    "image": {k: presets.DIGITS_IMAGE[k] for k in KIND_KEYS},
    "toy": {k: presets.PRESETS[presets.DEFAULT_PRESET]["changes"][k] for k in KIND_KEYS},
}


def kind(dataset: str | None) -> str:
    return "image" if dataset in IMAGE_DATASETS else "toy"


def names() -> list[str]:
    """Every dataset the picker offers (settings.offers: `folder` only where uploads are
    allowed; in showcase mode no set that would need a download)."""
    images = [d for d in IMAGE_DATASETS if settings.get().offers(d)]
    return list(TOY_DATASETS) + images


def remember_applied(values: dict) -> None:
    """What a preset (or a kind switch) just wrote: a key still at this value is untouched."""
    session.set_widget("_applied", {k: values[k] for k in KIND_KEYS})


def on_dataset() -> None:
    new, old = session.widget("dataset"), session.widget("_last_dataset")
    if new is None or kind(new) == kind(old):
        return
    applied = session.widget("_applied") or {}
    changed = {}
    for key, value in KIND_DEFAULTS[kind(new)].items():
        now = session.widget(key)
        if now == applied.get(key, now) and now != value:
            session.set_widget(key, value)
            changed[key] = value
    remember_applied({k: session.widget(k) for k in KIND_KEYS})
    session.set_widget("_kind_note", (kind(new), changed))
    if new == "digits" and session.widget("preset") in presets.PRESETS:
        session.set_widget("preset", "digits_default")   # what the controls now hold


def picker(sb, previews: dict[str, bytes]) -> None:
    options = names()
    if session.widget("dataset") not in options + [None]:
        options.append(session.widget("dataset"))   # e.g. a shared link with folder
    cols = sb.columns(4)
    for i, name in enumerate(TOY_DATASETS):
        if name in previews:
            cols[i % 4].image(previews[name], caption=tr(f"pg.data.{name}"), width=60)
    sb.segmented_control(tr("pg.ctl.dataset"), options, key=session.wkey("dataset"),
                         on_change=on_dataset, format_func=lambda n: tr(f"pg.data.{n}"),
                         label_visibility="collapsed")
    note = session.widget("_kind_note")
    current = session.widget("dataset") or session.widget("_last_dataset")
    if note and note[1] and kind(current) == note[0]:
        values = " · ".join(f"{tr(f'pg.ctl.{k}')} {v}" for k, v in note[1].items())
        sb.caption(tr(f"pg.kind_note.{note[0]}", values=values))
    if current == "folder":
        folder_upload(sb)


# --- the folder dataset: a zip upload ------------------------------------------------------------
def folder_dir() -> str | None:
    """The extracted upload of this session (the `folder` dataset's data_dir), if any."""
    state = session.widget("_folder") or {}
    return state.get("dir")


def on_zip() -> None:
    from ganlab.runs.uploads import store_zip

    f = st.session_state.get(session.wkey("zip"))
    if f is None:
        return
    try:   # under the runs root: written by ganlab/runs/ alone
        dest, report = store_zip(session.manager().root, session.session_id(), f.getvalue(),
                                 replaces=folder_dir())
    except ConfigError as e:
        session.set_widget("_folder", {**(session.widget("_folder") or {}), "error": str(e)})
        return
    session.set_widget("_folder", {"dir": str(dest), "name": f.name, "images": report.images,
                                   "skipped": dict(report.skipped), "error": None})


def folder_upload(sb) -> None:
    if not settings.get().allow_uploads:
        sb.caption(tr("pg.folder.off"))
        return
    sb.file_uploader(tr("pg.folder.upload"), type=["zip"], key=session.wkey("zip"),
                     on_change=on_zip, help=tr("pg.folder.help"))
    state = session.widget("_folder") or {}
    if state.get("error"):
        sb.error(tr("pg.folder.error", detail=md(settings.get().redact(state["error"]))),
                 icon=":material/error:")
    if state.get("dir"):
        skipped = ", ".join(f"{n} × {tr(f'pg.folder.why.{why}')}"
                            for why, n in sorted(state["skipped"].items()))
        sb.success(tr("pg.folder.loaded", images=state["images"], name=state["name"]),
                   icon=":material/check_circle:")
        if skipped:
            sb.caption(tr("pg.folder.skipped", what=skipped))
    elif not state.get("error"):
        sb.caption(tr("pg.folder.need"))


def missing_input() -> str | None:
    """What the chosen dataset still needs from the person (points drawn, images uploaded),
    as an invitation, or None. Not an error: nothing they did was wrong, so the page invites
    them where it would otherwise say "Invalid settings"."""
    current = session.widget("dataset") or session.widget("_last_dataset")
    if current == "drawn" and len(session.drawn_points()) < MIN_DRAWN_POINTS:
        return tr("pg.draw.need")
    if current == "folder" and not folder_dir():
        return tr("pg.folder.need")
    return None


def config_values(values: dict) -> str | None:
    """Put the upload into `values` for the folder dataset; the reason it cannot train, or None."""
    missing = missing_input()   # of the same dataset: build_config read it from the session
    if missing:
        return missing
    if values.get("dataset") == "folder":
        values["data_dir"] = folder_dir()
    return None
