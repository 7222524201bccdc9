"""The names `timeline serve` answers to, so that no web page elsewhere can reach it (DNS rebinding).

A page on evil.example can have its name point at 127.0.0.1 a moment after it loads; the browser then
sends it requests for this server, and reads the answers, since they seem to come from evil.example.
They still say `Host: evil.example`: only requests for the server's own names are answered.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_INTERFACE = frozenset({"", "0.0.0.0", "::"})


def own_names(host: str) -> frozenset[str]:
    """The host names a request may carry when serving on `host` (besides any IP address: see is_own)."""
    names = {*LOOPBACK, _bare(host)}
    if _bare(host) in EVERY_INTERFACE:
        # served to the LAN (--host 0.0.0.0): a phone opens it by the machine's address, allowed anyway, or
        # by its name; neither is a name whose address an attacker's DNS server gives
        machine = socket.gethostname().lower()
        names |= {machine, f"{machine}.local"}
    return frozenset(name for name in names if name)


def is_own(host_name: str, names: frozenset[str]) -> bool:
    """Whether a request's Host, without its port, is this server: one of `names`, or any IP address.

    The port is not compared: a tunnel (ssh -L 9000:localhost:8000) changes it, and a rebinding
    attack needs a name, not a port. An IP address is never the attacker's: the page that asks for
    it has that address as its origin, and the browser keeps pages of other origins from reading it.
    """
    bare = _bare(host_name)
    return bare in names or _is_address(bare)


def is_same_origin(origin: str, host: str) -> bool:
    """Whether a page from `origin` (an Origin header) was sent by the server the request is for, at `host` (its Host header)."""
    return urlsplit(origin).netloc.lower() == host.lower()


def _bare(host: str) -> str:
    """A host name as compared: lower case, without the brackets of an IPv6 address or a final dot."""
    return host.lower().removeprefix("[").removesuffix("]").removesuffix(".")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
