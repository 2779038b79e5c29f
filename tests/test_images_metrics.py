"""Image metrics: formulas on synthetic arrays, then reference behaviour on digits with the real
local classifier (trained once per session into a temporary data dir)."""

import numpy as np
import pytest
import torch
from scipy.linalg import sqrtm

from ganlab.config import Config
from ganlab.data import make_dataset
from ganlab.diagnostics import images as im
from ganlab.train import classifier as clf_mod


def test_class_metrics_extremes():
    K, n = 10, 1000
    even = np.eye(K)[np.arange(n) % K] * 0.99 + 0.001
    m = im.class_metrics(even)
    assert m["modes_covered"] == 10 and m["confident_share"] == 1.0
    assert m["mode_kl"] == pytest.approx(0, abs=1e-9)
    assert m["classifier_score"] == pytest.approx(10, rel=0.1)
    assert [m[f"mode_share_{k:02d}"] for k in range(K)] == [0.1] * K
    one = np.eye(K)[np.zeros(n, int)] * 0.99 + 0.001
    m = im.class_metrics(one)
    assert m["modes_covered"] == 1 and m["mode_kl"] == pytest.approx(np.log(K))
    assert m["classifier_score"] == pytest.approx(1.0, abs=1e-6)
    # unsure predictions are not coverage: flat p(y|x) covers nothing, scores 1
    flat = np.full((n, K), 1 / K)
    m = im.class_metrics(flat)
    assert m["modes_covered"] == 0 and m["confident_share"] == 0
    assert m["classifier_score"] == pytest.approx(1.0)


def test_frechet_distance_matches_the_sqrtm_formula():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(500, 5)) @ rng.normal(size=(5, 5))
    b = rng.normal(size=(400, 5)) + 1.0
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    mu = a.mean(0) - b.mean(0)
    ref = mu @ mu + np.trace(sa + sb - 2 * sqrtm(sa @ sb).real)
    assert im.frechet_distance(a, b) == pytest.approx(ref, rel=1e-6)
    assert im.frechet_distance(a, a) == pytest.approx(0, abs=1e-6)
    assert im.frechet_distance(a, a + 2.0) == pytest.approx(4 * 5, rel=1e-6)


def test_precision_recall_and_duplicates_on_point_sets():
    rng = np.random.default_rng(1)
    real = rng.normal(size=(300, 4))
    assert im.precision_recall(real, real) == (1.0, 1.0)
    collapsed = np.repeat(real[:1], 300, 0) + 1e-6 * rng.normal(size=(300, 4))
    p, r = im.precision_recall(real, collapsed)
    assert p == 1.0 and r < 0.05
    assert im.duplicate_share(collapsed, im.nn_within(real)) == 1.0
    assert im.duplicate_share(rng.normal(size=(300, 4)), im.nn_within(real)) < 0.05


@pytest.fixture(scope="module")
def digits(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    data = make_dataset(Config(dataset="digits", data_dir=str(root)))
    seen = []
    clf = clf_mod.get_classifier(data, progress=lambda f, text: seen.append((f, text)))
    assert seen[-1][0] == 1.0 and "held-out accuracy" in seen[-1][1]
    return data, clf, root


def test_classifier_is_accurate_and_cached(digits):
    data, clf, root = digits
    assert clf.accuracy >= 0.95
    assert list((root / "classifiers").glob("digits-*.safetensors"))
    clf_mod._LOADED.clear()
    again = clf_mod.get_classifier(data)
    assert again is not clf and again.accuracy == clf.accuracy  # loaded from disk, not retrained
    x = data.to_float(data.heldout[:50]).numpy()
    assert np.allclose(again.predict(x)[0], clf.predict(x)[0])


def test_real_heldout_images_score_near_the_ceiling(digits):
    data, clf, _ = digits
    held = data.to_float(data.heldout).numpy()
    m = im.classifier_metrics(held, data, clf)
    assert m["modes_covered"] == 10 and m["confident_share"] > 0.85
    assert m["classifier_score"] > 8.5 and m["mode_kl"] < 0.05
    assert m["precision"] > 0.75 and m["recall"] > 0.75
    assert m["duplicate_share"] < 0.05
    # FCD's floor depends on n (bias ~ d²/2n): 297 held-out digits measure ~6 against the
    # training features, where noise of std 0.5 measures ~38 and a single image ~1000.
    assert m["fcd"] < 15.0
    assert im.memorisation(held, data)["memorisation_ratio"] == pytest.approx(1.0, rel=1e-3)


def test_copies_of_one_image_are_flagged_as_collapsed(digits):
    data, clf, _ = digits
    one = np.repeat(data.to_float(data.heldout[:1]).numpy(), 1000, 0)
    m = im.classifier_metrics(one, data, clf)
    real = im.classifier_metrics(data.to_float(data.heldout).numpy(), data, clf)
    assert m["modes_covered"] == 1 and m["classifier_score"] < 1.05
    assert m["recall"] < 0.01 and m["duplicate_share"] == 1.0
    assert m["mode_kl"] == pytest.approx(np.log(10), rel=1e-6)
    assert m["fcd"] > 30 * real["fcd"]


def test_training_copies_are_flagged_as_memorised(digits):
    data, _, _ = digits
    copies = data.to_float(data.pixels[:500]).numpy()
    noise = copies + 0.3 * np.random.default_rng(0).normal(size=copies.shape)
    assert im.memorisation(copies, data)["memorisation_ratio"] < 0.05
    assert im.memorisation(noise.astype(np.float32), data)["memorisation_ratio"] > 0.5


def test_registered_and_computed_through_compute_due(digits):
    from ganlab.diagnostics import DIAGNOSTICS, Probe, compute_due

    data, _, _ = digits
    assert "image_classifier" in DIAGNOSTICS and "image_memorisation" in DIAGNOSTICS
    held = data.to_float(data.heldout).numpy()
    probe = Probe(fake=held, real=held, d_real_logits=np.zeros(len(held)),
                  d_fake_logits=np.zeros(len(held)), data=data, loss="nonsaturating")
    out = compute_due(1000, lambda: probe, enabled=["image_classifier", "image_memorisation"])
    assert out["modes_covered"] == 10 and "fcd" in out and "memorisation_ratio" in out


def test_unlabelled_data_has_no_classifier(tmp_path):
    from PIL import Image

    for i in range(3):
        Image.new("L", (8, 8), i * 60).save(tmp_path / f"{i}.png")
    data = make_dataset(Config(dataset="folder", data_dir=str(tmp_path), image_size=8))
    assert clf_mod.get_classifier(data) is None
    assert im.classifier_metrics(torch.zeros(4, 1, 8, 8).numpy(), data) == {}
