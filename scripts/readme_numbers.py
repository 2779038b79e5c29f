"""Write a benchmark's tables from its JSON into README.md and benchmarks/RESULTS.md, so no
figure there is copied by hand: the mode-coverage table (benchmarks/mode_coverage.py) and the
grid-against-search sweeps (benchmarks/sweep_page.py, whose JSON says "kind": "sweep_search"), and
the lecture halls (benchmarks/lecture_hall.py and lecture_tabs.py --json: "kind": "lecture_hall"
or "lecture_tabs", each naming its block; only the one named lecture_hall goes into the README).

    .venv/bin/python benchmarks/mode_coverage.py --jobs 2 --json benchmarks/mode_coverage.json
    .venv/bin/python scripts/readme_numbers.py benchmarks/mode_coverage.json
    .venv/bin/python scripts/readme_numbers.py benchmarks/sweep_page.json
    .venv/bin/python scripts/readme_numbers.py benchmarks/lecture_hall.json

Each file holds one marked block per benchmark,

    <!-- mode_coverage:begin -->            (or sweep_search:begin)
    ...
    <!-- mode_coverage:end -->

whose inside is replaced by the table (the benchmark's own renderer, so its output, README and
RESULTS read the same) and the command that produced it. Everything outside the
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


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


class MarkerError(ValueError):
    """A target file lacks the markers, or has them out of order or twice."""


def block(result: dict) -> tuple[str, str]:
    """(the block's name, the text that goes between its markers)."""
    if result.get("kind") == "sweep_search":
        from benchmarks.sweep_search import summary

        datasets = result["datasets"]
        objective = next(iter(datasets.values()))["grid"]["spec"]["objective"]
        return "sweep_search", (f"{summary(datasets, objective).strip()}\n\nMeasured on "
                                f"{result['date']} by `.venv/bin/python {result['command']}`.")
    if result.get("kind") in ("lecture_hall", "lecture_tabs"):
        from benchmarks.lecture_hall import markdown as hall_markdown

        return result["block"], hall_markdown(result)
    command = result.get("command") or "benchmarks/mode_coverage.py"
    return "mode_coverage", f"{markdown(result)}\n\nMeasured by `.venv/bin/python {command}`."


def replace_block(text: str, inner: str, name: str = "file", block_name: str = "mode_coverage"
                  ) -> str:
    """`text` with the inside of its one marked block `block_name` replaced by `inner`."""
    begin, end = markers(block_name)
    if text.count(begin) != 1 or text.count(end) != 1:
        raise MarkerError(f"{name}: needs exactly one {begin} and one {end}")
    head, rest = text.split(begin)
    _, tail = rest.split(end)
    if end in head:
        raise MarkerError(f"{name}: {end} comes before {begin}")
    return f"{head}{begin}\n{inner.strip()}\n{end}{tail}"


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
        block_name, inner = block(result)
        targets = [args.results]
        if not result.get("readme", True):      # a block of RESULTS.md alone
            pass
        elif result.get("quick") and not args.allow_quick:
            print(f"{args.readme}: left alone (a --quick result; --allow-quick writes it)",
                  file=sys.stderr)
        else:
            targets.insert(0, args.readme)
        new = {path: replace_block(path.read_text(encoding="utf-8"), inner, str(path),
                                   block_name)
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
