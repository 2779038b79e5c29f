"""Messages of the training backend (worker and JobManager) that reach a person.

Snapshots carry `error_key`/`notice_key` plus their format arguments; the English text of the same
message goes into `error`/`notice` and status.json, for logs and the CLI.
"""

STRINGS = {
    "jobs.error.nonfinite": {
        "en": "Training diverged at step {step}: {what} became NaN or infinite, so the weights "
              "are no longer usable. The run is paused; its last good checkpoint is kept. Try "
              "lower learning rates (e.g. lr_d={lr_d_hint:g}, lr_g={lr_g_hint:g}), Adam instead "
              "of SGD, the wgan_gp loss or fewer d_steps, then press Reset.",
        "zh": "训练在第 {step} 步发散：{what} 变成了 NaN 或无穷大，当前权重已无法使用。运行已暂停，"
              "最后一个正常的检查点仍然保留。可以尝试降低学习率（例如 lr_d={lr_d_hint:g}、"
              "lr_g={lr_g_hint:g}）、用 Adam 代替 SGD、改用 wgan_gp 损失或减少 d_steps，"
              "然后按“重置”。",
    },
    "jobs.error.crashed": {
        "en": "The training process ended unexpectedly ({how}) at about step {step}. The run "
              "folder keeps everything written before; it can be resumed from its last "
              "checkpoint.",
        "zh": "训练进程意外结束（{how}），大约在第 {step} 步。运行文件夹保留了此前写入的全部内容，"
              "可以从最后一个检查点继续训练。",
    },
    "jobs.error.oom": {
        "en": "The GPU ran out of memory. Try a smaller batch_size, narrower or fewer layers, or "
              "a smaller image_size.",
        "zh": "GPU 显存不足。请尝试减小 batch_size、减少层数或宽度，或减小 image_size。",
    },
    "jobs.error.failed": {
        "en": "Training failed at step {step}: {detail}",
        "zh": "训练在第 {step} 步失败：{detail}",
    },
    "jobs.error.start_timeout": {
        "en": "The training process did not start within {seconds:g} s.",
        "zh": "训练进程未能在 {seconds:g} 秒内启动。",
    },
    "jobs.notice.refused": {
        "en": "Change refused: {detail}",
        "zh": "修改被拒绝：{detail}",
    },
    # What a live change cannot do (ganlab/changes.py, the one rule; also the caps at submit).
    "jobs.change.reset": {
        "en": "{keys}: changing this needs a new run (it changes the models or the data); press "
              "Reset to apply it",
        "zh": "{keys}：修改这些设置需要新的运行（会改变模型或数据）；按“重置”后生效",
    },
    "jobs.change.cap_steps": {
        "en": "steps={value}: this server allows at most {limit:,} iterations per run",
        "zh": "steps={value}：本服务器每次运行最多允许 {limit:,} 次迭代",
    },
    "jobs.change.cap_batch_size": {
        "en": "batch_size={value}: this server allows at most {limit}",
        "zh": "batch_size={value}：本服务器最多允许 {limit}",
    },
    "jobs.change.invalid": {
        "en": "{detail}",
        "zh": "{detail}",
    },
    "jobs.change.empty": {
        "en": "a change needs at least one key=value",
        "zh": "修改至少需要一个 key=value",
    },
    "jobs.notice.checkpoint": {
        "en": "Checkpoint saved at step {step}.",
        "zh": "已在第 {step} 步保存检查点。",
    },
    "jobs.notice.finished": {
        "en": "Finished: reached {steps:,} iterations.",
        "zh": "已完成：达到 {steps:,} 次迭代。",
    },
    "jobs.notice.iteration_limit": {
        "en": "Finished at this server's limit of {limit:,} iterations per run.",
        "zh": "已达到本服务器每次运行 {limit:,} 次迭代的上限，训练结束。",
    },
    "jobs.notice.wall_limit": {
        "en": "Finished at this server's limit of {minutes:g} minutes of training per run.",
        "zh": "已达到本服务器每次运行 {minutes:g} 分钟训练时间的上限，训练结束。",
    },
    "jobs.notice.idle_pause": {
        "en": "Paused because nobody was watching for {seconds:g} s. Press Resume to go on.",
        "zh": "已有 {seconds:g} 秒无人查看，训练已暂停。按“继续”可接着训练。",
    },
    "jobs.notice.idle_stop": {
        "en": "Stopped because nobody was watching for {seconds:g} s; the run folder is kept.",
        "zh": "已有 {seconds:g} 秒无人查看，训练已停止；运行文件夹已保留。",
    },
    "jobs.notice.orphaned": {
        "en": "Stopped {seconds:g} s after its browser tab closed; the run folder is kept.",
        "zh": "浏览器标签页关闭 {seconds:g} 秒后训练已停止；运行文件夹已保留。",
    },
    "jobs.notice.server_stopped": {
        "en": "Stopped because the server shut down; the run can be resumed.",
        "zh": "服务器已关闭，训练已停止；之后可以继续这次运行。",
    },
    "jobs.notice.queued": {
        "en": "Waiting for a free slot: position {position} in the queue (about {wait}).",
        "zh": "正在排队等待空闲名额：第 {position} 位（大约 {wait}）。",
    },
    # Many runs live at once, and a visitor is a person (serve/capacity.py, serve/visitors.py).
    "jobs.notice.unwatched": {
        "en": "Taken out of the queue because nobody watched it for {seconds:g} s; press Train "
              "again to queue a new run.",
        "zh": "已有 {seconds:g} 秒无人查看，这次运行已移出队列；再按“训练”可重新排队。",
    },
    "jobs.notice.lifetime": {
        "en": "Stopped at this server's limit of {minutes:g} minutes per run, paused time "
              "included; the run folder is kept and can be resumed.",
        "zh": "已达到本服务器每次运行 {minutes:g} 分钟的上限（暂停时间也计算在内），训练已停止；"
              "运行文件夹已保留，可以继续训练。",
    },
    "jobs.limit.per_session": {
        "en": "you already have {n} run(s) going; this server allows {cap} per visitor: stop one "
              "first",
        "zh": "你已有 {n} 个运行正在进行；本服务器每位访客最多允许 {cap} 个：请先停止一个",
    },
    "jobs.limit.queue_full": {
        "en": "the queue is full ({n} runs waiting); try again in a few minutes",
        "zh": "队列已满（{n} 个运行在等待）；请几分钟后再试",
    },
    "jobs.limit.image_size": {
        "en": "image_size={value}: this server allows at most {limit} pixels",
        "zh": "image_size={value}：本服务器最多允许 {limit} 像素",
    },
    "jobs.limit.parameters": {
        "en": "the models have {n:,} parameters; this server allows at most {limit:,} (make "
              "g_width/d_width or the layers smaller)",
        "zh": "模型共有 {n:,} 个参数；本服务器最多允许 {limit:,} 个"
              "（请减小 g_width/d_width 或层数）",
    },
    "jobs.limit.per_site": {
        "en": "you already have {n} run(s) going on this site's servers together, which allow "
              "{cap} per visitor: stop one first",
        "zh": "你在本站所有服务器上合计已有 {n} 个运行正在进行；每位访客最多允许 {cap} 个："
              "请先停止一个",
    },
    "jobs.limit.disk_full": {
        "en": "the disk of the runs folder is full ({free_mb:,.0f} MB free): delete or export old "
              "runs to make room",
        "zh": "运行文件夹所在的磁盘已满（剩余 {free_mb:,.0f} MB）："
              "请删除或导出旧的运行以腾出空间",
    },
    "jobs.limit.quota_full": {
        "en": "the runs folder is full ({used_mb:,.0f} MB of {quota_mb:,.0f} MB): delete or "
              "export old runs to make room",
        "zh": "运行文件夹已满（已用 {used_mb:,.0f} MB，上限 {quota_mb:,.0f} MB）："
              "请删除或导出旧的运行以腾出空间",
    },
    "jobs.limit.per_address": {
        "en": "your address already has {n} run(s) going or queued; this server allows {cap} "
              "per visitor across all tabs: stop one first",
        "zh": "你的地址已有 {n} 个运行正在进行或排队；本服务器每位访客（所有标签页合计）最多允许 "
              "{cap} 个：请先停止一个",
    },
}
