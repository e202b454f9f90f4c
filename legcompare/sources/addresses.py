"""Where a fetch may connect: a host's addresses, resolved once and checked before connecting.

Guarantees:

* :func:`resolve` asks the resolver once (``socket.getaddrinfo``) and returns every address it
  gave, in its order; an IP literal is returned as is, without a lookup.
* :func:`refusal` says why an address is not a destination, or ``None`` when it is one. Cloud
  metadata addresses (``169.254.169.254``, ``fd00:ec2::254``, ``100.100.100.200`` ...), the
  unspecified address (``0.0.0.0``, ``::``), multicast and reserved addresses are always
  refused; loopback, private, link-local, shared (``100.64/10``) and other non-global addresses
  are refused unless ``allow_private``. An IPv6 address embedding an IPv4 one (mapped
  ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``) is judged by the IPv4 one.
"""

from __future__ import annotations

import socket
from ipaddress import IPv4Address, IPv6Address, IPv6Network, ip_address

from ..errors import FetchError

__all__ = ["METADATA", "IPAddress", "refusal", "resolve"]

IPAddress = IPv4Address | IPv6Address

METADATA: frozenset[IPAddress] = frozenset(ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
    "169.254.170.2",  # AWS ECS task metadata
    "fd00:ec2::254",  # AWS over IPv6
    "100.100.100.200",  # Alibaba Cloud
))
"""Cloud instance-metadata endpoints: refused even with ``allow_private``."""

_NAT64 = IPv6Network("64:ff9b::/96")


def resolve(host: str, port: int, *, where: str) -> list[IPAddress]:
    """Every address of ``host`` (one ``getaddrinfo`` call; none for an IP literal).

    Raises :class:`FetchError` when the name does not resolve.
    """
    literal = _literal(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or "unknown error"
        raise FetchError(f"cannot resolve the host {host} ({reason})", where=where) from None
    found: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = _literal(str(sockaddr[0]).split("%")[0])  # drop an IPv6 zone ("%eth0")
        if address is not None and address not in found:
            found.append(address)
    if not found:
        raise FetchError(f"cannot resolve the host {host} (no address)", where=where)
    return found


def refusal(address: IPAddress, *, allow_private: bool) -> str | None:
    """Why a fetch may not connect to ``address`` (``a loopback address``), else ``None``."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return refusal(embedded, allow_private=allow_private)
    if address in METADATA:
        return "a cloud metadata address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_loopback:  # before "reserved": ::1 lies in the reserved ::/8
        return None if allow_private else "a loopback address"
    if address.is_reserved:
        return "a reserved address"
    if allow_private:
        return None
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "not a public address"
    return None


def _literal(host: str) -> IPAddress | None:
    try:
        return ip_address(host.strip("[]"))
    except ValueError:
        return None


def _embedded_ipv4(address: IPAddress) -> IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, NAT64, 6to4), else ``None``."""
    if not isinstance(address, IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour
