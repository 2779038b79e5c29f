"""Issue 16: Streamlit 1.67 cannot set response headers, so the proxy configs in deploy/ forbid
framing and hide /_stcore/metrics; docs/deploy.md shows exactly these files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = (ROOT / "deploy" / "nginx.conf").read_text()
CADDY = (ROOT / "deploy" / "Caddyfile").read_text()
DOC = (ROOT / "docs" / "deploy.md").read_text()


def live(text: str) -> str:
    """The config without its comments."""
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def test_nginx_forbids_framing_and_hides_metrics():
    conf = live(NGINX)
    assert "add_header Content-Security-Policy \"frame-ancestors 'none'\" always;" in conf
    assert 'add_header X-Frame-Options "DENY" always;' in conf
    assert re.search(r"location = /_stcore/metrics \{ return 404; \}", conf)
    # the headers sit in the server block, before any location that could drop them
    assert conf.index("add_header") < conf.index("location /")


def test_caddy_forbids_framing_and_hides_metrics():
    conf = live(CADDY)
    assert "Content-Security-Policy \"frame-ancestors 'none'\"" in conf
    assert 'X-Frame-Options "DENY"' in conf
    assert "respond /_stcore/metrics 404" in conf


@pytest.mark.parametrize("lang, text", [("nginx", NGINX), ("caddyfile", CADDY)])
def test_deploy_doc_shows_the_files_themselves(lang, text):
    blocks = re.findall(rf"```{lang}\n(.*?)```", DOC, re.DOTALL)
    assert text in blocks
