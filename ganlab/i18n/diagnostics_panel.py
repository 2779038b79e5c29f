"""Strings of the Diagnostics panel and its figures (keys `dp.*`), plus the one-line doc of the
per-mode histogram (`diag.doc.mode_share`, shared by every `mode_share_<k>` column)."""

STRINGS = {
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
