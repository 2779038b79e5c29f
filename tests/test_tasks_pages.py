"""The Learn pages ask the task runner for what they train (AppTest): the first visitor sees a
progress bar and then the result, the second sees the result at once, a failure is one line
with Try again, and the web process (this one: AppTest runs pages in-process) never trains."""

import ast
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from ganlab.serve import tasks
from ganlab.theory import wgan1d as W

ROOT = Path(__file__).resolve().parents[1]
LEARN = sorted(p.stem.removeprefix("learn_") for p in (ROOT / "app_pages").glob("learn_*.py"))
FAST = {"wgan": {"wgan_steps": 50}, "cyclegan": {"cyc_steps": 50},   # quick page tests
        "dcgan": {"dcgan_steps": 4}}
RESULT = {"wgan": "true W₁", "cyclegan": "E‖F(G(x)) − x‖₁", "evaluating": "classifier score"}
PATIENCE = 300.0   # seconds before giving up on a task (a hang, not a measured time)


def progress_bars(at: AppTest) -> list:
    return list(at.get("progress"))


def ready(at: AppTest) -> AppTest:
    """Rerun the page until no task is in progress, as its polling fragment would."""
    deadline = time.monotonic() + PATIENCE
    while progress_bars(at):
        assert time.monotonic() < deadline, "a task never finished"
        time.sleep(0.3)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(name: str, lang: str = "en", state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app_pages" / f"learn_{name}.py"), default_timeout=120)
    at.session_state["lang"] = lang
    for k, v in {**FAST.get(name, {}), **(state or {})}.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def labels(at: AppTest) -> set[str]:
    return {m.label.strip() for m in at.metric}


@pytest.fixture(autouse=True, scope="module")
def _folders(tmp_path_factory):
    """The task cache in a folder of this module's own (so the first visit really computes);
    the digits in the data folder the other Learn tests share."""
    data = tmp_path_factory.getbasetemp() / "learn-data"
    data.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GANLAB_RUNS", str(tmp_path_factory.mktemp("task-runs")))
        mp.setenv("GANLAB_DATA", str(data))
        yield


@pytest.fixture
def web_process_only(monkeypatch):
    """From here on this process starts no task and trains nothing: every optimizer built,
    backward pass or new task process is recorded (and refused)."""
    calls = []

    def refuse(what):
        def hook(*args, **kwargs):
            calls.append(what)
            raise AssertionError(f"the web process called {what}")
        return hook

    monkeypatch.setattr(torch.optim.Optimizer, "__init__", refuse("an optimizer"))
    monkeypatch.setattr(torch.Tensor, "backward", refuse("backward"))
    monkeypatch.setattr(torch.autograd, "backward", refuse("autograd.backward"))
    monkeypatch.setattr(W, "train_critic", refuse("train_critic"))
    monkeypatch.setattr(tasks, "start_process", refuse("a task process"))
    return calls


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RESULT))
def test_the_first_visitor_sees_progress_then_the_result_the_second_at_once(name, monkeypatch):
    at = open_page(name)
    bars = progress_bars(at)
    assert bars and RESULT[name] not in labels(at)
    # its own progress, or a wait while the last task's process (still ending) holds the slot
    assert bars[0].proto.text.endswith("%") or bars[0].proto.text.startswith("Waiting")
    ready(at)
    assert RESULT[name] in labels(at)

    tasks._MEMO.clear()                    # as if the second visitor reached another server
    monkeypatch.setattr(tasks, "start_process", lambda *a: pytest.fail("a process started"))
    second = open_page(name, "zh")
    assert not progress_bars(second) and len(labels(second)) == len(labels(at))


@pytest.mark.slow
def test_the_shown_numbers_are_the_tasks_result():
    at = ready(open_page("wgan", state={"wgan_constraint": "gp"}))
    params = {"mu_r": -1.0, "mu_g": 1.5, "sigma": 0.5, "constraint": "gp", "clip": 0.05,
              "gp_weight": 10.0, "steps": 50, "seed": 0}
    state = tasks.request("wgan_critic", params)
    assert state.done
    shown = {m.label.strip(): m.value for m in at.metric}
    assert shown["true W₁"] == f"{state.result['w1']:.4g}"
    assert shown["critic gap"] == f"{state.result['gap']:.4g}"
    assert np.isclose(state.result["w1"], 2.5, atol=1e-3)   # |μ_r − μ_g|


@pytest.mark.slow
@pytest.mark.parametrize("name", LEARN)
def test_the_web_process_never_trains_for_a_learn_page(name, monkeypatch, request):
    ready(open_page(name))                 # the tasks' processes fill the cache
    calls = request.getfixturevalue("web_process_only")
    tasks._MEMO.clear()
    at = open_page(name)
    assert calls == [] and not progress_bars(at)
    if name in RESULT:
        assert RESULT[name] in labels(at)


def test_with_an_empty_cache_a_page_only_waits(monkeypatch, web_process_only):
    """A page whose task cannot start (here: the runner may start nothing) shows the progress
    bar and the rest of the page; it never falls back to training itself."""
    monkeypatch.setattr(tasks, "_take_slot", lambda: None)   # every slot busy
    at = open_page("wgan", state={"wgan_steps": 550})
    assert web_process_only == [] and progress_bars(at)
    assert "true W₁" not in labels(at) and at.button          # the presets still show


def test_a_failed_task_is_one_line_with_try_again(monkeypatch):
    monkeypatch.setattr(tasks, "start_process", lambda folder, fds: None)   # the OS refused
    at = open_page("cyclegan", state={"cyc_steps": 100, "cyc_seed": 7})
    ready(at)
    at.run()
    errors = [e.value for e in at.error]
    assert errors == ["The server could not start a process for this computation."]
    retry = [b for b in at.button if b.key.startswith("retry_cyclegan-")]
    assert len(retry) == 1 and retry[0].label == "Try again"
    monkeypatch.undo()
    retry[0].click().run()
    assert not at.error
    ready(at)
    assert RESULT["cyclegan"] in labels(at)


WEB = [*(ROOT / "ganlab" / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py")]
TRAINS = {"train_critic", "CycleGAN2D", "train_classifier", "get_classifier", "backward",
          "run_critic", "run_cycle", "run_classifier"}


def test_no_page_names_a_training_function():
    """What pages train goes through the task runner (ganlab.serve.tasks): no page or UI module
    calls a training function itself (the same idea as test_architecture's Trainer rule)."""
    found = {}
    for path in WEB:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(tree)
                 if isinstance(n, (ast.Attribute, ast.Name))}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                  for a in n.names}
        if names & TRAINS:
            found[str(path.relative_to(ROOT))] = sorted(names & TRAINS)
    assert found == {}
