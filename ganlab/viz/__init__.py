"""Snapshot -> plotly figure (or image bytes). No torch, no streamlit: pure functions of data.

    style    colours, fonts and the common layout every figure shares
    curves   losses, D(real)/D(fake), gradient norms over iterations; D's histogram now
    toy2d    the layered 2D view (heatmap, samples, gradient arrows, manifold); dataset previews
    toy1d    p_data, p_g, D, D* on one chart; the noise -> data map
    diagram  the model overview with live thumbnails
    theory   figures of the Learn pages

Modules are imported by name (``from ganlab.viz import curves``) so importing one stays cheap.
"""
