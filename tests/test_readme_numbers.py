"""scripts/readme_numbers.py writes the benchmark's JSON into the marked blocks, and only there."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "readme_numbers.py"
BEGIN, END = "<!-- mode_coverage:begin -->", "<!-- mode_coverage:end -->"


def stat(values):
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return {"per_seed": values, "mean": mean, "std": var ** 0.5}


def result(quick=False):
    """A small result in benchmarks/mode_coverage.py's format: one row, three seeds."""
    return {
        "quick": quick,
        "protocol": {"n_samples": 2500, "hq_std": 3.0, "min_share": 0.1, "seeds": [0, 1, 2],
                     "steps_scale": 1.0, "steps_override": 300 if quick else None},
        "command": "benchmarks/mode_coverage.py --seeds 0-2",
        "rows": [{"id": "default_ring8", "what": "defaults", "source": ["default", "ring8"],
                  "dataset": "ring8", "loss": "nonsaturating", "steps": 5000, "modes_total": 8,
                  "seeds": [0, 1, 2], "seconds": [1, 1, 1],
                  "modes_covered": stat([8.0, 7.0, 8.0]),
                  "hq_share": stat([0.95, 0.96, 0.955]),
                  "modes_covered_loose": stat([8.0, 8.0, 8.0]),
                  "mode_kl": stat([0.01, 0.2, 0.02])}],
        "published": [],
    }


def setup(tmp_path, quick=False, readme_markers=True):
    data = tmp_path / "mc.json"
    data.write_text(json.dumps(result(quick)))
    readme = tmp_path / "README.md"
    inner = f"{BEGIN}\nold numbers 1/8\n{END}\n" if readme_markers else "no markers\n"
    readme.write_text(f"# ganlab\n\nbefore the block\n\n{inner}\nafter the block\n")
    results = tmp_path / "RESULTS.md"
    results.write_text(f"## Mode coverage\n{BEGIN}\n{END}\n## Next section\nkept\n")
    return data, readme, results


def run(data, readme, results, *extra):
    return subprocess.run([sys.executable, str(SCRIPT), str(data), "--readme", str(readme),
                           "--results", str(results), *extra],
                          check=False, capture_output=True, text=True, timeout=60)


def inside(text):
    return text.split(BEGIN)[1].split(END)[0]


def test_writes_the_table_between_the_markers_and_nothing_else(tmp_path):
    data, readme, results = setup(tmp_path)
    proc = run(data, readme, results)
    assert proc.returncode == 0, proc.stderr
    text = readme.read_text()
    assert text.startswith("# ganlab\n\nbefore the block\n\n" + BEGIN)
    assert text.endswith(END + "\n\nafter the block\n")
    block = inside(text)
    assert "old numbers" not in block
    # mean ± sample std of (8, 7, 8) and of (95, 96, 95.5) %, and the per-seed modes
    assert "| defaults, `dataset=ring8` | ring8 | nonsaturating | 5,000 | 7.7 ± 0.6 / 8 | " \
           "8, 7, 8 | 95.5 ± 0.5 |" in block
    assert "| GDPP (published) | grid25 | | | 24.8 / 25 | | 68.5 |" in block
    assert "seeds 0–2" in block and "`.venv/bin/python benchmarks/mode_coverage.py --seeds 0-2`" \
        in block
    assert "Quick" not in block
    res = results.read_text()
    assert inside(res) == block            # one renderer, the same table in both files
    assert res.endswith(f"{END}\n## Next section\nkept\n")
    # Running it again changes nothing.
    assert run(data, readme, results).returncode == 0
    assert readme.read_text() == text


def test_a_quick_result_goes_to_results_labelled_and_not_to_the_readme(tmp_path):
    data, readme, results = setup(tmp_path, quick=True)
    before = readme.read_text()
    proc = run(data, readme, results)
    assert proc.returncode == 0, proc.stderr
    assert readme.read_text() == before
    assert "left alone" in proc.stderr
    assert inside(results.read_text()).lstrip().startswith("**Quick check only**")
    assert run(data, readme, results, "--allow-quick").returncode == 0
    assert "**Quick check only**" in inside(readme.read_text())


def test_a_file_without_markers_is_an_error_and_nothing_is_written(tmp_path):
    data, readme, results = setup(tmp_path, readme_markers=False)
    before = results.read_text()
    proc = run(data, readme, results)
    assert proc.returncode == 2
    assert "needs exactly one" in proc.stderr and "Traceback" not in proc.stderr
    assert results.read_text() == before


def sweep_result():
    """benchmarks/sweep_page.py's format: one dataset, a 2-config grid and a 2-config search
    (3 seeds each), the comparison computed by the benchmark's own code."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import sweep_search as ss

    spec = {"base": {"g_layers": 3, "g_width": 128}, "steps": 2000, "seeds": [0, 1, 2],
            "objective": "modes_covered", "direction": "maximize"}

    def trial(n, lr, loss, finals, cost=3.0, state="complete"):
        mean = sum(finals) / len(finals) if finals else None
        std = stat(finals)["std"] if len(finals) > 1 else None
        return {"trial": n, "state": state, "params": {"lr_d": lr, "loss": loss},
                "finals": finals, "mean": mean, "std": std, "cost": cost}

    grid = {"spec": spec, "trials": [trial(0, 1e-3, "hinge", [6.0, 7.0, 8.0]),
                                     trial(1, 3e-3, "hinge", [5.0, 5.0, 5.0])]}
    search = {"spec": spec, "trials": [trial(0, 2e-4, "hinge", [], 1.2, "pruned"),
                                       trial(1, 1.5e-3, "hinge", [8.0, 8.0, 8.0])]}
    return {"kind": "sweep_search", "command": "benchmarks/sweep_page.py --out OUT",
            "date": "2026-12-01", "datasets": {"ring8": {
                "grid": grid, "search": search,
                "comparison": ss.compare(grid, search, "maximize")}}}


def test_a_sweep_result_fills_its_own_block_and_leaves_the_coverage_table(tmp_path):
    b, e = "<!-- sweep_search:begin -->", "<!-- sweep_search:end -->"
    data = tmp_path / "sweep.json"
    data.write_text(json.dumps(sweep_result()))
    readme, results = tmp_path / "README.md", tmp_path / "RESULTS.md"
    coverage = f"{BEGIN}\nthe coverage table\n{END}\n"
    for path in (readme, results):
        path.write_text(f"# t\n{coverage}{b}\nold\n{e}\nend\n")
    proc = run(data, readme, results)
    assert proc.returncode == 0, proc.stderr
    text = readme.read_text()
    assert coverage in text and "old" not in text          # the other block is left alone
    inner = text.split(b)[1].split(e)[0]
    assert "| hinge | 7 ± 1 | 5 ± 0 |" in inner            # the grid as loss × lr_d
    assert "| 0: lr_d=0.0002, hinge | pruned | – | 1.2 |" in inner
    assert "grid best: lr_d=0.001, hinge at 7 ± 1, after 6 runs" in inner
    # The search passed the grid's best (8 > 7) with its second config: 1.2 + 3 runs.
    assert "reached the grid's best: 4.2; passed it: 4.2" in inner
    assert "`.venv/bin/python benchmarks/sweep_page.py --out OUT`" in inner
    assert results.read_text().split(b)[1] == text.split(b)[1]


def hall_result(block: str) -> dict:
    """benchmarks/lecture_hall.py --json's format (two of its rows)."""
    return {"kind": "lecture_hall", "block": block, "readme": block == "lecture_hall",
            "title": "Lecture hall: 12 visitors in 10 s", "seconds": 420,
            "command": "benchmarks/lecture_hall.py --clients 12",
            "rows": [["A. Jain's fairness index (goal >= 0.95)", "0.984"],
                     ["session errors", "0"]], "errors": []}


def test_the_12_visitor_hall_fills_readme_and_results_and_another_hall_results_alone(tmp_path):
    readme, results = tmp_path / "README.md", tmp_path / "RESULTS.md"
    hall = "<!-- lecture_hall:begin -->\nold\n<!-- lecture_hall:end -->\n"
    hall60 = "<!-- lecture_hall_60:begin -->\nold 60\n<!-- lecture_hall_60:end -->\n"
    readme.write_text(f"# t\n{hall}")                       # no 60-visitor block in the README
    results.write_text(f"# r\n{hall}{hall60}")
    for block in ("lecture_hall", "lecture_hall_60"):
        data = tmp_path / f"{block}.json"
        data.write_text(json.dumps(hall_result(block)))
        proc = run(data, readme, results)
        assert proc.returncode == 0, proc.stderr
    row = "| A. Jain's fairness index (goal >= 0.95) | 0.984 |"
    assert row in readme.read_text() and "old" not in readme.read_text()
    text = results.read_text()
    assert text.count(row) == 2 and "old" not in text
    assert "`.venv/bin/python benchmarks/lecture_hall.py --clients 12`" in text
