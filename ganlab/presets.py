"""Named presets: known-good settings and known failures, each a set of Config changes. The one
table: the Playground's preset list, the Learn pages' "try it" buttons, `ganlab train --preset`
and `ganlab presets` all read it.

A preset names only what it changes; `preset_config(name)` resolves it like any user config, on
top of the defaults that fit its dataset (ganlab.config.Config.from_dict). Its texts are the
translation keys `preset.<name>` / `preset.<name>.what` (the Playground; for presets only the
Learn pages show, `learn.preset.<name>`) and, on a Learn page, `learn.preset.<name>[.what]`.
Every number a text states is either a placeholder filled from the preset's own settings by
`facts(name)` ("{lr_ratio}× G's learning rate"), or listed in the preset's `measured` with the
test that measures it; tests/test_presets.py fails on any other number.
"""

from __future__ import annotations

from ganlab.config import Config
from ganlab.variants import IMAGE_DEFAULTS

# The plain GAN, without what ganlab.variants adds to cover ring8 and grid25 (an R1 penalty, an
# EMA of G): every failure and every claim below was measured on it, and a failure should show
# the plain game, not a repaired one.
PLAIN = {"r1_weight": 0.0, "ema": 0.0}

# The small nets the detector tests train (2 hidden layers of 64, batch 128).
SMALL_TOY = {"g_layers": 2, "g_width": 64, "d_layers": 2, "d_width": 64, "batch_size": 128,
             "noise_dim": 2, **PLAIN}

# What an image dataset starts from (ganlab.ui.datasets switches the Playground to these): the
# image defaults of ganlab.variants, the same ones `--set dataset=digits` gets.
DIGITS_IMAGE = {"dataset": "digits", **IMAGE_DEFAULTS}

# A strong D (5 updates per G update, 50x G's learning rate) with the saturating loss; its fix
# differs from it in the loss alone, so the comparison is controlled.
_VANISHING = {"dataset": "ring8", "loss": "minimax", "d_steps": 5, "lr_d": 5e-3, "lr_g": 1e-4,
              "noise_dim": 2, **PLAIN}

_REAL = "tests/test_presets_real_runs.py"
_CLAIMS = "tests/test_presets_claims.py"
_BATCH_PAIR = {"5.66": f"{_CLAIMS}::test_minibatch_gradient_error_shrinks_like_one_over_root_n",
               "15": "the same test: its tolerance around √32",
               "32": "512/16, the pair's batch sizes", "512": "large_batch's batch_size",
               "16": "small_batch's batch_size"}

PRESETS: dict[str, dict] = {
    "ring8_default": {
        # Adam at 1e-3 with 3x64 nets and ring8's own R1 penalty (ganlab.variants): the
        # Playground's fast start. With the EMA too it covered (5,000 iterations, seeds 0-4,
        # benchmarks/defaults_search.py) 8, 8, 8, 7, 8 of 8 modes; without it 8, 8, 8, 1, 6
        # (benchmarks/mode_coverage.py); the plain GAN with these nets 7, 3, 8 (seeds 0-2). The
        # Config's 3x128 nets with R1 and the EMA cover 8 of 8 on all five (README) at ~1.7x
        # the CPU per iteration.
        # No EMA here: the live view draws G's samples with the arrows of D's gradient that G's
        # next update follows, and Step G must move them; an average of G's weights would lag
        # behind its own arrows.
        "changes": {"dataset": "ring8", "loss": "nonsaturating", "lr_d": 1e-3, "lr_g": 1e-3,
                    "g_layers": 3, "g_width": 64, "d_layers": 3, "d_width": 64,
                    "batch_size": 256, "noise_dim": 2, "d_steps": 1, "g_steps": 1, "ema": 0.0},
        "playground": True, "pages": (),
        "measured": {"8": "ring8 has 8 modes",
                     "1": "R1: a name (Mescheder et al. 2018), not a measure",
                     "1,000": f"{_CLAIMS}::test_ring8_default_spreads_onto_the_ring",
                     "2": "ring8's radius; the same test: within 0.05 of it",
                     "0.05": "the same test"},
    },
    "grid25_good": {
        # grid25's own defaults (ganlab.variants: the hinge loss, R1, an EMA of G) with the
        # default nets: the benchmark's config of `default_grid25`, trained once for both rows.
        "changes": {"dataset": "grid25", "loss": "hinge", "lr_d": 1e-3, "lr_g": 1e-3,
                    "noise_dim": 2},
        "playground": True, "pages": (),
        "measured": {"20": "tests/test_quality.py::test_hinge_covers_grid25 (>= 20 strict modes)",
                     "25": "grid25 has 25 modes; all 25 at 20,000 on seeds 0-4: "
                           "benchmarks/mode_coverage.py (README)",
                     "5,000": "the iterations that test trains",
                     "20,000": "benchmarks/mode_coverage.py's iterations for grid25",
                     "1": "R1: a name (Mescheder et al. 2018), not a measure"},
    },
    "collapse_grid25_minimax": {
        # G learns 20x faster than D with small nets: it jumps to wherever D says "real" before
        # D can move, and its samples bunch there (COLLAPSING in tests/test_diag_real_runs.py).
        "changes": {"dataset": "grid25", "loss": "minimax", "lr_d": 1e-4, "lr_g": 2e-3,
                    **SMALL_TOY},
        "playground": True, "pages": ("mle", "evaluating", "information"),
        # Measured (seeds 0-2, 1,500 iterations): at most 2 modes covered throughout; the
        # collapse alarm fired at 500 (seed 0), 1,400 (seed 1) and not at all (seed 2).
        "measured": {"2": f"{_REAL}::test_collapse_grid25_bunches_on_3_seeds",
                     "600": "the iterations that test trains", "25": "grid25 has 25 modes"},
    },
    "vanishing_saturating": {
        "changes": dict(_VANISHING),
        "playground": True, "pages": ("gan_game",),
        "measured": {"150": f"{_REAL}::test_saturating_loss_starves_g_and_the_fix_does_not",
                     "100": "the same test: the fix's ‖∇G‖ is >= 100x larger"},
    },
    "nonsaturating_fix": {
        "changes": {**_VANISHING, "loss": "nonsaturating"},
        "playground": False, "pages": ("gan_game",),
        "measured": {"150": f"{_REAL}::test_saturating_loss_starves_g_and_the_fix_does_not",
                     "100": "the same test: the fix's ‖∇G‖ is >= 100x larger"},
    },
    "wgan_gp_fix": {
        # The collapse preset's nets with a gradient-penalised critic (HEALTHY in
        # tests/test_diag_real_runs.py): stays spread out, no collapse alarm.
        "changes": {"dataset": "grid25", "loss": "wgan_gp", "lr_d": 2e-3, "lr_g": 2e-3,
                    "gp_weight": 1.0, **SMALL_TOY},
        "playground": True, "pages": ("wgan", "information", "evaluating"),
        # Measured (seeds 0-2): no alarm in 600 iterations, but 0 of 25 modes covered there.
        "measured": {"600": f"{_REAL}::test_wgan_gp_fix_is_not_flagged_on_3_seeds",
                     "25": "grid25 has 25 modes"},
    },
    "wgan_clip": {
        # Measured (seeds 0-2, 30 iterations): every weight within the clip; the critic's
        # largest -L_D 3e-4 to 5e-4 against an exact W1 of 1.86-1.93, ratios 3,700-6,600.
        "changes": {**PLAIN, "dataset": "ring8", "loss": "wgan", "clip": 0.01, "d_steps": 5,
                    "optimizer_d": "rmsprop", "optimizer_g": "rmsprop", "lr_d": 5e-5,
                    "lr_g": 5e-5},
        "playground": False, "pages": ("wgan",),
        "measured": {"1,000": f"{_CLAIMS}::test_wgan_clip_critic_is_clipped_and_far_below_w1",
                     "1": "W1 and the Lipschitz bound 1: names, not measures"},
    },
    "many_d_steps": {
        # Measured (seeds 0-2, iterations 31-40): D(G(z)) 0.005, 0.020, 0.009; with k = 1
        # 0.45, 0.35, 0.31. G is not claimed to stall: its samples moved as far as with k = 1
        # in 200 iterations and its gradient did not vanish.
        "changes": {**PLAIN, "dataset": "ring8", "loss": "minimax", "d_steps": 10, "lr_d": 1e-3,
                    "lr_g": 1e-3, "noise_dim": 2},
        "playground": True, "pages": ("gan_game",),
        "measured": {"40": f"{_CLAIMS}::test_many_d_steps_d_wins (the iterations it "
                           "trains)",
                     "0.05": "the same test (k = 10)", "0.25": "the same test (k = 1)",
                     "1": "k = 1, the setting the same test compares with"},
    },
    "unbalanced_lr": {
        # Measured (seeds 0-2, 50 iterations): L_D 0.0027-0.0031; G's samples 1.97x, 1.82x,
        # 2.38x as far from their nearest mode as with lr_G = lr_D.
        "changes": {**PLAIN, "dataset": "ring8", "loss": "nonsaturating", "lr_d": 2e-3,
                    "lr_g": 2e-5, "noise_dim": 2},
        "playground": True, "pages": ("gan_game",),
        "measured": {"50": f"{_CLAIMS}::test_unbalanced_lr_d_runs_away_while_g_crawls (the "
                           "iterations it trains)",
                     "0.01": "the same test: L_D", "1.5": "the same test: the distance ratio"},
    },
    "gaussians1d_dstar": {
        # Algorithm 1 of Goodfellow et al. (2014): k = 5 D updates per G update, G 10x slower,
        # so D stays near D* for the G it faces. Measured (3,000 iterations, seeds 0-2): mean
        # |D - D*| at most 0.025-0.030 over the second half, JS 0.012-0.013 at the end and
        # falling. With equal learning rates and k = 1 (the old preset) D went flat at 1/2 while
        # D* did not (gap up to 0.24) and JS wandered 0.07-0.25; with Gaussian noise seed 0's G
        # put all its mass on one mode from the start (JS 0.17) while D still tracked D*.
        # Uniform noise lets a 1-dim G split its mass between the two modes on every seed tried.
        "changes": {"dataset": "gaussians1d", "loss": "nonsaturating", "noise": "uniform",
                    "noise_dim": 1, "d_steps": 5, "lr_d": 1e-3, "lr_g": 1e-4},
        "playground": True, "pages": ("gan_game", "mle"),
        "measured": {"0.05": f"{_REAL}::test_dstar_demo_tracks_dstar_on_3_seeds",
                     "1,000": "the same test: the gap is measured from that iteration on",
                     "1": "Algorithm 1 of Goodfellow et al. (2014): a name, not a measure"},
    },
    "digits_default": {
        # DCGAN on the 8x8 digits with the image defaults of ganlab.variants (a 32-dim prior:
        # images need far more than a toy's 2 dims), which preset_config fills in.
        "changes": {"dataset": "digits"},
        "playground": True, "pages": ("dcgan",),
        "measured": {"8": f"{_REAL}::test_digits_default_covers_the_classes_without_alarm",
                     "500": "the iterations that test trains", "10": "digits has 10 classes"},
    },
    "digits_collapse": {
        # The original MLP GAN with the saturating loss and G 10x faster than D: G settles on
        # one image for every z (diversity ~0.03, 1 class) and stays there.
        "changes": {"dataset": "digits", "model": "mlp", "loss": "minimax", "lr_d": 1e-4,
                    "lr_g": 1e-3, "batch_size": 64, "noise_dim": 32, "g_width": 32,
                    "d_width": 32},
        "playground": True, "pages": (),
        "measured": {"1,000": f"{_REAL}::test_digits_collapse_collapses_and_is_flagged"},
    },
    # The pair differs in batch_size alone. Measured (seeds 0-2, the initial weights): the
    # spread of D's minibatch gradient at 16 points over that at 512 is 5.39, 5.48, 5.20.
    "small_batch": {
        "changes": {**PLAIN, "dataset": "ring8", "loss": "nonsaturating", "batch_size": 16},
        "playground": False, "pages": ("sampling",), "measured": _BATCH_PAIR,
    },
    "large_batch": {
        "changes": {**PLAIN, "dataset": "ring8", "loss": "nonsaturating", "batch_size": 512},
        "playground": False, "pages": ("sampling",), "measured": _BATCH_PAIR,
    },
    "moons_baseline": {
        # Measured (seeds 0-2, 1,500 iterations): mean distance 0.045, 0.068, 0.069, the least
        # share within 0.15 of a moon 47%, 46%, 40%. At 1,000 seed 2 had only the lower moon.
        "changes": {"dataset": "moons", "loss": "nonsaturating"},
        "playground": False, "pages": ("cyclegan",),
        "measured": {"1,500": f"{_CLAIMS}::test_moons_baseline_puts_g_on_both_moons (the "
                              "iterations it trains)",
                     "0.1": "the same test: mean distance", "0.15": "the same test",
                     "35": "the same test: the least share of a moon (%)",
                     "0.04": "0.05·√(2/π), the data's noise: the same test checks it"},
    },
}

DEFAULT_PRESET = "ring8_default"


def names() -> list[str]:
    """Every preset the Playground can open: its own first, then the Learn pages' others."""
    return [n for n, p in PRESETS.items() if p["playground"]] + \
        [n for n, p in PRESETS.items() if not p["playground"]]


def changes_of(name: str) -> dict:
    """A preset's Config changes; KeyError names the unknown preset."""
    if name not in PRESETS:
        raise KeyError(f"unknown preset {name!r}")
    return dict(PRESETS[name]["changes"])


def title_key(name: str) -> str:
    """The Playground's title key (`learn.preset.<name>` for presets only Learn pages show)."""
    return f"preset.{name}" if PRESETS[name]["playground"] else f"learn.preset.{name}"


def text_keys(name: str) -> list[str]:
    """Every translation key that describes this preset (titles and one-liners)."""
    keys = [title_key(name), title_key(name) + ".what"]
    if PRESETS[name]["pages"] and PRESETS[name]["playground"]:
        keys += [f"learn.preset.{name}", f"learn.preset.{name}.what"]
    return keys


def presets_for(page: str) -> list[str]:
    """Names of the presets a Learn page offers, in table order."""
    return [name for name, p in PRESETS.items() if page in p["pages"]]


def preset_config(name: str, base: Config | None = None) -> Config:
    """The preset resolved like a user config: the defaults that fit its dataset, then `base`'s
    own choices (the keys where it differs from Config(), e.g. the Playground's steps), then the
    preset's changes. Raises KeyError for an unknown name, ConfigError for a bad value."""
    own = Config().diff(base) if base is not None else {}
    return Config.from_dict({**{k: theirs for k, (_, theirs) in own.items()},
                             **changes_of(name)})


def _num(x: float) -> str:
    return f"{x:.3g}"


def facts(name: str) -> dict[str, str]:
    """The settings a preset's texts may quote, formatted: `t(key, lang, **facts(name))`."""
    c = preset_config(name)
    out = {k: str(getattr(c, k)) for k in ("d_steps", "g_steps", "batch_size", "noise_dim",
                                           "g_layers", "g_width", "d_layers", "d_width")}
    out.update(lr_d=_num(c.lr_d), lr_g=_num(c.lr_g), lr_ratio=_num(c.lr_d / c.lr_g),
               g_lr_ratio=_num(c.lr_g / c.lr_d), clip=_num(c.clip), gp_weight=_num(c.gp_weight),
               r1_weight=_num(c.r1_weight), ema=_num(c.ema))
    return out


def cli_command(name: str) -> str:
    """The equivalent command line (the Playground-free way to run a preset)."""
    return f"ganlab train --preset {name} --out runs/{name}"


def what(name: str, lang: str = "en") -> str:
    """The preset's one-liner, its numbers filled from its settings."""
    from ganlab.i18n import t

    return t(title_key(name) + ".what", lang, **facts(name))


def summary(name: str, lang: str = "en") -> str:
    """One line for `ganlab presets`: the name and what it shows."""
    return f"{name:<24} {what(name, lang)}"
