"""Figure builders (ganlab.viz) on synthetic Snapshots: what each layer draws, the reference lines,
alarm markers, payload bounds, and that the viz layer stays free of torch and streamlit."""

from __future__ import annotations

import base64
import json
import math
import subprocess
import sys

import numpy as np
import plotly.io as pio
import pytest

from ganlab.live.snapshot import Snapshot
from ganlab.viz import curves, diagram, style, toy1d, toy2d


def _history(n=3000, loss_d=1.2, loss_g=0.8, seed=0):
    rng = np.random.default_rng(seed)
    return {"step": np.arange(1, n + 1), "loss_d": loss_d + 0.1 * rng.standard_normal(n),
            "loss_g": loss_g + 0.1 * rng.standard_normal(n),
            "d_real": np.full(n, 0.7), "d_fake": np.full(n, 0.3),
            "grad_norm_d": np.full(n, 2.0), "grad_norm_g": np.full(n, 0.5)}


def snap2d(**kw):
    rng = np.random.default_rng(1)
    gx = np.linspace(-3, 3, 64)
    X, Y = np.meshgrid(gx, gx)
    fields = dict(
        run_id="r", seq=1, state="running", step=3000, config={"loss": "minimax"},
        history=_history(), real=rng.standard_normal((512, 2)), fake=rng.standard_normal((512, 2)),
        bounds=((-3.0, 3.0), (-3.0, 3.0)), grid_x=gx, grid_y=gx,
        d_grid=1 / (1 + np.exp(-X)), fake_grad=np.tile([1.0, 0.0], (512, 1)),
        manifold=rng.standard_normal((21, 21, 2)), d_on_real=rng.normal(2, 1, 512),
        d_on_fake=rng.normal(-2, 1, 512))
    fields.update(kw)
    return Snapshot(**fields)


def snap1d(**kw):
    xs = np.linspace(-5, 5, 400)
    p = np.exp(-(xs - 2) ** 2 / 2) / math.sqrt(2 * math.pi)
    q = np.exp(-(xs + 1) ** 2 / 2) / math.sqrt(2 * math.pi)
    fields = dict(run_id="r", seq=1, state="running", step=10, config={"loss": "nonsaturating"},
                  history=_history(10), real=np.zeros((100, 1)), fake=np.zeros((100, 1)),
                  bounds=((-5.0, 5.0),), xs=xs, p_data=p, p_g=q, d_curve=np.full(400, 0.5),
                  d_star=p / (p + q), z_line=np.linspace(-3, 3, 400),
                  x_of_z=np.linspace(-3, 3, 400) * 2)
    fields.update(kw)
    return Snapshot(**fields)


def names(fig):
    return [tr.name for tr in fig.data]


# --- curves ------------------------------------------------------------------------------------
def test_equilibrium_table_matches_losses():
    from ganlab.train.losses import LOSSES

    for name, loss in LOSSES.items():
        assert curves.EQUILIBRIUM[name] == (loss.d_equilibrium, loss.g_equilibrium), name


def test_loss_figure_draws_both_losses_and_the_log4_reference():
    fig = curves.loss_figure(snap2d())
    assert [n for n in names(fig) if n] == ["D loss L<sub>D</sub>", "G loss L<sub>G</sub>"]
    hlines = [s for s in fig.layout.shapes if s.y0 == s.y1 and s.type == "line"]
    assert any(abs(s.y0 - math.log(4)) < 1e-12 for s in hlines)
    assert any(abs(s.y0 + math.log(2)) < 1e-12 for s in hlines)   # saturating L_G = -log 2


def test_loss_figure_has_no_reference_for_wgan():
    fig = curves.loss_figure(snap2d(config={"loss": "wgan"}))
    assert not [s for s in fig.layout.shapes if s.y0 == s.y1]


def test_loss_traces_are_decimated_and_nan_becomes_a_gap():
    h = _history(10_000)
    h["loss_d"][5000:] = np.nan
    fig = curves.loss_figure(snap2d(history=h))
    for tr in fig.data:
        assert len(tr.x) <= style.MAX_TRACE_POINTS
    ys = fig.data[0].y
    assert np.isnan(ys[-1]) and np.isfinite(ys[0])
    # On the wire: strict JSON (no NaN literals), the values as float64 binary holding the NaN
    # that plotly.js draws as a gap.
    wire = json.loads(pio.to_json(fig))["data"][0]["y"]
    sent = np.frombuffer(base64.b64decode(wire["bdata"]), dtype=wire["dtype"])
    assert np.isnan(sent[-1]) and np.isfinite(sent[0]) and len(sent) == len(ys)


def test_smoothing_adds_a_faint_raw_trace_and_reduces_variance():
    snap = snap2d()
    raw = curves.loss_figure(snap, smoothing=0.0)
    smooth = curves.loss_figure(snap, smoothing=0.9)
    assert len(smooth.data) == 2 * len(raw.data)
    raw_d = np.array(raw.data[0].y, dtype=float)
    smooth_d = np.array(smooth.data[1].y, dtype=float)
    assert smooth_d.std() < raw_d.std() / 2
    assert abs(smooth_d.mean() - raw_d.mean()) < 0.05


def test_smooth_is_bias_corrected_and_skips_nan():
    out = curves.smooth([5.0, np.nan, 5.0, 5.0], 0.9)
    assert out[0] == pytest.approx(5.0) and out[-1] == pytest.approx(5.0)


def test_smooth_matches_the_step_by_step_definition():
    def reference(values, w):   # the definition, one value at a time, NaN steps skipped
        out, acc, norm = [], 0.0, 0.0
        for x in values:
            if math.isfinite(x):
                acc, norm = w * acc + (1 - w) * x, w * norm + (1 - w)
            out.append(acc / norm if norm > 0 else math.nan)
        return out

    rng = np.random.default_rng(0)
    for _ in range(100):
        v = rng.standard_normal(int(rng.integers(1, 60)))
        v[rng.random(len(v)) < 0.3] = np.nan
        w = float(rng.uniform(0.01, 0.99))
        np.testing.assert_allclose(curves.smooth(v, w), reference(v.tolist(), w), rtol=1e-12,
                                   atol=1e-12, equal_nan=True)


def test_alarms_stay_on_the_loss_chart_as_markers():
    alarms = ({"kind": "mode_collapse", "step": 1800, "message_key": "diag.alarm.mode_collapse",
               "severity": "warning"},
              {"kind": "divergence", "step": 2500, "message_key": "diag.alarm.divergence.nan",
               "severity": "error"})
    fig = curves.loss_figure(snap2d(alarms=alarms))
    vlines = [s for s in fig.layout.shapes if s.x0 == s.x1]
    assert sorted(s.x0 for s in vlines) == [1800, 2500]
    marker = fig.data[-1]
    assert list(marker.x) == [1800, 2500]
    assert marker.marker.color == (style.WARNING, style.ERROR)
    assert "collapse" in marker.hovertext[0].lower()


def test_d_histogram_uses_probabilities_for_logit_losses():
    fig = curves.d_histogram_figure(snap2d())
    real, fake = fig.data
    centers = np.array(real.x)
    assert centers.min() > 0 and centers.max() < 1
    # logits ~ N(2, 1) on real: most real mass above 1/2; fake mass below 1/2
    assert np.sum(np.array(real.y)[centers > 0.5]) > 0.8
    assert np.sum(np.array(fake.y)[centers < 0.5]) > 0.8
    assert sum(real.y) == pytest.approx(1.0, abs=1e-3)


def test_d_histogram_keeps_critic_scores():
    fig = curves.d_histogram_figure(snap2d(critic=True))
    assert min(fig.data[0].x) < 0 < max(fig.data[0].x)


def test_d_outputs_and_grad_norms():
    snap = snap2d()
    d = curves.d_outputs_figure(snap)
    assert [tr.line.color for tr in d.data] == [style.REAL, style.FAKE]
    [half] = d.layout.shapes                # the equilibrium D = 1/2, named on the axis
    assert half.y0 == half.y1 == 0.5
    assert dict(zip(d.layout.yaxis.tickvals, d.layout.yaxis.ticktext))[0.5] == "1/2"
    g = curves.grad_norm_figure(snap)
    assert g.layout.yaxis.type == "log" and len(g.data) == 2


def test_empty_history_gives_a_placeholder_not_an_error():
    snap = Snapshot(run_id="r", seq=0, state="queued", step=0)
    for build in (curves.loss_figure, curves.d_outputs_figure, curves.d_histogram_figure,
                  curves.grad_norm_figure, toy2d.layered_figure, toy1d.density_figure,
                  toy1d.mapping_figure, diagram.overview_figure):
        fig = build(snap)
        assert fig.layout.annotations, build.__name__


# --- 2D --------------------------------------------------------------------------------------
def test_layered_figure_layers_toggle():
    snap = snap2d()
    full = toy2d.layered_figure(snap, layers=toy2d.LAYERS)
    kinds = [tr.type for tr in full.data]
    assert kinds.count("heatmap") == 1
    assert {"real data", "generated G(z)", "G's manifold (warped noise grid)",
            "G's gradient (direction, rescaled)"} <= set(names(full))
    only_real = toy2d.layered_figure(snap, layers={"real"})
    assert names(only_real) == ["real data"]


def test_only_the_many_point_layers_go_to_the_canvas():
    # The live view paints `meta=CANVAS` traces itself and hides their data from plotly, so the
    # axes they sit on must not autorange: the picture's ranges are fixed.
    full = toy2d.layered_figure(snap2d(), layers=toy2d.LAYERS)
    painted = {tr.name for tr in full.data if tr.meta == style.CANVAS}
    assert painted == {"real data", "generated G(z)", "G's manifold (warped noise grid)",
                       "G's gradient (direction, rescaled)"}
    assert [tr.type for tr in full.data if tr.meta != style.CANVAS] == ["heatmap"]
    assert full.layout.xaxis.range and full.layout.yaxis.range


def test_heatmap_is_probability_scaled_or_critic_scaled():
    hm = toy2d.layered_figure(snap2d(), layers={"heatmap"}).data[0]
    assert (hm.zmin, hm.zmax) == (0.0, 1.0)
    gx = np.linspace(-3, 3, 64)
    crit = snap2d(critic=True, d_grid=np.tile(gx * 10, (64, 1)))
    hm = toy2d.layered_figure(crit, layers={"heatmap"}).data[0]
    assert hm.zmin < -20 and hm.zmax > 20


def test_arrows_point_along_the_gradient_and_are_bounded():
    fake = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    grad = np.array([[1.0, 0.0], [0.0, 2.0], [100.0, 0.0]])   # one outlier
    xs, ys = toy2d.arrow_segments(fake, grad, span=0.5)
    segs = [(xs[i], ys[i], xs[i + 1], ys[i + 1]) for i in range(0, len(xs), 3)]
    (x0, y0, x1, y1), (a0, b0, a1, b1), (c0, d0, c1, d1) = segs
    assert x1 > x0 and y1 == y0           # rightwards
    assert b1 > b0 and a1 == a0           # upwards
    assert c1 - c0 <= 2 * 0.5 * 1.5       # the outlier is capped near 2x the reference length


def test_arrowheads_sit_on_the_tips_turned_along_the_shafts():
    fake = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [0.0, 2.0]])
    # right, up, left, down-right
    grad = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [1.0, -1.0]])
    fig = toy2d.layered_figure(snap2d(fake=fake, fake_grad=grad), layers={"arrows"})
    shafts, heads = fig.data
    assert shafts.mode == "lines" and heads.mode == "markers" and heads.marker.symbol == "arrow"
    np.testing.assert_allclose(heads.x, np.asarray(shafts.x)[1::3])
    # plotly turns a marker clockwise from "up" by `angle` degrees
    np.testing.assert_allclose(heads.marker.angle, [90, 0, -90, 135], atol=0.1)


def test_scatter_layers_are_capped():
    rng = np.random.default_rng(0)
    snap = snap2d(real=rng.standard_normal((5000, 2)), fake=rng.standard_normal((5000, 2)))
    fig = toy2d.layered_figure(snap, layers={"real", "fake"})
    assert all(len(tr.x) <= toy2d.MAX_POINTS for tr in fig.data)
    assert all(tr.type == "scatter" for tr in fig.data)   # SVG, never scattergl


def test_preview_png_is_a_small_png():
    png = toy2d.preview_png(np.random.default_rng(0).standard_normal((500, 2)),
                            ((-3, 3), (-3, 3)), size=64)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) < 4000
    png1d = toy2d.preview_png(np.random.default_rng(0).standard_normal(500), ((-3, 3),))
    assert png1d[:4] == b"\x89PNG"


# --- 1D --------------------------------------------------------------------------------------
def test_density_figure_has_all_four_curves_on_two_axes():
    fig = toy1d.density_figure(snap1d())
    by_name = {tr.name: tr for tr in fig.data}
    assert {"p<sub>data</sub> (exact)", "p<sub>g</sub> (from samples)", "D(x)"} <= set(by_name)
    dstar = [tr for tr in fig.data if tr.name and tr.name.startswith("D*")][0]
    assert dstar.yaxis == "y2" and by_name["D(x)"].yaxis == "y2"
    assert list(fig.layout.yaxis2.range) == [0, 1.05]


def test_density_figure_states_the_gap_to_dstar_and_how_p_g_is_estimated():
    assert toy1d.density_figure(snap1d()).layout.title.text is None    # no gap measured yet
    for lang, words in (("en", "kernel density of 2,000 samples"), ("zh", "核密度估计")):
        title = toy1d.density_figure(snap1d(d_star_gap=0.0312), lang).layout.title.text
        assert "|D − D*|" in title and "0.031" in title and words in title


def test_density_figure_hides_dstar_for_critics():
    fig = toy1d.density_figure(snap1d(critic=True))
    assert not [tr for tr in fig.data if tr.name and tr.name.startswith("D*")]
    assert fig.layout.yaxis2.range is None


def test_mapping_figure():
    fig = toy1d.mapping_figure(snap1d())
    assert fig.data[0].name == "G(z)" and len(fig.data[0].x) == 400


# --- diagram ---------------------------------------------------------------------------------
def _line_widths(fig, color):
    return [s.line.width for s in fig.layout.shapes if s.line.color == color and s.type == "path"]


def test_diagram_highlights_the_network_that_moved():
    d_moved = diagram.overview_figure(snap2d(last_moved="D"))
    g_moved = diagram.overview_figure(snap2d(last_moved="G"))
    assert _line_widths(d_moved, style.D_COLOR)[0] > _line_widths(d_moved, style.G_COLOR)[0]
    assert _line_widths(g_moved, style.G_COLOR)[0] > _line_widths(g_moved, style.D_COLOR)[0]
    plain = diagram.overview_figure(snap2d(last_moved="DG"))
    assert _line_widths(plain, style.G_COLOR) == _line_widths(plain, style.D_COLOR)


def test_diagram_thumbnails_and_loss_text():
    fig = diagram.overview_figure(snap2d())
    axes = {tr.xaxis for tr in fig.data}
    assert {"x2", "x3", "x4", "x5"} <= axes     # samples, D heatmap, predictions, G manifold
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "L<sub>D</sub>" in texts
    assert len(pio.to_json(fig)) < 60_000


def test_diagram_canvas_thumbnails_get_ranges_that_hold_their_points():
    fake = np.array([[-5.0, 0.0], [7.0, 1.0], [0.0, -2.0]])
    fig = diagram.overview_figure(snap2d(fake=fake, real=np.array([[0.0, 3.0]])))
    painted = [tr for tr in fig.data if tr.meta == style.CANVAS]
    assert {tr.xaxis for tr in painted} == {"x2", "x5"}       # samples and G's manifold
    for tr in painted:
        n = tr.xaxis[1:]
        (x0, x1), (y0, y1) = fig.layout[f"xaxis{n}"].range, fig.layout[f"yaxis{n}"].range
        xs, ys = np.asarray(tr.x, dtype=float), np.asarray(tr.y, dtype=float)
        ok = np.isfinite(xs) & np.isfinite(ys)
        assert x0 < xs[ok].min() and xs[ok].max() < x1
        assert y0 < ys[ok].min() and ys[ok].max() < y1
    x0, x1 = fig.layout.xaxis2.range
    assert x0 < -5 and 7 < x1 < 8                              # tight: the outliers set it


def test_chinese_labels():
    fig = curves.loss_figure(snap2d(), lang="zh")
    assert fig.layout.title.text == "损失"


def test_viz_imports_neither_torch_nor_streamlit():
    code = ("import sys; import ganlab.viz.curves, ganlab.viz.toy2d, ganlab.viz.toy1d, "
            "ganlab.viz.diagram; bad = {'torch', 'streamlit'} & set(sys.modules); "
            "print(sorted(bad)); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
