"""Strings of the Algorithm page's live pseudo-code (ganlab/ui/pseudocode.py) and of the Learn
pages' hoverable formulas (ganlab/ui/hover_formula.py). Keys start with `learn.algo.live.` and
`learn.hover.`; math notation is identical in both languages."""

from functools import partial

from ganlab.i18n.pairs import add

STRINGS: dict[str, dict[str, str]] = {}
_add = partial(add, STRINGS)


_add("learn.algo.live.", {
    "follow": (
        "**Your run, line by line.** The lit lines are the update your Playground run made "
        "last, with its numbers beside them: the same run and the same numbers as its curves. "
        "The buttons act on that run.",
        "**你的训练，逐行执行。** 高亮的行是你在实验场里的训练刚刚完成的那一次更新，旁边是它的"
        "实时数值：与实验场曲线是同一次训练、同一组数字。下面的按钮直接作用于这次训练。"),
    "none": (
        "No run to follow yet. Start one here in slow motion (the Playground's current "
        "settings, one D or G update at a time), or set one up in the Playground: this page "
        "follows the run your Playground trains.",
        "还没有可跟随的训练。可以在这里以慢动作开始一次（使用实验场当前的设置，每次只做一次 D 或 G "
        "的更新），也可以先去实验场设置：本页跟随你在实验场里训练的那一次。"),
    "ended": (
        "Your last run has ended. Start a new one in slow motion, or set one up in the "
        "Playground.",
        "你上一次的训练已经结束。可以以慢动作重新开始一次，或者去实验场重新设置。"),
    "start": ("Start a run in slow motion", "以慢动作开始训练"),
    "open": ("Open the Playground", "打开实验场"),
    "elsewhere.wgan": (
        "Your run uses `loss = {loss}`: it executes WGAN's loop, section 3 below, where its "
        "lines light up.",
        "你的训练使用 `loss = {loss}`：它执行的是下面第 3 节的 WGAN 循环，高亮显示在那里。"),
    "elsewhere.gan": (
        "Your run uses `loss = {loss}`: it executes Algorithm 1, section 1 above, where its "
        "lines light up.",
        "你的训练使用 `loss = {loss}`：它执行的是上面第 1 节的算法 1，高亮显示在那里。"),
    "iteration": ("iterations done: {step}", "已完成 {step} 次迭代"),
    "d_step": ("D step {i} of {k}", "D 的第 {i} 步（共 {k} 步）"),
    "g_step": ("G step {j} of {n}", "G 的第 {j} 步（共 {n} 步）"),
    "at": ("(iteration {step})", "（第 {step} 次迭代）"),
    "gp": ("no clipping: λ = gp_weight = {lam} penalises ‖∇f‖ ≠ 1 in line 4",
           "不裁剪：λ = gp_weight = {lam} 在第 4 行惩罚 ‖∇f‖ ≠ 1"),
    "gloss.minimax": ("{setting}: descend log(1 − D(G(z)))",
                      "{setting}：沿梯度下降 log(1 − D(G(z)))"),
    "gloss.nonsaturating": ("{setting}: descend −log D(G(z))",
                            "{setting}：沿梯度下降 −log D(G(z))"),
    "gloss.lsgan": ("{setting}: lines 4 and 7 descend its squared errors",
                    "{setting}：第 4、7 行沿梯度下降它的平方误差"),
    "gloss.hinge": ("{setting}: lines 4 and 7 descend its hinge losses",
                    "{setting}：第 4、7 行沿梯度下降它的合页损失"),
    "gloss.wgan": ("{setting}: descend −f(G(z))", "{setting}：沿梯度下降 −f(G(z))"),
    "gloss.wgan_gp": ("{setting}: descend −f(G(z))", "{setting}：沿梯度下降 −f(G(z))"),
    "fast": (
        "{its} iterations a second: every line runs many times between two refreshes. Turn on "
        "slow motion to follow it line by line.",
        "每秒 {its} 次迭代：两次刷新之间每一行都已执行了许多次。打开慢动作即可逐行跟随。"),
    "ran": ("{what} just ran (lines {lines}); next: {next}.",
            "刚刚执行：{what}，即第 {lines} 行；下一步：{next}。"),
    "d_extra": ("an extra D step (Step D, beyond k)", "一次额外的 D 更新（只更新 D，超出 k 步）"),
    "g_extra": ("an extra G step (Step G)", "一次额外的 G 更新（只更新 G）"),
    "d_updates": ("D updates: {n}", "D 已更新 {n} 次"),
    "g_updates": ("G updates: {n}", "G 已更新 {n} 次"),
    "ran_none": ("No update yet: Step D runs the D lines once.",
                 "还没有任何更新：点“只更新 D”执行一次 D 的那几行。"),
    "next_d": ("D step {i} of {k}", "D 的第 {i} 步（共 {k} 步）"),
    "next_g": ("the G step", "G 的更新"),
    "btn.step_d": ("Step D", "只更新 D"),
    "btn.step_g": ("Step G", "只更新 G"),
    "btn.step": ("One iteration", "一次完整迭代"),
})

_add("learn.algo.spread.", {
    "hist": ("minibatch estimates", "小批量估计值"),
    "count": ("minibatches", "小批量个数"),
    "current": ("Ṽ of the minibatch above", "上面那个小批量的 Ṽ"),
    "sd": ("spread of Ṽ over {n} minibatches (sd)", "{n} 个小批量上 Ṽ 的标准差"),
    "predicted": ("σ₁/√m (σ₁: one sample's sd)", "σ₁/√m（σ₁：单个样本的标准差）"),
    "caption": (
        "{n} minibatches of the same m: the histogram narrows like 1/√m as you raise m, and its "
        "centre stays at V(G, D*) (the estimate is unbiased).",
        "同样大小 m 的 {n} 个小批量：增大 m，直方图按 1/√m 变窄，而中心始终在 V(G, D*)（这个估计是"
        "无偏的）。"),
})

_add("learn.hover.", {
    "hint": (
        "Point at a term of the formula: its curve or area lights up in the figure and its "
        "value for the current sliders shows here.",
        "把鼠标移到公式中的某一项上：图中对应的曲线或面积会高亮，这里显示它在当前滑块下的数值。"),
    "hint_short": ("Point at a term: its curve lights up and its value shows here.",
                   "把鼠标移到某一项上：对应曲线高亮，这里显示它的数值。"),
    "hint_wgan": (
        "Point at a term: its curve or area lights up in the critic's figure below and its value "
        "for the trained critic shows here.",
        "把鼠标移到某一项上：下方评价网络图中对应的曲线或面积会高亮，这里显示训练好的评价网络给出的数值。"),
})
