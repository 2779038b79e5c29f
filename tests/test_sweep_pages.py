"""Seeds and sweeps on the pages (AppTest, the stand-in JobManager of test_runs_pages): a config's
seeds grouped in Compare and on Runs, "diff only", and a seeded sweep started from the form
whose members go through the JobManager."""

from __future__ import annotations

import os

from ganlab.sweep import queued
from tests.test_runindex import TINY, train
from tests.test_runs_pages import open_page, runs  # noqa: F401 - the fixture

SEEDED = TINY.replace(steps=200, log_every=50)


def two_configs_two_seeds(root):
    for lr in (1e-3, 4e-3):
        for seed in (0, 1):
            train(root / f"lr{lr:g}-s{seed}", SEEDED.replace(lr_d=lr, seed=seed), diagnostics=True)
    return [f"lr{lr:g}-s{seed}" for lr in (1e-3, 4e-3) for seed in (0, 1)]


def test_compare_groups_a_configs_seeds_into_bands(runs):  # noqa: F811
    root, _ = runs
    names = two_configs_two_seeds(root)
    at = open_page("app_pages/compare.py", runs=",".join(names))
    diff, table = (d.value for d in at.dataframe)       # AppTest keeps no dataframe keys
    assert list(table["Config"]) == ["lr_d=0.001", "lr_d=0.004"]
    assert list(table["Seeds"]) == [2, 2]
    verdict = table["Against the best"].iloc[1]
    assert "seed noise" in verdict and "[" in verdict        # the interval and the words
    assert any("lr_d=0.001 (2)" in c.proto.spec for c in at.get("plotly_chart"))   # the bands
    # diff only: lr_d and seed; all keys when turned off
    assert list(diff["key"]) == ["seed", "lr_d"]
    at.toggle(key="cmp_diff_only").set_value(False).run()
    keys = list(at.dataframe[0].value["key"])
    assert "batch_size" in keys and len(keys) > 20


def test_runs_page_groups_seeds(runs):  # noqa: F811
    root, _ = runs
    two_configs_two_seeds(root)
    at = open_page("app_pages/runs.py")
    at.toggle(key="runs_group_seeds").set_value(True).run()
    assert not at.exception
    grouped = at.dataframe[0].value
    assert sorted(grouped["Seeds"]) == [1, 1, 2, 2]          # + the fixture's two single runs
    row = grouped[grouped["Config"].str.contains("lr_d=0.004")].iloc[0]
    assert "±" in row["D loss L_D"]


def test_a_seeded_search_queues_members_through_the_job_manager(runs):  # noqa: F811
    root, mgr = runs
    at = open_page("app_pages/compare.py")
    at.radio(key="sweep_kind").set_value("search").run()
    at.selectbox(key="sweep_key0").set_value("lr_d").run()
    at.text_input(key="sweep_vals0_lr_d").input("1e-4..1e-2").run()
    assert at.checkbox(key="sweep_log0_lr_d").value is True     # learning rates: log scale
    at.text_input(key="sweep_seeds").input("0-2").run()
    at.number_input(key="sweep_budget").set_value(3).run()
    at.number_input(key="sweep_steps").set_value(200).run()
    assert any("3 configs × 3 seeds = 9 runs" in c.value for c in at.caption)
    at.button(key="sweep_start").click().run()
    assert not at.exception, at.exception
    (folder,) = queued.sweeps(root)
    assert folder.name == "search-ring8-lr_d"
    # the view's first tick queued the first config's seeds, within the 4 free slots
    members = [os.path.basename(j["run_dir"]) for j in mgr.submitted]
    assert members[:3] == [f"search-ring8-lr_d-t000-seed-{s}" for s in (0, 1, 2)]
    assert len(members) <= 4 and {j["cfg"].steps for j in mgr.submitted} == {200}
    lrs = {j["cfg"].lr_d for j in mgr.submitted[:3]}
    assert len(lrs) == 1 and 1e-4 <= lrs.pop() <= 1e-2
    assert any("search · modes_covered" in c.value for c in at.caption)


def test_a_bad_range_is_one_line(runs):  # noqa: F811
    at = open_page("app_pages/compare.py")
    at.radio(key="sweep_kind").set_value("random").run()
    at.selectbox(key="sweep_key0").set_value("lr_d").run()
    at.text_input(key="sweep_vals0_lr_d").input("1e-2..1e-4").run()
    assert any("low must be below high" in e.value for e in at.error)
    assert not at.exception


def test_a_finished_sweep_shows_its_configs_figures_and_the_best(runs):  # noqa: F811
    from ganlab.sweep.spec import parse
    from tests.test_sweep_queued import finish

    root, mgr = runs
    spec = parse({"kind": "grid", "axes": {"lr_d": [1e-3, 2e-3, 4e-3]}, "seeds": "0-1",
                  "steps": 300, "name": "done"})
    folder = queued.create(spec, root)
    modes = {1e-3: ([6, 7, 8], [6, 7, 8]), 2e-3: ([1, 1, 1], [1, 1, 2]),
             4e-3: ([7, 7, 8], [8, 8, 9])}                   # the final values count
    from ganlab.runs.folder import Run

    queued.tick(folder, root, free=6)                  # asks the three configs
    _, study = queued.load(folder)
    for t in study.trials:
        for i, m in enumerate(t.user_attrs.get("members", [])):
            if not (root / m).exists():
                Run.create(root / m, spec.base.replace(lr_d=t.params["lr_d"], seed=i))
            finish(root, m, None, modes[t.params["lr_d"]][i])
    queued.tick(folder, root, free=0)                  # tells the three configs
    at = open_page("app_pages/compare.py")
    assert any("3 of 3 configs done" in c.value for c in at.caption)
    table = next(d.value for d in at.dataframe if "Against the best" in d.value.columns)
    verdicts = dict(zip(table["Config"].str.split(":").str[0], table["Against the best"]))
    assert verdicts["2"] == "best"                       # lr_d=4e-3: 8.5 on average
    assert verdicts["1"] == "beyond seed noise"          # 1.5 against 8.5
    assert verdicts["0"] == "within seed noise"          # 8, 8 against 8, 9
    assert list(table["Mean over seeds"]) == [8.0, 1.5, 8.5]
    at.button(key="sweepview_cmp").click().run()
    assert at.multiselect(key="cmp_runs").value == ["done-t002-seed-0", "done-t002-seed-1",
                                                     "done-t000-seed-0", "done-t000-seed-1"]
    assert mgr.submitted == []                           # a finished sweep queues nothing


def test_the_playground_config_as_k_seeds(runs):  # noqa: F811
    root, mgr = runs
    at = open_page("app_pages/compare.py")
    at.selectbox(key="sweep_key0").set_value("—").run()
    at.text_input(key="sweep_seeds").input("0-2").run()
    assert any("1 configs × 3 seeds = 3 runs" in c.value for c in at.caption)
    at.button(key="sweep_start").click().run()
    assert not at.exception
    cfgs = [j["cfg"] for j in mgr.submitted]
    assert [c.seed for c in cfgs] == [0, 1, 2]
    assert all(not cfgs[0].replace(seed=c.seed).diff(c) for c in cfgs)   # only the seed differs


def test_another_sessions_sweep_waits_until_someone_continues_it(runs):  # noqa: F811
    from ganlab.sweep.spec import parse

    root, mgr = runs
    queued.create(parse({"axes": {"lr_d": [1e-3, 2e-3]}, "steps": 100, "name": "theirs"}), root)
    at = open_page("app_pages/compare.py")
    assert mgr.submitted == [] and any("Nobody is driving" in c.value for c in at.caption)
    at.button(key="sweepview_drive").click().run()
    assert [os.path.basename(j["run_dir"]) for j in mgr.submitted] == [
        "theirs-t000-seed-0", "theirs-t001-seed-0"]


def test_a_sweep_shared_as_a_link(runs):  # noqa: F811
    from ganlab.sweep.spec import parse
    from ganlab.ui.sweep_form import link_query

    root, mgr = runs
    spec = parse({"kind": "random", "base": {"dataset": "grid25", "lr_g": 2e-4},
                  "axes": {"lr_d": {"low": 1e-4, "high": 1e-2, "log": True}}, "budget": 2,
                  "seeds": "0-1", "steps": 100, "name": "shared"})
    query = link_query(spec)
    assert len(query) < 600                                  # only the keys that differ
    import urllib.parse

    at = open_page("app_pages/compare.py", sweep=urllib.parse.unquote(query[len("sweep="):]))
    assert any("describes a sweep (shared)" in i.value for i in at.info)
    assert mgr.submitted == []                               # a link never starts anything
    at.button(key="sweep_start_link").click().run()
    assert queued.load(queued.sweeps(root)[0])[0] == spec    # the same spec, read back
    for hostile in ('{"kind": "grid", "axes": {"device": ["cuda"]}}', "[" * 300, "x" * 70_000):
        at = open_page("app_pages/compare.py", sweep=hostile)
        (err,) = [e.value for e in at.error]
        assert err.startswith("the sweep in the link was not used") and "\n" not in err


def test_the_playground_runs_its_settings_on_five_seeds(runs):  # noqa: F811
    """The Playground's "5 seeds" button opens Compare's sweep set up for one config, no key
    swept, seeds 0-4, even after the form was used for something else."""
    at = open_page("app_pages/compare.py")
    at.selectbox(key="sweep_key0").set_value("lr_d").run()     # the form used before
    at.text_input(key="sweep_seeds").input("7").run()
    at.switch_page("app_pages/playground.py").run()
    at.button(key="pgw_seeds").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="sweep_seeds").value == "0-4"
    assert at.selectbox(key="sweep_key0").value == "—"
    assert at.selectbox(key="sweep_base").value == "playground"
    assert at.radio(key="sweep_kind").value == "grid"
    assert not any("Session State API" in w.value for w in at.warning)
