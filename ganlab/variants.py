"""The variants a run can choose, and the facts about each, in one torch-free table.

Every other place reads these names and facts from here: the Config's allowed values
(ganlab.config), the registries that build the variants (ganlab.train.losses, ganlab.train.mlp,
ganlab.train.trainer's optimizers, ganlab.data), the diagnostics (is D a probability? a critic?),
the figures (the equilibrium lines, whether D's chart is clamped to [0, 1]) and the Runs page.
Nothing here imports torch, so the web process and the figure builders can read it cheaply;
tests/test_variants.py checks that every name has a registry entry and back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

LOG4, LOG2 = math.log(4.0), math.log(2.0)


@dataclass(frozen=True)
class LossFacts:
    """What a loss says about D and the game. Equilibrium: p_g = p_data and D optimal."""

    name: str
    probability: bool = False   # D's output is the logit of P(real): V(G, D) is defined
    critic: bool = False        # D's output is an unbounded score, drawn as is (no [0, 1], no 1/2)
    constraint: str | None = None  # how the critic is kept Lipschitz: "clip", "gp", or None
    smoothable: bool = True     # one-sided label smoothing applies (a real target below 1)
    d_raw_at_equilibrium: float | None = None  # D's raw output there; None: any constant will do
    loss_d_at_equilibrium: float | None = None
    loss_g_at_equilibrium: float | None = None
    equilibrium_label: str | None = None       # L_D's equilibrium value as written on charts

    @property
    def d_at_equilibrium(self) -> float | None:
        """D at equilibrium as charts draw it: a probability for logit losses, else the score."""
        raw = self.d_raw_at_equilibrium
        if raw is None or not self.probability:
            return raw
        return 1.0 / (1.0 + math.exp(-raw))


LOSSES: dict[str, LossFacts] = {f.name: f for f in (
    # D* = 1/2 everywhere, so L_D = -2 log(1/2) = log 4 and L_G = log(1/2) (saturating) or
    # -log(1/2) (non-saturating).
    LossFacts("minimax", probability=True, d_raw_at_equilibrium=0.0,
              loss_d_at_equilibrium=LOG4, loss_g_at_equilibrium=-LOG2, equilibrium_label="log 4"),
    LossFacts("nonsaturating", probability=True, d_raw_at_equilibrium=0.0,
              loss_d_at_equilibrium=LOG4, loss_g_at_equilibrium=LOG2, equilibrium_label="log 4"),
    # The W1 dual is unchanged by adding a constant to the critic: no fixed equilibrium value.
    LossFacts("wgan", critic=True, constraint="clip", smoothable=False),
    LossFacts("wgan_gp", critic=True, constraint="gp", smoothable=False),
    # LSGAN (a=0, b=c=1): D = 1/2 everywhere; L_D = 1/8 + 1/8, L_G = 1/8.
    LossFacts("lsgan", d_raw_at_equilibrium=0.5, loss_d_at_equilibrium=0.25,
              loss_g_at_equilibrium=0.125, equilibrium_label="1/4"),
    # Hinge: the optimum at p_g = p_data is D = 0, so L_D = 1 + 1 = 2; L_G = -E[D] = 0 there
    # only for that D, and charts draw no G line for it.
    LossFacts("hinge", critic=True, smoothable=False, d_raw_at_equilibrium=0.0,
              loss_d_at_equilibrium=2.0, equilibrium_label="2"),
)}

CRITIC_LOSSES = frozenset(n for n, f in LOSSES.items() if f.critic)
PROBABILITY_LOSSES = frozenset(n for n, f in LOSSES.items() if f.probability)


# --- data ------------------------------------------------------------------------------------

# What image data needs instead of the toy defaults: a 32-dim prior (a 2-dim one cannot hold ten
# digit classes), DCGAN-sized widths and smaller batches. Measured on digits at 3,000 iterations
# (README): 10 of 10 classes; with the toy defaults 5 of 10 and recall 0.0 (issue 17).
IMAGE_DEFAULTS = {"batch_size": 64, "noise_dim": 32, "g_width": 64, "d_width": 64}


@dataclass(frozen=True)
class DatasetFacts:
    name: str
    kind: str                                   # "toy" (points) or "image"
    defaults: dict = field(default_factory=dict)  # keys this dataset needs other than Config's


_TOY = ("gaussians1d", "ring8", "grid25", "spiral", "moons", "circles", "drawn")
_IMAGE = ("digits", "mnist", "fashion_mnist", "cifar10", "folder")
# Per-target settings that cover the target (issue 17's goals, benchmarks/mode_coverage.py: 5
# seeds, 2,500 samples, 3 std). gaussians1d has one data dimension, so one noise dimension (the
# Config's noise_dim reason: as many noise dims as data dims). ring8: a small R1 penalty on D's
# gradient at the data (Mescheder et al. 2018) keeps D smooth between the modes, so a mode G has
# not found still pulls it (seed 3 of the plain config stayed at 5 of 8 from iteration 2,500 on),
# and sampling from an EMA of G's weights over ~100 updates (decay 0.99) averages out the late
# oscillation that costs a mode at the last iteration: 8 of 8 on all 5 seeds at 5,000 iterations,
# 94.7% high quality (tuning: the plain config 6.8 of 8; R1 alone 7.8; R1 with a 0.999 EMA 8 of 8
# at 91.8%; R1 0.01 or 0.1, instance noise, spectral norm, WGAN-GP, hinge, lower learning rates,
# batch 512, leaky ReLU, 2 D steps and noise_dim 8 all lost modes on some seed). grid25: the same
# two with the hinge loss, 25 of 25 on all 5 seeds at 20,000 iterations, 94.3% high quality (the
# hinge loss alone: 22.6 of 25, 78.8%). benchmarks/defaults_search.py reruns any of these.
COVERS_RING = {"r1_weight": 0.03, "ema": 0.99}
_TOY_DEFAULTS = {"gaussians1d": {"noise_dim": 1}, "ring8": dict(COVERS_RING),
                 "grid25": {"loss": "hinge", **COVERS_RING}}

DATASETS: dict[str, DatasetFacts] = {
    **{n: DatasetFacts(n, "toy", dict(_TOY_DEFAULTS.get(n, {}))) for n in _TOY},
    **{n: DatasetFacts(n, "image", dict(IMAGE_DEFAULTS)) for n in _IMAGE},
}
TOY_DATASETS = tuple(n for n, d in DATASETS.items() if d.kind == "toy")
IMAGE_DATASETS = tuple(n for n, d in DATASETS.items() if d.kind == "image")


def dataset_defaults(name: str) -> dict:
    """The keys a dataset sets unless the user does (empty for an unknown name: the Config then
    refuses the name itself)."""
    facts = DATASETS.get(name)
    return dict(facts.defaults) if facts else {}


# --- the rest: names only (each registry holds how to build them) ------------------------------
OPTIMIZERS = ("sgd", "adam", "rmsprop")
ACTIVATIONS = ("relu", "leaky_relu", "tanh", "elu")
MODELS = ("mlp", "dcgan")   # the Config also accepts "auto": MLP for toy data, DCGAN for images
NOISES = ("gaussian", "uniform")
# DCGAN with one of its five guidelines broken (ganlab.train.dcgan.BREAKS; the Learn page
# "DCGAN"), in the guidelines' order; "none" keeps all five.
DCGAN_BREAKS = ("none", "pooling", "no_batchnorm", "dense", "no_tanh", "relu_d")
LOSS_NAMES = tuple(LOSSES)
