"""Strings of the Runs and Compare pages, sweeps, and sharing / import of settings."""


def _s(en: str, zh: str) -> dict:
    return {"en": en, "zh": zh}


STRINGS = {
    # --- Runs page ---------------------------------------------------------------------------
    "runs.title": _s("Runs", "运行记录"),
    "runs.empty": _s("No runs yet in `{root}`. Train one in the Playground, or from a terminal: "
                     "`ganlab train --out {root}/my-run`.",
                     "`{root}` 中还没有运行记录。可以在实验场里训练一个，或在终端中运行："
                     "`ganlab train --out {root}/my-run`。"),
    "runs.disk": _s("{used:,.0f} MB used in `{root}`", "`{root}` 已使用 {used:,.0f} MB"),
    "runs.disk_quota": _s("(quota {quota:,.0f} MB)", "（配额 {quota:,.0f} MB）"),
    "runs.disk_full": _s("The runs folder is full: new runs, resumes and imports are refused until "
                         "you delete or export some old runs.",
                         "运行文件夹已满：在删除或导出部分旧运行之前，无法新建、继续或导入运行。"),
    "runs.search": _s("Search", "搜索"),
    "runs.any": _s("any", "全部"),
    "runs.search_hint": _s("name, dataset or loss", "名称、数据集或损失函数"),
    "runs.table_hint": _s("Click a row to open a run; tick two to six to compare them. Click a "
                          "column header to sort.",
                          "点击一行打开该运行；勾选二到六行可进行对比。点击列标题可排序。"),
    "runs.compare_selected": _s("Compare {n} runs", "对比 {n} 个运行"),
    "runs.compare_max": _s("Compare shows at most 6 runs.", "对比页面最多显示 6 个运行。"),
    "runs.col.name": _s("Run", "运行"),
    "runs.col.state": _s("State", "状态"),
    "runs.col.dataset": _s("Dataset", "数据集"),
    "runs.col.loss": _s("Loss", "损失函数"),
    "runs.col.iterations": _s("Iterations", "迭代次数"),
    "runs.col.target": _s("Target", "目标"),
    "runs.col.started": _s("Started", "开始时间"),
    "runs.state.queued": _s("queued", "排队中"),
    "runs.state.running": _s("running", "训练中"),
    "runs.state.paused": _s("paused", "已暂停"),
    "runs.state.finished": _s("finished", "已完成"),
    "runs.state.failed": _s("failed", "失败"),
    "runs.state.stopped": _s("stopped", "已停止"),
    "runs.state.unknown": _s("unknown", "未知"),
    "runs.state.corrupt": _s("damaged", "已损坏"),
    "runs.metric.loss_d": _s("D loss L_D", "D 的损失 L_D"),
    "runs.metric.loss_g": _s("G loss L_G", "G 的损失 L_G"),
    "runs.metric.d_real": _s("mean D(real)", "D(真实) 均值"),
    "runs.metric.d_fake": _s("mean D(fake)", "D(生成) 均值"),
    "runs.metric.modes_covered": _s("Modes covered", "覆盖的模式数"),
    "runs.metric.modes_covered_loose": _s("Modes covered (loose)", "覆盖的模式数（宽松）"),
    "runs.metric.hq_share": _s("High-quality share", "高质量样本比例"),
    "runs.metric.mode_kl": _s("Mode KL", "模式 KL"),
    "runs.metric.kl_data_g": _s("KL(data ‖ G)", "KL(数据 ‖ G)"),
    "runs.metric.kl_g_data": _s("KL(G ‖ data)", "KL(G ‖ 数据)"),
    "runs.metric.js": _s("JS divergence", "JS 散度"),
    "runs.metric.w1": _s("Wasserstein-1", "Wasserstein-1 距离"),
    "runs.metric.kl_binned": _s("KL (binned)", "KL（分箱）"),
    "runs.metric.js_binned": _s("JS (binned)", "JS（分箱）"),
    "runs.metric.w1_exact": _s("Wasserstein-1 (exact)", "Wasserstein-1（精确）"),
    "runs.metric.mmd": _s("MMD", "MMD"),
    "runs.metric.minimax_value": _s("Minimax value V(G, D)", "极小极大值 V(G, D)"),
    "runs.metric.dstar_gap": _s("Mean |D − D*|", "|D − D*| 均值"),
    "runs.metric.d_acc_real": _s("D accuracy on real", "D 在真实样本上的准确率"),
    "runs.metric.d_acc_fake": _s("D accuracy on fake", "D 在生成样本上的准确率"),
    "runs.metric.sample_diversity": _s("Sample diversity", "样本多样性"),
    "runs.no_series": _s("Not logged by these runs", "这些运行没有记录该指标"),
    "runs.no_samples": _s("No samples saved yet", "尚未保存样本"),
    "runs.tab.overview": _s("Overview", "概览"),
    "runs.tab.diagnostics": _s("Diagnostics", "诊断指标"),
    "runs.no_diagnostics": _s("This run logged no diagnostics (trained with --no-diagnostics?).",
                              "该运行没有记录诊断指标（是否用了 --no-diagnostics 训练？）。"),
    "runs.iterations_of": _s("Iterations (of {steps:,})", "迭代次数（共 {steps:,}）"),
    "runs.tab.export": _s("Export", "导出"),
    "runs.samples_caption": _s("Latest saved samples (iteration {step:,}); the data in "
                               "green, the generator's points in purple.",
                               "最近保存的样本（第 {step:,} 次迭代）：绿色为真实数据，紫色为"
                               "生成器的样本。"),
    "runs.resume": _s("Resume", "继续训练"),
    "runs.resume_not": _s("Only a stopped, failed or finished run with a checkpoint can be "
                          "resumed.", "只有带检查点、已停止、失败或已完成的运行才能继续训练。"),
    "runs.resume_more": _s("More iterations", "再训练的迭代次数"),
    "runs.resume_from": _s("Continues from the checkpoint at iteration {step:,}; the count "
                           "carries on.", "从第 {step:,} 次迭代的检查点继续，迭代计数接着累加。"),
    "runs.resume_go": _s("Resume training", "继续训练"),
    "runs.resumed": _s("{name} is queued to resume.", "{name} 已加入队列，即将继续训练。"),
    "runs.no_backend": _s("The training backend is not available on this server.",
                          "此服务器上的训练后端不可用。"),
    "runs.to_playground": _s("Settings → Playground", "设置 → 实验场"),
    "runs.compare_this": _s("Compare…", "对比…"),
    "runs.rename": _s("Rename", "重命名"),
    "runs.rename_to": _s("New name (letters, digits, - _ .)", "新名称（字母、数字、- _ .）"),
    "runs.rename_go": _s("Rename", "重命名"),
    "runs.delete": _s("Delete", "删除"),
    "runs.delete_warn": _s("This deletes **{name}** — its checkpoint, metrics and samples — for "
                           "good. Export it first if you may want it back.",
                           "这将永久删除 **{name}**，包括检查点、指标和样本。如果以后可能还要用，"
                           "请先导出。"),
    "runs.delete_sure": _s("Yes, delete it", "是的，删除"),
    "runs.delete_go": _s("Delete run", "删除运行"),
    "runs.deleted": _s("Deleted {name}.", "已删除 {name}。"),
    "runs.dl.config": _s("Config (JSON)", "配置（JSON）"),
    "runs.dl.metrics": _s("Metrics (CSV)", "指标（CSV）"),
    "runs.dl.checkpoint": _s("Checkpoint bundle (zip)", "检查点包（zip）"),
    "runs.dl.gif": _s("Time-lapse (GIF)", "训练过程动画（GIF）"),
    "runs.dl.mp4": _s("Time-lapse (MP4)", "训练过程视频（MP4）"),
    "runs.dl.script": _s("Training script (.py)", "训练脚本（.py）"),
    "runs.dl.script_help": _s("One standalone PyTorch file, no ganlab needed: the same models, "
                              "loss, optimizers and seed as this run. Run it with "
                              "`python FILE.py --steps N`.",
                              "一个独立的 PyTorch 文件，无需 ganlab：与本次运行相同的模型、损失、"
                              "优化器和随机种子。用 `python FILE.py --steps N` 运行。"),
    "runs.dl.script_unsupported": _s("Export as code supports the toy datasets and digits, "
                                     "not {dataset}.",
                                     "导出为代码支持玩具数据集和 digits，不支持 {dataset}。"),
    "runs.dl.generator": _s("Generator G (.pt2)", "生成器 G（.pt2）"),
    "runs.dl.generator_help": _s("G from the latest checkpoint as a torch.export file: "
                                 "`torch.export.load(FILE).module()(torch.randn(n, noise_dim))` "
                                 "samples without ganlab.",
                                 "最新检查点中的 G，保存为 torch.export 文件："
                                 "`torch.export.load(FILE).module()(torch.randn(n, noise_dim))` "
                                 "无需 ganlab 即可采样。"),
    "runs.dl.note": _s("The bundle can be imported again below, or unzipped and continued with "
                       "`ganlab train --resume DIR`. Checkpoints are safetensors + JSON: loading "
                       "one never runs code.",
                       "检查点包可以在下方重新导入，也可以解压后用 `ganlab train --resume DIR` "
                       "继续训练。检查点采用 safetensors + JSON 格式，加载时不会执行任何代码。"),
    "runs.import": _s("Import a run bundle", "导入运行包"),
    "runs.import_hint": _s("A .zip exported from the Export tab. It is checked before it is "
                           "kept: unexpected files or a damaged checkpoint are refused.",
                           "从“导出”标签页导出的 .zip 文件。保存之前会先检查：含有意外文件或"
                           "检查点损坏的包会被拒绝。"),
    "runs.import_file": _s("Run bundle (.zip)", "运行包（.zip）"),
    "runs.import_go": _s("Import", "导入"),
    "runs.imported": _s("Imported as {name}.", "已导入为 {name}。"),
    # --- Compare page ------------------------------------------------------------------------
    "cmp.title": _s("Compare runs", "对比运行"),
    "cmp.pick": _s("Runs to compare (2–6)", "要对比的运行（2–6 个）"),
    "cmp.pick_hint": _s("Choose runs", "选择运行"),
    "cmp.need_two": _s("Pick at least two runs above, tick them on the Runs page, or launch a "
                       "sweep.",
                       "请在上方至少选择两个运行，或在“运行记录”页勾选，或发起一次扫描。"),
    "cmp.live": _s("Not finished yet: {states}. The charts refresh every 2 seconds.",
                   "尚未结束：{states}。图表每 2 秒刷新一次。"),
    "cmp.n_running": _s("{n} training", "{n} 个正在训练"),
    "cmp.n_queued": _s("{n} queued, waiting for a free training slot",
                       "{n} 个在排队，等待空闲的训练名额"),
    "cmp.n_paused": _s("{n} paused", "{n} 个已暂停"),
    "cmp.diff": _s("Settings that differ", "不同的设置"),
    "cmp.key": _s("Setting", "设置项"),
    "cmp.same_config": _s("All settings are the same: any difference comes from chance alone "
                          "(or from live changes made while training).",
                          "所有设置都相同：差异只来自随机性（或训练过程中的实时修改）。"),
    "cmp.smoothing": _s("Smoothing", "平滑程度"),
    "cmp.samples": _s("Latest samples", "最新样本"),
    # --- sweeps ------------------------------------------------------------------------------
    "sweep.title": _s("New sweep: one run per combination", "新建扫描：每种组合一个运行"),
    "sweep.base": _s("Start from", "起点配置"),
    "sweep.base_playground": _s("the Playground's current settings", "实验场的当前设置"),
    "sweep.key": _s("Setting {i}", "设置项 {i}"),
    "sweep.values": _s("Values", "取值"),
    "sweep.values_help": _s("Separated by commas, e.g. 1e-4, 2e-4, 1e-3",
                            "用逗号分隔，例如 1e-4, 2e-4, 1e-3"),
    "sweep.steps": _s("Iterations per run", "每个运行的迭代次数"),
    "sweep.preview": _s("{n} runs:", "{n} 个运行："),
    "sweep.go": _s("Queue {n} runs", "排队 {n} 个运行"),
    "sweep.note": _s("Runs are queued and start as soon as the server has room. Everything else, "
                     "the seed included, stays as in the starting settings.",
                     "这些运行会进入队列，服务器有空闲时立即开始。其余设置（包括随机种子）与"
                     "起点配置保持一致。"),
    "sweep.limit": _s("You may have {cap} runs going at once on this server; {slots} free now.",
                      "在本服务器上你最多可同时进行 {cap} 个运行；目前还可启动 {slots} 个。"),
    "sweep.too_many_for_limit": _s("{n} runs, but you may start only {slots} more right now "
                                   "(this server's limit per visitor): sweep fewer values or "
                                   "stop a run.",
                                   "共 {n} 个运行，但你现在最多只能再启动 {slots} 个（本服务器对"
                                   "每位访客的上限）：请减少取值或先停止一个运行。"),
    "sweep.partial": _s("Queued {n} runs, then stopped: {why}",
                        "已排队 {n} 个运行，随后中止：{why}"),
    "sweep.launched": _s("Queued {n} runs; they are selected below.",
                         "已排队 {n} 个运行，并已在下方选中。"),
    # --- sweeps worth the name: kinds, seeds, the objective, the sweep view ----------------
    "sweep.kind": _s("Kind", "类型"),
    "sweep.kind.grid": _s("grid: every combination", "网格：每种组合"),
    "sweep.kind.random": _s("random: draw configs", "随机：随机抽取配置"),
    "sweep.kind.search": _s("search: Optuna learns where to look", "搜索：由 Optuna 学习往哪里找"),
    "sweep.values_range_help": _s("Values separated by commas, or a range low..high to draw "
                                  "from, e.g. 1e-4..1e-2",
                                  "用逗号分隔的取值，或抽取范围 low..high，例如 1e-4..1e-2"),
    "sweep.log": _s("log scale", "对数刻度"),
    "sweep.seeds": _s("Seeds of each config", "每个配置的随机种子"),
    "sweep.seeds_help": _s("Each config runs once per seed, e.g. 0-4 or 1,5,9: a config is "
                           "judged on its mean over seeds.",
                           "每个配置对每个种子各运行一次，例如 0-4 或 1,5,9：按各种子的平均值评价"
                           "一个配置。"),
    "sweep.objective": _s("Objective", "目标"),
    "sweep.direction.maximize": _s("higher is better", "越高越好"),
    "sweep.direction.minimize": _s("lower is better", "越低越好"),
    "sweep.budget": _s("Configs to try", "尝试的配置数"),
    "sweep.pruning": _s("Stop configs that lag (pruning)", "提前停止落后的配置（剪枝）"),
    "sweep.pruning_help": _s("At a few evenly spaced steps a config's mean over its seeds is "
                             "compared with the median of earlier configs there; one that is "
                             "worse is stopped (Optuna's median pruner).",
                             "在几个等间隔的步数处，把一个配置在各种子上的平均值与此前配置在同一"
                             "步的中位数比较；更差的配置会被停止（Optuna 的中位数剪枝）。"),
    "sweep.plan": _s("{configs} configs × {seeds} seeds = {runs} runs; they are queued as "
                     "training slots free up, while this page is open.",
                     "{configs} 个配置 × {seeds} 个种子 = {runs} 个运行；有空闲训练位时依次排队，"
                     "需保持本页面打开。"),
    "sweep.start": _s("Start the sweep", "开始扫描"),
    "sweep.started": _s("Sweep {name} started; it is shown below.", "扫描 {name} 已开始，见下方。"),
    "sweep.upload": _s("Or start from a sweep spec (JSON)", "或从扫描描述文件（JSON）开始"),
    "sweep.upload_bad": _s("{name} was not used: {why}", "未使用 {name}：{why}"),
    "sweep.link_what": _s("the sweep in the link", "链接中的扫描"),
    "sweep.from_link": _s("This link describes a sweep ({name}); nothing runs until you start "
                          "it.", "此链接描述了一个扫描（{name}）；在你开始之前不会运行任何内容。"),
    "sweep.link_hint": _s("Add this to the Compare page's address to share the sweep:",
                          "把下面这段加到“对比”页面的地址后面即可分享此扫描："),
    "sweep.download": _s("Download this spec", "下载此扫描描述"),
    "sweep.cli": _s("The same spec runs in a terminal: `ganlab sweep spec.json --out DIR`.",
                    "同一描述也可在终端运行：`ganlab sweep spec.json --out DIR`。"),
    "sweepview.title": _s("Sweeps", "扫描"),
    "sweepview.pick": _s("Sweep", "扫描"),
    "sweepview.progress": _s("{kind} · {objective} ({direction}) · {done} of {budget} configs "
                             "done, {pruned} pruned, {running} going",
                             "{kind} · {objective}（{direction}）· 已完成 {done}/{budget} 个配置，"
                             "剪枝 {pruned} 个，进行中 {running} 个"),
    "sweepview.live": _s("Members are queued as slots free up while this page is open; it "
                         "refreshes every 3 seconds.",
                         "本页面打开时，成员会在有空闲位时依次排队；页面每 3 秒刷新一次。"),
    "sweepview.finished": _s("Sweep finished.", "扫描已完成。"),
    "sweepview.failed_note": _s("A config fails when none of its seeds finished with a value of "
                                "{objective}: the runs were stopped or failed, were shorter than "
                                "the metric's cadence (coverage is measured every 100 "
                                "iterations), or the metric does not apply to the dataset.",
                                "当一个配置的所有种子都没有以 {objective} 的取值结束时，"
                                "该配置记为失败：运行被停止或失败、短于该指标的计算间隔"
                                "（覆盖率每 100 次迭代计算一次），或该指标不适用于此数据集。"),
    "sweepview.drive": _s("Continue this sweep with my training slots",
                          "用我的训练名额继续这个扫描"),
    "sweepview.paused": _s("Nobody is driving this sweep now: it waits until someone continues "
                           "it.", "目前无人推进这个扫描：它会一直等到有人继续。"),
    "sweepview.trials": _s("Configs tried", "已尝试的配置"),
    "sweepview.col.trial": _s("Config", "配置"),
    "sweepview.col.state": _s("State", "状态"),
    "sweepview.col.value": _s("Mean over seeds", "各种子平均值"),
    "sweepview.col.spread": _s("Std over seeds", "各种子标准差"),
    "sweepview.col.noise": _s("Against the best", "与最佳相比"),
    "sweepview.within": _s("within seed noise", "在种子噪声之内"),
    "sweepview.beyond": _s("beyond seed noise", "超出种子噪声"),
    "sweepview.best": _s("best", "最佳"),
    "sweepview.noise_note": _s("Within seed noise: the 95% percentile-bootstrap interval of the "
                               "difference of means, resampling each config's seeds, contains 0. "
                               "With one seed a side there is no verdict.",
                               "“在种子噪声之内”：对每个配置的种子有放回重抽样，均值之差的 95% "
                               "百分位自助法区间包含 0。若某一方只有一个种子，则不作判断。"),
    "sweepview.parcoords": _s("Parallel coordinates: drag along an axis to keep a range",
                              "平行坐标：沿坐标轴拖动可筛选范围"),
    "sweepview.importance": _s("Which settings mattered (Optuna's fANOVA importances)",
                               "哪些设置影响最大（Optuna 的 fANOVA 重要性）"),
    "sweepview.no_finished": _s("No config has finished yet.", "还没有配置完成。"),
    "sweepview.log_axis": _s("{name} (log scale)", "{name}（对数刻度）"),
    "sweepview.no_importance": _s("Importances need two finished configs that differ.",
                                  "重要性需要至少两个已完成且不同的配置。"),
    "sweepview.compare_best": _s("Compare the best two configs' seeds",
                                 "对比最佳两个配置的各种子运行"),
    "sweepview.trial_state.complete": _s("finished", "已完成"),
    "sweepview.trial_state.pruned": _s("pruned", "已剪枝"),
    "sweepview.trial_state.running": _s("going", "进行中"),
    "sweepview.trial_state.fail": _s("failed", "失败"),
    "sweepview.trial_state.waiting": _s("waiting", "等待中"),
    "sweepview.broken": _s("{name}: {why}", "{name}：{why}"),
    "cmp.diff_only": _s("Only settings that differ", "只显示不同的设置"),
    "cmp.seed_groups": _s("Seeds of one config, as mean ± one standard deviation",
                          "同一配置的各种子：均值 ± 一个标准差"),
    "cmp.seed_metric": _s("Series", "序列"),
    "cmp.group": _s("Config", "配置"),
    "cmp.n_seeds": _s("Seeds", "种子数"),
    "cmp.final": _s("Final, mean ± std", "最终值，均值 ± 标准差"),
    "runs.group_seeds": _s("Group a config's seeds", "按配置合并各种子"),
    "runs.group_hint": _s("One row per config (seed aside): the mean ± sample standard deviation "
                          "of its runs' final values.",
                          "每个配置（不计种子）一行：其各运行最终值的均值 ± 样本标准差。"),
    # --- share and import of settings --------------------------------------------------------
    "share.title": _s("Share & import settings", "分享与导入设置"),
    "share.link_caption": _s("This link opens the Playground with exactly these settings (seed "
                             "included). Opening it never starts training.",
                             "此链接会以完全相同的设置（包括随机种子）打开实验场。打开链接不会"
                             "自动开始训练。"),
    "share.download_json": _s("Download settings (JSON)", "下载设置（JSON）"),
    "share.upload": _s("Load settings from a JSON file", "从 JSON 文件加载设置"),
    "share.upload_help": _s("A config saved with “Download settings” or exported from a run. "
                            "Every value is checked; nothing changes if any is invalid.",
                            "用“下载设置”保存或从运行中导出的配置。每个取值都会被检查；只要有"
                            "一个无效，就不做任何修改。"),
    "share.upload_ok": _s("Loaded the settings from {name}. Press Train to start.",
                          "已从 {name} 加载设置。按“训练”开始。"),
    "share.upload_bad": _s("{name} was not loaded: {why}", "未加载 {name}：{why}"),
    "share.loaded_from_link": _s("Settings restored from the link. Nothing is training yet: "
                                 "press Train when ready.",
                                 "已从链接恢复设置。目前还没有开始训练：准备好后请按“训练”。"),
    "share.loaded_from_run": _s("Settings copied from the run. Press Train to start a new run "
                                "with them.",
                                "已复制该运行的设置。按“训练”即可用它们开始新的运行。"),
    "share.problems": _s("Some settings could not be used; each line says what is used instead:",
                         "部分设置无法使用；每一行都说明了改用的值："),
    "share.dataset_unavailable": _s("dataset={dataset} is not offered on this server — using "
                                    "dataset={default}",
                                    "本服务器不提供 dataset={dataset}——改用 dataset={default}"),
    "share.resumed_run": _s("Resumed {name} with its own settings; changes you make here are "
                            "sent to it.",
                            "已按原设置继续运行 {name}；在此处所做的修改会发送给它。"),
    "share.dismiss": _s("Dismiss", "关闭"),
    "share.custom_preset": _s("Custom (no preset)", "自定义（非预设）"),
}
