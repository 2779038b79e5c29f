"""Does a search beat the grid in fewer runs? For ring8 and grid25: a grid of lr_d × loss with
k seeds per config, then an Optuna search (TPE, median pruning) over a log range of lr_d and the
same losses, with the same seeds and fewer configs (issue 20.2's figure).

    python benchmarks/sweep_search.py --out /tmp/sweep_search            # the full figure
    python benchmarks/sweep_search.py --small --out /tmp/sweep_quick     # a quick check

The full figure is 16 grid configs and up to 10 searched ones × 5 seeds × 5,000 iterations per
dataset, about 130 runs of ~2.5 CPU-minutes each (3×128 nets, one thread): some 5 hours per
dataset on one core. The datasets are independent; on a machine with cores to spare, run one
process per dataset (`--datasets ring8 --out OUT/ring8`, `--datasets grid25 --out OUT/grid25`).

Both sweeps run in this process through ganlab.sweep.local (what `ganlab sweep` runs), so every
member is an ordinary run folder under OUT/<dataset>-grid and OUT/<dataset>-search. Writes
OUT/results.json, OUT/summary.md (a table per dataset: each grid config's mean ± std over its
seeds, the search's best, the runs each spent and the seed-noise verdict between the two bests)
and OUT/figure.html (plotly.js embedded: heatmaps of the grid, and the search's best-so-far
against runs trained, with the grid's best as a line). A pruned member counts as the fraction
of its steps it trained.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ganlab.runs.folder import Run  # noqa: E402  (after the path line above)
from ganlab.sweep import groups, local  # noqa: E402
from ganlab.sweep import study as studies  # noqa: E402
from ganlab.sweep.spec import parse  # noqa: E402

LOSSES = ["nonsaturating", "hinge", "wgan_gp", "lsgan"]
LRS = [1e-4, 3e-4, 1e-3, 3e-3]
TINY = {"batch_size": 64, "g_layers": 2, "d_layers": 2, "g_width": 32, "d_width": 32}


def specs(dataset: str, a, losses=None, lrs=None, steps=None) -> tuple[dict, dict]:
    """The grid's and the search's specs for dataset (the grid's lr_d × loss, the search's log
    range of lr_d and the same losses, both over the same seeds)."""
    base = {"dataset": dataset, "device": "cpu", **(TINY if a.small else {})}
    if losses is None:
        losses, lrs = (LOSSES[:2], [1e-3, 4e-3]) if a.small else (LOSSES, LRS)
    common = {"base": base, "seeds": a.seeds, "objective": a.objective,
              "steps": steps or a.steps}
    grid = {**common, "kind": "grid", "name": f"{dataset}-grid",
            "axes": {"lr_d": {"values": lrs}, "loss": {"values": losses}}}
    search = {**common, "kind": "search", "name": f"{dataset}-search", "budget": a.budget,
              "pruning": True, "axes": {"lr_d": {"low": 1e-5, "high": 1e-2, "log": True},
                                        "loss": {"values": losses}}}
    return grid, search


def run(spec_dict: dict, out: Path) -> dict:
    """Train one sweep here (what `ganlab sweep` does) and collect it."""
    spec = parse(spec_dict)
    started = time.monotonic()
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        local.run_sweep(spec, out, log=lambda line: None)
    print(text.getvalue(), end="", file=sys.stderr)
    return collect(spec, studies.open_study(spec, out / "study.journal"), out,
                   time.monotonic() - started)


def collect(spec, study, members: Path, seconds: float) -> dict:
    """A sweep's trials with their seeds' finals and the runs each cost; `members` is the folder
    holding its member runs (the sweep folder for `ganlab sweep`, the runs root for the page)."""
    trials = []
    for r in studies.rows_of(study):
        finals, cost = [], 0.0
        for m in r["members"]:
            rows = Run(members / m).metrics(max_bytes=None)
            last = max((x["step"] for x in rows if type(x.get("step")) is int), default=0)
            cost += last / spec.base.steps
            if r["state"] == "complete":
                finals.append(studies.objective_at(rows, spec.objective))
        mean, std, n = groups.mean_spread(finals)
        trials.append({**r, "finals": finals, "mean": mean if n else None,
                       "std": std if n else None, "cost": cost})
    return {"spec": spec.to_dict(), "trials": trials, "seconds": seconds}


def best(result: dict, direction: str) -> dict | None:
    done = [t for t in result["trials"] if t["mean"] is not None]
    if not done:
        return None
    return (max if direction == "maximize" else min)(done, key=lambda t: t["mean"])


def compare(grid: dict, search: dict, direction: str) -> dict:
    """The runs the search spent until its best-so-far reached (and passed) the grid's best."""
    g = best(grid, direction)
    better = (lambda a, b: a > b) if direction == "maximize" else (lambda a, b: a < b)
    spent, reached, passed, curve, so_far = 0.0, None, None, [], None
    for t in search["trials"]:
        spent += t["cost"]
        if t["mean"] is not None and (so_far is None or better(t["mean"], so_far)):
            so_far = t["mean"]
        curve.append((spent, so_far))
        if g and so_far is not None:
            if reached is None and not better(g["mean"], so_far):
                reached = spent
            if passed is None and better(so_far, g["mean"]):
                passed = spent
    s = best(search, direction)
    verdict = groups.seed_noise(g["finals"], s["finals"]) if g and s else None
    return {"grid_best": g and {"params": g["params"], "mean": g["mean"], "std": g["std"]},
            "search_best": s and {"params": s["params"], "mean": s["mean"], "std": s["std"]},
            "grid_runs": sum(t["cost"] for t in grid["trials"]), "search_runs": spent,
            "runs_to_reach_grid_best": reached, "runs_to_beat_grid_best": passed,
            "curve": curve, "verdict": verdict.describe() if verdict else None}


def _value(t: dict) -> str:
    return "–" if t["mean"] is None else f"{t['mean']:.3g} ± {t['std']:.2g}"


def _runs(x) -> str:
    return "never" if x is None else f"{x:.1f}"


def summary(results: dict, objective: str) -> str:
    """A table per dataset: the grid as loss × lr_d (mean ± std over seeds), the search's
    configs in the order it tried them, and how the two bests compare (README and RESULTS read
    this, through scripts/readme_numbers.py)."""
    lines = []
    for dataset, r in results.items():
        c, spec = r["comparison"], r["grid"]["spec"]
        cell = {(t["params"]["loss"], t["params"]["lr_d"]): t for t in r["grid"]["trials"]}
        lrs = sorted({lr for _, lr in cell})
        losses = list(dict.fromkeys(loss for loss, _ in cell))
        base = spec["base"]
        lines += [f"**{dataset}**, {spec['steps']:,} iterations, seeds "
                  f"{spec['seeds'][0]}–{spec['seeds'][-1]}, {base['g_layers']}×{base['g_width']} "
                  f"nets, the dataset's defaults otherwise; {objective}, mean ± std over seeds.",
                  "", "| grid: loss \\ lr_d | " + " | ".join(f"{lr:g}" for lr in lrs) + " |",
                  "|---|" + "---|" * len(lrs)]
        for loss in losses:
            lines.append(f"| {loss} | " + " | ".join(
                _value(cell[(loss, lr)]) if (loss, lr) in cell else "" for lr in lrs) + " |")
        lines += ["", "| search: config, in the order tried | state | mean ± std | runs |",
                  "|---|---|---|---|"]
        for t in r["search"]["trials"]:
            lines.append(f"| {t['trial']}: lr_d={t['params']['lr_d']:.3g}, "
                         f"{t['params']['loss']} | {t['state']} | {_value(t)} | "
                         f"{t['cost']:.1f} |")
        gb, sb = c["grid_best"], c["search_best"]
        lines += ["",
                  f"- grid best: lr_d={gb['params']['lr_d']:g}, {gb['params']['loss']} at "
                  f"{gb['mean']:.3g} ± {gb['std']:.2g}, after {c['grid_runs']:.0f} runs" if gb
                  else "- grid: no config finished",
                  f"- search best: lr_d={sb['params']['lr_d']:.3g}, {sb['params']['loss']} at "
                  f"{sb['mean']:.3g} ± {sb['std']:.2g}, after {c['search_runs']:.1f} runs "
                  f"(a pruned member counts the fraction it trained)" if sb
                  else "- search: no config finished",
                  f"- runs until the search's best-so-far reached the grid's best: "
                  f"{_runs(c['runs_to_reach_grid_best'])}; passed it: "
                  f"{_runs(c['runs_to_beat_grid_best'])}",
                  f"- search best against grid best: {c['verdict']}", ""]
    return "\n".join(lines)


def figure(results: dict, objective: str, path: Path) -> None:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    names = list(results)
    fig = make_subplots(rows=2, cols=len(names), subplot_titles=[
        *(f"{d}: grid, mean {objective}" for d in names),
        *(f"{d}: search best-so-far vs runs" for d in names)])
    for col, d in enumerate(names, 1):
        trials = results[d]["grid"]["trials"]
        lrs = sorted({t["params"]["lr_d"] for t in trials})
        losses = list(dict.fromkeys(t["params"]["loss"] for t in trials))
        cell = {(t["params"]["lr_d"], t["params"]["loss"]): t for t in trials}
        z = [[cell[(lr, loss)]["mean"] for lr in lrs] for loss in losses]
        text = [["–" if cell[(lr, loss)]["mean"] is None else
                 f"{cell[(lr, loss)]['mean']:.2g}±{cell[(lr, loss)]['std']:.1g}" for lr in lrs]
                for loss in losses]
        fig.add_trace(go.Heatmap(z=z, x=[f"{lr:g}" for lr in lrs], y=losses, text=text,
                                 texttemplate="%{text}", colorscale="Viridis",
                                 showscale=False), row=1, col=col)
        c = results[d]["comparison"]
        xs, ys = zip(*c["curve"]) if c["curve"] else ((), ())
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=f"{d} search",
                                 line_shape="hv"), row=2, col=col)
        if c["grid_best"]:
            fig.add_hline(y=c["grid_best"]["mean"], line_dash="dash", row=2, col=col,
                          annotation_text=f"grid best ({c['grid_runs']:.0f} runs)")
        fig.update_xaxes(title_text="runs trained", row=2, col=col)
    fig.update_layout(height=800, showlegend=False)
    path.write_text(fig.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True, help="folder for the sweeps and the results")
    p.add_argument("--datasets", default="ring8,grid25")
    p.add_argument("--seeds", default="0-4")
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--budget", type=int, default=10, help="configs the search may try")
    p.add_argument("--objective", default="modes_covered")
    p.add_argument("--small", action="store_true",
                   help="a quick check: 2 x 2 grid, seeds 0-1, 300 steps, small nets, budget 3")
    a = p.parse_args()
    if a.small:
        a.seeds, a.steps, a.budget = "0-1", 300, 3
    out = Path(a.out)
    results = {}
    for dataset in a.datasets.split(","):
        grid_spec, search_spec = specs(dataset, a)
        grid = run(grid_spec, out / f"{dataset}-grid")
        search = run(search_spec, out / f"{dataset}-search")
        direction = parse(grid_spec).direction
        results[dataset] = {"grid": grid, "search": search,
                            "comparison": compare(grid, search, direction)}
        print(f"{dataset}: {json.dumps(results[dataset]['comparison'], default=str)[:400]}")
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str),
                                      encoding="utf-8")
    (out / "summary.md").write_text(summary(results, a.objective), encoding="utf-8")
    figure(results, a.objective, out / "figure.html")
    print(f"wrote {out}/results.json, summary.md and figure.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
