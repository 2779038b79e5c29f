"""Who a visitor is: the client address a request came from, as the key that per-visitor caps
count by, so that a person's ten tabs (or a script's hundred sessions) are one visitor.

Behind reverse proxies the connection's address is the nearest proxy's. Each proxy appends the
address it was connected from to X-Forwarded-For, so with `hops` proxies of our own in front
(GANLAB_TRUSTED_PROXIES), the client is the hops-th entry from the right: everything further left
was written by the client itself and may be spoofed. hops=0 (the default) trusts no header and
uses the connection's address. A header with fewer entries than hops did not come through all of
our proxies; it is not believed either (as werkzeug's ProxyFix does).

IPv6 clients are keyed by their /64 network: one home or phone gets a whole /64 and rotates its
addresses inside it (privacy extensions). Core module: no streamlit.
"""

from __future__ import annotations

import ipaddress

MAX_HEADER = 4096            # characters of X-Forwarded-For read; no proxy chain is longer
MAX_HOPS = 10


def client_address(forwarded, remote: str | None, hops: int) -> str | None:
    """The client's address: the hops-th X-Forwarded-For entry from the right (`forwarded`: the
    header's values, one string or a list of repeated headers, in order), else the connection's
    `remote` address; None when neither is an IP address."""
    if hops > 0 and forwarded:
        text = ",".join(forwarded) if isinstance(forwarded, (list, tuple)) else str(forwarded)
        # Our proxies' entries are the rightmost: an overlong header loses its left end.
        entries = [e.strip() for e in text[-MAX_HEADER:].split(",")]
        if len(entries) >= hops:
            found = _ip(entries[-hops])
            if found is not None:
                return found
    return _ip(remote)


def visitor_key(address: str | None) -> str | None:
    """The key per-visitor caps count by: the IPv4 address, an IPv6 address's /64 network;
    None for no address (the caller then counts by session)."""
    if address is None:
        return None
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _ip(text: str | None) -> str | None:
    """`text` as a normalised IP address, also from "1.2.3.4:80", "[::1]:80" or "[::1]"; None
    when it is none (an "unknown" or obfuscated entry, a hostname, junk)."""
    if not text:
        return None
    text = text.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
