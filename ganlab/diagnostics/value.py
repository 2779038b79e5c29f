"""The minimax value V(G, D) and the discriminator's accuracy, read from D's logits.

Goodfellow et al. (2014): with the optimal D, V(G, D*) = −log 4 + 2·JS(p_data‖p_g), so the
distance of V above −log 4 is twice the JS divergence D currently "sees".
"""

from __future__ import annotations

import math

import numpy as np

V_OPT = -math.log(4.0)
"""V(G, D) when p_g = p_data and D = 1/2 everywhere."""


def log_sigmoid(z: np.ndarray) -> np.ndarray:
    """log σ(z) = −log(1 + e^(−z)), stable for large |z| (no log of an underflowed sigmoid)."""
    return -np.logaddexp(0.0, -np.asarray(z, dtype=np.float64))


def minimax_value(d_real_logits: np.ndarray, d_fake_logits: np.ndarray) -> float:
    """V(G, D) = E_x log D(x) + E_z log(1 − D(G(z))), with D = σ(logit).

    Uses log(1 − σ(z)) = log σ(−z). Only meaningful for the sigmoid losses (minimax,
    nonsaturating), whose D is a probability.
    """
    return float(np.mean(log_sigmoid(d_real_logits)) + np.mean(log_sigmoid(-np.asarray(
        d_fake_logits, dtype=np.float64))))


def d_accuracy(
    d_real_logits: np.ndarray, d_fake_logits: np.ndarray, critic: bool
) -> tuple[float, float]:
    """(accuracy on real, accuracy on fake) of D as a classifier with threshold t:

        acc_real = mean[D(x) > t],   acc_fake = mean[D(G(z)) ≤ t].

    For a classifier (sigmoid or hinge losses) t = 0, i.e. D(x) = 1/2. A critic's output (WGAN,
    WGAN-GP, LSGAN) has no fixed meaning of zero: the WGAN loss is unchanged by adding a constant
    to the critic. Its threshold is the midpoint of the two means,
    t = (mean D(x) + mean D(G(z))) / 2, so the accuracy says how well the scores separate.
    """
    real = np.asarray(d_real_logits, dtype=np.float64).reshape(-1)
    fake = np.asarray(d_fake_logits, dtype=np.float64).reshape(-1)
    t = 0.5 * (real.mean() + fake.mean()) if critic else 0.0
    return float(np.mean(real > t)), float(np.mean(fake <= t))
