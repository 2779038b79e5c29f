"""The diagnostics registry: cadence, laziness, applicability, names and their documentation."""

import logging
import math
import subprocess
import sys

import numpy as np
import pytest
from scipy.stats import norm

from ganlab.diagnostics import DIAGNOSTICS, Diagnostic, Probe, compute_due, doc_key
from ganlab.i18n import TABLE as STRINGS


class Mixture:
    """Stand-in for the lead's toy GaussianMixture (same attributes, no torch)."""

    kind = "toy"

    def __init__(self, means, std, weights=None):
        self.means = np.asarray(means, dtype=float).reshape(len(means), -1)
        self.std, self.dim = std, self.means.shape[1]
        k = len(self.means)
        self.weights = np.full(k, 1 / k) if weights is None else np.asarray(weights)
        pad = 1 + 3 * std
        self.bounds = tuple(zip(self.means.min(0) - pad, self.means.max(0) + pad))

    def sample(self, n, seed):
        rng = np.random.default_rng(seed)
        k = rng.choice(len(self.means), n, p=self.weights)
        return self.means[k] + self.std * rng.standard_normal((n, self.dim))

    def pdf(self, x):
        return sum(w * norm.pdf(x, m, self.std).prod(1) for m, w in zip(self.means, self.weights))

    def cdf(self, x):
        return sum(w * norm.cdf(x[:, 0], m[0], self.std) for m, w in zip(self.means, self.weights))


class Moons:
    """A toy target with no modes to count."""

    kind, dim, bounds = "toy", 2, ((-1.5, 2.5), (-1.25, 1.75))


RING8 = Mixture(2 * np.c_[np.cos(np.arange(8) * np.pi / 4), np.sin(np.arange(8) * np.pi / 4)], 0.02)
GAUSS1D = Mixture([[-2.0], [2.0]], 0.5, weights=[0.4, 0.6])


def probe_of(data, loss="nonsaturating", n=2500):
    fake = data.sample(n, 1) if hasattr(data, "sample") else np.random.default_rng(1).normal(
        size=(n, data.dim))
    real = data.sample(n, 2) if hasattr(data, "sample") else np.random.default_rng(2).normal(
        size=(n, data.dim))
    return Probe(fake=fake, real=real, d_real_logits=np.zeros(n), d_fake_logits=np.zeros(n),
                 data=data, loss=loss)


class Factory:
    def __init__(self, probe):
        self.probe, self.calls = probe, 0

    def __call__(self):
        self.calls += 1
        return self.probe


def test_step_zero_runs_everything_that_applies_with_one_probe():
    factory = Factory(probe_of(RING8))
    out = compute_due(0, factory)
    assert factory.calls == 1
    assert out["modes_covered"] == 8 and out["hq_share"] > 0.98
    assert out["minimax_value"] == pytest.approx(-math.log(4))
    expected = {"modes_covered", "modes_covered_loose", "hq_share", "mode_kl", "kl_binned",
                "js_binned", "w1_exact", "mmd", "minimax_value", "d_acc_real", "d_acc_fake",
                "sample_diversity"} | {f"mode_share_{k:02d}" for k in range(8)}
    assert set(out) == expected
    assert all(isinstance(v, float) for v in out.values())


def test_nothing_due_costs_nothing():
    factory = Factory(probe_of(RING8))
    step = 7  # divides no cadence
    assert all(step % d.cadence for d in DIAGNOSTICS.values())
    assert compute_due(step, factory) == {} and factory.calls == 0


def test_only_the_due_diagnostics_run():
    cadences = {d.cadence for d in DIAGNOSTICS.values()}
    step = min(cadences)
    out = compute_due(step, Factory(probe_of(RING8)))
    due = {m for d in DIAGNOSTICS.values() if step % d.cadence == 0 for m in d.metrics}
    assert set(out) <= due and "w1_exact" not in out


def test_1d_mixture_gets_exact_divergences():
    out = compute_due(0, Factory(probe_of(GAUSS1D)))
    assert {"kl_data_g", "kl_g_data", "js", "w1", "modes_covered"} <= set(out)
    assert "kl_binned" not in out and "w1_exact" not in out
    assert out["modes_covered"] == 2 and out["js"] < 0.01


def test_data_without_modes_skips_coverage():
    out = compute_due(0, Factory(probe_of(Moons())))
    assert "modes_covered" not in out and "kl_data_g" not in out
    assert {"kl_binned", "w1_exact", "mmd", "sample_diversity"} <= set(out)


def test_critic_losses_get_no_minimax_value():
    out = compute_due(0, Factory(probe_of(RING8, loss="wgan_gp")), enabled=["discriminator"])
    assert set(out) == {"d_acc_real", "d_acc_fake"}


def test_enabled_filters_and_rejects_unknown_names():
    out = compute_due(0, Factory(probe_of(RING8)), enabled=["mode_coverage"])
    assert set(out) == {"modes_covered", "modes_covered_loose", "hq_share", "mode_kl"}
    with pytest.raises(ValueError, match="unknown diagnostics"):
        compute_due(0, Factory(probe_of(RING8)), enabled=["fid"])


def test_a_failing_diagnostic_is_logged_and_skipped(monkeypatch, caplog):
    def boom(probe):
        raise RuntimeError("boom")

    monkeypatch.setitem(DIAGNOSTICS, "broken", Diagnostic("broken", 1, lambda d: True, boom, ()))
    with caplog.at_level(logging.ERROR, logger="ganlab.diagnostics.registry"):
        out = compute_due(0, Factory(probe_of(RING8)), enabled=["broken", "mode_coverage"])
    assert "broken" in caplog.text and out["modes_covered"] == 8


def test_every_metric_is_snake_case_and_documented_in_both_languages():
    for diag in DIAGNOSTICS.values():
        assert diag.cadence >= 1
        for name in diag.metrics:
            assert name == name.lower() and " " not in name
            entry = STRINGS[doc_key(name)]
            assert entry["en"] and entry["zh"]


def test_diagnostics_import_neither_streamlit_nor_torch():
    code = ("import sys, ganlab.diagnostics; "
            "assert not {'streamlit', 'torch'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)
