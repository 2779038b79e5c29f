"""Strings of the diagnostics: one line per metric (what it measures, what good looks like),
per alarm a title, its plain-language cause and the remedies to try, and the Diagnostics panel
with its figures (keys `dp.*`)."""

STRINGS = {
    # --- metrics: diag.doc.<metric name as logged> ------------------------------------------------
    "diag.doc.modes_covered": {
        "en": "Modes that receive at least 10% of their fair share of good samples. Good: all of "
              "them (8/8 on ring8, 25/25 on grid25).",
        "zh": "获得至少 10% 应得份额高质量样本的模式数。理想值：全部覆盖（ring8 为 8/8，grid25 为 "
              "25/25）。",
    },
    "diag.doc.modes_covered_loose": {
        "en": "Modes with at least one good sample nearby (the rule used in papers; generous to "
              "blurry generators). Read it next to the strict count.",
        "zh": "附近至少有一个高质量样本的模式数（论文中的规则，对模糊的生成器过于宽松）。"
              "请与严格计数一起看。",
    },
    "diag.doc.hq_share": {
        "en": "Share of samples within 3 std of a mode. Good: close to 98.9% in 2D, 99.7% in 1D "
              "(a perfect generator's ceiling).",
        "zh": "距离某个模式 3 个标准差以内的样本比例。理想值：二维接近 98.9%，一维接近 "
              "99.7%（完美生成器的上限）。",
    },
    "diag.doc.mode_kl": {
        "en": "KL of the good samples' mode histogram from the target weights: how unevenly modes "
              "are used. Good: near 0; collapse onto m of K modes gives ln(K/m).",
        "zh": "高质量样本的模式直方图相对目标权重的 KL 散度，衡量各模式被使用得有多不均匀。"
              "理想值：接近 0；坍缩到 K 个模式中的 m 个时为 ln(K/m)。",
    },
    "diag.doc.kl_data_g": {
        "en": "KL(p_data‖p_g) by numerical integration against the exact density (p_g from a "
              "kernel density estimate). Large when G misses data. Good: near 0.",
        "zh": "用精确密度数值积分得到的 KL(p_data‖p_g)（p_g 由核密度估计得到）。"
              "生成器漏掉数据时很大。理想值：接近 0。",
    },
    "diag.doc.kl_g_data": {
        "en": "KL(p_g‖p_data): large when G puts samples where there is no data. Good: near 0.",
        "zh": "KL(p_g‖p_data)：生成器把样本放在没有数据的地方时很大。理想值：接近 0。",
    },
    "diag.doc.js": {
        "en": "Jensen–Shannon divergence to the exact density, in nats (0 to ln 2 ≈ 0.693). Good: "
              "near 0.",
        "zh": "与精确密度之间的 Jensen–Shannon 散度，单位 nat（0 到 ln 2 ≈ 0.693）。理想值：接近 "
              "0。",
    },
    "diag.doc.dstar_gap": {
        "en": "Mean |D(x) − D*(x)| where the data or G has mass, D* = p_data/(p_data + p_g) with "
              "p_g a kernel density estimate of 2,500 samples of G. 0: D is the optimal "
              "discriminator for the current G (what k D steps per G step aim for). Good: below "
              "0.05.",
        "zh": "在数据或生成器有质量的区域上 |D(x) − D*(x)| 的均值，其中 D* = p_data/(p_data + "
              "p_g)，p_g 由生成器的 2500 个样本做核密度估计得到。0 表示 D 是当前生成器下的最优判别"
              "器（每步生成器更新前做 k 步判别器更新正是为此）。理想值：低于 0.05。",
    },
    "diag.doc.w1": {
        "en": "Wasserstein-1 (earth mover's) distance to the exact distribution, in data units: "
              "how far samples must move. Good: near 0.",
        "zh": "与精确分布之间的 Wasserstein-1（推土机）距离，单位与数据相同：样本需要移动多远。"
              "理想值：接近 0。",
    },
    "diag.doc.kl_binned": {
        "en": "KL(real‖generated) between normalised histograms on a fixed 50×50 grid. Good: near "
              "0 (a small positive floor comes from finite samples).",
        "zh": "固定 50×50 网格上归一化直方图之间的 KL(真实‖生成)。理想值：接近 "
              "0（有限样本会带来一个小的正下限）。",
    },
    "diag.doc.js_binned": {
        "en": "Jensen–Shannon divergence between the same histograms, in nats (0 to ln 2). Good: "
              "near 0.",
        "zh": "同样两个直方图之间的 Jensen–Shannon 散度，单位 nat（0 到 ln 2）。理想值：接近 0。",
    },
    "diag.doc.w1_exact": {
        "en": "Exact Wasserstein-1 between 512 real and 512 generated points (optimal matching). "
              "Good: low; even two real samples are not at 0.",
        "zh": "512 个真实点与 512 个生成点之间的精确 Wasserstein-1 距离（最优匹配）。理想值："
              "越低越好；即使两组真实样本之间也不为 0。",
    },
    "diag.doc.mmd": {
        "en": "Kernel MMD² between real and generated samples, summed over several kernel widths "
              "so it sees both missing modes and blur. Good: about 0 (may dip below).",
        "zh": "真实与生成样本之间的核 MMD²，对多个核宽度求和，因此既能发现缺失的模式也能发现模糊。"
              "理想值：约为 0（可能略低于 0）。",
    },
    "diag.doc.minimax_value": {
        "en": "The game's value V(G,D) = E log D(x) + E log(1−D(G(z))). At the optimum it is −log "
              "4 ≈ −1.386; the excess over that is about twice the JS divergence D sees.",
        "zh": "博弈的值 V(G,D) = E log D(x) + E log(1−D(G(z)))。最优时为 −log 4 ≈ −1.386；"
              "高出的部分约为判别器所见 JS 散度的两倍。",
    },
    "diag.doc.d_acc_real": {
        "en": "Share of real samples D calls real. Good: near 50%; near 100% together with "
              "d_acc_fake near 100% means D is winning.",
        "zh": "判别器判为真实的真实样本比例。理想值：接近 50%；与 d_acc_fake 同时接近 100% "
              "说明判别器占了上风。",
    },
    "diag.doc.d_acc_fake": {
        "en": "Share of generated samples D calls fake. Good: near 50%.",
        "zh": "判别器判为生成的生成样本比例。理想值：接近 50%。",
    },
    "diag.doc.sample_diversity": {
        "en": "Mean distance between generated samples divided by that between real ones. Good: "
              "near 1; falling towards 0 means the generator is collapsing.",
        "zh": "生成样本之间的平均距离除以真实样本之间的平均距离。理想值：接近 1；趋向 0 "
              "说明生成器正在坍缩。",
    },
    # --- alarms: <key>, <key>.cause, <key>.remedy -------------------------------------------------
    "diag.alarm.vanishing_gradient": {
        "en": "The discriminator is winning: the generator's gradient has vanished",
        "zh": "判别器占了上风：生成器的梯度消失了",
    },
    "diag.alarm.vanishing_gradient.cause": {
        "en": "D rejects almost every generated sample (D(G(z)) near 0). With the saturating "
              "minimax loss log(1−D(G(z))), the generator's gradient shrinks with D(G(z)), so G "
              "stops learning.",
        "zh": "判别器几乎拒绝所有生成样本（D(G(z)) 接近 0）。使用饱和的 minimax 损失 "
              "log(1−D(G(z))) 时，生成器的梯度随 D(G(z)) 一起变小，于是生成器不再学习。",
    },
    "diag.alarm.vanishing_gradient.remedy": {
        "en": "Switch to the non-saturating loss (−log D(G(z))) or to WGAN-GP; use fewer d_steps; "
              "lower lr_d.",
        "zh": "换用非饱和损失（−log D(G(z))）或 WGAN-GP；减少 d_steps；降低 lr_d。",
    },
    "diag.alarm.mode_collapse": {
        "en": "Mode collapse: the generator is covering fewer modes",
        "zh": "模式坍缩：生成器覆盖的模式越来越少",
    },
    "diag.alarm.mode_collapse.cause": {
        "en": "Coverage or sample diversity has dropped while the losses look normal: G found a "
              "few outputs that fool D and keeps producing only those.",
        "zh": "覆盖率或样本多样性下降了，而损失看起来正常：生成器找到了少数能骗过判别器的输出，"
              "并只生成这些。",
    },
    "diag.alarm.mode_collapse.remedy": {
        "en": "Try WGAN-GP or the non-saturating loss with a lower lr_g; give D more d_steps; "
              "make the networks wider.",
        "zh": "尝试 WGAN-GP，或使用非饱和损失并降低 lr_g；给判别器更多的 d_steps；加宽网络。",
    },
    "diag.alarm.oscillation": {
        "en": "Oscillation: the losses cycle without progress",
        "zh": "振荡：损失在循环往复，却没有进展",
    },
    "diag.alarm.oscillation.cause": {
        "en": "The losses repeat a regular cycle while the sample quality does not improve: G and "
              "D keep chasing each other (often G hops from mode to mode).",
        "zh": "损失按规律循环，而样本质量没有提升："
              "生成器和判别器在互相追逐（常见的是生成器在模式之间跳来跳去）。",
    },
    "diag.alarm.oscillation.remedy": {
        "en": "Lower both learning rates; use Adam with beta1 = 0.5 or 0; add a gradient penalty "
              "(WGAN-GP).",
        "zh": "同时降低两个学习率；使用 beta1 = 0.5 或 0 的 Adam；加入梯度惩罚（WGAN-GP）。",
    },
    "diag.alarm.divergence.nan": {
        "en": "Training diverged: a loss became NaN or infinite",
        "zh": "训练发散：损失变成了 NaN 或无穷大",
    },
    "diag.alarm.divergence.nan.cause": {
        "en": "The numbers overflowed, usually after the weights or gradients grew too large for "
              "the learning rate.",
        "zh": "数值溢出了，通常是因为权重或梯度相对于学习率变得过大。",
    },
    "diag.alarm.divergence.nan.remedy": {
        "en": "Restart with lower lr_d and lr_g; for WGAN use weight clipping or the gradient "
              "penalty; reduce the network width.",
        "zh": "用更低的 lr_d 和 lr_g 重新开始；WGAN 请使用权重裁剪或梯度惩罚；减小网络宽度。",
    },
    "diag.alarm.divergence.exploding": {
        "en": "Exploding gradients: gradient norms jumped far above normal",
        "zh": "梯度爆炸：梯度范数远高于平常",
    },
    "diag.alarm.divergence.exploding.cause": {
        "en": "A gradient norm is more than 10 times its recent median: the updates are becoming "
              "unstable and the run may soon diverge.",
        "zh": "某个梯度范数超过了其近期中位数的 10 倍：更新正在变得不稳定，训练可能很快发散。",
    },
    "diag.alarm.divergence.exploding.remedy": {
        "en": "Lower the learning rates; use a gradient penalty or spectral normalisation in D; "
              "for WGAN lower clip.",
        "zh": "降低学习率；在判别器中使用梯度惩罚或谱归一化；WGAN 请调小 clip。",
    },
    # --- the Diagnostics panel and its figures (dp.*), and the per-mode histogram's doc ----------
    "diag.doc.mode_share": {
        "en": "Share of all samples that are good samples of each mode, over time. Good: every "
              "row equally bright (about 98.9%/K each); one bright row moving about is mode "
              "hopping.",
        "zh": "每个模式的高质量样本占全部样本的比例随时间的变化。理想：每一行同样亮（各约 "
              "98.9%/K）；只有一行亮且位置不断变化，就是模式跳跃。",
    },
    "dp.title": {"en": "Diagnostics", "zh": "诊断"},
    "dp.caption": {
        "en": "Computed in the training worker every 100 iterations (MMD every 500, exact W₁ "
              "every 1,000) on 2,500 generated samples; every number is also logged to "
              "metrics.jsonl.",
        "zh": "由训练进程每 100 次迭代计算一次（MMD 每 500 次，精确 W₁ 每 1000 次），使用 2500 "
              "个生成样本；所有数值也记录在 metrics.jsonl 中。",
    },
    "dp.empty": {
        "en": "No diagnostics yet: the first ones arrive at iteration 100.",
        "zh": "还没有诊断数据：第一批在第 100 次迭代时到达。",
    },
    "dp.group.coverage": {"en": "Mode coverage", "zh": "模式覆盖"},
    "dp.group.divergence": {"en": "Distance to the data", "zh": "与数据的距离"},
    "dp.group.game": {"en": "The game between G and D", "zh": "G 与 D 的博弈"},
    "dp.alarms": {"en": "Alarms", "zh": "警报"},
    "dp.no_alarms": {"en": "No alarms: nothing looks wrong so far.",
                     "zh": "没有警报：目前一切正常。"},
    "dp.since": {"en": "since iteration {step:,}", "zh": "自第 {step:,} 次迭代起"},
    "dp.cleared": {"en": "cleared after iteration {step:,}", "zh": "第 {step:,} 次迭代后已解除"},
    "dp.cause": {"en": "Why", "zh": "原因"},
    "dp.remedy": {"en": "What to try", "zh": "可以尝试"},
    "dp.toast": {"en": "{title} (iteration {step:,})", "zh": "{title}（第 {step:,} 次迭代）"},
    # chart titles
    "dp.chart.modes": {"en": "Modes covered", "zh": "覆盖的模式数"},
    "dp.chart.hq_share": {"en": "High-quality samples", "zh": "高质量样本比例"},
    "dp.chart.mode_kl": {"en": "Mode KL from uniform", "zh": "模式分布与均匀分布的 KL"},
    "dp.chart.sample_diversity": {"en": "Sample diversity", "zh": "样本多样性"},
    "dp.chart.mode_heatmap": {"en": "Per-mode histogram over time (mode hopping)",
                              "zh": "各模式直方图随时间的变化（模式跳跃）"},
    "dp.chart.kl_data_g": {"en": "KL(p<sub>data</sub>‖p<sub>g</sub>)",
                           "zh": "KL(p<sub>data</sub>‖p<sub>g</sub>)"},
    "dp.chart.kl_g_data": {"en": "KL(p<sub>g</sub>‖p<sub>data</sub>)",
                           "zh": "KL(p<sub>g</sub>‖p<sub>data</sub>)"},
    "dp.chart.js": {"en": "Jensen–Shannon divergence", "zh": "Jensen–Shannon 散度"},
    "dp.chart.dstar_gap": {"en": "How far D is from D*: mean |D − D*|",
                           "zh": "D 与 D* 的差距：|D − D*| 的均值"},
    "dp.chart.w1": {"en": "Wasserstein-1 distance", "zh": "Wasserstein-1 距离"},
    "dp.chart.kl_binned": {"en": "Binned KL(real‖generated)", "zh": "分箱 KL(真实‖生成)"},
    "dp.chart.js_binned": {"en": "Binned Jensen–Shannon", "zh": "分箱 Jensen–Shannon 散度"},
    "dp.chart.w1_exact": {"en": "Exact W<sub>1</sub> (optimal matching)",
                          "zh": "精确 W<sub>1</sub>（最优匹配）"},
    "dp.chart.mmd": {"en": "MMD² (several kernel widths)", "zh": "MMD²（多个核宽度）"},
    "dp.chart.minimax_value": {"en": "Minimax value V(G, D)", "zh": "极小极大值 V(G, D)"},
    "dp.chart.d_acc": {"en": "D accuracy", "zh": "D 的准确率"},
    # series and reference lines
    "dp.series.strict": {"en": "strict (≥ 10% of fair share)", "zh": "严格（≥ 应得份额的 10%）"},
    "dp.series.loose": {"en": "loose (≥ 1 sample)", "zh": "宽松（≥ 1 个样本）"},
    "dp.series.acc_real": {"en": "on real", "zh": "真实样本上"},
    "dp.series.acc_fake": {"en": "on generated", "zh": "生成样本上"},
    "dp.ref.all_modes": {"en": "all {k} modes", "zh": "全部 {k} 个模式"},
    "dp.ref.hq_ceiling": {"en": "perfect generator {value}", "zh": "完美生成器 {value}"},
    "dp.ref.v_opt": {"en": "optimum −log 4: V = −log 4 + 2·JS",
                     "zh": "最优值 −log 4：V = −log 4 + 2·JS"},
    "dp.ref.half": {"en": "coin flip 50%", "zh": "随机猜 50%"},
    "dp.ref.data_spread": {"en": "as spread as the data", "zh": "与数据同样分散"},
    "dp.ref.ln2": {"en": "ln 2: no overlap", "zh": "ln 2：完全不重叠"},
    "dp.ref.floor": {"en": "real vs real {value}", "zh": "真实对真实 {value}"},
    "dp.ref.kl_floor": {"en": "noise floor (K−1)/2n", "zh": "噪声下限 (K−1)/2n"},
    "dp.hover.js_seen": {"en": "JS seen by D ≈ (V + log 4)/2 = {value}",
                         "zh": "D 所见 JS ≈ (V + log 4)/2 = {value}"},
    "dp.axis.iteration": {"en": "iteration", "zh": "迭代次数"},
    "dp.axis.mode": {"en": "mode", "zh": "模式"},
    "dp.axis.share": {"en": "share of samples", "zh": "样本比例"},
    "dp.fair_share": {"en": "fair share ≈ {value}", "zh": "应得份额 ≈ {value}"},
    "dp.alarm_marker": {"en": "alarm", "zh": "警报"},
}
