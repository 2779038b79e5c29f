"""What `ganlab app` runs: app.py, plus the server's lifespan (start-up and shut-down).

`streamlit run app.py` runs nothing until the first page view, so the JobManager, and with it the
spare worker that imports torch ahead of the first Train, only started then. A Train clicked in
the first seconds after the page opened waited for that import (3-7 s measured on 2 vCPUs, the
issue asks for at most 3 s from click to samples). Here the manager starts with the server, and
stops with it: every worker is asked to stop and its run marked stopped (resumable).

`streamlit run app.py` still works (tests, development): the manager then starts at the first
page view, as before, and stops at interpreter exit (ganlab.serve.manager.get_manager).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

import streamlit as st

from ganlab.serve.manager import get_manager

log = logging.getLogger("ganlab.serve")


@asynccontextmanager
async def lifespan(app):
    try:
        manager = get_manager()
    except Exception as e:  # noqa: BLE001 - e.g. a bad GANLAB_* setting: the pages explain it
        log.warning("ganlab: the job manager could not start with the server: %s", e)
        manager = None
    try:
        yield {}
    finally:
        if manager is not None:
            # Waits for the workers (seconds): off the event loop, which is still closing sockets.
            await asyncio.to_thread(manager.shutdown)


app = st.App("app.py", lifespan=lifespan)
