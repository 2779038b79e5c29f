"""Learn: CycleGAN on two 2D toy domains — adversarial + λ·cycle-consistency loss, trained live."""

import numpy as np

from ganlab.serve.computations import group
from ganlab.theory import cyclegan2d as C
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, computed, lang, num
from ganlab.viz import theory as V

L = lang()


def train(domain_x: str, domain_y: str, lam: float, steps: int, seed: int, where):
    """CycleGAN's mappings and losses, or None while a task trains them (progress shown in
    `where`): the web process never trains."""
    r = computed("cyclegan", {"domain_x": domain_x, "domain_y": domain_y, "lam": lam,
                              "steps": steps, "seed": seed}, tr("learn.cycle.training"), where)
    return r and {**r, "losses": group(r, "losses")}


lesson = Lesson("cycle", presets="cyclegan")
lesson.intro.top.latex(r"\mathcal{L}=\mathcal{L}_{GAN}(G,D_Y)+\mathcal{L}_{GAN}(F,D_X)+\lambda\,"
                       r"\Big(\mathbb{E}_x\|F(G(x))-x\|_1+\mathbb{E}_y\|G(F(y))-y\|_1\Big)")
lesson.intro.top.markdown(tr("learn.cycle.losses"))

with lesson.section() as sec:
    c1, c2, c3, c4 = sec.cols(4)
    dx = c1.selectbox(tr("learn.cycle.domain_x"), C.DOMAINS, index=0, key="cyc_x",
                      format_func=lambda d: tr(f"learn.cycle.domain.{d}"))
    dy = c2.selectbox(tr("learn.cycle.domain_y"), C.DOMAINS, index=1, key="cyc_y",
                      format_func=lambda d: tr(f"learn.cycle.domain.{d}"))
    lam = c3.select_slider("λ", [0.0, 0.1, 1.0, 3.0, 10.0, 30.0], value=10.0, key="cyc_lam")
    steps = c4.slider(tr("learn.cycle.steps"), 50, 600, 300, 50, key="cyc_steps")
    seed = sec.ctl.number_input(tr("learn.cycle.seed"), 0, 99, 0, key="cyc_seed")
    r = train(dx, dy, float(lam), int(steps), int(seed), sec.fig)
    if r is not None:
        sec.chart(V.cycle_figure(r["x"], r["y"], r["gx"], r["fy"], r["fgx"], L))
        m = sec.cols(4, sec.fig)
        m[0].metric("E‖F(G(x)) − x‖₁", num(r["rec_x"]), help=tr("learn.cycle.rec.help"))
        m[1].metric("E‖G(F(y)) − y‖₁", num(r["rec_y"]))
        m[2].metric(tr("learn.cycle.adv_g"), num(float(np.mean(r["losses"]["adv_g"][-20:]))))
        m[3].metric(tr("learn.cycle.adv_f"), num(float(np.mean(r["losses"]["adv_f"][-20:]))))
        sec.chart(V.history_figure(dict(r["losses"]), L, y_title=tr("learn.cycle.loss_axis"),
                                   log_y=True))
    sec.ctl.markdown(tr("learn.cycle.read"))

with lesson.section() as sec:
    compare = sec.ctl.checkbox(tr("learn.cycle.compare"), key="cyc_compare")
    r0 = train(dx, dy, 0.0, int(steps), int(seed), sec.fig) if compare and r else None
    if r0 is not None:
        sec.chart(V.cycle_figure(r0["x"], r0["y"], r0["gx"], r0["fy"], r0["fgx"], L))
        a, b, c, d = sec.cols(4, sec.fig)
        a.metric(tr("learn.cycle.rec_lam", lam=lam), num(r["rec_x"]))
        b.metric(tr("learn.cycle.rec_lam", lam=0), num(r0["rec_x"]))
        c.metric(tr("learn.cycle.shape_lam", lam=lam), num(r["shape"]),
                 help=tr("learn.cycle.shape.help"))
        d.metric(tr("learn.cycle.shape_lam", lam=0), num(r0["shape"]))
        # The caption states what these two runs show, not what λ = 0 usually does: a fixed sentence
        # ("the round trip lands far away") was contradicted by some seeds and settings.
        if lam == 0:
            sec.ctl.caption(tr("learn.cycle.compare.same"))
        else:
            rec = "worse" if r0["rec_x"] > 1.5 * r["rec_x"] else "similar"
            shape = "worse" if r0["shape"] > 1.5 * r["shape"] else "similar"
            sec.ctl.caption(tr(f"learn.cycle.compare.rec_{rec}", lam=lam, e=num(r["rec_x"], 3),
                               e0=num(r0["rec_x"], 3)) + " " +
                            tr(f"learn.cycle.compare.shape_{shape}", lam=lam, d=num(r["shape"], 3),
                               d0=num(r0["shape"], 3)))

lesson.finish()
