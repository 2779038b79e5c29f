"""Named Playground presets: known-good settings and known failures, each a set of Config changes.

A preset is applied on top of the default Config (`preset_config(name)`), so it only names what
it changes. Titles and one-line explanations are the translation keys `preset.<name>` and
`preset.<name>.what`. The Learn pages keep their own presets (ganlab.theory.presets); `changes_of`
resolves a name from either table, so a Learn page can open the Playground on its preset.

What each preset was checked to show (real CPU runs; the tests named hold them to it):
    ring8_default           all 8 ring modes covered within ~2,000 iterations
    grid25_good             hinge loss: >= 20 of 25 grid modes at 5,000 iterations (test_quality)
    collapse_grid25_minimax minimax with G 20x faster than D: samples bunch on a few modes and the
                            mode-collapse alarm fires within 600 iterations (test_diag_real_runs)
    vanishing_saturating    D wins (D(G(z)) -> 0) and G's gradient norm collapses
    wgan_gp_fix             the collapse preset's nets with WGAN-GP: spreads over the grid, no
                            collapse alarm (test_diag_real_runs)
    many_d_steps            10 D updates per G update: D saturates, G crawls
    unbalanced_lr           lr_d 100x lr_g: D runs away from a G that barely moves
    gaussians1d_dstar       1D: D(x) tracks D*(x) = p_data / (p_data + p_g), flattening to 1/2
    digits_default          8x8 digits: 10/10 classes from iteration 250; classifier score 6.9,
                            FCD 14 at 3,000
    digits_collapse         digits with the collapse recipe: few classes, alarm within ~1,000
                            iterations (test_presets_real_runs)
"""

from __future__ import annotations

from ganlab.config import Config

# The small nets the detector tests train (2 hidden layers of 64, batch 128).
SMALL_TOY = {"g_layers": 2, "g_width": 64, "d_layers": 2, "d_width": 64, "batch_size": 128,
             "noise_dim": 2}

# What an image dataset starts from in the Playground (ganlab.ui.controls switches to these).
DIGITS_IMAGE = {"dataset": "digits", "batch_size": 64, "noise_dim": 32, "g_width": 64,
                "d_width": 64}

PRESETS: dict[str, dict] = {
    "ring8_default": {
        "title_key": "preset.ring8_default",
        # Adam at 1e-3 with small nets: covers the ring in ~2k iterations on one CPU core.
        "changes": {"dataset": "ring8", "loss": "nonsaturating", "lr_d": 1e-3, "lr_g": 1e-3,
                    "g_layers": 3, "g_width": 64, "d_layers": 3, "d_width": 64,
                    "batch_size": 256, "noise_dim": 2, "d_steps": 1, "g_steps": 1},
    },
    "grid25_good": {
        "title_key": "preset.grid25_good",
        # The hinge loss with the default nets (tests/test_quality.py: >= 20/25 strict modes).
        "changes": {"dataset": "grid25", "loss": "hinge", "lr_d": 1e-3, "lr_g": 1e-3,
                    "noise_dim": 2},
    },
    "collapse_grid25_minimax": {
        "title_key": "preset.collapse_grid25_minimax",
        # G learns 20x faster than D: it jumps to wherever D says "real" before D can move, and
        # its samples bunch there. Small nets as in tests/test_diag_real_runs.py (COLLAPSING).
        "changes": {"dataset": "grid25", "loss": "minimax", "lr_d": 1e-4, "lr_g": 2e-3,
                    **SMALL_TOY},
    },
    "vanishing_saturating": {
        "title_key": "preset.vanishing_saturating",
        # A strong D (5 updates per G update, 50x G's rate) with the saturating loss.
        "changes": {"dataset": "ring8", "loss": "minimax", "d_steps": 5, "lr_d": 5e-3,
                    "lr_g": 1e-4, "noise_dim": 2},
    },
    "wgan_gp_fix": {
        "title_key": "preset.wgan_gp_fix",
        # The collapse preset's nets with a gradient-penalised critic (HEALTHY in
        # tests/test_diag_real_runs.py): spreads over the grid, no collapse alarm.
        "changes": {"dataset": "grid25", "loss": "wgan_gp", "lr_d": 2e-3, "lr_g": 2e-3,
                    "gp_weight": 1.0, **SMALL_TOY},
    },
    "many_d_steps": {
        "title_key": "preset.many_d_steps",
        "changes": {"dataset": "ring8", "loss": "minimax", "d_steps": 10, "lr_d": 1e-3,
                    "lr_g": 1e-3, "noise_dim": 2},
    },
    "unbalanced_lr": {
        "title_key": "preset.unbalanced_lr",
        "changes": {"dataset": "ring8", "loss": "nonsaturating", "lr_d": 2e-3, "lr_g": 2e-5,
                    "noise_dim": 2},
    },
    "gaussians1d_dstar": {
        "title_key": "preset.gaussians1d_dstar",
        "changes": {"dataset": "gaussians1d", "loss": "nonsaturating", "lr_d": 1e-3,
                    "lr_g": 1e-3, "noise_dim": 1, "g_width": 64, "d_width": 64},
    },
    "digits_default": {
        "title_key": "preset.digits_default",
        # DCGAN on the 8x8 digits: 10/10 classes from iteration 250, classifier score 6.9 and
        # FCD 14 at 3,000; a 32-dim prior, as images need far more than a toy's 2 dims.
        "changes": dict(DIGITS_IMAGE),
    },
    "digits_collapse": {
        "title_key": "preset.digits_collapse",
        # The original MLP GAN with the saturating loss and G 10x faster than D: G settles on one
        # image for every z (diversity ~0.03, 1 class) and stays there; alarm at ~800 iterations.
        "changes": {"dataset": "digits", "model": "mlp", "loss": "minimax", "lr_d": 1e-4,
                    "lr_g": 1e-3, "batch_size": 64, "noise_dim": 32, "g_width": 32,
                    "d_width": 32},
    },
}

DEFAULT_PRESET = "ring8_default"


def _learn_presets() -> dict:
    try:  # the Learn pages' table; optional so the Playground works without it
        from ganlab.theory.presets import PRESETS as LEARN
    except ImportError:
        return {}
    return LEARN


def names() -> list[str]:
    """Every preset the Playground can open: its own, then the Learn pages' extra ones."""
    return list(PRESETS) + [n for n in _learn_presets() if n not in PRESETS]


def changes_of(name: str) -> dict:
    """Config changes of a preset from either table; KeyError names the unknown preset."""
    if name in PRESETS:
        return dict(PRESETS[name]["changes"])
    learn = _learn_presets()
    if name in learn:
        return dict(learn[name]["config"])
    raise KeyError(f"unknown preset {name!r}")


def title_key(name: str) -> str:
    return PRESETS[name]["title_key"] if name in PRESETS else f"learn.preset.{name}"


def preset_config(name: str, base: Config | None = None) -> Config:
    """The preset applied to `base` (the default Config when None); raises ConfigError if a
    preset names a bad value (a test guards against that)."""
    return Config.from_dict(changes_of(name), base=base or Config())
