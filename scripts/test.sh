#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run the whole suite.
# Idempotent: a second run reuses the virtual environment and the installed browser.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
# cluster: Ray, so tests/test_cluster.py runs its real local cluster here too.
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,cluster]'

# Small models train faster on one thread per process; tests start several processes.
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1
# Two test processes (pytest-xdist), one per core of the CI machine: many tests wait on a
# browser, a server or a worker with a core idle. A file runs whole in one process (its
# module-scoped servers and managers are shared by its tests), the longest files first
# (tests/conftest.py). GANLAB_TEST_WORKERS=0: one process.
# pytest exits 5 when it collected nothing: that is a failure too (set -e keeps it non-zero).
exec .venv/bin/python -m pytest -p no:cacheprovider --durations=25 \
  -n "${GANLAB_TEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
