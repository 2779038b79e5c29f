"""Strings of the Playground page and of its live figures (keys `pg.*` and `viz.*`)."""

STRINGS = {
    # --- figures -------------------------------------------------------------------------------
    "viz.no_data": {"en": "Nothing to show yet: train a few iterations.",
                    "zh": "暂无可显示的内容：请先训练几次迭代。"},
    "viz.step": {"en": "step", "zh": "第"},
    "viz.alarm": {"en": "Alarm", "zh": "警报"},
    "viz.iteration": {"en": "iteration", "zh": "迭代次数"},
    "viz.loss_title": {"en": "Losses", "zh": "损失"},
    "viz.loss_d": {"en": "D loss L<sub>D</sub>", "zh": "D 的损失 L<sub>D</sub>"},
    "viz.loss_g": {"en": "G loss L<sub>G</sub>", "zh": "G 的损失 L<sub>G</sub>"},
    "viz.equilibrium_d": {"en": "L<sub>D</sub> at equilibrium = {value}",
                          "zh": "均衡时 L<sub>D</sub> = {value}"},
    "viz.equilibrium_g": {"en": "L<sub>G</sub> at equilibrium", "zh": "均衡时的 L<sub>G</sub>"},
    "viz.d_over_time": {"en": "Mean D(x) on real and fake", "zh": "D(x) 在真实与生成样本上的均值"},
    "viz.d_over_time_critic": {"en": "Mean critic score on real and fake",
                               "zh": "评论家在真实与生成样本上的平均得分"},
    "viz.d_real": {"en": "D(real)", "zh": "D(真实)"},
    "viz.d_fake": {"en": "D(fake)", "zh": "D(生成)"},
    "viz.d_hist": {"en": "D(x) now: real vs fake", "zh": "当前 D(x)：真实 vs 生成"},
    "viz.d_hist_critic": {"en": "Critic score now: real vs fake",
                          "zh": "当前评论家得分：真实 vs 生成"},
    "viz.d_value": {"en": "D(x) = probability of “real”", "zh": "D(x) = 判为“真实”的概率"},
    "viz.critic_value": {"en": "critic score f(x)", "zh": "评论家得分 f(x)"},
    # pack > 1 (PacGAN): a point's D is its score in a pack with m − 1 real samples
    "viz.pack_note": {"en": "in a pack with {others} real samples",
                      "zh": "与 {others} 个真实样本打包"},
    "viz.share": {"en": "share of samples", "zh": "样本占比"},
    "viz.real": {"en": "real data", "zh": "真实数据"},
    "viz.fake": {"en": "generated G(z)", "zh": "生成样本 G(z)"},
    "viz.grad_title": {"en": "Gradient norms", "zh": "梯度范数"},
    "viz.grad_d": {"en": "‖∇<sub>θ<sub>D</sub></sub> L<sub>D</sub>‖",
                   "zh": "‖∇<sub>θ<sub>D</sub></sub> L<sub>D</sub>‖"},
    "viz.grad_g": {"en": "‖∇<sub>θ<sub>G</sub></sub> L<sub>G</sub>‖",
                   "zh": "‖∇<sub>θ<sub>G</sub></sub> L<sub>G</sub>‖"},
    "viz.arrows": {"en": "G's gradient (direction, rescaled)", "zh": "G 的梯度（方向，已缩放）"},
    "viz.manifold": {"en": "G's manifold (warped noise grid)", "zh": "G 的流形（扭曲的噪声网格）"},
    "viz.p_data": {"en": "p<sub>data</sub> (exact)", "zh": "p<sub>data</sub>（精确）"},
    "viz.p_g": {"en": "p<sub>g</sub> (from samples)", "zh": "p<sub>g</sub>（由样本估计）"},
    "viz.d_curve": {"en": "D(x)", "zh": "D(x)"},
    "viz.critic_curve": {"en": "critic f(x)", "zh": "评论家 f(x)"},
    "viz.d_star": {"en": "D*(x) = p<sub>data</sub> / (p<sub>data</sub> + p<sub>g</sub>)",
                   "zh": "D*(x) = p<sub>data</sub> / (p<sub>data</sub> + p<sub>g</sub>)"},
    "viz.density": {"en": "density", "zh": "概率密度"},
    "viz.dstar_gap": {"en": "mean |D − D*| = {gap}   (p<sub>g</sub>: kernel density of {n} "
                            "samples of G)",
                      "zh": "|D − D*| 均值 = {gap}（p<sub>g</sub>：对生成器的 {n} 个样本做核密度"
                            "估计）"},
    "viz.mapping_title": {"en": "How G maps noise to data", "zh": "G 如何把噪声映射为数据"},
    "viz.noise_z": {"en": "noise z (first coordinate)", "zh": "噪声 z（第一个分量）"},
    "viz.node.noise": {"en": "Noise", "zh": "噪声"},
    "viz.node.samples": {"en": "Samples", "zh": "样本"},
    "viz.node.pred": {"en": "D's predictions", "zh": "D 的判断"},
    "viz.node.loss": {"en": "Losses", "zh": "损失"},
    "viz.node.grad_d": {"en": "∇L<sub>D</sub> updates D", "zh": "∇L<sub>D</sub> 更新 D"},
    "viz.node.grad_g": {"en": "∇L<sub>G</sub> flows back through D to update G",
                        "zh": "∇L<sub>G</sub> 穿过 D 反传，更新 G"},
}

STRINGS.update({
    # --- page ----------------------------------------------------------------------------------
    "pg.title": {"en": "Playground", "zh": "实验场"},
    "pg.tagline": {
        "en": "Pick a dataset, press Train, and watch the generator (purple) chase the real data "
              "(green) while the discriminator's opinion (background) shifts under it.",
        "zh": "选一个数据集，按“训练”，看生成器（紫色）如何追赶真实数据（绿色），"
              "而判别器的判断（背景色）在它脚下不断变化。"},
    "pg.intro": {
        "en": "Press **Train** to start. Nothing is trained yet; below is the model you will "
              "watch: noise goes through G, D judges real and generated samples, and the two "
              "losses send gradients back.",
        "zh": "按 **训练** 开始。现在还没有开始训练；下面是即将观察的模型：噪声经过 G，"
              "D 判断真实样本和生成样本，两个损失再把梯度传回去。"},
    "pg.run_not_attached": {
        "en": "The run in the link is not available to this tab (it ended, or another open tab "
              "owns it). Start a new one with Train.",
        "zh": "链接中的运行无法在此标签页中打开（它已结束，或正被另一个打开的标签页使用）。"
              "请按“训练”开始新的运行。"},
    "pg.preset_unknown": {"en": "Unknown preset in the link; the defaults are used.",
                          "zh": "链接中的预设不存在，已使用默认设置。"},
    "pg.job_gone": {"en": "This run is no longer available. Press Reset, then Train.",
                    "zh": "这次运行已不可用。请按“重置”，再按“训练”。"},
    # --- buttons -------------------------------------------------------------------------------
    "pg.btn.train": {"en": "Train", "zh": "训练"},
    "pg.btn.train.help": {"en": "Start a new run with the settings on the left.",
                          "zh": "用左侧的设置开始一次新的运行。"},
    "pg.btn.pause": {"en": "Pause", "zh": "暂停"},
    "pg.btn.resume": {"en": "Resume", "zh": "继续"},
    "pg.btn.step": {"en": "Step", "zh": "单步"},
    "pg.btn.step.help": {"en": "Exactly one iteration: d_steps updates of D, then g_steps of G.",
                         "zh": "恰好一次迭代：先更新 D d_steps 次，再更新 G g_steps 次。"},
    "pg.btn.step_d": {"en": "Step D", "zh": "只更新 D"},
    "pg.btn.step_d.help": {"en": "One update of the discriminator only: counted under "
                                 "“D / G updates”, not as an iteration.",
                           "zh": "只对判别器做一次更新：计入“D / G 更新次数”，不计为一次迭代。"},
    "pg.btn.step_g": {"en": "Step G", "zh": "只更新 G"},
    "pg.btn.step_g.help": {"en": "One update of the generator only: counted under "
                                 "“D / G updates”, not as an iteration.",
                           "zh": "只对生成器做一次更新：计入“D / G 更新次数”，不计为一次迭代。"},
    "pg.btn.reset": {"en": "Reset", "zh": "重置"},
    "pg.btn.reset.help": {"en": "Stop this run (its folder is kept) and start over from fresh "
                                "networks with the current settings.",
                          "zh": "停止当前运行（保留其文件夹），并用当前设置从全新的网络重新开始。"},
    "pg.slow": {"en": "Slow motion", "zh": "慢动作"},
    "pg.slow.help": {
        "en": "For lectures: training goes on one update at a time with a pause between, D "
              "then G, and the page says which network just moved. Pause and Resume work as "
              "usual; turn it off for full speed.",
        "zh": "适合课堂讲解：训练继续进行，但每次只做一步更新，中间停顿，先 D 后 G，"
              "页面会说明刚刚更新的是哪个网络。暂停和继续照常可用；关闭后恢复全速。"},
    "pg.slow.delay": {"en": "Seconds per update", "zh": "每步间隔（秒）"},
    "pg.slow.moved_d": {
        "en": "**D just moved**: it got a little better at telling real (green) from generated "
              "(purple) — watch the background shift.",
        "zh": "**D 刚刚更新**：它更善于区分真实（绿色）与生成（紫色）样本了——注意背景色的变化。"},
    "pg.slow.moved_g": {
        "en": "**G just moved**: each purple sample followed its arrow, towards where D says "
              "“real”.",
        "zh": "**G 刚刚更新**：每个紫色样本都沿着自己的箭头移动，朝 D 认为“真实”的方向前进。"},
    "pg.slow.waiting": {"en": "Slow motion: the next update comes in a moment…",
                        "zh": "慢动作：下一步更新马上开始……"},
    # --- status --------------------------------------------------------------------------------
    "pg.iteration": {"en": "Iteration", "zh": "迭代"},
    "pg.its": {"en": "Iterations/s", "zh": "每秒迭代"},
    "pg.state": {"en": "State", "zh": "状态"},
    "pg.state.queued": {"en": "queued", "zh": "排队中"},
    "pg.state.running": {"en": "training", "zh": "训练中"},
    "pg.state.slow": {"en": "slow motion", "zh": "慢动作训练中"},
    "pg.updates": {"en": "D / G updates", "zh": "D / G 更新次数"},
    "pg.updates.help": {"en": "Optimizer steps of the discriminator and of the generator so "
                              "far. One iteration is d_steps of D, then g_steps of G; Step D "
                              "and Step G add one here.",
                        "zh": "到目前为止判别器和生成器各自的优化步数。"
              "一次迭代先更新 D d_steps 次，"
                              "再更新 G g_steps 次；“只更新 D”和“只更新 G”会在这里加一。"},
    "pg.state.paused": {"en": "paused", "zh": "已暂停"},
    "pg.state.finished": {"en": "finished", "zh": "已完成"},
    "pg.state.failed": {"en": "failed", "zh": "失败"},
    "pg.state.stopped": {"en": "stopped", "zh": "已停止"},
    "pg.queued": {"en": "Waiting for a free slot: position {position} in the queue.",
                  "zh": "正在等待空闲名额：排在第 {position} 位。"},
    "pg.frame_shown": {"en": "Showing the snapshot of iteration {step} (live view is off).",
                       "zh": "正在显示第 {step} 次迭代的快照（实时视图已关闭）。"},
    "pg.error.usable": {
        "en": "The app is still usable: change the settings on the left and press Reset, then "
              "Train.",
        "zh": "应用仍可正常使用：修改左侧设置后按“重置”，再按“训练”。"},
    "pg.error.config": {"en": "Invalid settings: {detail}", "zh": "设置无效：{detail}"},
    "pg.error.action": {"en": "That did not work: {detail}", "zh": "操作未能完成：{detail}"},
    "pg.error.live": {"en": "The running job refused the change: {detail}",
                      "zh": "正在运行的任务拒绝了这次修改：{detail}"},
    "pg.needs_reset": {
        "en": "Changed {keys}: these need new networks or data, so they apply when you press "
              "Reset. Settings marked :material/bolt: apply at once.",
        "zh": "已修改 {keys}：这些设置需要新的网络或数据，按“重置”后生效。"
              "标有 :material/bolt: 的设置会立即生效。"},
    "pg.seeds": {"en": "Run these settings on 5 seeds", "zh": "用 5 个随机种子运行这组设置"},
    "pg.seeds.help": {
        "en": "A GAN's runs differ more across seeds than many settings differ from each other. "
              "This opens Compare's sweep with these settings as seeds 0-4: it shows their mean "
              "± spread, and whether another config differs by more than seed noise.",
        "zh": "同一组设置在不同随机种子下的差异，往往大于许多设置之间的差异。这会打开“比较”页的"
              "扫描，以这组设置运行种子 0-4：显示均值 ± 离散程度，并判断另一组配置的差异是否超出"
              "种子噪声。"},
    # --- view options --------------------------------------------------------------------------
    "pg.views": {"en": "Views", "zh": "视图"},
    "pg.view.picture": {"en": "Picture", "zh": "分布图"},
    "pg.view.losses": {"en": "Losses", "zh": "损失"},
    "pg.view.d_outputs": {"en": "D over time", "zh": "D 随时间变化"},
    "pg.view.diagram": {"en": "Model diagram", "zh": "模型示意图"},
    "pg.view.d_hist": {"en": "D histogram", "zh": "D 的直方图"},
    "pg.view.grad_norms": {"en": "Gradient norms", "zh": "梯度范数"},
    "pg.view.diagnostics": {"en": "Diagnostics", "zh": "诊断"},
    "pg.layers": {"en": "Layers", "zh": "图层"},
    "pg.layer.heatmap": {"en": "D heatmap", "zh": "D 热力图"},
    "pg.layer.real": {"en": "Real", "zh": "真实样本"},
    "pg.layer.fake": {"en": "Generated", "zh": "生成样本"},
    "pg.layer.arrows": {"en": "G's gradient", "zh": "G 的梯度"},
    "pg.layer.manifold": {"en": "G's manifold", "zh": "G 的流形"},
    "pg.smooth": {"en": "Smooth losses", "zh": "平滑损失曲线"},
    "pg.follow": {"en": "Live", "zh": "实时"},
    "pg.follow.help": {"en": "Turn off to scrub back through earlier snapshots with the slider "
                             "(training goes on).",
                       "zh": "关闭后可用滑块回看之前的快照（训练仍在继续）。"},
    "pg.frame": {"en": "Snapshot", "zh": "快照"},
    # --- controls ------------------------------------------------------------------------------
    "pg.classroom": {"en": "Classroom mode", "zh": "课堂模式"},
    "pg.classroom.help": {"en": "Bigger plots and fonts for a projector; hides the controls "
                                "chosen below.",
                          "zh": "为投影仪放大图表与字体，并隐藏下面选中的控件。"},
    "pg.classroom.hide": {"en": "Hide in classroom mode", "zh": "课堂模式下隐藏"},
    "pg.preset": {"en": "Preset", "zh": "预设"},
    "pg.preset.help": {"en": "Known-good settings and known failures, ready to run.",
                       "zh": "已知有效的设置和典型的失败案例，可直接运行。"},
    "pg.group.presets": {"en": "Presets", "zh": "预设"},
    "pg.group.data": {"en": "Data", "zh": "数据"},
    "pg.group.networks": {"en": "Networks", "zh": "网络结构"},
    "pg.group.noise": {"en": "Noise", "zh": "噪声"},
    "pg.group.training": {"en": "Training", "zh": "训练"},
    "pg.group.optimizers": {"en": "Optimizers", "zh": "优化器"},
    "pg.group.batch_seed": {"en": "Batch size and seed", "zh": "批大小与随机种子"},
    "pg.live_hint": {"en": ":material/bolt: applies at once while training; the rest on Reset.",
                     "zh": ":material/bolt: 训练中立即生效；其余设置在重置后生效。"},
    "pg.ctl.dataset": {"en": "Dataset", "zh": "数据集"},
    "pg.ctl.g_layers": {"en": "G layers", "zh": "G 层数"},
    "pg.ctl.g_width": {"en": "G width", "zh": "G 宽度"},
    "pg.ctl.d_layers": {"en": "D layers", "zh": "D 层数"},
    "pg.ctl.d_width": {"en": "D width", "zh": "D 宽度"},
    "pg.ctl.activation": {"en": "Activation", "zh": "激活函数"},
    "pg.ctl.noise": {"en": "Prior", "zh": "先验分布"},
    "pg.ctl.noise_dim": {"en": "Noise dimension", "zh": "噪声维度"},
    "pg.ctl.noise_dim.help": {"en": "G's manifold view uses the first two noise coordinates.",
                              "zh": "G 的流形视图使用噪声的前两个分量。"},
    "pg.ctl.loss": {"en": "Loss", "zh": "损失函数"},
    "pg.ctl.lr_d": {"en": "lr D", "zh": "D 学习率"},
    "pg.ctl.lr_g": {"en": "lr G", "zh": "G 学习率"},
    "pg.ctl.d_steps": {"en": "D steps", "zh": "D 步数"},
    "pg.ctl.d_steps.help": {"en": "Updates of D per iteration (k in Goodfellow et al.).",
                            "zh": "每次迭代中 D 的更新次数（Goodfellow 等人论文中的 k）。"},
    "pg.ctl.g_steps": {"en": "G steps", "zh": "G 步数"},
    "pg.ctl.optimizer_d": {"en": "Optimizer D", "zh": "D 优化器"},
    "pg.ctl.optimizer_g": {"en": "Optimizer G", "zh": "G 优化器"},
    "pg.ctl.batch_size": {"en": "Batch size", "zh": "批大小"},
    "pg.ctl.seed": {"en": "Seed", "zh": "随机种子"},
    "pg.ctl.steps": {"en": "Stop after (iterations)", "zh": "训练至（迭代次数）"},
    "pg.noise.gaussian": {"en": "Gaussian", "zh": "高斯"},
    "pg.noise.uniform": {"en": "Uniform", "zh": "均匀"},
    "pg.loss.minimax": {"en": "minimax (saturating)", "zh": "极小极大（饱和）"},
    "pg.loss.nonsaturating": {"en": "non-saturating", "zh": "非饱和"},
    "pg.loss.wgan": {"en": "WGAN (clipping)", "zh": "WGAN（权重裁剪）"},
    "pg.loss.wgan_gp": {"en": "WGAN-GP", "zh": "WGAN-GP"},
    "pg.loss.lsgan": {"en": "least squares (LSGAN)", "zh": "最小二乘（LSGAN）"},
    "pg.loss.hinge": {"en": "hinge", "zh": "合页（hinge）"},
    "pg.data.gaussians1d": {"en": "1D", "zh": "一维"},
    "pg.data.ring8": {"en": "ring", "zh": "圆环"},
    "pg.data.grid25": {"en": "grid", "zh": "网格"},
    "pg.data.spiral": {"en": "spiral", "zh": "螺旋"},
    "pg.data.moons": {"en": "moons", "zh": "双月"},
    "pg.data.circles": {"en": "circles", "zh": "同心圆"},
    "pg.data.drawn": {"en": "draw", "zh": "手绘"},
    "pg.data.digits": {"en": "digits", "zh": "手写数字"},
    "pg.data.mnist": {"en": "MNIST", "zh": "MNIST"},
    "pg.data.fashion_mnist": {"en": "clothes", "zh": "服饰"},
    "pg.data.cifar10": {"en": "CIFAR-10", "zh": "CIFAR-10"},
    "pg.data.folder": {"en": "my images", "zh": "我的图片"},
    "pg.kind_note.image": {
        "en": "Image settings applied: {values}. Images need a larger noise vector and smaller "
              "batches than points; change them freely.",
        "zh": "已切换为图像设置：{values}。"
              "图像比二维点需要更大的噪声向量和更小的批量；可随意修改。"},
    "pg.kind_note.toy": {
        "en": "Point-data settings applied: {values}.",
        "zh": "已切换为二维点数据设置：{values}。"},
    "pg.folder.upload": {"en": "Your images (a .zip)", "zh": "你的图片（.zip 压缩包）"},
    "pg.folder.help": {
        "en": "PNG, JPEG, GIF, BMP, WEBP or TIFF files in a zip (at most 50 MB, 5,000 files). "
              "Each image is checked, centre-cropped and resized; anything else is skipped.",
        "zh": "打包成 zip 的 PNG、JPEG、GIF、BMP、WEBP 或 TIFF 图片（最多 50 MB、5,000 个文件）。"
              "每张图片都会被检查、居中裁剪并缩放；其他文件会被跳过。"},
    "pg.folder.need": {"en": "Upload a zip of images to train on them.",
                       "zh": "请上传一个图片 zip 包后再训练。"},
    "pg.folder.off": {"en": "Uploads are switched off on this server.",
                      "zh": "此服务器已关闭上传功能。"},
    "pg.folder.error": {"en": "Cannot use this zip: {detail}", "zh": "无法使用该 zip：{detail}"},
    "pg.folder.loaded": {"en": "{images} images from {name}",
                         "zh": "从 {name} 读取了 {images} 张图片"},
    "pg.folder.skipped": {"en": "Skipped: {what}", "zh": "已跳过：{what}"},
    "pg.folder.why.not_image": {"en": "not an image", "zh": "不是图片"},
    "pg.folder.why.too_large": {"en": "too large", "zh": "过大"},
    "pg.folder.why.unsafe_name": {"en": "unsafe name", "zh": "不安全的文件名"},
    "pg.folder.why.link": {"en": "link", "zh": "链接"},
    # --- drawing -------------------------------------------------------------------------------
    "pg.draw.title": {"en": "Your data: draw it or upload it", "zh": "你的数据：手绘或上传"},
    "pg.draw.help": {
        "en": "Click grid dots to add points; for many at once, pick Lasso Select or Box "
              "Select in the chart's toolbar and drag over them. Samples are your points plus "
              "a little noise.",
        "zh": "点击网格上的点来添加数据点；要一次添加多个，请在图表工具栏中选择套索选择或"
              "框选，然后拖过这些点。训练样本就是这些点加上少量噪声。"},
    "pg.draw.count": {"en": "Points", "zh": "点数"},
    "pg.draw.undo": {"en": "Undo", "zh": "撤销"},
    "pg.draw.clear": {"en": "Clear", "zh": "清空"},
    "pg.draw.csv": {"en": "…or upload a CSV", "zh": "……或上传 CSV 文件"},
    "pg.draw.csv.help": {"en": "Two columns x,y, one point per row; a header row is allowed.",
                         "zh": "两列 x,y，每行一个点；可以有表头行。"},
    "pg.draw.csv_error": {"en": "Could not use this file: {detail}",
                          "zh": "无法使用该文件：{detail}"},
    "pg.draw.need": {"en": "Add at least 3 points to train.", "zh": "至少添加 3 个点才能训练。"},
    # --- presets -------------------------------------------------------------------------------
    "preset.ring8_default": {"en": "Ring of 8 (start here)", "zh": "8 峰圆环（从这里开始）"},
    "preset.ring8_default.what": {
        "en": "The Playground's start: the non-saturating loss, Adam at {lr_d} for both nets, "
              "{g_layers} hidden layers of {g_width} and ring8's own R1 penalty "
              "(γ = {r1_weight}): watch G spread out "
              "from the centre onto the ring: within 1,000 iterations its samples lie on the "
              "circle of radius 2 (within 0.05 on average), then gather on the 8 modes.",
        "zh": "实验场的起点：非饱和损失，两个网络都用学习率 {lr_d} 的 Adam，{g_layers} 个宽 "
              "{g_width} 的隐藏层，加上 8 峰圆环自带的 R1 惩罚（γ = {r1_weight}）："
              "看 G 如何从中心铺开到圆环上："
              "1,000 次迭代内，样本落在半径为 2 的圆上（平均偏差不超过 0.05），"
              "随后聚到 8 个峰上。"},
    "preset.grid25_good": {"en": "Grid of 25 (works)", "zh": "25 峰网格（可收敛）"},
    "preset.grid25_good.what": {
        "en": "The grid's own defaults: the hinge loss, {g_layers} hidden layers of {g_width}, an "
              "R1 penalty (γ = {r1_weight}) and samples from an average of G's weights (EMA, "
              "decay {ema}): at least 20 of the 25 modes in 5,000 iterations, and all 25 on every "
              "seed tried at 20,000.",
        "zh": "网格自带的默认设置：hinge 损失，{g_layers} 个宽 {g_width} 的隐藏层，R1 惩罚"
              "（γ = {r1_weight}），样本取自 G 权重的指数滑动平均（衰减 {ema}）：5,000 次迭代内"
              "覆盖 25 个峰中的至少 20 个，20,000 次迭代时每个试过的随机种子都覆盖全部 25 个。"},
    "preset.collapse_grid25_minimax": {"en": "Mode collapse (grid, minimax)",
                                       "zh": "模式坍塌（网格，极小极大）"},
    "preset.collapse_grid25_minimax.what": {
        "en": "The minimax loss, G's learning rate {g_lr_ratio}× D's and small networks "
              "({g_layers} hidden layers of {g_width}): G jumps to wherever D says “real” before "
              "D can follow, and its samples bunch there: at most 2 of the 25 modes covered in "
              "600 iterations.",
        "zh": "极小极大损失，G 的学习率是 D 的 {g_lr_ratio} 倍，"
              "网络较小（{g_layers} 个宽 {g_width} "
              "的隐藏层）：D 还来不及调整，G 就跳到 D 认为“真实”的地方，样本挤在那里："
              "600 次迭代内 25 个峰最多覆盖 2 个。"},
    "preset.vanishing_saturating": {"en": "Vanishing gradient", "zh": "梯度消失"},
    "preset.vanishing_saturating.what": {
        "en": "A strong D ({d_steps} updates per G update, {lr_ratio}× G's learning rate) with "
              "the saturating loss: within 150 iterations D(G(z)) → 0 and G's gradient dies.",
        "zh": "强大的 D（每次 G 更新配 {d_steps} 次 D 更新，学习率是 G 的 {lr_ratio} 倍）配合饱和"
              "损失：150 次迭代内 D(G(z)) → 0，G 的梯度消失。"},
    "preset.wgan_gp_fix": {"en": "WGAN-GP on the grid", "zh": "网格上的 WGAN-GP"},
    "preset.wgan_gp_fix.what": {
        "en": "The collapse preset's networks with a gradient-penalised Wasserstein critic "
              "(λ = {gp_weight}, {d_steps} critic update per G update, both learning rates "
              "{lr_d}): the samples stay spread out, with no collapse alarm in 600 iterations, "
              "and sharpen onto the modes only slowly.",
        "zh": "与模式坍塌预设相同的网络，改用带梯度惩罚的 Wasserstein 评论家（λ = {gp_weight}，"
              "每次 G 更新配 {d_steps} 次评论家更新，两个学习率都是 {lr_d}）：样本保持分散，"
              "600 次迭代内不触发坍塌警报，但向各个峰收紧得很慢。"},
    "preset.many_d_steps": {"en": "Too many D steps", "zh": "D 步数过多"},
    "preset.many_d_steps.what": {
        "en": "{d_steps} D updates per G update with the saturating loss: D wins: by "
              "iteration 40, D(G(z)) is below 0.05, where one D update per G update keeps it "
              "above 0.25.",
        "zh": "每次 G 更新配 {d_steps} 次 D 更新，并使用饱和损失：D 占了上风：到第 40 次迭代，"
              "D(G(z)) 已低于 0.05，而每次 G 更新只配一次 D 更新时它保持在 0.25 以上。"},
    "preset.unbalanced_lr": {"en": "Unbalanced learning rates", "zh": "学习率失衡"},
    "preset.unbalanced_lr.what": {
        "en": "lr_D is {lr_ratio}× lr_G: D runs away while G crawls: after 50 iterations D's "
              "loss is below 0.01, and G's samples are at least 1.5× as far from the ring's "
              "modes as with lr_G = lr_D.",
        "zh": "lr_D 是 lr_G 的 {lr_ratio} 倍：D 一路领先，G 步履蹒跚：50 次迭代后 D 的损失低于 "
              "0.01，而 G 的样本离圆环各峰的距离至少是 lr_G = lr_D 时的 1.5 倍。"},
    "preset.gaussians1d_dstar": {"en": "1D: D versus D*", "zh": "一维：D 与 D*"},
    "preset.gaussians1d_dstar.what": {
        "en": "Two Gaussians on a line, trained by Algorithm 1: {d_steps} D updates per G update, "
              "D's learning rate {lr_ratio}× G's, uniform noise. D(x) follows D*(x) = "
              "p_data/(p_data+p_g) (their mean gap stays under 0.05 from iteration 1,000 on), "
              "and both flatten towards 1/2 as p_g approaches p_data.",
        "zh": "直线上的两个高斯分布，按算法 1 训练：每次更新 G 前更新 D {d_steps} 次，D 的学习率是 "
              "G 的 {lr_ratio} 倍，均匀噪声。D(x) 跟随 D*(x) = p_data/(p_data+p_g)（从第 1,000 "
              "次迭代起两者差距的均值低于 0.05），并随着 p_g 接近 p_data 一起趋于 1/2。"},
    "preset.digits_default": {"en": "Handwritten digits (works)", "zh": "手写数字（可收敛）"},
    "preset.digits_default.what": {
        "en": "A DCGAN on 8×8 digits with the image defaults (a {noise_dim}-dim prior, batch "
              "{batch_size}): at least 8 of the 10 classes within 500 iterations.",
        "zh": "用图像默认设置（{noise_dim} 维先验、批量 {batch_size}）在 8×8 手写数字上训练 "
              "DCGAN：500 次迭代内 10 个类别中至少出现 8 个。"},
    "preset.digits_collapse": {"en": "Mode collapse (digits, MLP)", "zh": "模式坍塌（数字，MLP）"},
    "preset.digits_collapse.what": {
        "en": "The original MLP GAN with the saturating loss and G {g_lr_ratio}× faster than D: "
              "every z gives the same image, and the mode-collapse alarm fires within 1,000 "
              "iterations.",
        "zh": "原始的 MLP GAN，使用饱和损失且 G 比 D 快 {g_lr_ratio} 倍：每个 z 都生成同一张图，"
              "1,000 次迭代内触发模式坍塌警报。"},
})
