"""Strings shared by every page: navigation, language switch, generic buttons and messages."""

STRINGS = {
    "app.title": {"en": "ganlab", "zh": "ganlab"},
    "app.tagline": {
        "en": "Watch a Generative Adversarial Network train, live, on real PyTorch.",
        "zh": "在真实的 PyTorch 上实时观察生成式对抗网络的训练过程。",
    },
    "common.language": {"en": "Language", "zh": "语言"},
}

STRINGS.update({
    "nav.section.train": {"en": "Train", "zh": "训练"},
    "nav.section.learn": {"en": "Learn", "zh": "学习"},
    "nav.playground": {"en": "Playground", "zh": "实验场"},
    "nav.runs": {"en": "Runs", "zh": "运行记录"},
    "nav.compare": {"en": "Compare", "zh": "对比"},
    "nav.gallery": {"en": "Gallery", "zh": "作品展"},
    "nav.learn_sampling": {"en": "Sampling", "zh": "采样"},
    "nav.learn_information": {"en": "Information measures", "zh": "信息度量"},
    "nav.learn_mle": {"en": "Likelihood & mode collapse", "zh": "最大似然与模式坍塌"},
    "nav.learn_gan_game": {"en": "The GAN game", "zh": "GAN 博弈"},
    "nav.learn_wgan": {"en": "WGAN", "zh": "WGAN"},
    "nav.learn_cyclegan": {"en": "CycleGAN", "zh": "CycleGAN"},
    "nav.learn_evaluating": {"en": "Evaluating GANs", "zh": "评估 GAN"},
})
