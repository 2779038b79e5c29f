"""Learn: the minimax game, the optimal discriminator, V(G, D*) = −log 4 + 2 JS, the
saturating vs non-saturating generator loss, the Nash equilibrium of a zero-sum game, and why G
is updated sparingly."""

import numpy as np
import streamlit as st

from ganlab.theory import gan_game as g
from ganlab.theory import nash
from ganlab.theory import sparing as sp
from ganlab.theory.densities import Mixture, grid_for
from ganlab.ui import formula_terms as FT
from ganlab.ui.hover_formula import formula
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, notes_box, num
from ganlab.viz import lessons as VL
from ganlab.viz import theory as V

L = lang()


def data_mixture(sep: float, w: float, s: float) -> Mixture:
    return Mixture((w, 1 - w), (-sep / 2, sep / 2), (s, s))


@st.cache_data(show_spinner=False, max_entries=64)
def value_curve(sep: float, w: float, s: float, sigma_g: float):
    pd = data_mixture(sep, w, s)
    mus = np.linspace(-8, 8, 65)
    return mus, np.array([g.value_at_optimum(pd, Mixture.gaussian(m, sigma_g), n=2001).direct
                          for m in mus])


lesson = Lesson("game", presets="gan_game")
value_box = lesson.intro.top.container()   # V(G, D), hoverable once section 1 has its sliders

# ---- 1. the optimal discriminator ----------------------------------------------------------------
with lesson.section("learn.game.dstar.title") as sec:
    sec.ctl.markdown(tr("learn.game.dstar.text"))
    dstar_box = sec.top.container()
    left, right = sec.ctl.columns(2)
    with left:
        st.markdown(tr("learn.game.pdata"))
        sep = st.slider(tr("learn.game.sep"), 0.0, 6.0, 3.0, 0.25, key="game_sep")
        w = st.slider(tr("learn.game.w"), 0.05, 0.95, 0.5, 0.05, key="game_w")
        s = st.slider(tr("learn.game.s"), 0.2, 1.5, 0.5, 0.05, key="game_s")
    with right:
        st.markdown(tr("learn.game.pg"))
        mu_g = st.slider("μ_g", -8.0, 8.0, 4.0, 0.25, key="game_mu_g")
        sigma_g = st.slider("σ_g", 0.2, 3.0, 0.6, 0.05, key="game_sigma_g")
    pd, pg = data_mixture(sep, w, s), Mixture.gaussian(mu_g, sigma_g)
    x = grid_for(pd, pg, n=801, n_sigma=4.0)
    game_fig = V.game_figure(x, pd.pdf(x), pg.pdf(x), g.d_star(x, pd, pg), L)
    sec.chart(game_fig)
    res = g.value_at_optimum(pd, pg)
    xx = grid_for(pd, pg, n=8001, n_sigma=10.0)
    dstar = g.d_star(xx, pd, pg)
    mean_d_fake = float(np.trapezoid(pg.pdf(xx) * dstar, xx))
    m = sec.cols(4, sec.fig)
    m[0].metric("JS(p_data‖p_g)", num(res.js), help=tr("learn.game.js.help"))
    m[1].metric("V(G, D*)", num(res.direct), help=tr("learn.game.direct.help"))
    m[2].metric("−log 4 + 2·JS", num(res.via_js), help=tr("learn.game.via_js.help"))
    m[3].metric("E[D*(G(z))]", num(mean_d_fake), help=tr("learn.game.mean_d.help"))
    mus, values = value_curve(sep, w, s, sigma_g)
    value_fig = V.value_curve_figure(mus, values, mu_g, L)
    sec.chart(value_fig)
    names = {**FT.trace_names(game_fig, ("p_data", "p_g", "dstar")),
             "value": value_fig.data[0].name}
    formula(FT.VALUE_TEX, FT.value_terms(pd, pg, names), "hover_game_value",
            tr("learn.hover.hint"), value_box)
    formula(FT.DSTAR_TEX, FT.dstar_terms(pd, pg, names), "hover_game_dstar",
            tr("learn.hover.hint_short"), dstar_box)
    sec.fig.caption(tr("learn.game.curve.caption"))
    with sec.ctl:
        notes_box("concave")
        notes_box("v_zero", v=num(g.value_of_outputs(0.999, 0.001)))

# ---- 2. the generator's loss ---------------------------------------------------------------------
with lesson.section("learn.game.loss.title") as sec:
    sec.ctl.markdown(tr("learn.game.loss.text"))
    # One formula per loss, each under its translated name: on one line the non-saturating half
    # ran off the right edge, and \text{...} put English words inside the Chinese formula.
    f_sat, f_ns = sec.top.columns(2)
    f_sat.markdown(f"**{tr('learn.game.sat_name')}**")
    sat_box = f_sat.container()
    f_ns.markdown(f"**{tr('learn.game.ns_name')}**")
    ns_box = f_ns.container()
    log_d = sec.ctl.slider(tr("learn.game.d_slider"), -4.0, 0.0, -2.0, 0.1, key="game_logd",
                           help=tr("learn.game.d_slider.help"))
    d_now = float(min(10**log_d, 0.999))
    grid_d = np.logspace(-4, np.log10(0.999), 400)  # log-spaced: the x axis is log D
    loss_fig = (V.generator_loss_figure(
        grid_d, g.saturating_loss(grid_d), g.nonsaturating_loss(grid_d),
        g.saturating_grad_logit(grid_d), g.nonsaturating_grad_logit(grid_d), d_now, L))
    sec.chart(loss_fig)
    terms = FT.loss_terms(d_now, FT.trace_names(loss_fig, ("sat", "ns", "sat_grad", "ns_grad")))
    formula(FT.SAT_TEX, terms[:2], "hover_game_sat", tr("learn.hover.hint_short"), sat_box)
    formula(FT.NS_TEX, terms[2:], "hover_game_ns", tr("learn.hover.hint_short"), ns_box)
    m = sec.cols(3, sec.fig)
    m[0].metric("D(G(z))", num(d_now))
    m[1].metric(tr("learn.game.grad_sat"), num(abs(float(g.saturating_grad_logit(d_now)))))
    m[2].metric(tr("learn.game.grad_ns"), num(abs(float(g.nonsaturating_grad_logit(d_now)))))
    sec.ctl.markdown(tr("learn.game.loss.now", mean_d=num(mean_d_fake), sat=num(mean_d_fake),
                        ns=num(1 - mean_d_fake)))
    sec.ctl.markdown(tr("learn.game.loss.takeaway"))

# ---- 3. a zero-sum game and its Nash equilibrium -------------------------------------------------
GAME_KEYS = ("game_a", "game_b", "game_c", "game_d")
GAME_EXAMPLES = {"mixed": (3.0, -1.0, -2.0, 1.0), "pennies": (1.0, -1.0, -1.0, 1.0),
                 "saddle": (2.0, 3.0, 1.0, 4.0)}


def load_game(name: str) -> None:
    st.session_state.update(zip(GAME_KEYS, GAME_EXAMPLES[name]))


def minus(x: float) -> str:
    return num(x).replace("-", "−")


with lesson.section("learn.game.nash.title") as sec:
    sec.ctl.markdown(tr("learn.game.nash.text"))
    sec.ctl.markdown(tr("learn.game.nash.matrix"))
    examples = sec.ctl.container(horizontal=True)
    for name in GAME_EXAMPLES:
        examples.button(tr(f"learn.game.nash.ex.{name}"), key=f"game_ex_{name}",
                        on_click=load_game, args=(name,))
    for key, v in zip(GAME_KEYS, GAME_EXAMPLES["mixed"]):
        st.session_state.setdefault(key, v)
    slots = [*sec.ctl.columns(2), *sec.ctl.columns(2)]   # a b / c d, as the matrix reads
    A = np.array([slot.number_input(key[-1], -10.0, 10.0, step=1.0, format="%.1f", key=key)
                  for slot, key in zip(slots, GAME_KEYS)], float).reshape(2, 2)
    c1, c2 = sec.cols(2)
    p = c1.slider(tr("learn.game.nash.p"), 0.0, 1.0, 0.5, 0.01, key="game_p")
    q = c2.slider(tr("learn.game.nash.q"), 0.0, 1.0, 0.5, 0.01, key="game_q")
    eq, eq_lp = nash.solve_2x2(A), nash.solve_lp(A)
    sec.chart(VL.game_payoff_figure(A, p, q, eq.x[0], eq.y[0], L))
    e_now = nash.expected_payoff(A, [p, 1 - p], [q, 1 - q])
    rows, cols = nash.best_responses(A, [p, 1 - p], [q, 1 - q])
    m = sec.cols(4, sec.fig)
    m[0].metric("E(p, q)", minus(e_now))
    m[1].metric(tr("learn.game.nash.row_best"), minus(rows.max()))
    m[2].metric(tr("learn.game.nash.col_best"), minus(cols.min()))
    m[3].metric(tr("learn.game.nash.value"), minus(eq.value))
    tol = 1e-9 * (1 + np.abs(A).max())

    def best_name(v, kind: str) -> str:
        best = np.argmax(v) if kind == "br" else np.argmin(v)
        return tr("learn.game.nash.br.either") if abs(v[0] - v[1]) < tol else \
            tr(f"learn.game.nash.{kind}.{best}")

    sec.ctl.markdown(tr("learn.game.nash.now", q=num(q), p=num(p), row=best_name(rows, "br"),
                        row_best=minus(rows.max()), col=best_name(cols, "bc"),
                        col_best=minus(cols.min())))
    if rows.max() - e_now < tol and e_now - cols.min() < tol:
        sec.ctl.markdown(tr("learn.game.nash.at_eq", v=minus(eq.value)))
    else:
        sec.ctl.markdown(tr("learn.game.nash.off_eq", e=minus(e_now), v=minus(eq.value)))
    if eq.saddle:
        sec.ctl.markdown(tr("learn.game.nash.saddle", v=minus(eq.value), p=num(eq.x[0]),
                            q=num(eq.y[0])))
    else:
        sec.ctl.markdown(tr("learn.game.nash.mixed", p=num(eq.x[0]), q=num(eq.y[0]),
                            v=minus(eq.value), v_lp=minus(eq_lp.value)))
    gap = res.direct + g.LOG4
    sec.ctl.markdown(tr("learn.game.nash.gan", v_eq=minus(g.value_of_outputs(0.5, 0.5))) + " " +
                     tr("learn.game.nash.gan_now" if gap > 1e-6 else "learn.game.nash.gan_at",
                        v_now=minus(res.direct), gap=num(gap)))
    with sec.ctl:
        P, Q = np.array(nash.PRISONERS_A), np.array(nash.PRISONERS_B)
        notes_box("prisoners",
                  eq=", ".join(f"({minus(P[c])}, {minus(Q[c])})"
                               for c in nash.pure_equilibria(P, Q)),
                  sums=", ".join(minus(v) for v in (P + Q).ravel()))

# ---- 4. why G is updated sparingly ---------------------------------------------------------------
SPARING_MUS = np.linspace(-16, 16, 65)   # the curves' grid: μ₀ ± the largest step stays on it
SPARING_STEPS = np.arange(0, 10.01, 0.25)


@st.cache_data(show_spinner=False, max_entries=32)
def sparing_curves(sep: float, w: float, s: float, sigma: float, mu0: float):
    pd = data_mixture(sep, w, s)
    fixed, best = sp.curves(pd, mu0, sigma, SPARING_MUS)
    return fixed, best, sp.largest_helpful_step(pd, mu0, sigma, SPARING_STEPS)


with lesson.section("learn.game.sparing.title") as sec:
    sec.ctl.markdown(tr("learn.game.sparing.text"))
    c1, c2 = sec.cols(2)
    mu0 = c1.slider(tr("learn.game.sparing.mu0"), -6.0, 6.0, 4.0, 0.25, key="game_mu0")
    step_size = c2.slider(tr("learn.game.sparing.step"), 0.0, 10.0, 1.0, 0.25, key="game_step")
    step = sp.g_step(pd, mu0, sigma_g, step_size)
    fixed, best, limit = sparing_curves(sep, w, s, sigma_g, mu0)
    g0, g1 = Mixture.gaussian(mu0, sigma_g), Mixture.gaussian(step.mu1, sigma_g)
    xs = grid_for(pd, g0, g1, n=801, n_sigma=4.0)
    sec.chart(VL.sparing_figure(xs, pd.pdf(xs), g0.pdf(xs), g1.pdf(xs), g.d_star(xs, pd, g0),
                                SPARING_MUS, fixed, best, step, L))
    m = sec.cols(3, sec.fig)
    m[0].metric("V(G₀, D₀*)", minus(step.v00))
    m[1].metric("V(G₁, D₀*)", minus(step.v10))
    m[2].metric("V(G₁, D₁*)", minus(step.v11))
    if step.helped:
        sec.ctl.markdown(tr("learn.game.sparing.helped", drop=num(step.v00 - step.v10),
                            gain=num(step.v00 - step.v11)))
    elif step.v11 > step.v00 + sp.TIE:
        sec.ctl.markdown(tr("learn.game.sparing.hurt", drop=num(step.v00 - step.v10),
                            rise=num(step.v11 - step.v00)))
    if limit < SPARING_STEPS[-1]:
        sec.ctl.markdown(tr("learn.game.sparing.limit", s=num(limit)))
    else:
        sec.ctl.markdown(tr("learn.game.sparing.no_limit", s=num(limit)))

lesson.finish()
