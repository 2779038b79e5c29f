"""Write the mode-coverage table from benchmarks/mode_coverage.py's JSON into README.md and
benchmarks/RESULTS.md, so no figure there is copied by hand.

    .venv/bin/python benchmarks/mode_coverage.py --jobs 2 --json benchmarks/mode_coverage.json
    .venv/bin/python scripts/readme_numbers.py benchmarks/mode_coverage.json

Each file holds one marked block,

    <!-- mode_coverage:begin -->
    ...
    <!-- mode_coverage:end -->

whose inside is replaced by the table (benchmarks/mode_coverage.py's own `markdown`, so stdout,
README and RESULTS read the same) and the command that produced it. Everything outside the
markers is left byte for byte. A file without both markers is an error (exit 2), not skipped:
a table that silently stops updating is a hand-copied figure again. The README is public and
holds only the protocol's numbers: a `--quick` JSON goes into RESULTS.md (labelled quick) and
the README is left alone unless --allow-quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.mode_coverage import markdown  # noqa: E402  (after the path line above)

BEGIN, END = "<!-- mode_coverage:begin -->", "<!-- mode_coverage:end -->"


class MarkerError(ValueError):
    """A target file lacks the markers, or has them out of order or twice."""


def block(result: dict) -> str:
    """The text that goes between the markers."""
    command = result.get("command") or "benchmarks/mode_coverage.py"
    return f"{markdown(result)}\n\nMeasured by `.venv/bin/python {command}`."


def replace_block(text: str, inner: str, name: str = "file") -> str:
    """`text` with the inside of its one marked block replaced by `inner`."""
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        raise MarkerError(f"{name}: needs exactly one {BEGIN} and one {END}")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    if END in head:
        raise MarkerError(f"{name}: {END} comes before {BEGIN}")
    return f"{head}{BEGIN}\n{inner.strip()}\n{END}{tail}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("json", type=Path, help="the file benchmarks/mode_coverage.py --json wrote")
    p.add_argument("--readme", type=Path, default=ROOT / "README.md")
    p.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    p.add_argument("--allow-quick", action="store_true",
                   help="write a --quick result into the README too (it is labelled quick)")
    args = p.parse_args(argv)
    try:
        result = json.loads(args.json.read_text(encoding="utf-8"))
        inner = block(result)
        targets = [args.results]
        if result.get("quick") and not args.allow_quick:
            print(f"{args.readme}: left alone (a --quick result; --allow-quick writes it)",
                  file=sys.stderr)
        else:
            targets.insert(0, args.readme)
        new = {path: replace_block(path.read_text(encoding="utf-8"), inner, str(path))
               for path in targets}    # every file checked before any is written
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"readme_numbers: {e}", file=sys.stderr)
        return 2
    for path, text in new.items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"{path}: table rewritten", file=sys.stderr)
        else:
            print(f"{path}: already up to date", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
