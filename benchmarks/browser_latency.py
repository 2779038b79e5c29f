"""The latency phase of bench_browser.py (`--latency`): click -> visible change in the Playground.

With a default run training in real Chromium, each button is clicked from inside the page and
the page is polled every 10 ms until what a person would read has changed (issue 14 goals):

    Pause    State reads "paused"                          <= 0.5 s
    Step     the iteration counter has moved by one        <= 0.5 s
    Step D   the D / G update counts have changed          <= 0.5 s
    Step G   the D / G update counts have changed          <= 0.5 s
    Resume   State reads "training"                        <= 1 s
             (and, reported beside it, click -> the counter moving again)

Clicking from inside the page (button.click() in the same evaluate that polls) keeps
Playwright's own round trips out of the figures.
"""

from __future__ import annotations

import statistics
import time

GOALS = {"pause": 0.5, "step": 0.5, "step_d": 0.5, "step_g": 0.5, "resume": 1.0}
STATE, COUNTER, UPDATES = 2, 0, 3     # metrics of the status row

# Click the button keyed `key`, then wait for metric `metric` to read `want` (or, with want
# null, to differ from what it read before the click). Returns seconds, or null after 10 s.
CLICK_AND_WAIT = """async ({key, metric, want}) => {
    const read = () => {
        const els = document.querySelectorAll(".st-key-pg_status [data-testid='stMetricValue']");
        return els.length > metric ? els[metric].innerText : null;
    };
    const before = read();
    const t0 = performance.now();
    document.querySelector(`.st-key-${key} button`).click();
    while (performance.now() - t0 < 10000) {
        await new Promise((r) => setTimeout(r, 10));
        const now = read();
        if (now !== null && (want === null ? now !== before : now === want)) {
            return (performance.now() - t0) / 1000;
        }
    }
    return null;
}"""
# After a click that already changed the state: seconds until the counter moves again.
COUNTER_MOVES = """async () => {
    const read = () => document.querySelector(
        ".st-key-pg_status [data-testid='stMetricValue']").innerText;
    const before = read(), t0 = performance.now();
    while (performance.now() - t0 < 10000) {
        await new Promise((r) => setTimeout(r, 10));
        if (read() !== before) return (performance.now() - t0) / 1000;
    }
    return null;
}"""


def click_and_wait(page, key: str, metric: int, want: str | None = None) -> float | None:
    return page.evaluate(CLICK_AND_WAIT, {"key": key, "metric": metric, "want": want})


def latency_phase(browser, url: str, rounds: int, wait_for_app) -> dict[str, list]:
    """`rounds` times Pause, Step, Step D, Step G, Resume on one default run; seconds each."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    out: dict[str, list] = {k: [] for k in (*GOALS, "resume_counter")}
    try:
        page = context.new_page()
        page.goto(url)
        wait_for_app(page)
        page.locator(".st-key-pgw_btn_train button").first.click()
        deadline = time.monotonic() + 120
        while page.evaluate("""() => {
                const el = document.querySelector(
                    ".st-key-pg_status [data-testid='stMetricValue']");
                return el ? parseInt(el.innerText.replace(/[^0-9]/g, '') || '0') : 0;
            }""") < 50:
            if time.monotonic() > deadline:
                raise RuntimeError("the run did not start training")
            time.sleep(0.2)
        for _ in range(rounds):
            time.sleep(1.5)                   # between clicks, as a person would
            out["pause"].append(click_and_wait(page, "pgw_btn_pause", STATE, "paused"))
            for name, metric in (("step", COUNTER), ("step_d", UPDATES), ("step_g", UPDATES)):
                time.sleep(1.5)
                out[name].append(click_and_wait(page, f"pgw_btn_{name}", metric))
            time.sleep(1.5)
            resumed = click_and_wait(page, "pgw_btn_resume", STATE, "training")
            out["resume"].append(resumed)
            moved = page.evaluate(COUNTER_MOVES)
            out["resume_counter"].append(None if None in (resumed, moved) else resumed + moved)
        page.locator(".st-key-pgw_btn_reset button").first.click()
        time.sleep(1.0)
    finally:
        context.close()
    return out


def report(out: dict[str, list]) -> list[str]:
    """Markdown table rows: action, each round's seconds, median, goal."""
    rows = ["| click | seconds (each round) | median | goal |", "| --- | --- | --- | --- |"]
    for name, values in out.items():
        shown = ", ".join("none" if v is None else f"{v:.2f}" for v in values)
        done = [v for v in values if v is not None]
        median = f"{statistics.median(done):.2f}" if done else "—"
        goal = GOALS.get(name)
        label = "resume (counter moves)" if name == "resume_counter" else name
        rows.append(f"| {label} | {shown} | {median} | "
                    f"{f'<= {goal:g} s' if goal else '(the next tick)'} |")
    return rows
