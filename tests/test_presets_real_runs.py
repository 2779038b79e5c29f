"""The presets do what their one-liners promise, on real short CPU runs, on 3 seeds where it is
cheap: the saturating loss starves G while the same setting with the non-saturating loss does not;
the collapse preset covers at most 2 of 25 modes; `digits_collapse` collapses to one image and
the mode-collapse alarm fires; `digits_default`, as the Playground runs it, covers the classes
without an alarm. The grid presets are the configs tests/test_diag_real_runs.py trains.
The numbers their texts state are listed, with these tests, in each preset's `measured`.

Same loop as the worker: Trainer, Recorder writing metrics.jsonl, alarms checked every 100
iterations on the growing history.
"""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from ganlab import presets
from ganlab.config import Config
from ganlab.diagnostics import check_all, history_from_rows
from ganlab.diagnostics.alarmlog import AlarmLog
from ganlab.runs.folder import Run
from ganlab.runs.recorder import Recorder
from ganlab.train.trainer import Trainer

CHECK_EVERY = 100


SEEDS = (0, 1, 2)


def watch(tmp_path, name: str, steps: int, **over):
    cfg = presets.preset_config(name, Config(log_every=10, sample_every=10_000,
                                             checkpoint_every=10_000, steps=steps,
                                             data_dir=str(tmp_path / "data")))
    cfg = cfg.replace(**over)
    trainer = Trainer(cfg, device="cpu", threads=1)
    recorder = Recorder(Run.create(tmp_path / f"{name}-{cfg.seed}", cfg))
    trainer.callbacks.append(recorder)
    log = AlarmLog()
    for _ in range(steps // CHECK_EVERY):
        trainer.train(CHECK_EVERY)
        recorder.flush()
        rows = recorder.run.metrics()
        log.update(check_all(history_from_rows(rows), loss=cfg.loss))
    return rows, log.episodes


def series(rows, name):
    return np.array([r[name] for r in rows if name in r])


def collapse_onsets(episodes):
    return [e["step"] for e in episodes if e["kind"] == "mode_collapse"]


@pytest.mark.slow
def test_saturating_loss_starves_g_and_the_fix_does_not():
    """vanishing_saturating: within 150 iterations D(G(z)) -> 0 and ||grad G|| falls 100x below
    its start; nonsaturating_fix (the loss alone differs) keeps ||grad G|| >= 100x larger at the
    same iterations. Seeds 0-2 (measured: D(G(z)) ~ 1e-6, ratios ~1e7)."""
    for seed in SEEDS:
        norms = {}
        for name in ("vanishing_saturating", "nonsaturating_fix"):
            trainer = Trainer(presets.preset_config(name, Config(seed=seed)), device="cpu",
                              threads=1)
            stats = [trainer.iterate().floats() for _ in range(150)]
            norms[name] = np.array([s["grad_norm_g"] for s in stats])
            if name == "vanishing_saturating":
                assert max(s["d_fake"] for s in stats[-10:]) < 1e-3, seed
                assert norms[name][-10:].max() < norms[name][:20].max() / 100, seed
        ratio = np.median(norms["nonsaturating_fix"][-10:]) / \
            np.median(norms["vanishing_saturating"][-10:])
        assert ratio >= 100, (seed, ratio)


@pytest.mark.slow
def test_collapse_grid25_bunches_on_3_seeds(tmp_path):
    """At most 2 of the 25 modes covered (strict rule) at every check of 600 iterations. The
    alarm is not claimed: it fired at 500 for seed 0, at 1,400 for seed 1, never for seed 2
    within 1,500 (tests/test_diag_real_runs.py checks seed 0)."""
    for seed in SEEDS:
        rows, _ = watch(tmp_path, "collapse_grid25_minimax", 600, seed=seed)
        covered = series(rows, "modes_covered")
        assert len(covered) >= 6 and covered.max() <= 2, (seed, covered)


@pytest.mark.slow
def test_wgan_gp_fix_is_not_flagged_on_3_seeds(tmp_path):
    for seed in SEEDS:
        _, episodes = watch(tmp_path, "wgan_gp_fix", 600, seed=seed)
        assert collapse_onsets(episodes) == [], (seed, episodes)


@pytest.mark.slow
def test_digits_collapse_collapses_and_is_flagged(tmp_path):
    for seed in SEEDS:
        rows, episodes = watch(tmp_path, "digits_collapse", 1000, seed=seed)
        # Collapsed for real: the samples are (nearly) copies of one image, in one or two
        # classes.
        assert np.median(series(rows, "sample_diversity")[-3:]) < 0.15, seed
        assert np.median(series(rows, "modes_covered")[-3:]) <= 2, seed
        onsets = collapse_onsets(episodes)
        assert onsets and onsets[0] <= 1000, (seed, episodes)


@pytest.mark.slow
def test_digits_default_covers_the_classes_without_alarm(tmp_path):
    for seed in SEEDS:   # the preset as the Playground has it
        rows, episodes = watch(tmp_path, "digits_default", 500, seed=seed)
        assert series(rows, "modes_covered")[-1] >= 8, seed
        assert collapse_onsets(episodes) == [], seed


def test_grid_presets_are_the_configs_the_detector_tests_check():
    spec = importlib.util.spec_from_file_location(
        "diag_real_runs", Path(__file__).with_name("test_diag_real_runs.py"))
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    model = {k: v for k, v in real.SMALL.items() if k not in
             ("log_every", "sample_every", "checkpoint_every")}
    for name, recipe in (("collapse_grid25_minimax", real.COLLAPSING),
                         ("wgan_gp_fix", real.HEALTHY)):
        cfg = presets.preset_config(name)
        assert cfg == Config().replace(**model, **recipe, noise_dim=cfg.noise_dim), name
    good = presets.preset_config("grid25_good")
    assert (good.dataset, good.loss, good.g_width) == ("grid25", "hinge", Config().g_width)


def test_toy_runs_never_get_the_few_classes_alarm():
    """The image-only rule needs the classifier's confident_share: a toy history with 1 strict
    mode and tight samples (a blurry start) is not called collapsed by it."""
    from ganlab.diagnostics.detectors import check_mode_collapse

    n = 10
    history = {"step": list(range(100, 100 * n + 1, 100)), "loss_d": [0.6] * n,
               "loss_g": [0.8] * n, "modes_covered": [1.0] * n, "sample_diversity": [0.1] * n}
    assert check_mode_collapse(history) is None
    history["confident_share"] = [0.9] * n
    assert check_mode_collapse(history) is not None


@pytest.mark.slow
def test_dstar_demo_tracks_dstar_on_3_seeds(tmp_path):
    """gaussians1d_dstar keeps its word: from iteration 1,000 on, D stays within 0.05 of
    D* = p_data / (p_data + p_g) (the logged dstar_gap, p_g a KDE of 2,500 samples of G), and G
    moves towards p_data (JS falls below where it starts), on each of seeds 0-2."""
    for seed in SEEDS:
        rows, _ = watch(tmp_path, "gaussians1d_dstar", 2_000, seed=seed)
        steps, gap, js = series(rows, "step"), series(rows, "dstar_gap"), series(rows, "js")
        probe_steps = np.array([r["step"] for r in rows if "dstar_gap" in r])
        late = gap[probe_steps >= 1_000]
        assert len(late) >= 10 and late.max() < 0.05, (seed, late.round(3))
        assert js[-1] < 0.05 and js[-1] < js[0] / 2, (seed, js.round(3))
        assert steps[-1] == 2_000
