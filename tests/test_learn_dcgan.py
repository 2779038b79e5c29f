"""The DCGAN Learn page: the transposed convolution's tap counts against their closed form, the
broken variants (registry entries that build and differ where they should), the guidelines'
source lines, the truncated sampler against scipy's truncated normal, the page's computation on
a few real iterations, and the page itself (AppTest) from a filled cache and while it waits."""

import hashlib
from pathlib import Path

import numpy as np
import pytest
import test_learn_evaluating
import torch
from scipy.stats import truncnorm
from streamlit.testing.v1 import AppTest
from torch import nn

from ganlab.config import Config, ConfigError
from ganlab.i18n import LANGS
from ganlab.runs import areas
from ganlab.serve import broken_dcgan as B
from ganlab.serve import tasks
from ganlab.serve.computations import COMPUTATIONS, TaskError
from ganlab.theory import checkerboard as C
from ganlab.theory import guidelines as R
from ganlab.theory import truncation as T
from ganlab.train import classifier, dcgan
from ganlab.train.latent import truncated_normal
from ganlab.variants import DCGAN_BREAKS

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "app_pages" / "learn_dcgan.py"
data_dir = test_learn_evaluating.data_dir   # the fixture: the digits folder the Learn tests share
STEPS = 4    # real training, a few iterations: the page's fields, not its numbers


# ---- transposed convolution: taps per output pixel --------------------------------------------
@pytest.mark.parametrize("padding", [0, 1])
def test_taps_equal_the_closed_form(padding):
    for K in range(1, 8):
        for s in range(1, 5):
            for n in (2, 3, 5):
                if K - 2 * padding < 1:
                    continue
                counts = C.taps(K, s, n, padding)
                assert counts.shape == (C.out_side(K, s, n, padding),) * 2
                line = np.array([C.taps_1d(i, K, s, n, padding) for i in range(len(counts))])
                assert np.array_equal(counts, np.outer(line, line)), (K, s, n, padding)


def test_the_interior_is_even_exactly_when_s_divides_k():
    for K in range(1, 8):
        for s in range(1, 5):
            inner = C.interior(C.taps(K, s, 8), K)
            assert inner.size and (inner.min() == inner.max()) == C.uniform(K, s), (K, s)
    assert C.interior(C.taps(3, 1, 2), 3).size == 0     # (n − 1)·s < K − 1: all border
    assert C.unevenness(C.taps(3, 2, 6), 3) == 4.0          # 2x2 taps next to 1x1
    assert C.unevenness(C.taps(4, 2, 6), 4) == 1.0          # DCGAN's 4/2: even
    assert C.unevenness(C.taps(1, 2, 6), 1) == float("inf")  # holes
    assert R.doubling() == (4, 2)


# ---- the broken variants ------------------------------------------------------------------------
def leaves(net) -> list[type]:
    return [type(m) for m in net.modules() if not list(m.children())]


def test_every_break_is_a_registry_entry_that_builds_and_runs():
    assert tuple(dcgan.BREAKS) == DCGAN_BREAKS
    assert [g.brk for g in R.GUIDELINES] == list(DCGAN_BREAKS[1:])
    for brk in DCGAN_BREAKS:
        for shape in ((1, 8, 8), (1, 16, 16)):
            G, D = R.nets(brk, shape)
            x = G(torch.randn(3, 32))
            assert x.shape == (3, *shape) and D(x).shape == (3,), brk


def test_each_break_changes_what_it_names_and_nothing_else():
    shape = (1, 16, 16)    # two stages: D has a hidden batch norm here
    G0, D0 = R.nets("none", shape)
    assert nn.BatchNorm2d in leaves(D0) and nn.Tanh in leaves(G0)
    G, D = R.nets("pooling", shape)
    assert not any(dcgan._doubling(m) for m in G.modules())
    assert not any(dcgan._halving(m) for m in D.modules())
    assert leaves(G).count(nn.Upsample) == 2 and leaves(D).count(nn.MaxPool2d) == 2
    G, D = R.nets("no_batchnorm", shape)
    assert nn.BatchNorm2d not in leaves(G) + leaves(D)
    assert len(G.net) == len(G0.net)                       # same indices: Identity in place
    G, D = R.nets("dense", shape)
    assert isinstance(G.net[0][1], nn.Linear) and G.net[0][1].weight.shape == (256, 32)
    assert D.out[1].weight.shape == (256, 64 * 4 * 4)
    G, D = R.nets("no_tanh", shape)
    assert nn.Tanh not in leaves(G) and leaves(D) == leaves(D0)
    G, D = R.nets("relu_d", shape)
    assert nn.LeakyReLU not in leaves(D) and nn.ReLU in leaves(D) and leaves(G) == leaves(G0)
    same = {k: v.shape for k, v in G0.state_dict().items()}
    assert {k: v.shape for k, v in G.state_dict().items()} == same


def test_the_config_key_is_checked_in_one_line():
    assert Config.from_dict({"dataset": "digits", "dcgan_break": "pooling"}).dcgan_break == \
        "pooling"
    with pytest.raises(ConfigError, match=r"^dcgan_break=pool: must be one of none, .*pooling"):
        Config.from_dict({"dataset": "digits", "dcgan_break": "pool"})
    # The MLP ignores it, as the DCGAN ignores g_layers: a toy run keeps its nets.
    assert Config.from_dict({"dataset": "ring8", "dcgan_break": "relu_d"}).dcgan_break == "relu_d"


# ---- the guidelines' lines ----------------------------------------------------------------------
def test_every_guideline_shows_real_lines_of_the_model():
    text = (ROOT / R.SOURCE).read_text(encoding="utf-8").splitlines()
    for g in R.GUIDELINES:
        found = R.lines(g)
        assert found, g.name
        for n, line in found:
            assert text[n - 1] == line, (g.name, n)
        for find in g.finds:             # every pattern still finds a line in its class
            assert R.lines(R.Guideline(g.name, g.brk, (find,))), (g.name, find)
        assert f"{found[0][0]:>3}  " in R.snippet(g)
    joined = {g.name: "\n".join(t for _, t in R.lines(g)) for g in R.GUIDELINES}
    assert "ConvTranspose2d(a, b, 4, 2, 1" in joined["strided"]
    assert "BatchNorm2d" in joined["batch_norm"] and "LeakyReLU" in joined["leaky_d"]
    assert "nn.Tanh()" in joined["relu_tanh"] and "dense layer as a conv" in joined["no_dense"]


# ---- truncation ---------------------------------------------------------------------------------
@pytest.mark.parametrize("psi", [0.25, 0.5, 1.0, 2.0])
def test_the_truncated_sampler_against_scipy(psi):
    z = truncated_normal(200_000, 2, psi, torch.Generator().manual_seed(0)).double().numpy()
    assert np.abs(z).max() <= psi
    exact = truncnorm.var(-psi, psi)
    assert T.variance(psi) == pytest.approx(exact, rel=1e-12)
    assert z.var() == pytest.approx(exact, rel=0.01)   # 400k draws: ~0.3% standard error
    assert T.kept(psi) == pytest.approx(truncnorm(-np.inf, np.inf).cdf(psi) * 2 - 1, rel=1e-12)
    assert T.variance(0.0) == 1.0 and T.kept(0.0) == 1.0


# ---- the computation, on a few real iterations --------------------------------------------------
def params(brk: str, data_dir, conditional: int = 0) -> dict:
    """The page's request; data_dir: the digits folder the other Learn tests share (one
    classifier training per session)."""
    return {"dcgan_break": brk, "conditional": conditional, "steps": STEPS, "seed": 0,
            "data_dir": str(data_dir.resolve())}


class Counting:
    """The real digits classifier, remembering a digest of every image set it classifies."""

    def __init__(self, clf):
        self.clf, self.seen = clf, []

    def __getattr__(self, name):
        return getattr(self.clf, name)

    def predict(self, x):
        self.seen.append(hashlib.sha1(np.ascontiguousarray(x, np.float32).tobytes()).digest())
        return self.clf.predict(x)


@pytest.fixture(scope="module")
def classified() -> dict[str, Counting]:
    """Each run's classifier, by run, as `results` ran them."""
    return {}


@pytest.fixture(scope="module")
def results(data_dir, classified):
    """The computation run here (as a task's process would) for the intact and one broken
    net, and saved where the page's requests look."""
    comp = COMPUTATIONS["dcgan_break"]
    out = {}
    real = classifier.get_classifier
    for brk, cond in (("none", 0), ("dense", 0), ("none", 1)):   # what the page opens on
        seen = []
        name = brk + "_conditional" * cond

        def counted(*a, **kw):
            classified[name] = Counting(real(*a, **kw))
            return classified[name]

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(classifier, "get_classifier", counted)
            r = comp.run(comp.check(params(brk, data_dir, cond)), seen.append)
        assert seen[-1] == 1.0 and seen == sorted(seen)
        folder = tasks.folder_of("dcgan_break", params(brk, data_dir, cond))[2]
        areas.folder(folder)
        tasks.write_result(folder, r)
        out[name] = r
    return out


def test_each_image_set_is_classified_once(results, classified):
    # Scoring is most of the task's time after training: each checkpoint's samples (the last
    # checkpoint's are the final ones) and each psi's are classified in one pass, not once for
    # the confidence and again for the metrics.
    for name, r in results.items():
        seen = classified[name].seen
        scored = len(r["time:step"]) + (len(B.PSI) if "trunc:psi" in r else 0)
        assert len(set(seen)) == len(seen), name
        assert scored <= len(seen) <= scored + 1, name   # + 1: the real reference, once


def test_the_computation_returns_what_the_page_reads(results):
    comp = COMPUTATIONS["dcgan_break"]
    for brk, r in results.items():
        assert comp.accepts(r)
        assert r["samples"].shape == (B.SHOWN_N, 1, 8, 8) and np.abs(r["samples"]).max() <= 1
        assert r["hist:loss_d"].shape == (STEPS,) and np.isfinite(r["hist:loss_d"]).all()
        assert list(r["time:step"])[-1] == STEPS and r["classes"] == 10
        assert 0 <= r["final:modes_covered"] <= 10 and 0 < r["final:confidence"] <= 1
    assert "trunc:psi" not in results["none"]
    trunc = results["none_conditional"]
    assert trunc["trunc:samples"].shape == (len(B.PSI), B.PSI_SHOWN, 1, 8, 8)
    for k in ("confidence", "precision", "recall"):
        assert ((trunc[f"trunc:{k}"] >= 0) & (trunc[f"trunc:{k}"] <= 1)).all()
    assert (trunc["trunc:spread"] >= 0).all()
    assert results["dense"]["g_params"] == R.census("dense")["G"]["params"]


def test_bad_parameters_are_one_line(data_dir):
    comp = COMPUTATIONS["dcgan_break"]
    for bad, word in (({"dcgan_break": "pool"}, "dcgan_break"), ({"steps": 0}, "steps"),
                      ({"data_dir": "rel"}, "data_dir"), ({"extra": 1}, "extra"),
                      ({"conditional": 2}, "conditional")):
        with pytest.raises(TaskError, match=word):
            comp.check({**params("none", data_dir), **bad})


# ---- the page ---------------------------------------------------------------------------------
def run_page(lang: str, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["dcgan_steps"] = STEPS
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_draws_the_cached_runs(results, lang, monkeypatch):
    monkeypatch.setattr(tasks, "start_process", lambda *a: pytest.fail("a task started"))
    at = run_page(lang)
    assert not list(at.get("progress"))
    values = [m.value for m in at.metric]
    fcd = [m.value for m in at.metric if m.label.strip() == "FCD"]
    assert fcd == [f"{results['none']['final:fcd']:.3g}", f"{results['dense']['final:fcd']:.3g}"]
    assert f"{int(results['none']['final:modes_covered'])} / 10" in values
    text = " ".join(m.value for m in at.markdown)
    half = len(results["none"]["time:step"]) // 2           # the sentence: the last half's mean
    assert f"{np.mean(results['none']['time:fcd'][-half:]):.3g}" in text
    assert len(at.code) == len(R.GUIDELINES)


def test_while_the_runs_train_the_page_shows_progress(data_dir, monkeypatch):
    monkeypatch.setattr(tasks, "_take_slot", lambda: None)   # every slot busy: it waits
    at = run_page("zh", {"dcgan_break": "relu_d", "dcgan_steps": STEPS + 1})
    assert list(at.get("progress")) and not [m for m in at.metric if m.label.strip() == "FCD"]
    assert len(at.code) == len(R.GUIDELINES)
