"""The page's sweep driver: each tick says what to queue and stop, from the run folders alone.
Members are made here as a JobManager would (Run.create, then metrics rows and a status), so the
driver's bookkeeping is tested without training."""

from __future__ import annotations

from ganlab.runs.folder import Run
from ganlab.sweep import queued, study
from ganlab.sweep.spec import parse


def finish(root, name, cfg, modes: list[float], state="finished", every=100):
    run = Run(root / name) if (root / name).exists() else Run.create(root / name, cfg)
    run.append_metrics([{"step": every * (i + 1), "loss_d": 1.0, "loss_g": 1.0,
                         "modes_covered": m} for i, m in enumerate(modes)])
    run.write_status(state, every * len(modes))


def test_a_grid_queues_within_the_free_slots_and_tells_the_study(tmp_path):
    spec = parse({"kind": "grid", "axes": {"lr_d": [1e-3, 2e-3]}, "seeds": "0-1", "steps": 300,
                  "name": "demo"})
    folder = queued.create(spec, tmp_path)
    assert queued.sweeps(tmp_path) == [folder] and folder.name == "demo"
    first = queued.tick(folder, tmp_path, free=3)
    assert [n for n, _ in first.submit] == ["demo-t000-seed-0", "demo-t000-seed-1",
                                            "demo-t001-seed-0"]
    assert [c.seed for _, c in first.submit] == [0, 1, 0]
    assert [c.lr_d for _, c in first.submit] == [1e-3, 1e-3, 2e-3] and not first.done
    for name, cfg in first.submit:
        Run.create(tmp_path / name, cfg)                     # queued, as submit() leaves it
    again = queued.tick(folder, tmp_path, free=1)
    assert [n for n, _ in again.submit] == ["demo-t001-seed-1"]   # the member still missing
    Run.create(tmp_path / "demo-t001-seed-1", again.submit[0][1])
    assert queued.tick(folder, tmp_path, free=4).submit == []     # budget spent
    finish(tmp_path, "demo-t000-seed-0", None, [2, 4, 6])
    finish(tmp_path, "demo-t000-seed-1", None, [2, 4, 8])
    finish(tmp_path, "demo-t001-seed-0", None, [1, 1, 1])
    finish(tmp_path, "demo-t001-seed-1", None, [1, 1], state="failed")
    last = queued.tick(folder, tmp_path, free=4)
    assert last.done
    _, s = queued.load(folder)
    assert [(t.params["lr_d"], t.value) for t in s.trials] == [(1e-3, 7.0), (2e-3, 1.0)]


def test_a_lagging_trial_is_pruned_and_its_members_stopped(tmp_path, monkeypatch):
    spec = parse({"kind": "random", "axes": {"lr_d": {"low": 1e-4, "high": 1e-2, "log": True}},
                  "seeds": [0], "steps": 500, "budget": 5, "pruning": True, "name": "p"})
    folder = queued.create(spec, tmp_path)
    for i in range(study.STARTUP_TRIALS):                   # three that finish well
        (name, cfg), = queued.tick(folder, tmp_path, free=1).submit
        finish(tmp_path, name, cfg, [8, 8, 8, 8, 8])
    queued.tick(folder, tmp_path, free=0)                   # tells the three
    (name, cfg), = queued.tick(folder, tmp_path, free=1).submit
    finish(tmp_path, name, cfg, [1, 1], state="running")    # behind the median at 100 and 200
    out = queued.tick(folder, tmp_path, free=0)
    assert out.stop == [name]
    _, s = queued.load(folder)
    pruned = s.trials[-1]
    assert pruned.state.name == "PRUNED" and pruned.user_attrs["pruned_at"] == 100
    assert [t.value for t in s.trials[:3]] == [8.0, 8.0, 8.0]


def test_a_new_sweep_never_adopts_an_older_run(tmp_path):
    spec = parse({"axes": {"lr_d": [1e-3]}, "name": "old"})
    Run.create(tmp_path / "old-t000-seed-0", spec.base)
    folder = queued.create(spec, tmp_path)
    assert folder.name == "old-2"
    (name, _), = queued.tick(folder, tmp_path, free=1).submit
    assert name == "old-2-t000-seed-0"


def test_a_search_driven_tick_by_tick_draws_a_new_config_each_time(tmp_path):
    """The page reopens the study at every tick; each reopening's sampler must not repeat the
    configs already asked (a search once asked lr_d=4.4e-4 three times in a row)."""
    spec = parse({"kind": "search", "axes": {"lr_d": {"low": 1e-5, "high": 1e-2, "log": True},
                                             "loss": ["nonsaturating", "hinge", "wgan_gp"]},
                  "seeds": [0], "steps": 300, "budget": 4, "name": "s"})
    folder = queued.create(spec, tmp_path)
    asked = []
    for _ in range(4):
        (name, cfg), = queued.tick(folder, tmp_path, free=1).submit
        finish(tmp_path, name, cfg, [3, 3, 3])
        asked.append((cfg.lr_d, cfg.loss))
    assert len(set(asked)) == 4, asked
    # The same journal gives the same draws: a second folder, driven alike, asks the same.
    other = queued.create(parse({**spec.to_dict(), "name": "s2"}), tmp_path / "b")
    again = []
    for _ in range(4):
        (name, cfg), = queued.tick(other, tmp_path / "b", free=1).submit
        finish(tmp_path / "b", name, cfg, [3, 3, 3])
        again.append((cfg.lr_d, cfg.loss))
    assert again == asked
