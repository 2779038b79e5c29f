"""The Evaluating-GANs page on real images: the digits "generators" behave as the page says, and the
numbers it shows are the core functions' values. The classifier is trained once per test session
in a temporary data folder (never the repository's ./data)."""

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from test_tasks_pages import ready

from ganlab.config import Config
from ganlab.data.images import IMAGES, data_root
from ganlab.i18n import LANGS
from ganlab.theory import evaluation as E
from ganlab.train.classifier import get_classifier

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "app_pages" / "learn_evaluating.py"


def num(v, digits=4):  # ganlab.ui.learn.num
    return f"{v + 0.0:.{digits}g}"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    # Shared with test_learn_pages.py (same folder name): one classifier training per session.
    folder = tmp_path_factory.getbasetemp() / "learn-data"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GANLAB_DATA", str(folder))
        mp.setenv("GANLAB_RUNS", str(tmp_path_factory.mktemp("eval-runs")))  # the task cache
        yield folder


@pytest.fixture(scope="module")
def digits(data_dir):
    return IMAGES["digits"](Config())


def run_page(lang="en", state=None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.session_state["lang"] = lang
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return ready(at)  # the classifier trains in a task's process (tests/test_tasks_pages.py)


def last_metric(at, label):
    found = [m.value for m in at.metric if m.label.strip() == label]
    assert found, f"no metric {label!r}; have {[m.label for m in at.metric]}"
    return found[-1]  # the right-hand column: the generator chosen by the radio


# ---- the core, without the classifier -----------------------------------------------------------
def test_image_generators_do_what_they_claim(digits):
    rng = np.random.default_rng(0)
    held = E.image_generator("real", digits, rng)
    n = len(digits.heldout)
    assert held.shape == (n, 1, 8, 8) and held.min() >= -1 and held.max() <= 1
    assert np.array_equal(E.image_generator("noisy", digits, rng, noise=0.0, blur=0.0), held)
    copies = E.image_generator("copies", digits, rng, m=4)
    assert len(np.unique(copies.reshape(n, -1), axis=0)) == 4
    labels = digits.heldout_labels.numpy()
    by_pixels = {h.tobytes(): y for h, y in zip(held, labels)}
    assert {by_pixels[x.tobytes()]
            for x in E.image_generator("classes", digits, rng, k=3)} == {0, 1, 2}
    train = {x.tobytes() for x in E.image_generator("memorised", digits, rng)}
    assert len(train) > 0.9 * n and train <= {x.tobytes() for x in E._to_float(digits.pixels)}
    flat = np.full((2, 1, 5, 5), 0.3, np.float32)
    assert np.allclose(E.box_blur(flat), 0.3)


# ---- the page ----------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_page_runs_and_caches_the_classifier_in_the_data_folder(data_dir, lang):
    at = run_page(lang)
    texts = [e.value for kind in ("subheader", "markdown", "caption") for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [w.label for w in at.slider] + [at.radio[-1].label]
    assert not [t for t in texts if "learn." in t]
    assert at.image, "no image grids"
    assert (data_dir / "classifiers" / "digits-1x8x8.json").is_file()
    if lang == "zh":
        assert any("分类器分数" == m.label for m in at.metric)


@pytest.mark.slow
def test_shown_numbers_are_the_core_values(digits):
    at = run_page(state={"eval_img_kind": "copies", "eval_img_m": 10, "eval_img_k": 2})
    clf = get_classifier(digits)
    assert str(data_root(Config())) == str(digits.root)

    def core(kind, **kw):
        return E.image_scores(E.image_generator(kind, digits, np.random.default_rng(0), **kw),
                              digits, clf)

    copies, real = core("copies", m=10), core("real")
    assert last_metric(at, "classifier score") == num(copies["classifier_score"])
    assert last_metric(at, "classes covered") == f"{int(copies['modes_covered'])} / 10"
    assert last_metric(at, "FCD") == num(copies["fcd"])
    assert last_metric(at, "precision") == num(copies["precision"])
    assert last_metric(at, "recall") == num(copies["recall"])
    assert last_metric(at, "memorisation ratio") == num(copies["memorisation_ratio"])
    # the page's lesson, in numbers: ten copies score like real digits but recall nothing
    assert copies["classifier_score"] > 0.85 * real["classifier_score"] and copies["recall"] == 0

    table = at.dataframe[-1].value.set_index("generator")
    classes = core("classes", k=2)
    row = table.loc["only 2 of 10 classes"]
    assert row["classifier score"] == pytest.approx(classes["classifier_score"], abs=1e-3)
    assert row["FCD"] == pytest.approx(classes["fcd"], abs=1e-3)
    assert (classes["classifier_score"] == pytest.approx(2, abs=0.1)
            and classes["modes_covered"] == 2)

    memo = core("memorised")
    row = table.loc["memorised training images"]
    assert row["classifier score"] == pytest.approx(memo["classifier_score"], abs=1e-3)
    assert row["memorisation ratio"] == pytest.approx(memo["memorisation_ratio"], abs=1e-3)
    # memorisation is rewarded by every classifier number; only the pixel check sees it
    assert memo["classifier_score"] > real["classifier_score"] and memo["fcd"] < real["fcd"]
    assert memo["memorisation_ratio"] < 0.1 < 0.9 < real["memorisation_ratio"]

    at.radio(key="eval_img_kind").set_value("memorised").run()
    assert last_metric(at, "classifier score") == num(memo["classifier_score"])
    assert last_metric(at, "memorisation ratio") == num(memo["memorisation_ratio"])
