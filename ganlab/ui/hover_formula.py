"""Formulas whose terms answer the mouse: hovering a term lights the matching curve or area of
the figure beside it and shows the term's current value.

The formula is TeX with `\\htmlData{term=NAME}{...}` around each term, typeset in the browser by
the KaTeX that Streamlit's frontend already ships (its ES module chunk under /static/js, so
nothing is fetched from another host and the math looks exactly like `st.latex`'s). An
`st.components.v2` component (no iframe: the figure's SVG is in the same document) renders it
and, on mouseenter or focus of a term, puts classes on the traces whose names the term lists,
in the plot that draws them all (hover_formula.js). Values come from the page's own theory code
for the current sliders, formatted here, so the browser shows a number it never computes.
Where the KaTeX chunk cannot be found (another Streamlit build), the formula falls back to
`st.latex` without the hover.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ganlab.ui.learn import num

JS = (Path(__file__).parent / "hover_formula.js").read_text(encoding="utf-8")
STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"

_formula = st.components.v2.component("ganlab.hover_formula", js=JS, isolate_styles=False)


@dataclass(frozen=True)
class Term:
    name: str                   # the NAME of its \htmlData{term=NAME}
    label: str                  # TeX of what the value line names, e.g. E_{p_g}[\log(1-D^*)]
    value: float | None         # its current value (None: not known yet) (the page's theory code)
    traces: tuple[str, ...]     # names of the figure's traces it lights

    def payload(self) -> dict:
        return {"name": self.name, "label": self.label, "value": num(self.value),
                "traces": list(self.traces)}


def term(name: str, tex: str) -> str:
    """TeX of a hoverable term."""
    return rf"\htmlData{{term={name}}}{{{tex}}}"


def plain(tex: str) -> str:
    """The same TeX without the hover wrappers (for st.latex)."""
    pattern = re.compile(r"\\htmlData\{term=[a-z_0-9]+\}")
    return pattern.sub("", tex)


def katex_module(base_path: str) -> str | None:
    """URL path of Streamlit's own KaTeX ES module, or None if this build has none."""
    found = sorted(STATIC_JS.glob("katex.*.js"))
    if not found:
        return None
    parts = [base_path.strip("/"), "static", "js", found[0].name]
    return "/" + "/".join(p for p in parts if p)


def formula(tex: str, terms: list[Term], key: str, hint: str, where=None) -> None:
    """Draw `tex` in `where` (default: here) with its terms hoverable."""
    src = katex_module(st.get_option("server.baseUrlPath") or "")
    box = st.container() if where is None else where
    if src is None:
        box.latex(plain(tex))
        return
    with box:
        _formula(key=key, data={"tex": tex, "src": src, "hint": hint,
                                "terms": json.dumps([t.payload() for t in terms])})
