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
        "zh": "你的运行正在排队等待空闲名额：第 {position} 位（大约 {wait}）。"
              "等待时可以先看看这些，轮到时会自动开始。",
    },
    "gallery.your_job.running": {
        "en": "Your run is training (step {step:,}).",
        "zh": "你的运行正在训练（第 {step:,} 步）。",
    },
    "gallery.your_job.open": {"en": "Open my run", "zh": "打开我的运行"},
    "gallery.wait.seconds": {"en": "{n:.0f} s", "zh": "{n:.0f} 秒"},
    "gallery.wait.minutes": {"en": "{n:.0f} min", "zh": "{n:.0f} 分钟"},
    # A bundled card is a preset (ganlab.runs.gallery.CARDS): its title and one-liner are the
    # preset's; this line sets its promises beside the run's own last logged values.
    "gallery.claims": {
        "en": "Preset `{preset}`, measured on this run at iteration {step:,}: {claims}.",
        "zh": "预设 `{preset}`，在本次运行第 {step:,} 次迭代时的实测值：{claims}。",
    },
    "gallery.claim": {
        "en": "{metric} {op} {bound:g} promised, {value} measured",
        "zh": "承诺 {metric} {op} {bound:g}，实测 {value}",
    },
    # Showcase mode
    "showcase.uploads_off": {
        "en": "File uploads are turned off on this public server.",
        "zh": "此公共服务器已关闭文件上传。",
    },
}
