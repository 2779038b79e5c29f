"""One G step against the D that was optimal before it: V(G, D*) = -log 4 + 2 JS, and the sign
pattern of V(G0, D0*), V(G1, D0*), V(G1, D1*) for a hand-worked case."""

import numpy as np
import pytest

from ganlab.theory import gan_game as g
from ganlab.theory import information as I
from ganlab.theory import sparing as sp
from ganlab.theory.densities import Mixture

P_DATA = Mixture.gaussian(0.0, 1.0)


def test_value_at_the_optimum_is_minus_log4_plus_2js_in_float64():
    pg = Mixture.gaussian(2.0, 1.0)
    x = np.linspace(-14, 16, 200001)
    js = I.js_density(P_DATA.pdf(x), pg.pdf(x), x)
    v = sp.value_against(P_DATA, pg, pg)            # D0* is D*(G) itself
    assert v == pytest.approx(-np.log(4) + 2 * js, abs=1e-9)
    assert v == pytest.approx(g.value_at_optimum(P_DATA, pg).direct, abs=1e-9)
    assert sp.js_of(v) == pytest.approx(js, abs=1e-9)


def test_fixed_d_is_never_better_than_the_optimal_d():
    g0 = Mixture.gaussian(2.0, 1.0)
    for mu in (-4.0, -1.0, 0.5, 3.0):
        g1 = Mixture.gaussian(mu, 1.0)
        assert sp.value_against(P_DATA, g1, g0) <= g.value_at_optimum(P_DATA, g1).direct + 1e-12


def test_hand_worked_sign_pattern():
    # G0 = N(2, 1): D0* = sigmoid(2 - 2x), so V(G, D0*) falls as G moves left, without end.
    assert sp.descent_direction(P_DATA, 2.0, 1.0) == -1.0
    small, exact, big = (sp.g_step(P_DATA, 2.0, 1.0, s) for s in (1.0, 2.0, 5.0))
    assert small.mu1 == 1.0 and big.mu1 == -3.0
    for st in (small, exact, big):
        assert st.v10 < st.v00                    # every step lowered V(., D0*)
    assert small.helped and exact.helped          # and a small one lowered the objective
    assert exact.v11 == pytest.approx(-np.log(4), abs=1e-9)   # p_g = p_data: the equilibrium
    assert not big.helped and big.v11 > big.v00   # the big one raised it: JS(N(0),N(-3)) > ...
    # the step overshoots by symmetry exactly at mu1 = -2 (JS(N(0,1), N(-2,1)) = JS(.., N(2,1)))
    assert sp.g_step(P_DATA, 2.0, 1.0, 4.0).v11 == pytest.approx(small.v00, abs=1e-9)
    assert sp.largest_helpful_step(P_DATA, 2.0, 1.0, np.arange(0, 6.01, 0.25)) == 3.75


def test_the_two_curves_touch_at_mu0():
    mus = np.array([-1.0, 2.0, 4.0])
    fixed, best = sp.curves(P_DATA, 2.0, 1.0, mus)
    assert fixed[1] == pytest.approx(best[1], abs=1e-6)
    assert np.all(fixed <= best + 1e-9)
