"""What the Learn pages train, as named computations the task runner (ganlab.serve.tasks) runs
in a process of its own: the digits classifier of the Evaluating page, the WGAN page's critics,
the CycleGAN page's mappings, the DCGAN page's intact and broken runs (ganlab.serve.broken_dcgan).

Each computation checks its parameters on the web side (`check`: the page's widgets bound them,
but anything that reaches a process is checked once more, in one place) and runs in the task's
process (`run(params, progress)`: a flat dict of numbers, strings and NumPy arrays, which the
runner saves without pickle). Heavy imports stay inside `run`, so the web process can check
parameters without torch. `version` is part of the cache key: bump it when a result would change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ganlab.serve import broken_dcgan

# TaskError is imported from here by the runner and the pages: what `check` raises belongs to
# this module's contract, though ganlab.serve.params defines it.
from ganlab.serve.params import TaskError as TaskError
from ganlab.serve.params import choice, data_folder, number, only, whole

Progress = Callable[[float], None]
Result = dict[str, object]


@dataclass(frozen=True)
class Computation:
    check: Callable[[dict], dict]          # params -> the canonical params, or TaskError
    run: Callable[[dict, Progress], Result]
    seconds: float                         # its wall-time limit (also bounded by the runs' limit)
    keys: tuple[str, ...] = ()             # what its result must hold for the page to draw it
    load: Callable[[Result], object] | None = None   # what the page rebuilds from the result
    version: int = 1

    def accepts(self, result: Result) -> bool:
        """Whether a result read from disk is whole: a file that is a valid archive but lacks
        an entry (or holds weights that do not fit) is computed again, not drawn."""
        if not all(k in result for k in self.keys):
            return False
        try:
            if self.load is not None:
                self.load(result)
        except (KeyError, ValueError, TypeError, RuntimeError, IndexError):
            return False
        return True


# ---- the digits classifier (Evaluating page) --------------------------------------------------
CLASSIFIED = ("digits",)   # embedded, labelled, offline: the only set a Learn page classifies


def check_classifier(params: dict) -> dict:
    only(params, ("dataset", "data_dir"))
    return {"dataset": choice(params, "dataset", CLASSIFIED), "data_dir": data_folder(params)}


def run_classifier(params: dict, progress: Progress) -> Result:
    """The dataset's classifier (from the data folder's cache, else trained there), as arrays:
    its weights under `net:<name>`, its accuracy and the sizes the page states."""
    from ganlab.config import Config
    from ganlab.data.images import IMAGES
    from ganlab.train.classifier import get_classifier

    data = IMAGES[params["dataset"]](Config(data_dir=params["data_dir"]))
    clf = get_classifier(data, lambda done, _text: progress(done))
    out: Result = {f"net:{k}": v.detach().cpu().numpy() for k, v in clf.net.state_dict().items()}
    out.update(accuracy=clf.accuracy, class_names=np.array(clf.class_names),
               shape=np.array(clf.shape), n=len(data), n_held=len(data.heldout))
    return out


def classifier_of(result: Result):
    """The Classifier a classifier result holds (inference only: the weights were trained by the
    task's process)."""
    import torch

    from ganlab.train.classifier import Classifier, SmallCNN

    shape = tuple(int(s) for s in result["shape"])
    names = tuple(str(n) for n in result["class_names"])
    net = SmallCNN(shape[0], len(names))
    net.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in group(result, "net").items()})
    return Classifier(net.eval(), float(result["accuracy"]), names, shape)


# ---- a WGAN critic between two Gaussians (WGAN page) ------------------------------------------
def check_critic(params: dict) -> dict:
    from ganlab.theory.wgan1d import CONSTRAINTS

    keys = ("mu_r", "mu_g", "sigma", "constraint", "clip", "gp_weight", "steps", "seed")
    only(params, keys)
    return {"mu_r": number(params, "mu_r", -3, 3), "mu_g": number(params, "mu_g", -3, 3),
            "sigma": number(params, "sigma", 0.1, 1.5),
            "constraint": choice(params, "constraint", CONSTRAINTS),
            "clip": number(params, "clip", 0.001, 1.0),
            "gp_weight": number(params, "gp_weight", 0.0, 100.0),
            "steps": whole(params, "steps", 1, 600), "seed": whole(params, "seed", 0, 99)}


CRITIC_WIDTH = 64


def run_critic(params: dict, progress: Progress) -> Result:
    from ganlab.theory import wgan1d as W
    from ganlab.theory.densities import Mixture

    p = params
    r = W.train_critic(Mixture.gaussian(p["mu_r"], p["sigma"]),
                       Mixture.gaussian(p["mu_g"], p["sigma"]), p["constraint"], clip=p["clip"],
                       gp_weight=p["gp_weight"], steps=p["steps"], seed=p["seed"],
                       width=CRITIC_WIDTH, lr=5e-3 if p["constraint"] == "clip" else 2e-3,
                       progress=progress)
    return {"x": r.x, "f": r.f, "slope": r.slope, "gap": r.gap, "K": r.lipschitz,
            "lower": r.w1_lower_bound, "w1": r.w1_true, "history": r.history}


# ---- CycleGAN between two 2D domains (CycleGAN page) ------------------------------------------
def check_cycle(params: dict) -> dict:
    from ganlab.theory.cyclegan2d import DOMAINS

    only(params, ("domain_x", "domain_y", "lam", "steps", "seed"))
    return {"domain_x": choice(params, "domain_x", DOMAINS),
            "domain_y": choice(params, "domain_y", DOMAINS),
            "lam": number(params, "lam", 0.0, 100.0), "steps": whole(params, "steps", 1, 600),
            "seed": whole(params, "seed", 0, 99)}


def run_cycle(params: dict, progress: Progress) -> Result:
    from ganlab.theory import cyclegan2d as C

    model = C.CycleGAN2D(params["domain_x"], params["domain_y"], lam=params["lam"],
                         seed=params["seed"], width=48)
    for i in range(params["steps"]):
        model.step()
        progress((i + 1) / params["steps"])
    x, y = model.x_eval[:300], model.y_eval[:300]
    out: Result = {"x": x, "y": y, "gx": model.map_xy(x), "fy": model.map_yx(y),
                   "fgx": model.reconstruct(x), "rec_x": model.reconstruction_error(),
                   "shape": C.nearest_distance(model.map_xy(x), y),
                   "rec_y": float(np.abs(model.reconstruct_y(model.y_eval)
                                         - model.y_eval).sum(1).mean())}
    out.update({f"losses:{k}": np.asarray(v) for k, v in model.losses.items()})
    return out


COMPUTATIONS: dict[str, Computation] = {
    "classifier": Computation(check_classifier, run_classifier, seconds=300,
                              keys=("accuracy", "n", "n_held", "task:pid"), load=classifier_of),
    "wgan_critic": Computation(check_critic, run_critic, seconds=120,
                               keys=("x", "f", "slope", "gap", "K", "lower", "w1", "history")),
    "cyclegan": Computation(check_cycle, run_cycle, seconds=180,
                            keys=("x", "y", "gx", "fy", "fgx", "rec_x", "shape", "rec_y",
                                  "losses:adv_g", "losses:adv_f")),
    "dcgan_break": Computation(broken_dcgan.check, broken_dcgan.run, seconds=300,
                               keys=broken_dcgan.KEYS),
}


def group(result: Result, prefix: str) -> dict:
    """The entries saved as `<prefix>:<name>`, by name (a result is flat on disk)."""
    return {k[len(prefix) + 1:]: v for k, v in result.items() if k.startswith(prefix + ":")}
