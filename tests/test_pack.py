"""PacGAN packing (config `pack`, Lin et al. 2018): D judges m samples of one kind at once.

Hand-worked packs, D's input widths, pack = 1 unchanged, the penalties on packs, a single
point's score (D in a pack with m − 1 fixed real samples), the Config's refusals, the live-change
rule, checkpoints, and a short real run."""

import pytest
import torch

from ganlab.changes import decide
from ganlab.config import Config, ConfigError
from ganlab.train.losses import gradient_penalty, r1_penalty
from ganlab.train.packing import FILLERS, fillers, pack
from ganlab.train.trainer import Trainer
from ganlab.viz.toy2d import d_title

SMALL = dict(g_width=16, d_width=16, batch_size=32)


def test_pack_puts_consecutive_rows_side_by_side():
    x = torch.arange(12.0).reshape(6, 2)          # rows (0,1), (2,3), ..., (10,11)
    assert pack(x, 1) is x
    assert pack(x, 3).tolist() == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]]
    images = torch.arange(4 * 1 * 2 * 2.0).reshape(4, 1, 2, 2)
    packed = pack(images, 2)                      # images stacked along the channels
    assert packed.shape == (2, 2, 2, 2)
    assert torch.equal(packed[1, 0], images[2, 0]) and torch.equal(packed[1, 1], images[3, 0])


@pytest.mark.parametrize("changes, first, shape", [
    (dict(), "in_features", 2),
    (dict(pack=4), "in_features", 8),
    (dict(dataset="digits", model="mlp", pack=2), "in_features", 2 * 8 * 8),
    (dict(dataset="digits", pack=4), "in_channels", 4),
    (dict(dataset="digits", pack=2, dcgan_break="pooling"), "in_channels", 2),
])
def test_d_reads_m_times_the_input_and_gives_one_output_per_pack(changes, first, shape):
    t = Trainer(Config(**{**SMALL, **changes}), device="cpu", threads=1)
    layer = next(m for m in t.D.modules() if hasattr(m, first))
    assert getattr(layer, first) == shape
    x = t._real_batch(32)[0]
    assert t.D(t._pack(x)).shape == (32 // t.cfg.pack,)
    t.iterate()                                   # G's side and the losses take packs too


def test_pack_1_is_the_run_without_the_key():
    assert Config().pack == 1
    cfg = Config(**SMALL, loss="wgan_gp", r1_weight=0.5, instance_noise=0.1)
    assert "pack" not in cfg.diff(Config.from_dict({**SMALL, "loss": "wgan_gp", "r1_weight": 0.5,
                                                    "instance_noise": 0.1}))
    a = Trainer(cfg, device="cpu", threads=1)
    b = Trainer(cfg.replace(pack=1), device="cpu", threads=1)
    for _ in range(3):
        sa, sb = a.iterate().floats(), b.iterate().floats()
        assert sa == sb
    x = torch.randn(5, 2, generator=torch.Generator().manual_seed(0))
    assert torch.equal(a.discriminate(x), a.D(x).detach())   # no fillers at pack = 1


def test_penalties_run_on_packs_with_one_weight_per_pack():
    torch.manual_seed(0)
    D = torch.nn.Sequential(torch.nn.Linear(8, 1), torch.nn.Flatten(0))
    real, fake = pack(torch.randn(16, 2), 4), pack(torch.randn(16, 2), 4)
    # A linear D has gradient w everywhere: GP = (|w| − 1)^2, R1 = |w|^2 / 2, on packs.
    w = D[0].weight.detach().norm()
    gp = gradient_penalty(lambda x, y: D(x), real, fake, torch.Generator().manual_seed(1))
    r1 = r1_penalty(lambda x, y: D(x), real)
    assert gp.item() == pytest.approx(float((w - 1) ** 2), rel=1e-5)
    assert r1.item() == pytest.approx(float(w ** 2 / 2), rel=1e-5)


def test_a_point_is_scored_in_packs_with_fixed_real_fillers():
    t = Trainer(Config(**{**SMALL, "batch_size": 30}, pack=3, seed=5), device="cpu", threads=1)
    t.train(2)
    x = torch.tensor([[0.5, -1.0], [2.0, 0.0]])
    got = t.discriminate(x)
    assert got.shape == (2,)
    fill = fillers(t.data, 3, 5)                  # (FILLERS, 2, 2): real samples, from the seed
    assert fill.shape == (FILLERS, 2, 2)
    t.D.eval()
    with torch.no_grad():
        by_hand = [sum(float(t.D(torch.cat([p, fill[f, 0], fill[f, 1]])[None])) for f in
                       range(FILLERS)) / FILLERS for p in x]
    assert got.tolist() == pytest.approx(by_hand, rel=1e-5, abs=1e-6)
    assert torch.equal(t.discriminate(x), got)    # the same fillers every frame
    # the fillers are real samples: on ring8, at radius 2
    assert fill.norm(dim=-1).sub(2).abs().max() < 0.2


@pytest.mark.parametrize("changes, words", [
    (dict(pack=3), "pack=3: must divide batch_size=256"),
    (dict(pack=9), "pack=9: must be in [1, 8]"),
    (dict(pack=2, conditional=True, dataset="digits"), "pack=2: not with conditional=true"),
])
def test_the_config_refuses_packs_that_do_not_fit(changes, words):
    with pytest.raises(ConfigError) as e:
        Config().replace(**changes)
    assert str(e.value).startswith(words)


def test_pack_is_not_a_live_change_and_a_live_batch_must_still_divide():
    cfg = Config(pack=4)
    assert decide(cfg, {"pack": 2}).reset == ("pack",)
    refused = decide(cfg, {"batch_size": 30}).refused
    assert len(refused) == 1 and "must divide batch_size=30" in refused[0].text()
    assert decide(cfg, {"batch_size": 64}).live == {"batch_size": 64}


def test_a_pack_checkpoint_loads_into_the_same_d(tmp_path):
    from ganlab.runs.folder import Run

    cfg = Config(**SMALL, pack=4)
    t = Trainer(cfg, device="cpu", threads=1)
    t.train(2)
    run = Run.create(tmp_path / "run", cfg)
    run.save_checkpoint(t)
    back = run.load_trainer(device="cpu")
    assert back.cfg.pack == 4 and back.D.net[0].in_features == 8
    assert torch.equal(back.iterate().loss_d, t.iterate().loss_d)


def test_a_pack_4_run_on_ring8_trains():
    t = Trainer(Config(pack=4, batch_size=64, steps=60), device="cpu", threads=1)
    first = t.D.net[0].weight.detach().clone()
    stats = [t.iterate().floats() for _ in range(60)]
    assert first.shape == (128, 8)
    assert all(torch.isfinite(torch.tensor(list(s.values()))).all() for s in stats)
    assert not torch.equal(first, t.D.net[0].weight)
    assert len({s["loss_d"] for s in stats}) > 50


def test_a_pack_run_shows_what_d_at_a_point_means_in_both_languages():
    from ganlab.live.build import build_snapshot, fake_gradient

    t = Trainer(Config(**SMALL, pack=4), device="cpu", threads=1)
    x = t.sample(8)
    assert fake_gradient(t, x).shape == (8, 2)    # G's arrows go through the same packs
    snap = build_snapshot(t, "r", 0, "running", None)
    assert d_title("D(x)", snap, "en") == "D(x) · in a pack with 3 real samples"
    assert d_title("D(x)", snap, "zh") == "D(x) · 与 3 个真实样本打包"
    one = build_snapshot(Trainer(Config(**SMALL), device="cpu", threads=1), "r", 0, "running",
                         None)
    assert d_title("D(x)", one, "zh") == "D(x)"  # pack = 1: the title as it was
