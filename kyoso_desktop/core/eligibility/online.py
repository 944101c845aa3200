"""Optional online check: can the domain receive internet mail (MX, else A/AAAA)?

Only ever called when the app is not offline, and it never changes the verdict. A negative
answer is only believed from a resolver that can see the internet: before saying `no_mx`, the
checker looks up control names that must exist (the policy's `[online] control_names`). An
LGWAN-side resolver that answers "no such domain" for everything, one that fails, times out,
or cannot even be set up gives `dns_unavailable` ("could not be checked from this PC").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import dns.exception
import dns.resolver

from kyoso_desktop.core.common.settings import parse_dns_server

MX_FOUND, NO_MX, DNS_UNAVAILABLE = "mx_found", "no_mx", "dns_unavailable"
DEFAULT_TIMEOUT = 3.0
log = logging.getLogger(__name__)


class MailDomainChecker:
    """Looks up MX/A/AAAA records with a short timeout; results are cached per domain."""

    def __init__(self, server: str | None = None, timeout: float = DEFAULT_TIMEOUT, *,
                 controls: Sequence[str] | None = None,
                 system_config: str | None = None) -> None:
        """`server`: "ADDR[:PORT]", else the OS's resolver (`system_config`: its file, for
        tests); `controls`: names that must resolve before a negative answer is believed
        (default: the policy's)."""
        if controls is None:
            from kyoso_desktop.core.common.policy import default_policy

            controls = default_policy().online_control_names
        self._controls = tuple(controls)
        self._resolver = _make_resolver(server, timeout, system_config)
        self._cache: dict[str, str] = {}
        self._sees_internet: bool | None = None
        self._lock = threading.Lock()

    def __call__(self, domain: str) -> str:
        with self._lock:  # one look-up at a time: the GUI may ask from two workers
            if domain not in self._cache:
                self._cache[domain] = self._lookup(domain)
            return self._cache[domain]

    def _lookup(self, domain: str) -> str:
        if self._resolver is None:
            return DNS_UNAVAILABLE
        outcome = self._mail_records(domain)
        if outcome == NO_MX and not self._resolver_sees_internet():
            return DNS_UNAVAILABLE  # the resolver, not the domain, is what cannot be trusted
        return outcome

    def _mail_records(self, domain: str) -> str:
        assert self._resolver is not None
        try:
            answer = self._resolver.resolve(domain, "MX")
            exchanges = [r.exchange.to_text() for r in answer]
            # RFC 7505 null MX ("0 ."): the domain explicitly receives no mail
            return NO_MX if exchanges in ([], ["."]) else MX_FOUND
        except dns.resolver.NXDOMAIN:
            return NO_MX
        except dns.resolver.NoAnswer:
            return self._address_fallback(domain)
        except (dns.exception.DNSException, OSError):
            return DNS_UNAVAILABLE

    def _address_fallback(self, domain: str) -> str:
        assert self._resolver is not None
        for rdtype in ("A", "AAAA"):
            try:
                self._resolver.resolve(domain, rdtype)
                return MX_FOUND
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            except (dns.exception.DNSException, OSError):
                return DNS_UNAVAILABLE
        return NO_MX

    def _resolver_sees_internet(self) -> bool:
        """True when every control name has an SOA record (looked up once per checker)."""
        if self._sees_internet is None:
            self._sees_internet = bool(self._controls) and all(
                self._has_soa(name) for name in self._controls)
            if not self._sees_internet:
                log.info("the resolver does not see the internet (controls %s failed): "
                         "negative answers are not believed", ", ".join(self._controls))
        return self._sees_internet

    def _has_soa(self, name: str) -> bool:
        assert self._resolver is not None
        try:
            return len(self._resolver.resolve(name, "SOA")) > 0
        except (dns.exception.DNSException, OSError):
            return False


def _make_resolver(server: str | None, timeout: float,
                   system_config: str | None) -> dns.resolver.Resolver | None:
    """A resolver for `server`, else the OS's; None when it cannot be set up (seen on Windows
    where the system configuration cannot be read): every answer is then `dns_unavailable`."""
    try:
        if server:
            address, port = parse_dns_server(server)
            resolver = dns.resolver.Resolver(configure=False)
            resolver.nameservers = [address]
            resolver.port = port
        elif system_config:
            resolver = dns.resolver.Resolver(filename=system_config)
        else:
            resolver = dns.resolver.Resolver()  # the OS's resolver configuration
    except Exception as exc:  # any failure to set DNS up means "could not be checked"
        log.warning("no DNS resolver could be set up: %s", exc)
        return None
    resolver.lifetime = timeout
    resolver.timeout = timeout
    return resolver
