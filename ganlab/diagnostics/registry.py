"""Registry of diagnostics: each one says when it applies, how often it runs and what it logs.

Cadences are in iterations and were set from benchmarks/bench_diagnostics.py so that, with all
diagnostics on, a small MLP GAN on ring8 (the cheapest training, hence the worst case) loses
≤ 10 % of its throughput: measured 5–6.5 % of training time on a shared 2-core CPU (2.6 ms per
iteration), most of it exact W1 (~70 ms per call, every 1,000) and MMD (~25 ms, every 500).
The dearer a diagnostic, the rarer it runs; everything else costs < 2 ms per call, every 100.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ganlab import variants

from .coverage import mode_coverage, mode_shares
from .divergence1d import divergences_1d, dstar_gap, kde_density
from .divergence2d import binned_divergences, mmd_rbf, w1_exact
from .diversity import sample_diversity
from .probe import Probe
from .value import d_accuracy, minimax_value

log = logging.getLogger(__name__)

SIGMOID_LOSSES = variants.PROBABILITY_LOSSES
"""Losses whose D output is a probability logit, so V(G, D) is defined."""

CRITIC_LOSSES = variants.CRITIC_LOSSES
"""Losses whose D output is an unbounded score (wgan, wgan_gp, hinge)."""


@dataclass(frozen=True)
class Diagnostic:
    """name: registry key; cadence: run at steps divisible by it; applies(data): whether it makes
    sense for this dataset; compute(probe): snake_case metric name -> float; metrics: the names
    compute may return (for docs and UI legends)."""

    name: str
    cadence: int
    applies: Callable[[Any], bool]
    compute: Callable[[Probe], dict[str, float]]
    metrics: tuple[str, ...]


def _is_mixture(data: Any) -> bool:
    return getattr(data, "means", None) is not None


def _is_toy(dim: int | None = None) -> Callable[[Any], bool]:
    def applies(data: Any) -> bool:
        return getattr(data, "kind", None) == "toy" and (dim is None or data.dim == dim)

    return applies


def _coverage(probe: Probe) -> dict[str, float]:
    d = probe.data
    cov = mode_coverage(probe.fake, d.means, d.std, weights=getattr(d, "weights", None))
    return {k: float(cov[k]) for k in ("modes_covered", "modes_covered_loose", "hq_share",
                                       "mode_kl")}


MAX_TRACKED_MODES = 25
"""Per-mode shares are logged for the first 25 modes (grid25, the largest mixture), one float
column each, so the per-mode histogram over time needs no channel other than metrics.jsonl."""

MODE_SHARE_PREFIX = "mode_share_"
MODE_SHARE_METRICS = tuple(f"{MODE_SHARE_PREFIX}{k:02d}" for k in range(MAX_TRACKED_MODES))


def mode_share_index(metric: str) -> int | None:
    """k for ``mode_share_<k>`` (zero-padded), else None."""
    if metric.startswith(MODE_SHARE_PREFIX) and metric[len(MODE_SHARE_PREFIX):].isdigit():
        return int(metric[len(MODE_SHARE_PREFIX):])
    return None


def doc_key(metric: str) -> str:
    """The i18n key of a metric's one-line doc; the per-mode columns share one."""
    return "diag.doc.mode_share" if mode_share_index(metric) is not None else f"diag.doc.{metric}"


def _mode_histogram(probe: Probe) -> dict[str, float]:
    d = probe.data
    shares = mode_shares(probe.fake, d.means, d.std)[:MAX_TRACKED_MODES]
    return dict(zip(MODE_SHARE_METRICS, (float(s) for s in shares)))


def _divergence_1d(probe: Probe) -> dict[str, float]:
    d = probe.data
    lo, hi = d.bounds[0]
    return divergences_1d(probe.fake, d.pdf, d.cdf, lo, hi, component_std=d.std)


def _dstar_gap(probe: Probe) -> dict[str, float]:
    # Only a probability D has an optimum D* = p_data / (p_data + p_g) to be compared with.
    if probe.d_line is None or probe.loss not in SIGMOID_LOSSES:
        return {}
    xs, logits = probe.d_line
    p_g = kde_density(probe.fake, xs, component_std=probe.data.std)
    d = 1.0 / (1.0 + np.exp(-np.clip(np.asarray(logits, dtype=np.float64), -60, 60)))
    return {"dstar_gap": dstar_gap(d, probe.data.pdf(xs[:, None]), p_g)}


def _binned(probe: Probe) -> dict[str, float]:
    return binned_divergences(probe.real, probe.fake, probe.data.bounds)


def _discriminator(probe: Probe) -> dict[str, float]:
    # D calls x real when its raw output is above the one it takes at equilibrium (a logit's 0,
    # LSGAN's 1/2, hinge's 0); a WGAN critic has no such value (any constant shift is the same
    # critic), so d_accuracy splits at the midpoint of the two means.
    facts = variants.LOSSES.get(probe.loss)
    undecided = facts.d_raw_at_equilibrium if facts else 0.0
    if undecided is None:
        acc_real, acc_fake = d_accuracy(probe.d_real_logits, probe.d_fake_logits, critic=True)
    else:
        acc_real, acc_fake = d_accuracy(np.asarray(probe.d_real_logits) - undecided,
                                        np.asarray(probe.d_fake_logits) - undecided, critic=False)
    out = {"d_acc_real": acc_real, "d_acc_fake": acc_fake}
    if probe.loss in SIGMOID_LOSSES:
        out["minimax_value"] = minimax_value(probe.d_real_logits, probe.d_fake_logits)
    return out


DIAGNOSTICS: dict[str, Diagnostic] = {
    d.name: d
    for d in (
        Diagnostic("mode_coverage", 100, _is_mixture, _coverage,
                   ("modes_covered", "modes_covered_loose", "hq_share", "mode_kl")),
        Diagnostic("mode_histogram", 100, _is_mixture, _mode_histogram, MODE_SHARE_METRICS),
        Diagnostic("divergence_1d", 100,
                   lambda data: _is_mixture(data) and data.dim == 1 and hasattr(data, "cdf"),
                   _divergence_1d, ("kl_data_g", "kl_g_data", "js", "w1")),
        Diagnostic("dstar_gap", 100, lambda data: _is_mixture(data) and data.dim == 1,
                   _dstar_gap, ("dstar_gap",)),
        Diagnostic("binned_divergence", 100, _is_toy(dim=2), _binned,
                   ("kl_binned", "js_binned")),
        Diagnostic("w1_exact", 1000, _is_toy(dim=2),
                   lambda p: {"w1_exact": w1_exact(p.real, p.fake)}, ("w1_exact",)),
        Diagnostic("mmd", 500, _is_toy(),
                   lambda p: {"mmd": mmd_rbf(p.real, p.fake)}, ("mmd",)),
        Diagnostic("discriminator", 100, lambda data: True, _discriminator,
                   ("minimax_value", "d_acc_real", "d_acc_fake")),
        Diagnostic("sample_diversity", 100, lambda data: True,
                   lambda p: {"sample_diversity": sample_diversity(p.fake, p.real)},
                   ("sample_diversity",)),
    )
}


def compute_due(
    step: int,
    probe_factory: Callable[[], Probe],
    enabled: Iterable[str] | None = None,
) -> dict[str, float]:
    """Run every enabled diagnostic whose cadence divides ``step``; return their merged metrics.

    ``probe_factory`` is called at most once, and only if something is due, so steps with nothing
    due cost one modulo per diagnostic. A diagnostic that fails is logged and skipped: a metric must
    never stop a training run.
    """
    names = set(DIAGNOSTICS) if enabled is None else set(enabled)
    if unknown := names - set(DIAGNOSTICS):
        raise ValueError(f"unknown diagnostics {sorted(unknown)}; known: {sorted(DIAGNOSTICS)}")
    due = [d for name, d in DIAGNOSTICS.items() if name in names and step % d.cadence == 0]
    if not due:
        return {}
    probe = probe_factory()
    out: dict[str, float] = {}
    for diag in due:
        if not diag.applies(probe.data):
            continue
        try:
            values = diag.compute(probe)
        except Exception:
            log.exception("diagnostic %s failed at step %d", diag.name, step)
            continue
        out.update({k: float(v) for k, v in values.items()})
    return out


# Image metrics (issue 5) live in .images and use the same entry format.
from .images import IMAGE_DIAGNOSTICS  # noqa: E402  (after Diagnostic: .images builds none)

DIAGNOSTICS.update({entry[0]: Diagnostic(*entry) for entry in IMAGE_DIAGNOSTICS})
