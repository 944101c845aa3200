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


@pytest.mark.parametrize("rcode", ["NXDOMAIN", "SERVFAIL"])
def test_a_resolver_that_cannot_see_the_internet_never_says_no_mail(rcode):
    """LGWAN-side PCs: "no such domain" for everything is the resolver, not the domain."""
    with LoopbackDns(rcode=rcode) as server:
        checker = MailDomainChecker(server.address, timeout=1)
        for domain in ("city.sapporo.lg.jp", "digital.go.jp", "gmail.com", "nowhere.lg.jp"):
            assert checker(domain) == "dns_unavailable", domain
        result = check_email("taro@city.sapporo.lg.jp", online=checker)
    assert (result.verdict, result.online) == ("accepted", "dns_unavailable")
    assert [w.code for w in result.warnings if w.code == "no_internet_mail"] == []


def test_a_silent_resolver_is_unavailable_in_bounded_time():
    with LoopbackDns(silent=True) as server:
        started = time.monotonic()
        assert MailDomainChecker(server.address, timeout=0.5)("nowhere.lg.jp") == \
            "dns_unavailable"
    assert time.monotonic() - started < 4


def test_a_healthy_resolver_without_the_domain_says_no_mail_once_checked():
    with LoopbackDns() as server:
        checker = MailDomainChecker(server.address, timeout=2)
        assert checker("nowhere.lg.jp") == "no_mx"
        assert checker("lgwan-only.lg.jp") == "no_mx"
    controls = [q for q in server.queries if q.endswith(" SOA")]
    assert controls == ["lg.jp. SOA", "go.jp. SOA", "slack.com. SOA"]  # looked up once


def test_a_resolver_that_cannot_be_set_up_is_unavailable(tmp_path):
    """Seen on Windows: reading the system's DNS configuration fails; no crash, no verdict."""
    empty = tmp_path / "resolv.conf"
    empty.write_text("# no nameserver here\n")
    checker = MailDomainChecker(system_config=str(empty), timeout=1)
    assert checker("city.sapporo.lg.jp") == "dns_unavailable"
    assert check_email("taro@city.sapporo.lg.jp", online=checker).verdict == "accepted"
