"""Unit tests of the page-level fixes of issue 14: chart legends never on their titles, the CLI's
final summary, the target before Train, the Preset box of a link, and no emoji in the UI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ganlab.config import Config
from ganlab.viz import style

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("height", [220, 260, 340, 520])
def test_a_titled_charts_legend_hangs_below_its_title(big, height):
    lay = style.layout(height, big, title="Mean D(x) on real and fake")
    legend, px = lay["legend"], lay["height"]
    # In container coordinates the legend's top edge is (1 - y) * height pixels from the top.
    legend_top = (1 - legend["y"]) * px
    title_bottom = style.TITLE_PAD + (lay["title"]["font"]["size"]) * 1.2
    assert legend["yref"] == "container" and legend["yanchor"] == "top"
    assert legend_top >= title_bottom
    assert lay["margin"]["t"] == pytest.approx(legend_top)   # plotly pushes the plot below it


def test_an_untitled_chart_keeps_its_legend_on_the_plot():
    legend = style.layout(300, False)["legend"]
    assert (legend["yref"], legend["y"], legend["yanchor"]) == ("paper", 1.0, "bottom")


def test_the_train_summary_names_steps_losses_metrics_and_folder(tmp_path):
    from ganlab.runs.loop import train_summary

    text = train_summary(300, {"loss_d": 1.2345, "loss_g": 0.5, "modes_covered": 7.0,
                               "hq_share": 0.91, "w1_exact": 0.1, "w1": 0.2}, tmp_path, 12.3)
    assert "300 iterations in 12.3 s" in text
    assert "L_D 1.234" in text and "L_G 0.500" in text
    assert "modes covered 7" in text and "high-quality samples 91%" in text
    assert text.count("W1") == 1                 # the exact W1 only, not both
    assert str(tmp_path) in text


def test_the_target_before_train_is_the_configs_data():
    from ganlab.ui.target_view import N_POINTS, figure, target_snapshot

    snap = target_snapshot(Config(dataset="grid25"))
    assert snap.real.shape == (N_POINTS, 2) and snap.fake is None
    assert abs(snap.real).max() > 3.5                        # the grid's outer modes are there
    fig = figure(Config(dataset="ring8"), "en", False)
    assert [t.name for t in fig.data] == ["real"] or len(fig.data) == 1
    assert figure(Config(dataset="gaussians1d"), "en", False).data[0].type == "bar"
    assert figure(Config(dataset="digits"), "en", False) is None


@pytest.mark.parametrize("changes,want", [({}, "ring8_default"),
                                          ({"seed": 5}, "ring8_default"),
                                          ({"dataset": "grid25"}, "custom")])
def test_a_links_setup_names_its_preset_or_custom(changes, want):
    from ganlab.ui.controls import PLAYGROUND_STEPS, base_config
    from ganlab.ui.share import matching_preset

    cfg = base_config().replace(steps=PLAYGROUND_STEPS, **changes)
    assert matching_preset(cfg) == want


# Characters drawn as emoji (pictographs, emoji-by-default symbols, and the variation selector
# that asks for emoji presentation); text symbols such as the pause bars below stay allowed.
EMOJI = re.compile("[\U0001F300-\U0001FAFF\uFE0F\u2705\u274C\u2753-\u2755\u23E9-\u23FA"
                   "\u26A1\u2B50]")
# Everything that draws or words the UI: the pages, the ui layer, the figures and the strings.
UI_FILES = sorted(str(p.relative_to(ROOT)) for pattern in
                  ("app.py", "app_pages/*.py", "ganlab/ui/*.py", "ganlab/viz/*.py",
                   "ganlab/i18n/*.py") for p in ROOT.glob(pattern))


@pytest.mark.parametrize("path", UI_FILES)
def test_no_emoji_in_headings_and_icons(path):
    # Emoji need a colour-emoji font the visitor's machine may lack (they showed as boxes);
    # Material icons (":material/name:") are served by Streamlit itself.
    hits = [(i + 1, line.strip()) for i, line in
            enumerate((ROOT / path).read_text(encoding="utf-8").splitlines())
            if EMOJI.search(line)]
    assert hits == []
