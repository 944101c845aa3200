"""Run every endpoint concurrently, each bounded by the profile's timeout; derive the findings."""

from __future__ import annotations

import logging
import ssl
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kyoso_desktop.core.common.tls import os_trust_context
from kyoso_desktop.core.netdiag.findings import derive_findings
from kyoso_desktop.core.netdiag.model import (
    WARNING_STATUSES,
    Check,
    Diagnosis,
    EndpointResult,
    Options,
    Status,
    endpoint_steps,
    is_failure,
)
from kyoso_desktop.core.netdiag.probes import EndpointProbe
from kyoso_desktop.core.netdiag.profile import Endpoint, Profile
from kyoso_desktop.core.netdiag.proxy import ProxyConfig, redact
from kyoso_desktop.core.netdiag.supportcode import encode

CLOCK_SKEW_SECONDS = 300
log = logging.getLogger(__name__)

# The PAC script's child process: its start-up (a frozen exe, an antivirus scan, Wine) and the
# script itself, whatever the profile's per-host time; a script that loops is cut off here.
PAC_DEADLINE = 8.0


def run(profile: Profile, proxies: ProxyConfig, options: Options, *, lang: str = "ja",
        on_check: Callable[[Check], None] | None = None) -> Diagnosis:
    """Check every endpoint at once; returns when all are done (≤ timeout + a little)."""
    started = time.monotonic()
    started_at = datetime.now(UTC)
    lock = threading.Lock()
    shared = None if not sys.platform.startswith("linux") else os_trust_context(options.ca_file)

    def report(check: Check) -> None:
        if on_check:
            with lock:
                on_check(check)

    proxies.prepare([_url(e) for e in profile.endpoints], timeout=PAC_DEADLINE)
    # the probes' own time starts now: the PAC script's time is not taken from the hosts'
    done, routes = _probe_all(profile, proxies, options, report, shared, time.monotonic())
    checks = [c for r in done for c in r.checks]
    checks.append(_clock_check(done, started_at))
    if on_check:
        on_check(checks[-1])
    findings = derive_findings(checks, done, proxies, lang)
    verdict = "failed" if any(is_failure(c.status) for c in checks) or \
        any(f.code == "lgwan_side" for f in findings) else \
        "warning" if any(c.status in WARNING_STATUSES for c in checks) or findings else "ok"
    proxy_info = {**proxies.describe(), "routes": routes}
    required_domains, websocket_hosts = profile.requirements()
    diagnosis = Diagnosis(verdict, checks, findings, proxy_info, started_at=started_at.isoformat(),
                          elapsed_ms=int((time.monotonic() - started) * 1000),
                          profile=profile.name, required_domains=required_domains,
                          websocket_hosts=websocket_hosts,
                          observed={r.endpoint.host: {"issuer": r.issuer, "tls": r.tls_version}
                                    for r in done})
    diagnosis.support_code = encode(diagnosis)
    log.info("connection check: %s in %d ms, %d checks, findings %s", verdict,
             diagnosis.elapsed_ms, len(checks), ",".join(f.code for f in findings) or "-")
    return diagnosis


def _probe_all(profile: Profile, proxies: ProxyConfig, options: Options,
               report: Callable[[Check], None], shared: ssl.SSLContext | None,
               started: float) -> tuple[list[EndpointResult], dict[str, dict[str, Any]]]:
    """Every endpoint's result, in profile order: one that crashed or is still running after
    its time gets "not_finished" for the steps it did not complete (none goes missing)."""
    probes: list[EndpointProbe | None] = [None] * len(profile.endpoints)
    finished: list[EndpointResult | None] = [None] * len(profile.endpoints)
    errors: dict[int, str] = {}
    routes: dict[str, dict[str, Any]] = {}

    def probe(index: int) -> None:
        endpoint = profile.endpoints[index]
        try:
            choice = proxies.for_url(_url(endpoint))
            routes[endpoint.host] = {"proxy": redact(choice.url), "source": choice.source}
            # elsewhere one TLS context per endpoint: truststore serialises handshakes per
            # context, and a black-holed host would otherwise hold up every other host
            context = shared or os_trust_context(options.ca_file)
            running = probes[index] = EndpointProbe(endpoint, choice.url, options, context,
                                                    report)
            finished[index] = running.run()
        except Exception as exc:  # a crashed check is a failure of its own, never "ok"
            log.warning("the check of %s stopped", endpoint.host, exc_info=exc)
            errors[index] = type(exc).__name__

    threads = [threading.Thread(target=probe, args=(i,), daemon=True)
               for i in range(len(profile.endpoints))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, options.timeout + 2 - (time.monotonic() - started)))
    results = []
    for index, endpoint in enumerate(profile.endpoints):
        result = finished[index]
        if result is None:
            running = probes[index]
            partial = running.result if running is not None else None
            result = _not_finished(endpoint, partial, errors.get(index, "ETIMEDOUT"), report)
        results.append(result)
    return results, routes


def _url(endpoint: Endpoint) -> str:
    scheme = "wss" if endpoint.kind == "websocket" else "https"
    return f"{scheme}://{endpoint.host}:{endpoint.port}{endpoint.path}"


def _not_finished(endpoint: Endpoint, partial: EndpointResult | None, error: str,
                  report: Callable[[Check], None]) -> EndpointResult:
    """The steps done so far, and "not_finished" for the others."""
    result = EndpointResult(endpoint, checks=list(partial.checks) if partial else [],
                            proxy=partial.proxy if partial else None)
    done = {c.kind for c in result.checks}
    for kind in endpoint_steps(endpoint):
        if kind not in done:
            check = Check(f"{kind}:{endpoint.host}:{endpoint.port}", endpoint.host,
                          endpoint.port, kind, Status.NOT_FINISHED, f"not finished: {error}",
                          0, "not_finished", {"error": error})
            result.checks.append(check)
            report(check)
    return result


def _clock_check(results: list[EndpointResult], local: datetime) -> Check:
    dated = [r for r in results if r.server_date is not None]
    if not dated:
        return Check("clock", "", 0, "clock", Status.SKIPPED, "no server told its time",
                     note="no_server_time")
    result = dated[0]
    assert result.server_date is not None
    skew = (result.server_date - local).total_seconds()
    status = Status.CLOCK_SKEW if abs(skew) > CLOCK_SKEW_SECONDS else Status.OK
    return Check("clock", result.endpoint.host, result.endpoint.port, "clock", status,
                 f"{skew:+.0f} s against {result.endpoint.host}", note="clock_offset",
                 values={"seconds": f"{skew:+.0f}", "host": result.endpoint.host})
