"""Strings of the Gallery page and of showcase mode (a hosted public demo)."""

STRINGS = {
    "gallery.title": {"en": "Gallery", "zh": "作品展"},
    "gallery.tagline": {
        "en": "Runs trained earlier on this server's own code. Press ▶ to watch one learn: the "
              "green points are the real data, the purple ones what the generator makes.",
        "zh": "这些是用本服务器同一套代码预先训练好的运行。按 ▶ 观看学习过程：绿色点是真实数据，"
              "紫色点是生成器生成的样本。",
    },
    "gallery.empty": {
        "en": "No gallery runs are installed on this server.",
        "zh": "本服务器没有安装作品展运行。",
    },
    "gallery.pick": {"en": "Run", "zh": "运行"},
    "gallery.real": {"en": "real data", "zh": "真实数据"},
    "gallery.fake": {"en": "generated", "zh": "生成样本"},
    "gallery.play": {"en": "Play", "zh": "播放"},
    "gallery.pause": {"en": "Pause", "zh": "暂停"},
    "gallery.step": {"en": "step", "zh": "步"},
    "gallery.loss_d": {"en": "D loss", "zh": "D 损失"},
    "gallery.loss_g": {"en": "G loss", "zh": "G 损失"},
    "gallery.no_metrics": {"en": "No metrics stored for this run.", "zh": "此运行没有保存指标。"},
    "gallery.losses": {"en": "Losses over the run", "zh": "训练过程中的损失"},
    "gallery.settings": {"en": "Settings of this run", "zh": "此运行的设置"},
    "gallery.metric.steps": {"en": "Iterations", "zh": "迭代次数"},
    "gallery.metric.modes": {"en": "Modes covered", "zh": "覆盖的模式"},
    "gallery.metric.hq": {"en": "High-quality samples", "zh": "高质量样本"},
    "gallery.metric.w1": {"en": "Wasserstein-1 to the data", "zh": "与数据的 Wasserstein-1 距离"},
    "gallery.metric.modes_help": {
        "en": "A mode counts as covered when it holds at least 10% of its fair share of "
              "high-quality samples (samples within 3 std of a mode).",
        "zh": "当某个模式获得的高质量样本（距模式中心 3 个标准差以内）不少于其应得份额的 10% 时，"
              "才算覆盖了该模式。",
    },
    "gallery.try": {"en": "Train your own in the Playground", "zh": "在实验场训练你自己的模型"},
    "gallery.your_job.queued": {
        "en": "Your run is waiting for a free slot: position {position} in the queue (about "
              "{wait}). Watch these while you wait; it starts by itself.",
        "zh": "你的运行正在排队等待空闲名额：第 {position} 位（大约 {wait}）。等待时可以先看看这些，"
              "轮到时会自动开始。",
    },
    "gallery.your_job.running": {
        "en": "Your run is training (step {step:,}).",
        "zh": "你的运行正在训练（第 {step:,} 步）。",
    },
    "gallery.your_job.open": {"en": "Open my run", "zh": "打开我的运行"},
    "gallery.wait.seconds": {"en": "{n:.0f} s", "zh": "{n:.0f} 秒"},
    "gallery.wait.minutes": {"en": "{n:.0f} min", "zh": "{n:.0f} 分钟"},
    # Titles and descriptions of the bundled runs (scripts/build_gallery.py).
    "gallery.run.ring8-nonsaturating.title": {
        "en": "Eight Gaussians, non-saturating loss", "zh": "八个高斯分布，非饱和损失"},
    "gallery.run.ring8-nonsaturating.blurb": {
        "en": "The practical loss of the original paper, with small networks (64 units per layer). Watch the purple cloud: it settles on a few of the eight modes and stays there. That is mode collapse, and the numbers on the right count it.",
        "zh": "原论文中实用的损失函数，配合较小的网络（每层 64 个单元）。观察紫色点云：它停留在八个模式中的少数几个上，不再离开。这就是模式坍塌，右侧的数字统计了它。",
    },
    "gallery.run.ring8-minimax.title": {
        "en": "Eight Gaussians, minimax (saturating) loss", "zh": "八个高斯分布，极小极大（饱和）损失"},
    "gallery.run.ring8-minimax.blurb": {
        "en": "The same networks, data and learning rates; only the loss differs: exactly the minimax game. Compare how many modes each run reaches.",
        "zh": "网络、数据和学习率都相同，只有损失不同：严格的极小极大博弈。比较两次运行各自覆盖了多少个模式。",
    },
    "gallery.run.grid25-wgan_gp.title": {
        "en": "25 Gaussians, WGAN-GP", "zh": "25 个高斯分布，WGAN-GP"},
    "gallery.run.grid25-wgan_gp.blurb": {
        "en": "A critic with a gradient penalty and three critic steps per generator step, on the harder 5 × 5 grid. The samples spread over the whole grid first; 3,000 iterations are not enough for them to sharpen onto the 25 modes.",
        "zh": "带梯度惩罚的评论家，每次生成器更新前更新三次评论家，数据是更难的 5 × 5 网格。样本先铺满整个网格；3,000 次迭代还不足以让它们收拢到 25 个模式上。",
    },
    "gallery.run.gaussians1d-nonsaturating.title": {
        "en": "Two Gaussians in 1D", "zh": "一维的两个高斯分布"},
    "gallery.run.gaussians1d-nonsaturating.blurb": {
        "en": "In one dimension the densities can be compared directly: the purple histogram "
              "should grow into the green one.",
        "zh": "在一维中可以直接比较密度：紫色直方图应当逐渐长成绿色直方图的样子。",
    },
    # Showcase mode
    "showcase.uploads_off": {
        "en": "File uploads are turned off on this public server.",
        "zh": "此公共服务器已关闭文件上传。",
    },
}
