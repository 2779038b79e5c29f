"""Strings of the image views and the image metrics (diag.doc.<metric> for the metrics' docs)."""

STRINGS = {
    # --- image metrics: one line each, what it measures and what good looks like ----------------
    "diag.doc.confident_share": {
        "en": "Share of generated images the classifier labels with at least 80% confidence. "
              "Good: near the real images' value (about 97% on digits).",
        "zh": "分类器以至少 80% 的置信度判定类别的生成图像比例。理想值：接近真实图像的水平（digits "
              "上约 97%）。",
    },
    "diag.doc.classifier_score": {
        "en": "exp(E KL(p(y|x) ‖ p(y))) with the local classifier: the Inception Score idea, not "
              "its number. 1 when every image is the same class, K for sharp images spread evenly "
              "over K classes (real digits: about 9.2).",
        "zh": "用本地分类器计算的 exp(E KL(p(y|x) ‖ p(y)))：沿用 Inception Score 的思路，但数值不可"
              "与之比较。所有图像同属一类时为 1，清晰且均匀分布在 K 个类别时为 K（真实 digits 约 "
              "9.2）。",
    },
    "diag.doc.fcd": {
        "en": "Fréchet classifier distance: the FID formula in the local classifier's 64-d "
              "features (not comparable with Inception FID). Lower is better; real held-out "
              "digits give about 6 at their sample size.",
        "zh": "Fréchet 分类器距离：在本地分类器 64 维特征上使用 FID 公式（不能与 Inception FID 比"
              "较）。越低越好；真实的留出 digits 在其样本量下约为 6。",
    },
    "diag.doc.precision": {
        "en": "Share of generated images that fall inside the real images' k-NN manifold "
              "(fidelity). Good: near 0.9; it stays high under mode collapse.",
        "zh": "落在真实图像 k 近邻流形内的生成图像比例（保真度）。理想值：约 0.9；模式坍缩时它仍然"
              "很高。",
    },
    "diag.doc.recall": {
        "en": "Share of real images that fall inside the generated images' k-NN manifold "
              "(coverage). Good: near 0.9; mode collapse drives it towards 0.",
        "zh": "落在生成图像 k 近邻流形内的真实图像比例（覆盖度）。理想值：约 0.9；模式坍缩会使它趋"
              "向 0。",
    },
    "diag.doc.duplicate_share": {
        "en": "Share of generated images with a near-twin among the other samples (closer than "
              "99% of real neighbours). Good: near 0; near 1 means G repeats itself.",
        "zh": "在其他生成样本中存在近似\u201c双胞胎\u201d的生成图像比例（比 99% 的真实近邻距离更"
              "近）。理想值：接近 0；接近 1 说明生成器在重复自己。",
    },
    "diag.doc.memorisation_ratio": {
        "en": "Distance from a generated image to its nearest training image, divided by the same "
              "for held-out real images. About 1 is healthy; far below 1 means G copies the "
              "training set.",
        "zh": "生成图像到最近训练图像的距离，除以留出真实图像的同一距离。约为 1 是正常的；"
              "远小于 1 说明生成器在复制训练集。",
    },
    # --- the image panel -----------------------------------------------------------------------
    "img.samples": {
        "en": "Generated (same noise every time)",
        "zh": "生成图像（始终使用同一组噪声）",
    },
    "img.real": {"en": "Real", "zh": "真实图像"},
    "img.scores": {"en": "Show D's score under each image", "zh": "在每张图像下显示判别器的评分"},
    "img.scores.not_kept": {"en": "D's scores are not kept for grids saved to disk.",
                            "zh": "保存到磁盘的样本网格不保留判别器的评分。"},
    "img.scores.help": {
        "en": "D(x): the probability D gives that the image is real. Green: D is fooled; purple: "
              "D spots the fake. Near 0.5 everywhere is the equilibrium.",
        "zh": "D(x)：判别器认为该图像为真实图像的概率。绿色：判别器被骗过；紫色：判别器识破了假图"
              "像。处处接近 0.5 即达到均衡。",
    },
    "img.history": {"en": "Scrub back through training", "zh": "回看训练过程"},
    "img.at_step": {"en": "iteration {step:,}", "zh": "第 {step:,} 次迭代"},
    "img.classes.title": {"en": "Classes in the generated images", "zh": "生成图像中的类别分布"},
    "img.classes.fair": {"en": "fair share", "zh": "均匀份额"},
    "img.classes.caption": {
        "en": "Bars: share of samples the classifier confidently puts in each class; grey bars "
              "are classes below 10% of their fair share (not covered). Classifier accuracy on "
              "held-out images: {accuracy}.",
        "zh": "柱形：分类器有把握地归入各类别的样本比例；灰色柱表示低于均匀份额 10% 的类别（未覆"
              "盖）。分类器在留出图像上的准确率：{accuracy}。",
    },
    "img.notice.classifier": {
        "en": "Training the small {dataset} classifier the class chart needs ({percent}%) — first "
              "run only, about 15 s; training starts right after.",
        "zh": "正在训练类别图所需的 {dataset} 小型分类器（{percent}%）——仅首次运行，约 15 秒；随后"
              "开始训练。",
    },
    "img.classes.wait": {
        "en": "The class chart appears with the first image diagnostics (every 250 iterations).",
        "zh": "类别图会在第一次图像诊断后出现（每 250 次迭代一次）。",
    },
    "img.metric.covered": {"en": "classes covered", "zh": "覆盖的类别"},
    "img.metric.score": {"en": "classifier score", "zh": "分类器得分"},
    "img.metric.fcd": {"en": "FCD (classifier, not FID)", "zh": "FCD（分类器距离，非 FID）"},
    "img.metric.recall": {"en": "recall", "zh": "召回率"},
    "img.latent": {"en": "Explore the latent space", "zh": "探索隐空间"},
    "img.latent.wait": {
        "en": "Available once the run has saved a checkpoint (every {every:,} iterations, and "
              "when it stops).",
        "zh": "运行保存检查点后可用（每 {every:,} 次迭代一次，以及停止时）。",
    },
    "img.latent.from": {"en": "Start (noise seed)", "zh": "起点（噪声种子）"},
    "img.latent.to": {"en": "End (noise seed)", "zh": "终点（噪声种子）"},
    "img.latent.path": {"en": "Path", "zh": "路径"},
    "img.latent.linear": {"en": "linear", "zh": "线性"},
    "img.latent.spherical": {"en": "spherical", "zh": "球面"},
    "img.latent.path.help": {
        "en": "Linear paths cut through the middle of the Gaussian, where G saw few noise "
              "vectors; spherical paths keep a typical length all the way.",
        "zh": "线性路径会穿过高斯分布的中心，而生成器在那里见过的噪声向量很少；球面路径全程保持典型"
              "的长度。",
    },
    "img.latent.class": {"en": "Class", "zh": "类别"},
    "img.truncation": {"en": "Truncation ψ", "zh": "截断 ψ"},
    "img.truncation.help": {
        "en": "Noise drawn with every coordinate in [-ψ, ψ] (BigGAN's trick). Small ψ: typical, "
              "cleaner images but less variety. 0 turns truncation off.",
        "zh": "每个噪声坐标都限制在 [-ψ, ψ] 内采样（BigGAN 的技巧）。ψ 越小，图像越典型、越干净，但"
              "多样性越低。0 表示不截断。",
    },
    "img.truncation.caption": {"en": "64 samples at ψ = {psi}", "zh": "ψ = {psi} 时的 64 个样本"},
    "img.checkpoint": {"en": "weights from iteration {step:,}", "zh": "权重来自第 {step:,} 次迭代"},
    "img.load_error": {"en": "Could not load the run's checkpoint: {error}",
                       "zh": "无法加载该运行的检查点：{error}"},
}
