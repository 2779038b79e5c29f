"""Zero-sum games and their Nash equilibrium, the frame the GAN game lives in.

A two-player zero-sum game is one payoff matrix A (m x n): the row player picks row i, the column
player column j, and the row player wins A[i, j], which the column player loses. With mixed
strategies x (a probability vector over rows) and y (over columns) the row player's expected
payoff is  E(x, y) = x^T A y.

A Nash equilibrium (x*, y*) is a pair in which neither player gains by changing alone:
x* is a best response to y* and y* to x*. For zero-sum games von Neumann's minimax theorem says

    max_x min_y x^T A y = min_y max_x x^T A y = v      (the value of the game)

and the equilibria are exactly the pairs of optimal strategies. It is a linear programme:

    max v  s.t.  (A^T x)_j >= v for every column j,  sum x = 1,  x >= 0.

2 x 2, A = [[a, b], [c, d]], row 1 played with probability p, column 1 with q:
- a saddle point (max of the row minima = min of the column maxima) is a pure equilibrium;
- otherwise each player mixes to make the other indifferent:
      p* = (d - c) / (a - b - c + d),  q* = (d - b) / (a - b - c + d),
      v  = (a d - b c) / (a - b - c + d).
Matching pennies, A = [[1, -1], [-1, 1]]: p* = q* = 1/2, v = 0.

The GAN game is zero-sum too: D gains V(G, D), G loses it. D's best response to G is D*, G's
best response to D* is p_g = p_data; there D* = 1/2 everywhere and V = -log 4, the game's value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Equilibrium:
    """Optimal mixed strategies of both players and the game's value (row player's payoff)."""

    x: np.ndarray   # the row player's probabilities
    y: np.ndarray   # the column player's probabilities
    value: float
    saddle: bool    # a pure equilibrium (a saddle point of A)


def _matrix(A) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.size == 0 or not np.all(np.isfinite(A)):
        raise ValueError("the payoff matrix must be a finite, non-empty m x n matrix")
    return A


def expected_payoff(A, x, y) -> float:
    """E(x, y) = x^T A y: the row player's expected win."""
    return float(np.asarray(x, float) @ _matrix(A) @ np.asarray(y, float))


def saddle_point(A) -> tuple[int, int] | None:
    """(i, j) with A[i, j] the minimum of its row and the maximum of its column, or None:
    then max_i min_j A = min_j max_i A and both players have a pure optimal strategy."""
    A = _matrix(A)
    lower = A.min(axis=1).max()   # what the row player can guarantee with a pure strategy
    upper = A.max(axis=0).min()   # what the column player can hold it to
    if lower != upper:
        return None
    i = int(np.argmax(A.min(axis=1)))
    j = int(np.argmin(A.max(axis=0)))
    return i, j


def solve_2x2(A) -> Equilibrium:
    """The closed form above (saddle point first, then the indifference conditions)."""
    A = _matrix(A)
    if A.shape != (2, 2):
        raise ValueError(f"solve_2x2 needs a 2 x 2 matrix, got {A.shape}")
    sp = saddle_point(A)
    if sp is not None:
        x, y = np.eye(2)[sp[0]], np.eye(2)[sp[1]]
        return Equilibrium(x, y, float(A[sp]), True)
    (a, b), (c, d) = A
    den = a - b - c + d   # never 0 without a saddle point: the diagonal beats both off-diagonals
    p, q = (d - c) / den, (d - b) / den
    return Equilibrium(np.array([p, 1 - p]), np.array([q, 1 - q]), (a * d - b * c) / den, False)


def solve_lp(A) -> Equilibrium:
    """Optimal strategies of any m x n zero-sum game by two linear programmes (scipy linprog)."""
    from scipy.optimize import linprog

    A = _matrix(A)

    def best(M):   # max v s.t. M^T x >= v, sum x = 1, x >= 0; variables (x, v)
        m, n = M.shape
        res = linprog(np.r_[np.zeros(m), -1.0],
                      A_ub=np.c_[-M.T, np.ones(n)], b_ub=np.zeros(n),
                      A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0],
                      bounds=[(0, None)] * m + [(None, None)], method="highs")
        if not res.success:
            raise ValueError(f"the linear programme failed: {res.message}")
        return np.clip(res.x[:m], 0, None), float(res.x[m])

    x, v = best(A)
    y, _ = best(-A.T)   # the column player maximises -A
    return Equilibrium(x / x.sum(), y / y.sum(), v, saddle_point(A) is not None)


def best_responses(A, x, y) -> tuple[np.ndarray, np.ndarray]:
    """(the row player's payoff of each row against y, the column player's loss of each column
    against x): each player's best response is the arg-max (arg-min) of its vector."""
    A = _matrix(A)
    return A @ np.asarray(y, float), np.asarray(x, float) @ A


def pure_equilibria(P, Q) -> list[tuple[int, int]]:
    """The pure Nash equilibria of a general two-player game (P the row player's payoffs, Q the
    column player's): cells where each payoff is the best in its column of P / row of Q."""
    P, Q = _matrix(P), _matrix(Q)
    return [(i, j) for i in range(P.shape[0]) for j in range(P.shape[1])
            if P[i, j] == P[:, j].max() and Q[i, j] == Q[i, :].max()]


def is_zero_sum(P, Q) -> bool:
    """True when P + Q is constant: then one player's gain is the other's loss."""
    s = _matrix(P) + _matrix(Q)
    return bool(np.allclose(s, s.flat[0]))


# The notes' example of a Nash equilibrium: the prisoner's dilemma (years in prison as negative
# payoffs; row and column = confess, deny), which is not zero-sum.
PRISONERS_A = ((-8.0, 0.0), (-10.0, -1.0))
PRISONERS_B = ((-8.0, -10.0), (0.0, -1.0))
