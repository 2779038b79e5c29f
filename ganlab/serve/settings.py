"""Deployment settings: the one place that reads the server's environment variables.

    GANLAB_SHOWCASE=1        public-demo mode: Limits.showcase() as the base, uploads off, no
                             server paths or CLI hints on any page, the Gallery as landing page
    GANLAB_ALLOW_UPLOADS=1   allow file uploads even in showcase mode (default: on, off in showcase)
    GANLAB_RUNS=DIR          where run folders live (default ./runs)
    GANLAB_DATA=DIR          where image datasets live (default ./data)
    GANLAB_GALLERY=DIR       preset runs shown on the Gallery page (default assets/gallery)
    GANLAB_RUNS_QUOTA_MB=N   disk quota of the runs folder; 0: none (default 4096)
    GANLAB_LIMITS, GANLAB_LIMIT_<FIELD>   per-job and admission limits (ganlab.serve.limits)
    GANLAB_CLUSTER=ADDRESS   train on a Ray cluster (auto, HOST:PORT, ray://HOST:PORT; default
                             local: worker processes of this server; ganlab.serve.cluster)
    GANLAB_TRUSTED_PROXIES=N reverse proxies of ours in front of the app, whose X-Forwarded-For
                             entries name the visitor (0..10, default 0: the connection's
                             address; ganlab.serve.visitors)

Every value is validated when the settings are read, and a bad one raises SettingsError naming
the variable, the value and what is allowed, so a typo stops the server at start instead of
silently running a public demo with no limits. `python -m ganlab.serve.settings` prints the resolved
settings (or the error, exit code 2): the check docs/deploy.md runs before starting a service.

Core module: no streamlit. Pages ask `settings.get()` and never read the environment themselves.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ganlab.serve import capacity
from ganlab.serve.limits import Limits

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the repo (ganlab/serve/..)
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off", "")
DEFAULT_QUOTA_MB = 4096
MAX_QUOTA_MB = 10 * 2**20          # 10 TB: anything larger is a typo (e.g. bytes given as MB)
# The downloadable image sets and the files they need under the data folder (torchvision's
# layout, as ganlab.data.images reads it; .gz accepted). Kept here, torch-free, because the web
# process asks it for every page view.
_IDX = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte")
DOWNLOADED = {"mnist": ("MNIST/raw", _IDX), "fashion_mnist": ("FashionMNIST/raw", _IDX),
              "cifar10": ("cifar-10-batches-py", tuple(f"data_batch_{i}" for i in range(1, 6))
                          + ("test_batch", "batches.meta"))}


class SettingsError(ValueError):
    """A bad deployment setting; the message names the variable and is shown as is."""


@dataclass(frozen=True)
class Settings:
    showcase: bool = False
    allow_uploads: bool = True
    runs_dir: Path = Path("runs").resolve()
    data_dir: Path = Path("data").resolve()
    gallery_dir: Path = PACKAGE_ROOT / "assets" / "gallery"
    runs_quota_mb: float = DEFAULT_QUOTA_MB
    limits: Limits = dataclasses.field(default_factory=Limits)
    cluster: str | None = None         # Ray address, None: local workers (serve.cluster)
    trusted_proxies: int = 0           # X-Forwarded-For hops to believe (serve.visitors)

    @property
    def quota_bytes(self) -> int:
        """The runs folder's disk quota in bytes (0: none), as runs/index.check_quota takes it."""
        return int(self.runs_quota_mb * 2**20)

    @property
    def cache_dir(self) -> Path:
        """What the Learn pages' tasks computed (ganlab.serve.tasks): inside the runs folder, so
        it is writable, under the quota, and never listed (no run name starts with a dot)."""
        return self.runs_dir / ".cache"

    # --- what pages may show ------------------------------------------------------------------
    @property
    def show_paths(self) -> bool:
        """Server paths (runs folder, data folder) may appear on a page."""
        return not self.showcase

    @property
    def show_cli(self) -> bool:
        """`ganlab train ...` hints may appear on a page (they mean nothing to a visitor)."""
        return not self.showcase

    def public_path(self, path: str | os.PathLike) -> str:
        """A path as a page may show it: in full, or in showcase mode only its last part."""
        return str(path) if self.show_paths else Path(path).name

    def redact(self, text: str) -> str:
        """`text` (an error message) with server paths replaced by short placeholders in
        showcase mode; unchanged otherwise. Longest paths first, so nested ones match whole."""
        if self.show_paths or not text:
            return text
        places = {str(self.runs_dir): "<runs>", str(self.data_dir): "<data>",
                  str(self.gallery_dir): "<gallery>", str(PACKAGE_ROOT): "<app>",
                  sys.prefix: "<python>", str(Path.home()): "~"}
        for path in sorted(places, key=len, reverse=True):
            if len(path) > 1:
                text = text.replace(path, places[path])
        # Anything else that still looks like an absolute path keeps only its last part.
        return re.sub(r"(?<![\w<>~])/(?:[^\s/'\"]+/)+([^\s/'\"]+)", r"…/\1", text)

    def offers(self, dataset: str) -> bool:
        """Whether the Playground offers `dataset`: `folder` only with uploads on; in showcase
        mode a downloadable set only when its files are already in the data folder (a public
        box has no network, and a visitor's run must not fail with "put the files in ...")."""
        if dataset == "folder":
            return self.allow_uploads
        if self.showcase and dataset in DOWNLOADED:
            sub, names = DOWNLOADED[dataset]
            folder = self.data_dir / sub
            return all((folder / n).is_file() or (folder / f"{n}.gz").is_file() for n in names)
        return True

    # --- reading ------------------------------------------------------------------------------
    @classmethod
    def from_env(cls, environ=None) -> Settings:
        env = os.environ if environ is None else environ
        showcase = _flag(env, "GANLAB_SHOWCASE", False)
        allow_uploads = _flag(env, "GANLAB_ALLOW_UPLOADS", not showcase)
        try:
            limits = Limits.from_env(env)
        except ValueError as e:
            raise SettingsError(str(e)) from None
        return cls(showcase=showcase, allow_uploads=allow_uploads,
                   runs_dir=_folder(env, "GANLAB_RUNS", "runs", writable=True),
                   data_dir=_folder(env, "GANLAB_DATA", "data", writable=False),
                   gallery_dir=_folder(env, "GANLAB_GALLERY",
                                       str(PACKAGE_ROOT / "assets" / "gallery"), writable=False),
                   runs_quota_mb=_number(env, "GANLAB_RUNS_QUOTA_MB", DEFAULT_QUOTA_MB, 0,
                                         MAX_QUOTA_MB),
                   limits=limits, cluster=_cluster(env), trusted_proxies=_hops(env))

    def describe(self) -> str:
        """The resolved settings, one per line (for `python -m ganlab.serve.settings`)."""
        lines = [f"showcase        {self.showcase}", f"allow_uploads   {self.allow_uploads}",
                 f"runs_dir        {self.runs_dir}", f"data_dir        {self.data_dir}",
                 f"gallery_dir     {self.gallery_dir}",
                 f"runs_quota_mb   {self.runs_quota_mb:g}",
                 f"cluster         {self.cluster or 'local'}",
                 f"trusted_proxies {self.trusted_proxies}",
                 f"training cap    {capacity.training_cap(self.limits)} runs at once, "
                 f"{capacity.worker_cap(self.limits)} worker processes (serve.capacity)"]
        lines += [f"limit {f.name:<26} {getattr(self.limits, f.name)}"
                  for f in dataclasses.fields(self.limits)]
        return "\n".join(lines)


def _flag(env, name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingsError(f"{name}={raw[:40]!r}: must be 1 or 0 (also true/false, yes/no, on/off)")


def _number(env, name: str, default: float, lo: float, hi: float) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw[:40]!r}: must be a number in [{lo:g}, {hi:g}]") from None
    if not math.isfinite(value) or not lo <= value <= hi:
        raise SettingsError(f"{name}={raw[:40]!r}: must be a finite number in [{lo:g}, {hi:g}]")
    return value


def _hops(env) -> int:
    from ganlab.serve.visitors import MAX_HOPS

    value = _number(env, "GANLAB_TRUSTED_PROXIES", 0, 0, MAX_HOPS)
    if value != int(value):
        raise SettingsError(f"GANLAB_TRUSTED_PROXIES={value:g}: must be a whole number of "
                            f"proxies in [0, {MAX_HOPS}]")
    return int(value)


def _cluster(env) -> str | None:
    from ganlab.serve.cluster import parse_address

    try:
        return parse_address(env.get("GANLAB_CLUSTER"))
    except ValueError as e:
        raise SettingsError(str(e)) from None


def _folder(env, name: str, default: str, writable: bool) -> Path:
    """A folder setting, resolved to an absolute path. It need not exist yet (it is created on
    first use), but if it exists it must be a folder, and the runs folder must be writable."""
    raw = env.get(name)
    text = default if raw is None or not raw.strip() else raw.strip()
    if "\x00" in text or len(text) > 4096:
        raise SettingsError(f"{name}: not a usable path")
    path = Path(text).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise SettingsError(f"{name}={text!r}: exists but is not a folder")
    if writable:
        probe = path if path.exists() else next((p for p in path.parents if p.exists()), None)
        if probe is None or not os.access(probe, os.W_OK | os.X_OK):
            raise SettingsError(f"{name}={text!r}: the server cannot write there "
                                f"(check the folder's owner and permissions)")
    return path


_CACHED: Settings | None = None
_LOCK = threading.Lock()


def get() -> Settings:
    """The server's settings, read once from the environment."""
    global _CACHED
    with _LOCK:
        if _CACHED is None:
            _CACHED = Settings.from_env()
        return _CACHED


def reload() -> Settings:
    """Read the environment again (tests; a server reads it once)."""
    global _CACHED
    with _LOCK:
        _CACHED = None
    return get()


def main() -> int:
    try:
        print(Settings.from_env().describe())
    except SettingsError as e:
        print(f"ganlab: settings error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
