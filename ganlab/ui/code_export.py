"""The Runs page's "as code" downloads: the run as one standalone PyTorch training script, and
its G as a file torch.export.load reads. Both are built when clicked, from the run folder alone
(config.json, the checkpoint): no Trainer, no dataset and no training in the web process."""

from __future__ import annotations

import streamlit as st

from ganlab.runs import export_script as export_code
from ganlab.runs import generator as export_generator
from ganlab.runs.folder import Run, RunError
from ganlab.ui.lang import tr


def code_downloads(run: Run) -> None:
    try:
        cfg = run.config()
        ok, why = export_code.supported(cfg), tr("runs.dl.script_unsupported",
                                                 dataset=cfg.dataset)
    except RunError as e:
        ok, why = False, str(e)
    row = st.container(horizontal=True, key="runs_code_downloads")
    row.download_button(tr("runs.dl.script"),
                        lambda: export_code.script(run.config(), run.name).encode(),
                        file_name=f"{run.name}.py", mime="text/x-python", icon=":material/code:",
                        on_click="ignore", disabled=not ok, key="dl_script",
                        help=tr("runs.dl.script_help") if ok else why)
    row.download_button(tr("runs.dl.generator"), lambda: export_generator.generator_file(run),
                        file_name=f"{run.name}-G.pt2", mime="application/octet-stream",
                        icon=":material/deployed_code:", on_click="ignore",
                        disabled=not run.has_checkpoint(), key="dl_generator",
                        help=tr("runs.dl.generator_help"))
