"""One source per fact: every name the Config accepts has a registry entry and back, the facts
about each loss are read from ganlab.variants everywhere, and a hinge run opened on the Runs page
has its D chart drawn as a critic's."""

import math
import subprocess
import sys

import pytest
import torch

from ganlab import variants
from ganlab.config import FIELDS, Config, ConfigError


def choices(key):
    return set(FIELDS[key].metadata["choices"])


def test_every_config_choice_has_a_registry_entry_and_back():
    from ganlab.data.images import IMAGES
    from ganlab.data.toy import TOY
    from ganlab.train import losses, trainer
    from ganlab.train import mlp as models

    assert choices("loss") == set(losses.LOSSES) == set(variants.LOSSES)
    assert choices("dataset") == set(TOY) | set(IMAGES) == set(variants.DATASETS)
    assert set(TOY) == set(variants.TOY_DATASETS) and set(IMAGES) == set(variants.IMAGE_DATASETS)
    assert choices("optimizer_d") == choices("optimizer_g") == set(trainer.OPTIMIZERS) \
        == set(variants.OPTIMIZERS)
    assert choices("activation") == set(models.ACTIVATIONS) == set(variants.ACTIVATIONS)
    assert choices("model") == {"auto"} | set(models.MODELS) == {"auto", *variants.MODELS}
    assert choices("noise") == set(variants.NOISES)


def test_losses_carry_the_table_facts():
    from ganlab.train.losses import LOSSES

    for name, loss in LOSSES.items():
        facts = variants.LOSSES[name]
        assert (loss.name, loss.critic, loss.constraint, loss.smoothable) == \
            (name, facts.critic, facts.constraint, facts.smoothable)
        assert (loss.d_equilibrium, loss.g_equilibrium) == \
            (facts.loss_d_at_equilibrium, facts.loss_g_at_equilibrium)


@pytest.mark.parametrize("name", list(variants.LOSSES))
def test_equilibrium_values_are_what_the_loss_functions_compute(name):
    """At p_g = p_data the optimal D outputs d_raw_at_equilibrium everywhere: the loss functions
    must then give the table's L_D and L_G (a wrong table entry fails here)."""
    from ganlab.train.losses import LOSSES

    facts, loss = variants.LOSSES[name], LOSSES[name]
    if facts.d_raw_at_equilibrium is None:   # a WGAN critic: any constant, L_D = 0 for all
        assert facts.loss_d_at_equilibrium is None
        return
    d = torch.full((64,), facts.d_raw_at_equilibrium)
    assert loss.d_loss(d, d).item() == pytest.approx(facts.loss_d_at_equilibrium)
    if facts.loss_g_at_equilibrium is not None:
        assert loss.g_loss(d).item() == pytest.approx(facts.loss_g_at_equilibrium)
    if facts.probability:
        assert facts.d_at_equilibrium == pytest.approx(0.5)


def test_critic_is_one_fact():
    from ganlab.diagnostics import registry
    from ganlab.viz import curves

    assert variants.CRITIC_LOSSES == {"wgan", "wgan_gp", "hinge"}
    assert registry.CRITIC_LOSSES == variants.CRITIC_LOSSES
    assert registry.SIGMOID_LOSSES == {"minimax", "nonsaturating"}
    assert curves.EQUILIBRIUM["minimax"] == (math.log(4), -math.log(2))
    assert curves.EQUILIBRIUM_LABEL["nonsaturating"] == "log 4"


def test_d_accuracy_splits_where_d_is_undecided():
    """LSGAN's D is undecided at 1/2, hinge's and a logit's at 0; a WGAN critic has no such
    value and is split at the midpoint of its means."""
    import numpy as np

    from ganlab.diagnostics.probe import Probe
    from ganlab.diagnostics.registry import _discriminator

    def acc(loss, real, fake):
        p = Probe.__new__(Probe)
        object.__setattr__(p, "loss", loss)
        object.__setattr__(p, "d_real_logits", np.array(real, dtype=float))
        object.__setattr__(p, "d_fake_logits", np.array(fake, dtype=float))
        out = _discriminator(p)
        return out["d_acc_real"], out["d_acc_fake"]

    assert acc("lsgan", [0.6, 0.7], [0.3, 0.4]) == (1.0, 1.0)   # threshold 1/2, not 0
    assert acc("hinge", [0.5, 0.6], [0.1, 0.2]) == (1.0, 0.0)   # threshold 0 (all called real)
    assert acc("wgan", [0.5, 0.6], [0.1, 0.2]) == (1.0, 1.0)    # midpoint of the means


def test_an_unknown_optimizer_is_a_config_error_never_sgd():
    from ganlab.train.trainer import _make_optimizer

    params = [torch.nn.Parameter(torch.zeros(2))]
    with pytest.raises(ConfigError, match="optimizer=adamw: must be one of"):
        _make_optimizer("adamw", params, 1e-3, Config())
    with pytest.raises(ConfigError, match="optimizer_d=adamw: must be one of sgd, adam, rmsprop"):
        Config().replace(optimizer_d="adamw")
    built = {n: type(_make_optimizer(n, params, 1e-3, Config())).__name__
             for n in variants.OPTIMIZERS}
    assert built == {"sgd": "SGD", "adam": "Adam", "rmsprop": "RMSprop"}


def test_variants_and_config_import_no_torch():
    code = ("import sys, ganlab.variants, ganlab.config, ganlab.presets; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_hinge_run_on_the_runs_page_draws_d_as_a_critic(tmp_path):
    """The Runs page builds its Snapshot from the folder (runsnapshot) and draws "D over time"
    with viz.curves: for hinge, a critic, the chart is not clamped to [0, 1] and has no 1/2
    line; for the non-saturating loss it is."""
    from ganlab.runs.folder import Run
    from ganlab.runs.replay import snapshot_of
    from ganlab.viz.curves import d_outputs_figure

    rows = [{"step": s, "loss_d": 1.5, "loss_g": 0.3, "d_real": 2.5, "d_fake": -1.5,
             "grad_norm_d": 1.0, "grad_norm_g": 1.0} for s in range(10, 110, 10)]

    def figure(loss):
        run = Run.create(tmp_path / loss, Config(loss=loss, steps=100))
        run.append_metrics(rows)
        run.write_status("finished", 100)
        snap = snapshot_of(run.path, real=False)
        return snap, d_outputs_figure(snap).to_dict()["layout"]

    snap, layout = figure("hinge")
    assert snap.critic
    assert not layout.get("shapes")
    assert layout.get("yaxis", {}).get("range") is None
    snap, layout = figure("nonsaturating")
    assert not snap.critic
    assert [s["y0"] for s in layout["shapes"]] == [0.5]
    assert layout["yaxis"]["range"] == [-0.02, 1.02]
