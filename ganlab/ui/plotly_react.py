"""Live plotly charts that are redrawn in place (Plotly.react) instead of re-mounted every tick.

Why not `st.plotly_chart`: in Streamlit 1.67 its element id hashes the figure's JSON, so every
new frame of a live figure is a *new* element. The browser then unmounts the old chart and builds
a fresh one (`Plotly.newPlot`: every SVG layer, axis, legend and the React wrapper) four times a
second. Measured in headless Chromium: a fresh plot costs 1.1-2.2x an in-place `Plotly.react`
(2.2x for the layered picture), and the page took a whole CPU core (benchmarks/RESULTS.md,
"In-place live charts and a polite spare worker").

Here each chart is an `st.components.v2` component with a stable key: Streamlit keeps its DOM
node and hands the new figure to our JS, which calls `Plotly.react` on the same plot, so only what
changed is redrawn, and a zoom, a pan or a legend click survives the next frame (`uirevision`).
Two more savings live in the JS (plotly_react.js): traces marked `meta=style.CANVAS`
(ganlab.viz.style) are painted on a canvas over the plot instead of as one SVG node per point,
and a chart that is off screen or in a hidden tab waits, keeping only its newest frame, until it
is seen.

plotly.js itself is the copy that ships inside the `plotly` Python package (the same version
`plotly.io` writes JSON for). A v1 component declared on that package folder makes Streamlit serve
it at `/component/<name>/plotly.min.js`; the page loads it once and shares it between charts.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import plotly.io as pio
import streamlit as st
import streamlit.components.v1 as components_v1

PLOTLY_DIR = Path(plotly.__file__).parent / "package_data"
PLOTLY_FILE = "plotly.min.js"

JS = (Path(__file__).parent / "plotly_react.js").read_text(encoding="utf-8")

_chart = st.components.v2.component("ganlab.live_plotly", js=JS, isolate_styles=False)


def plotly_url(base_path: str, component: str) -> str:
    """Absolute URL path of plotly.js: pages live at different paths (/, /runs, ...)."""
    parts = [base_path.strip("/"), "component", component, PLOTLY_FILE]
    return "/" + "/".join(p for p in parts if p)


def _plotly_src() -> str:
    # Declared inside a script run: that is when Streamlit registers a v1 component's folder.
    served = components_v1.declare_component("plotlyjs", path=str(PLOTLY_DIR))
    return plotly_url(st.get_option("server.baseUrlPath") or "", served.name)


def live_chart(fig, key: str, config: dict | None = None) -> None:
    """Draw `fig` under `key`; the next call with the same key redraws the same plot in place."""
    spec = pio.to_json(fig, validate=False)
    height = (fig.layout.height if fig.layout.height else 450)
    _chart(key=key, data={"spec": spec, "config": json.dumps(config or {}), "src": _plotly_src()},
           height=int(height))
