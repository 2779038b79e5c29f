"""Playground presets that reproduce, on demand, each phenomenon the Learn pages explain.

Each preset is a set of Config overrides (keys of ganlab.config.Config; a test validates them)
plus the Learn pages that link to it; its button title and explanation are the translation keys
`learn.preset.<name>` and `learn.preset.<name>.what`. The Playground resolves a name with
`ganlab.presets.changes_of`, which prefers the Playground's own table: for a name defined in both
(collapse_grid25_minimax, vanishing_saturating, ...) the entry here is only a fallback. Steps are
left to the Playground (or the CLI default).
"""

from __future__ import annotations

PRESETS: dict[str, dict] = {
    "collapse_grid25_minimax": {
        "config": {"dataset": "grid25", "loss": "minimax"},
        "pages": ("mle", "evaluating", "information"),
    },
    "vanishing_saturating": {
        # a strong D (5 updates per G update, 10x the learning rate) with the saturating loss
        "config": {"dataset": "ring8", "loss": "minimax", "d_steps": 5, "lr_d": 2e-3, "lr_g": 2e-4,
                   "noise_dim": 2},
        "pages": ("gan_game",),
    },
    "nonsaturating_fix": {
        # the vanishing_saturating setting with only the loss changed
        "config": {"dataset": "ring8", "loss": "nonsaturating", "d_steps": 5, "lr_d": 2e-3,
                   "lr_g": 2e-4, "noise_dim": 2},
        "pages": ("gan_game",),
    },
    "wgan_gp_fix": {
        "config": {"dataset": "grid25", "loss": "wgan_gp", "gp_weight": 0.1, "d_steps": 5,
                   "beta1": 0.5, "beta2": 0.9},
        "pages": ("wgan", "information", "evaluating"),
    },
    "wgan_clip": {
        "config": {"dataset": "ring8", "loss": "wgan", "clip": 0.01, "d_steps": 5,
                   "optimizer_d": "rmsprop", "optimizer_g": "rmsprop", "lr_d": 5e-5, "lr_g": 5e-5},
        "pages": ("wgan",),
    },
    "many_d_steps": {
        "config": {"dataset": "ring8", "loss": "minimax", "d_steps": 10},
        "pages": ("gan_game",),
    },
    "unbalanced_lr": {
        "config": {"dataset": "ring8", "loss": "nonsaturating", "lr_d": 2e-3, "lr_g": 2e-5},
        "pages": ("gan_game",),
    },
    "gaussians1d_dstar": {
        "config": {"dataset": "gaussians1d", "loss": "nonsaturating", "noise_dim": 1},
        "pages": ("gan_game", "mle"),
    },
    "small_batch": {
        "config": {"dataset": "ring8", "loss": "nonsaturating", "batch_size": 16},
        "pages": ("sampling",),
    },
    "large_batch": {
        "config": {"dataset": "ring8", "loss": "nonsaturating", "batch_size": 512},
        "pages": ("sampling",),
    },
    "moons_baseline": {
        "config": {"dataset": "moons", "loss": "nonsaturating"},
        "pages": ("cyclegan",),
    },
}


def presets_for(page: str) -> list[str]:
    """Names of the presets a Learn page offers, in table order."""
    return [name for name, p in PRESETS.items() if page in p["pages"]]


def changes(name: str) -> dict:
    """The Config changes the Playground applies for `name` (its own table first, see above)."""
    try:
        from ganlab.presets import changes_of
    except ImportError:
        return dict(PRESETS[name]["config"])
    return changes_of(name)


def cli_command(name: str) -> str:
    """The equivalent `ganlab train` command line (the Playground-free way to run a preset)."""
    sets = " ".join(f"--set {k}={v}" for k, v in changes(name).items())
    return f"ganlab train {sets} --out runs/{name}"
