"""Strings of the measures sections of the Learn pages: entropy's properties (Information),
generative vs discriminative models and the inverse-CDF map (Maximum likelihood), W1 as a
transport plan (WGAN), and their figures (ganlab/viz/measures.py). Full keys; math notation is
identical in both languages."""

from functools import partial

from ganlab.i18n.pairs import add

STRINGS: dict[str, dict[str, str]] = {}
_add = partial(add, STRINGS, "")     # full keys


# ---- Information: entropy's properties -----------------------------------------------------------
_add({
    "learn.info.entropy.title": ("3. Entropy: why −log, and what follows from it",
                                 "3. 熵：为什么是 −log，以及由此得出的性质"),
    "learn.info.entropy.text": (
        "Two independent events A and B with probabilities p and q. How much should seeing an "
        "event tell us? Three demands: a rarer event tells more, a sure event tells nothing, and "
        "two independent events together tell the sum of what each tells. Since "
        "P(A ∩ B) = p q, the third asks for I(p q) = I(p) + I(q), and only a logarithm turns "
        "products into sums: I(p) = −c log p. The minus sign makes it ≥ 0, because every "
        "p ≤ 1. The constant c is the unit: the natural log gives **nats** (this app's unit "
        "everywhere), log base 2 gives **bits**, and 1 bit = log 2 ≈ 0.6931 nats. Entropy is "
        "the mean surprise: H(X) = E[−log p(X)].",
        "设 A、B 是两个相互独立的事件，概率分别为 p 和 q。看到一个事件发生，应当得到多少信息？"
        "有三条要求：越罕见的事件带来的信息越多；必然事件不带来信息；两个独立事件同时发生带来的"
        "信息等于各自信息之和。由于 P(A ∩ B) = p q，第三条要求 I(p q) = I(p) + I(q)，而只有对数能"
        "把乘积变成和，所以 I(p) = −c log p。负号保证它 ≥ 0，因为每个 p ≤ 1。常数 c 决定单位："
        "自然对数给出**奈特**（本应用处处使用的单位），以 2 为底给出**比特**，1 比特 = log 2 ≈ "
        "0.6931 奈特。熵就是平均信息量：H(X) = E[−log p(X)]。"),
    "learn.info.entropy.unit": ("unit", "单位"),
    "learn.info.entropy.unit.nats": ("nats (natural log)", "奈特（自然对数）"),
    "learn.info.entropy.unit.bits": ("bits (log base 2)", "比特（以 2 为底）"),
    "learn.info.entropy.check": (
        "With these numbers: I(p) + I(q) = {ia} + {ib} = {iab} = −log(p q), in {unit}. Let X = 1 "
        "when A happens and Y = 1 when B happens: two independent Bernoulli variables. Their "
        "2 × 2 table p(x, y) = p(x) p(y) has H(X, Y) = {hxy} = H(X) + H(Y) = {hx} + {hy}. No "
        "entropy is below 0, and no 4-cell table has more than log 4 = {log4}, the uniform one "
        "(p = q = ½). A Bernoulli variable has at most log 2 = {log2}, reached only at p = ½.",
        "代入当前数值：I(p) + I(q) = {ia} + {ib} = {iab} = −log(p q)，单位为{unit}。令 A 发生时 "
        "X = 1、B 发生时 Y = 1，得到两个独立的伯努利变量。它们的 2 × 2 联合分布表 p(x, y) = "
        "p(x) p(y) 的熵 H(X, Y) = {hxy} = H(X) + H(Y) = {hx} + {hy}。熵永远不小于 0；四格的分布"
        "表的熵不超过 log 4 = {log4}，只有均匀分布（p = q = ½）能达到。伯努利变量的熵至多为 "
        "log 2 = {log2}，只在 p = ½ 时达到。"),
    "learn.info.entropy.unit_name.nats": ("nats", "奈特"),
    "learn.info.entropy.unit_name.bits": ("bits", "比特"),
    "learn.notes.entropy_event": (
        "The notes derive the −log from additivity by writing H(p(X = A, Y = B)) = "
        "H(p(X = A)) + H(p(Y = B)), giving the name H to the information of a single event. "
        "That function is the surprise I(p) = −log p of one outcome; the entropy "
        "H(X) = E[I(p(X))] is its average over all outcomes, and for independent variables it "
        "inherits the additivity: H(X, Y) = H(X) + H(Y) ({hxy} = {hx} + {hy} {unit} above). "
        "Non-negativity needs no argument about extensive quantities either: every p ≤ 1, so "
        "every −log p ≥ 0.",
        "讲义由可加性推出 −log 时写的是 H(p(X = A, Y = B)) = H(p(X = A)) + H(p(Y = B))，把单个"
        "事件的信息量也叫作 H。这个函数其实是单个结果的信息量 I(p) = −log p；熵 H(X) = "
        "E[I(p(X))] 是它对所有结果的平均，对独立变量它继承了可加性：H(X, Y) = H(X) + H(Y)（上面"
        "为 {hxy} = {hx} + {hy} {unit}）。非负性也不需要借助“广度量”来论证：每个 p ≤ 1，所以每个 "
        "−log p ≥ 0。"),
    "learn.fig.surprise_title": ("surprise I = −log P", "信息量 I = −log P"),
    "learn.fig.bernoulli_title": ("Bernoulli entropy H(p)", "伯努利变量的熵 H(p)"),
})

# ---- Maximum likelihood: generative vs discriminative --------------------------------------------
_add({
    "learn.mle.gen.title": ("1. Generative or discriminative: which model can draw a new x?",
                            "1. 生成式模型与判别式模型：哪一个能画出新的 x？"),
    "learn.mle.gen.text": (
        "Two classes of points on a line, y = 0 (blue) and y = 1 (red), drawn from N(−d/2, 1) "
        "and N(d/2, 1). A **generative** model learns the joint p(x, y) = p(y) p(x | y): here one "
        "Gaussian per class with a shared variance, fitted by maximum likelihood (the class "
        "share, the class means, the pooled variance). A **discriminative** model learns only "
        "p(y | x): logistic regression, fitted by maximising the conditional likelihood with "
        "Newton's method. Both draw a boundary; only the generative one can also sample new "
        "points: the marks on the top axis are {m} new x drawn from p̂(x, y).",
        "直线上有两类点：y = 0（蓝色）和 y = 1（红色），分别来自 N(−d/2, 1) 和 N(d/2, 1)。"
        "**生成式模型**学习联合分布 p(x, y) = p(y) p(x | y)：这里每类一个高斯分布、共用一个方差，"
        "用最大似然拟合（类别比例、类均值、合并方差）。**判别式模型**只学习条件分布 p(y | x)："
        "逻辑回归，用牛顿法最大化条件似然。两者都能画出决策边界，但只有生成式模型还能采样出新的"
        "点：上图横轴上的短线是从 p̂(x, y) 中新抽取的 {m} 个 x。"),
    "learn.mle.gen.sep": ("distance d between the class means", "两类均值之间的距离 d"),
    "learn.mle.gen.n": ("training points per class", "每类训练点数"),
    "learn.mle.gen.w_gen": ("w, generative", "w（生成式）"),
    "learn.mle.gen.w_disc": ("w, logistic", "w（逻辑回归）"),
    "learn.mle.gen.x_gen": ("boundary, generative", "边界（生成式）"),
    "learn.mle.gen.x_disc": ("boundary, logistic", "边界（逻辑回归）"),
    "learn.mle.gen.closed": (
        "With equal variances the generative model's posterior is exactly logistic, its weights "
        "read off the fitted Gaussians: w = (μ̂₁ − μ̂₀)/σ̂² = {w}, b = {b}. Bayes' rule applied to "
        "p̂(x, y) directly agrees with σ(w x + b) to within {err} on the whole plotted range. "
        "Logistic regression fits w and b to the labels alone: w = {wd}, b = {bd}. When the "
        "Gaussian assumption holds, both tend to the same line as n grows; the logistic fit "
        "assumes nothing about p(x), and so has nothing to sample from.",
        "方差相等时，生成式模型的后验概率恰好是逻辑函数的形式，权重可以直接由拟合的高斯分布读出："
        "w = (μ̂₁ − μ̂₀)/σ̂² = {w}，b = {b}。直接对 p̂(x, y) 用贝叶斯公式算出的后验与 σ(w x + b) "
        "在整个作图区间上相差不超过 {err}。逻辑回归只根据标签拟合 w 和 b：w = {wd}，b = {bd}。"
        "高斯分布的假设成立时，随着 n 增大两者趋于同一条直线；"
        "逻辑回归对 p(x) 不作任何假设，因此也无从采样。"),
    "learn.mle.gen.gan": (
        "In a GAN, the discriminator D is a discriminative model of P(real | x); the generator "
        "G is a generative model of p(x) alone, and an implicit one: it draws x = G(z) without "
        "ever writing p(x) down.",
        "在 GAN 中，判别器 D 是关于 P(真实 | x) 的判别式模型；生成器 G 是只针对 p(x) 的生成式"
        "模型，而且是隐式的：它通过 x = G(z) 采样，却从不写出 p(x) 本身。"),
    "learn.notes.gen_joint": (
        "The notes define a generative model as one that learns the joint P(x, y) of features "
        "and labels, the top model of this section. A GAN's generator has no labels: it models "
        "p(x) alone, and only by sampling. The notes also call the discriminator a binary "
        "classifier: it is the discriminative model here, P(y | x) with y = real or generated.",
        "讲义把生成式模型定义为学习特征与标签的联合分布 P(x, y) 的模型，也就是本节上图的模型。"
        "GAN 的生成器没有标签：它只对 p(x) 建模，而且只能通过采样来表达。讲义还把判别器称为二分类"
        "器：它正是这里的判别式模型 P(y | x)，其中 y 表示真实或生成。"),
    "learn.fig.gen_title": ("generative: p̂(x, y), and new x sampled from it",
                            "生成式：p̂(x, y)，以及从中采样的新 x"),
    "learn.fig.disc_title": ("p(y = 1 | x): Bayes' rule on p̂(x, y) vs logistic regression",
                             "p(y = 1 | x)：对 p̂(x, y) 用贝叶斯公式，与逻辑回归对比"),
    "learn.fig.sampled": ("sampled x", "采样得到的 x"),
    "learn.fig.bayes_posterior": ("generative", "生成式"),
    "learn.fig.logistic": ("discriminative", "判别式"),
})

# ---- Maximum likelihood: the inverse-CDF map -----------------------------------------------------
_add({
    "learn.mle.icdf.title": ("4. From uniform noise to a Gaussian: the map a generator learns",
                             "4. 从均匀噪声到高斯分布：生成器要学的映射"),
    "learn.mle.icdf.text": (
        "A generative model has to turn randomness into samples. The simplest recipe turns a "
        "uniform u ~ U[0, 1] into any 1D distribution: x = F⁻¹(u), with F the target's CDF. For "
        "N(0, 1), F = Φ has no formula in elementary functions, nor has Φ⁻¹: it is computed "
        "numerically. Move u: the red path goes across to the curve and down to x. The grey "
        "paths start at evenly spaced u's; they land close together near 0, where the density "
        "is high, and far apart in the tails.",
        "生成式模型要把随机性变成样本。最简单的办法可以把均匀分布 u ~ U[0, 1] 变成任意一维分布："
        "x = F⁻¹(u)，其中 F 是目标分布的累积分布函数。对 N(0, 1)，F = Φ 无法用初等函数写出，"
        "Φ⁻¹ 也一样，只能数值计算。移动 u：红色路径横向走到曲线，再向下落到 x。灰色路径从等间距的 "
        "u 出发：在密度高的 0 附近它们落得很密，在两侧尾部则落得很稀。"),
    "learn.mle.icdf.n": ("number of uniforms mapped n", "映射的均匀随机数个数 n"),
    "learn.mle.icdf.ks": ("KS distance D_n", "KS 距离 D_n"),
    "learn.mle.icdf.ks.help": ("D_n = sup_x |F_n(x) − Φ(x)|, F_n the empirical CDF of the mapped "
                               "sample.",
                               "D_n = sup_x |F_n(x) − Φ(x)|，F_n 是映射后样本的经验累积分布函数。"),
    "learn.mle.icdf.dkw": ("99% bound on D_n", "D_n 的 99% 上界"),
    "learn.mle.icdf.dkw.help": (
        "Dvoretzky–Kiefer–Wolfowitz: P(D_n > ε) ≤ 2 exp(−2 n ε²) for every n, so ε = "
        "√(log(2/α) / (2n)) with α = 0.01.",
        "DKW（德沃列茨基–基弗–沃尔福威茨）不等式：对任意 n 有 "
        "P(D_n > ε) ≤ 2 exp(−2 n ε²)，取 α = 0.01 得 ε = √(log(2/α) / (2n))。"),
    "learn.mle.icdf.check": (
        "The {n} mapped uniforms are at Kolmogorov–Smirnov distance D_n = {d} from N(0, 1); "
        "when the map is right, D_n stays below {bound} with probability at least 99%.",
        "这 {n} 个映射后的均匀随机数与 N(0, 1) 的柯尔莫哥洛夫–斯米尔诺夫距离为 D_n = {d}；映射正确"
        "时，D_n 以至少 99% 的概率小于 {bound}。"),
    "learn.mle.icdf.gan": (
        "A generator G(z; θ) does this job in many dimensions, for a target whose CDF nobody can "
        "write down: instead of computing F⁻¹, it learns a map from noise to data that the "
        "discriminator cannot tell from the real thing. In 1D the increasing map that carries "
        "U[0, 1] to a target is F⁻¹ itself, the sorted matching of the WGAN page's transport "
        "section.",
        "生成器 G(z; θ) 在高维空间里做同样的事，而目标分布的累积分布函数谁也写不出来：它不去计算 "
        "F⁻¹，而是学习一个从噪声到数据的映射，让判别器分不出真假。在一维中，把 U[0, 1] 送到目标"
        "分布的单调递增映射就是 F⁻¹ 本身，也就是 WGAN 页面运输一节中的排序匹配。"),
    "learn.mle.icdf.noise.gaussian": ("the Gaussian N(0, I)", "高斯分布 N(0, I)"),
    "learn.mle.icdf.noise.uniform": ("the uniform U(−1, 1)ᵈ", "均匀分布 U(−1, 1)ᵈ"),
    "learn.notes.noise_uniform": (
        "The notes take the generator's noise to be uniform. That is one convention: this app's "
        "generators draw z from {noise} unless you choose otherwise (the Playground's noise "
        "setting), and the map of this section turns either into the other: either choice "
        "serves G equally well.",
        "讲义把生成器的噪声取为均匀分布。这只是一种约定：本应用的生成器默认从{noise}中抽取 z（可在"
        "实验场的噪声设置中更改），而本节的映射能把其中一种变成另一种："
        "两种选择对 G 来说同样好用。"),
    "learn.fig.cdf_title": ("Φ read backwards: u → Φ⁻¹(u)", "反读 Φ：u → Φ⁻¹(u)"),
    "learn.fig.hist_title": ("Φ⁻¹(u) against N(0, 1)", "Φ⁻¹(u) 与 N(0, 1) 对比"),
    "learn.fig.mapped": ("histogram of Φ⁻¹(u)", "Φ⁻¹(u) 的直方图"),
})

# ---- WGAN: W1 as a transport plan ----------------------------------------------------------------
_add({
    "learn.wgan.transport.title": ("W₁ as a transport plan: 1D", "把 W₁ 看作运输方案：一维"),
    "learn.wgan.transport2d.title": ("W₁ as a transport plan: 2D", "把 W₁ 看作运输方案：二维"),
    "learn.wgan.transport.text": (
        "The critic above reaches W₁ from the dual side, a sup over 1-Lipschitz functions. The "
        "primal side is the definition: the cheapest way to move the mass of p onto q. For two "
        "samples of n points each (mass 1/n per point) an optimal plan is a matching: each x "
        "goes to one y.",
        "上面的评价网络从对偶的一侧逼近 W₁：对 1-Lipschitz 函数取上确界。原始的一侧就是定义本身："
        "把 p 的质量搬到 q 上的最小代价。对两个各有 n 个点（每点质量 1/n）的样本，存在一个最优方案"
        "是一一匹配：每个 x 搬到一个 y。"),
    "learn.wgan.transport.1d": (
        "**In 1D** the sorted matching is optimal: the i-th smallest x goes to the i-th smallest "
        "y, and no two lines cross. Its cost, the mean of |x₍ᵢ₎ − y₍ᵢ₎|, equals the area between "
        "the two empirical CDFs.",
        "**一维时**排序匹配是最优的：第 i 小的 x 搬到第 i 小的 y，任何两条线都不交叉。它的代价，即 "
        "|x₍ᵢ₎ − y₍ᵢ₎| 的平均值，等于两个经验累积分布函数之间的面积。"),
    "learn.wgan.transport.2d": (
        "**In 2D** points have no order: the optimal matching solves an assignment problem "
        "(the Hungarian algorithm, about n³ steps, where trying all matchings would take n! = "
        "{nfact}). Pairing the points by their index is a plan too, and a costly one.",
        "**二维时**点没有顺序：最优匹配要解一个指派问题（匈牙利算法，约 n³ 步；逐一尝试所有匹配"
        "则要 n! = {nfact} 种）。按编号配对也是一种方案，但代价高得多。"),
    "learn.wgan.transport.n": ("points per sample n", "每个样本的点数 n"),
    "learn.wgan.transport.shift": ("shift of q", "q 的平移量"),
    "learn.wgan.transport.spread": ("standard deviation of q", "q 的标准差"),
    "learn.wgan.transport.n2d": ("points per cloud n", "每团点数 n"),
    "learn.wgan.transport.shift2d": ("shift of the ellipse q", "椭圆 q 的平移量"),
    "learn.wgan.transport.opt": ("optimal matching", "最优匹配"),
    "learn.wgan.transport.index": ("matching by index", "按编号匹配"),
    "learn.notes.wl_power": (
        "The notes write W_ℓ with the power ℓ on the ground distance d(x, y), and give the ℓ₂ "
        "distance as an example of d. The two ℓ's are different things: the ℓ of W_ℓ is the "
        "power (W₁: ℓ = 1, the cost is the distance itself), ℓ₂ names the Euclidean norm that "
        "measures d. This section: W₁ with d(x, y) = ‖x − y‖₂ (|x − y| in 1D).",
        "讲义写 W_ℓ 时把幂次 ℓ 加在距离 d(x, y) 上，又举 ℓ₂ 距离作为 d 的例子。"
        "这两个 ℓ 不是一回事：W_ℓ 中的 ℓ 是幂次（W₁ 中 ℓ = 1，代价就是距离本身），"
        "ℓ₂ 指度量 d 的欧几里得范数。本节："
        "W₁，d(x, y) = ‖x − y‖₂（一维时为 |x − y|）。"),
    "learn.fig.plan_title": ("sorted matching x₍ᵢ₎ → y₍ᵢ₎", "排序匹配 x₍ᵢ₎ → y₍ᵢ₎"),
    "learn.fig.cdf_area_title": ("CDFs F, G: shaded area = W₁", "F、G：阴影面积 = W₁"),
    "learn.fig.moved": ("each line moves mass 1/n", "每条线搬运 1/n 的质量"),
})
