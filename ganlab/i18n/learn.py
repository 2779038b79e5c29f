"""Strings of the Learn pages (app_pages/learn_*.py) and their figures (ganlab/viz/theory.py).

Keys start with `learn.`; math notation is identical in both languages.
"""

from functools import partial

from ganlab.i18n.pairs import add

STRINGS: dict[str, dict[str, str]] = {}
_add = partial(add, STRINGS, "learn.")


# ---- shared: presets footer ----------------------------------------------------------------------
_add({
    "presets.title": ("Try it in the Playground", "在实验场里试一试"),
    "presets.intro": (
        "Each button opens the Playground with settings that reproduce what this page explains, "
        "on a real GAN.",
        "每个按钮都会带着一组设置打开实验场，让你在真实的 GAN 上重现本页讲的现象。"),
    "presets.no_playground": (
        "The Playground page is not available in this build. The same run from a terminal:",
        "当前版本还没有实验场页面。在终端里可以这样运行同样的实验："),
    "preset.collapse_grid25_minimax": (
        "Mode collapse: grid25, minimax loss",
        "模式坍塌：grid25 + minimax 损失"),
    "preset.collapse_grid25_minimax.what": (
        "25 modes, the original saturating loss, and G learning {g_lr_ratio}× faster than D on "
        "small networks: watch the generator settle on a few modes.",
        "25 个模式，原始的饱和损失，小网络上 G 的学习率是 D 的 {g_lr_ratio} 倍："
        "看生成器如何只停留在少数几个模式上。"),
    "preset.vanishing_saturating": (
        "Vanishing gradient: saturating loss, strong D",
        "梯度消失：饱和损失 + 强判别器"),
    "preset.vanishing_saturating.what": (
        "D gets {d_steps} updates per G update at {lr_ratio}× G's learning rate; with "
        "log(1 − D(G(z))) the generator stalls.",
        "每更新一次 G，D 以 G 的 {lr_ratio} 倍学习率更新 {d_steps} 次；"
        "使用 log(1 − D(G(z))) 时生成器几乎不动。"),
    "preset.nonsaturating_fix": ("The fix: non-saturating loss", "解决办法：非饱和损失"),
    "preset.nonsaturating_fix.what": (
        "The vanishing-gradient preset with only the loss changed: G minimises −log D(G(z)), "
        "whose gradient is largest exactly when D wins; at iteration 150 G's gradient is at "
        "least 100× the saturating loss's.",
        "与梯度消失预设只差在损失上：G 最小化 −log D(G(z))，恰恰在 D 占上风时梯度最大；"
        "第 150 次迭代时 G 的梯度至少是饱和损失的 100 倍。"),
    "preset.wgan_gp_fix": ("WGAN-GP on grid25", "grid25 上的 WGAN-GP"),
    "preset.wgan_gp_fix.what": (
        "A critic with a gradient penalty (λ = {gp_weight}, {d_steps} critic update per G "
        "update) on the 25-mode grid.",
        "带梯度惩罚（λ = {gp_weight}）的评价网络（每步 G 对应 {d_steps} 步评价网络），"
        "目标是 25 个模式的网格。"),
    "preset.wgan_clip": ("WGAN with weight clipping", "权重裁剪的 WGAN"),
    "preset.wgan_clip.what": (
        "The original WGAN: weights clipped to ±{clip}, RMSProp at learning rate {lr_d}, "
        "{d_steps} critic updates per G update. Every critic weight stays within ±{clip}, and "
        "the critic's −L_D stays at least 1,000× below the exact W1 between G's samples and "
        "the data: clipping leaves the critic K-Lipschitz for some K far below 1, so −L_D "
        "estimates K·W1, not W1.",
        "原始 WGAN：权重裁剪到 ±{clip}，使用学习率为 {lr_d} 的 RMSProp，"
        "每步 G 对应 {d_steps} 步评价网络。评价网络的每个权重都保持在 ±{clip} 以内，而它的 −L_D "
        "始终比生成样本与数据之间的精确 W1 小至少 1,000 倍：裁剪使评价网络满足 K-利普希茨条件，"
        "其中 K 远小于 1，所以 −L_D 估计的是 K·W1，而不是 W1。"),
    "preset.many_d_steps": ("Many D steps per G step", "每步 G 训练多步 D"),
    "preset.many_d_steps.what": (
        "k = {d_steps} discriminator updates per generator update with the minimax loss: D "
        "wins: by iteration 40, D(G(z)) is below 0.05, where k = 1 keeps it above 0.25.",
        "极小极大损失下每次生成器更新前判别器更新 k = {d_steps} 次：判别器占了上风：到第 40 次"
        "迭代，D(G(z)) 已低于 0.05，而 k = 1 时它保持在 0.25 以上。"),
    "preset.unbalanced_lr": ("Unbalanced learning rates", "不平衡的学习率"),
    "preset.unbalanced_lr.what": (
        "lr_D = {lr_ratio} × lr_G: the discriminator races ahead of the generator: after 50 "
        "iterations L_D < 0.01, while G's samples stay at least 1.5× as far from the ring's "
        "modes as with lr_G = lr_D.",
        "lr_D = {lr_ratio} × lr_G：判别器远远跑在生成器前面：50 次迭代后 L_D < 0.01，"
        "而生成器的样本离圆环各峰的距离至少是 lr_G = lr_D 时的 1.5 倍。"),
    "preset.gaussians1d_dstar": ("1D: two Gaussians", "一维：两个高斯分布"),
    "preset.gaussians1d_dstar.what": (
        "A real GAN on a 1D two-mode target, trained by Algorithm 1 ({d_steps} D updates per G "
        "update): watch its D(x) track D*(x) (their mean gap stays under 0.05 from iteration "
        "1,000 on) and flatten towards 1/2.",
        "在一维双峰目标上按算法 1（每次更新 G 前更新 D {d_steps} 次）训练真实的 GAN：观察 D(x) "
        "如何跟随 D*(x)（从第 1,000 次迭代起两者差距的均值低于 0.05），并逐渐变平趋向 1/2。"),
    "preset.small_batch": ("Small minibatches ({batch_size})", "小批量（{batch_size}）"),
    "preset.small_batch.what": (
        "Every minibatch is a simple random sample: with {batch_size} points, D's minibatch "
        "gradient at fixed weights scatters √32 ≈ 5.66× as much as with 512 (within 15%), as "
        "1/√n predicts.",
        "每个小批量都是一次简单随机抽样：只有 {batch_size} 个点时，在固定权重下 D 的小批量梯度的"
        "离散程度是 512 个点时的 √32 ≈ 5.66 倍（误差在 15% 以内），正如 1/√n 所预言。"),
    "preset.large_batch": ("Large minibatches ({batch_size})", "大批量（{batch_size}）"),
    "preset.large_batch.what": (
        "{batch_size} points per minibatch: the sampling error of each step shrinks like 1/√n: "
        "D's minibatch gradient at fixed weights scatters √32 ≈ 5.66× less than with 16 points "
        "(within 15%).",
        "每个小批量 {batch_size} 个点：每一步的抽样误差按 1/√n 缩小：在固定权重下，D 的小批量梯度"
        "的离散程度只有 16 个点时的 √32 ≈ 5.66 分之一（误差在 15% 以内）。"),
    "preset.moons_baseline": ("A GAN on moons", "在 moons 上训练 GAN"),
    "preset.moons_baseline.what": (
        "One of the CycleGAN domains, learnt from noise by an ordinary GAN: after 1,500 "
        "iterations G's samples lie on the moons (mean distance under 0.1; the data's own noise "
        "gives 0.04), with at least 35% of them within 0.15 of each moon.",
        "CycleGAN 的一个数据域，由普通 GAN 从噪声中学出来：1,500 次迭代后，G 的样本落在两个半月"
        "上（平均距离小于 0.1；数据自身的噪声约为 0.04），且每个半月附近（距离 0.15 以内）都至少有 "
        "35% 的样本。"),
})

# ---- shared figure labels ------------------------------------------------------------------------
_add({
    "fig.drawn": ("drawn", "被抽中"),
    "fig.not_drawn": ("not drawn", "未抽中"),
    "fig.stratum": ("stratum {h}", "第 {h} 层"),
    "fig.cluster_axis": ("clusters (columns), grouped by stratum", "群（每列一个），按层分组"),
    "fig.true_mean": ("population mean Ȳ", "总体均值 Ȳ"),
    "fig.estimate": ("estimate of Ȳ", "Ȳ 的估计值"),
    "fig.item": ("item", "样本编号"),
    "fig.simulated": ("simulated (±3 SE)", "模拟值（±3 倍标准误）"),
    "fig.never_drawn_share": ("share never drawn", "从未被抽中的比例"),
    "fig.probability": ("probability", "概率"),
    "fig.density": ("density", "概率密度"),
    "fig.kl_infinite": ("KL = ∞ from here on (off the chart)", "从这里起 KL = ∞（超出图表）"),
    "fig.kl_off_chart": (
        "KL > {cap} from here on (off the chart)",
        "从这里起 KL > {cap}（超出图表）"),
    "fig.grad_sat_curve": ("saturating: |∂L/∂a| = D", "饱和：|∂L/∂a| = D"),
    "fig.grad_ns_curve": ("non-saturating: |∂L/∂a| = 1 − D", "非饱和：|∂L/∂a| = 1 − D"),
    "fig.shift": ("shift between the two distributions", "两个分布之间的平移量"),
    "fig.nats": ("nats", "奈特"),
    "fig.forward_title": ("forward KL(p‖q): mode covering", "前向 KL(p‖q)：模式覆盖"),
    "fig.reverse_title": ("reverse KL(q‖p): mode seeking", "反向 KL(q‖p)：模式寻求"),
    "fig.sample_size": ("number of samples n", "样本数 n"),
    "fig.loss_title": ("generator loss", "生成器损失"),
    "fig.grad_title": ("gradient size w.r.t. D's logit a", "对 D 的 logit a 的梯度大小"),
    "fig.saturating": ("saturating log(1 − D)", "饱和 log(1 − D)"),
    "fig.nonsaturating": ("non-saturating −log D", "非饱和 −log D"),
    "fig.critic": ("critic f(x)", "评价网络 f(x)"),
    "fig.iteration": ("iteration", "迭代次数"),
    "fig.panel_x": ("domain X and F(y)", "域 X 与 F(y)"),
    "fig.panel_y": ("domain Y and G(x)", "域 Y 与 G(x)"),
    "fig.panel_cycle": ("x → F(G(x))", "x → F(G(x))"),
    "fig.class": ("class y", "类别 y"),
    "fig.classes_used": ("classes the generator produces (m)", "生成器产生的类别数 (m)"),
})

# ---- classroom mode ------------------------------------------------------------------------------
_add({
    "classroom": ("Classroom mode", "课堂模式"),
    "classroom.help": ("Large type for a projector, no sidebar, one section per screen "
                       "(the link keeps it: ?classroom=1).",
                       "适合投影的大字号，隐藏侧边栏，每屏一节（链接会保留该模式：?classroom=1）。"),
    "classroom.prev": ("Previous", "上一节"),
    "classroom.next": ("Next", "下一节"),
    "classroom.exit": ("Leave classroom mode", "退出课堂模式"),
})

# ---- "the notes vs this page": where the lecture notes use another convention or slip ------------
_add({
    "notes.title": ("The notes vs this page.", "讲义与本页对照："),
    "notes.systematic": (
        "The notes' example (1,200 students, a sample of 50, every 24th number from 18) ends "
        "\"18, 42, 66, …, 982, 1002\". Starting at 18 with step 24, the 50th number is "
        "18 + 24 × 49 = {last}; 1002 is only the 42nd, and 982 is not in the sequence (its 41st "
        "number is {n41}).",
        "讲义中的例子（1200 名学生，样本量 50，从 18 号起每隔 24 个取一个）写的是“18, 42, 66, …, "
        "982, 1002”。从 18 开始、间隔 24，第 50 个号码是 18 + 24 × 49 = {last}；1002 只是第 42 个，"
        "而 982 根本不在这个序列里（第 41 个是 {n41}）。"),
    "notes.js_bits": (
        "One lecture note says JS is bounded by [0, 1]. That holds with logarithms to base 2 "
        "(bits). This page uses natural logarithms (nats), so its ceiling is log 2 ≈ 0.6931. The "
        "JS above: {nats} nats = {bits} bits.",
        "一份讲义说 JS 散度的取值范围是 [0, 1]。这只在以 2 为底取对数（单位为比特）时成立。本页用的"
        "是自然对数（单位为奈特），上限是 log 2 ≈ 0.6931。上面的 JS：{nats} 奈特 = {bits} 比特。"),
    "notes.js_symmetrised": (
        "Another note defines \"JS\" as ½ KL(p‖q) + ½ KL(q‖p). That is the symmetrised KL, not the "
        "Jensen–Shannon divergence, which measures each distribution against their average "
        "M = (p + q)/2 and never exceeds log 2. For the p and q above: symmetrised KL = {skl}, "
        "JS = {js}.",
        "另一份讲义把“JS 散度”写成 ½ KL(p‖q) + ½ KL(q‖p)。这是对称化的 KL 散度，不是 JS 散度；"
        "JS 散度是用两者的平均分布 M = (p + q)/2 作比较，且永远不超过 log 2。对上面的 p 和 q："
        "对称化 KL = {skl}，JS = {js}。"),
    "notes.concave": (
        "One note calls y ↦ a log y + b log(1 − y) a convex function. It is concave: its second "
        "derivative −a/y² − b/(1 − y)² is negative (−8 at y = ½ for a = b = 1), which is why its "
        "one stationary point y = a/(a + b) is a maximum: the D*(x) drawn above.",
        "一份讲义说函数 y ↦ a log y + b log(1 − y) 是“凸函数”。它其实是凹函数：二阶导数 −a/y² − "
        "b/(1 − y)² 处处为负（a = b = 1 时在 y = ½ 处为 −8），所以它唯一的驻点 y = a/(a + b) 是最大"
        "值点，也就是上图画出的 D*(x)。"),
    "notes.v_zero": (
        "The same note says that when D separates real from fake perfectly, E[log D(x)] and V as a "
        "whole tend to 1. They tend to 0: log D(x) → log 1 = 0 and log(1 − D(G(z))) → 0, and V ≤ 0 "
        "always. With D = 0.999 on real and 0.001 on generated samples, V = 2 log 0.999 = {v}.",
        "同一份讲义说，D 能完美区分真假时 E[log D(x)] 以及整个 V 都趋近于 1。实际上它们趋近于 0："
        "log D(x) → log 1 = 0，log(1 − D(G(z))) → 0，而且 V 永远 ≤ 0。若 D 对真实样本输出 0.999、"
        "对生成样本输出 0.001，则 V = 2 log 0.999 = {v}。"),
    "notes.clipping": (
        "One note labels the step φ ← clip(φ, −c, c) of WGAN's algorithm 梯度截断 (gradient "
        "clipping). It clips the critic's weights φ, not its gradients: it is weight clipping "
        "(权重裁剪). The notes take c = 0.01; this page's c is {c}.",
        "一份讲义把 WGAN 算法中的 φ ← clip(φ, −c, c) 一步标为“梯度截断”。它截断的是评价网络的参数"
        "（权重）φ，而不是梯度：应称为“权重裁剪”。讲义取 c = 0.01；本页当前 c = {c}。"),
})

# ---- sampling ------------------------------------------------------------------------------------
_add({
    "sampling.title": ("Sampling: learning about a whole from a part", "采样：由部分认识整体"),
    "sampling.intro": (
        "A GAN never sees its target distribution, only samples of it; every minibatch is a "
        "sample, and so is every test set. Here you draw samples from a population you can see in "
        "full, and check how well each way of sampling recovers the population mean.",
        "GAN 从来看不到目标分布本身，只能看到从中抽出的样本：每个小批量是一次抽样，每个测试集也是。"
        "这里的总体你能完整看到，你可以从中抽样，检验每种抽样方式估计总体均值的准确程度。"),
    "sampling.pop.title": (
        "1. One population, four ways to sample it",
        "1. 一个总体，四种抽样方式"),
    "sampling.pop.text": (
        "400 items in 4 **strata** (A–D, e.g. school years) whose values differ on average; each "
        "stratum comes in **clusters** of 10 items (e.g. classrooms) that resemble each other. "
        "Colour shows each item's value y; we want the mean Ȳ.",
        "400 个个体分属 4 个**层**（A–D，比如不同年级），各层的平均值不同；每层又分成若干个 10 人的"
        "**群**（比如班级），同一群里的个体彼此相似。颜色表示每个个体的取值 y，我们要估计的是均值 "
        "Ȳ。"),
    "sampling.within_sd": ("spread inside a cluster", "群内差异"),
    "sampling.cluster_sd": ("spread between clusters", "群间差异"),
    "sampling.order": ("list order", "排列顺序"),
    "sampling.order.grouped": ("by stratum", "按层排列"),
    "sampling.order.random": ("shuffled", "随机打乱"),
    "sampling.method": ("sampling method", "抽样方法"),
    "sampling.method.simple_random": ("simple random", "简单随机抽样"),
    "sampling.method.systematic": ("systematic", "系统抽样"),
    "sampling.method.stratified": ("stratified", "分层抽样"),
    "sampling.method.cluster": ("cluster", "整群抽样"),
    "sampling.method.simple_random.how": (
        "n distinct items, every set of n items equally likely (like drawing lots).",
        "抽取 n 个不同个体，任意 n 个个体组成的集合被抽中的可能性都相同（如抽签）。"),
    "sampling.method.systematic.how": (
        "Step k = N/n: pick a random start in the first k items, then take every k-th item.",
        "间隔 k = N/n：在前 k 个个体中随机选一个起点，之后每隔 k 个取一个。"),
    "sampling.method.stratified.how": (
        "n_h ≈ n·N_h/N items at random inside each stratum; estimate Σ W_h ȳ_h.",
        "在每一层内随机抽取 n_h ≈ n·N_h/N 个个体；估计量为 Σ W_h ȳ_h。"),
    "sampling.method.cluster.how": (
        "Pick whole clusters at random (n/10 of them) and take every item inside.",
        "随机抽取整个群（共 n/10 个），群内个体全部入样。"),
    "sampling.n": ("sample size n", "样本量 n"),
    "sampling.redraw": ("Draw again", "重新抽样"),
    "sampling.pop_mean": ("population mean Ȳ", "总体均值 Ȳ"),
    "sampling.this_estimate": ("this sample's estimate", "本次样本的估计值"),
    "sampling.items_drawn": ("items drawn", "入样个体数"),
    "sampling.exact_sd": ("exact SD of the estimate", "估计量的精确标准差"),
    "sampling.repeat.title": ("2. Repeat it many times", "2. 重复很多次"),
    "sampling.repeat.text": (
        "One estimate can be lucky or unlucky. Drawing thousands of samples shows each method's "
        "spread. All four are unbiased; which one is most precise depends on the population and on "
        "the order of the list, so read it off the table. The simulated spread matches the exact "
        "formula (last column).",
        "单次估计可能碰巧准，也可能碰巧不准。重复抽取几千次，就能看出每种方法的波动大小。四种方法都是无偏的；"
        "哪一种最精确取决于总体本身和名单的排列顺序，请以表中的数字为准。模拟得到的标准差与精确公式（最后一列）一致。"),
    "sampling.ranking": (
        "**At these settings, from most to least precise** (exact SD): {order}.",
        "**当前设置下，精确程度从高到低**（精确标准差）：{order}。"),
    "sampling.systematic.grouped": (
        "The list is sorted by stratum, so systematic sampling is **implicitly stratified**: "
        "taking every k-th item walks through each stratum in turn and draws from it in "
        "proportion, spread evenly inside it. That is why it competes with stratified sampling: "
        "here its SD is {sys}, stratified {strat}, simple random {srs}. Shuffle the list and it "
        "loses this advantage.",
        "名单按层排列，所以系统抽样**隐含了分层**：每隔 k 个取一个，会依次走过每一层，并按比例、均"
        "匀地从层内抽取。因此它能与分层抽样一较高下：这里它的标准差为 {sys}，分层抽样为 {strat}，简"
        "单随机抽样为 {srs}。把名单随机打乱，这个优势就消失了。"),
    "sampling.systematic.random": (
        "The list is shuffled, so every k-th item is as good as a simple random sample (SD {sys} "
        "vs {srs}); stratified sampling keeps its advantage because it uses the strata directly "
        "(SD {strat}).",
        "名单已随机打乱，每隔 k 个取一个就和简单随机抽样差不多（标准差 {sys} 对 {srs}）；"
        "分层抽样直接利用了层的信息，所以仍保持优势（标准差 {strat}）。"),
    "sampling.reps": ("repetitions", "重复次数"),
    "sampling.col.method": ("method", "方法"),
    "sampling.col.mean": ("mean of estimates", "估计值的均值"),
    "sampling.col.sd_sim": ("SD (simulated)", "标准差（模拟）"),
    "sampling.col.sd_exact": ("SD (formula)", "标准差（公式）"),
    "sampling.formulas": ("The formulas", "公式"),
    "sampling.formulas.text": (
        "S² is the population variance (N − 1 in the denominator), S_h² the same inside stratum h, "
        "S_c² the variance of the K cluster means, m the number of clusters drawn. Systematic "
        "sampling has no simple formula: its variance is computed exactly by going through every "
        "possible start.",
        "S² 是总体方差（分母为 N − 1），S_h² 是第 h 层内的方差，S_c² 是 K 个群均值之间的方差，m 是"
        "抽中的群数。系统抽样没有简单公式：它的方差通过枚举所有可能的起点精确算出。"),
    "sampling.splits.title": (
        "3. Splitting data: hold-out, k-fold, bootstrap",
        "3. 划分数据：留出法、k 折交叉验证、自助法"),
    "sampling.splits.text": (
        "To estimate how well a model generalises we test it on items it did not train on. "
        "**Hold-out** sets aside one test part. **k-fold** cuts the data into k parts and tests on "
        "each in turn. The **bootstrap** trains on m draws *with replacement* and tests on the "
        "items that were never drawn.",
        "要估计模型的泛化能力，就要在它没有训练过的个体上测试。**留出法**直接留出一部分作测试集；"
        "**k 折交叉验证**把数据分成 k 份，轮流用其中一份测试；**自助法**有放回地抽取 m 次作为训练"
        "集，用从未被抽中的个体作测试集。"),
    "sampling.m_items": ("data set size m", "数据集大小 m"),
    "sampling.test_fraction": ("hold-out test share", "留出法测试集比例"),
    "sampling.row.holdout": ("hold-out", "留出法"),
    "sampling.row.fold": ("fold {f}", "第 {f} 折"),
    "sampling.row.bootstrap": ("bootstrap", "自助法"),
    "sampling.splits.legend": (
        "One convention in every row: **red = test item**, blue = training item. In the bootstrap "
        "row the blue darkens with the number of times an item was drawn (1, 2, 3 or more); its "
        "red items, never drawn, are its test set.",
        "每一行用同一套颜色：**红色 = 测试个体**，蓝色 = 训练个体。自助法一行中，蓝色越深表示该个体"
        "被抽中的次数越多（1 次、2 次、3 次及以上）；其中红色的个体从未被抽中，就是它的测试集。"),
    "sampling.oob_this": ("never drawn in this bootstrap", "本次自助法中从未抽中"),
    "sampling.oob_expected": ("expected share (1 − 1/m)^m", "期望比例 (1 − 1/m)^m"),
    "sampling.e.title": ("4. Why about 36.8% is left out", "4. 为什么约有 36.8% 被留下"),
    "sampling.e.text": (
        "Each draw misses a given item with probability 1 − 1/m, so m independent draws all miss "
        "it with probability (1 − 1/m)^m, which approaches 1/e as m grows.",
        "每一次抽取错过某个给定个体的概率是 1 − 1/m，m 次独立抽取全部错过它的概率就是 (1 − 1/m)^m，"
        "m 越大越接近 1/e。"),
    "sampling.m_boot": ("data set size m", "数据集大小 m"),
    "sampling.boot_reps": ("bootstraps simulated", "模拟的自助抽样次数"),
    "sampling.simulated_share": ("simulated share never drawn", "模拟得到的未抽中比例"),
    "sampling.se_help": ("standard error of this average: {se}", "该平均值的标准误：{se}"),
})

# ---- information measures ------------------------------------------------------------------------
_add({
    "info.title": ("Measuring the gap between two distributions", "度量两个分布之间的差距"),
    "info.intro": (
        "A generator is good when its distribution q is close to the data distribution p. But "
        "\"close\" can be measured in several ways, and the choice decides whether training gets a "
        "useful signal. All numbers here are in nats (natural logarithm).",
        "生成器的好坏取决于它的分布 q 与数据分布 p 有多接近。但“接近”有好几种度量方式，选哪一种决定"
        "了训练能否得到有用的信号。本页所有数值都以奈特 (nats，自然对数) 为单位。"),
    "info.discrete.title": ("1. Edit two distributions", "1. 编辑两个分布"),
    "info.discrete.text": (
        "Set the weights of p and q on five outcomes (they are normalised to sum to 1) and watch "
        "every measure update.",
        "设置 p 和 q 在五个取值上的权重（会自动归一化，使总和为 1），观察各个度量如何变化。"),
    "info.all_zero": ("Give at least one outcome a positive weight in both p and q.",
                      "p 和 q 都至少要有一个取值的权重大于 0。"),
    "info.h.help": (
        "Entropy: the average surprise −log p(x). 0 for a certain outcome, largest (log 5) when "
        "all five are equally likely.",
        "熵：平均“意外程度” −log p(x)。结果确定时为 0，五个取值等可能时最大（log 5）。"),
    "info.ce.help": (
        "Cross-entropy: the average surprise when outcomes follow p but you expected q. "
        "Classifiers minimise it.",
        "交叉熵：结果服从 p、而你按 q 来预期时的平均意外程度。分类器训练时最小化的就是它。"),
    "info.max_h.help": (
        "The largest possible entropy on five outcomes.",
        "五个取值时熵的最大可能值。"),
    "info.kl.help": (
        "KL divergence: the extra surprise of using q in place of p. ≥ 0, = 0 only when p = q, not "
        "symmetric.",
        "KL 散度：用 q 代替 p 时多出来的意外程度。≥ 0，仅当 p = q 时为 0，且不对称。"),
    "info.js.help": (
        "Jensen–Shannon divergence: KL of each to their average M. Symmetric and never above log 2 "
        "≈ 0.693.",
        "JS 散度：p、q 各自到平均分布 M 的 KL 的平均。它是对称的，且永远不超过 log 2 ≈ 0.693。"),
    "info.w1.help": (
        "Wasserstein-1 (earth mover's) distance: the least work to move the mass of p onto q, mass "
        "× distance.",
        "Wasserstein-1（推土机）距离：把 p 的质量搬成 q 所需的最少功，功 = 质量 × 距离。"),
    "info.check": (
        "Check: H(p) + KL(p‖q) = {h} + {kl} = H(p, q) = {ce}. Minimising cross-entropy in q is "
        "minimising KL(p‖q), because H(p) does not depend on q.",
        "验证：H(p) + KL(p‖q) = {h} + {kl} = H(p, q) = {ce}。对 q 最小化交叉熵就是最小化 KL(p‖q)，"
        "因为 H(p) 与 q 无关。"),
    "info.inf_note": (
        "A KL is infinite: one distribution gives probability 0 to an outcome the other one can "
        "produce. JS and W₁ stay finite.",
        "出现了无穷大的 KL：一个分布给某个取值的概率为 0，而另一个分布却可能产生这个取值。JS 和 W₁ "
        "仍然有限。"),
    "info.asym_note": (
        "KL(p‖q) ≠ KL(q‖p): KL is a divergence, not a distance.",
        "KL(p‖q) ≠ KL(q‖p)：KL 是散度，不是距离。"),
    "info.slide.title": ("2. Slide them apart: why WGAN", "2. 把两个分布拉开：为什么要用 WGAN"),
    "info.slide.text": (
        "q is a copy of p shifted to the right. Move the slider and compare how the three measures "
        "react once the two no longer overlap.",
        "q 是把 p 向右平移得到的。拖动滑块，比较两者不再重叠之后三个度量各自的反应。"),
    "info.shape": ("shape", "形状"),
    "info.shape.uniform": ("uniform", "均匀分布"),
    "info.shape.gaussian": ("narrow Gaussian", "窄高斯分布"),
    "info.width.uniform": ("width w", "宽度 w"),
    "info.width.gaussian": ("standard deviation s", "标准差 s"),
    "info.shift": ("shift", "平移量"),
    "info.overlap": ("shared mass ∫min(p, q)", "重叠质量 ∫min(p, q)"),
    "info.js_of_log2": ("{share} of its ceiling log 2", "已达到上限 log 2 的 {share}"),
    "info.slide.closed.uniform": (
        "Closed forms for uniforms of width w: KL = ∞ for every shift > 0 (q is 0 on part of p's "
        "support); JS = min(shift, w)/w · log 2, flat at log 2 once shift ≥ w; W₁ = shift.",
        "宽度为 w 的均匀分布的解析结果：只要平移量 > 0，KL = ∞（q 在 p 的部分支撑集上为 0）；"
        "JS = min(平移量, w)/w · log 2，平移量 ≥ w 后固定在 log 2；W₁ = 平移量。"),
    "info.slide.closed.gaussian": (
        "Closed forms for Gaussians with sd s: KL = shift²/(2s²), finite but exploding "
        "quadratically; JS creeps up to log 2 and stops moving; W₁ = shift.",
        "标准差为 s 的高斯分布的解析结果：KL = 平移量²/(2s²)，有限但按平方爆炸式增长；"
        "JS 逐渐逼近 log 2 然后不再变化；W₁ = 平移量。"),
    "info.why_wgan": (
        "**Why this matters for GANs.** With the best discriminator, the original GAN minimises "
        "JS. When the generated and real distributions do not overlap — common early in training, "
        "and typical for data on thin manifolds in high dimension — JS is stuck at log 2 wherever "
        "the generator is, so its gradient is 0: nothing tells the generator which way to move. W₁ "
        "keeps growing with the distance, so its gradient always points towards the data. That is "
        "the Wasserstein GAN.",
        "**这对 GAN 意味着什么。** 在最优判别器下，原始 GAN 最小化的是 JS 散度。当生成分布与真实分"
        "布没有重叠时（训练初期很常见，高维空间里分布在低维流形上的数据更是如此），无论生成器在哪"
        "里，JS 都停在 log 2，梯度为 0：没有任何信号告诉生成器该往哪边走。W₁ 则随距离持续增长，"
        "它的梯度始终指向数据。这就是 Wasserstein GAN 的出发点。"),
})

# ---- maximum likelihood --------------------------------------------------------------------------
_add({
    "mle.title": ("Maximum likelihood, KL, and mode collapse", "最大似然、KL 与模式坍塌"),
    "mle.intro": (
        "Fitting a model by maximum likelihood means making the data as probable as possible under "
        "it. With many samples this is the same as minimising the forward KL(p‖q) from the data p "
        "to the model q. Here the model is deliberately too simple — one Gaussian — and the data "
        "has two modes, so the direction of the KL decides what kind of mistake the fit makes.",
        "用最大似然拟合模型，就是让数据在模型下出现的概率尽可能大。样本足够多时，这等价于最小化"
        "从数据 p 到模型 q 的前向 KL(p‖q)。这里故意让模型过于简单（只有一个高斯分布），而数据有两个"
        "峰，于是 KL 的方向决定了拟合会犯哪一种错误。"),
    "mle.fit.title": (
        "2. One Gaussian, two modes, two directions of KL",
        "2. 一个高斯分布、两个峰、两个方向的 KL"),
    "mle.fit.text": (
        "Left: q minimises KL(p‖q), which is infinite if q misses any region where p has mass, so "
        "q stretches over both modes (and puts mass in the empty gap). Right: q minimises KL(q‖p), "
        "which is huge if q puts mass where p has none, so q hides inside one mode and ignores the "
        "other.",
        "左图：q 最小化 KL(p‖q)。只要 q 漏掉 p 有质量的区域，这个值就会变成无穷大，所以 q 会铺开覆"
        "盖两个峰（连中间的空隙也分到了质量）。右图：q 最小化 KL(q‖p)。只要 q 把质量放到 p 没有质量"
        "的地方，这个值就会非常大，所以 q 躲进一个峰里，对另一个峰视而不见。"),
    "mle.separation": ("distance between the modes", "两峰间距"),
    "mle.weight": ("weight of the left mode w", "左峰权重 w"),
    "mle.sigma": ("width of each mode s", "每个峰的宽度 s"),
    "mle.forward.head": (
        "**Forward KL — mode covering** (maximum likelihood)",
        "**前向 KL：模式覆盖**（最大似然）"),
    "mle.reverse.head": ("**Reverse KL — mode seeking**", "**反向 KL：模式寻求**"),
    "mle.forward.check": (
        "Closed form: moment matching, μ = E_p[x] = {mean}, σ = sd_p[x] = {sd}.",
        "解析解：矩匹配，μ = E_p[x] = {mean}，σ = sd_p[x] = {sd}。"),
    "mle.reverse.check": (
        "No closed form (found numerically). With modes far apart, sitting on the left mode gives "
        "KL(q‖p) → −log w = {lw}, on the right mode −log(1 − w) = {rw}.",
        "没有解析解（数值求解）。两峰相距较远时，q 停在左峰上 KL(q‖p) → −log w = {lw}，"
        "停在右峰上则为 −log(1 − w) = {rw}。"),
    "mle.optima": (
        "Where the reverse-KL search ends from each start",
        "反向 KL 从各个起点出发的收敛位置"),
    "mle.optima.text": (
        "Reverse KL has several local minima, one per well-separated mode: where the search starts "
        "decides which mode it finds. (From the moment-matched start it can stop at the symmetric "
        "saddle point between the modes.)",
        "反向 KL 有多个局部极小值，每个分得足够开的峰对应一个：从哪里开始搜索，决定了最终找到哪个"
        "峰。（从矩匹配的起点出发时，它可能停在两峰之间对称的鞍点上。）"),
    "mle.col.start": ("start", "起点"),
    "mle.mu_fwd": ("μ (forward)", "μ（前向）"),
    "mle.sigma_fwd": ("σ (forward)", "σ（前向）"),
    "mle.mu_rev": ("μ (reverse)", "μ（反向）"),
    "mle.sigma_rev": ("σ (reverse)", "σ（反向）"),
    "mle.gan_link": (
        "**The link to GANs.** A GAN does not maximise likelihood. Against the optimal "
        "discriminator D*, the generator's practical (non-saturating) loss works out to the "
        "reverse KL minus twice the JS (identity below). JS is bounded by log 2, so the reverse KL "
        "dominates: like the right panel, the generator is pushed to produce safe samples from the "
        "modes it already covers, and is hardly punished for missing others. That is one root of "
        "**mode collapse**.",
        "**与 GAN 的联系。** GAN 并不最大化似然。在最优判别器 D* 下，生成器实际使用的（非饱和）损失"
        "可以化为反向 KL 减去两倍 JS（见下式）。JS 不超过 log 2，所以起主导作用的是反向 KL：就像右"
        "图一样，生成器被推着在已经覆盖的峰里生成“安全”的样本，而漏掉其它峰几乎不受惩罚。这正是**模"
        "式坍塌**的根源之一。"),
    "mle.samples.title": ("3. Maximum likelihood from samples", "3. 从样本做最大似然"),
    "mle.samples.text": (
        "In practice p is known only through samples x¹…xⁿ. The Gaussian maximising their "
        "likelihood has the sample mean μ̂ₙ and standard deviation σ̂ₙ; as n grows they converge to "
        "the forward-KL fit above.",
        "实际中 p 只能通过样本 x¹…xⁿ 了解。使这些样本似然最大的高斯分布，其均值和标准差就是样本均"
        "值 μ̂ₙ 和样本标准差 σ̂ₙ；随着 n 增大，它们收敛到上面前向 KL 的拟合结果。"),
    "mle.n": ("number of samples n", "样本数 n"),
    "mle.seed": ("seed", "随机种子"),
})

# ---- the GAN game --------------------------------------------------------------------------------
_add({
    "game.title": ("The GAN game", "GAN 的博弈"),
    "game.intro": (
        "Two networks play against each other. The discriminator D outputs the probability that x "
        "is real and wants V high; the generator G turns noise z into samples and wants V low. "
        "Here both distributions are 1D and known exactly, so every quantity of the theory can be "
        "computed and checked.",
        "两个网络相互对抗。判别器 D 输出 x 为真实样本的概率，希望 V 越大越好；生成器 G 把噪声 z 变"
        "成样本，希望 V 越小越好。这里两个分布都是一维的并且完全已知，所以理论中的每个量都可以精确"
        "计算并相互验证。"),
    "game.dstar.title": (
        "1. The best discriminator, and what G then minimises",
        "1. 最优判别器，以及此时 G 在最小化什么"),
    "game.dstar.text": (
        "For a fixed G, V is an integral over x of p_data·log D + p_g·log(1 − D); maximising it "
        "point by point gives D\\*. Substituting D\\* back turns the game into minimising the "
        "Jensen–Shannon divergence. Move p_g and see: D\\* = 1/2 where the two densities are "
        "equal, and V(G, D\\*) reaches its minimum −log 4 only when p_g = p_data.",
        "G 固定时，V 是 p_data·log D + p_g·log(1 − D) 对 x 的积分；逐点求最大值就得到 D\\*。把 "
        "D\\* 代回去，博弈就变成了最小化 JS 散度。移动 p_g 观察：两个密度相等的地方 D\\* = 1/2；只"
        "有当 p_g = p_data 时，V(G, D\\*) 才取到最小值 −log 4。"),
    "game.pdata": ("**p_data**: two Gaussians", "**p_data**：两个高斯分布的混合"),
    "game.pg": ("**p_g**: the generator, one Gaussian", "**p_g**：生成器，一个高斯分布"),
    "game.sep": ("distance between the data modes", "数据两峰间距"),
    "game.w": ("weight of the left mode", "左峰权重"),
    "game.s": ("width of each mode", "每个峰的宽度"),
    "game.js.help": ("Jensen–Shannon divergence, by numerical integration on a grid.",
                     "JS 散度，在网格上数值积分得到。"),
    "game.direct.help": ("∫ p_data log D* + p_g log(1 − D*) dx, integrated directly.",
                         "直接积分 ∫ p_data log D* + p_g log(1 − D*) dx 得到。"),
    "game.via_js.help": ("The same number through the identity: it must agree with V(G, D*).",
                         "通过恒等式算出的同一个数：它必须与 V(G, D*) 一致。"),
    "game.mean_d.help": ("How real D* thinks the generated samples are, on average.",
                         "D* 平均认为生成样本有多“真”。"),
    "game.curve.caption": (
        "V(G, D*) as p_g slides along x (σ_g fixed). Far from the data it is flat at 0 = −log 4 + "
        "2 log 2: there, moving G a little changes nothing — the vanishing gradient of the JS "
        "objective.",
        "p_g 沿 x 轴移动（σ_g 固定）时 V(G, D*) 的变化。远离数据时它平坦地停在 0 = −log 4 + 2 log "
        "2：在那里稍微移动 G 不会带来任何变化，这就是 JS 目标的梯度消失。"),
    "game.loss.title": ("2. Why the generator's loss was changed", "2. 为什么要改生成器的损失"),
    "game.loss.text": (
        "G only sees D through D(G(z)) = σ(a), where a is D's logit. Early in training fakes are "
        "easy to spot, so D(G(z)) ≈ 0. Both losses below want D(G(z)) to rise, but look at their "
        "gradients there.",
        "G 只能通过 D(G(z)) = σ(a) 感知 D，其中 a 是 D 的 logit。训练初期假样本很容易识别，所以 "
        "D(G(z)) ≈ 0。下面两种损失都希望 D(G(z)) 变大，但请看它们在那里的梯度。"),
    "game.sat_name": (
        "Saturating loss (the original minimax game)",
        "饱和损失（原始的极小极大博弈）"),
    "game.ns_name": (
        "Non-saturating loss (\"label the fakes as real\")",
        "非饱和损失（“把假样本标记为真”）"),
    "game.d_slider": ("log₁₀ D(G(z))", "log₁₀ D(G(z))"),
    "game.d_slider.help": ("How convinced D is that a fake is real (log scale).",
                           "D 认为假样本为真的程度（对数刻度）。"),
    "game.grad_sat": ("|gradient|, saturating", "梯度大小（饱和）"),
    "game.grad_ns": ("|gradient|, non-saturating", "梯度大小（非饱和）"),
    "game.loss.now": (
        "With the p_g above and the best D, the average D*(G(z)) is {mean_d}: the saturating loss "
        "gives G an average gradient of {sat} per sample, the non-saturating one {ns}.",
        "按上面设置的 p_g 和最优判别器，D*(G(z)) 的平均值为 {mean_d}：饱和损失给 G 的平均梯度大小"
        "为 {sat}，非饱和损失为 {ns}。"),
    "game.loss.takeaway": (
        "**Takeaway.** log(1 − D) saturates: its gradient −D vanishes exactly when G is doing "
        "badly. −log D has the same fixed points but a gradient −(1 − D) that is largest there. "
        "That is why practical GANs train G with −log D(G(z)) (\"label the fakes as real\").",
        "**结论。** log(1 − D) 会饱和：恰恰在 G 表现很差时，它的梯度 −D 消失了。−log D 的不动点相"
        "同，但梯度 −(1 − D) 在那里最大。所以实际的 GAN 用 −log D(G(z)) 训练 G（即“把假样本标记为"
        "真”）。"),
})

# ---- WGAN ----------------------------------------------------------------------------------------
_add({
    "wgan.title": ("WGAN: a critic that measures distance", "WGAN：用评价网络度量距离"),
    "wgan.intro": (
        "The Wasserstein GAN replaces the discriminator's probability with a **critic** f: a "
        "network with a plain real-valued output that scores real samples high and generated ones "
        "low. Its best score gap is the earth mover's distance W₁ — but only if f is kept "
        "1-Lipschitz, i.e. its slope never exceeds 1.",
        "Wasserstein GAN 用一个**评价网络** f 代替判别器输出的概率：它的输出就是一个实数，给真实样"
        "本打高分，给生成样本打低分。它能达到的最大分差就是推土机距离 W₁，但前提是 f 必须是 "
        "1-Lipschitz 的，即斜率处处不超过 1。"),
    "wgan.dual": (
        "Without the slope limit the critic could make the gap as large as it likes. The two ways "
        "to enforce it are compared below, on two 1D Gaussians of equal width, where W₁ = |μ_r − "
        "μ_g|.",
        "如果不限制斜率，评价网络可以把分差拉到任意大。下面在两个等宽的一维高斯分布上比较两种施加约束的方法，"
        "此时 W₁ = |μ_r − μ_g|。"),
    "wgan.train.title": ("Train a critic", "训练一个评价网络"),
    "wgan.constraint": ("Lipschitz constraint", "Lipschitz 约束"),
    "wgan.constraint.clip": ("weight clipping", "权重裁剪"),
    "wgan.constraint.gp": ("gradient penalty", "梯度惩罚"),
    "wgan.constraint.none": ("none", "不加约束"),
    "wgan.clip": ("clip weights to ±c", "权重裁剪到 ±c"),
    "wgan.none.note": ("No constraint: watch the gap run away.", "不加约束：看分差如何失控。"),
    "wgan.steps": ("training steps", "训练步数"),
    "wgan.training": ("Training the critic…", "正在训练评价网络……"),
    "wgan.true_w1": ("true W₁", "真实 W₁"),
    "wgan.true_w1.help": ("∫|F_r − F_g| dx; for equal widths exactly |μ_r − μ_g|.",
                          "∫|F_r − F_g| dx；两个高斯分布等宽时恰好等于 |μ_r − μ_g|。"),
    "wgan.gap": ("critic gap", "评价网络分差"),
    "wgan.gap.hel"
    "p": ("E_r f − E_g f = ∫ f (p_r − p_g) dx for the trained critic: its estimate of W₁.",
                      "训练好的评价网络的 E_r f − E_g f = ∫ f (p_r − p_g) dx：它对 W₁ 的估计。"),
    "wgan.K": ("max slope K", "最大斜率 K"),
    "wgan.K.hel"
    "p": ("The largest |f′(x)| on the plotted range: the critic's Lipschitz constant there.",
                    "图中范围内 |f′(x)| 的最大值：评价网络在该范围内的 Lipschitz 常数。"),
    "wgan.lower": ("gap / K", "分差 / K"),
    "wgan.lower.help": (
        "A K-Lipschitz f has gap ≤ K·W₁, so gap/K is a guaranteed lower bound on W₁.",
        "K-Lipschitz 的 f 满足 分差 ≤ K·W₁，所以 分差/K 一定是 W₁ 的下界。"),
    "wgan.explain.clip": (
        "**Weight clipping** keeps every weight in [−c, c]. That bounds the slope — here by "
        "c·(64c)² = {bound} for c = {c} — but not at 1: the gap measures K·W₁ with an unknown K, "
        "and the critic tends to push all weights to ±c, which wastes its capacity. Small c: tiny "
        "slopes and vanishing gradients; large c: slow, unstable training.",
        "**权重裁剪**把每个权重都限制在 [−c, c] 内。这样斜率有上界（这里 c = {c} 时上界为 c·(64c)² "
        "= {bound}），但这个上界不是 1：分差衡量的是 K·W₁，K 未知；而且评价网络往往把所有权重推到 "
        "±c，浪费了表达能力。c 太小：斜率很小，梯度消失；c 太大：训练缓慢且不稳定。"),
    "wgan.explain.gp": (
        "**Gradient penalty** adds λ·E[(|f′(x̂)| − 1)²] at random points x̂ between real and fake "
        "samples, so the slope is pulled to 1 where it matters, and the gap itself estimates W₁. "
        "The penalty is soft: the critic trades a little slope excess for a larger gap, roughly "
        "|f′| ≈ 1 + W₁/(2λ) = 1 + {over} here (λ = {lam}).",
        "**梯度惩罚**在真实样本与生成样本之间的随机点 x̂ 上加入 λ·E[(|f′(x̂)| − 1)²]，把关键区域的斜"
        "率拉向 1，于是分差本身就是 W₁ 的估计。这个惩罚是“软”的：评价网络会用一点超出的斜率换取更大"
        "的分差，大约 |f′| ≈ 1 + W₁/(2λ)，这里为 1 + {over}（λ = {lam}）。"),
    "wgan.explain.none": (
        "**No constraint**: the supremum is infinite, so the critic's slope and gap keep growing "
        "with training — the number says nothing about the distance.",
        "**不加约束**：上确界是无穷大，所以评价网络的斜率和分差随训练不断增长，这个数字与距离毫无关系。"),
    "wgan.history": ("The gap during training", "训练过程中的分差"),
    "wgan.compare": (
        "Compare the three constraints (c = 0.05, λ = 10)",
        "比较三种约束（c = 0.05，λ = 10）"),
    "wgan.compare.caption": (
        "Same data, same steps. Only the gradient penalty's gap is close to W₁ itself; clipping's "
        "needs dividing by its K; no constraint means no distance at all.",
        "相同的数据、相同的步数。只有梯度惩罚的分差接近 W₁ 本身；权重裁剪的分差需要除以它的 K；"
        "不加约束则完全不是距离。"),
})

# ---- CycleGAN ------------------------------------------------------------------------------------
_add({
    "cycle.title": ("CycleGAN: translating between two domains", "CycleGAN：在两个域之间转换"),
    "cycle.intro": (
        "CycleGAN learns to translate between two collections — horses and zebras, summer and "
        "winter — without any matched pairs. Here the two domains are 2D point clouds, small "
        "enough to train both mappings and both discriminators live on a CPU.",
        "CycleGAN 能在两个数据集合之间学习转换（马与斑马、夏天与冬天），而不需要任何一一配对的样"
        "本。这里的两个域是二维点云，足够小，可以在 CPU 上实时训练两个映射和两个判别器。"),
    "cycle.losses": (
        "G: X → Y and F: Y → X are two generators; D_Y judges whether a point looks like Y, D_X "
        "whether it looks like X (least-squares losses, as in CycleGAN). The adversarial terms "
        "only ask G(x) to *look like* some y — any shuffling would do. The cycle term, weighted by "
        "λ, asks that translating there and back returns the starting point.",
        "G: X → Y 和 F: Y → X 是两个生成器；D_Y 判断一个点像不像 Y，D_X 判断像不像 X（与 CycleGAN "
        "一样使用最小二乘损失）。对抗项只要求 G(x) **看起来像** 某个 y，任意打乱对应关系都可以满"
        "足。由 λ 加权的循环项则要求转换过去再转换回来时回到出发点。"),
    "cycle.domain_x": ("domain X", "域 X"),
    "cycle.domain_y": ("domain Y", "域 Y"),
    "cycle.domain.moons": ("two moons", "双月形"),
    "cycle.domain.circles": ("two circles", "同心双圆"),
    "cycle.domain.blobs": ("three blobs", "三个团簇"),
    "cycle.domain.spiral": ("spiral", "螺旋"),
    "cycle.domain.line": ("diagonal line", "对角线段"),
    "cycle.domain.ring": ("one circle", "单圆"),
    "cycle.steps": ("training iterations", "训练迭代次数"),
    "cycle.seed": ("seed", "随机种子"),
    "cycle.training": (
        "Training two generators and two discriminators…",
        "正在训练两个生成器和两个判别器……"),
    "cycle.rec.hel"
    "p": ("Mean L1 distance between x and its round trip F(G(x)), on 512 fixed points.",
                       "x 与往返结果 F(G(x)) 之间的平均 L1 距离，在 512 个固定点上计算。"),
    "cycle.adv_g": ("adversarial loss of G", "G 的对抗损失"),
    "cycle.adv_f": ("adversarial loss of F", "F 的对抗损失"),
    "cycle.loss_axis": ("loss (log scale)", "损失（对数刻度）"),
    "cycle.read": (
        "**How to read it.** Left: real X (blue) and the translations F(y) (green) — they should "
        "cover the same shape. Middle: real Y and G(x). Right: each line joins a point x to its "
        "round trip F(G(x)); short lines mean the two mappings invert each other.",
        "**怎么看这张图。** 左：真实的 X（蓝）与转换结果 F(y)（绿），两者应覆盖同一个形状。中：真实"
        "的 Y 与 G(x)。右：每条线连接一个点 x 与它往返后的 F(G(x))；线越短，说明两个映射越接近互"
        "逆。"),
    "cycle.compare": ("Also train the same model with λ = 0", "同时训练一个 λ = 0 的模型作对比"),
    "cycle.rec_lam": ("round-trip error, λ = {lam}", "往返误差，λ = {lam}"),
    "cycle.shape_lam": ("distance of G(x) to Y, λ = {lam}", "G(x) 到 Y 的距离，λ = {lam}"),
    "cycle.shape.hel"
    "p": ("Mean distance from each G(x) to the nearest real y: 0 when G(x) lies on Y's shape.",
                         "每个 G(x) 到最近真实 y 的平均距离：G(x) 完全落在 Y 的形状上时为 0。"),
    "cycle.compare.same": (
        "λ is 0 above too: pick a λ > 0 to compare.",
        "上面的 λ 也是 0：选一个 λ > 0 再对比。"),
    "cycle.compare.rec_worse": (
        "Without the cycle term nothing ties G(x) to x, and here the round trip misses: error {e0} "
        "at λ = 0 against {e} at λ = {lam}.",
        "没有循环项，就没有任何东西把 G(x) 与 x 联系起来；这里往返确实偏离了：λ = 0 时误差为 {e0}，"
        "λ = {lam} 时为 {e}。"),
    "cycle.compare.rec_similar": (
        "Here the round trip happens to come back about as well without the cycle term (error {e0} "
        "at λ = 0, {e} at λ = {lam}): nothing forces it, try another seed or pair of domains.",
        "这里即使没有循环项，往返也碰巧回到了差不多的位置（λ = 0 时误差 {e0}，λ = {lam} 时 {e}）："
        "但没有任何约束保证这一点，换一个随机种子或一对数据域试试。"),
    "cycle.compare.shape_worse": (
        "The shape suffered too: G(x) lies {d0} from Y on average at λ = 0, {d} at λ = {lam}, so "
        "here the cycle term also steadied the adversarial training.",
        "形状也变差了：λ = 0 时 G(x) 到 Y 的平均距离为 {d0}，λ = {lam} 时为 {d}；可见这里循环项还稳"
        "定了对抗训练。"),
    "cycle.compare.shape_similar": (
        "The adversarial terms alone still give about the right shape (G(x) lies {d0} from Y on "
        "average at λ = 0, {d} at λ = {lam}): they ask only that G(x) look like Y.",
        "仅靠对抗项，形状仍大致正确（λ = 0 时 G(x) 到 Y 的平均距离为 {d0}，λ = {lam} 时为 {d}）：对"
        "抗项只要求 G(x) 看起来像 Y。"),
})

# ---- evaluating GANs -----------------------------------------------------------------------------
_add({
    "eval.title": (
        "Evaluating GANs: the Inception Score and its blind spots",
        "评估 GAN：Inception Score 及其盲区"),
    "eval.intro": (
        "A GAN has no likelihood to report, so its samples are judged by a classifier instead. The "
        "Inception Score feeds each generated sample x to a classifier and asks two things: is "
        "each sample clearly one class (p(y|x) peaked), and are all classes produced (p(y) flat)?",
        "GAN 无法给出似然值，所以只能借助分类器来评判它生成的样本。Inception Score 把每个生成样本 "
        "x 交给分类器，看两件事：每个样本是否明确属于某一类（p(y|x) 尖锐），以及所有类别是否都被生"
        "成了（p(y) 平坦）。"),
    "eval.formula.title": (
        "1. The formula, on class probabilities you control",
        "1. 公式：用你可控的类别概率来计算"),
    "eval.formula.text": (
        "Imagine a classifier with K classes. The generator's samples fall evenly into m of them, "
        "and the classifier gives each sample probability c for its class.",
        "设想一个有 K 个类别的分类器。生成的样本平均分布在其中 m 个类别里，分类器给每个样本所属类别"
        "的概率为 c。"),
    "eval.K": ("classes K", "类别数 K"),
    "eval.m": ("classes generated m", "生成的类别数 m"),
    "eval.conf": ("classifier confidence c", "分类器置信度 c"),
    "eval.div.help": ("Diversity: the effective number of classes in the marginal p(y).",
                      "多样性：边缘分布 p(y) 中的有效类别数。"),
    "eval.conf.hel"
    "p": ("Blur: the effective number of classes per sample; 1 when the classifier is certain.",
                       "模糊程度：每个样本的有效类别数；分类器完全确定时为 1。"),
    "eval.formula.check": (
        "IS = exp H(p(y)) / exp E H(p(y|x)). With c = 1 it equals m exactly: K when every class is "
        "generated, 1 when all samples fall into one class. It always lies between 1 and K.",
        "IS = exp H(p(y)) / exp E H(p(y|x))。当 c = 1 时它恰好等于 m：所有类别都被生成时为 K，所有"
        "样本都落在同一类时为 1。它总是介于 1 和 K 之间。"),
    "eval.grid.title": ("2. Four generators on grid25", "2. grid25 上的四个生成器"),
    "eval.grid.text": (
        "On the 25-mode grid the ideal classifier is the posterior probability of each mode. "
        "Compare the Inception Score with the coverage metrics used in the Playground (a sample is "
        "high quality within 3 std of a mode; a mode is covered with at least 10% of its expected "
        "share).",
        "在 25 个模式的网格上，理想的分类器就是每个模式的后验概率。把 Inception Score 与实验场使用"
        "的覆盖度指标对比一下（距某个模式 3 倍标准差以内的样本算高质量样本；某个模式拥有至少 10% 的"
        "期望份额即算被覆盖）。"),
    "eval.n_modes": ("modes kept by the collapsed generator", "坍塌生成器保留的模式数"),
    "eval.spread": ("spread of the blurry generator (× std)", "模糊生成器的扩散程度（× 标准差）"),
    "eval.gen.perfect": ("perfect", "完美"),
    "eval.gen.collapsed": ("collapsed", "坍塌"),
    "eval.gen.copies": ("exact copies", "精确复制"),
    "eval.gen.blurry": ("blurry", "模糊"),
    "eval.col.gen": ("generator", "生成器"),
    "eval.col.covered": ("modes covered", "覆盖的模式数"),
    "eval.col.hq": ("high-quality samples", "高质量样本比例"),
    "eval.is_of": ("IS, {name}", "IS（{name}）"),
    "eval.grid.read": (
        "The collapsed generator's IS drops to about the number of modes it kept — IS does see "
        "collapse *across* classes. But the generator that outputs only the exact mode centres, "
        "with no variety at all inside a mode, scores as high as the perfect one: IS cannot see "
        "collapse *within* a class. Blur lowers IS only once the classifier starts to hesitate.",
        "坍塌生成器的 IS 降到大约等于它保留的模式数，说明 IS 能察觉**类别之间**的坍塌。但只输出各模"
        "式中心点、模式内部毫无变化的生成器，得分和完美生成器一样高：IS 看不到**类别内部**的坍塌。"
        "模糊只有在分类器开始犹豫时才会拉低 IS。"),
    "eval.flaws.title": ("Known flaws of the Inception Score", "Inception Score 的已知缺陷"),
    "eval.flaws": (
        "- It never compares with real data: a high score does not mean the samples look real.\n"
        "- It cannot see variety inside a class, nor memorisation of the training set "
        "(overfitting).\n"
        "- It depends on the classifier: a slightly different network, or one trained on other "
        "data, gives different numbers; it is only meaningful when the classifier fits the data "
        "set.\n"
        "- It is estimated from finitely many samples: the number of samples and of splits change "
        "it.\n"
        "- Optimising it directly produces adversarial examples for the classifier, not better "
        "images.",
        "- 它从不与真实数据比较：分数高并不代表样本看起来真实。\n"
        "- 它看不到类别内部的多样性，也发现不了对训练集的记忆（过拟合）。\n"
        "- 它依赖分类器：网络稍有不同、或在别的数据上训练，得到的数值就不同；只有分类器与数据集匹配"
        "时才有意义。\n"
        "- 它由有限个样本估计：样本数和划分份数都会改变结果。\n"
        "- 直接以它为优化目标只会产生针对分类器的对抗样本，而不是更好的图像。"),
})

# ---- evaluating GANs: real images through the small digits classifier ----------------------------
_add({
    "eval.img.title": (
        "3. Real images: digits seen by a small classifier",
        "3. 真实图像：小分类器眼中的手写数字"),
    "eval.img.text": (
        "Now the same scores on images: sklearn's 8×8 handwritten digits, ten classes. The "
        "classifier is **not** Inception — it is the small CNN the Playground uses for its image "
        "metrics, trained on the digits' training split. So we call its IS the **classifier "
        "score**, and the Fréchet distance between real and generated images in its 64-dimensional "
        "feature layer the **Fréchet classifier distance (FCD)**, the analogue of FID. Beside "
        "them: classes covered, and precision and recall (does every sample look like some real "
        "image; is every real image near some sample). Instead of a trained GAN, each "
        "\"generator\" below is a recipe built from real digits, so we know exactly what it does "
        "wrong. Every generator gives as many samples as the held-out split has images.",
        "现在把同样的分数用在图像上：sklearn 自带的 8×8 手写数字，共十类。这里的分类器**不是** "
        "Inception，而是实验场计算图像指标时用的那个小型 CNN，在数字数据的训练集上训练。因此我们把"
        "它算出的 IS 称为**分类器分数**；把真实图像与生成图像在它 64 维特征层中的 Fréchet 距离称为 "
        "**Fréchet 分类器距离（FCD）**，对应 FID。此外还有覆盖的类别数，以及精确率和召回率（每个样"
        "本是否都像某张真实图像；每张真实图像附近是否都有样本）。下面的“生成器”并不是训练出来的 "
        "GAN，而是用真实数字按配方拼出来的，所以我们确切知道它错在哪里。每个生成器给出的样本数都与"
        "留出集的图像数相同。"),
    "eval.img.training": ("Training the digits classifier (first use only, about 15 s):",
                          "正在训练数字分类器（仅首次使用，约 15 秒）："),
    "eval.img.clf": (
        "Classifier: a small CNN trained on {n} digits; {acc} accuracy on the {n_held} held-out "
        "digits it never saw.",
        "分类器：在 {n} 张数字图像上训练的小型 CNN；在它从未见过的 {n_held} 张留出图像上准确率为 "
        "{acc}。"),
    "eval.img.k": ("classes kept, k", "保留的类别数 k"),
    "eval.img.m": ("distinct images copied, m", "被复制的不同图像数 m"),
    "eval.img.noise": ("noise std", "噪声标准差"),
    "eval.img.blur": ("blur", "模糊程度"),
    "eval.img.choose": ("Put beside the real digits:", "与真实数字并排比较的生成器："),
    "eval.img.gen.real": ("real digits (good)", "真实数字（好的生成器）"),
    "eval.img.gen.classes": ("only {k} of 10 classes", "只生成 10 类中的 {k} 类"),
    "eval.img.gen.copies": ("copies of {m} image(s)", "{m} 张图像的复制品"),
    "eval.img.gen.noisy": ("noisy and blurred", "加噪且模糊"),
    "eval.img.gen.memorised": ("memorised training images", "背下来的训练图像"),
    "eval.img.what.real": (
        "Held-out digits, never used to train the classifier: what a perfect generator would give.",
        "留出的数字图像，从未用于训练分类器：相当于一个完美生成器的输出。"),
    "eval.img.what.classes": (
        "Real held-out digits of classes 0 … k−1 only, drawn again and again: collapse across "
        "classes.",
        "只取 0 … k−1 这几类的留出图像，反复抽取：类别之间的坍塌。"),
    "eval.img.what.copies": (
        "The same m images, one of each class 0 … m−1, repeated: collapse inside each class. "
        "With m = 10 every class is present, yet there is no variety at all.",
        "同样的 m 张图像（0 … m−1 每类一张）反复出现：类别内部的坍塌。m = 10 时每个类别都有，却毫无"
        "多样性。"),
    "eval.img.what.noisy": (
        "Held-out digits, blurred (mixed with a 3×3 average) and with Gaussian noise added: poor "
        "quality, full variety.",
        "留出的数字图像，先模糊（与 3×3 邻域平均混合）再加高斯噪声：质量差，但多样性完整。"),
    "eval.img.what.memorised": (
        "Images copied from the training set: a generator that memorised its data instead of "
        "learning to generate.",
        "直接从训练集复制的图像：生成器只是背下了数据，而没有学会生成。"),
    "eval.img.score": ("classifier score", "分类器分数"),
    "eval.img.score.hel"
    "p": ("The Inception Score formula with our digits classifier: between 1 and 10.",
                            "用我们的数字分类器代入 Inception Score 公式：介于 1 和 10 之间。"),
    "eval.img.covered": ("classes covered", "覆盖的类别数"),
    "eval.img.covered.help": (
        "Classes holding at least 10% of their fair share of confidently classified samples "
        "(p(y|x) ≥ 0.8).",
        "被分类器高置信度（p(y|x) ≥ 0.8）判入的样本数达到其应得份额 10% 以上的类别数。"),
    "eval.img.fcd.help": (
        "Fréchet classifier distance: ‖μ_r − μ_g‖² + Tr(Σ_r + Σ_g − 2(Σ_r Σ_g)^½) between "
        "Gaussians fitted to real and generated features. Lower is better; compares with real "
        "data, unlike the score.",
        "Fréchet 分类器距离：对真实特征和生成特征各拟合一个高斯分布，计算 ‖μ_r − μ_g‖² + Tr(Σ_r + "
        "Σ_g − 2(Σ_r Σ_g)^½)。越低越好；与分类器分数不同，它会和真实数据比较。"),
    "eval.img.precision": ("precision", "精确率"),
    "eval.img.recall": ("recall", "召回率"),
    "eval.img.pr.help": (
        "In the classifier's feature space, each set is a union of balls reaching every point's "
        "3rd nearest neighbour. Precision: share of samples inside the real set (quality). Recall: "
        "share of real images inside the generated set (variety).",
        "在分类器的特征空间里，每组点都用以各点为中心、半径到第 3 近邻的球的并集来表示。精确率：落"
        "在真实集合内的样本比例（质量）。召回率：落在生成集合内的真实图像比例（多样性）。"),
    "eval.img.memo": ("memorisation ratio", "记忆比"),
    "eval.img.memo.help": (
        "Mean pixel distance from a sample to its nearest training image, divided by the same for "
        "held-out real digits: about 1 for a generator that creates, near 0 for one that copies "
        "its training set.",
        "样本到最近训练图像的平均像素距离，除以留出真实数字的同一距离：真正在生成的生成器约为 1，照"
        "抄训练集的接近 0。"),
    "eval.img.dups": ("duplicate share", "重复样本比例"),
    "eval.img.table": ("All five generators at the current settings", "当前设置下的全部五个生成器"),
    "eval.img.read": (
        "- **Only k classes**: the score falls to about k and coverage to k — the score *does* see "
        "collapse across classes. FCD rises and recall falls with it.\n"
        "- **Copies of m images**: with m = 10 the score is about as high as the real digits' "
        "(with some trainings of the classifier even higher) although the generator has produced "
        "just ten images; only FCD, recall (0) and the duplicate share reveal it. The score is "
        "blind to collapse inside a class.\n"
        "- **Noise and blur**: the score drops only as far as the classifier starts to hesitate; "
        "FCD and precision react much sooner.\n"
        "- **Memorised training images**: the score is *higher* than for the real held-out digits "
        "— the classifier is most confident on its own training set — and FCD is *lower*. Every "
        "classifier-based number rewards copying; only the memorisation ratio, which looks at the "
        "training pixels, reveals it.",
        "- **只生成 k 类**：分数降到约 k，覆盖的类别数也降到 k——分数**确实**能看到类别之间的坍塌；"
        "FCD 随之上升，召回率随之下降。\n"
        "- **m 张图像的复制品**：m = 10 时，生成器只产出了十张图像，分数却与真实数字相差无几（分类"
        "器换一次训练，甚至可能更高）；只有 FCD、召回率（为 0）和重复样本比例揭露了它。分数看不到类"
        "别内部的坍塌。\n"
        "- **加噪与模糊**：只有当分类器开始犹豫时分数才会下降；FCD 和精确率的反应要早得多。\n"
        "- **背下来的训练图像**：分数反而**高于**真实的留出数字——分类器对自己的训练集最有把握——FCD "
        "也**更低**。所有基于分类器的数值都在奖励照抄；只有直接比对训练集像素的记忆比能把它揪出"
        "来。"),
    "eval.flaws.ours": (
        "- The score's value belongs to its classifier: our digits score and the Inception Score "
        "of a GAN paper are different quantities. Numbers are comparable only when computed with "
        "the same network, the same data and the same number of samples — never across "
        "classifiers.",
        "- 分数的数值取决于所用的分类器：我们的数字分类器分数与 GAN 论文里的 Inception Score 是两种"
        "不同的量。只有在同一个网络、同一份数据、同样样本数下算出的数值才能相互比较——不同分类器之间"
        "绝不能比较。"),
})

# ---- the training algorithms (app_pages/learn_algorithm.py) --------------------------------------
STRINGS["nav.learn_algorithm"] = {"en": "The training algorithms", "zh": "训练算法"}
_add({
    "algo.title": ("The training algorithms, line by line", "逐行读懂训练算法"),
    "algo.intro": (
        "Every Playground run executes one of the two loops below. Each line names the setting "
        "that controls it, so the numbers in a run's config are the symbols in the pseudo-code.",
        "实验场里的每一次训练都在执行下面两个循环之一。每一行都注明了控制它的设置项，"
        "所以一次训练配置里的数字就是伪代码里的符号。"),
    "algo.gan.title": (
        "1. Algorithm 1 (Goodfellow et al., 2014)",
        "1. 算法 1（Goodfellow 等，2014）"),
    "algo.gan.1": ("**for** each training iteration **do**", "**对**每一次训练迭代 **执行**"),
    "algo.gan.2": (
        "  **for** $k$ steps **do** (D's inner loop)",
        "  **重复** $k$ 步（D 的内循环）"),
    "algo.gan.3": ("    sample $m$ noise vectors $z^1,\\dots,z^m \\sim p_z$ and $m$ examples "
                   "$x^1,\\dots,x^m \\sim p_{data}$",
                   "    采样 $m$ 个噪声 $z^1,\\dots,z^m \\sim p_z$ 和 $m$ 个样本 $x^1,\\dots,x^m "
                   "\\sim p_{data}$"),
    "algo.gan.4": ("    update D by **ascending** $\\nabla_{\\theta_d}\\frac1m\\sum_i\\big[\\log "
                   "D(x^i)+\\log(1-D(G(z^i)))\\big]$",
                   "    沿梯度**上升**更新 D：$\\nabla_{\\theta_d}\\frac1m\\sum_i\\big[\\log "
                   "D(x^i)+\\log(1-D(G(z^i)))\\big]$"),
    "algo.gan.5": ("  **end for**", "  **结束**"),
    "algo.gan.6": (
        "  sample $m$ noise vectors $z^1,\\dots,z^m \\sim p_z$",
        "  采样 $m$ 个噪声 $z^1,\\dots,z^m \\sim p_z$"),
    "algo.gan.7": ("  update G by **descending** "
                   "$\\nabla_{\\theta_g}\\frac1m\\sum_i\\log(1-D(G(z^i)))$ (in practice: ascend "
                   "$\\frac1m\\sum_i\\log D(G(z^i))$)",
                   "  沿梯度**下降**更新 G：$\\nabla_{\\theta_g}\\frac1m\\sum_i\\log(1-D(G(z^i)))$"
                   "（实践中改为上升 $\\frac1m\\sum_i\\log D(G(z^i))$）"),
    "algo.gan.8": ("**end for**", "**结束**"),
    "algo.gan.keys": (
        "**In the Playground:** $k$ = `d_steps` (G's steps per iteration: `g_steps`), $m$ = "
        "`batch_size`, the loss of line 7 = `minimax` (saturating) or `nonsaturating`, and the "
        "optimizers and learning rates of lines 4 and 7 = `optimizer_d`, `lr_d`, `optimizer_g`, "
        "`lr_g`. **Step D** runs lines 2–5 once, **Step G** lines 6–7.",
        "**在实验场中：** $k$ = `d_steps`（每次迭代中 G 的步数为 `g_steps`），$m$ = `batch_size`，"
        "第 7 行的损失 = `minimax`（饱和）或 `nonsaturating`（非饱和），第 4、7 行的优化器与学习率 "
        "= `optimizer_d`、`lr_d`、`optimizer_g`、`lr_g`。**只更新 D** 执行一次第 2–5 行，"
        "**只更新 G** 执行第 6–7 行。"),
    "algo.gan.why_k": (
        "**Why G is updated sparingly.** The theory assumes D is (near) optimal when G moves: "
        "V(G, D\\*) is then −log 4 + 2·JS, a divergence G can decrease. After a G step the old "
        "D₀\\* is no longer optimal for G₁, so V(G₁, D₀\\*) is only a lower bound of the new V(G₁, "
        "D₁\\*); a small G step keeps it close. Too many D steps saturate D instead (preset "
        "\"Many D steps per G step\").",
        "**为什么 G 的更新要“少而慢”。** 理论假设 G 移动时 D（接近）最优：此时 V(G, D\\*) = −log 4 "
        "+ 2·JS，是 G 可以减小的散度。G 走一步之后，旧的 D₀\\* 对 G₁ 已不再最优，V(G₁, D₀\\*) 只是"
        "新的 V(G₁, D₁\\*) 的下界；G 的步子小，两者才接近。反过来，D 的步数太多又会让 D 饱和（预设"
        "“每步 G 训练多步 D”）。"),
    "algo.mb.title": ("2. The minibatch estimate of V", "2. V 的小批量估计"),
    "algo.mb.text": (
        "Line 4 never computes V itself: it averages over m samples. Here D is the optimal D\\* of "
        "a 1D game (p_data: two Gaussians at ±1.5, p_g: one at 1), so the exact V(G, D\\*) is "
        "known; the estimate scatters around it with a spread that shrinks like 1/√m.",
        "第 4 行从不计算 V 本身，而是对 m 个样本取平均。这里 D 取一维博弈的最优判别器 D\\*"
        "（p_data：位于 ±1.5 的两个高斯分布，p_g：位于 1 的一个高斯分布），所以精确的 V(G, D\\*) 已"
        "知；估计值围绕它波动，波动幅度按 1/√m 缩小。"),
    "algo.mb.seed": ("minibatch seed", "小批量随机种子"),
    "algo.mb.estimate": ("minibatch estimate Ṽ", "小批量估计 Ṽ"),
    "algo.mb.captio"
    "n": ("Change the seed: each minibatch gives another Ṽ; the mean over minibatches is V.",
                        "换一个随机种子：每个小批量给出不同的 Ṽ；对许多小批量取平均就得到 V。"),
    "algo.wgan.title": (
        "3. WGAN's loop (Arjovsky et al., 2017)",
        "3. WGAN 的训练循环（Arjovsky 等，2017）"),
    "algo.wgan.1": ("**while** θ has not converged **do**", "**当** θ 尚未收敛时 **执行**"),
    "algo.wgan.2": (
        "  **for** $t = 1,\\dots,n_{critic}$ **do**",
        "  **对** $t = 1,\\dots,n_{critic}$ **执行**"),
    "algo.wgan.3": (
        "    sample $x^1,\\dots,x^m \\sim p_r$ and $z^1,\\dots,z^m \\sim p_z$",
        "    采样 $x^1,\\dots,x^m \\sim p_r$ 和 $z^1,\\dots,z^m \\sim p_z$"),
    "algo.wgan.4": (
        "    $g_w \\leftarrow \\nabla_w\\big[\\frac1m\\sum_i f_w(x^i)-\\frac1m\\sum_i "
        "f_w(G(z^i))\\big]$",
        "    $g_w \\leftarrow \\nabla_w\\big[\\frac1m\\sum_i f_w(x^i)-\\frac1m\\sum_i "
        "f_w(G(z^i))\\big]$"),
    "algo.wgan.5": (
        "    $w \\leftarrow w + \\alpha\\cdot\\mathrm{RMSProp}(w, g_w)$",
        "    $w \\leftarrow w + \\alpha\\cdot\\mathrm{RMSProp}(w, g_w)$"),
    "algo.wgan.6": (
        "    $w \\leftarrow \\mathrm{clip}(w, -c, c)$ (weight clipping)",
        "    $w \\leftarrow \\mathrm{clip}(w, -c, c)$（权重裁剪）"),
    "algo.wgan.7": ("  **end for**", "  **结束**"),
    "algo.wgan.8": (
        "  sample $z^1,\\dots,z^m \\sim p_z$; $g_\\theta \\leftarrow "
        "-\\nabla_\\theta\\frac1m\\sum_i f_w(G(z^i))$",
        "  采样 $z^1,\\dots,z^m \\sim p_z$；$g_\\theta \\leftarrow -\\nabla_\\theta\\frac1m\\sum_i "
        "f_w(G(z^i))$"),
    "algo.wgan.9": (
        "  $\\theta \\leftarrow \\theta - \\alpha\\cdot\\mathrm{RMSProp}(\\theta, g_\\theta)$",
        "  $\\theta \\leftarrow \\theta - \\alpha\\cdot\\mathrm{RMSProp}(\\theta, g_\\theta)$"),
    "algo.wgan.keys": (
        "**In the Playground:** `loss = wgan`; $n_{critic}$ = `d_steps` (the paper: 5), $c$ = "
        "`clip` (the paper: 0.01), $\\alpha$ = `lr_d` and `lr_g` (the paper: 5·10⁻⁵), RMSProp = "
        "`optimizer_d = rmsprop`, $m$ = `batch_size` (the paper: 64). With `loss = wgan_gp`, line "
        "6 becomes the gradient penalty $\\lambda\\,\\mathbb{E}[(\\|\\nabla f(\\hat x)\\|-1)^2]$ "
        "(`gp_weight`).",
        "**在实验场中：** `loss = wgan`；$n_{critic}$ = `d_steps`（论文取 5），$c$ = `clip`（论文"
        "取 0.01），$\\alpha$ = `lr_d` 和 `lr_g`（论文取 5·10⁻⁵），RMSProp = `optimizer_d = "
        "rmsprop`，$m$ = `batch_size`（论文取 64）。若 `loss = wgan_gp`，第 6 行换成梯度惩罚 "
        "$\\lambda\\,\\mathbb{E}[(\\|\\nabla f(\\hat x)\\|-1)^2]$（`gp_weight`）。"),
})

# ---- what a Learn page trains runs as a task in a process of its own (ganlab.serve.tasks) -------
_add({
    "task.waiting": (
        "Waiting for a free place to compute: other computations and runs are using them…",
        "正在等待空闲的计算位置：其他计算和训练正在使用……"),
    "task.retry": ("Try again", "重试"),
    "task.nostart": ("The server could not start a process for this computation.",
                     "服务器无法为这个计算启动进程。"),
    "task.timeout": (
        "The computation took longer than this server's limit of {seconds} s and was stopped.",
        "计算超过了本服务器 {seconds} 秒的时间上限，已被停止。"),
    "task.ended": ("The computation's process ended without a result ({how}).",
                   "计算进程没有得到结果就结束了（{how}）。"),
    "task.error": ("The computation failed: {detail}", "计算失败：{detail}"),
    "task.bad": ("These settings cannot be computed: {detail}", "无法用这些设置计算：{detail}"),
})
