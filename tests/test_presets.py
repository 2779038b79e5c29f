"""The one preset table: every preset is a valid config, every number its texts state is either
filled from its own settings or measured by a named test, and the comparisons it claims are
controlled (no real training here: tests/test_presets_real_runs.py trains)."""

import re
import string

import pytest

from ganlab import presets
from ganlab.config import Config
from ganlab.i18n import LANGS, TABLE, t

# Notation and data names, not claims: 1/2 (D*), 8×8 pixels, 1/√n, the saturating loss.
NOTATION = re.compile(r"1/2|8×8|1/√n|log\(1 − D\(G\(z\)\)\)|\b(?:ring8|grid25|gaussians1d)\b|"
                      r"\b1D\b|→ 0")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", list(presets.PRESETS))
def test_every_preset_is_a_valid_config_with_texts_in_both_languages(name):
    cfg = presets.preset_config(name)
    for key, value in presets.changes_of(name).items():
        assert getattr(cfg, key) == Config().replace(**{key: value}).__getattribute__(key)
    facts = presets.facts(name)
    for key in presets.text_keys(name):
        for lang in LANGS:
            text = TABLE[key][lang]
            assert placeholders(text) <= set(facts), (key, lang)
            assert "{" not in t(key, lang, **facts), (key, lang)


@pytest.mark.parametrize("name", list(presets.PRESETS))
def test_every_number_in_a_text_comes_from_settings_or_a_test(name):
    """A number typed into a text (not a {placeholder} filled from the settings) must be listed in
    the preset's `measured` with what measures it: "10× G's learning rate" typed by hand fails."""
    measured = presets.PRESETS[name]["measured"]
    for key in presets.text_keys(name):
        for lang in LANGS:
            bare = NOTATION.sub("", re.sub(r"\{[^}]*\}", "", TABLE[key][lang]))
            typed = set(NUMBER.findall(bare))
            assert typed <= set(measured), f"{key} [{lang}] states {typed - set(measured)}"


def test_texts_follow_the_settings(monkeypatch):
    """The ratio a text states is the settings' ratio, and moves with them."""
    assert "50× G's learning rate" in t("preset.vanishing_saturating.what", "en",
                                        **presets.facts("vanishing_saturating"))
    assert "20× D's" in presets.what("collapse_grid25_minimax")
    assert "lr_D is 100× lr_G" in presets.what("unbalanced_lr")
    changed = {**presets.PRESETS["vanishing_saturating"]}
    changed["changes"] = {**changed["changes"], "lr_d": 1e-3}
    monkeypatch.setitem(presets.PRESETS, "vanishing_saturating", changed)
    assert "10× G's learning rate" in presets.what("vanishing_saturating")
    assert "10 倍" in presets.what("vanishing_saturating", "zh")


def test_wgan_gp_fix_states_its_own_critic_steps():
    cfg = presets.preset_config("wgan_gp_fix")
    text = presets.what("wgan_gp_fix")
    assert f"{cfg.d_steps} critic update per G update" in text
    assert f"λ = {cfg.gp_weight:g}" in text
    learn = t("learn.preset.wgan_gp_fix.what", "en", **presets.facts("wgan_gp_fix"))
    assert f"{cfg.d_steps} critic update per G update" in learn


def test_the_fix_differs_from_the_failure_in_the_loss_alone():
    fail, fix = (presets.preset_config(n) for n in ("vanishing_saturating", "nonsaturating_fix"))
    assert fail.diff(fix) == {"loss": ("minimax", "nonsaturating")}
    assert fail.lr_d / fail.lr_g == pytest.approx(50) and fail.d_steps == 5


def test_the_collapse_preset_is_the_fast_g_small_nets_recipe():
    cfg = presets.preset_config("collapse_grid25_minimax")
    assert cfg.lr_g / cfg.lr_d == pytest.approx(20)
    assert (cfg.g_layers, cfg.g_width, cfg.d_layers, cfg.d_width) == (2, 64, 2, 64)
    assert "2 hidden layers of 64" in presets.what("collapse_grid25_minimax")


def test_presets_resolve_with_the_defaults_of_their_data():
    digits = presets.preset_config("digits_default")
    assert (digits.noise_dim, digits.batch_size, digits.g_width) == (32, 64, 64)
    assert presets.DIGITS_IMAGE == {"dataset": "digits", "batch_size": 64, "noise_dim": 32,
                                    "g_width": 64, "d_width": 64}
    # A base's own choices survive (the Playground passes its steps), the preset's keys win.
    cfg = presets.preset_config("vanishing_saturating", Config(steps=123, lr_d=0.5))
    assert (cfg.steps, cfg.lr_d) == (123, 5e-3)


def test_the_learn_pages_read_the_same_table():
    from ganlab.theory import offers as learn

    assert set(learn.PRESETS) == {n for n, p in presets.PRESETS.items() if p["pages"]}
    for name, entry in learn.PRESETS.items():
        assert entry["config"] == presets.changes_of(name)
        assert learn.changes(name) == presets.changes_of(name)
    assert set(presets.names()) == set(presets.PRESETS)
    assert presets.names()[0] == presets.DEFAULT_PRESET
    with pytest.raises(KeyError, match="unknown preset 'nope'"):
        presets.changes_of("nope")


def test_one_summary_line_per_preset():
    lines = [presets.summary(n) for n in presets.names()]
    assert all("\n" not in line and line.split()[0] == n for line, n in zip(lines, presets.names()))
