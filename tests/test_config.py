"""Config: bounds, messages, coercion and JSON round trips."""

import json

import pytest

from ganlab.config import FIELDS, LIVE_KEYS, Config, ConfigError, allowed, coerce, describe


def test_defaults_are_valid_and_every_key_has_a_reason():
    cfg = Config()
    for name in FIELDS:
        assert describe(name), f"{name} has no reason for its default"
    assert cfg.dataset == "ring8"


def test_design_keys_exist():
    design = ("dataset loss steps seed batch_size lr_d lr_g optimizer_d optimizer_g beta1 beta2 "
              "d_steps g_steps noise noise_dim g_layers g_width d_layers d_width activation clip "
              "gp_weight device").split()
    assert set(design) <= set(FIELDS)


@pytest.mark.parametrize("key,value,message", [
    ("lr_d", -1, "lr_d=-1: must be in (0, 10]"),
    ("lr_d", 0, "lr_d=0: must be in (0, 10]"),
    ("g_layers", 9, "g_layers=9: must be in [0, 8]"),
    ("noise_dim", 0, "noise_dim=0: must be in [1, 128]"),
    ("loss", "wgangp", "loss='wgangp'"),
])
def test_bad_values_name_key_value_and_range(key, value, message):
    with pytest.raises(ConfigError) as e:
        Config().replace(**{key: value})
    assert message.replace("'", "") in str(e.value).replace("'", "")


def test_choice_error_suggests_the_closest():
    with pytest.raises(ConfigError, match="did you mean 'wgan_gp'"):
        Config().replace(loss="wgan-gp")


def test_unknown_key_did_you_mean():
    with pytest.raises(ConfigError, match="unknown config key 'lr_dd'.*did you mean 'lr_d'"):
        Config.from_dict({"lr_dd": 0.1})


def test_nan_and_inf_rejected():
    for v in ("nan", "inf", float("nan")):
        with pytest.raises(ConfigError, match="lr_g"):
            Config().replace(lr_g=v)


def test_set_parsing_coerces_types():
    cfg = Config().with_sets(["lr_d=1e-3", "d_steps=5", "spectral_norm=true", "loss=hinge",
                              "steps=1e4"])
    assert cfg.lr_d == pytest.approx(1e-3) and isinstance(cfg.d_steps, int)
    assert cfg.spectral_norm is True and cfg.loss == "hinge" and cfg.steps == 10000
    with pytest.raises(ConfigError, match="expected KEY=VALUE"):
        Config().with_sets(["lr_d"])
    with pytest.raises(ConfigError, match="d_steps=2.5: must be a whole number"):
        Config().with_sets(["d_steps=2.5"])
    with pytest.raises(ConfigError, match="spectral_norm=maybe: must be true or false"):
        Config().with_sets(["spectral_norm=maybe"])


def test_json_round_trip_every_field():
    cfg = Config(dataset="drawn", drawn_points=((0.0, 1.0), (1.0, 0.0), (2.0, 2.0)), loss="lsgan",
                 lr_d=3e-4, d_steps=3, ema=0.99, spectral_norm=True)
    again = Config.from_json(cfg.to_json())
    assert again == cfg
    assert json.loads(cfg.to_json())["drawn_points"][2] == [2.0, 2.0]


def test_invalid_json_is_a_clear_message():
    with pytest.raises(ConfigError, match="not valid JSON"):
        Config.from_json("{nope")
    with pytest.raises(ConfigError, match="must be a JSON object"):
        Config.from_json("[1, 2]")


def test_drawn_needs_valid_points():
    with pytest.raises(ConfigError, match="need 3 to"):
        Config(dataset="drawn", drawn_points=((0.0, 0.0),))


def test_bool_is_not_a_number():
    with pytest.raises(ConfigError, match="batch_size=True"):
        Config.from_dict({"batch_size": True})


def test_diff_and_live_keys():
    a, b = Config(), Config().replace(lr_d=2e-3, g_width=64)
    assert a.diff(b) == {"lr_d": (1e-3, 2e-3), "g_width": (128, 64)}
    assert "lr_d" in LIVE_KEYS and "g_width" not in LIVE_KEYS
    assert allowed("loss").startswith("one of minimax")
    assert coerce("seed", "7") == 7


# --- defaults that fit the data (one table: ganlab.variants.DATASETS) ---------------------------
def test_image_data_gets_the_image_defaults_unless_the_user_sets_a_key():
    from ganlab.variants import IMAGE_DATASETS, IMAGE_DEFAULTS

    for name in IMAGE_DATASETS:
        cfg = Config.from_dict({"dataset": name})
        assert {k: getattr(cfg, k) for k in IMAGE_DEFAULTS} == IMAGE_DEFAULTS, name
    cfg = Config.from_dict({"dataset": "digits", "noise_dim": 4, "batch_size": "512"})
    assert (cfg.noise_dim, cfg.batch_size, cfg.g_width) == (4, 512, 64)
    assert Config.from_json('{"dataset": "digits"}').noise_dim == 32   # uploaded configs too


def test_toy_targets_get_their_own_settings_and_the_rest_the_config_defaults():
    from ganlab.variants import COVERS_RING

    # ring8 is the default dataset: no dataset key still means ring8's settings.
    assert Config.from_dict({}) == Config.from_dict({"dataset": "ring8"})
    ring8 = Config.from_dict({"dataset": "ring8"})
    assert ring8 == Config().replace(**COVERS_RING) and ring8.r1_weight > 0 and ring8.ema > 0
    assert Config.from_dict({"dataset": "ring8", "ema": 0}).ema == 0.0   # a key set wins
    assert Config.from_dict({"dataset": "grid25"}).loss == "hinge"
    assert Config.from_dict({"dataset": "moons"}) == Config(dataset="moons")
    assert Config.from_dict({"dataset": "grid25", "loss": "minimax"}).loss == "minimax"
    assert Config.from_dict({"dataset": "gaussians1d"}).noise_dim == 1


def test_a_base_or_a_full_config_is_taken_as_it_is():
    full = Config(dataset="digits", noise_dim=2, batch_size=256)
    assert Config.from_dict(full.to_dict()) == full            # a run folder's config.json
    assert Config.from_json(full.to_json()) == full
    assert Config.from_dict({"dataset": "digits"}, base=Config()).noise_dim == 2


def test_every_dataset_default_is_a_valid_setting():
    from ganlab.variants import DATASETS, dataset_defaults

    points = [[0, 0], [1, 0], [0, 1]]   # `drawn` needs its points
    for name, facts in DATASETS.items():
        Config().replace(dataset=name, drawn_points=points, **facts.defaults)
    assert dataset_defaults("nope") == {}
    with pytest.raises(ConfigError, match="dataset=nope: must be one of"):
        Config.from_dict({"dataset": "nope"})
    with pytest.raises(ConfigError, match="dataset"):
        Config.from_dict({"dataset": ["digits"]})


def test_links_get_the_same_data_defaults_and_keep_what_the_user_set():
    from ganlab.urlstate import from_params, to_params

    cfg, problems = from_params({"dataset": "digits"})
    assert (cfg.noise_dim, cfg.batch_size, problems) == (32, 64, [])
    mine = Config.from_dict({"dataset": "digits", "noise_dim": 2})
    assert to_params(mine) == {"dataset": "digits", "noise_dim": "2", "seed": "0"}
    assert from_params(to_params(mine))[0] == mine
    assert from_params({"dataset": "grid25"})[0].loss == "hinge"
