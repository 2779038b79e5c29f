"""Each failure detector fires on a synthetic stream that should trigger it and stays quiet on a
healthy one; every alarm it can raise is explained in both languages."""

import math

import numpy as np
import pytest

from ganlab.diagnostics import DETECTORS, Alarm, AlarmMonitor, check_all, history_from_rows
from ganlab.diagnostics.detectors import (
    check_divergence,
    check_mode_collapse,
    check_oscillation,
    check_vanishing_gradient,
    dominant_cycle,
)
from ganlab.i18n.diagnostics import STRINGS

STEPS = 3000
PROBE_EVERY = 100


def healthy(steps=STEPS, seed=0):
    """A run that converges: losses near equilibrium with noise, coverage rising then steady."""
    rng = np.random.default_rng(seed)
    t = np.arange(steps)
    probe = t % PROBE_EVERY == 0
    modes = np.minimum(8, 1 + t // 300).astype(float)
    kl = 2.0 * np.exp(-t / 600) + 0.003
    return {
        "step": t.tolist(),
        "loss_d": (1.35 + 0.05 * rng.standard_normal(steps)).tolist(),
        "loss_g": (0.72 + 0.05 * rng.standard_normal(steps)).tolist(),
        "d_fake": (0.45 + 0.03 * rng.standard_normal(steps)).tolist(),
        "grad_norm_g": np.abs(1 + 0.2 * rng.standard_normal(steps)).tolist(),
        "grad_norm_d": np.abs(2 + 0.3 * rng.standard_normal(steps)).tolist(),
        "modes_covered": [m if p else None for m, p in zip(modes, probe)],
        "mode_kl": [k if p else None for k, p in zip(kl, probe)],
        "sample_diversity": [1.0 + 0.02 * rng.standard_normal() if p else None for p in probe],
    }


def with_stream(hist, name, fn):
    """Copy of hist with stream name replaced by fn(step) at the steps where it was measured."""
    out = dict(hist)
    out[name] = [None if v is None else fn(s) for s, v in zip(hist["step"], hist[name])]
    return out


@pytest.mark.parametrize("loss", [None, "minimax", "nonsaturating", "wgan_gp"])
def test_healthy_run_raises_nothing(loss):
    for seed in range(3):
        assert check_all(healthy(seed=seed), loss=loss) == []


def test_vanishing_gradient_fires_with_the_saturating_loss_only():
    hist = with_stream(healthy(), "d_fake", lambda s: 0.45 * math.exp(-s / 100))
    hist = with_stream(hist, "grad_norm_g", lambda s: math.exp(-s / 200))
    alarm = check_vanishing_gradient(hist, loss="minimax")
    assert alarm.kind == "vanishing_gradient" and alarm.step == STEPS - 1
    assert alarm.details["d_fake_max"] < 0.05
    assert check_vanishing_gradient(hist, loss="wgan") is None  # D(fake) is no probability there
    # D winning alone, with G still getting gradient (the non-saturating case), is not this alarm.
    only_d = with_stream(healthy(), "d_fake", lambda s: 0.45 * math.exp(-s / 100))
    assert check_vanishing_gradient(only_d, loss="nonsaturating") is None


def test_mode_collapse_fires_when_coverage_drops():
    hist = with_stream(healthy(), "modes_covered", lambda s: 8.0 if s < 2000 else 2.0)
    alarm = check_mode_collapse(hist)
    assert alarm.kind == "mode_collapse" and alarm.details == {
        "metric": "modes_covered", "peak": 8.0, "now": 2.0}
    # Chance coverage early on (3 then 2 modes) is not a collapse.
    early = with_stream(healthy(), "modes_covered", lambda s: 3.0 if s == 500 else 2.0)
    assert check_mode_collapse(early) is None


def test_mode_collapse_needs_a_real_peak_to_fall_from():
    # A blurry run on grid25 (seen in real minimax runs): 2 strict modes by chance, then 0.
    blurry = with_stream(healthy(), "modes_covered", lambda s: 2.0 if s < 500 else 0.0)
    assert check_mode_collapse(blurry) is None
    lost = with_stream(healthy(), "modes_covered", lambda s: 4.0 if s < 500 else 1.0)
    assert check_mode_collapse(lost).details["peak"] == 4.0


def test_coverage_still_climbing_is_not_a_fall_from_its_newest_peak():
    # The default ring8 run at iteration ~900, probed every 100: 0, 0, 0, 2, 2, 4 modes. The
    # newest probe is the peak; the median of the last three (2) is no fall from it.
    climbing = [0, 0, 0, 0, 0, 0, 2, 2, 4]
    hist = {"step": [100 * (i + 1) for i in range(len(climbing))],
            "loss_d": [1.3] * len(climbing), "loss_g": [0.8] * len(climbing),
            "modes_covered": [float(v) for v in climbing]}
    assert check_mode_collapse(hist) is None
    # ... while the same peak followed by three low probes is a fall.
    hist2 = dict(hist)
    hist2["step"] = hist["step"] + [1000, 1100, 1200]
    hist2["modes_covered"] = hist["modes_covered"] + [2.0, 1.0, 2.0]
    for k in ("loss_d", "loss_g"):
        hist2[k] = hist[k] + [1.3] * 3
    assert check_mode_collapse(hist2).details == {"metric": "modes_covered", "peak": 4.0,
                                                  "now": 2.0}


def test_mode_kl_of_a_few_hq_samples_is_not_a_collapse():
    # Real blurry runs: 1–3 % HQ samples, so the mode histogram is noise and its KL 0.3–1.4.
    hist = with_stream(healthy(), "modes_covered", lambda s: 1.0)
    hist = with_stream(hist, "mode_kl", lambda s: 0.9)
    blurry = with_stream(hist, "hq_share", lambda s: 0.02) if "hq_share" in hist else {
        **hist, "hq_share": [None if v is None else 0.02 for v in hist["mode_kl"]]}
    assert check_mode_collapse(blurry) is None
    sharp = {**blurry, "hq_share": [None if v is None else 0.9 for v in blurry["mode_kl"]]}
    assert check_mode_collapse(sharp).details["metric"] == "mode_kl"


def test_mode_collapse_fires_when_diversity_drops():
    hist = with_stream(healthy(), "sample_diversity", lambda s: 1.0 if s < 2000 else 0.1)
    assert check_mode_collapse(hist).details["metric"] == "sample_diversity"
    # Samples flung far out (diversity 9, seen on a real minimax run) and back to 0.9: no collapse.
    flung = with_stream(healthy(), "sample_diversity", lambda s: 9.0 if s == 500 else 0.9)
    assert check_mode_collapse(flung) is None


def test_mode_collapse_fires_on_a_run_that_never_spreads_out():
    hist = with_stream(healthy(), "modes_covered", lambda s: 2.0)
    hist = with_stream(hist, "mode_kl", lambda s: math.log(8 / 2))
    assert check_mode_collapse(hist).details["metric"] == "mode_kl"
    short = {k: v[:1500] for k, v in hist.items()}  # still warming up
    assert check_mode_collapse(short) is None


def test_mode_collapse_defers_to_divergence_when_losses_are_nan():
    hist = with_stream(healthy(), "modes_covered", lambda s: 8.0 if s < 2000 else 2.0)
    hist["loss_d"] = hist["loss_d"][:-10] + [float("nan")] * 10
    assert check_mode_collapse(hist) is None
    assert [a.kind for a in check_all(hist)] == ["divergence"]


def cycling(period=150, amplitude=0.3):
    hist = healthy()
    rng = np.random.default_rng(5)
    t = np.asarray(hist["step"])
    hist["loss_d"] = (1.3 + amplitude * np.sin(2 * np.pi * t / period)
                      + 0.05 * rng.standard_normal(len(t))).tolist()
    return with_stream(hist, "mode_kl", lambda s: 1.0)  # no progress


def test_oscillation_fires_on_cycling_losses_without_progress():
    alarm = check_oscillation(cycling())
    assert alarm.kind == "oscillation" and alarm.details["stream"] == "loss_d"
    assert alarm.details["period_points"] == pytest.approx(150, abs=5)


def test_oscillation_is_quiet_while_quality_improves():
    hist = with_stream(cycling(), "mode_kl", lambda s: 2.0 * math.exp(-s / 600))
    assert check_oscillation(hist) is None


def test_dominant_cycle_ignores_noise_and_trends():
    rng = np.random.default_rng(6)
    assert dominant_cycle(rng.standard_normal(1500))[1] < 0.2
    decay = np.exp(-np.arange(1500) / 300) + 0.01 * rng.standard_normal(1500)
    assert dominant_cycle(decay)[1] < 0.4
    period, strength = dominant_cycle(np.sin(2 * np.pi * np.arange(1500) / 100))
    assert period == 100 and strength > 0.8


def test_divergence_fires_on_nan_with_its_first_step():
    hist = healthy()
    hist["loss_g"] = hist["loss_g"][:2900] + [float("nan")] * 100
    alarm = check_divergence(hist)
    assert (alarm.severity, alarm.step, alarm.message_key) == (
        "error", 2900, "diag.alarm.divergence.nan")


def test_divergence_fires_on_exploding_gradients():
    hist = healthy()
    hist["grad_norm_d"] = hist["grad_norm_d"][:-5] + [50.0] * 5
    alarm = check_divergence(hist)
    assert alarm.message_key == "diag.alarm.divergence.exploding"
    assert alarm.details["stream"] == "grad_norm_d"
    spike = healthy()
    spike["grad_norm_d"] = spike["grad_norm_d"][:-3] + [50.0] + spike["grad_norm_d"][-2:]
    assert check_divergence(spike) is None  # one spike is not an explosion


def every_alarm() -> list[Alarm]:
    hist = with_stream(healthy(), "d_fake", lambda s: 1e-3)
    hist = with_stream(hist, "grad_norm_g", lambda s: 1.0 if s < 500 else 1e-4)
    exploding = healthy()
    exploding["grad_norm_g"] = exploding["grad_norm_g"][:-5] + [1e3] * 5
    nan = healthy()
    nan["loss_d"] = nan["loss_d"][:-1] + [float("inf")]
    return [check_vanishing_gradient(hist, "minimax"),
            check_mode_collapse(with_stream(healthy(), "modes_covered", lambda s: 8 - s // 500)),
            check_oscillation(cycling()), check_divergence(exploding), check_divergence(nan)]


def test_every_alarm_is_explained_in_both_languages():
    alarms = every_alarm()
    assert {a.kind for a in alarms} == set(DETECTORS)
    for alarm in alarms:
        for key in (alarm.message_key, alarm.message_key + ".cause",
                    alarm.message_key + ".remedy"):
            assert STRINGS[key]["en"] and STRINGS[key]["zh"], key
    for det in DETECTORS.values():
        assert det.threshold


def test_alarm_is_frozen():
    alarm = every_alarm()[0]
    with pytest.raises(AttributeError):
        alarm.step = 0


def test_monitor_reports_an_alarm_once_until_it_clears():
    sick = with_stream(healthy(), "modes_covered", lambda s: 8.0 if s < 2000 else 2.0)
    monitor = AlarmMonitor()
    assert [a.kind for a in monitor.update(sick)] == ["mode_collapse"]
    assert monitor.update(sick) == []
    assert monitor.update(healthy()) == []
    assert [a.kind for a in monitor.update(sick)] == ["mode_collapse"]


def test_history_from_rows_aligns_columns_with_gaps():
    rows = [{"step": 0, "loss_d": 1.0, "mmd": 0.5}, {"step": 1, "loss_d": 0.9}]
    assert history_from_rows(rows) == {"step": [0, 1], "loss_d": [1.0, 0.9], "mmd": [0.5, None]}


def test_detectors_tolerate_short_and_empty_histories():
    assert check_all({}) == []
    assert check_all({k: v[:5] for k, v in healthy().items()}) == []
