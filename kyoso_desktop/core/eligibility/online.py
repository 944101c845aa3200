"""Optional online check: can the domain receive internet mail (MX, else A/AAAA)?

Only ever called when the app is not offline. A DNS failure never turns a verdict into rejected.
"""

from __future__ import annotations

import dns.exception
import dns.resolver

from kyoso_desktop.core.common.settings import parse_dns_server

MX_FOUND, NO_MX, DNS_UNAVAILABLE = "mx_found", "no_mx", "dns_unavailable"
DEFAULT_TIMEOUT = 3.0


class MailDomainChecker:
    """Looks up MX/A/AAAA records with a short timeout; results are cached per domain."""

    def __init__(self, server: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        if server:
            address, port = parse_dns_server(server)
            self._resolver = dns.resolver.Resolver(configure=False)
            self._resolver.nameservers = [address]
            self._resolver.port = port
        else:
            self._resolver = dns.resolver.Resolver()  # the OS's resolver configuration
        self._resolver.lifetime = timeout
        self._resolver.timeout = timeout
        self._cache: dict[str, str] = {}

    def __call__(self, domain: str) -> str:
        if domain not in self._cache:
            self._cache[domain] = self._lookup(domain)
        return self._cache[domain]

    def _lookup(self, domain: str) -> str:
        try:
            answer = self._resolver.resolve(domain, "MX")
            exchanges = [r.exchange.to_text() for r in answer]
            # RFC 7505 null MX ("0 ."): the domain explicitly receives no mail
            return NO_MX if exchanges in ([], ["."]) else MX_FOUND
        except dns.resolver.NXDOMAIN:
            return NO_MX
        except dns.resolver.NoAnswer:
            return self._address_fallback(domain)
        except (dns.exception.Timeout, dns.resolver.NoNameservers, dns.exception.DNSException,
                OSError):
            return DNS_UNAVAILABLE

    def _address_fallback(self, domain: str) -> str:
        for rdtype in ("A", "AAAA"):
            try:
                self._resolver.resolve(domain, rdtype)
                return MX_FOUND
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            except (dns.exception.DNSException, OSError):
                return DNS_UNAVAILABLE
        return NO_MX
