"""Run every endpoint concurrently, each bounded by the profile's timeout; derive the findings."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from kyoso_desktop.core.netdiag.probes import Check, EndpointProbe, EndpointResult, Options
from kyoso_desktop.core.netdiag.profile import Profile
from kyoso_desktop.core.netdiag.proxy import ProxyConfig

CLOCK_SKEW_SECONDS = 300
WARNING_STATUSES = frozenset({"tls_intercepted", "clock_skew"})
FAILED_STATUSES = frozenset({"dns_failed", "tcp_refused", "tcp_timeout", "proxy_unreachable",
                             "proxy_auth_required", "proxy_blocked", "tls_failed",
                             "tls_untrusted", "http_error", "websocket_blocked"})


@dataclass(frozen=True)
class Finding:
    code: str
    title: str
    remedy: str
    hosts: tuple[str, ...] = ()
    detail: str = ""


@dataclass
class Diagnosis:
    """Everything one run found: the contract's JSON is `to_dict()`."""

    verdict: str
    checks: list[Check]
    findings: list[Finding]
    proxy: dict
    support_code: str = ""
    started_at: str = ""
    elapsed_ms: int = 0
    profile: str = ""
    observed: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "summary": {"verdict": self.verdict, "support_code": self.support_code},
            "proxy": self.proxy,
            "checks": [asdict(c) for c in self.checks],
            "findings": [{"code": f.code, "title": f.title, "remedy": f.remedy}
                         for f in self.findings],
        }


def run(profile: Profile, proxies: ProxyConfig, options: Options, *, lang: str = "ja",
        on_check: Callable[[Check], None] | None = None) -> Diagnosis:
    """Check every endpoint at once; returns when all are done (≤ timeout + a little)."""
    from kyoso_desktop.core.netdiag.findings import derive_findings
    from kyoso_desktop.core.netdiag.probes import tls_context
    from kyoso_desktop.core.netdiag.supportcode import encode

    started = time.monotonic()
    started_at = datetime.now(UTC)
    lock = threading.Lock()
    shared = None if not sys.platform.startswith("linux") else tls_context(options.ca_file)

    def report(check: Check) -> None:
        if on_check:
            with lock:
                on_check(check)

    results: list[EndpointResult | None] = [None] * len(profile.endpoints)
    routes = {}

    def probe(index: int) -> None:
        endpoint = profile.endpoints[index]
        scheme = "wss" if endpoint.kind == "websocket" else "https"
        choice = proxies.for_url(f"{scheme}://{endpoint.host}:{endpoint.port}{endpoint.path}")
        routes[endpoint.host] = {"proxy": choice.url, "source": choice.source}
        # elsewhere one TLS context per endpoint: truststore serialises handshakes per context,
        # and a black-holed host would otherwise hold up every other host
        context = shared or tls_context(options.ca_file)
        results[index] = EndpointProbe(endpoint, choice.url, options, context, report).run()

    threads = [threading.Thread(target=probe, args=(i,), daemon=True)
               for i in range(len(profile.endpoints))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, options.timeout + 2 - (time.monotonic() - started)))
    done = [r for r in results if r is not None]
    checks = [c for r in done for c in r.checks]
    checks.append(_clock_check(done, started_at))
    if on_check:
        on_check(checks[-1])
    findings = derive_findings(checks, done, proxies, lang)
    verdict = "failed" if any(c.status in FAILED_STATUSES for c in checks) or \
        any(f.code == "lgwan_side" for f in findings) else \
        "warning" if any(c.status in WARNING_STATUSES for c in checks) or findings else "ok"
    proxy_info = {**proxies.describe(), "routes": routes}
    diagnosis = Diagnosis(verdict, checks, findings, proxy_info, started_at=started_at.isoformat(),
                          elapsed_ms=int((time.monotonic() - started) * 1000),
                          profile=profile.name,
                          observed={r.endpoint.host: {"issuer": r.issuer, "tls": r.tls_version}
                                    for r in done})
    diagnosis.support_code = encode(diagnosis)
    return diagnosis


def _clock_check(results: list[EndpointResult], local: datetime) -> Check:
    dated = [r for r in results if r.server_date is not None]
    if not dated:
        return Check("clock", "", 0, "clock", "skipped", "no server told its time")
    result = dated[0]
    skew = (result.server_date - local).total_seconds()
    status = "clock_skew" if abs(skew) > CLOCK_SKEW_SECONDS else "ok"
    return Check("clock", result.endpoint.host, result.endpoint.port, "clock", status,
                 f"{skew:+.0f} s against {result.endpoint.host}")
