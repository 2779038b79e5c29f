"""The Learn pages' view of the one preset table (ganlab.presets): which presets each page
offers, their Config changes and the equivalent command line. Nothing is defined here."""

from __future__ import annotations

from ganlab.presets import PRESETS as _ALL
from ganlab.presets import changes_of as changes
from ganlab.presets import cli_command, presets_for

__all__ = ["PRESETS", "changes", "cli_command", "presets_for"]

PRESETS: dict[str, dict] = {name: {"config": p["changes"], "pages": p["pages"]}
                            for name, p in _ALL.items() if p["pages"]}
"""The presets some Learn page offers, as {name: {"config": changes, "pages": pages}}."""
