"""Export as code: the standalone script trains like ganlab (same losses from the same seed),
and G as a TorchScript file that plain torch loads; both run with ganlab unimportable."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

from ganlab.config import Config
from ganlab.runs import export_script as export_code
from ganlab.train.trainer import Trainer
from tests.test_runs_pages import open_page, runs  # noqa: F401  (the Runs page's fixture)

ENV = {**os.environ, "OMP_NUM_THREADS": "1"}
STEPS = 25
SMALL = dict(g_width=24, d_width=24, batch_size=32)
# Runs each file as __main__ with `import ganlab` made impossible (what a file needs is in it),
# all in one process so torch is imported once; prints {path: stdout or the error} as JSON.
NO_GANLAB = """
import contextlib, io, json, runpy, sys, traceback
sys.modules["ganlab"] = None
out = {}
for path, *args in json.loads(sys.argv[1]):
    sys.argv, buf = [path, *args], io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            runpy.run_path(path, run_name="__main__")
        out[path] = buf.getvalue()
    except BaseException:
        out[path] = "FAILED " + traceback.format_exc()
print(json.dumps(out))
"""

CASES = {
    "nonsaturating": dict(),
    "minimax_smoothing_sgd": dict(loss="minimax", label_smoothing=0.1, optimizer_d="sgd",
                                  optimizer_g="rmsprop", activation="leaky_relu"),
    "wgan_clip_spiral": dict(loss="wgan", dataset="spiral", d_steps=3, optimizer_d="rmsprop",
                             optimizer_g="rmsprop", lr_d=5e-5, lr_g=5e-5),
    "wgan_gp_grid25": dict(loss="wgan_gp", dataset="grid25", gp_weight=1.0, noise="uniform",
                           noise_dim=4),
    "lsgan_1d_ema": dict(loss="lsgan", dataset="gaussians1d", ema=0.9, g_steps=2,
                         activation="tanh"),
    "hinge_stabilisers": dict(loss="hinge", dataset="moons", spectral_norm=True, r1_weight=0.5,
                              instance_noise=0.1, instance_noise_decay=10, activation="elu"),
    "drawn": dict(dataset="drawn", drawn_points=((0, 0), (1, 1), (2, 0.5), (-1, 2))),
    "circles_deep": dict(dataset="circles", g_layers=1, d_layers=4, seed=7),
    "digits_dcgan": dict(dataset="digits", g_width=16, d_width=16),
    "digits_dcgan_wgan_gp_16px": dict(dataset="digits", g_width=16, d_width=16,
                                      loss="wgan_gp", image_size=16),
    "digits_mlp_conditional": dict(dataset="digits", model="mlp", conditional=True,
                                   g_width=32, d_width=32),
    # PacGAN: D reads packs, the penalties too, instance noise added per sample before packing
    "pack4_wgan_gp_r1": dict(pack=4, loss="wgan_gp", gp_weight=1.0, r1_weight=0.5,
                             instance_noise=0.1, dataset="grid25"),
    "digits_dcgan_pack2": dict(dataset="digits", g_width=16, d_width=16, pack=2),
}


def config(case: str) -> Config:
    return Config(**{**SMALL, **CASES[case]})


def steps_of(cfg: Config) -> int:
    return 8 if cfg.dataset == "digits" else STEPS


def run_without_ganlab(jobs: list, timeout=600) -> dict:
    r = subprocess.run([sys.executable, "-c", NO_GANLAB, json.dumps(jobs)], capture_output=True,
                       text=True, timeout=timeout, env=ENV)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def script_output(tmp_path_factory):
    """Every case's exported script, trained for a few iterations without ganlab."""
    folder = tmp_path_factory.mktemp("scripts")
    jobs = []
    for case in CASES:
        path = folder / f"{case}.py"
        path.write_text(export_code.script(config(case), case))
        jobs.append([str(path), "--steps", str(steps_of(config(case))), "--log-every", "1",
                     "--threads", "1"])
    out = run_without_ganlab(jobs)
    return {case: out[str(folder / f"{case}.py")] for case in CASES}


def ganlab_losses(cfg: Config, steps: int) -> np.ndarray:
    trainer = Trainer(cfg, device="cpu", threads=1)
    out = []
    for _ in range(steps):
        s = trainer.iterate()
        out.append((float(s.loss_d), float(s.loss_g)))
    return np.array(out)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_exported_script_trains_exactly_like_ganlab(case, script_output):
    cfg = config(case)
    steps = steps_of(cfg)
    assert not script_output[case].startswith("FAILED"), script_output[case]
    rows = [line.split() for line in script_output[case].splitlines()]
    assert [int(row[1]) for row in rows] == list(range(1, steps + 1))
    got = np.array([(float(row[3]), float(row[5])) for row in rows])
    want = ganlab_losses(cfg, steps)
    # Same ops in the same order on one thread: bit for bit the same losses (measured).
    np.testing.assert_array_equal(got, want)
    assert np.isfinite(want).all() and len(np.unique(want[:, 0])) > 1   # it really trained


def test_the_script_names_no_ganlab_and_carries_the_config():
    cfg = Config(loss="hinge", g_width=40, lr_d=3e-4, seed=5)
    text = export_code.script(cfg, "my-run")
    assert "ganlab" not in "".join(line for line in text.splitlines()
                                   if line.startswith(("import", "from")))
    for piece in ("g_width=40,", "seed=5,", "lr=0.0003", "def d_hinge(", "def g_wasserstein("):
        assert piece in text
    assert "def d_minimax(" not in text      # only the run's own loss
    compile(text, "my-run.py", "exec")


@pytest.mark.parametrize("changes,fragment", [
    (dict(dataset="mnist"), "dataset=mnist: export as code supports"),
    (dict(dataset="folder"), "dataset=folder"),
])
def test_unsupported_datasets_are_refused_with_a_reason(changes, fragment):
    with pytest.raises(export_code.ExportError, match=fragment):
        export_code.script(Config(**changes))


def ganlab_cli(capsys, *args) -> tuple[int, str]:
    """`ganlab ARGS` in this process: (exit code, stderr)."""
    from ganlab.cli import main

    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().err


G_CASES = {"toy": dict(dataset="ring8"),
           "digits_dcgan_ema": dict(dataset="digits", g_width=16, d_width=16, ema=0.5),
           "digits_mlp_conditional": dict(dataset="digits", model="mlp", conditional=True)}
LOAD_AND_SAMPLE = """
import sys, numpy as np, torch
G = torch.export.load(sys.argv[1]).module()
z = torch.from_numpy(np.load(sys.argv[2]))
args = (z, torch.arange(len(z)) % 10) if sys.argv[4] == "1" else (z,)
np.save(sys.argv[3], G(*args).detach().numpy())
"""


@pytest.mark.slow
def test_g_exports_as_a_file_plain_torch_samples_from(tmp_path, capsys):
    """Real (short) runs; G loaded with torch alone gives the run's own samples."""
    from ganlab.runs.folder import Run

    jobs, want = [], {}
    (tmp_path / "load.py").write_text(LOAD_AND_SAMPLE)
    for case, changes in G_CASES.items():
        run = _checkpointed(tmp_path / case, steps=20, **changes)
        code, err = ganlab_cli(capsys, "export", "--run", str(run.path), "--as", "generator",
                               "--out", str(tmp_path / f"{case}.pt2"))
        assert code == 0 and "wrote" in err, err
        trainer = Run(run.path).load_trainer(device="cpu")
        z = trainer.fixed_noise(7)               # 7: not the batch size G was exported with
        np.save(tmp_path / f"{case}-z.npy", z.numpy())
        want[case] = trainer.sample(7, z).numpy()
        jobs.append([str(tmp_path / "load.py"), str(tmp_path / f"{case}.pt2"),
                     str(tmp_path / f"{case}-z.npy"), str(tmp_path / f"{case}-x.npy"),
                     "1" if trainer.conditional else "0"])
    out = run_without_ganlab(jobs)
    for case in G_CASES:
        assert not out[str(tmp_path / "load.py")].startswith("FAILED"), out
        np.testing.assert_allclose(np.load(tmp_path / f"{case}-x.npy"), want[case], atol=1e-6)
    info = {"ganlab.json": ""}
    torch.export.load(tmp_path / "toy.pt2", extra_files=info)
    assert json.loads(info["ganlab.json"])["noise_dim"] == 2


def _checkpointed(folder, steps=2, **changes):
    from ganlab.runs.folder import Run

    cfg = Config(**{**SMALL, **changes})
    trainer = Trainer(cfg, device="cpu")
    trainer.train(steps)
    run = Run.create(folder / "run", cfg)
    run.save_checkpoint(trainer)
    return run


@pytest.mark.slow
def test_the_cli_writes_a_script_that_runs(tmp_path, capsys):
    run = _checkpointed(tmp_path)
    code, err = ganlab_cli(capsys, "export", "--run", str(run.path), "--as", "script", "--out",
                           str(tmp_path / "train.py"))
    assert code == 0, err
    out = run_without_ganlab([[str(tmp_path / "train.py"), "--steps", "3", "--log-every", "3",
                               "--save", str(tmp_path / "G.pt")]])
    assert out[str(tmp_path / "train.py")].startswith("step 3 loss_d ")
    assert "net.0.weight" in torch.load(tmp_path / "G.pt", weights_only=True)


def test_bad_export_requests_exit_2_with_one_line(tmp_path, capsys):
    run = _checkpointed(tmp_path)
    meta = run.path / "checkpoint.json"
    other = tmp_path / "other"
    other.mkdir()
    (other / "config.json").write_text(Config(dataset="mnist").to_json())
    cases = [
        (["--run", str(tmp_path / "nowhere"), "--as", "script"], "not a run folder"),
        (["--run", str(other), "--as", "script"], "dataset=mnist: export as code supports"),
        (["--run", str(other), "--as", "generator"], "no checkpoint yet"),
        (["--run", str(run.path), "--as", "onnx"], "invalid choice"),
        (["--run", str(run.path), "--as", "script", "--out", str(tmp_path / "no" / "x.py")],
         "cannot write"),
    ]
    for args, fragment in cases:
        if "--out" not in args:
            args = [*args, "--out", str(tmp_path / "x")]
        code, err = ganlab_cli(capsys, "export", *args)
        assert code == 2 and fragment in err, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    # A checkpoint whose weights do not fit its config (an edited or foreign upload).
    body = json.loads(meta.read_text())
    body["config"]["g_width"] = 40
    meta.write_text(json.dumps(body))
    code, err = ganlab_cli(capsys, "export", "--run", str(run.path), "--as", "generator",
                           "--out", str(tmp_path / "g.pt2"))
    assert code == 2 and "does not match its config" in err, err
    (run.path / "checkpoint.safetensors").write_bytes(b"\0" * 100)
    code, err = ganlab_cli(capsys, "export", "--run", str(run.path), "--as", "generator",
                           "--out", str(tmp_path / "g.pt2"))
    assert code == 2 and "corrupt" in err and len(err.splitlines()) == 1, err


def test_the_runs_page_offers_both_exports(runs):  # noqa: F811  (the imported fixture)
    """Runs page → Export: the script and the G file, enabled for a run with a checkpoint."""
    at = open_page("app_pages/runs.py", open="cli-ring8")
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert {"Training script (.py)", "Generator G (.pt2)"} <= set(buttons)
    assert not buttons["Training script (.py)"].disabled
    assert not buttons["Generator G (.pt2)"].disabled
    assert "no ganlab needed" in buttons["Training script (.py)"].help
