"""The Gallery keeps its word (issue 17.4): every bundled card is a preset, trained as it is, and
its stored numbers (metrics.jsonl) show what its title says: a success covers its modes, a
failure shows the failure. After retuning a preset, rebuild with scripts/build_gallery.py."""

import json
import math
from pathlib import Path

import pytest

from ganlab import presets
from ganlab.i18n import t
from ganlab.runs.gallery import CARDS, WORKS_MODE_SHARE, Card, Claim, broken_claims, load_run

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "assets" / "gallery"
# Keys a card may set beyond its preset: how long, which seed, what is logged (never the numbers).
NOT_THE_PRESET = {"steps", "seed", "sample_every", "checkpoint_every", "log_every"}
MODES = {"ring8": 8, "grid25": 25, "gaussians1d": 2}
SUCCESS_WORDS = ("works", "start here")
FAILURE_WORDS = ("collapse", "vanishing", "unbalanced", "fails")


def test_a_claim_reads_the_last_logged_value():
    card = Card("x", 10, True, (Claim("modes_covered", ">=", 7), Claim("hq_share", "<=", 0.5)))
    assert broken_claims(card, {"modes_covered": 8.0, "hq_share": 0.4}) == []
    assert broken_claims(card, {"modes_covered": 6.0, "hq_share": 0.4}) == [card.claims[0]]
    assert broken_claims(card, {}) == list(card.claims)     # a missing metric keeps no promise


@pytest.mark.parametrize("name", list(CARDS))
def test_each_card_promises_what_its_title_says(name):
    card = CARDS[name]
    cfg = presets.preset_config(card.preset)
    assert cfg.is_toy, "the Gallery plays toy runs only"
    k = MODES[cfg.dataset]
    title = t(presets.title_key(card.preset), "en").lower()
    on_modes = {c.op: c.bound for c in card.claims if c.metric == "modes_covered"}
    if card.works:
        assert not any(w in title for w in FAILURE_WORDS), title
        assert on_modes.get(">=", -1) >= math.ceil(WORKS_MODE_SHARE * k), card
    else:
        assert not any(w in title for w in SUCCESS_WORDS), title
        # A failure card must show its failure in numbers: few modes, or a starved G.
        shown = on_modes.get("<=", k) <= k / 4 or any(
            c.metric == "grad_norm_g" and c.op == "<=" for c in card.claims)
        assert shown, card


def test_the_bundle_holds_exactly_the_cards():
    listed = json.loads((BUNDLE / "gallery.json").read_text())["runs"]
    assert listed == list(CARDS)
    assert sorted(d.name for d in BUNDLE.iterdir() if d.is_dir()) == sorted(CARDS)


@pytest.mark.parametrize("name", list(CARDS))
def test_each_stored_run_is_its_preset_and_keeps_its_claims(name):
    card = CARDS[name]
    run = load_run(BUNDLE / name)
    assert run is not None and run.state == "finished" and run.step == card.steps
    stored = run.config.to_dict()
    want = presets.preset_config(card.preset).to_dict()
    differ = {k for k in want if stored[k] != want[k]} - NOT_THE_PRESET
    assert not differ, {k: (stored[k], want[k]) for k in differ}
    assert stored["seed"] == card.seed
    assert broken_claims(card, run.final) == [], {c.metric: run.final.get(c.metric)
                                                  for c in card.claims}


def test_the_page_titles_a_card_with_its_preset_and_shows_its_measured_claims():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app_pages" / "gallery.py"), default_timeout=120).run()
    assert not at.exception
    first = next(iter(CARDS))
    card, run = CARDS[first], load_run(BUNDLE / first)
    assert at.subheader[0].value == t(presets.title_key(card.preset), "en")
    caption = " ".join(c.value for c in at.caption)
    for c in card.claims:
        assert f"{c.metric} {c.op} {c.bound:g} promised, {run.final[c.metric]:g} measured" \
            in caption
