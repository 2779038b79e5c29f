"""The `ganlab` command (architecture §5): train, sample, sweep, app, bench.

Bad input exits with code 2 and one line on stderr naming the problem; a run that fails while
training exits 1 and keeps its folder (status.json says why).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from ganlab.config import Config, ConfigError, parse_sets
from ganlab.runs.folder import Run, RunError
from ganlab.runs.loop import train_loop


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage + message; we want one plain line
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ganlab", description="Explore how GANs train.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    t = sub.add_parser("train", help="train headless and write a run folder")
    t.add_argument("--config", help="a config JSON file")
    t.add_argument("--preset", help="start from a named preset (see `ganlab presets`); "
                                    "--config and --set keys win over it")
    t.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override one config key (repeatable)")
    t.add_argument("--steps", type=int, help="iterations to train (default: the config's steps)")
    t.add_argument("--out", help="run folder to create")
    t.add_argument("--resume", help="continue a stopped run folder from its checkpoint")
    t.add_argument("--no-diagnostics", action="store_true", help="skip the diagnostics")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.add_argument("--seeds", help="train the config once per seed (e.g. 0-4 or 1,5,9) into "
                                   "DIR/seed-<s>; prints a line per seed and mean ± std")

    s = sub.add_parser("sample", help="write samples from a run's latest checkpoint to .npy")
    s.add_argument("--run", required=True, help="run folder")
    s.add_argument("-n", type=int, required=True, help="number of samples")
    s.add_argument("--out", required=True, help="output .npy file")
    s.add_argument("--seed", type=int, default=0, help="seed of the noise (default 0)")

    e = sub.add_parser("export", help="a run as a standalone PyTorch training script, or its G "
                                      "as a file torch.export.load reads")
    e.add_argument("--run", required=True, help="run folder")
    e.add_argument("--as", dest="kind", required=True, choices=("script", "generator"),
                   help="script: train.py with no ganlab import; generator: G as a .pt2 file")
    e.add_argument("--out", required=True, help="file to write")

    a = sub.add_parser("app", help="start the web app (streamlit run serve.py: app.py, with the "
                                   "training workers started and stopped with the server)")
    a.add_argument("--port", type=int, default=8501)

    sub.add_parser("presets", help="list the presets for --preset, one line each")

    w = sub.add_parser("sweep", help="train a sweep (grid, random or Optuna search) from a spec "
                                     "file; the Compare page reads the same spec")
    w.add_argument("spec", help="the sweep spec, a JSON file (README: ganlab sweep)")
    w.add_argument("--out", required=True, help="folder for sweep.json, the study and the runs")
    w.add_argument("--budget", type=int, help="configs to try (random, search): overrides the spec")
    w.add_argument("--no-diagnostics", action="store_true", help="skip the diagnostics")

    b = sub.add_parser("bench", help="Trainer vs a bare PyTorch loop, iterations/s")
    b.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (UsageError, ConfigError, RunError) as e:
        print(f"ganlab: error: {_one_line(e)}", file=sys.stderr)
        return 2
    except OSError as e:   # a path the user gave: unwritable, a file where a folder should be
        where = f"{e.filename}: " if e.filename else ""
        print(f"ganlab: error: {where}{e.strerror or type(e).__name__}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())[:500]


def _load_config(args) -> Config:
    """The preset's changes, then the config file's keys, then each --set: the later wins, and
    keys nobody set get the defaults that fit the dataset (Config.from_dict)."""
    from ganlab import presets

    keys = {}
    if args.preset:
        if args.preset not in presets.PRESETS:
            raise UsageError(f"--preset {args.preset}: unknown; `ganlab presets` lists them")
        keys.update(presets.changes_of(args.preset))
    if args.config:
        try:
            text = Path(args.config).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"--config {args.config}: cannot read ({e.__class__.__name__})")
        from_file = Config.from_json(text)  # checks the text (size, depth) and every key in it
        keys.update({k: getattr(from_file, k) for k in json.loads(text)})
    keys.update(parse_sets(args.set))
    return Config.from_dict(keys)


def cmd_train(args) -> int:
    from ganlab.runs.recorder import Recorder
    from ganlab.serve import placement

    if args.steps is not None and args.steps < 1:
        raise UsageError(f"--steps {args.steps}: must be at least 1")
    if args.resume and args.seeds:
        raise UsageError("--seeds starts new runs; resume each DIR/seed-<s> on its own")
    if args.resume:
        if args.out or args.config or args.set:
            raise UsageError("--resume continues a run as it was; drop --out/--config/--set")
        run = Run(args.resume)
        trainer = run.load_trainer(device=placement.choose(run.config(), None))
        run.drop_metrics_after(trainer.step)
        steps = args.steps or max(trainer.cfg.steps - trainer.step, 0)
        if steps == 0:
            raise UsageError(f"{run.path}: already at step {trainer.step}; give --steps N")
    else:
        if not args.out:
            raise UsageError("train needs --out DIR (or --resume DIR)")
        cfg = _load_config(args)
        if args.steps:
            cfg = cfg.replace(steps=args.steps)
        if args.seeds:
            return _train_seeds(args, cfg)
        from ganlab.train.trainer import Trainer

        # may raise ConfigError (e.g. dataset files missing)
        trainer = Trainer(cfg, device=placement.choose(cfg, None))
        run = Run.create(args.out, cfg)
        steps = cfg.steps
    return train_loop(trainer, run, steps, Recorder(run, diagnostics=not args.no_diagnostics),
                      progress=not args.quiet)


def _train_seeds(args, cfg: Config) -> int:
    from ganlab.sweep import seeds

    try:
        chosen = seeds.parse_seeds(args.seeds)
    except seeds.SeedsError as e:
        raise UsageError(str(e)) from None
    if any(a.partition("=")[0].strip() == "seed" for a in args.set):
        raise UsageError("--seeds sets each run's seed; drop --set seed=...")
    return seeds.train_seeds(cfg, chosen, args.out, diagnostics=not args.no_diagnostics,
                             progress=not args.quiet)


def cmd_sample(args) -> int:
    import numpy as np
    import torch

    if not 1 <= args.n <= 1_000_000:
        raise UsageError(f"-n {args.n}: must be in [1, 1000000]")
    if not str(args.out).endswith(".npy"):
        raise UsageError(f"--out {args.out}: must end in .npy")
    trainer = Run(args.run).load_trainer(device="cpu")
    z = trainer.sample_z(args.n, torch.Generator().manual_seed(args.seed))
    x = trainer.sample(args.n, z)
    if trainer.data.kind == "image":
        x = (x.clamp(-1, 1) + 1) / 2  # images as (N, C, H, W) in [0, 1]
    try:
        with open(args.out, "wb") as f:
            np.save(f, x.numpy().astype(np.float32))
    except OSError as e:
        raise UsageError(f"--out {args.out}: cannot write ({e.strerror or type(e).__name__})") \
            from None
    print(f"wrote {args.n} samples of shape {tuple(x.shape[1:])} to {args.out}", file=sys.stderr)
    return 0


def app_path() -> Path:
    return Path(__file__).resolve().parent.parent / "app.py"


def cmd_app(args) -> int:
    path = app_path()
    serve = path.with_name("serve.py")     # app.py plus the server's start-up and shut-down
    for f in (path, serve):
        if not f.is_file():
            raise UsageError(f"{f} not found: run `ganlab app` from a source checkout")
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: must be in [1, 65535]")
    cmd = [sys.executable, "-m", "streamlit", "run", str(serve), "--server.port", str(args.port),
           "--browser.gatherUsageStats", "false"]
    # Become the server (exec, not a child): a SIGTERM from docker stop or systemd then reaches
    # it directly, and it stops its workers and marks their runs stopped.
    os.chdir(path.parent)
    os.execv(sys.executable, cmd)


def cmd_presets(args) -> int:
    from ganlab import presets

    for name in presets.names():
        print(presets.summary(name))
    return 0


def cmd_export(args) -> int:
    from ganlab.runs import export_script as export_code
    from ganlab.runs import generator as export_generator

    run = Run(args.run)
    try:
        if args.kind == "script":
            data = export_code.script(run.config(), run.name).encode()
        else:
            data = export_generator.generator_file(run)
    except export_code.ExportError as e:
        raise UsageError(str(e)) from None
    try:
        Path(args.out).write_bytes(data)
    except OSError as e:
        raise UsageError(f"--out {args.out}: cannot write ({e.strerror or type(e).__name__})")
    print(f"wrote {args.out} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def cmd_sweep(args) -> int:
    from ganlab.sweep import local, spec

    try:
        with open(args.spec, "rb") as f:
            text = f.read(spec.MAX_BYTES + 1)
    except OSError as e:
        raise UsageError(f"{args.spec}: cannot read ({e.strerror or type(e).__name__})") from None
    try:
        parsed = spec.parse_text(text, what=Path(args.spec).name)
        if args.budget is not None:
            parsed = spec.parse({**parsed.to_dict(), "budget": args.budget})
    except spec.SpecError as e:
        raise UsageError(str(e)) from None
    return local.run_sweep(parsed, args.out, diagnostics=not args.no_diagnostics)


def cmd_bench(args) -> int:
    from ganlab.train.bench import print_table, run_benchmarks

    print_table(run_benchmarks(seconds=args.seconds))
    return 0


COMMANDS = {"train": cmd_train, "sample": cmd_sample, "app": cmd_app, "bench": cmd_bench,
            "presets": cmd_presets, "export": cmd_export, "sweep": cmd_sweep}

if __name__ == "__main__":
    sys.exit(main())
