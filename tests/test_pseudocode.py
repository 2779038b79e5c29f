"""The Algorithm page's live pseudo-code: which lines an update lights (hand-worked sequences
for d_steps 1 and 3 and each loss family), the Trainer's own phase counters that feed it, and a
real worker whose Step D then Step G report D then G with counts that match. The page itself,
with and without a run, in both languages, runs under AppTest against a real JobManager."""

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_worker import Harness

from ganlab.config import Config
from ganlab.serve import manager as jobs
from ganlab.train.trainer import Trainer
from ganlab.ui.pseudocode import Phase, phase, phase_of

TINY = dict(g_width=8, d_width=8, g_layers=1, d_layers=1, batch_size=16)

# (last_update, d_in, g_in) after each update of one iteration and the first update of the next
# one, as the Trainer counts them, and the Phase each gives: lit lines, skipped lines, which D
# and G step, what comes next. Worked by hand from Algorithm 1 (lines 3-4 a D step, 6-7 the G
# step) and WGAN's loop (3-6 a critic step, clipping on line 6; 8-9 the G step).
GAN_K3 = [(("D", 1, 0), Phase((3, 4), (), 1, 0, "D")),
          (("D", 2, 0), Phase((3, 4), (), 2, 0, "D")),
          (("D", 3, 0), Phase((3, 4), (), 3, 0, "G")),
          (("G", 3, 1), Phase((6, 7), (), 3, 1, "D")),
          (("D", 1, 0), Phase((3, 4), (), 1, 0, "D"))]
GAN_K1 = [(("D", 1, 0), Phase((3, 4), (), 1, 0, "G")),
          (("G", 1, 1), Phase((6, 7), (), 1, 1, "D")),
          (("D", 1, 0), Phase((3, 4), (), 1, 0, "G"))]
WGAN_K3 = [(("D", 1, 0), Phase((3, 4, 5, 6), (), 1, 0, "D")),
           (("D", 2, 0), Phase((3, 4, 5, 6), (), 2, 0, "D")),
           (("D", 3, 0), Phase((3, 4, 5, 6), (), 3, 0, "G")),
           (("G", 3, 1), Phase((8, 9), (), 3, 1, "D")),
           (("D", 1, 0), Phase((3, 4, 5, 6), (), 1, 0, "D"))]
WGAN_GP_K1 = [(("D", 1, 0), Phase((3, 4, 5), (6,), 1, 0, "G")),
              (("G", 1, 1), Phase((8, 9), (6,), 1, 1, "D")),
              (("D", 1, 0), Phase((3, 4, 5), (6,), 1, 0, "G"))]


@pytest.mark.parametrize("loss,d_steps,sequence", [
    ("nonsaturating", 3, GAN_K3), ("minimax", 1, GAN_K1), ("hinge", 3, GAN_K3),
    ("wgan", 3, WGAN_K3), ("wgan_gp", 1, WGAN_GP_K1)])
def test_each_update_lights_its_lines(loss, d_steps, sequence):
    for (last, d_in, g_in), expected in sequence:
        assert phase(loss, d_steps, 1, last, d_in, g_in) == expected, (last, d_in, g_in)
    assert phase(loss, d_steps, 1, None, 0, 0).lines == ()       # nothing ran yet


def test_extra_steps_and_several_g_steps():
    # Step D beyond k: still the D lines, the next update is G; two G steps: G, then G again.
    assert phase("nonsaturating", 3, 1, "D", 4, 0) == Phase((3, 4), (), 4, 0, "G")
    assert phase("nonsaturating", 1, 2, "G", 1, 1).next_update == "G"
    assert phase("nonsaturating", 1, 2, "G", 1, 2).next_update == "D"


def test_every_loss_has_its_loop_and_its_line_7_sentence():
    from ganlab.config import LOSS_NAMES
    from ganlab.i18n import TABLE
    from ganlab.ui.pseudocode import family

    assert {loss: family(loss) for loss in LOSS_NAMES} == {
        "minimax": "gan", "nonsaturating": "gan", "lsgan": "gan", "hinge": "gan",
        "wgan": "wgan", "wgan_gp": "wgan"}
    assert all(f"learn.algo.live.gloss.{loss}" in TABLE for loss in LOSS_NAMES)


@pytest.mark.parametrize("d_steps", [1, 3])
def test_the_trainer_counts_the_phase_the_sequences_assume(d_steps):
    trainer = Trainer(Config(**TINY, d_steps=d_steps))
    seen = []
    for _ in range(2):                                  # two whole iterations, update by update
        for _ in trainer.updates():
            seen.append((trainer.last_update, trainer.d_in_iteration, trainer.g_in_iteration))
    one = [("D", i, 0) for i in range(1, d_steps + 1)] + [("G", d_steps, 1)]
    assert seen == one + one
    trainer.step_d()                                    # Step D after a whole iteration
    assert (trainer.last_update, trainer.d_in_iteration, trainer.g_in_iteration) == ("D", 1, 0)


def test_step_d_then_step_g_in_a_real_worker_report_d_then_g(tmp_path):
    h = Harness(tmp_path, paused=True, d_steps=3, **TINY)
    try:
        assert h.snap.last_update is None
        h.send("step_d")
        d = h.wait(lambda s: s.d_updates == 1)
        assert (d.last_update, d.d_in_iteration, d.g_updates) == ("D", 1, 0)
        assert phase_of(d).lines == (3, 4)
        h.send("step_g")
        g = h.wait(lambda s: s.g_updates == 1)
        assert (g.last_update, g.d_in_iteration, g.g_in_iteration, g.d_updates) == ("G", 1, 1, 1)
        assert phase_of(g).lines == (6, 7) and g.step == 0      # updates, not an iteration
        h.send("step", n=1)
        it = h.wait(lambda s: s.step == 1)
        assert (it.last_update, it.d_in_iteration, it.g_in_iteration) == ("G", 3, 1)
        assert (it.d_updates, it.g_updates) == (4, 2)
    finally:
        h.close()


PAGE = str(Path(__file__).resolve().parents[1] / "app_pages" / "learn_algorithm.py")


def page(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = lang
    return at


@pytest.mark.parametrize("lang,start", [("en", "Start a run in slow motion"),
                                        ("zh", "以慢动作开始训练")])
def test_the_page_without_a_run_invites_one(lang, start):
    at = page(lang)
    at.run()
    assert not at.exception
    assert at.button(key="algo_start").label == start
    assert [b.key for b in at.button if b.key.startswith("algo_btn")] == []


def lit(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html") if "border-left" in h.proto.body)


def test_the_page_follows_a_run_it_starts_and_steps_it(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLAB_RUNS", str(tmp_path / "runs"))
    monkeypatch.setenv("GANLAB_LIMIT_WARM_SPARES", "1")   # one torch import, not two, on 2 cores
    monkeypatch.setattr(jobs, "_MANAGER", None)
    mgr = jobs.get_manager()
    try:
        at = page("en")
        for k, v in (("pgw_g_width", 16), ("pgw_d_width", 16), ("pgw_batch_size", 64)):
            at.session_state[k] = v
        at.run()
        at.button(key="algo_start").click().run()   # a slow-motion run, through the JobManager
        job = at.session_state["pg_job"]
        deadline = time.monotonic() + 120
        while (mgr.latest(job).last_update is None) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert mgr.latest(job).pace is not None
        at.run()
        at.button(key="algo_btn_pause").click().run()
        at.button(key="algo_btn_step_g").click().run()
        snap = mgr.latest(job)
        assert snap.state == "paused" and snap.last_update == "G"
        assert ".st-key-algo_gan_l6" in lit(at) and ".st-key-algo_gan_l7" in lit(at)
        assert ".st-key-algo_gan_l4" not in lit(at)
        said = " ".join(i.value for i in at.info)
        assert "G step" in said and "lines 6–7" in said, said
        badges = " ".join(m.value for m in at.markdown)
        assert f"G updates: {snap.g_updates:,}" in badges       # the Snapshot's own counts
        at.session_state["lang"] = "zh"
        at.run()
        assert not at.exception
        assert "第 6–7 行" in " ".join(i.value for i in at.info)
    finally:
        mgr.shutdown()


def test_the_minibatch_spread_shrinks_like_one_over_root_m():
    # The page's histogram of 400 minibatch estimates: its sd is the sd of Ṽ recomputed from the
    # same stream, and agrees with σ₁/√m (σ₁ from all the draws) within the sampling error.
    import numpy as np

    from ganlab.theory import gan_game as g
    from ganlab.theory.densities import Mixture

    pd, pg = Mixture((0.5, 0.5), (-1.5, 1.5), (0.5, 0.5)), Mixture.gaussian(1.0, 0.6)
    at = page("en")
    at.run()
    sds = {}
    for m in (16, 256):
        at.select_slider(key="algo_m").set_value(m).run()
        shown = {x.label: float(x.value) for x in at.metric if x.label.startswith(("spread", "σ"))}
        rng = np.random.default_rng(1)
        a = np.log(g.d_star(pd.sample(400 * m, rng), pd, pg)).reshape(400, m)
        b = np.log1p(-g.d_star(pg.sample(400 * m, rng), pd, pg)).reshape(400, m)
        sd = float(np.std(a.mean(1) + b.mean(1), ddof=1))
        assert shown["spread of Ṽ over 400 minibatches (sd)"] == pytest.approx(sd, rel=1e-3)
        predicted = shown["σ₁/√m (σ₁: one sample's sd)"]
        assert sd == pytest.approx(predicted, rel=0.15)
        sds[m] = sd
    assert sds[16] / sds[256] == pytest.approx(4.0, rel=0.15)      # √(256/16)
