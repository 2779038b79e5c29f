"""Learn: sampling a population; splitting data (hold-out, k-fold, leave-one-out, a stratified
hold-out, bootstrap); and sampling an image (aliasing and the anti-alias blur)."""

import numpy as np
import pandas as pd
import streamlit as st

from ganlab.theory import aliasing as A
from ganlab.theory import holdout as H
from ganlab.theory import sampling as S
from ganlab.ui.lang import tr
from ganlab.ui.learn import Lesson, lang, notes_box, num
from ganlab.viz import lessons as VL
from ganlab.viz import theory as V

L = lang()
METHOD_NAMES = {m: tr(f"learn.sampling.method.{m}") for m in S.METHODS}


def method_with_sd(method: str, sd: float) -> str:
    return f"{METHOD_NAMES[method]} ({num(sd, 3)})"


@st.cache_data(show_spinner=False, max_entries=32)
def population(within_sd: float, cluster_sd: float, order: str):
    return S.make_population(within_sd=within_sd, cluster_sd=cluster_sd, order=order,
                             rng=np.random.default_rng(0))


@st.cache_data(show_spinner=False, max_entries=32)
def spread(within_sd: float, cluster_sd: float, order: str, n: int, reps: int):
    pop = population(within_sd, cluster_sd, order)
    est = {m: S.repeat_estimates(m, pop, n, reps, np.random.default_rng(1)) for m in S.METHODS}
    exact = {m: float(np.sqrt(S.EXACT_VARIANCE[m](pop, n))) for m in S.METHODS}
    return est, exact


@st.cache_data(show_spinner=False, max_entries=8)
def never_drawn_curve(reps: int):
    ms = np.array([2, 3, 5, 10, 20, 50, 100, 200, 500, 1000])
    rng = np.random.default_rng(2)
    sims = [S.never_drawn_shares(int(m), reps, rng) for m in ms]
    return ms, np.array([s.mean() for s in sims]), np.array([s.std() / np.sqrt(reps) for s in sims])


lesson = Lesson("sampling", presets="sampling")

# ---- 1. one sample -------------------------------------------------------------------------------
with lesson.section("learn.sampling.pop.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.pop.text"))
    c1, c2, c3 = sec.cols(3)
    within = c1.slider(tr("learn.sampling.within_sd"), 0.1, 3.0, 1.0, 0.1, key="samp_within")
    between = c2.slider(tr("learn.sampling.cluster_sd"), 0.0, 3.0, 1.0, 0.1, key="samp_cluster")
    order = c3.radio(tr("learn.sampling.order"), ["grouped", "random"], horizontal=True,
                     key="samp_order", format_func=lambda o: tr(f"learn.sampling.order.{o}"))
    pop = population(within, between, order)
    c1, c2 = sec.cols(2)
    method = c1.radio(tr("learn.sampling.method"), S.METHODS, horizontal=True, key="samp_method",
                      format_func=METHOD_NAMES.get)
    n = c2.slider(tr("learn.sampling.n"), 10, 100, 40, 10, key="samp_n")
    sec.ctl.caption(tr(f"learn.sampling.method.{method}.how"))
    if sec.ctl.button(tr("learn.sampling.redraw"), key="samp_redraw"):
        st.session_state["samp_draws"] = st.session_state.get("samp_draws", 0) + 1
    idx = S.draw(method, pop, n, np.random.default_rng(100 + st.session_state.get("samp_draws", 0)))
    est = S.estimate(method, pop, idx)
    m1, m2, m3, m4 = sec.cols(4, sec.fig)
    m1.metric(tr("learn.sampling.pop_mean"), num(pop.mean))
    m2.metric(tr("learn.sampling.this_estimate"), num(est), delta=num(est - pop.mean, 2),
              delta_color="off")
    m3.metric(tr("learn.sampling.items_drawn"), len(idx))
    m4.metric(tr("learn.sampling.exact_sd"), num(float(np.sqrt(S.EXACT_VARIANCE[method](pop, n)))))
    sec.chart(V.population_figure(pop.values, pop.strata, pop.clusters, idx, L))

# ---- 2. repeat many times ------------------------------------------------------------------------
with lesson.section("learn.sampling.repeat.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.repeat.text"))
    reps = sec.ctl.slider(tr("learn.sampling.reps"), 200, 3000, 1000, 100, key="samp_reps")
    estimates, exact = spread(within, between, order, n, reps)
    sec.chart(V.estimate_spread_figure(estimates, pop.mean, METHOD_NAMES, L))
    table = pd.DataFrame({
        tr("learn.sampling.col.method"): [METHOD_NAMES[m] for m in S.METHODS],
        tr("learn.sampling.col.mean"): [estimates[m].mean() for m in S.METHODS],
        tr("learn.sampling.col.sd_sim"): [estimates[m].std() for m in S.METHODS],
        tr("learn.sampling.col.sd_exact"): [exact[m] for m in S.METHODS],
    })
    sec.fig.dataframe(table, hide_index=True, width="stretch")
    ranking = S.precision_ranking(pop, n)  # the claim below follows the table's numbers
    sec.ctl.markdown(tr("learn.sampling.ranking",
                        order=" < ".join(method_with_sd(m, sd) for m, sd in ranking)))
    sd = dict(ranking)
    sec.ctl.markdown(tr(f"learn.sampling.systematic.{order}", sys=num(sd["systematic"], 3),
                        strat=num(sd["stratified"], 3), srs=num(sd["simple_random"], 3)))
    with sec.ctl:
        notes_nums = S.systematic_numbers(1200, 50, 18)  # the notes' example
        notes_box("systematic", last=int(notes_nums[-1]), n41=int(notes_nums[40]))
    with sec.ctl.expander(tr("learn.sampling.formulas")):
        # Each formula under its translated name: no English words inside a Chinese formula.
        st.markdown(METHOD_NAMES["simple_random"])
        st.latex(r"\mathrm{Var}(\bar y)=\Big(1-\frac{n}{N}\Big)\frac{S^2}{n}")
        st.markdown(METHOD_NAMES["stratified"])
        st.latex(r"\mathrm{Var}(\bar y_{st})=\sum_h W_h^2\Big(1-\frac{n_h}{N_h}\Big)"
                 r"\frac{S_h^2}{n_h},\quad W_h=\frac{N_h}{N}")
        st.markdown(METHOD_NAMES["cluster"])
        st.latex(r"\mathrm{Var}(\bar y_{cl})=\Big(1-\frac{m}{K}\Big)\frac{S_c^2}{m}")
        st.markdown(tr("learn.sampling.formulas.text"))

# ---- 3. splitting a data set ---------------------------------------------------------------------
with lesson.section("learn.sampling.splits.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.splits.text"))
    c1, c2, c3 = sec.cols(3)
    m_items = c1.slider(tr("learn.sampling.m_items"), 10, 60, 30, 1, key="samp_m")
    test_frac = c2.slider(tr("learn.sampling.test_fraction"), 0.1, 0.5, 0.3, 0.05, key="samp_test")
    k = c3.slider("k", 2, 10, 5, 1, key="samp_k")
    rng = np.random.default_rng(3 + st.session_state.get("samp_draws", 0))
    train, test = S.holdout_split(m_items, test_frac, rng)
    # Each row: how often an item is in the training set (0 = a test item), the figure's convention.
    rows = [(tr("learn.sampling.row.holdout"), np.isin(np.arange(m_items), train).astype(int))]
    for f, (tr_f, _) in enumerate(S.kfold_splits(m_items, k, rng), start=1):
        rows.append((tr("learn.sampling.row.fold", f=f),
                     np.isin(np.arange(m_items), tr_f).astype(int)))
    drawn, oob = S.bootstrap(m_items, rng)
    rows.append((tr("learn.sampling.row.bootstrap"), np.bincount(drawn, minlength=m_items)))
    sec.chart(V.splits_figure(rows, L))
    sec.fig.caption(tr("learn.sampling.splits.legend"))
    b1, b2 = sec.cols(2, sec.fig)
    b1.metric(tr("learn.sampling.oob_this"), f"{len(oob)} / {m_items} = {len(oob) / m_items:.1%}")
    b2.metric(tr("learn.sampling.oob_expected"), f"{S.never_drawn_share_exact(m_items):.1%}")

# ---- 4. the 36.8% rule ---------------------------------------------------------------------------
with lesson.section("learn.sampling.e.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.e.text"))
    sec.top.latex(r"P\big(i\notin\{j_1,\dots,j_m\}\big) = \Big(1-\frac{1}{m}\Big)^m"
                  r"\;\xrightarrow[m\to\infty]{}\; \frac{1}{e}\approx 0.368")
    c1, c2 = sec.cols(2)
    m_boot = c1.select_slider(tr("learn.sampling.m_boot"),
                              [2, 3, 5, 10, 20, 50, 100, 200, 500, 1000],
                              value=20, key="samp_mboot")
    boot_reps = c2.slider(tr("learn.sampling.boot_reps"), 100, 2000, 500, 100, key="samp_breps")
    share = S.never_drawn_share(m_boot, boot_reps, np.random.default_rng(4))
    se = S.never_drawn_share_sd(m_boot) / np.sqrt(boot_reps)
    e1, e2, e3 = sec.cols(3, sec.fig)
    e1.metric(tr("learn.sampling.simulated_share"), f"{share:.4f}",
              help=tr("learn.sampling.se_help", se=f"{se:.4f}"))
    e2.metric("(1 − 1/m)^m", f"{S.never_drawn_share_exact(m_boot):.4f}")
    e3.metric("1/e", f"{np.exp(-1):.4f}")
    ms, sim_mean, sim_se = never_drawn_curve(boot_reps)
    sec.chart(V.never_drawn_figure(ms, S.never_drawn_share_exact(ms), sim_mean, sim_se, m_boot, L))

# ---- 5. leave-one-out ----------------------------------------------------------------------------
with lesson.section("learn.sampling.loo.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.loo.text"))
    m_loo = sec.ctl.slider(tr("learn.sampling.loo.m"), 4, 15, 8, 1, key="samp_loo_m")
    splits = H.leave_one_out(m_loo)
    sec.chart(V.splits_figure([(tr("learn.sampling.loo.row.out", i=int(test[0])),
                                np.isin(np.arange(m_loo), train).astype(int))
                               for train, test in splits], L))
    f1, f2 = sec.cols(2, sec.fig)
    f1.metric(tr("learn.sampling.loo.fits_k", k=k), H.fits_needed(m_loo, k))
    f2.metric(tr("learn.sampling.loo.fits_loo"), H.fits_needed(m_loo))
    sec.ctl.markdown(tr("learn.sampling.loo.fits", m=m_loo, big=f"{H.fits_needed(60000):,}"))


@st.cache_data(show_spinner=False, max_entries=32)
def random_shares(m: int, share_a: float, test_frac: float, reps: int):
    return H.heldout_shares(H.class_labels(m, share_a), test_frac, reps,
                            np.random.default_rng(5), stratified=False)


# ---- 6. a stratified hold-out --------------------------------------------------------------------
with lesson.section("learn.sampling.strat.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.strat.text"))
    c1, c2, c3 = sec.cols(3)
    m_st = c1.slider(tr("learn.sampling.m_items"), 10, 100, 40, 5, key="samp_st_m")
    share_a = c2.slider(tr("learn.sampling.loo.share"), 0.1, 0.5, 0.3, 0.05, key="samp_st_share")
    frac_st = c3.slider(tr("learn.sampling.test_fraction"), 0.1, 0.5, 0.25, 0.05,
                        key="samp_st_test")
    labels = H.class_labels(m_st, share_a)
    rng = np.random.default_rng(6 + st.session_state.get("samp_draws", 0))
    rows = []
    for kind, strata in (("random", None), ("strat", labels)):
        for i in range(1, 4):
            tr_idx, _ = S.holdout_split(m_st, frac_st, rng, strata=strata)
            rows.append((tr(f"learn.sampling.loo.row.{kind}", i=i),
                         np.isin(np.arange(m_st), tr_idx).astype(int)))
    sec.chart(VL.class_blocks(V.splits_figure(rows, L), labels, L))
    K_a, t = int(labels.sum()), H.heldout_size(m_st, frac_st)
    pi, ks = K_a / m_st, np.arange(t + 1)
    pmf = H.hypergeom_pmf(ks, m_st, K_a, t)
    reps = 2000
    sim = random_shares(m_st, share_a, frac_st, reps)
    sim_freq = np.array([np.mean(np.isclose(sim, k / t)) for k in ks])
    strat = H.stratified_share(labels, frac_st)
    sec.chart(VL.share_figure(ks / t, pmf, sim_freq, strat, pi, L))
    sd = H.random_share_sd(m_st, K_a, t)
    s1, s2 = sec.cols(2, sec.fig)
    s1.metric(tr("learn.sampling.loo.sd_random"), f"{sd:.1%}")
    s2.metric(tr("learn.sampling.loo.sd_strat"), f"{0:.1%}")
    far = float(pmf[np.abs(ks / t - pi) >= 0.1 - 1e-12].sum())
    sec.ctl.markdown(tr("learn.sampling.loo.shares", t=t, frac=f"{frac_st:.0%}", m=m_st,
                        sd=f"{sd:.1%}", pi=f"{pi:.1%}", sd_sim=f"{sim.std():.1%}", reps=reps,
                        far=f"{far:.1%}", strat=f"{strat:.1%}"))

# ---- 7. image sampling and aliasing --------------------------------------------------------------
ZONE_K = 100           # the zone plate's local frequency K r: up to 70.7 in the corners
ZONE_FMAX = ZONE_K * np.sqrt(0.5)


@st.cache_data(show_spinner=False, max_entries=32)
def zone_images(fs: int):
    zone = A.zone_plate(ZONE_K)
    return (A.sample_2d(zone, 180), A.sample_2d(zone, fs),   # 180 > 2 x 70.7: drawn faithfully
            A.blurred_samples_2d(zone, fs, ZONE_FMAX))


with lesson.section("learn.sampling.alias.title") as sec:
    sec.ctl.markdown(tr("learn.sampling.alias.text"))
    c1, c2 = sec.cols(2)
    f = c1.slider(tr("learn.sampling.alias.f"), 1, 60, 13, 1, key="samp_alias_f")
    fs = c2.slider(tr("learn.sampling.alias.fs"), 8, 100, 16, 2, key="samp_alias_fs")
    xs, image = A.sample_points(fs), A.sinusoid(f)
    samples, sigma = image(xs), A.BLUR_C / fs
    fa = A.apparent_frequency(f, fs)
    x_fine = np.linspace(0, 1, 1201)
    sec.chart(VL.profile_figure(x_fine, image(x_fine), xs, samples, fa, L))
    amp, amp_blur = (A.amplitude_at(v, fs, fa)
                     for v in (samples, A.blurred_samples_1d(image, xs, sigma)))
    m = sec.cols(4, sec.fig)
    m[0].metric(tr("learn.sampling.alias.nyquist"), num(A.nyquist(fs)))
    m[1].metric("|f − k·f_s|", num(fa))
    m[2].metric(tr("learn.sampling.alias.peak"), num(A.fft_peak_frequency(samples, fs)))
    m[3].metric(tr("learn.sampling.alias.amp"), f"{num(amp, 2)} / {num(amp_blur, 2)}")
    if f <= A.nyquist(fs):
        sec.ctl.markdown(tr("learn.sampling.alias.below", f=f, nyq=num(A.nyquist(fs))))
    else:
        sec.ctl.markdown(tr("learn.sampling.alias.above", f=f, nyq=num(A.nyquist(fs)),
                            k=int(round(f / fs)), fa=num(fa),
                            peak=num(A.fft_peak_frequency(samples, fs)), c=A.BLUR_C,
                            gain=num(A.gaussian_gain(f, sigma), 2), amp=num(amp, 2),
                            amp_blur=num(amp_blur, 2)))
    original, sampled, blurred = zone_images(fs)
    sec.chart(VL.zone_figure(original, sampled, blurred, A.nyquist_radius(fs, ZONE_K), L))
    sec.fig.caption(tr("learn.sampling.alias.zone", K=ZONE_K, fmax=num(ZONE_FMAX, 3), fs=fs,
                       r=num(A.nyquist_radius(fs, ZONE_K), 3)))

lesson.finish()
