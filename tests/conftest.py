"""Shared fixtures: a live `streamlit run serve.py` server (what `ganlab app` runs) and a real
Chromium page.

    app_server     one server per test module: (url, port, runs_dir); GANLAB_RUNS points at a tmp
                   dir; killed with all its children (training workers included) at teardown
    start_app      factory for tests that need their own server (extra env, another script)
    browser        Debian's chromium via Playwright (never `playwright install`)
    page           a fresh page; `page.console_errors` collects console errors and page errors

Browser tests are marked `browser` and skip cleanly when chromium or playwright is missing.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GANLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 90.0   # importing torch and streamlit on a busy 2-core machine can take a while


# The longest files first (from a CI run's --durations): scripts/test.sh hands whole files to two
# processes in this order (--dist loadfile --no-loadscope-reorder), so no long file starts last
# while the other process sits idle. Only an order: every file passes in any order.
LONGEST_FIRST = ["test_presets_real_runs.py", "test_journey_default_run.py",
                 "test_journey_playground.py", "test_cluster.py", "test_learn_layout_browser.py",
                 "test_quality.py", "test_journey_targets.py", "test_tasks_pages.py",
                 "test_jobs.py", "test_cli.py", "test_sweep_browser.py", "test_journey_digits.py",
                 "test_journey_pages.py", "test_presets_claims.py"]


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))   # stable: the rest keep order


@dataclass
class AppServer:
    url: str
    port: int
    runs_dir: Path
    proc: subprocess.Popen
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (it stops its workers cleanly), then SIGKILL."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


@pytest.fixture(scope="module")
def start_app(tmp_path_factory):
    """start_app(script="serve.py", env=None) -> AppServer; every server is stopped when its
    test module ends (not at the session's end: each holds warm workers of ~450 MB, and a whole
    run's servers left alive slowed every later test). serve.py is what `ganlab app` runs (app.py
    with the server's start-up and shut-down)."""
    started: list[subprocess.Popen] = []

    def start(script: str = "serve.py", env: dict | None = None) -> AppServer:
        port = free_port()
        base = tmp_path_factory.mktemp("app")
        runs = base / "runs"
        runs.mkdir()
        log = base / "server.log"
        full_env = {**os.environ, "GANLAB_RUNS": str(runs), "OMP_NUM_THREADS": "1",
                    **(env or {})}
        cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               "--global.developmentMode", "false"]
        with open(log, "wb") as out:
            # Own process group: teardown reaches the server and every worker it started.
            proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        started.append(proc)
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(port):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                _stop(proc)
                raise RuntimeError(f"streamlit not healthy after {START_TIMEOUT:g} s:\n"
                                   f"{log.read_text()[-3000:]}")
            time.sleep(0.3)
        return AppServer(f"http://127.0.0.1:{port}", port, runs, proc, log)

    yield start
    for proc in started:
        _stop(proc)


@pytest.fixture(scope="module")
def app_server(start_app) -> AppServer:
    return start_app()


def playwright_or_skip():
    """Playwright's sync API; the test skips when it or Debian's chromium is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM}")
    return sync_api


@pytest.fixture(scope="session")
def playwright():
    """The session's one Playwright: a second sync_playwright() while one runs is refused
    ("Sync API inside the asyncio loop"), so every browser is launched from this one."""
    with playwright_or_skip().sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


def external_requests(context) -> list[str]:
    """Collects every request the pages of `context` make to a host other than this machine: the
    app must work offline and send visitors to no third party (fonts and icons included)."""
    seen: list[str] = []

    def check(request):
        host = urllib.parse.urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL:
            seen.append(request.url)

    context.on("request", check)
    return seen


LOCAL = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture
def page(browser):
    """A fresh page (1440 x 1000); `page.console_errors` lists console and page errors. The test
    fails if the page asked any host but this one for anything."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside = external_requests(context)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    yield pg
    context.close()
    assert outside == [], f"the page fetched from other hosts: {sorted(set(outside))[:5]}"


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Streamlit's own readiness check: the app is connected and its first run finished."""
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                           timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=timeout)


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Process-wide singletons start fresh in every test: the settings read once from the
    environment, the server's JobManager and the pages' accessor to it. Without this, the first
    test that touched them would fix GANLAB_RUNS for every later test in the session (AppTest
    pages run in-process)."""
    from ganlab.serve import manager as jobs
    from ganlab.serve import settings
    from ganlab.ui import session

    # AppTest scripts run in this process and may swap the page's manager accessor for a fake.
    accessor = session.manager

    def reset():
        settings._CACHED = None
        session.manager = accessor
        manager, jobs._MANAGER = jobs._MANAGER, None
        if manager is not None:
            manager.shutdown()

    reset()
    yield
    reset()
