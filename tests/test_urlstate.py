"""Config ⇄ URL ⇄ JSON round trips over many random valid configs, and forgiving parsing."""

from __future__ import annotations

import json
import random
from urllib.parse import parse_qs, urlsplit

import pytest

from ganlab.config import FIELDS, Config
from ganlab.runs import naming
from ganlab.runs.bundle import ImportProblem, config_from_upload
from ganlab.urlstate import from_params, has_config, share_url, to_params


def random_value(rng: random.Random, key: str):
    f, m = FIELDS[key], FIELDS[key].metadata
    if m["choices"]:
        return rng.choice(m["choices"])
    if f.type == "bool":
        return rng.random() < 0.5
    if f.type == "int":
        hi = m["hi"] if rng.random() < 0.2 else min(m["hi"], m["lo"] + 300)
        return rng.randint(m["lo"], hi)
    if f.type == "float":
        lo, hi = m["lo"], m["hi"]
        kind = rng.random()
        if kind < 0.3:   # decades, the way learning rates are chosen
            v = 10 ** rng.uniform(-7, 0) * (hi if hi < 1 else 1)
        elif kind < 0.4:
            v = 0.1 + 0.2    # 0.30000000000000004: must survive exactly
        else:
            v = rng.uniform(lo, hi)
        v = min(max(v, lo), hi)
        return v if (v > lo or not m["lo_open"]) else hi / 3
    if f.type == "str":  # data_dir: anything, including characters URLs treat specially
        return rng.choice(["", "/tmp/data", "数据/图片", "a&b=c?d#e f+%"])
    raise AssertionError(key)


def random_config(rng: random.Random) -> Config:
    # data_dir is the server's alone: links and uploads never carry it (test_hardening_data_dir)
    changes = {k: random_value(rng, k) for k in FIELDS if k not in ("drawn_points", "data_dir")
               and rng.random() < 0.5}
    if changes.get("pack", 1) > 1:   # packs divide the batch and carry no labels (Config)
        changes.update(batch_size=changes["pack"] * rng.randint(1, 64), conditional=False)
    if changes.get("dataset") == "drawn" or rng.random() < 0.1:
        n = rng.randint(3, 40)
        changes["drawn_points"] = tuple((rng.uniform(-5, 5), rng.gauss(0, 1)) for _ in range(n))
    return Config().replace(**changes)


def through_url(cfg: Config) -> tuple[Config, list[str]]:
    url = share_url("http://localhost:8501/playground?old=1", cfg, extra={"lang": "zh"})
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    assert query["lang"] == ["zh"] and "old" not in query
    return from_params(query)


@pytest.mark.parametrize("seed", range(300))
def test_random_configs_round_trip_url_and_json_exactly(seed):
    cfg = random_config(random.Random(seed))
    back, problems = through_url(cfg)
    assert problems == []
    assert back == cfg and back.to_dict() == cfg.to_dict()
    assert Config.from_json(cfg.to_json()) == cfg
    assert config_from_upload(cfg.to_json().encode()) == cfg
    # URL -> JSON -> URL gives the same link
    assert to_params(Config.from_json(back.to_json())) == to_params(cfg)


def test_link_lists_only_changed_keys_plus_seed():
    default = Config.from_dict({})          # ring8 with its own defaults (R1, an EMA of G)
    assert to_params(default) == {"seed": "0"}
    params = to_params(default.replace(loss="wgan_gp", lr_d=5e-3, seed=7))
    assert params == {"loss": "wgan_gp", "lr_d": "0.005", "seed": "7"}
    # The plain constructor is ring8 without them: a link must say so, or it would add them.
    assert to_params(Config()) == {"r1_weight": "0.0", "ema": "0.0", "seed": "0"}
    assert has_config(params) and not has_config({"lang": "en"})


def test_drawn_points_link_is_compact_and_exact():
    rng = random.Random(1)
    pts = tuple((rng.uniform(-3, 3), rng.uniform(-3, 3)) for _ in range(2000))
    cfg = Config().replace(dataset="drawn", drawn_points=pts)
    params = to_params(cfg)
    assert len(params["drawn_points"]) < len(json.dumps(pts))
    back, problems = from_params(params)
    assert problems == [] and back.drawn_points == pts


@pytest.mark.parametrize("params, key, words", [
    ({"lr_d": "abc"}, "lr_d", "must be a number"),
    ({"lr_d": "-1"}, "lr_d", "in (0, 10]"),
    ({"lr_d": "nan"}, "lr_d", "finite"),
    ({"batch_size": "1e9"}, "batch_size", "in [1, 8192]"),
    ({"batch_size": "2.5"}, "batch_size", "whole number"),
    ({"loss": "wgangp"}, "loss", "did you mean 'wgan_gp'"),
    ({"spectral_norm": "maybe"}, "spectral_norm", "true or false"),
    ({"dataset": "drawn"}, "dataset", "need 3"),
    ({"drawn_points": "zNOT-BASE64!!"}, "drawn_points", "damaged"),
    ({"drawn_points": "[[1, 2], [3]]"}, "drawn_points", "row 2: must be two finite"),
    ({"drawn_points": "[[1, 2], 5]"}, "drawn_points", "list of [x, y] points"),
])
def test_bad_params_are_reported_and_replaced_by_defaults(params, key, words):
    cfg, problems = from_params({**params, "seed": "5", "noise_dim": "4"})
    assert len(problems) == 1 and words in problems[0] and key in problems[0]
    assert getattr(cfg, key) == getattr(Config(), key)
    assert cfg.seed == 5 and cfg.noise_dim == 4  # the good ones still apply


def test_typo_of_a_key_is_reported_other_pages_params_ignored():
    cfg, problems = from_params({"lr_dd": "0.1", "lang": "zh", "run": "x", "seed": ["1", "2"]})
    assert cfg == Config(seed=2)
    assert problems == ["unknown setting 'lr_dd' (did you mean 'lr_d'?) — ignored"]


def test_hostile_params_never_raise():
    rng = random.Random(0)
    junk = ["", " ", "\x00", "🙂", "1" * 300_000, "-0", "inf", "1e400", "[[", "zzzz", "None"]
    for _ in range(500):
        params = {k: rng.choice(junk) for k in rng.sample(sorted(FIELDS), 5)}
        cfg, problems = from_params(params)
        assert isinstance(cfg, Config) and isinstance(problems, list)
    # a decompression bomb in the points
    import base64
    import zlib
    bomb = "z" + base64.urlsafe_b64encode(zlib.compress(b"[" * 50_000_000)).decode()
    cfg, problems = from_params({"drawn_points": bomb})
    assert cfg.drawn_points == () and "damaged" in problems[0]


@pytest.mark.parametrize("data, words", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "JSON object"),
    (b"\xff\xfe\x00", "not text"),
    (b'{"lr_d": 99, "lossx": "hinge"}', "lr_d=99"),
    (b"x" * 2_000_000, "at most"),
])
def test_bad_uploads_give_a_clear_message(data, words):
    with pytest.raises(ImportProblem) as e:
        config_from_upload(data)
    assert words in str(e.value)


def test_upload_lists_every_bad_key():
    with pytest.raises(ImportProblem) as e:
        config_from_upload(b'{"lr_d": 99, "lossx": "hinge"}')
    assert "lr_d=99" in str(e.value) and "lossx" in str(e.value)


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd", "etc-passwd"), ("a/b\\c", "a-b-c"), ("..", "run"), (".hidden", "hidden"),
    ("my run (2)", "my-run-2"), ("对比 实验", "对比-实验"), ("CON", "run-CON"),
    ("x" * 200, "x" * 64),
    ("a\x00b\nc", "abc"),
])
def test_run_names_are_sanitised(raw, safe, tmp_path):
    assert naming.sanitize(raw) == safe
    assert naming.inside(tmp_path, safe).parent == tmp_path.resolve()


@pytest.mark.parametrize("bad", ["../x", "a/b", "", ".", "..", "x" * 65, "a b"])
def test_unsafe_names_are_refused(bad, tmp_path):
    with pytest.raises(naming.RunNameError):
        naming.inside(tmp_path, bad)


def test_unique_names(tmp_path):
    assert naming.unique(tmp_path, "a") == "a"
    (tmp_path / "a").mkdir()
    (tmp_path / "a-2").mkdir()
    assert naming.unique(tmp_path, "a") == "a-3"
