"""Where an auto run trains (serve.placement): measured per model shape, kept under the runs root,
never trusted when damaged. Without a GPU here, the two candidates are both the CPU ("cpu" and
"cpu:0", two names torch accepts for it): the probe, the table and its reading are the real ones,
only the choice between the two is a coin toss."""

import json

import pytest
import torch

from ganlab.config import Config
from ganlab.serve import placement

TWO = ("cpu", "cpu:0")


def tiny(**kw) -> Config:
    return Config(**{"dataset": "ring8", "g_layers": 1, "g_width": 8, "d_layers": 1,
                     "d_width": 8, "batch_size": 16, **kw})


def table(root) -> dict:
    return json.loads((root / placement.TABLE).read_text())


def other(device: str) -> str:
    return TWO[1 - TWO.index(device)]


@pytest.mark.skipif(torch.cuda.is_available(), reason="this box has a GPU to choose")
def test_without_a_gpu_auto_is_the_cpu_and_nothing_is_measured_or_written(tmp_path):
    assert placement.choose(tiny(), tmp_path) == "cpu"
    assert not (tmp_path / placement.TABLE).exists()


def test_an_explicit_device_is_obeyed_without_measuring(tmp_path):
    assert placement.choose(tiny(device="cpu"), tmp_path, devices=TWO) == "cpu"
    assert not (tmp_path / placement.TABLE).exists()


def test_the_first_run_of_a_shape_is_measured_and_kept_with_both_rates(tmp_path):
    cfg = tiny()
    chosen = placement.choose(cfg, tmp_path, devices=TWO)
    entry = table(tmp_path)[placement.shape(cfg)]
    assert entry["device"] == chosen
    assert set(entry["rates"]) == set(TWO)
    assert all(r > 10 for r in entry["rates"].values())     # real iterations of a tiny MLP
    assert chosen == max(TWO, key=lambda d: entry["rates"][d])


def test_a_later_run_of_the_same_shape_reads_the_table_instead_of_measuring(tmp_path):
    cfg = tiny()
    first = placement.choose(cfg, tmp_path, devices=TWO)
    kept = table(tmp_path)
    kept[placement.shape(cfg)]["device"] = other(first)    # what a measurement would not say
    (tmp_path / placement.TABLE).write_text(json.dumps(kept))
    assert placement.choose(cfg.replace(seed=7, lr_d=3e-4), tmp_path, devices=TWO) == other(first)


@pytest.mark.parametrize("damage", [b"[]", b"\xff\xfe not json", b"[" * 5000 + b"]" * 5000,
                                    b'{"KEY": {"device": "tpu", "rates": {"tpu": 1e9}}}',
                                    b'{"KEY": {"device": "cpu", "rates": "fast"}}'])
def test_a_damaged_table_is_measured_again_and_rewritten_whole(tmp_path, damage):
    cfg = tiny()
    (tmp_path / placement.TABLE).write_bytes(damage.replace(b"KEY",
                                                            placement.shape(cfg).encode()))
    assert placement.choose(cfg, tmp_path, devices=TWO) in TWO
    entry = table(tmp_path)[placement.shape(cfg)]
    assert set(entry["rates"]) == set(TWO)


def test_the_shape_is_what_an_iteration_costs_and_nothing_else():
    base = tiny(r1_weight=0.1)
    same = [base.replace(seed=3), base.replace(lr_d=1e-4, lr_g=2e-4), base.replace(steps=99),
            base.replace(r1_weight=0.5)]
    differ = [base.replace(g_width=16), base.replace(batch_size=32), base.replace(d_steps=5),
              base.replace(r1_weight=0.0), base.replace(loss="wgan_gp"),
              base.replace(dataset="grid25")]
    assert {placement.shape(c) for c in same} == {placement.shape(base)}
    assert len({placement.shape(c) for c in differ} | {placement.shape(base)}) == len(differ) + 1


def test_the_table_keeps_the_newest_shapes_only(tmp_path):
    old = {f"{i:016x}": {"device": "cpu", "rates": {"cpu": 1.0, "cpu:0": 2.0}}
           for i in range(placement.MAX_SHAPES)}
    (tmp_path / placement.TABLE).write_text(json.dumps(old))
    cfg = tiny()
    placement.choose(cfg, tmp_path, devices=TWO)
    kept = table(tmp_path)
    assert len(kept) == placement.MAX_SHAPES
    assert placement.shape(cfg) in kept and f"{0:016x}" not in kept


def test_a_table_that_cannot_be_written_still_places_the_run(tmp_path):
    root = tmp_path / "a-file-not-a-folder"
    root.write_text("x")
    assert placement.choose(tiny(), root, devices=TWO) in TWO


def test_without_a_table_a_process_measures_each_shape_once():
    cfg = tiny(g_width=9)            # a shape no other test measures
    first = placement.choose(cfg, None, devices=TWO)
    placement._remembered[(placement.shape(cfg), TWO)]["device"] = other(first)
    assert placement.choose(cfg.replace(seed=1), None, devices=TWO) == other(first)


def test_a_model_over_the_size_cap_is_refused_before_its_probe_trains(tmp_path, monkeypatch):
    """What a worker passes as `admit` (serve.worker): the server's parameter cap, counted on
    the meta device, before either device trains the model; asked only when a probe would run."""
    from ganlab.serve.limits import LimitError, Limits, count_parameters

    trained, probe = [], placement.iterations_per_second      # the real probe, watched
    monkeypatch.setattr(placement, "iterations_per_second",
                        lambda cfg, d, *a: trained.append(d) or probe(cfg, d, *a))
    small, big = tiny(), tiny(g_width=512, d_width=512, g_layers=3, d_layers=3)
    cap = Limits(max_parameters=count_parameters(small) * 10)
    asked = []

    def admit(cfg):
        asked.append(cfg.g_width)
        cap.check_model(cfg)

    with pytest.raises(LimitError):
        placement.choose(big, tmp_path, devices=TWO, admit=admit)
    assert trained == [] and not (tmp_path / placement.TABLE).exists()
    placement.choose(small, tmp_path, devices=TWO, admit=admit)
    placement.choose(small.replace(seed=3), tmp_path, devices=TWO, admit=admit)   # table read
    assert trained == list(TWO) and asked == [512, 8]


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_on_a_gpu_box_auto_chooses_between_the_gpu_and_the_cpu(tmp_path):
    cfg = tiny()
    assert placement.choose(cfg, tmp_path) in ("cuda", "cpu")
    assert set(table(tmp_path)[placement.shape(cfg)]["rates"]) == {"cuda", "cpu"}
