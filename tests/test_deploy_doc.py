"""docs/deploy.md names every limit an operator can set (GANLAB_LIMIT_<NAME>) and every server
setting: a limit added in code and missing from the table would be a setting nobody can find."""

import dataclasses
import pathlib
import re

from ganlab.serve import settings
from ganlab.serve.limits import Limits

DOC = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "deploy.md").read_text()


def test_every_limit_has_a_row():
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", DOC, re.M))
    assert [f.name for f in dataclasses.fields(Limits) if f.name not in rows] == []


def test_every_environment_variable_of_the_settings_is_documented():
    names = set(re.findall(r"GANLAB_[A-Z_]+", pathlib.Path(settings.__file__).read_text()))
    names -= {"GANLAB_LIMIT_"}                      # the prefix of the limits' own variables
    assert sorted(n for n in names if n not in DOC) == []
