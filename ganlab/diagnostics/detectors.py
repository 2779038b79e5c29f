"""Failure alarms over metric streams (see ``streams`` for the history format).

No published automatic collapse alarm exists; these thresholds are our own, calibrated on
measurements of real runs (tests/test_diag_real_runs.py) and on ganhacks. Each detector looks only
at the tail of the history, so checking costs the same at step 100 and at step 100,000. An alarm's
``message_key`` names an i18n entry; ``<message_key>.cause`` and ``<message_key>.remedy`` explain
it in plain language (ganlab/i18n/diagnostics.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from .registry import SIGMOID_LOSSES
from .streams import (
    D_FAKE_MEAN,
    GRAD_NORM_D,
    GRAD_NORM_G,
    LOSS_D,
    LOSS_G,
    STEP,
    History,
    head,
    measured,
    tail,
)


@dataclass(frozen=True)
class Alarm:
    """kind: detector name; step: iteration at which the condition was seen; message_key: i18n
    key of the one-line title; severity: "warning" (training is wasting time) or "error" (the run
    is broken); details: the numbers behind the decision, for tooltips and logs."""

    kind: str
    step: int
    message_key: str
    severity: str
    details: dict = field(default_factory=dict)


Check = Callable[..., "Alarm | None"]


@dataclass(frozen=True)
class Detector:
    """name: alarm kind; threshold: the documented rule in words; check(history, loss=None)."""

    name: str
    threshold: str
    check: Check


def _last_step(history: History) -> int:
    return int(history[STEP][-1]) if len(history.get(STEP, ())) else 0


# --- discriminator wins / vanishing generator gradient ------------------------------------------
VANISH_WINDOW = 200
VANISH_D_FAKE_MAX = 0.05
VANISH_GRAD_DROP = 100.0


def check_vanishing_gradient(history: History, loss: str | None = None) -> Alarm | None:
    """Every mean D(G(z)) of the last VANISH_WINDOW steps is < VANISH_D_FAKE_MAX and the median
    ‖∇G‖ there is VANISH_GRAD_DROP× below its median over the first VANISH_WINDOW steps.

    With the saturating loss log(1 − D(G(z))), ∂/∂logit = −D(G(z)): once D rejects every fake, G's
    gradient dies (Arjovsky & Bottou 2017). Only defined when D outputs a probability.
    """
    if loss is not None and loss not in SIGMOID_LOSSES:
        return None
    _, d_fake = tail(history, D_FAKE_MEAN, VANISH_WINDOW)
    _, grad = tail(history, GRAD_NORM_G, VANISH_WINDOW)
    early = head(history, GRAD_NORM_G, VANISH_WINDOW)
    steps = history.get(STEP, ())
    if len(d_fake) < 10 or len(grad) < 10 or len(early) < 10:
        return None
    if steps[-1] - steps[0] < 2 * VANISH_WINDOW:  # early and recent windows must not overlap
        return None
    recent_grad, early_grad = float(np.median(grad)), float(np.median(early))
    if d_fake.max() < VANISH_D_FAKE_MAX and recent_grad * VANISH_GRAD_DROP < early_grad:
        return Alarm("vanishing_gradient", _last_step(history), "diag.alarm.vanishing_gradient",
                     "warning", {"d_fake_max": float(d_fake.max()),
                                 "grad_norm_g": recent_grad, "grad_norm_g_early": early_grad})
    return None


# --- mode collapse -------------------------------------------------------------------------------
COLLAPSE_RECENT = 3           # measurements whose median is "now" (one noisy probe is not enough)
COLLAPSE_MODES_DROP = 0.3     # modes_covered fell by ≥ 30 % of its peak (8 → 5, 25 → 17)
COLLAPSE_MODES_MIN_LOST = 2   # ... and by ≥ 2 modes, so 3 → 2 chance coverage early on is quiet
COLLAPSE_MODES_MIN_PEAK = 4   # ... from a peak of ≥ 4 modes: real blurry minimax/WGAN-GP runs on
#                               grid25 hover at 0–3 strict modes by chance (2 → 0 fired there)
COLLAPSE_DIVERSITY_DROP = 0.5  # sample_diversity fell to half its peak
COLLAPSE_DIVERSITY_CAP = 1.0  # ... counting a peak above the data's own spread as 1: a real
#                               minimax run flung samples out to diversity 9, came back to 0.9
#                               and was not collapsed
COLLAPSE_DIVERSITY_MIN_PEAK = 0.75  # ... from a peak ≥ 0.75: a real WGAN-GP run still spreading
#                               out wandered 0.6 → 0.3 and had nothing to collapse from
COLLAPSE_KL = 0.5             # mode_kl > 0.5 nats ≈ fewer than 61 % of equal modes (ln(K/m) > 0.5)
COLLAPSE_KL_MIN_STEP = 2000   # ... after a warm-up, in each of the last COLLAPSE_KL_RUN probes
COLLAPSE_KL_RUN = 5
COLLAPSE_KL_MIN_HQ = 0.1      # ... with ≥ 10 % HQ samples in each: the KL of a histogram of n_hq
#                               samples has a floor ≈ (K−1)/(2·n_hq), 0.3–1.4 on real blurry runs
#                               with 1–3 % HQ; at ≥ 250 of 2,500 it is ≤ 0.05 for K = 25
COLLAPSE_LOSS_WINDOW = 200
COLLAPSE_FEW_CLASSES = 2      # images: the classifier puts the samples in ≤ 2 classes ...
COLLAPSE_NARROW = 0.25        # ... and they are < 1/4 as spread as the data, in 3 probes. A run
#                               collapsed from the start (an MLP G on digits: 64 copies of one
#                               image, diversity 0.02) has no peak to fall from; toy runs are
#                               exempt (no classifier), where blurry runs hover at 0–3 modes


def _drop_from_peak(history: History, name: str, drop: float, min_drop: float = 0.0,
                    min_peak: float = 0.0, cap: float = np.inf) -> dict | None:
    """The stream's recent median fell by ≥ ``drop`` of its peak (and by ≥ ``min_drop``, from a
    peak ≥ ``min_peak``); a peak above ``cap`` counts as ``cap``. The peak is taken before the
    recent window: a run still climbing (coverage 0, 2, 2, 4) has not fallen from its newest value,
    which the default ring8 run showed as a false alarm around iteration 900."""
    _, values = measured(history, name)
    if len(values) < COLLAPSE_RECENT + 1:
        return None
    peak = min(float(values[:-COLLAPSE_RECENT].max()), cap)
    now = float(np.median(values[-COLLAPSE_RECENT:]))
    if (peak > 0 and peak >= min_peak and now <= (1.0 - drop) * peak
            and peak - now >= min_drop):
        return {"metric": name, "peak": peak, "now": now}
    return None


def _aligned(history: History, name: str, other: str) -> np.ndarray:
    """Values of ``other`` at the steps where ``name`` was measured (NaN where it was not)."""
    v = np.asarray(history.get(name, ()), dtype=np.float64)
    o = np.asarray(history.get(other, [None] * len(v)), dtype=np.float64)
    return o[~np.isnan(v)]


def check_mode_collapse(history: History, loss: str | None = None) -> Alarm | None:
    """Coverage falls while the losses stay finite (so nothing else explains it). Any of:
    median of the last 3 ``modes_covered`` ≤ 70 % of a peak of ≥ 4 and ≥ 2 modes below it;
    median of the last 3 ``sample_diversity`` ≤ 50 % of min(peak, 1), peak ≥ 0.75; ``mode_kl`` >
    0.5 with ``hq_share`` ≥ 10 % in each of the last 5 probes after step 2000 (a run that never
    spread out has no peak to fall from); or, for labelled images, the samples in ≤ 2 classes and
    < 1/4 as diverse as the data in the last 3 probes (collapsed from the start). Checked on real
    runs in tests/test_diag_real_runs.py."""
    for name in (LOSS_D, LOSS_G):
        _, v = tail(history, name, COLLAPSE_LOSS_WINDOW, keep_nan=True)
        if len(v) and not np.all(np.isfinite(v)):
            return None  # the divergence alarm owns this case
    details = _drop_from_peak(history, "modes_covered", COLLAPSE_MODES_DROP,
                              COLLAPSE_MODES_MIN_LOST, COLLAPSE_MODES_MIN_PEAK)
    details = details or _drop_from_peak(history, "sample_diversity", COLLAPSE_DIVERSITY_DROP,
                                         min_peak=COLLAPSE_DIVERSITY_MIN_PEAK,
                                         cap=COLLAPSE_DIVERSITY_CAP)
    if details is None:
        steps, kl = measured(history, "mode_kl")
        recent = kl[-COLLAPSE_KL_RUN:]
        hq = _aligned(history, "mode_kl", "hq_share")[-COLLAPSE_KL_RUN:]
        if (len(recent) == COLLAPSE_KL_RUN and recent.min() > COLLAPSE_KL
                and steps[-COLLAPSE_KL_RUN] >= COLLAPSE_KL_MIN_STEP
                and not (hq < COLLAPSE_KL_MIN_HQ).any()):
            details = {"metric": "mode_kl", "now": float(recent[-1]), "threshold": COLLAPSE_KL}
    details = details or _few_classes(history)
    if details is None:
        return None
    return Alarm("mode_collapse", _last_step(history), "diag.alarm.mode_collapse", "warning",
                 details)


def _few_classes(history: History) -> dict | None:
    if not len(measured(history, "confident_share")[1]):
        return None  # only the image classifier logs confident_share
    _, classes = measured(history, "modes_covered")
    _, spread = measured(history, "sample_diversity")
    if len(classes) < COLLAPSE_RECENT or len(spread) < COLLAPSE_RECENT:
        return None
    now, narrow = (float(np.median(v[-COLLAPSE_RECENT:])) for v in (classes, spread))
    if now <= COLLAPSE_FEW_CLASSES and narrow < COLLAPSE_NARROW:
        return {"metric": "modes_covered", "now": now, "sample_diversity": narrow}
    return None


# --- oscillation ---------------------------------------------------------------------------------
OSC_WINDOW = 1500
OSC_MIN_POINTS = 60
OSC_ACF_PEAK = 0.4
OSC_PROGRESS = 0.1
PROGRESS_METRICS = ("mode_kl", "w1", "w1_exact", "js_binned", "js", "mmd")
"""Lower-is-better quality metrics; the first one present decides whether the run progresses."""


def dominant_cycle(x: np.ndarray) -> tuple[int, float]:
    """(period, strength) of the strongest cycle of a series with ≥ 3 cycles in it.

    The series is detrended (least-squares line) and its biased autocorrelation r(τ) computed; the
    peak of r after its first zero crossing, over τ ≤ n/3, is the cycle. White noise gives peaks
    ≈ 2/√n; a clean sine with ≥ 3 periods gives ≥ 0.67.
    """
    n = len(x)
    t = np.arange(n)
    resid = x - np.polyval(np.polyfit(t, x, 1), t)
    var = float(resid @ resid)
    if var <= 0:
        return 0, 0.0
    spec = np.fft.rfft(resid, 2 * n)
    acf = np.fft.irfft(spec * np.conj(spec))[: n // 3 + 1] / var
    below = np.flatnonzero(acf < 0)
    if len(below) == 0:
        return 0, 0.0
    lag = int(below[0] + np.argmax(acf[below[0]:]))
    return lag, float(acf[lag])


def check_oscillation(history: History, loss: str | None = None) -> Alarm | None:
    """loss_d or loss_g, over the last OSC_WINDOW steps, has a cycle with autocorrelation
    ≥ OSC_ACF_PEAK (repeating ≥ 3 times) and the first quality metric present (PROGRESS_METRICS)
    did not improve by ≥ 10 % across the same window."""
    for name in PROGRESS_METRICS:
        _, q = tail(history, name, OSC_WINDOW)
        if len(q) >= 2:
            if q[-1] < (1.0 - OSC_PROGRESS) * q[0]:
                return None  # cycling, but getting somewhere
            break
    for name in (LOSS_D, LOSS_G):
        _, x = tail(history, name, OSC_WINDOW)
        if len(x) < OSC_MIN_POINTS:
            continue
        period, strength = dominant_cycle(x)
        if strength >= OSC_ACF_PEAK:
            return Alarm("oscillation", _last_step(history), "diag.alarm.oscillation", "warning",
                         {"stream": name, "period_points": period, "autocorrelation": strength})
    return None


# --- divergence ----------------------------------------------------------------------------------
DIVERGE_WINDOW = 200
DIVERGE_RECENT = 5
DIVERGE_FACTOR = 10.0


def check_divergence(history: History, loss: str | None = None) -> Alarm | None:
    """A NaN/inf loss or an infinite gradient norm within the last DIVERGE_WINDOW steps (error; a
    NaN gradient norm may be a gap in the stream, and a NaN loss comes with it anyway), or the
    median of the last 5 gradient norms of G or D > 10× the median of the DIVERGE_WINDOW steps
    before them (warning; ganhacks: "if they are over 100 things are screwing up")."""
    streams = (LOSS_D, LOSS_G, GRAD_NORM_D, GRAD_NORM_G)
    for name in streams:
        steps, v = tail(history, name, DIVERGE_WINDOW, keep_nan=True)
        if np.isinf(v).any() or (np.isnan(v).any() and name in (LOSS_D, LOSS_G)):
            first = int(steps[~np.isfinite(v)][0])
            return Alarm("divergence", first, "diag.alarm.divergence.nan", "error",
                         {"stream": name})
    for name in (GRAD_NORM_D, GRAD_NORM_G):
        _, v = tail(history, name, DIVERGE_WINDOW + DIVERGE_RECENT)
        if len(v) < 4 * DIVERGE_RECENT:
            continue
        recent, base = np.median(v[-DIVERGE_RECENT:]), np.median(v[:-DIVERGE_RECENT])
        if base > 0 and recent > DIVERGE_FACTOR * base:
            return Alarm("divergence", _last_step(history), "diag.alarm.divergence.exploding",
                         "warning", {"stream": name, "recent": float(recent),
                                     "median": float(base)})
    return None


DETECTORS: dict[str, Detector] = {
    d.name: d
    for d in (
        Detector("vanishing_gradient",
                 f"mean D(G(z)) < {VANISH_D_FAKE_MAX} for {VANISH_WINDOW} steps and ‖∇G‖ "
                 f"{VANISH_GRAD_DROP:g}× below its early median (sigmoid losses)",
                 check_vanishing_gradient),
        Detector("mode_collapse",
                 f"modes covered −{COLLAPSE_MODES_DROP:.0%} from a peak ≥ "
                 f"{COLLAPSE_MODES_MIN_PEAK} or sample diversity −{COLLAPSE_DIVERSITY_DROP:.0%} "
                 f"from min(peak, {COLLAPSE_DIVERSITY_CAP:g}) ≥ {COLLAPSE_DIVERSITY_MIN_PEAK}, or "
                 f"mode KL > {COLLAPSE_KL} with HQ ≥ {COLLAPSE_KL_MIN_HQ:.0%} for "
                 f"{COLLAPSE_KL_RUN} probes after step {COLLAPSE_KL_MIN_STEP}",
                 check_mode_collapse),
        Detector("oscillation",
                 f"loss autocorrelation peak ≥ {OSC_ACF_PEAK} (≥ 3 cycles in {OSC_WINDOW} "
                 f"steps) with < {OSC_PROGRESS:.0%} quality improvement", check_oscillation),
        Detector("divergence",
                 f"NaN/inf loss or gradient, or gradient norm > {DIVERGE_FACTOR:g}× its median "
                 f"over {DIVERGE_WINDOW} steps", check_divergence),
    )
}


def check_all(history: History, loss: str | None = None,
              enabled: Iterable[str] | None = None) -> list[Alarm]:
    """Every alarm currently raised by the enabled detectors (all by default)."""
    names = DETECTORS if enabled is None else set(enabled)
    alarms = (d.check(history, loss=loss) for n, d in DETECTORS.items() if n in names)
    return [a for a in alarms if a is not None]


class AlarmMonitor:
    """Edge-triggered alarms for toasts: a kind is reported when it becomes active and again only
    after it has cleared, while ``check_all`` reports it at every check."""

    def __init__(self, enabled: Iterable[str] | None = None):
        self.enabled = None if enabled is None else set(enabled)
        self._active: set[str] = set()

    def update(self, history: History, loss: str | None = None) -> list[Alarm]:
        alarms = check_all(history, loss, self.enabled)
        new = [a for a in alarms if a.kind not in self._active]
        self._active = {a.kind for a in alarms}
        return new
