"""Issue 16: every value shown in a message is escaped. A link's `loss` that is Markdown renders
as plain text in the Playground's warning box (AppTest reads the box's Markdown source; the
`markdown` package renders it the way a Markdown reader would)."""

from __future__ import annotations

import markdown
import pytest

from ganlab.safetext import md
from tests.test_hardening_uploads import uploads_off  # noqa: F401 - fixture (stand-in manager)
from tests.test_runs_pages import open_page

ATTACKS = ["[LOG IN](https://x.example/login)", "![](http://x.example/x.png)",
           "<img src=http://x.example/y.png>", ":red[alarm] $x^2$ www.x.example"]


@pytest.mark.parametrize("value", ATTACKS)
def test_escaped_text_renders_no_link_image_or_html(value):
    html = markdown.markdown(md(value))
    assert "<a" not in html and "<img" not in html, html


@pytest.mark.parametrize("value", ATTACKS[:2])
def test_link_value_shows_as_plain_text_in_the_warning_box(uploads_off, value):  # noqa: F811
    uploads_off(True)
    at = open_page("app_pages/playground.py", loss=value)
    (box,) = [w.value for w in at.warning if "loss" in w.value]
    assert md(value) in box                      # the whole value, escaped
    html = markdown.markdown(box)
    assert "<a" not in html and "<img" not in html, html
