"""Train a run here, in this process, into its run folder: the loop of `ganlab train` and of
`ganlab train --seeds`, with a progress bar and a summary a person reads at the end.

Ctrl-C ends the run as "stopped" and a failure as "failed": either way the folder keeps everything
written so far and says how to resume (architecture §5).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from ganlab.runs.folder import Run


def train_loop(trainer, run: Run, steps: int, recorder, progress: bool = True) -> int:
    from tqdm import tqdm

    trainer.callbacks.append(recorder)
    run.write_status("running", trainer.step)
    started = time.monotonic()
    bar = tqdm(total=steps, disable=not progress, unit="it", dynamic_ncols=True,
               desc=run.name, file=sys.stderr)
    try:
        for i in range(steps):
            stats = trainer.iterate()
            if (i + 1) % 25 == 0 or i + 1 == steps:
                f = stats.floats()
                if not (math.isfinite(f["loss_d"]) and math.isfinite(f["loss_g"])):
                    raise FloatingPointError(
                        f"non-finite loss at step {stats.step} (loss_d={f['loss_d']}, "
                        f"loss_g={f['loss_g']}): lower the learning rates or use wgan_gp")
                bar.set_postfix(loss_d=f"{f['loss_d']:.3f}", loss_g=f"{f['loss_g']:.3f}",
                                refresh=False)
                bar.update((i + 1) - bar.n)
    except KeyboardInterrupt:
        bar.close()
        recorder.close(trainer, "stopped")
        print(f"stopped at step {trainer.step}; resume with: ganlab train --resume {run.path}",
              file=sys.stderr)
        return 130
    except Exception as e:  # the run keeps everything it wrote so far
        bar.close()
        try:
            recorder.close(trainer, "failed", f"{type(e).__name__}: {e}")
        except OSError as again:  # e.g. the disk is still full: say so, keep what was written
            print(f"ganlab: could not record the failure in the run folder: {again}",
                  file=sys.stderr)
        print(f"ganlab: run failed at step {trainer.step}: {e}", file=sys.stderr)
        return 1
    bar.close()
    recorder.close(trainer, "finished")
    from ganlab.runs import index as runindex

    print(train_summary(trainer.step, runindex.summarize(run.path).final, run.path,
                        time.monotonic() - started))
    return 0


# The headline metrics of a finished run, in the order a person reads them, and their format.
SUMMARY_METRICS = (("modes_covered", "modes covered", "{:.0f}"),
                   ("hq_share", "high-quality samples", "{:.0%}"),
                   ("js_binned", "JS (binned)", "{:.3f}"), ("js", "JS", "{:.3f}"),
                   ("w1_exact", "W1", "{:.3f}"), ("w1", "W1", "{:.3f}"),
                   ("mmd", "MMD", "{:.4f}"), ("sample_diversity", "sample diversity", "{:.3f}"))


def train_summary(step: int, final: dict, path: Path, seconds: float) -> str:
    """What a finished `ganlab train` prints: iterations, final losses, the main metrics logged
    last, and where the run folder is (so the results need not be dug out of metrics.jsonl)."""
    lines = [f"finished: {step:,} iterations in {seconds:.1f} s"]
    losses = [f"{name} {final[key]:.3f}" for key, name in (("loss_d", "L_D"), ("loss_g", "L_G"))
              if key in final]
    if losses:
        lines.append("  final losses: " + ", ".join(losses))
    shown, metrics = set(), []
    for key, name, fmt in SUMMARY_METRICS:
        if key in final and name not in shown:
            shown.add(name)
            metrics.append(f"{name} {fmt.format(final[key])}")
    if metrics:
        lines.append("  metrics: " + ", ".join(metrics))
    lines.append(f"  run folder: {path} (config.json, metrics.jsonl, checkpoint, samples/)")
    return "\n".join(lines)
