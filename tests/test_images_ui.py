"""Image views: pure builders, then the panel through AppTest on a real tiny run folder."""

import base64

import numpy as np
import pytest
import torch

from ganlab.config import Config
from ganlab.live.build import encode_grid
from ganlab.viz import images as vi


def test_split_grid_inverts_encode_grid():
    for shape in [(64, 1, 8, 8), (10, 3, 32, 32), (3, 1, 28, 28)]:
        x = torch.rand(shape) * 2 - 1
        tiles = vi.split_grid(encode_grid(x), shape[0])
        assert np.array_equal(tiles, vi.to_uint8(x.numpy()))


def test_scored_grid_and_enlarge_sizes():
    png = encode_grid(torch.zeros(16, 1, 8, 8))
    scored = vi.decode(vi.scored_grid(png, np.linspace(0, 1, 16)))
    assert scored.shape[1] >= 8 * vi.TILE_PX and scored.shape[2] == 3
    big = vi.decode(vi.enlarge(png, min_width=300))
    small = vi.decode(png)
    assert big.shape[1] >= 300 and big.shape[1] % small.shape[1] == 0


def test_image_shape_of_a_snapshot_grid():
    assert vi.image_shape(encode_grid(torch.zeros(64, 1, 8, 8))) == (1, 8, 8)
    assert vi.image_shape(encode_grid(torch.rand(64, 3, 32, 32))) == (3, 32, 32)


def test_class_shares_and_figure():
    diag = {f"mode_share_{k:02d}": np.array([0.0, 0.1 * (k != 3)]) for k in range(10)}
    shares = vi.class_shares(diag, 10)
    assert shares[3] == 0 and shares[0] == pytest.approx(0.1)
    assert vi.class_shares({}, 10) is None
    # A later row from a probe that measures no class shares is a gap, not the latest shares.
    gapped = {k: np.append(v, np.nan) for k, v in diag.items()}
    assert np.array_equal(vi.class_shares(gapped, 10), shares)
    assert vi.class_shares({k: np.array([np.nan]) for k in diag}, 10) is None
    fig = vi.class_share_figure(shares, [str(i) for i in range(10)],
                                {"title": "t", "fair": "fair"})
    colours = fig.data[0].marker.color
    assert colours[3] != colours[0]  # the uncovered class is drawn differently


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    from ganlab.runs.folder import Run
    from ganlab.train.trainer import Trainer

    root = tmp_path_factory.mktemp("runs")
    cfg = Config(dataset="digits", batch_size=16, g_width=16, d_width=16, conditional=True,
                 data_dir=str(tmp_path_factory.mktemp("data")))
    tr = Trainer(cfg, device="cpu", threads=1)
    run = Run.create(root / "job1", cfg)
    for step in (1, 2):
        tr.iterate()
        run.save_samples(step, encode_grid(tr.sample(64, tr.fixed_noise(64))))
    run.save_checkpoint(tr)
    return root, cfg, tr


def _panel_script():
    import numpy as np

    from ganlab.live.build import encode_grid
    from ganlab.live.snapshot import Snapshot
    from ganlab.ui import image_panel, session

    class Manager:
        root = ROOT  # noqa: F821  (injected by the test)

        def frames(self, job_id):
            return []

    session.manager = lambda: Manager()
    x = GRID  # noqa: F821
    # Two probe rows: the classifier's at 250, then one at 300 by a probe that measures none of
    # these (cadences differ), so every column here ends in a gap.
    nan = float("nan")
    diag = {"step": np.array([250, 300]), "modes_covered": np.array([9.0, nan]),
            "classifier_score": np.array([7.5, nan]), "fcd": np.array([12.0, nan]),
            "recall": np.array([0.6, nan]),
            **{f"mode_share_{k:02d}": np.array([0.08 * (k != 4), nan]) for k in range(10)}}
    snap = Snapshot(run_id="job1", seq=3, state="running", step=3, config=CFG,  # noqa: F821
                    grid_png=encode_grid(x), real_png=encode_grid(x),
                    image_scores=np.linspace(0, 1, 64).astype(np.float32), diagnostics=diag)
    image_panel.render(snap, "job1")


def test_panel_renders_all_views(run_folder):
    from streamlit.testing.v1 import AppTest

    root, cfg, tr = run_folder
    torch.save(tr.sample(64, tr.fixed_noise(64)), root / "grid.pt")
    # The script's globals (run root, grid, config) are written into its source.
    header = (f"ROOT = {str(root)!r}\nimport torch\nGRID = torch.load({str(root / 'grid.pt')!r})"
              f"\nCFG = {cfg.to_dict()!r}\n")
    at = AppTest.from_string(header + _source_body(_panel_script), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert len(at.select_slider) == 1  # samples at steps 1, 2 on disk and the live step 3
    assert at.select_slider[0].options == ["iteration 1", "iteration 2", "iteration 3"]
    assert [m.value for m in at.metric] == ["9/10", "7.50", "12.00", "0.60"]
    assert len(at.number_input) == 2 and len(at.slider) == 1 and len(at.selectbox) == 1
    at.slider[0].set_value(0.5).run()
    assert not at.exception
    at.radio[0].set_value("linear").run()
    at.select_slider[0].set_value(1).run()
    assert not at.exception
    at.toggle[0].set_value(False).run()
    assert not at.exception


def _source_body(fn) -> str:
    import inspect
    import textwrap

    lines = inspect.getsource(fn).splitlines()[1:]
    return textwrap.dedent("\n".join(lines))


def test_the_model_diagram_of_an_image_run_shows_images_and_d_scores():
    from ganlab.live.snapshot import Snapshot
    from ganlab.viz import diagram

    grid = encode_grid(torch.rand(64, 1, 8, 8) * 2 - 1)
    snap = Snapshot(run_id="r", seq=1, state="running", step=5, grid_png=grid, real_png=grid,
                    image_scores=np.linspace(0.1, 0.9, 64).astype(np.float32),
                    config={"dataset": "digits"})
    fig = diagram.overview_figure(snap)
    assert len(fig.layout.images) == 2                # G's images; real over generated
    for im in fig.layout.images:
        assert vi.decode(base64.b64decode(im.source.split(",")[1])).size > 0
    (bars,) = [t for t in fig.data if t.type == "bar"]
    assert bars.xaxis == "x3" and sum(bars.y) == 64   # D: every generated image's score


def test_a_saved_grid_without_scores_keeps_the_scored_layout():
    """Scrubbing an image run: grids from disk (no scores) and from snapshots (scores) are drawn
    at the same size, the same images in the same places; only the label row is empty."""
    x = torch.rand(64, 1, 8, 8) * 2 - 1
    png = encode_grid(x)
    scored = vi.decode(vi.scored_grid(png, np.linspace(0, 1, 64)))
    plain = vi.decode(vi.scored_grid(png, None, n=64))
    assert scored.shape == plain.shape
    # Every pixel that is not a label is the same picture.
    differs = np.any(scored != plain, axis=-1)
    assert 0 < differs.mean() < 0.1
