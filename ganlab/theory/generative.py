"""Generative vs discriminative models on a two-class 1D toy.

A *generative* model learns the joint p(x, y) = p(y) p(x | y); here class-conditional Gaussians
with one shared variance, fitted by maximum likelihood:

    pi = P(y = 1) = mean(y),   mu_k = mean of class k,   sigma^2 = pooled within-class variance

It can draw new (x, y) pairs, and it classifies by Bayes' rule. With equal variances the
posterior is exactly logistic in x (the x^2 terms of the two log densities cancel):

    p(y = 1 | x) = sigmoid(w x + b),   w = (mu_1 - mu_0) / sigma^2,
                                       b = (mu_0^2 - mu_1^2) / (2 sigma^2) + log(pi / (1 - pi))

A *discriminative* model learns p(y | x) alone: logistic regression, sigmoid(w x + b) fitted by
maximising the conditional likelihood (Newton's method; a tiny L2 penalty keeps w finite when
the classes do not overlap). It draws the same kind of boundary but holds no p(x): it cannot
sample an x. A GAN's discriminator is of this kind (y = real / generated); its generator is
generative, of p(x) alone, and implicit: it samples x without ever writing p(x) down.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RIDGE = 1e-3  # L2 penalty on w of the logistic fit (per training point): finite w if separable


def sigmoid(a) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    return np.exp(-np.logaddexp(0.0, -a))  # 1 / (1 + e^-a) without overflow


def toy_data(separation: float, n_per_class: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n points of class 0 from N(-d/2, 1) and n of class 1 from N(d/2, 1)."""
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(-separation / 2, 1.0, n_per_class),
                        rng.normal(separation / 2, 1.0, n_per_class)])
    y = np.repeat([0, 1], n_per_class)
    return x, y


@dataclass(frozen=True)
class GaussianClasses:
    """The fitted joint p(x, y): P(y = 1) = prior, x | y = k ~ N(mu_k, sigma^2)."""

    prior: float
    mu0: float
    mu1: float
    sigma: float

    def joint_pdf(self, x, y: int) -> np.ndarray:
        """p(x, y) = p(y) N(x; mu_y, sigma^2)."""
        mu, py = (self.mu1, self.prior) if y == 1 else (self.mu0, 1 - self.prior)
        z = (np.asarray(x, dtype=float) - mu) / self.sigma
        return py * np.exp(-0.5 * z**2) / (self.sigma * np.sqrt(2 * np.pi))

    def posterior(self, x) -> np.ndarray:
        """p(y = 1 | x) by Bayes' rule, from the two joint densities directly."""
        p1, p0 = self.joint_pdf(x, 1), self.joint_pdf(x, 0)
        return p1 / (p0 + p1)

    def logit_weights(self) -> tuple[float, float]:
        """(w, b) of the closed form p(y = 1 | x) = sigmoid(w x + b) (module docstring)."""
        s2 = self.sigma**2
        w = (self.mu1 - self.mu0) / s2
        b = (self.mu0**2 - self.mu1**2) / (2 * s2) + np.log(self.prior / (1 - self.prior))
        return float(w), float(b)

    def sample(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """n new pairs (x, y) ~ p(x, y): y ~ Bernoulli(prior), then x ~ N(mu_y, sigma^2)."""
        y = (rng.random(n) < self.prior).astype(int)
        x = np.where(y == 1, self.mu1, self.mu0) + self.sigma * rng.standard_normal(n)
        return x, y


def fit_gaussian_classes(x, y) -> GaussianClasses:
    """Maximum likelihood of p(x, y): class frequency, class means, pooled variance (1/n)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=int)
    if not (np.any(y == 0) and np.any(y == 1)):
        raise ValueError("both classes need at least one point")
    mu0, mu1 = float(x[y == 0].mean()), float(x[y == 1].mean())
    resid = x - np.where(y == 1, mu1, mu0)
    return GaussianClasses(float(y.mean()), mu0, mu1, float(np.sqrt(np.mean(resid**2))))


def logistic_loss(x, y, w: float, b: float, ridge: float = RIDGE) -> float:
    """Mean negative conditional log-likelihood  -1/n sum log p(y_i | x_i) + ridge w^2 / 2."""
    a = w * np.asarray(x, dtype=float) + b
    y = np.asarray(y, dtype=float)
    # -log sigmoid(a) = log(1 + e^-a); -log(1 - sigmoid(a)) = log(1 + e^a)
    return float(np.mean(y * np.logaddexp(0, -a) + (1 - y) * np.logaddexp(0, a))
                 + ridge * w**2 / 2)


def fit_logistic(x, y, ridge: float = RIDGE, steps: int = 50) -> tuple[float, float]:
    """(w, b) minimising logistic_loss, by Newton's method with step halving (convex: one
    minimum). The gradient there is 0: mean((p - y) x) + ridge w = 0, mean(p - y) = 0."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    X = np.stack([x, np.ones_like(x)], axis=1)
    theta = np.zeros(2)
    pen = np.array([ridge, 0.0])
    loss = logistic_loss(x, y, *theta, ridge)
    for _ in range(steps):
        p = sigmoid(X @ theta)
        grad = X.T @ (p - y) / len(x) + pen * theta
        hess = (X * (p * (1 - p))[:, None]).T @ X / len(x) + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-8:
            new_loss = logistic_loss(x, y, *(theta - t * step), ridge)
            if new_loss <= loss:
                break
            t /= 2
        theta, loss = theta - t * step, new_loss
        if np.max(np.abs(t * step)) < 1e-12:
            break
    return float(theta[0]), float(theta[1])


def boundary(w: float, b: float) -> float:
    """The x where sigmoid(w x + b) = 1/2."""
    return -b / w if w != 0 else float("nan")
