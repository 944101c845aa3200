"""The optional online check against a real DNS server on loopback."""

from __future__ import annotations

import time

import pytest

from kyoso_desktop.core.common.settings import parse_dns_server as parse_server
from kyoso_desktop.core.eligibility.engine import check_email
from kyoso_desktop.core.eligibility.online import MailDomainChecker
from tests.integration.dns_server import LoopbackDns

pytestmark = pytest.mark.network


@pytest.mark.parametrize(("domain", "outcome"), [
    ("city.hakodate.lg.jp", "mx_found"),
    ("e-rumoi.jp", "mx_found"),          # no MX, but an A record: can receive mail
    ("ipv6only.go.jp", "mx_found"),
    ("nullmx.lg.jp", "no_mx"),           # RFC 7505 null MX
    ("lgwan-only.lg.jp", "no_mx"),       # exists, no mail records
    ("nowhere.lg.jp", "no_mx"),          # NXDOMAIN
])
def test_outcomes(domain, outcome):
    with LoopbackDns() as server:
        assert MailDomainChecker(server.address, timeout=2)(domain) == outcome


def test_unreachable_resolver_is_bounded_and_never_rejects():
    with LoopbackDns(silent=True) as server:
        checker = MailDomainChecker(server.address, timeout=0.5)
        started = time.monotonic()
        result = check_email("taro@city.hakodate.lg.jp", online=checker)
        assert time.monotonic() - started < 3
    assert (result.verdict, result.online) == ("accepted", "dns_unavailable")


def test_results_are_cached_per_domain():
    with LoopbackDns() as server:
        checker = MailDomainChecker(server.address, timeout=2)
        checker("city.hakodate.lg.jp")
        checker("city.hakodate.lg.jp")
        assert server.queries == ["city.hakodate.lg.jp. MX"]


@pytest.mark.parametrize(("text", "parsed"), [
    ("127.0.0.1", ("127.0.0.1", 53)), ("127.0.0.1:5353", ("127.0.0.1", 5353)),
    ("[::1]:5300", ("::1", 5300)), ("::1", ("::1", 53)),
])
def test_parse_server(text, parsed):
    assert parse_server(text) == parsed
