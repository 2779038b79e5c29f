"""In real Chromium against `serve.py`: the first visitor of the WGAN page watches a progress bar
that gives way to the critic's numbers with no click (the polling fragment reruns the page), and
a second visitor sees them at once, computed by one task process."""

import pytest
from journey import WAIT_MS, assert_log_clean, error_boxes, open_app, page_text, poll

pytestmark = pytest.mark.browser
RESULT = "true W₁"


def test_progress_then_the_critic_and_the_second_visitor_sees_it_at_once(app_server, page,
                                                                         browser):
    open_app(page, app_server, "learn_wgan")
    bars = page.locator("[data-testid='stProgress']")
    bars.first.wait_for(timeout=WAIT_MS)
    assert RESULT not in page_text(page)
    poll(lambda: page_text(page), lambda text: RESULT in text, what="the critic's numbers")
    poll(lambda: bars.count(), lambda n: n == 0, what="the progress bar to go")
    assert error_boxes(page) == []

    second = browser.new_page()
    try:
        open_app(second, app_server, "learn_wgan")
        seen = []                          # progress bars seen while the page draws

        def drawn():
            seen.append(second.locator("[data-testid='stProgress']").count())
            return page_text(second)

        poll(drawn, lambda text: RESULT in text, what="the second visitor's numbers")
        assert set(seen) == {0}
    finally:
        second.close()
    assert len(list((app_server.runs_dir / ".cache").glob("wgan_critic-*"))) == 1
    assert_log_clean(app_server)
