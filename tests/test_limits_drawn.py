"""The limit check counts a drawn target's models without reading its points on the meta device
(issue 14: Train on your own points crashed with "Tensor.item() cannot be called on meta
tensors")."""

from ganlab.config import Config
from ganlab.data import make_dataset
from ganlab.serve.limits import Limits, count_parameters
from ganlab.train.mlp import build_models

POINTS = ((0.0, 0.0), (1.0, 1.0), (2.0, 0.5), (-1.0, 2.0))


def test_a_drawn_target_passes_the_limit_check_with_its_true_parameter_count():
    cfg = Config(dataset="drawn", drawn_points=POINTS)
    Limits().check(cfg)
    G, D = build_models(cfg, make_dataset(cfg))
    assert count_parameters(cfg) == sum(p.numel() for m in (G, D) for p in m.parameters())


def test_a_drawn_target_frames_its_points():
    data = make_dataset(Config(dataset="drawn", drawn_points=POINTS))
    (xlo, xhi), (ylo, yhi) = data.bounds
    assert xlo < -1.0 and xhi > 2.0 and ylo < 0.0 and yhi > 2.0
    assert data.points.shape == (4, 2) and str(data.points.device) == "cpu"
