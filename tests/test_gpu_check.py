"""benchmarks/gpu_check.sh's Python side in dry-run mode (CPU, smallest sizes), so CI keeps it
working between the rare runs on a GPU box; and the Trainer's CUDA path, which runs only where
there is a GPU (marked gpu, skipped cleanly elsewhere; gpu_check.sh runs them there)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from ganlab.config import Config
from ganlab.train.trainer import Trainer

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench_gpu  # noqa: E402
import bench_gpu_load  # noqa: E402
import bench_gpu_report  # noqa: E402
import bench_gpu_runs  # noqa: E402

TINY = dataclasses.replace(bench_gpu.DRY, images=64, seconds=0.05, blocks=1, warmup=1)
needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")


def test_images_dry_run_times_the_trainer_against_the_bare_loop():
    out, text = bench_gpu.images(dry=True, sizes=TINY)
    (case,) = out["cases"]
    assert out["dry_run"] and case["reference"] == "bare loop"
    assert set(case["loops"]) == {"trainer", "bare loop"}
    assert case["ratio"] > 0 and case["loops"]["trainer"]["images_per_s"] > 0
    assert case["loops"]["trainer"]["peak_mb"] is None       # no GPU figure from a CPU run
    assert "| 8 | trainer |" in text


def test_toy_dry_run_writes_the_placement_figure(tmp_path):
    out, text = bench_gpu.toy(dry=True, sizes=TINY)
    bench_gpu.emit(out, text, tmp_path / "toy.json", tmp_path / "toy.md")
    saved = json.loads((tmp_path / "toy.json").read_text())
    (case,) = saved["cases"]
    assert saved["kind"] == "placement" and saved["dry_run"]
    assert case["faster"] in ("cpu", "cuda") and case["gpu_its"] > 0 and case["cpu_1core_its"] > 0
    assert case["parameters"] > 0 and case["batch_size"] == 256
    assert case["auto_picks"] == "cpu"     # a dry run's two candidates are both the CPU
    assert (tmp_path / "toy.md").read_text().startswith(f"**{bench_gpu.DRY_LABEL}")


@pytest.mark.slow
def test_one_concurrent_run_on_the_cpu_reports_its_rate():
    out = bench_gpu_runs.measure([1], 0.2, torch.device("cpu"), ready_s=120)
    (r,) = out["rounds"]
    assert r["n"] == 1 and r["aggregate_its"] == r["per_run_its"]["median"] > 0
    assert out["gpu_mb_per_run"] is None and r["rss_mb"] > 0
    assert "| 1 |" in bench_gpu_runs.report(out)


LOAD_OUTPUT = """server starting
### Load test: 1 x 4 sessions x 10 s jobs (2026-12-01, 2 cores)
`benchmarks/load_test.py --sessions 4 --seconds 10 --steps 20000 --rounds 1`; whole test 40 s.

| measure | value |
|---|---|
| time to first render, p50 / p95 / max | 1.20 / 2.50 / 2.60 s (4/4 sessions) |
| Jain's fairness index of the rates (1 = equal) | 0.990 |
  session 3: TimeoutError: x
per-job details: /tmp/x/jobs.json; server log: /tmp/x/server.log
"""


def test_load_test_report_is_parsed_into_a_table():
    out = bench_gpu_load.parse(LOAD_OUTPUT)
    assert out["table"]["Jain's fairness index of the rates (1 = equal)"] == "0.990"
    assert out["report"].startswith("### Load test") and out["report"].endswith("0.990 |")
    assert out["jobs_json"] == "/tmp/x/jobs.json"
    waits = bench_gpu_load.queue_waits([{"submitted": 10.0, "started": 10.5},
                                        {"submitted": 11.0, "started": 14.0},
                                        {"submitted": 12.0, "started": None}])
    assert waits["n"] == 2 and waits["max"] == 3.0


def test_report_says_dry_run_and_keeps_failed_steps(tmp_path):
    (tmp_path / "steps.tsv").write_text("setup\tok\t3\t\ntoy\tok\t9\t\n"
                                        "runs\tfailed\t150\ttimed out after 150 s\n")
    (tmp_path / "toy.json").write_text('{"kind": "placement"}')
    (tmp_path / "toy.md").write_text("| case |\n")
    md, data = bench_gpu_report.build(tmp_path, dry=True)
    assert "CPU DRY RUN" in md and "| runs | failed | 150 | timed out after 150 s |" in md
    assert data["placement"] == {"kind": "placement"} and data["total_seconds"] == 162
    assert "(failed: timed out after 150 s)" in md


def test_gpu_check_script_parses_and_refuses_unknown_flags():
    script = BENCH / "gpu_check.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    bad = subprocess.run(["bash", str(script), "--gpu"], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0


def test_labels_reach_the_models_on_the_trainers_device():
    """Callers (diagnostics probe, image panel, TensorBoard) pass CPU labels; on a GPU the
    labels must follow z and x to the device. Checked on the CPU with a spy and a 'meta'
    training device, the only other device every machine has."""
    tr = Trainer(Config(dataset="digits", conditional=True, loss="hinge", batch_size=8,
                        g_width=8, d_width=8), device="cpu", threads=1)
    seen = []

    class Spy(nn.Module):
        def forward(self, x, y=None):
            seen.append((x.device.type, y.device.type))
            return torch.zeros(len(x))

    tr.G, tr.D, tr.device = Spy(), Spy(), torch.device("meta")
    tr.sample(4, torch.zeros(4, tr.cfg.noise_dim), torch.arange(4))
    tr.discriminate(torch.zeros(4, 1, 8, 8), torch.arange(4))
    assert seen == [("meta", "meta"), ("meta", "meta")]


# --- the CUDA path itself (GPU machines only) ----------------------------------------------------
@pytest.mark.gpu
@needs_cuda
def test_cuda_toy_run_trains_in_float32():
    tr = Trainer(Config(dataset="ring8", batch_size=64), device="cuda")
    assert not tr.amp      # bf16 steps (1/64 at radius 2) are coarser than ring8's modes
    stats = tr.train(5).floats()
    assert all(torch.isfinite(torch.tensor(v)) for v in stats.values())
    with torch.no_grad():
        assert tr.G(tr.sample_z(4)).dtype == torch.float32


@pytest.mark.gpu
@needs_cuda
def test_cuda_image_fast_path_data_on_device_channels_last_bf16_fp32_losses():
    tr = Trainer(Config(dataset="digits", batch_size=32, g_width=32, d_width=32), device="cuda")
    assert tr.amp and tr.data.pixels.is_cuda
    conv = next(m for m in tr.D.modules() if isinstance(m, nn.Conv2d))
    assert conv.weight.is_contiguous(memory_format=torch.channels_last)
    with tr._autocast():
        assert tr.G(tr.sample_z(2)).dtype == torch.bfloat16
    stats = tr.train(3)
    assert stats.loss_d.dtype == stats.loss_g.dtype == torch.float32
    assert all(torch.isfinite(torch.tensor(v)) for v in stats.floats().values())
    tensors, meta = tr.state()
    again = Trainer(tr.cfg, device="cuda")
    again.load_state(tensors, meta)
    torch.testing.assert_close(again.sample(4, tr.fixed_noise(4)), tr.sample(4, tr.fixed_noise(4)))


@pytest.mark.gpu
@needs_cuda
@pytest.mark.parametrize("changes", [dict(conditional=True, loss="hinge"),
                                     dict(loss="wgan_gp", r1_weight=1.0, ema=0.99)])
def test_cuda_image_run_gives_probe_and_snapshot(changes):
    """What a worker does with a GPU run: train, probe for diagnostics, draw a snapshot."""
    from ganlab.live.build import build_snapshot
    from ganlab.runs.recorder import make_probe

    tr = Trainer(Config(dataset="digits", batch_size=16, g_width=16, d_width=16, **changes),
                 device="cuda")
    tr.train(2)
    probe = make_probe(tr, 64)
    assert probe.fake.shape == probe.real.shape == (64, 1, 8, 8)
    snap = build_snapshot(tr, "r", 0, "running", None)
    assert snap.grid_png and snap.real_png
