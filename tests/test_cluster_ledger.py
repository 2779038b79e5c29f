"""The cluster backend's parts that need no Ray: the replicas' ledger, the rendezvous that
actors dial back to (loopback only), and the GANLAB_CLUSTER setting."""

import json
import os
import socket
import subprocess
import sys
import time
from multiprocessing.connection import Client

import pytest

from ganlab.serve import cluster
from ganlab.serve.cluster import Rendezvous, parse_address
from ganlab.serve.ledger import FILE, Ledger
from ganlab.serve.limits import LimitError
from ganlab.serve.settings import Settings, SettingsError
from tests.polling import until


# --- the ledger ----------------------------------------------------------------------------------
def test_two_replicas_share_one_visitors_cap(tmp_path):
    a, b = Ledger(tmp_path, replica="a"), Ledger(tmp_path, replica="b")
    a.claim("j1", "visitor", 2, mine=[])
    b.claim("j2", "visitor", 2, mine=[])
    with pytest.raises(LimitError, match="2 run"):
        a.claim("j3", "visitor", 2, mine=["j1"])
    b.claim("j4", "another", 2, mine=["j2"])          # per visitor, not per site
    assert (a.count("visitor"), a.count("another")) == (2, 1)


def test_a_job_its_replica_no_longer_runs_stops_counting_at_once(tmp_path):
    a, b = Ledger(tmp_path, replica="a"), Ledger(tmp_path, replica="b")
    a.claim("j1", "visitor", 1, mine=[])
    with pytest.raises(LimitError):
        b.claim("j2", "visitor", 1, mine=[])
    a.claim("j3", "visitor", 1, mine=[])              # j1 ended here: Stop then Train works
    a.beat([])                                        # ... and a beat drops j3 once it ends
    b.claim("j2", "visitor", 1, mine=[])


def test_a_dead_replicas_entries_expire(tmp_path):
    Ledger(tmp_path, replica="dead").claim("j1", "visitor", 1)
    entries = json.loads((tmp_path / FILE).read_text())
    entries["j1"]["beat"] = time.time() - 120         # its replica stopped vouching long ago
    (tmp_path / FILE).write_text(json.dumps(entries))
    Ledger(tmp_path, replica="alive", ttl=60).claim("j2", "visitor", 1)


@pytest.mark.parametrize("junk", [b"", b"not json", b"[1, 2]", b"[" * 10_000,
                                  b'{"j": {"visitor": 1}}'])
def test_a_damaged_ledger_reads_as_empty(tmp_path, junk):
    (tmp_path / FILE).write_bytes(junk)
    led = Ledger(tmp_path, replica="a")
    led.claim("j1", "visitor", 1)
    assert led.count("visitor") == 1


# --- the rendezvous ------------------------------------------------------------------------------
def test_an_actor_with_the_key_and_its_token_is_bridged_to_the_manager():
    rv = Rendezvous("127.0.0.1")
    token, manager_side = rv.expect()
    manager_side.send({"run_id": "r"})                 # sent before the actor has connected
    actor_side = Client(rv.address, authkey=rv.authkey)
    actor_side.send_bytes(token)
    assert actor_side.recv() == {"run_id": "r"}
    actor_side.send(("snapshot", [1, 2, 3]))
    assert manager_side.poll(30) and manager_side.recv() == ("snapshot", [1, 2, 3])
    actor_side.close()                                 # the actor is gone: the manager sees EOF
    assert manager_side.poll(30)
    with pytest.raises(EOFError):
        manager_side.recv()


def test_strangers_are_dropped_and_the_waiting_job_is_untouched(monkeypatch):
    monkeypatch.setattr(cluster, "HANDSHAKE_SECONDS", 0.3)
    rv = Rendezvous("127.0.0.1")
    token, manager_side = rv.expect()
    with pytest.raises(Exception):                      # the wrong key: refused at the handshake
        Client(rv.address, authkey=b"guess").recv_bytes()
    silent = socket.create_connection(rv.address, timeout=30)   # says nothing: cut after 0.3 s
    assert until(lambda: silent.recv(1 << 16) == b"" or None, 30, "the silent peer to be cut")
    wrong = Client(rv.address, authkey=rv.authkey)       # the key but someone else's token
    wrong.send_bytes(b"0" * 32)
    with pytest.raises(EOFError):
        wrong.recv_bytes()
    assert not manager_side.poll(0.2)                    # nothing reached the job
    real = Client(rv.address, authkey=rv.authkey)
    real.send_bytes(token)
    manager_side.send("spec")
    assert real.recv() == "spec"


def test_forgetting_an_actor_that_never_came_ends_its_connection():
    rv = Rendezvous("127.0.0.1")
    token, manager_side = rv.expect()
    rv.forget(token)
    assert manager_side.poll(5)
    with pytest.raises(EOFError):
        manager_side.recv()


# --- the setting ---------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, address", [(None, None), ("", None), ("local", None),
                                          ("auto", "auto"), ("10.0.0.5:6379", "10.0.0.5:6379"),
                                          ("ray://head:10001", "ray://head:10001")])
def test_cluster_addresses(raw, address):
    assert parse_address(raw) == address


@pytest.mark.parametrize("raw", ["yes", "head", "head:port", "head:0", "ray://", "a b:1",
                                 "http://x:1/$(reboot)"])
def test_a_bad_cluster_address_is_one_line_naming_the_variable(raw):
    with pytest.raises(SettingsError, match="^GANLAB_CLUSTER=") as e:
        Settings.from_env({"GANLAB_CLUSTER": raw})
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("token_file, mode", [(True, "token"), (False, None)])
def test_a_server_joining_a_token_cluster_sends_its_token(tmp_path, token_file, mode):
    # `ray start` turns token auth on when a token exists; a driver must do the same or the
    # cluster refuses it (seen with Ray 2.60: "Failed to connect to Ray cluster").
    if token_file:
        (tmp_path / ".ray").mkdir()
        (tmp_path / ".ray" / "auth_token").write_text("x" * 64)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_AUTH")}
    code = ("import os\nfrom ganlab.serve.cluster import ClusterError, connect\n"
            "try:\n    connect('127.0.0.1:1')\nexcept ClusterError as e:\n    print(e)\n"
            "print(os.environ.get('RAY_AUTH_MODE'))")
    out = subprocess.run([sys.executable, "-c", code], env={**env, "HOME": str(tmp_path)},
                         capture_output=True, text=True, timeout=120)
    lines = out.stdout.splitlines()
    assert len(lines) == 2 and lines[-1] == str(mode)      # one line of why, then the mode


def test_replicas_start_runs_within_the_sites_cap(tmp_path):
    a, b = Ledger(tmp_path, replica="a"), Ledger(tmp_path, replica="b")
    a.claim("j1", "v1", 5)
    b.claim("j2", "v2", 5)
    assert a.start("j1", 1, mine=["j1"]) is True
    assert b.start("j2", 1, mine=["j2"]) is False       # the one slot is taken on replica a
    a.claim("j3", "v1", 5, mine=["j1"])                 # queued runs take no slot
    assert b.start("j2", 2, mine=["j2"]) is True        # a larger site has room
    a.beat([])                                          # a's runs ended
    assert Ledger(tmp_path, replica="c").start("j4", 1) is False   # j2 still holds it
