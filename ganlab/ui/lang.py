"""The language switch and `tr()`, the translation call every page uses.

The choice lives in st.session_state (so it survives page switches) and in the `lang` query
parameter (so a shared link opens in the sender's language). Without either, the browser's locale
decides, and English is the fallback.
"""

from __future__ import annotations

import streamlit as st

from ganlab.i18n import LANG_NAMES, LANGS, Translated, normalize_lang, t

_KEY = "lang"


def current_lang() -> str:
    if _KEY not in st.session_state:
        from_url = st.query_params.get(_KEY)
        if from_url in LANGS:
            st.session_state[_KEY] = from_url
        else:
            st.session_state[_KEY] = normalize_lang(getattr(st.context, "locale", None))
    return st.session_state[_KEY]


def tr(key: str, **fmt) -> str:
    """The string for `key` in the session's language."""
    return t(key, current_lang(), **fmt)


def message(e: BaseException) -> str:
    """An error's text for this page: in the session's language when the core raised it with a
    translation key (ganlab.i18n.Translated: limits, the quota), else as raised."""
    return e.text(current_lang()) if isinstance(e, Translated) else str(e)


def language_switch() -> str:
    """Sidebar selector; keeps session state and the URL's `lang` parameter in step."""
    lang = current_lang()
    choice = st.sidebar.selectbox(
        t("common.language", lang), LANGS, index=LANGS.index(lang),
        format_func=LANG_NAMES.get, key="_lang_widget",
    )
    if choice != lang:
        st.session_state[_KEY] = choice
        lang = choice
    if st.query_params.get(_KEY) != lang:
        st.query_params[_KEY] = lang
    return lang
