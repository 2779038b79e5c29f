"""Issue 16: uploads are bounded in work (images x pixels), not only bytes; metrics are read
decimated; GANLAB_ALLOW_UPLOADS=0 hides every uploader. Real files, the pages under AppTest."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from ganlab.config import ConfigError
from ganlab.data import folder
from ganlab.runs.folder import METRICS_READ_BYTES, Run
from ganlab.serve import settings
from tests.test_runindex import TINY, train
from tests.test_runs_pages import FakeManager, open_page


def test_zip_of_blank_4096_pngs_is_refused_before_decoding(tmp_path, monkeypatch):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (4096, 4096)).save(buf, format="PNG")
    png = buf.getvalue()                       # ~17 kB, 16.7 megapixels
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(40):                    # 670 megapixels in well under 1 MB
            z.writestr(f"blank{i:03d}.png", png)
    decoded = []
    monkeypatch.setattr(folder, "open_image", lambda b: decoded.append(1) or "not_image")
    with pytest.raises(ConfigError, match="megapixels"):
        folder.extract_zip(data.getvalue(), tmp_path / "out")
    assert decoded == []                       # refused from the headers alone
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_large_metrics_file_is_read_decimated(tmp_path):
    run = Run.create(tmp_path / "r", TINY)
    row = {"step": 0, "loss_d": 1.386, "loss_g": 0.693, "pad": "x" * 150}
    n = 3 * METRICS_READ_BYTES // len(json.dumps(row))
    with open(run.path / "metrics.jsonl", "w") as f:
        f.writelines(json.dumps({**row, "step": step}) + "\n" for step in range(1, n + 1))
    rows = run.metrics()
    steps = [r["step"] for r in rows]
    assert steps[0] == 1 and steps[-1] == n and steps == sorted(steps)
    assert len(rows) < n / 2 and run.skipped_rows == 0     # a bounded read, no torn rows
    assert len(run.metrics(max_bytes=None)) == n           # resume still reads every row


@pytest.fixture
def uploads_off(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLAB_RUNS", str(tmp_path))
    monkeypatch.setenv("GANLAB_RUNS_QUOTA_MB", "0")
    train(tmp_path / "good")
    mgr = FakeManager(tmp_path)
    import ganlab.serve.manager

    monkeypatch.setattr(ganlab.serve.manager, "get_manager", lambda: mgr)

    def switch(on: bool):
        monkeypatch.setenv("GANLAB_ALLOW_UPLOADS", "1" if on else "0")
        settings.reload()
    yield switch
    monkeypatch.delenv("GANLAB_ALLOW_UPLOADS")
    settings.reload()


@pytest.mark.parametrize("page, params", [("app_pages/runs.py", {}),
                                          ("app_pages/playground.py", {"dataset": "drawn"})])
def test_allow_uploads_0_hides_every_uploader(uploads_off, page, params):
    uploads_off(True)
    assert open_page(page, **params).get("file_uploader"), "control: uploaders shown when on"
    uploads_off(False)
    assert open_page(page, **params).get("file_uploader") == []


def test_full_disk_while_storing_a_zip_upload_is_one_line(tmp_path, monkeypatch):
    import errno

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buf, format="PNG")
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("a.png", buf.getvalue())

    def full(*_, **__):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(Image.Image, "save", full)
    with pytest.raises(ConfigError, match="cannot store the images .No space left on device"):
        folder.extract_zip(data.getvalue(), tmp_path / "out")
