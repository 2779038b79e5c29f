"""Strings of the Learn pages' added theory sections (issue 18.4, part B): the Nash equilibrium of
a zero-sum game and why G is updated sparingly (learn_gan_game.py), leave-one-out, stratified
hold-outs and image aliasing (learn_sampling.py), and why a histogram JS fails in many
dimensions (learn_evaluating.py); their figures (ganlab/viz/lessons.py).

Full keys; math notation identical in both languages.
"""

from functools import partial

from ganlab.i18n.pairs import add

STRINGS: dict[str, dict[str, str]] = {}
_add = partial(add, STRINGS, "")     # full keys


# ---- figures ---------------------------------------------------------------------------------
_add({
    "learn.fig.br_row": ("row player's best reply to q", "行玩家对 q 的最优反应"),
    "learn.fig.br_col": ("column player's best reply to p", "列玩家对 p 的最优反应"),
    "learn.fig.nash": ("Nash equilibrium (q*, p*)", "纳什均衡 (q*, p*)"),
    "learn.fig.q_axis": ("q = P(column 1)", "q = 选第 1 列的概率"),
    "learn.fig.p_axis": ("p = P(row 1)", "p = 选第 1 行的概率"),
    "learn.fig.sparing_left": ("p_data, G₀ → G₁ and D₀*", "p_data、G₀ → G₁ 与 D₀*"),
    "learn.fig.sparing_right": ("V against G's mean μ", "V 随 G 的均值 μ 的变化"),
    "learn.fig.class_a": ("class A ", "A 类 "),
    "learn.fig.class_b": (" class B", " B 类"),
    "learn.fig.random_exact": ("random hold-out (exact)", "随机留出（精确值）"),
    "learn.fig.stratified_share": ("stratified hold-out", "分层留出"),
    "learn.fig.test_share": ("share of class A in the test set", "测试集中 A 类的比例"),
    "learn.fig.continuous": ("continuous image (one row)", "连续图像（一行）"),
    "learn.fig.alias_curve": ("what the samples show: f = {f}", "采样点呈现的频率 f = {f}"),
    "learn.fig.samples": ("samples", "采样点"),
    "learn.fig.sim_freq": ("simulated frequency", "模拟频率"),
    "learn.fig.zone_original": ("the continuous image", "连续图像"),
    "learn.fig.zone_sampled": ("sampled at f_s", "以 f_s 采样"),
    "learn.fig.zone_blurred": ("blurred, then sampled", "先模糊，再采样"),
    "learn.fig.plugin_js": ("histogram (plug-in) JS", "直方图（代入法）JS"),
    "learn.fig.classifier_js": ("classifier's bound on JS", "分类器给出的 JS 下界"),
    "learn.fig.true_js": ("true JS", "真实 JS"),
})

# ---- the GAN game: a zero-sum game and its Nash equilibrium ------------------------------------
_add({
    "learn.game.nash.title": ("3. Nash equilibrium: a zero-sum game you can play",
                              "3. 纳什均衡：一个可以亲手玩的零和博弈"),
    "learn.game.nash.text": (
        "The row player picks row 1 or 2, the column player column 1 or 2; the row player wins "
        "the entry of the matrix and the column player loses it: a **zero-sum game**. Each plays "
        "a mixed strategy, row 1 with probability p and column 1 with probability q. A **Nash "
        "equilibrium** is a pair (p\\*, q\\*) where neither gains by changing alone: each is a "
        "best reply to the other. Edit the payoffs, move p and q, and find the point where both "
        "best-reply lines cross.",
        "行玩家选择第 1 行或第 2 行，列玩家选择第 1 列或第 2 列；行玩家赢得矩阵中对应的数，列玩家"
        "输掉同样的数：这是一个**零和博弈**。双方都用混合策略：行玩家以概率 p 选第 1 行，列玩家以"
        "概率 q 选第 1 列。**纳什均衡**是这样一对 (p\\*, q\\*)：任何一方单独改变策略都得不到好处，"
        "即每一方都是对另一方的最优反应。修改收益矩阵，移动 p 和 q，找到两条最优反应线的交点。"),
    "learn.game.nash.matrix": ("**Payoff matrix** A (what the row player wins)",
                               "**收益矩阵** A（行玩家赢得的数）"),
    "learn.game.nash.ex.mixed": ("A mixed game", "混合策略博弈"),
    "learn.game.nash.ex.pennies": ("Matching pennies", "硬币匹配博弈"),
    "learn.game.nash.ex.saddle": ("A saddle point", "有鞍点的博弈"),
    "learn.game.nash.p": ("p = P(row player plays row 1)", "p = 行玩家选第 1 行的概率"),
    "learn.game.nash.q": ("q = P(column player plays column 1)", "q = 列玩家选第 1 列的概率"),
    "learn.game.nash.value": ("value v", "博弈值 v"),
    "learn.game.nash.row_best": ("row player's best against q", "行玩家对 q 的最好收益"),
    "learn.game.nash.col_best": ("column player's best against p", "列玩家对 p 的最小损失"),
    "learn.game.nash.br.0": ("row 1", "第 1 行"),
    "learn.game.nash.br.1": ("row 2", "第 2 行"),
    "learn.game.nash.br.either": ("either (indifferent)", "任意一个（无差别）"),
    "learn.game.nash.bc.0": ("column 1", "第 1 列"),
    "learn.game.nash.bc.1": ("column 2", "第 2 列"),
    "learn.game.nash.now": (
        "Against q = {q} the row player's best reply is **{row}** (it wins {row_best}); "
        "against p = {p} the column player's best reply is **{col}** (it loses {col_best}).",
        "面对 q = {q}，行玩家的最优反应是**{row}**（赢得 {row_best}）；面对 p = {p}，列玩家的最"
        "优反应是**{col}**（输掉 {col_best}）。"),
    "learn.game.nash.at_eq": (
        "Both best replies give the same payoff as (p, q) itself: this is the equilibrium, and "
        "E(p, q) = v = {v}.",
        "双方的最优反应与当前 (p, q) 的收益相同：这就是均衡点，E(p, q) = v = {v}。"),
    "learn.game.nash.off_eq": (
        "E(p, q) = {e}: at least one player gains by changing alone, so (p, q) is not an "
        "equilibrium. At (p\\*, q\\*) both best replies would give v = {v}.",
        "E(p, q) = {e}：至少有一方单独改变策略就能获益，所以 (p, q) 不是均衡。在 (p\\*, q\\*) "
        "处，双方的最优反应都等于 v = {v}。"),
    "learn.game.nash.saddle": (
        "This matrix has a **saddle point**: the entry {v} is the smallest in its row and the "
        "largest in its column, so both players play pure strategies: p\\* = {p}, q\\* = {q}.",
        "这个矩阵有**鞍点**：元素 {v} 是所在行的最小值、所在列的最大值，所以双方都用纯策略："
        "p\\* = {p}，q\\* = {q}。"),
    "learn.game.nash.mixed": (
        "No saddle point, so each player mixes to make the other indifferent: "
        "p\\* = {p}, q\\* = {q}, v = {v}. The linear programme of the minimax theorem gives the "
        "same: v = {v_lp}.",
        "没有鞍点，所以每一方都通过混合策略使对方无差别：p\\* = {p}，q\\* = {q}，v = {v}。极小"
        "极大定理对应的线性规划给出同样的结果：v = {v_lp}。"),
    "learn.game.nash.gan": (
        "**The GAN game is zero-sum too**: D wins V(G, D) and G loses it. D's best reply to any "
        "G is D\\* (first section); G's best reply to D\\* is p_g = p_data, where D\\* = ½ "
        "everywhere and V = 2 log ½ = {v_eq} = −log 4. There neither network gains by changing "
        "alone: the game's Nash equilibrium.",
        "**GAN 的博弈也是零和博弈**：D 赢得 V(G, D)，G 输掉同样的量。对任意 G，D 的最优反应是 "
        "D\\*（第一节）；对 D\\*，G 的最优反应是 p_g = p_data，此时处处 D\\* = ½，V = 2 log ½ = "
        "{v_eq} = −log 4。在那里任何一方单独改变都得不到好处：这就是博弈的纳什均衡。"),
    "learn.game.nash.gan_now": (
        "For the first section's p_g, V(G, D\\*) = {v_now}, {gap} above −log 4: G can still "
        "gain.",
        "对第一节的 p_g，V(G, D\\*) = {v_now}，比 −log 4 高 {gap}：G 还能继续改进。"),
    "learn.game.nash.gan_at": (
        "For the first section's p_g, V(G, D\\*) = {v_now} = −log 4: there p_g = p_data, the "
        "equilibrium.",
        "对第一节的 p_g，V(G, D\\*) = {v_now} = −log 4：此时 p_g = p_data，正处于均衡点。"),
    "learn.notes.prisoners": (
        "One note illustrates the Nash equilibrium with the prisoner's dilemma (confess or "
        "deny; payoffs −8, −8 / 0, −10 / −10, 0 / −1, −1). Its equilibrium is right: both "
        "confess (the only cell where each is a best reply: {eq}). But that game is **not** "
        "zero-sum: the two payoffs add up to {sums}, not to one constant, so one prisoner's gain "
        "is not the other's loss. The GAN game is zero-sum, one V that D maximises and G "
        "minimises, like the matrix game above.",
        "一份讲义用囚徒困境（坦白或抵赖；收益 −8, −8 / 0, −10 / −10, 0 / −1, −1）来说明纳什均衡。"
        "它的均衡是对的：双方都坦白（这是唯一一个双方都是最优反应的格子：{eq}）。但这个博弈**不是**"
        "零和博弈：两人的收益之和分别是 {sums}，不是同一个常数，一方的所得并不是另一方的所失。"
        "GAN 的博弈是零和博弈：只有一个 V，D 使它最大、G 使它最小，就像上面的矩阵博弈。"),
})

# ---- the GAN game: why G is updated sparingly --------------------------------------------------
_add({
    "learn.game.sparing.title": ("4. Why G takes small, rare steps", "4. 为什么 G 的更新要少而小"),
    "learn.game.sparing.text": (
        "Train D until it is optimal for the current generator G₀: D₀\\*. Then G takes one step "
        "to G₁, downhill on V(G, D₀\\*) with D₀\\* held fixed. But what G should make small is "
        "max_D V(G, D) = V(G, D\\*(G)) = −log 4 + 2 JS. After the step D₀\\* is stale: "
        "V(G₁, D₀\\*) ≤ V(G₁, D₁\\*) always, and a big step can lower the first while raising "
        "the second. The notes: the downhill of V(G₀, D₀\\*) may be the uphill of the objective, "
        "so D is updated k times for every G update. p_data and G's σ are those of the first "
        "section.",
        "先把 D 训练到对当前生成器 G₀ 最优：D₀\\*。然后 G 走一步到 G₁，方向是在固定 D₀\\* 时让 "
        "V(G, D₀\\*) 下降。但 G 真正要减小的是 max_D V(G, D) = V(G, D\\*(G)) = −log 4 + 2 JS。"
        "走完这一步，D₀\\* 已经过时：总有 V(G₁, D₀\\*) ≤ V(G₁, D₁\\*)，步子太大时前者下降，后者"
        "却可能上升。讲义的说法：V(G₀, D₀\\*) 的下坡可能是目标函数的上坡，所以每更新 k 次 D 才更新"
        "一次 G。p_data 和 G 的 σ 取自第一节。"),
    "learn.game.sparing.mu0": ("G₀'s mean μ₀", "G₀ 的均值 μ₀"),
    "learn.game.sparing.step": ("G's step |μ₁ − μ₀|", "G 的步长 |μ₁ − μ₀|"),
    "learn.game.sparing.helped": (
        "The step lowered V(·, D₀\\*) by {drop}, and the objective V(G₁, D₁\\*) by {gain}: "
        "it helped.",
        "这一步使 V(·, D₀\\*) 下降了 {drop}，目标 V(G₁, D₁\\*) 也下降了 {gain}：这一步有用。"),
    "learn.game.sparing.hurt": (
        "The step lowered V(·, D₀\\*) by {drop}, yet the objective V(G₁, D₁\\*) rose by {rise}: "
        "it judged G₁ with a D that was optimal only for G₀, and undid progress.",
        "这一步使 V(·, D₀\\*) 下降了 {drop}，但目标 V(G₁, D₁\\*) 反而上升了 {rise}：它用一个只"
        "对 G₀ 最优的 D 来评价 G₁，结果前功尽弃。"),
    "learn.game.sparing.limit": (
        "From this μ₀, steps up to {s} lower the objective; larger ones can raise it. Hence "
        "Algorithm 1: k steps of D (back to D\\* of the current G), then one modest step of G.",
        "从这个 μ₀ 出发，步长不超过 {s} 时目标下降；更大的步长可能使它上升。所以算法 1 是：先让 D "
        "走 k 步（回到当前 G 的 D\\*），再让 G 走一小步。"),
    "learn.game.sparing.no_limit": (
        "From this μ₀ every step up to {s} lowers the objective: move μ₀ closer to p_data, and "
        "a large step overshoots. Algorithm 1 plays safe: k steps of D (back to D\\* of the "
        "current G), then one modest step of G.",
        "从这个 μ₀ 出发，直到 {s} 的每个步长都能使目标下降：把 μ₀ 移近 p_data，大步长就会越过头。"
        "算法 1 采取稳妥的做法：先让 D 走 k 步（回到当前 G 的 D\\*），再让 G 走一小步。"),
})

# ---- sampling: leave-one-out and the stratified hold-out -----------------------------------------
_add({
    "learn.sampling.loo.title": ("5. Leave-one-out", "5. 留一法"),
    "learn.sampling.loo.text": (
        "**Leave-one-out** is k-fold cross-validation with k = m: every item is the test set "
        "once, so m models are trained, each on m − 1 items, as many as a split can leave. The "
        "notes: it suffers least from training on fewer items, but costs too much computation.",
        "**留一法**就是 k = m 的 k 折交叉验证：每个样本各当一次测试集，所以要训练 m 个模型，每个"
        "用 m − 1 个样本训练，训练集已尽可能大。讲义：它受训练样本规模变化的影响较小，但计算复杂度"
        "太高。"),
    "learn.sampling.strat.title": ("6. A stratified hold-out", "6. 分层留出法"),
    "learn.sampling.strat.text": (
        "The notes ask a split to keep the data's distribution; keeping each class's share in "
        "the test set is **stratified sampling**. A plain random hold-out keeps it only on "
        "average. Below, three random and three stratified hold-outs of one data set sorted by "
        "class (red = test, blue = training), then how the test set's share of class A spreads "
        "over all possible random hold-outs.",
        "讲义要求划分时尽量保持数据分布的一致性；在测试集中保持每一类的比例，就是**分层采样**。普通"
        "的随机留出只在平均意义上保持比例。下面是按类别排序的同一数据集的三次随机留出和三次分层留出"
        "（红色 = 测试，蓝色 = 训练），以及在所有可能的随机留出中，测试集里 A 类比例的分布。"),
    "learn.sampling.loo.m": ("items m", "样本数 m"),
    "learn.sampling.loo.share": ("share of class A", "A 类所占比例"),
    "learn.sampling.loo.row.random": ("random hold-out {i}", "随机留出 {i}"),
    "learn.sampling.loo.row.strat": ("stratified hold-out {i}", "分层留出 {i}"),
    "learn.sampling.loo.row.out": ("leave out {i}", "留出第 {i} 个"),
    "learn.sampling.loo.fits_k": ("models to train, {k}-fold", "{k} 折需训练的模型数"),
    "learn.sampling.loo.fits_loo": ("models to train, leave-one-out", "留一法需训练的模型数"),
    "learn.sampling.loo.sd_random": ("SD of the share, random", "比例的标准差，随机"),
    "learn.sampling.loo.sd_strat": ("SD of the share, stratified", "比例的标准差，分层"),
    "learn.sampling.loo.fits": (
        "Each of the {m} leave-one-out rows tests exactly one item and every item is tested "
        "once. For a data set of {big} images, leave-one-out would train {big} models: the notes' "
        "\"computationally too expensive\".",
        "留一法的 {m} 行里每行只测试一个样本，每个样本恰好被测试一次。对于一个有 {big} 张图像的"
        "数据集，留一法要训练 {big} 个模型：这就是讲义所说的“计算复杂度太高”。"),
    "learn.sampling.loo.shares": (
        "A random hold-out of {t} test items (share {frac} of the {m} above): its class-A share "
        "is hypergeometric, SD {sd} around {pi} ({sd_sim} over {reps} simulated draws), and "
        "{far} of draws miss {pi} by 10 percentage points or more. The stratified hold-out's "
        "share is {strat} on every draw.",
        "随机留出 {t} 个测试样本（即上面 {m} 个中的 {frac}）：测试集中 A 类的比例服从超几何分布，"
        "围绕 {pi} 的标准差为 {sd}（{reps} 次模拟抽取得到 {sd_sim}），有 {far} 的抽取偏离 {pi} "
        "达 10 个百分点或更多。分层留出的比例每次都是 {strat}。"),
})

# ---- sampling: image sampling and aliasing -----------------------------------------------------
_add({
    "learn.sampling.alias.title": ("7. Image sampling and aliasing", "7. 图像采样与混叠"),
    "learn.sampling.alias.text": (
        "The notes: image sampling reads the brightness of a continuous image at chosen points "
        "and keeps those values in its place. With f_s samples per unit, a pattern of frequency "
        "f looks exactly like one of frequency |f − k·f_s| for every whole k; the samples show "
        "the one at or below f_s/2 (the Nyquist frequency). Above Nyquist a slow, false pattern "
        "appears: **aliasing**. Blurring before sampling removes what cannot be sampled instead "
        "of faking it.",
        "讲义：图像采样就是在连续图像的一些位置上取出亮度值，用这些值代替原图像。每单位取 f_s 个"
        "采样点时，频率为 f 的图案和频率为 |f − k·f_s|（k 为任意整数）的图案在采样点上完全一样；"
        "采样点呈现的是不超过 f_s/2（奈奎斯特频率）的那一个。高于奈奎斯特频率时会出现缓慢的虚假图"
        "案：这就是**混叠**。采样前先模糊，能把无法采样的细节去掉，而不是把它伪造成别的图案。"),
    "learn.sampling.alias.f": ("pattern frequency f (cycles per unit)",
                               "图案频率 f（每单位周期数）"),
    "learn.sampling.alias.fs": ("sampling rate f_s (samples per unit)",
                                "采样率 f_s（每单位采样点数）"),
    "learn.sampling.alias.nyquist": ("Nyquist f_s/2", "奈奎斯特频率 f_s/2"),
    "learn.sampling.alias.peak": ("spectrum peak of the samples", "采样值频谱的峰值"),
    "learn.sampling.alias.amp": ("its amplitude: plain / blurred first",
                                 "其幅度：直接采样 / 先模糊"),
    "learn.sampling.alias.below": (
        "f = {f} is below Nyquist ({nyq}): the samples show f itself.",
        "f = {f} 低于奈奎斯特频率（{nyq}）：采样点呈现的就是 f 本身。"),
    "learn.sampling.alias.above": (
        "f = {f} is above Nyquist ({nyq}): the samples show |f − {k}·f_s| = {fa}, a false "
        "pattern (the largest peak of their spectrum is at {peak}). Blurred first (Gaussian, "
        "σ = {c}/f_s, which keeps a share exp(−2π²σ²f²) = {gain} of frequency f), its amplitude "
        "drops from {amp} to {amp_blur}.",
        "f = {f} 高于奈奎斯特频率（{nyq}）：采样点呈现的是 |f − {k}·f_s| = {fa}，一个虚假的图案"
        "（其频谱的最大峰值在 {peak}）。先模糊（高斯模糊，σ = {c}/f_s，频率 f 只保留 "
        "exp(−2π²σ²f²) = {gain}），其幅度从 {amp} 降到 {amp_blur}。"),
    "learn.sampling.alias.zone": (
        "A zone plate (1 + cos(πK r²))/2 with K = {K}: its local frequency K·r grows with the "
        "radius r, so it holds every frequency up to {fmax}. Sampled at f_s = {fs}, the rings "
        "inside the dashed circle r = f_s/(2K) = {r} are true; outside it, false rings appear. "
        "Blurred first, the part that cannot be sampled becomes an even grey.",
        "波带片图案 (1 + cos(πK r²))/2，K = {K}：它的局部频率 K·r 随半径 r 增大，包含直到 {fmax} "
        "的所有频率。以 f_s = {fs} 采样时，虚线圆 r = f_s/(2K) = {r} 以内的圆环是真实的；圆外出现"
        "虚假的圆环。先模糊再采样，无法采样的部分变成均匀的灰色。"),
})

# ---- evaluating: why a histogram JS fails in many dimensions ----------------------------------
_add({
    "learn.eval.hist.title": ("4. Why not compute JS from histograms? A learned distance instead",
                              "4. 为什么不用直方图计算 JS？改用学习得到的距离"),
    "learn.eval.hist.text": (
        "The notes' \"neural distance\": in one dimension, cut the axis into intervals, count each "
        "sample's share of each interval and compare the two histograms with JS. An image of "
        "784 pixels is a point in 784 dimensions; even two intervals per pixel make "
        "2^784 = 10^{cells784} cells. With a few thousand points almost every cell holds one "
        "point or none, the two histograms share no cell, and JS comes out near its maximum "
        "log 2 even for two samples of **one** distribution. A classifier D trained to tell the "
        "samples apart measures instead: for any D, "
        "JS ≥ log 2 + ½ E_p[log D] + ½ E_q[log(1 − D)], with equality at D\\*, the GAN's "
        "discriminator. Here the two samples are n points of N(0, I_d) and of N(μ, I_d), "
        "whose true JS is the same in every dimension.",
        "讲义中的“神经距离”：在一维情形下，把坐标轴分成若干区间，统计每组样本落在各区间的比例，"
        "再用 JS 比较两个直方图。一张 784 像素的图像是 784 维空间中的一个点；即使每个像素只分两个"
        "区间，也有 2^784 = 10^{cells784} 个格子。只有几千个点时，几乎每个格子里只有一个点或没"
        "有点，两个直方图没有共同的格子，即使两组样本来自**同一个**分布，JS 也接近其最大值 "
        "log 2。改用一个训练来区分两组样本的分类器 D：对任意 D，"
        "JS ≥ log 2 + ½ E_p[log D] + ½ E_q[log(1 − D)]，"
        "在 D\\*（即 GAN 的判别器）处取等号。这里两组样本分别是 N(0, I_d) 和 N(μ, I_d) 的 n 个点，"
        "它们的真实 JS 在任何维数下都相同。"),
    "learn.eval.hist.n": ("points per sample n", "每组样本的点数 n"),
    "learn.eval.hist.b": ("bins per axis b", "每个坐标轴的区间数 b"),
    "learn.eval.hist.shift": ("shift |μ| between the two", "两个分布之间的平移 |μ|"),
    "learn.eval.hist.d": ("dimension d", "维数 d"),
    "learn.eval.hist.cells": ("cells b^d", "格子数 b^d"),
    "learn.eval.hist.shared": ("cells holding both samples", "两组样本共有的格子数"),
    "learn.eval.hist.plugin": ("histogram JS", "直方图 JS"),
    "learn.eval.hist.clf": ("classifier's bound", "分类器下界"),
    "learn.eval.hist.acc": ("held-out accuracy", "留出集准确率"),
    "learn.eval.hist.p": ("p-value", "p 值"),
    "learn.eval.hist.read": (
        "In d = {d} with b = {b}: 10^{cells} cells for {n2} points, {shared} of them holding "
        "points of both samples, so the histogram JS is {plug} (log 2 = {log2}); the true JS is "
        "{true} and the classifier's bound {clf}. The classifier is linear, the form of D\\* for "
        "two Gaussians of one covariance: its direction from one third of each sample, its scale "
        "fitted by logistic regression on the second third, the bound measured on the last "
        "third. It is a lower bound up to sampling noise, and in high dimension with few points "
        "it sees less of a real difference, but it never calls two samples of one distribution "
        "far apart.",
        "在 d = {d}、b = {b} 时：{n2} 个点面对 10^{cells} 个格子，其中只有 {shared} 个格子同时含有"
        "两组样本的点，所以直方图 JS 为 {plug}（log 2 = {log2}）；真实 JS 为 {true}，分类器下界为 "
        "{clf}。这里的分类器是线性的，这正是两个协方差相同的高斯分布的 D\\* 的形式：方向由每组样本"
        "的前三分之一估计，尺度在第二个三分之一上用逻辑回归拟合，下界在最后三分之一上计算。除去抽样"
        "误差，它是一个下界；在高维、点数少时它看到的真实差异会变少，但它绝不会把同一分布的两组样"
        "本说成相距很远。"),
    "learn.eval.hist.test": (
        "**A two-sample test.** Is D right more often than chance on points it never saw? If "
        "both samples come from one distribution (the null hypothesis H₀: p_data = p_g), the "
        "number it gets right out of {nt} is binomial, B({nt}, ½); it got {acc} right, a p-value "
        "of {p}. The notes' analogy: the generator argues for H₀, the discriminator for "
        "H₁: p_data ≠ p_g. Rejecting H₀ when it is true (calling real-looking samples fake) is "
        "a type I error; accepting it when it is false, a type II error.",
        "**双样本检验。** D 在从未见过的点上是否比随机猜测更准？如果两组样本来自同一个分布（原假设 "
        "H₀：p_data = p_g），那么在 {nt} 个点中它答对的个数服从二项分布 B({nt}, ½)；它答对了 "
        "{acc}，p 值为 {p}。讲义的类比：生成器支持原假设 H₀，判别器支持备择假设 H₁：p_data ≠ p_g。"
        "原假设为真时拒绝它（把逼真的样本判为假）是第一类错误；原假设为假时接受它，是第二类错误。"),
})
