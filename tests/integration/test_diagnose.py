"""The connection check against real servers on 127.0.0.1: a Slack stand-in (test CA), a
TLS-intercepting proxy, squid (allowlist, basic auth, deny rules), a black hole, a DNS server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest

from kyoso_desktop.core.netdiag.probes import Options
from kyoso_desktop.core.netdiag.profile import Endpoint, Profile
from kyoso_desktop.core.netdiag.proxy import discover
from kyoso_desktop.core.netdiag.runner import run
from kyoso_desktop.core.netdiag.supportcode import decode
from tests.integration.dns_server import LoopbackDns
from tests.integration.slack_servers import (
    BlackHole,
    InterceptingProxy,
    SlackStandIn,
    Squid,
    free_port,
)
from tests.integration.tls_ca import CertificateAuthority

pytestmark = pytest.mark.network  # never skipped: the test command installs squid


@pytest.fixture(scope="module")
def cas(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cas")
    return (CertificateAuthority(folder / "slack"),
            CertificateAuthority(folder / "inspect", name="Evil Inspect CA"))


@pytest.fixture(scope="module")
def slack(cas):
    with SlackStandIn(cas[0]) as server:
        yield server


def profile_for(port: int, hosts=("app.slack.com",), ws=("wss-primary.slack.com",),
                timeout=3.0) -> Profile:
    endpoints = [Endpoint(h, port) for h in hosts] + [Endpoint(h, port, "websocket")
                                                        for h in ws]
    return Profile("test", tuple(endpoints), ("Kyoso Test CA",), timeout)


def diagnose(profile: Profile, *, proxy=None, ca_file=None, resolve_port=None, pac_text=None,
             dns_server=None, no_proxy=False, proxy_credentials=None):
    resolve = {(e.host, e.port): "127.0.0.1" for e in profile.endpoints} \
        if resolve_port else {}
    proxies = discover(override=proxy, disabled=no_proxy or (proxy is None and not pac_text),
                       pac_text=pac_text)
    options = Options(timeout=profile.timeout, resolve=resolve, ca_file=ca_file,
                      expected_issuers=profile.expected_issuers, dns_server=dns_server,
                      proxy_credentials=proxy_credentials)
    return run(profile, proxies, options, lang="en")


def statuses(diagnosis, kind=None):
    return {(c.kind, c.host): c.status for c in diagnosis.checks if kind in (None, c.kind)}


def codes(diagnosis):
    return [f.code for f in diagnosis.findings]


def test_direct_everything_ok(slack, cas):
    result = diagnose(profile_for(slack.port), ca_file=str(cas[0].ca_file),
                      resolve_port=slack.port)
    assert result.verdict == "ok" and result.findings == []
    assert set(statuses(result).values()) == {"ok"}
    assert statuses(result)[("websocket", "wss-primary.slack.com")] == "ok"
    assert decode(result.support_code).kinds["websocket"] == ("ok", 0)


def test_trusted_interception_is_named_with_its_issuer(slack, cas):
    with InterceptingProxy(cas[1], slack.port, cas[0].ca_file) as mitm:
        result = diagnose(profile_for(slack.port), proxy=f"http://127.0.0.1:{mitm.port}",
                          ca_file=str(cas[1].ca_file))
    assert result.verdict == "warning"
    tls = [c for c in result.checks if c.kind == "tls"]
    assert {c.status for c in tls} == {"tls_intercepted"}
    assert all("Evil Inspect CA" in c.detail for c in tls)
    assert codes(result) == ["tls_intercepted"]
    assert statuses(result)[("dns", "app.slack.com")] == "skipped"


def test_intercepting_proxy_that_breaks_websockets(slack, cas):
    with InterceptingProxy(cas[1], slack.port, cas[0].ca_file, block_websocket=True) as mitm:
        result = diagnose(profile_for(slack.port), proxy=f"http://127.0.0.1:{mitm.port}",
                          ca_file=str(cas[1].ca_file))
    assert result.verdict == "failed"
    assert statuses(result)[("https", "app.slack.com")] == "ok"
    assert statuses(result)[("websocket", "wss-primary.slack.com")] == "websocket_blocked"
    assert "websocket_blocked" in codes(result)


def test_untrusted_interception(slack, cas):
    with InterceptingProxy(cas[1], slack.port, cas[0].ca_file) as mitm:
        result = diagnose(profile_for(slack.port), proxy=f"http://127.0.0.1:{mitm.port}",
                          ca_file=str(cas[0].ca_file))
    assert {c.status for c in result.checks if c.kind == "tls"} == {"tls_untrusted"}
    assert "tls_untrusted" in codes(result)


@pytest.fixture(scope="module")
def squid(tmp_path_factory, slack):
    rules = """acl slack dstdomain .slack.com
acl websockets dstdomain wss-backup.slack.com
http_access deny CONNECT websockets
http_access allow CONNECT slack authed
http_access deny all
"""
    server = Squid(tmp_path_factory.mktemp("squid"), rules, users={"taro": "p@ss word"}).start()
    yield server
    server.stop()


def test_squid_asks_for_authentication(slack, squid, cas):
    result = diagnose(profile_for(slack.port), proxy=f"http://127.0.0.1:{squid.port}",
                      ca_file=str(cas[0].ca_file))
    tcp = [c for c in result.checks if c.kind == "tcp"]
    assert {c.status for c in tcp} == {"proxy_auth_required"}
    assert "Basic" in tcp[0].detail
    assert codes(result) == ["proxy_auth_required"] and result.verdict == "failed"


def test_squid_with_credentials_allows_slack_and_denies_the_rest(slack, squid, cas):
    profile = profile_for(slack.port, hosts=("app.slack.com", "blocked.example.com"),
                          ws=("wss-primary.slack.com", "wss-backup.slack.com"))
    result = diagnose(profile, proxy=f"http://taro:p%40ss%20word@127.0.0.1:{squid.port}",
                      ca_file=str(cas[0].ca_file))
    got = statuses(result)
    assert got[("https", "app.slack.com")] == "ok"
    assert got[("websocket", "wss-primary.slack.com")] == "ok"
    assert got[("tcp", "blocked.example.com")] == "proxy_blocked"
    assert got[("tcp", "wss-backup.slack.com")] == "proxy_blocked"
    finding = next(f for f in result.findings if f.code == "proxy_blocked")
    assert set(finding.hosts) == {"blocked.example.com", "wss-backup.slack.com"}
    # the password worked, and it is nowhere in what is shown, saved or sent to IT
    from kyoso_desktop.core.netdiag.report import report_html, report_json

    for text in (json.dumps(result.to_dict()), report_json(result),
                 report_html(result, "ja"), report_html(result, "en")):
        assert "p%40ss" not in text and "p@ss" not in text and "taro:" not in text
    assert f"http://***@127.0.0.1:{squid.port}" in json.dumps(result.to_dict())


def test_a_wrong_password_is_told_apart_from_a_missing_one(slack, squid, cas):
    from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials

    result = diagnose(profile_for(slack.port), proxy=f"http://127.0.0.1:{squid.port}",
                      ca_file=str(cas[0].ca_file),
                      proxy_credentials=ProxyCredentials("taro", "wrong"))
    tcp = [c for c in result.checks if c.kind == "tcp"]
    assert {c.note for c in tcp} == {"proxy_password_rejected"}
    assert codes(result) == ["proxy_password_rejected"]
    assert "wrong" not in json.dumps(result.to_dict())
    result = diagnose(profile_for(slack.port), proxy=f"http://127.0.0.1:{squid.port}",
                      ca_file=str(cas[0].ca_file),
                      proxy_credentials=ProxyCredentials("taro", "p@ss word"))
    assert result.verdict == "ok", [c.detail for c in result.checks]
    assert {c.note for c in result.checks if c.kind == "tcp"} == {"via_proxy_signed_in"}


@pytest.fixture(scope="module")
def ntlm_squid(tmp_path_factory, slack):
    """A proxy that wants the Windows logon (NTLM, squid's ntlm_fake_auth), Basic as well."""
    rules = "http_access allow CONNECT authed\nhttp_access deny all\n"
    server = Squid(tmp_path_factory.mktemp("ntlm-squid"), rules, users={"taro": "secret"},
                   ntlm=True).start()
    yield server
    server.stop()


def test_a_proxy_that_wants_the_windows_logon(slack, ntlm_squid, cas):
    """Without an account, away from Windows: "the proxy wants your Windows logon", never a
    password prompt's wording; with an account, NTLM signs the CONNECT and the WebSocket
    through the same tunnel."""
    from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials

    proxy = f"http://127.0.0.1:{ntlm_squid.port}"
    result = diagnose(profile_for(slack.port), proxy=proxy, ca_file=str(cas[0].ca_file))
    tcp = [c for c in result.checks if c.kind == "tcp"]
    if sys.platform != "win32":
        assert {c.note for c in tcp} == {"proxy_auth_windows"}
        assert "NTLM" in tcp[0].values["schemes"] and "Basic" in tcp[0].values["schemes"]
        finding = result.findings[0]
        assert finding.code == "proxy_auth_windows" and "Windows" in finding.title
    result = diagnose(profile_for(slack.port), proxy=proxy, ca_file=str(cas[0].ca_file),
                      proxy_credentials=ProxyCredentials("KYOSO\\taro", "any"))
    assert result.verdict == "ok", [c.detail for c in result.checks]
    signed = [c for c in result.checks if c.kind == "tcp"]
    assert {c.values["scheme"] for c in signed} == {"NTLM"}
    assert statuses(result)[("websocket", "wss-primary.slack.com")] == "ok"
    log = (ntlm_squid.folder / "access.log").read_text(errors="replace")
    assert "TCP_TUNNEL/200" in log  # the proxy itself saw a signed-in tunnel


def test_proxy_credentials_from_the_environment_are_redacted(monkeypatch):
    from kyoso_desktop.core.netdiag.proxy import discover, redact

    monkeypatch.setenv("HTTPS_PROXY", "http://tanaka:hunter2@proxy.lg.jp:8080")
    described = json.dumps(discover(offline_discovery=True).describe())
    assert "hunter2" not in described and "tanaka" not in described
    assert redact("http://proxy.lg.jp:8080") == "http://proxy.lg.jp:8080"
    assert redact("proxy.lg.jp:8080") == "proxy.lg.jp:8080"


def test_pac_routes_through_squid_and_a_broken_pac_is_reported(slack, squid, cas):
    pac = ("function FindProxyForURL(url, host) { if (dnsDomainIs(host, '.slack.com')) "
           f"return 'PROXY 127.0.0.1:{squid.port}'; return 'DIRECT'; }}")
    result = diagnose(profile_for(slack.port), pac_text=pac, ca_file=str(cas[0].ca_file))
    assert {c.status for c in result.checks if c.kind == "tcp"} == {"proxy_auth_required"}
    assert result.proxy["routes"]["app.slack.com"]["source"] == "pac"
    broken = diagnose(profile_for(slack.port), pac_text="function (", resolve_port=slack.port,
                      ca_file=str(cas[0].ca_file))
    assert "pac_error" in codes(broken) and broken.verdict == "warning"


def test_black_hole_is_bounded(cas):
    with BlackHole() as hole:
        profile = profile_for(hole.port, hosts=("app.slack.com", "slack.com", "api.slack.com"),
                              timeout=1.5)
        started = time.monotonic()
        result = diagnose(profile, ca_file=str(cas[0].ca_file), resolve_port=hole.port)
        elapsed = time.monotonic() - started
    assert elapsed < profile.timeout + 1
    tls = {c.status for c in result.checks if c.kind == "tls"}
    assert tls == {"tls_failed"} and result.verdict == "failed"


def test_refused_port_and_unreachable_proxy():
    port = free_port()
    result = diagnose(profile_for(port), resolve_port=port)
    assert {c.status for c in result.checks if c.kind == "tcp"} == {"tcp_refused"}
    proxy = diagnose(profile_for(443), proxy=f"http://127.0.0.1:{free_port()}")
    assert {c.status for c in proxy.checks if c.kind == "tcp"} == {"proxy_unreachable"}


def test_nothing_resolves_means_lgwan_side():
    with LoopbackDns() as dns:
        result = diagnose(profile_for(443, hosts=("nowhere.lg.jp", "absent.lg.jp"), ws=()),
                          dns_server=dns.address, no_proxy=True)
    assert {c.status for c in result.checks if c.kind == "dns"} == {"dns_failed"}
    assert codes(result)[0] == "lgwan_side" and result.verdict == "failed"
    assert decode(result.support_code).lgwan_side


def test_clock_skew(cas):
    with SlackStandIn(cas[0], date_offset=3600) as late:
        result = diagnose(profile_for(late.port, ws=()), ca_file=str(cas[0].ca_file),
                          resolve_port=late.port)
    clock = next(c for c in result.checks if c.kind == "clock")
    assert clock.status == "clock_skew" and re.match(r"\+3(59[89]|60[01]) s", clock.detail)
    assert result.verdict == "warning" and codes(result) == ["clock_skew"]


# -- the CLI contract -----------------------------------------------------------------------------
def kyoso(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kyoso_desktop", *args], capture_output=True,
                          timeout=60, env={**os.environ, **(env or {})})


def test_cli_json_contract_and_exit_codes(slack, cas, tmp_path):
    profile = tmp_path / "profile.toml"
    profile.write_text(f"""name = "test"
expected_issuers = ["Kyoso Test CA"]
[[endpoints]]
host = "app.slack.com"
port = {slack.port}
[[endpoints]]
host = "wss-primary.slack.com"
port = {slack.port}
kind = "websocket"
""", encoding="utf-8")
    resolve = [x for host in ("app.slack.com", "wss-primary.slack.com")
               for x in ("--resolve", f"{host}:{slack.port}:127.0.0.1")]
    run_ok = kyoso("diagnose", "--json", "--no-proxy", "--profile", str(profile), "--ca-file",
                   str(cas[0].ca_file), "--timeout", "3", *resolve)
    assert run_ok.returncode == 0, run_ok.stderr
    data = json.loads(run_ok.stdout)
    assert set(data) == {"summary", "proxy", "checks", "findings"}
    assert set(data["summary"]) == {"verdict", "support_code"}
    assert set(data["checks"][0]) == {"id", "host", "port", "kind", "status", "detail",
                                      "elapsed_ms"}
    text = kyoso("diagnose", "--no-proxy", "--profile", str(profile), "--timeout", "3",
                 *resolve).stdout.decode()  # the test CA is not given: untrusted
    # the status in words (the code "tls_untrusted" belongs to the JSON only)
    assert "証明書を信頼できない" in text and "tls_untrusted" not in text
    decoded = kyoso("diagnose", "--decode", data["summary"]["support_code"], "--json")
    assert json.loads(decoded.stdout)["checks"]["websocket"]["status"] == "ok"
    assert kyoso("diagnose", "--decode", "AAAAAAA-AAAAAAA").returncode == 2


def test_cli_usage_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[endpoints]]\nhost = "app.slack.com"\nkind = "ftp"\n',
                   encoding="utf-8")
    run_bad = kyoso("diagnose", "--profile", str(bad))
    assert run_bad.returncode == 2 and f"{bad}:3" in run_bad.stderr.decode()
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n[[endpoints\n', encoding="utf-8")
    assert f"{broken}:2" in kyoso("diagnose", "--profile", str(broken)).stderr.decode()
    assert kyoso("diagnose", "--proxy", "http://x:1", "--no-proxy").returncode == 2
    assert kyoso("diagnose", "--resolve", "nonsense").returncode == 2


def test_offline_mode_refuses_without_any_socket(tmp_path):
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "settings.json").write_text('{"format": 1, "offline": true}')
    from tests.integration.test_cli import audited

    status, events = audited("diagnose", env={"KYOSO_CONFIG_DIR": str(config)})
    assert status == 2 and events == ""


def test_a_server_that_dribbles_forever_is_cut_at_the_deadline(cas):
    """An endless header, a byte every 40 ms: the check fails at its deadline, never "ok"."""
    with SlackStandIn(cas[0], dribble=True) as slow:
        started = time.monotonic()
        result = diagnose(profile_for(slow.port, timeout=1.5), resolve_port=slow.port,
                          ca_file=str(cas[0].ca_file), no_proxy=True)
        elapsed = time.monotonic() - started
    got = statuses(result)
    assert got[("https", "app.slack.com")] == "http_error"
    assert got[("websocket", "wss-primary.slack.com")] == "websocket_blocked"
    assert result.verdict == "failed" and elapsed < 4


def test_a_pac_naming_a_port_that_cannot_exist_is_a_failure(slack, cas):
    pac = "function FindProxyForURL(url, host) { return 'PROXY 127.0.0.1:99999'; }"
    result = diagnose(profile_for(slack.port), pac_text=pac, ca_file=str(cas[0].ca_file))
    assert {c.status for c in result.checks if c.kind == "tcp"} == {"proxy_unreachable"}
    assert result.verdict == "failed"
    assert len(result.checks) == 9  # every endpoint and step is reported


def test_a_check_that_crashes_is_reported_as_not_finished(slack, cas, monkeypatch):
    from kyoso_desktop.core.netdiag import probes

    def crash(self):
        raise RuntimeError("a bug in a probe")

    monkeypatch.setattr(probes.EndpointProbe, "_tls", crash)
    result = diagnose(profile_for(slack.port), resolve_port=slack.port,
                      ca_file=str(cas[0].ca_file), no_proxy=True)
    got = statuses(result)
    assert got[("tls", "app.slack.com")] == "not_finished"
    assert got[("dns", "app.slack.com")] == "ok"  # what finished is kept
    assert result.verdict == "failed"
    assert decode(result.support_code).kinds["tls"][0] == "not_finished"


@pytest.mark.parametrize("options", [
    ["--proxy", "http://127.0.0.1:99999"], ["--proxy", "http://[::1"],
    ["--dns-server", "127.0.0.1:abc"], ["--timeout", "0"],
])
def test_bad_option_values_are_usage_errors_before_any_probe(options, tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('[[endpoints]]\nhost = "app.slack.com"\n')
    run = subprocess.run([sys.executable, "-m", "kyoso_desktop", "diagnose", "--json",
                          "--profile", str(profile), *options], capture_output=True,
                         timeout=60)
    assert run.returncode == 2 and run.stdout == b""


def test_a_profile_with_too_many_endpoints_is_refused(tmp_path):
    profile = tmp_path / "big.json"
    profile.write_text(json.dumps({"endpoints": [{"host": f"h{n}.example.jp"}
                                                 for n in range(201)]}))
    run = subprocess.run([sys.executable, "-m", "kyoso_desktop", "diagnose", "--profile",
                          str(profile)], capture_output=True, timeout=60)
    assert run.returncode == 2 and "200" in run.stderr.decode("utf-8")


@pytest.mark.parametrize("script", [
    "function FindProxyForURL(url, host) { while (true) {} }",
    "while (true) {} function FindProxyForURL(url, host) { return 'DIRECT'; }",
])
def test_a_looping_pac_is_a_finding_not_a_hang(slack, cas, script):
    started = time.monotonic()
    result = diagnose(profile_for(slack.port, timeout=2.0), pac_text=script,
                      ca_file=str(cas[0].ca_file), resolve_port=slack.port)
    assert time.monotonic() - started < 15  # the PAC deadline (8 s) and the probes
    assert "pac_error" in codes(result)
    assert {c.status for c in result.checks if c.kind == "tcp"} == {"ok"}  # went on direct
