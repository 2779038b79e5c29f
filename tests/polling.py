"""Waiting for real processes in tests: poll a condition until it holds or a deadline passes."""

import time


def until(pred, timeout: float, what: str = "condition", every: float = 0.05):
    """The first truthy value of pred(), polled until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")
