"""Zero-sum games: the 2 x 2 closed form against linprog, a saddle point, matching pennies, and
the notes' prisoner's dilemma (a Nash equilibrium, but not a zero-sum game)."""

import numpy as np
import pytest

from ganlab.theory import nash as N


@pytest.mark.parametrize("A", [[[3, -1], [-2, 1]], [[0, 2], [3, -1]], [[-4, 5], [6, -2.5]]])
def test_closed_form_2x2_equals_linprog(A):
    closed, lp = N.solve_2x2(A), N.solve_lp(A)
    assert not closed.saddle
    assert closed.x == pytest.approx(lp.x, abs=1e-9) and closed.y == pytest.approx(lp.y, abs=1e-9)
    assert closed.value == pytest.approx(lp.value, abs=1e-9)
    # at the equilibrium each player is indifferent between its two pure strategies
    rows, cols = N.best_responses(A, closed.x, closed.y)
    assert rows == pytest.approx([closed.value] * 2) and cols == pytest.approx([closed.value] * 2)


def test_hand_worked_2x2():
    eq = N.solve_2x2([[3, -1], [-2, 1]])    # a - b - c + d = 7
    assert eq.x == pytest.approx([3 / 7, 4 / 7]) and eq.y == pytest.approx([2 / 7, 5 / 7])
    assert eq.value == pytest.approx(1 / 7)


def test_saddle_point_is_a_pure_equilibrium():
    A = [[2, 3], [1, 4]]     # row minima 2, 1; column maxima 2, 4: a saddle at (0, 0)
    assert N.saddle_point(A) == (0, 0)
    eq = N.solve_2x2(A)
    assert eq.saddle and eq.value == 2 and list(eq.x) == [1, 0] and list(eq.y) == [1, 0]
    lp = N.solve_lp(A)
    assert lp.value == pytest.approx(2) and lp.x == pytest.approx([1, 0], abs=1e-9)
    # the closed mixed formula would give nonsense here: p* = (4 - 1)/(2 - 3 - 1 + 4) = 1.5
    assert N.saddle_point([[3, -1], [-2, 1]]) is None


def test_matching_pennies():
    eq = N.solve_2x2([[1, -1], [-1, 1]])
    assert list(eq.x) == [0.5, 0.5] and list(eq.y) == [0.5, 0.5] and eq.value == 0
    assert N.expected_payoff([[1, -1], [-1, 1]], [1, 0], eq.y) == 0   # no deviation gains


def test_rock_paper_scissors_by_linprog():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    eq = N.solve_lp(A)
    assert eq.x == pytest.approx([1 / 3] * 3, abs=1e-9) and eq.value == pytest.approx(0, abs=1e-12)


def test_prisoners_dilemma_has_a_pure_equilibrium_and_is_not_zero_sum():
    assert N.pure_equilibria(N.PRISONERS_A, N.PRISONERS_B) == [(0, 0)]   # both confess
    assert not N.is_zero_sum(N.PRISONERS_A, N.PRISONERS_B)
    assert N.is_zero_sum([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def test_bad_matrices_are_refused():
    for bad in ([[1, np.nan], [0, 1]], [], [[1, 2, 3]]):
        with pytest.raises(ValueError):
            N.solve_2x2(bad)
