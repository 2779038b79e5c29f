"""A visitor is a person, not a tab: the client address from the trusted X-Forwarded-For hop
(hand-worked headers; the entries a client writes itself are ignored) and the key the
per-visitor caps count by."""

import pytest

from ganlab.serve.settings import Settings, SettingsError
from ganlab.serve.visitors import client_address, visitor_key

PROXY = "10.0.0.5"          # the connection's address: our nearest proxy


def test_no_trusted_hop_ignores_the_header():
    assert client_address("203.0.113.7", PROXY, 0) == PROXY
    assert client_address(None, "198.51.100.2", 0) == "198.51.100.2"


def test_one_hop_takes_what_our_proxy_appended():
    # nginx: X-Forwarded-For: $proxy_add_x_forwarded_for, the client's header plus its address.
    assert client_address("203.0.113.7", PROXY, 1) == "203.0.113.7"
    assert client_address("6.6.6.6, 7.7.7.7, 203.0.113.7", PROXY, 1) == "203.0.113.7"
    assert client_address(["6.6.6.6", "203.0.113.7"], PROXY, 1) == "203.0.113.7"  # repeated


def test_two_hops_skip_the_outer_proxy_and_ignore_spoofed_entries():
    # client -> CDN (appends the client) -> nginx (appends the CDN) -> app
    assert client_address("6.6.6.6, 198.51.100.9, 192.0.2.1", PROXY, 2) == "198.51.100.9"
    # fewer entries than trusted hops: it did not come through both proxies; not believed
    assert client_address("198.51.100.9", PROXY, 2) == PROXY


def test_junk_ports_and_brackets():
    assert client_address("unknown", PROXY, 1) == PROXY
    assert client_address("203.0.113.7:5555", PROXY, 1) == "203.0.113.7"
    assert client_address("[2001:db8::1]:443", PROXY, 1) == "2001:db8::1"
    assert client_address("not an address", "neither", 1) is None
    long = "1.1.1.1, " * 5000 + "203.0.113.7"           # the right end is ours: it is kept
    assert client_address(long, PROXY, 1) == "203.0.113.7"


def test_ipv6_is_keyed_by_its_64_network():
    a, b = visitor_key("2001:db8:0:1:aaaa::1"), visitor_key("2001:db8:0:1:bbbb::2")
    assert a == b == "2001:db8:0:1::/64"
    assert visitor_key("2001:db8:0:2::1") != a
    assert visitor_key("::ffff:203.0.113.7") == visitor_key("203.0.113.7") == "203.0.113.7"
    assert visitor_key(None) is None


def test_trusted_proxies_setting():
    assert Settings.from_env({}).trusted_proxies == 0
    assert Settings.from_env({"GANLAB_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    for bad in ("1.5", "-1", "11", "many"):
        with pytest.raises(SettingsError, match="GANLAB_TRUSTED_PROXIES"):
            Settings.from_env({"GANLAB_TRUSTED_PROXIES": bad})
