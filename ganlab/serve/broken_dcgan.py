"""The DCGAN page's computation: a digits DCGAN trained with all five guidelines, or with one
broken (config `dcgan_break`), scored by the local digits classifier along the way; for a
class-conditional one also the truncation trade-off (z from N(0, I) truncated at psi).

It runs in a task's process (ganlab.serve.tasks), never in the web process, and is registered
in ganlab.serve.computations as "dcgan_break". The model, the training (Trainer.train, recorded
by a Trainer callback as runs are) and the metrics are the Playground's own (Trainer,
ganlab.diagnostics.images): only the config differs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ganlab.serve.params import choice, data_folder, only, whole
from ganlab.variants import DCGAN_BREAKS

Progress = Callable[[float], None]
Result = dict[str, object]

# Measured on one core of the shared 2-core box at a light load: the intact net trains ~95 it/s,
# pooling and dense ~50 it/s, so with start-up (~10 s) and scoring a run takes 25-45 s; under a
# load of 10 on 2 cores it took 2-4 minutes. At 1,000 iterations the intact run's FCD still
# swung 23-77 between checkpoints (seed 0); at 1,500 it had settled near 17-19, and the final
# FCDs were, broken / intact: pooling 1.1x, no batch norm 1.5x, dense 2.4x, no tanh 2.0x,
# ReLU in D 1.3x (one seed each).
STEPS = 1500
TIMELINE = 10           # scored checkpoints along the run
SCORED_N = 1000         # samples the classifier scores at each checkpoint and at the end
SHOWN_N = 40            # samples the page shows (five rows of eight)
PSI = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 0.0)   # truncation thresholds; 0: untruncated
PSI_SHOWN = 30          # samples shown per threshold: the digits 0-9, three times
FINAL = ("modes_covered", "confident_share", "classifier_score", "fcd", "precision", "recall")
HIST = ("loss_d", "loss_g", "d_real", "d_fake")   # recorded at every iteration


def check(params: dict) -> dict:
    only(params, ("dcgan_break", "conditional", "steps", "seed", "data_dir"))
    return {"dcgan_break": choice(params, "dcgan_break", DCGAN_BREAKS),
            "conditional": whole(params, "conditional", 0, 1),
            "steps": whole(params, "steps", 1, 5000), "seed": whole(params, "seed", 0, 99),
            "data_dir": data_folder(params)}


def _classify(clf, data, x: np.ndarray):
    """p(y|x), the features and the Playground's classifier metrics of images x, from one pass
    of the classifier (the metrics read the same outputs the caller does)."""
    from ganlab.diagnostics.images import classified_metrics, reference

    probs, feats = clf.predict(x)
    return probs, feats, classified_metrics(probs, feats, reference(clf, data))


def _scores(clf, data, x: np.ndarray) -> dict[str, float]:
    probs, _, every = _classify(clf, data, x)
    out = {k: every[k] for k in FINAL}
    out["confidence"] = float(probs.max(1).mean())   # mean p(ŷ|x): the classifier's certainty
    return out


class Timeline:
    """The Trainer callback that records this run, as a run's Recorder does, but in memory: the
    losses at every iteration, the classifier's scores at TIMELINE checkpoints (the last one at
    the last iteration, whose samples and scores are the final ones), and the progress bar.

    Not ganlab.runs.loop.train_loop: that loop trains into a run folder (its status, the
    Recorder's metrics and checkpoints, a printed summary) and turns a failure into an exit code,
    while this task's result is one cached file and a failure must fail the task."""

    def __init__(self, clf, z, steps: int, progress: Progress):
        self.clf, self.z, self.steps, self.progress = clf, z, steps, progress
        self.every = -(-steps // TIMELINE)          # at most TIMELINE scored checkpoints
        self.hist = {k: np.zeros(steps) for k in HIST}
        self.timeline: dict[str, list] = {"step": []}
        self.x, self.scores = None, {}

    def __call__(self, trainer, stats) -> None:
        step = stats.step
        for k in self.hist:
            self.hist[k][step - 1] = float(getattr(stats, k))
        if step % self.every == 0 or step == self.steps:
            self.x = trainer.sample(SCORED_N, self.z).numpy()
            self.scores = _scores(self.clf, trainer.data, self.x)
            for k, v in self.scores.items():
                self.timeline.setdefault(k, []).append(v)
            self.timeline["step"].append(step)
        self.progress(0.1 + 0.8 * step / self.steps)


def truncation(G, clf, data, noise_dim: int, seed: int) -> Result:
    """For each psi, samples of a class-conditional G asked for the digits 0-9 in turn: quality
    (the classifier's mean probability of the asked digit; precision) and diversity (recall;
    the mean distance between two samples of the same digit in the classifier's features),
    plus PSI_SHOWN samples. Every psi reuses one seed, so moving psi moves the same latent
    points towards 0."""
    import torch
    from scipy.spatial.distance import pdist

    from ganlab.train.latent import truncated_normal

    k = data.num_classes
    y = np.arange(SCORED_N) % k
    rows: dict[str, list] = {n: [] for n in ("confidence", "precision", "recall", "spread")}
    shown = []
    G.eval()
    for psi in PSI:
        z = truncated_normal(SCORED_N, noise_dim, psi, torch.Generator().manual_seed(seed))
        with torch.no_grad():
            x = G(z, torch.from_numpy(y)).float().numpy()
        probs, feats, m = _classify(clf, data, x)
        rows["confidence"].append(float(probs[np.arange(SCORED_N), y].mean()))
        rows["precision"].append(m["precision"])
        rows["recall"].append(m["recall"])
        rows["spread"].append(float(np.mean([pdist(feats[y == c]).mean() for c in range(k)])))
        shown.append(x[:PSI_SHOWN])
    out: Result = {f"trunc:{n}": np.array(v) for n, v in rows.items()}
    out.update({"trunc:psi": np.array(PSI), "trunc:samples": np.stack(shown)})
    return out


def run(params: dict, progress: Progress) -> Result:
    """Train, score along the way, score the end; Result keys in `KEYS`."""
    from ganlab.config import Config
    from ganlab.train.classifier import get_classifier
    from ganlab.train.trainer import Trainer

    cfg = Config.from_dict({"dataset": "digits", "dcgan_break": params["dcgan_break"],
                            "conditional": bool(params["conditional"]),
                            "steps": params["steps"], "seed": params["seed"],
                            "data_dir": params["data_dir"]})
    t = Trainer(cfg, threads=1)
    # The classifier comes from the data folder's cache (the Evaluating page's task trains it
    # there); the first time ever it trains here, ~15 s, the first tenth of the bar.
    clf = get_classifier(t.data, lambda done, _text: progress(0.1 * done))
    rec = Timeline(clf, t.fixed_noise(SCORED_N), params["steps"], progress)
    t.callbacks.append(rec)
    t.train(params["steps"])
    out: Result = {f"final:{k}": v for k, v in rec.scores.items()}
    out.update({f"hist:{k}": v for k, v in rec.hist.items()})
    out.update({f"time:{k}": np.array(v) for k, v in rec.timeline.items()})
    out.update(samples=rec.x[:SHOWN_N], accuracy=clf.accuracy, classes=t.data.num_classes,
               g_params=sum(p.numel() for p in t.G.parameters()),
               d_params=sum(p.numel() for p in t.D.parameters()))
    if params["conditional"]:   # BigGAN's setting: the class is given, z is truncated
        out.update(truncation(t.G, clf, t.data, cfg.noise_dim, params["seed"]))
    progress(1.0)
    return out


KEYS = ("samples", "accuracy", "classes", "g_params", "d_params", "hist:loss_d", "hist:loss_g",
        "time:step", "time:fcd", "time:modes_covered", "time:confidence",
        *(f"final:{k}" for k in FINAL + ("confidence",)))
