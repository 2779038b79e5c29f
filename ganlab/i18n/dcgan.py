"""Strings of the DCGAN Learn page (app_pages/learn_dcgan.py) and its figures
(ganlab/viz/dcgan.py): keys `learn.dcgan.*`, the page's "notes vs this page" boxes
(`learn.notes.dcgan_*`, the key family every Learn page's notes box reads) and `nav.learn_dcgan`.
Terms: 转置卷积 / 分数步长卷积, 批归一化, 截断技巧, 判别器, 生成器.
"""

from functools import partial

from ganlab.i18n.pairs import add

STRINGS: dict[str, dict[str, str]] = {"nav.learn_dcgan": {"en": "DCGAN", "zh": "DCGAN"}}

_add = partial(add, STRINGS)


_add("learn.dcgan.", {
    "title": ("DCGAN: convolutional GANs that train", "DCGAN：能稳定训练的卷积 GAN"),
    "intro": (
        "Radford, Metz and Chintala (2016) made convolutional GANs train reliably with five "
        "architecture guidelines. Our image model follows all five: below, each is shown in the "
        "lines of our code that carry it, then broken one at a time on a real digits run. Two "
        "more ideas complete the picture: the transposed (fractionally-strided) convolution that "
        "lets G upsample, with its checkerboard, and BigGAN's truncation trick, which trades "
        "diversity for quality at sampling time.",
        "Radford、Metz 和 Chintala（2016）用五条架构准则让卷积 GAN 能够稳定训练。本应用的图像模型"
        "遵循全部五条：下面先把每一条对应到我们代码里实现它的那几行，再在真实的手写数字训练中逐条"
        "破坏它。另外两个概念补全了这幅图：让生成器上采样的转置卷积（分数步长卷积）及其棋盘格效应，"
        "以及 BigGAN 的截断技巧——在采样时用多样性换取质量。"),
    # ---- 1. the guidelines
    "rules.title": ("1. The five guidelines, in our code", "1. 五条准则，在我们的代码里"),
    "rules.text": (
        "Each tab shows one guideline and the lines of `{source}` that implement it, read from "
        "the module as it runs (line numbers are the file's).",
        "每个标签页是一条准则，以及 `{source}` 中实现它的代码行（运行时从模块中读取，行号即文件中的"
        "行号）。"),
    "rules.census": (
        "For the 8×8 digits: convolution layers, G {g_conv} and D {d_conv}; batch-norm layers, "
        "G {g_bn} and D {d_bn}.",
        "对 8×8 的手写数字：卷积层，生成器 {g_conv} 个、判别器 {d_conv} 个；批归一化层，生成器 "
        "{g_bn} 个、判别器 {d_bn} 个。"),
    "rules.census.no_bn_d": (
        "D has none because at this size its only hidden layer is its input layer, one of the "
        "guideline's two exceptions.",
        "判别器没有批归一化层，因为在这个尺寸下它唯一的隐藏层就是输入层，正是准则的两个例外之一。"),
    "rule.strided.tab": ("Strided convolutions", "步长卷积"),
    "rule.batch_norm.tab": ("Batch norm", "批归一化"),
    "rule.no_dense.tab": ("No dense layers", "无全连接层"),
    "rule.relu_tanh.tab": ("ReLU and tanh in G", "生成器的激活函数"),
    "rule.leaky_d.tab": ("LeakyReLU in D", "判别器的激活函数"),
    "rule.strided": ("No pooling: strided convolutions", "不用池化：步长卷积"),
    "rule.strided.text": (
        "Replace every pooling layer: D downsamples with stride-2 convolutions, G upsamples with "
        "stride-2 transposed (fractionally-strided) convolutions, so each net learns its own "
        "resampling instead of using a fixed one.",
        "取消所有池化层：判别器用步长为 2 的卷积下采样，生成器用步长为 2 的转置卷积（分数步长卷积）"
        "上采样，让网络自己学习如何改变分辨率，而不是用固定的池化。"),
    "rule.batch_norm": ("Batch norm in both nets", "两个网络都用批归一化"),
    "rule.batch_norm.text": (
        "Batch normalisation in G and D steadies training (each layer's inputs keep zero mean and "
        "unit variance) and helps G's gradient reach the early layers, except on G's output "
        "layer and D's input layer: there the paper found it made samples oscillate.",
        "生成器和判别器都使用批归一化：每层输入保持零均值、单位方差，训练更平稳，梯度也更容易传到"
        "前面的层。例外是生成器的输出层和判别器的输入层：论文发现在这两处使用会让样本振荡、训练不稳。"),
    "rule.no_dense": ("No fully connected hidden layers", "去掉全连接隐藏层"),
    "rule.no_dense.text": (
        "G's first layer is only a matrix product of z, written as a transposed convolution on a "
        "1×1 input; D's last layer is one dense read-out, written as a convolution covering the "
        "whole last map. Between them every layer is convolutional.",
        "生成器的第一层只是对 z 做一次矩阵乘法，写成作用在 1×1 输入上的转置卷积；判别器的最后一层是"
        "一个全连接输出，写成覆盖整张最后特征图的卷积。两者之间全部是卷积层。"),
    "rule.relu_tanh": ("ReLU in G, tanh on its output", "生成器用 ReLU，输出层用双曲正切"),
    "rule.relu_tanh.text": (
        "G uses ReLU in every layer except the output, which is tanh: a bounded output in the "
        "data's range [−1, 1], which the paper found lets G learn to saturate and cover the "
        "colour range faster.",
        "生成器除输出层外都用 ReLU，输出层用 tanh：输出有界，正好是数据的取值范围 [−1, 1]；论文"
        "发现这样生成器能更快地学会饱和、覆盖整个颜色范围。"),
    "rule.leaky_d": ("LeakyReLU in D", "判别器用带泄漏的 ReLU"),
    "rule.leaky_d.text": (
        "D uses LeakyReLU (slope {leak} below zero) in every layer, so a unit that is off still "
        "passes some gradient back, to D's weights and on to G.",
        "判别器每层都用 LeakyReLU（负半轴斜率 {leak}），关闭的单元也能传回一部分梯度，既传给判别器"
        "自己的权重，也传给生成器。"),
    "rules.break": ("Broken on the page below as: {name}.", "下面第 3 节破坏它的方式：{name}。"),
    "rules.lines": ("`{source}`, lines {lines}", "`{source}`，第 {lines} 行"),
    # ---- 2. transposed convolution
    "tconv.title": ("2. Fractionally-strided convolution and the checkerboard",
                    "2. 分数步长卷积与棋盘格效应"),
    "tconv.text": (
        "A transposed convolution with kernel K and stride s stamps a K×K copy of the kernel for "
        "each input pixel, s pixels apart (a convolution with stride 1/s, hence "
        "\"fractionally-strided\"). Each output pixel sums however many stamps land on it. "
        "The figure counts them for an all-ones input and kernel, with torch's "
        "`conv_transpose2d` (no padding); along one axis the count has the closed form above.",
        "核大小为 K、步长为 s 的转置卷积，为每个输入像素盖一个 K×K 的核“印章”，相邻印章相隔 s 个"
        "像素（相当于步长为 1/s 的卷积，因此叫“分数步长卷积”）。每个输出像素是落在它上面的所有印章"
        "之和。右图用 torch 的 `conv_transpose2d`（不填充）对全 1 输入和全 1 核数出这个次数；沿一个"
        "方向，次数有上面的闭式解。"),
    "tconv.K": ("kernel size K", "核大小 K"),
    "tconv.s": ("stride s", "步长 s"),
    "tconv.n": ("input side n", "输入边长 n"),
    "tconv.even": (
        "**s = {s} divides K = {K}:** away from the borders every pixel gets the same {c} "
        "taps. No checkerboard from the layout itself.",
        "**s = {s} 整除 K = {K}：** 远离边界处每个像素都得到相同的 {c} 次。布局本身不产生棋盘格。"),
    "tconv.uneven": (
        "**s = {s} does not divide K = {K}:** away from the borders pixels get between {lo} and "
        "{hi} taps, a pattern that repeats every {s} pixels: the checkerboard. G must learn "
        "weights that cancel it, and rarely does so exactly.",
        "**s = {s} 不能整除 K = {K}：** 远离边界处，像素得到 {lo} 到 {hi} 次不等，每 {s} 个像素重复"
        "一次：这就是棋盘格。生成器必须学出恰好抵消它的权重，而这很少能做到。"),
    "tconv.small": (
        "**n = {n} is too small for K = {K}, s = {s}:** every output pixel is near a border. "
        "Raise n to see the pattern inside.",
        "**对 K = {K}、s = {s}，n = {n} 太小：** 每个输出像素都靠近边界。"
        "增大 n 才能看到内部的图样。"),
    "tconv.holes": (
        "**K = {K} < s = {s}:** some pixels get no tap at all: holes between the stamps.",
        "**K = {K} < s = {s}：** 有的像素一次也没有被覆盖：印章之间留下空洞。"),
    "tconv.ours": (
        "Our DCGAN doubles with K = {K}, s = {s}: {verdict}",
        "我们的 DCGAN 用 K = {K}、s = {s} 放大一倍：{verdict}"),
    "tconv.ours.even": ("s divides K, so the layout is even.", "s 整除 K，布局是均匀的。"),
    "tconv.ours.uneven": ("s does not divide K.", "s 不能整除 K。"),
    "tconv.check": (
        "The counts above equal the closed form at every pixel (checked on this page: {ok}).",
        "上图每个像素的次数都与闭式解一致（本页当场核对：{ok}）。"),
    "tconv.yes": ("yes", "一致"),
    "tconv.no": ("NO", "不一致"),
    # ---- 3. break one guideline
    "break.title": ("3. Break one guideline", "3. 破坏一条准则"),
    "break.text": (
        "Two digits runs with the same seed, the same {steps} iterations and the same "
        "hyperparameters: the intact DCGAN and one with a single guideline broken. Both are "
        "scored by the local digits classifier ({acc} held-out accuracy) on {n} samples from "
        "the same noise.",
        "两次手写数字训练，种子相同、迭代次数相同（{steps} 次）、超参数相同："
        "一个是完整的 DCGAN，另一个只破坏一条准则。两者都用本地的手写数字分类器"
        "（留出集准确率 {acc}）在来自同一组噪声的 {n} 个样本上打分。"),
    "break.choose": ("Guideline to break", "要破坏的准则"),
    "break.pooling": ("pooling: max pooling in D, upsampling in G",
                      "池化：判别器用最大池化，生成器用最近邻上采样"),
    "break.no_batchnorm": ("no batch norm", "去掉批归一化"),
    "break.dense": ("fully connected hidden layers", "加入全连接隐藏层"),
    "break.no_tanh": ("no tanh: a linear output in G", "去掉双曲正切：生成器输出层为线性"),
    "break.relu_d": ("ReLU instead of LeakyReLU in D", "判别器用 ReLU 代替带泄漏的 ReLU"),
    "break.training": ("Training the two digits DCGANs (once; then cached):",
                       "正在训练两个手写数字 DCGAN（只训练一次，之后读缓存）："),
    "break.intact": ("intact", "完整"),
    "break.broken": ("broken", "破坏后"),
    "break.covered": ("classes covered", "覆盖的类别数"),
    "break.covered.help": ("Digits holding at least 10% of their fair share of confident samples.",
                           "被置信样本覆盖、且至少占其应得份额 10% 的数字类别数。"),
    "break.confidence": ("confidence", "置信度"),
    "break.confidence.help": ("Mean classifier probability of the predicted digit: the quality "
                              "of a sample as the classifier sees it.",
                              "分类器对预测数字的平均概率：在分类器眼中样本的质量。"),
    "break.fcd.help": ("Fréchet distance in the classifier's 64-d features: lower is closer to "
                       "the real digits.",
                       "在分类器 64 维特征空间中的 Fréchet 距离：越低越接近真实数字。"),
    "break.precision": ("precision", "精确率"),
    "break.recall": ("recall", "召回率"),
    "break.metric": ("Over training", "训练过程中"),
    "break.worse": ("worse", "更差"),
    "break.better": ("better", "更好"),
    "break.same": ("the same", "相同"),
    "break.read": (
        "**{name}:** averaged over the last {k} checkpoints (iterations {a} to {b}), the broken "
        "run's FCD is {fb} against the intact run's {fa} ({ratio}× the intact one: {fcd_word}), "
        "its confidence {qb} against {qa} ({q_word}); at the last iteration it covers {cb} of "
        "the 10 digits, the intact run {ca}. Each run is one seed: how far one run's FCD moves "
        "between checkpoints (the chart) shows how large a difference noise alone makes.",
        "**{name}：** 取最后 {k} 个检查点（第 {a} 到第 {b} 次迭代）的平均，破坏后的 FCD 为 {fb}，"
        "完整模型为 {fa}（是完整模型的 {ratio} 倍：{fcd_word}），置信度 {qb} 对 {qa}（{q_word}）；"
        "在最后一次迭代时它覆盖 10 个数字中的 {cb} 个，完整模型覆盖 {ca} 个。每次训练只用一个种子："
        "同一次训练的 FCD 在相邻检查点之间的起伏（见图）说明了单凭随机波动能造成多大的差异。"),
    "break.final": ("At the last iteration; the arrows compare with the intact run.",
                    "最后一次迭代时的数值；箭头是与完整模型的差。"),
    "break.losses": ("Both runs' losses (moving average of 50 iterations)",
                     "两次训练的损失（50 次迭代的滑动平均）"),
    "break.layers": ("What the break changes in the nets", "这次破坏改变了网络的哪些层"),
    "break.col.net": ("net", "网络"),
    "break.col.layer": ("layer type", "层类型"),
    "break.col.params": ("parameters", "参数量"),
    # ---- 4. truncation
    "trunc.title": ("4. The truncation trick: quality against diversity",
                    "4. 截断技巧：质量与多样性的权衡"),
    "trunc.text": (
        "BigGAN (Brock et al. 2019) samples a trained, class-conditional G with z from N(0, I) "
        "restricted to |z_i| ≤ ψ: a component beyond ψ is drawn again. G is trained with the "
        "full prior; truncation is used only when sampling. A smaller ψ keeps z near the "
        "centre, where G saw the most noise: each digit comes out cleaner but more alike. Here: "
        "a class-conditional digits DCGAN (all five guidelines, {steps} iterations) asked for "
        "the digits 0–9 in turn, {n} samples per ψ, the same seed for every ψ.",
        "BigGAN（Brock 等，2019）对训练好的条件生成器采样时，从 N(0, I) 中抽 z，但限制 |z_i| ≤ ψ："
        "超出 ψ 的分量重新抽取。生成器训练时用的是完整的先验，截断只在采样时使用。ψ 越小，z 越靠近"
        "中心——那里是生成器训练时见得最多的噪声——每个数字都更清晰，但也更相似。"
        "这里用一个条件手写数字 DCGAN（遵循全部五条准则，训练 {steps} 次），依次要求它生成 0–9，"
        "每个 ψ 取 {n} 个样本，所有 ψ 用同一个种子。"),
    "trunc.training": ("Training the class-conditional digits DCGAN (once; then cached):",
                       "正在训练条件手写数字 DCGAN（只训练一次，之后读缓存）："),
    "trunc.psi": ("threshold ψ", "截断值 ψ"),
    "trunc.confidence": ("confidence", "置信度"),
    "trunc.confidence.help": ("The classifier's mean probability of the digit G was asked for.",
                              "分类器对生成器被要求生成的那个数字的平均概率。"),
    "trunc.precision.help": ("Share of samples inside the real digits' manifold (features): "
                             "fidelity.",
                             "落在真实数字流形（特征空间）之内的样本比例：逼真度。"),
    "trunc.recall.help": ("Share of real digits inside the samples' manifold: diversity.",
                          "落在生成样本流形之内的真实数字比例：多样性。"),
    "trunc.spread": ("same-digit spread", "同类差异"),
    "trunc.spread.help": ("Mean distance between two samples of the same digit, in the "
                          "classifier's features: 0 when every 3 looks the same.",
                          "同一个数字的两个样本在分类器特征空间中的平均距离：所有的 3 都一模一样时"
                          "为 0。"),
    "trunc.var": (r"$\operatorname{{Var}}(z_i)$ = {var}, first-try acceptance {kept}",
                  r"$\operatorname{{Var}}(z_i)$ = {var}，一次抽中的比例 {kept}"),
    "trunc.read": (
        "From ψ = ∞ down to ψ = {lo}: confidence {q_inf} → {q_lo}, precision {p_inf} → {p_lo}, "
        "recall {r_inf} → {r_lo}, same-digit spread {d_inf} → {d_lo}.",
        "从 ψ = ∞ 降到 ψ = {lo}：置信度 {q_inf} → {q_lo}，精确率 {p_inf} → {p_lo}，召回率 "
        "{r_inf} → {r_lo}，同类差异 {d_inf} → {d_lo}。"),
    "trunc.read.tradeoff": (
        "Quality rises as diversity falls: each ψ is one point of the trade-off, and no ψ is "
        "best at both.",
        "质量上升，多样性下降：每个 ψ 是权衡曲线上的一个点，没有哪个 ψ 能同时在两方面最好。"),
    "trunc.read.none": (
        "Here quality did not rise as diversity fell: this G gains nothing from truncation "
        "(BigGAN needed a regulariser to make its G amenable to it).",
        "这里多样性下降时质量并没有上升：这个生成器从截断中得不到好处（BigGAN 也需要额外的正则化，"
        "才能让生成器适合截断）。"),
    "trunc.samples": ("Samples at {psi} (columns: the digits 0–9 asked for)",
                      "{psi} 时的样本（每列：被要求生成的数字 0–9）"),
    # ---- figures
    "fig.taps": ("taps", "次数"),
    "fig.out_x": ("output column", "输出列"),
    "fig.out_y": ("output row", "输出行"),
    "fig.iteration": ("iteration", "迭代次数"),
    "fig.loss": ("loss", "损失"),
    "fig.diversity": ("diversity: recall", "多样性：召回率"),
    "fig.quality": ("quality: confidence in the asked digit", "质量：对所要求数字的置信度"),
})

_add("learn.preset.", {   # the page's Playground preset (ganlab.presets: digits_default)
    "digits_default": ("The intact DCGAN on the digits", "完整的 DCGAN 训练手写数字"),
    "digits_default.what": (
        "The image model of this page with all five guidelines, in the Playground: watch the "
        "samples and the classes they cover as it trains. A guideline can be broken there too, "
        "with the setting dcgan_break.",
        "在实验场里训练本页这个遵循全部五条准则的图像模型：看样本和它们覆盖的类别随训练变化。"
        "那里也可以用设置项 dcgan_break 破坏一条准则。"),
})

_add("learn.notes.", {
    "dcgan_terms": (
        "The notes list the guidelines in other words: \"fractionally-strided convolution\" "
        "(微步幅度卷积 there) is this page's transposed convolution, and they say to use "
        "batch norm in both nets without the paper's two exceptions: none on G's output layer "
        "and none on D's input layer, as in our code (tab 2).",
        "讲义里的措辞与本页不同：讲义中的“微步幅度卷积”就是本页的分数步长卷积，即转置卷积；“批处理"
        "规范化”即批归一化。讲义说在生成器和判别器上都使用批归一化，但没有提论文的两个例外：生成器的"
        "输出层和判别器的输入层不用批归一化，我们的代码也是这样（第 2 个标签页）。"),
    "dcgan_truncation": (
        "The notes say the truncation trick makes training more stable. It does not touch "
        "training: BigGAN trains G with the full prior and truncates z only when sampling, which "
        "is why it is a trade-off between diversity and fidelity, the notes' second half and "
        "the curve above.",
        "讲义说截断技巧“可以使得训练更加平稳”。其实它与训练无关：BigGAN 训练生成器时用完整的先验，"
        "只在采样时截断 z，所以它是多样性与逼真度之间的权衡——也就是讲义的后半句和上面这条曲线。"),
})
