"""The one escaping function for values shown inside Markdown (st.warning, st.error, st.info,
captions): a link parameter, an uploaded file's name, an exception's text.

Streamlit renders those boxes as Markdown, so `?loss=[LOG IN](https://x)` would become a live link
and `![](http://x/x.png)` would fetch a remote image inside the app's own warning box. Every
ASCII punctuation character CommonMark lets one escape is escaped (this also disarms Streamlit's
`:material/...:` icons, `:red[...]` colours and `$...$` maths), line breaks become spaces (no new
block can start), and URL-like text cannot auto-link any more because `:` and `.` are escaped.
"""

from __future__ import annotations

import re

_PUNCT = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&\"'=^%@/])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def md(value: object) -> str:
    """`value` as Markdown that displays exactly its text."""
    return _PUNCT.sub(r"\\\1", _BREAKS.sub(" ", str(value)))
