"""Workers on a Ray cluster: one actor per run, running the same worker program as a local one.

The JobManager does not know which backend it has. A local worker is a subprocess on an
inherited socketpair (serve.process); a cluster worker is a Ray actor that dials back to this
process over TCP with a multiprocessing authkey (the same HMAC handshake as Listener/Client),
then runs `ganlab.serve.worker.main` on that socket. Here the manager's side of the socket is
one end of a local socketpair, and a bridge forwards bytes between it and the actor's TCP
connection. So the manager's Connection exists at once, before the actor is even placed (it
sends the spec straight away, as to a local worker), and the protocol, the Snapshots and the
manager's code are the same for both backends (architecture §9, "Training on a Ray cluster").

An actor asks for one CPU, and an image run (or an explicit device=cuda) also a share of a GPU:
GIB_PER_GPU_JOB of the GPU's memory, the same rule `Limits.global_cap` uses on one box. Toy runs
get no GPU and see none. `ActorProcess` looks like a subprocess.Popen to the manager (poll,
wait, kill, pid): a lost actor or node ends its task with Ray's error, which becomes the run's
failure reason.

Ray is an optional extra (`pip install -e '.[cluster]'`): it is imported only when the cluster
backend is chosen, so this module imports without it.
"""

from __future__ import annotations

import os
import secrets
import socket
import struct
import subprocess
import sys
import threading
from multiprocessing.connection import Connection, answer_challenge, deliver_challenge
from pathlib import Path

HANDSHAKE_SECONDS = 10.0   # a peer that connects and says nothing is dropped after this
KILLED_CODE = -9           # what a lost actor's "exit code" reads as (how_it_ended: killed)
LOST_WAIT = 60.0           # wait() without a timeout gives up on Ray after this (a lost node)
NAMESPACE = "ganlab"


class ClusterError(RuntimeError):
    """The cluster cannot be used (Ray missing, unreachable); the message is for a person."""


def parse_address(raw: str | None) -> str | None:
    """GANLAB_CLUSTER as ray.init's address: None for local workers ('' or 'local'), else
    'auto', 'ray://HOST:PORT' or 'HOST:PORT'. Anything else is a ValueError naming it."""
    text = (raw or "").strip()
    if text.lower() in ("", "local"):
        return None
    if text.lower() == "auto":
        return "auto"
    body = text[len("ray://"):] if text.startswith("ray://") else text
    host, _, port = body.rpartition(":")
    if host and port.isdigit() and 0 < int(port) < 65536 and \
            all(c.isalnum() or c in ".-_[]:" for c in host):
        return text
    raise ValueError(f"GANLAB_CLUSTER={text[:60]!r}: must be local, auto, HOST:PORT or "
                     "ray://HOST:PORT")


def connect(address: str) -> None:
    """Join the Ray cluster at `address` as a driver (once per process)."""
    if "ray" not in sys.modules and "RAY_AUTH_MODE" not in os.environ and (
            os.environ.get("RAY_AUTH_TOKEN") or (Path.home() / ".ray" / "auth_token").is_file()):
        # `ray start` turns token authentication on when a token exists, but a driver joining
        # the cluster does not (Ray 2.60), and Ray reads the mode when it is imported: follow
        # the same rule before the import, or the cluster refuses this server.
        os.environ["RAY_AUTH_MODE"] = "token"
    try:
        import ray
    except ImportError:
        raise ClusterError("GANLAB_CLUSTER is set but Ray is not installed: "
                           "pip install -e '.[cluster]'") from None
    if ray.is_initialized():
        return
    if address != "auto":
        # Ray retries a dead address for minutes, printing as it goes: ask once, briefly.
        host, _, port = address.removeprefix("ray://").rpartition(":")
        try:
            socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()
        except OSError as e:
            raise ClusterError(f"cannot reach the Ray cluster at {address}: "
                               f"{e.strerror or e}") from None
    try:
        ray.init(address=address, namespace=NAMESPACE, log_to_driver=False,
                 configure_logging=False)
    except (ConnectionError, RuntimeError, ValueError) as e:
        raise ClusterError(f"cannot reach the Ray cluster at {address}: "
                           f"{str(e).splitlines()[0][:200]}") from None


# --- the rendezvous: actors dial back here ------------------------------------------------------
class Rendezvous:
    """One TCP listener per web-server process. Each started actor gets a one-time token; when
    it connects and passes the authkey handshake, it names its token and is bridged to the
    manager's end of that job's socketpair."""

    def __init__(self, host: str):
        self.authkey = secrets.token_bytes(32)
        self._sock = socket.create_server((host, 0))
        self.address = self._sock.getsockname()[:2]
        self._pending: dict[bytes, socket.socket] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="ganlab-rendezvous", daemon=True).start()

    def expect(self) -> tuple[bytes, Connection]:
        """A fresh token and the manager's Connection for the actor that will bring it."""
        mine, theirs = socket.socketpair()
        token = secrets.token_hex(16).encode()
        with self._lock:
            self._pending[token] = theirs
        return token, Connection(mine.detach())

    def forget(self, token: bytes) -> None:
        """The actor ended without connecting: close its end, so the manager sees EOF."""
        with self._lock:
            waiting = self._pending.pop(token, None)
        if waiting is not None:
            waiting.close()

    def _accept(self) -> None:
        while True:
            try:
                peer, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._admit, args=(peer,), daemon=True).start()

    def _admit(self, peer: socket.socket) -> None:
        """Handshake under a receive timeout (kernel-level, so it holds for os.read too), then
        bridge. Anyone without the key, or with an unknown token, is just disconnected."""
        _recv_timeout(peer, HANDSHAKE_SECONDS)
        talk = Connection(os.dup(peer.fileno()))
        try:
            deliver_challenge(talk, self.authkey)
            answer_challenge(talk, self.authkey)
            token = talk.recv_bytes(64)
        except (OSError, EOFError, ValueError, Exception):   # noqa: BLE001 - any bad peer
            talk.close()
            peer.close()
            return
        talk.close()
        with self._lock:
            local = self._pending.pop(token, None)
        if local is None:
            peer.close()
            return
        _recv_timeout(peer, 0)
        _bridge(peer, local)


def _recv_timeout(sock: socket.socket, seconds: float) -> None:
    whole = int(seconds)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO,
                    struct.pack("ll", whole, int((seconds - whole) * 1e6)))


def _bridge(a: socket.socket, b: socket.socket) -> None:
    """Forward bytes both ways until either side closes; then close both, so the other side
    sees EOF: the manager learns the actor is gone, the worker that the server is."""
    def pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(1 << 16):
                dst.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    threads = [threading.Thread(target=pump, args=pair, daemon=True) for pair in ((a, b), (b, a))]
    for t in threads:
        t.start()

    def close_after() -> None:
        for t in threads:
            t.join()
        a.close()
        b.close()

    threading.Thread(target=close_after, daemon=True).start()


# --- the actor (runs on a cluster node) ---------------------------------------------------------
class WorkerHost:
    """A Ray actor holding one run's resources; run() is the whole life of one worker."""

    def run(self, address, authkey: bytes, token: bytes, polite: bool) -> int:
        from multiprocessing.connection import Client

        import ray

        from ganlab.serve import worker

        if not ray.get_gpu_ids():
            # A toy run's actor holds no GPU share: it must not train on one either.
            os.environ["CUDA_VISIBLE_DEVICES"] = ""
        conn = Client(tuple(address), authkey=authkey)
        conn.send_bytes(token)
        fd = os.dup(conn.fileno())
        conn.close()
        return worker.main(["--fd", str(fd)] + (["--polite"] if polite else []))


class ActorProcess:
    """A Ray actor as the manager sees a worker process (the subprocess.Popen calls it uses)."""

    def __init__(self, actor, ref, token: bytes, rendezvous: Rendezvous):
        self.actor, self.ref, self.token = actor, ref, token
        self._rendezvous = rendezvous
        self.pid = None               # on another node: /proc here would be someone else's
        self.returncode: int | None = None
        self.reason: str | None = None

    def poll(self) -> int | None:
        import ray

        if self.returncode is not None:
            return self.returncode
        done, _ = ray.wait([self.ref], timeout=0)
        if not done:
            return None
        try:
            self.returncode = int(ray.get(self.ref))
        except ray.exceptions.RayActorError as e:
            self.returncode, self.reason = KILLED_CODE, _why_lost(e)
        except Exception as e:  # noqa: BLE001 - the worker raised inside the actor
            self.returncode, self.reason = 1, f"the Ray actor failed: {type(e).__name__}"
        self._rendezvous.forget(self.token)
        ray.kill(self.actor, no_restart=True)      # free its CPU/GPU share at once
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import ray

        limit = LOST_WAIT if timeout is None else timeout
        done, _ = ray.wait([self.ref], timeout=limit)
        if not done:
            if timeout is not None:
                raise subprocess.TimeoutExpired("ray actor", timeout)
            self.returncode, self.reason = KILLED_CODE, "the Ray actor did not answer"
            return self.returncode
        return self.poll()

    def kill(self) -> None:
        import ray

        ray.kill(self.actor, no_restart=True)


def _why_lost(e: Exception) -> str:
    """Ray's reason for a dead actor, in one line (it names ray.kill, a dead node, OOM...)."""
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    cause = next((ln for ln in reversed(lines) if "because" in ln or "node" in ln.lower()),
                 lines[0] if lines else type(e).__name__)
    return f"the Ray actor was lost: {cause[:200]}"


class RayBackend:
    """Starts workers as actors on the cluster; `Spare` and the manager call it like the local
    backend (start, needs, cap)."""

    name = "ray"

    def __init__(self, address: str):
        connect(address)          # first: it may set the auth mode Ray reads at import
        import ray

        self._remote = ray.remote(max_restarts=0)(WorkerHost)
        self.rendezvous = Rendezvous(ray.util.get_node_ip_address())
        self._gpu_share: float | None = None

    def needs(self, spec: dict | None) -> dict:
        """Ray resources for a job: one CPU, plus a GPU share for an image run when the cluster
        has GPUs (None: a spare, sized for a toy run)."""
        cfg = _config_of(spec) if spec else None
        wants_gpu = cfg is not None and cfg.device != "cpu" and \
            (not cfg.is_toy or cfg.device == "cuda")
        if wants_gpu and self.gpu_share():
            return {"num_cpus": 1, "num_gpus": self.gpu_share()}
        return {"num_cpus": 1}

    def gpu_share(self) -> float:
        """The GPU fraction of one image run: GIB_PER_GPU_JOB of the GPU's memory, measured
        once with nvidia-smi on a GPU node (0.0 when the cluster has no GPU)."""
        if self._gpu_share is None:
            self._gpu_share = _measure_gpu_share()
        return self._gpu_share

    def start(self, needs: dict | None = None, polite: bool = False):
        """A new actor and the manager's Connection to it; None if Ray refuses."""
        token, conn = self.rendezvous.expect()
        try:
            actor = self._remote.options(**(needs or {"num_cpus": 1})).remote()
            ref = actor.run.remote(self.rendezvous.address, self.rendezvous.authkey, token,
                                   polite)
        except Exception:  # noqa: BLE001 - Ray down or refusing: the job fails with a reason
            self.rendezvous.forget(token)
            conn.close()
            return None
        return ActorProcess(actor, ref, token, self.rendezvous), conn

    def ledger(self, root):
        """Replicas share this cluster and the runs root: the per-visitor count lives there."""
        from ganlab.serve.ledger import Ledger

        return Ledger(root)

    def cap(self, limits) -> int:
        """Jobs training at once: the configured value, else one per CPU of the cluster."""
        import ray

        if limits.max_concurrent:
            return limits.max_concurrent
        return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _config_of(spec: dict):
    from ganlab.config import Config, ConfigError
    from ganlab.runs.folder import Run, RunError

    try:
        if spec.get("config") and not spec.get("resume"):
            return Config.from_dict(spec["config"])
        return Run(spec["run_dir"]).config()
    except (ConfigError, RunError, OSError, KeyError):
        return None


def _measure_gpu_share() -> float:
    import ray
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    from ganlab.serve.limits import GIB_PER_GPU_JOB, gpu_memory_gib

    node = next((n for n in ray.nodes() if n.get("Alive") and n["Resources"].get("GPU")), None)
    if node is None:
        return 0.0
    probe = ray.remote(num_cpus=0)(gpu_memory_gib).options(
        scheduling_strategy=NodeAffinitySchedulingStrategy(node["NodeID"], soft=False))
    try:
        gib = ray.get(probe.remote(), timeout=30)
    except Exception:  # noqa: BLE001 - unmeasurable: one run per GPU is always safe
        gib = None
    per_gpu = max(1, int(gib // GIB_PER_GPU_JOB)) if gib else 1
    return round(1.0 / per_gpu, 4)


# --- `python -m ganlab.serve.cluster`: the check docs/deploy.md §9 runs -------------------------
def main() -> int:
    """Join the cluster GANLAB_CLUSTER names, list its nodes, and train one short toy run
    through it as the app would (a JobManager on GANLAB_RUNS): the run folder it prints can be
    resumed with `ganlab train --resume` on any node. Exit code 2 with one line on a problem."""
    from ganlab.config import Config
    from ganlab.serve import settings
    from ganlab.serve.manager import JobManager

    try:
        address = settings.get().cluster
        if address is None:
            raise ClusterError("GANLAB_CLUSTER is not set: nothing to check")
        connect(address)
        import ray

        for node in ray.nodes():
            if node.get("Alive"):
                res = node["Resources"]
                print(f"node {node['NodeManagerAddress']:<15} CPU {res.get('CPU', 0):g}  "
                      f"GPU {res.get('GPU', 0):g}")
        mgr = JobManager(warm_spare=False)
    except (ClusterError, ValueError) as e:
        print(f"ganlab: cluster: {e}", file=sys.stderr)
        return 2
    try:
        share = mgr._backend.gpu_share()
        print("each run: 1 CPU; an image run also " +
              (f"{share:g} of a GPU" if share else "no GPU (the cluster has none)"))
        job = mgr.submit("cluster-check", Config(dataset="ring8", steps=300))
        snap = mgr.wait_for(job, lambda s: s.state in ("finished", "failed", "stopped"), 600)
    finally:
        mgr.shutdown()
    print(f"run {mgr.root / job}: {snap.state} at step {snap.step}"
          + (f" ({snap.error})" if snap.error else ""))
    return 0 if snap.state == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
