"""Live charts keep their identity from one frame to the next (ganlab/ui/plotly_react.py).

st.plotly_chart hashes the figure into its element id, so each new frame re-mounts the chart in
the browser; the live views use a keyed component instead. Checked here through Streamlit's own
AppTest: the element id stays put while the figure it carries changes, and the plotly.js it
points at is the file the installed plotly package ships.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from ganlab.ui import plotly_react

SCRIPT = """
import plotly.graph_objects as go
import streamlit as st
from ganlab.ui.plotly_react import live_chart

n = st.session_state.get("n", 1)
live_chart(go.Figure(go.Scatter(x=list(range(n)), y=[v * v for v in range(n)]),
                     layout=dict(height=300)), key="curve", config={"displayModeBar": False})
"""


def _charts(at):
    out = []
    for el in at.get("bidi_component"):
        data = json.loads(el.proto.json)
        out.append((el.proto.id, json.loads(data["spec"]), data))
    return out


def test_a_new_frame_keeps_the_chart_and_carries_the_new_figure():
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    assert not at.exception
    [(id1, fig1, data)] = _charts(at)
    at.session_state["n"] = 5
    at.run()
    [(id2, fig2, _)] = _charts(at)
    assert id1 == id2                       # same element: the browser redraws it in place
    assert fig1 != fig2
    assert fig2["layout"]["height"] == 300
    assert json.loads(data["config"]) == {"displayModeBar": False}
    assert data["src"] == f"/component/{plotly_react.__name__}.plotlyjs/plotly.min.js"


def test_plotly_js_comes_from_the_installed_plotly_package():
    # That Streamlit serves it and the page draws with it is the Chromium test's job.
    served = plotly_react.PLOTLY_DIR / plotly_react.PLOTLY_FILE
    head = served.read_bytes()[:2000]
    assert b"plotly.js" in head             # the minified bundle's licence banner


def test_the_url_follows_the_server_base_path():
    assert plotly_react.plotly_url("", "m.plotlyjs") == "/component/m.plotlyjs/plotly.min.js"
    assert plotly_react.plotly_url("/lab/", "m.plotlyjs") == \
        "/lab/component/m.plotlyjs/plotly.min.js"
