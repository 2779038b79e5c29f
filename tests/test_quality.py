"""The defaults make the first experience a success (issue 2's bar), measured with real training.

ring8 with the default config, and grid25 with the hinge loss (the suitable loss named in the
README and the `grid25_good` preset), against the strict architecture §4 coverage rule.
"""

import numpy as np
import pytest

from ganlab.config import Config
from ganlab.diagnostics import mode_coverage
from ganlab.train.trainer import Trainer


def coverage_after(cfg: Config) -> dict:
    trainer = Trainer(cfg)
    trainer.train(cfg.steps)
    x = trainer.sample(2500).numpy()
    return mode_coverage(x, trainer.data.means, trainer.data.std)


@pytest.mark.slow
def test_default_config_covers_ring8():
    cov = coverage_after(Config(dataset="ring8", steps=5000))
    assert cov["modes_covered"] >= 7, cov
    assert cov["hq_share"] >= 0.70, cov


@pytest.mark.slow
def test_hinge_covers_grid25():
    cov = coverage_after(Config(dataset="grid25", loss="hinge", steps=5000))
    assert cov["modes_covered"] >= 20, cov
    assert np.isfinite(cov["mode_kl"]) and cov["mode_kl"] < 0.3, cov
