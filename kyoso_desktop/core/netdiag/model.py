"""What a connection check produces: one status enum, the check and endpoint results, findings
and the whole diagnosis (whose `to_dict()` is the CLI's JSON contract)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from kyoso_desktop.core.common.i18n import N_
from kyoso_desktop.core.common.notes import Note
from kyoso_desktop.core.netdiag.profile import Endpoint
from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials


class Status(StrEnum):
    """The outcome of one step. The order is the support code's wire format: only append."""

    OK = "ok"
    SKIPPED = "skipped"
    DNS_FAILED = "dns_failed"
    TCP_REFUSED = "tcp_refused"
    TCP_TIMEOUT = "tcp_timeout"
    PROXY_UNREACHABLE = "proxy_unreachable"
    PROXY_AUTH_REQUIRED = "proxy_auth_required"
    PROXY_BLOCKED = "proxy_blocked"
    TLS_FAILED = "tls_failed"
    TLS_UNTRUSTED = "tls_untrusted"
    TLS_INTERCEPTED = "tls_intercepted"
    HTTP_ERROR = "http_error"
    WEBSOCKET_BLOCKED = "websocket_blocked"
    CLOCK_SKEW = "clock_skew"
    UNKNOWN = "unknown"  # a status this version does not know (from a newer probe)
    NOT_FINISHED = "not_finished"  # the check crashed or did not end within its time


WARNING_STATUSES = frozenset({Status.TLS_INTERCEPTED, Status.CLOCK_SKEW})
PASSING_STATUSES = frozenset({Status.OK, Status.SKIPPED})


def is_failure(status: str) -> bool:
    """Any status that is neither passing nor a warning counts as a failure (unknown ones too)."""
    return status not in PASSING_STATUSES and status not in WARNING_STATUSES


KINDS = ("dns", "tcp", "tls", "https", "websocket", "clock")
VERDICTS = ("ok", "warning", "failed")
VERDICT_TEXTS = {"ok": N_("Slack can be reached from this PC."),
                 "warning": N_("Slack can be reached, but with problems."),
                 "failed": N_("Slack cannot be reached properly from this PC.")}


def endpoint_steps(endpoint: Endpoint) -> tuple[str, ...]:
    """The steps one endpoint goes through (each records one check)."""
    return ("dns", "tcp", "tls", endpoint.kind)


@dataclass
class Check:
    """The contract's check object (id, host, port, kind, status, detail, elapsed_ms)."""

    id: str
    host: str
    port: int
    kind: str
    status: str
    detail: str = ""  # English, for tools (the JSON)
    elapsed_ms: int = 0
    note: str = ""  # what happened, as a code (netdiag.texts words it for people)
    values: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's object: id, host, port, kind, status, detail, elapsed_ms."""
        return {"id": self.id, "host": self.host, "port": self.port, "kind": self.kind,
                "status": str(self.status), "detail": self.detail,
                "elapsed_ms": self.elapsed_ms}


@dataclass
class EndpointResult:
    endpoint: Endpoint
    checks: list[Check] = field(default_factory=list)
    issuer: str | None = None
    tls_version: str | None = None
    server_date: datetime | None = None
    proxy: str | None = None


@dataclass
class Options:
    """How to run: time limit per endpoint, address overrides, extra CA, DNS server, cancel."""

    timeout: float = 8.0
    resolve: dict[tuple[str, int], str] = field(default_factory=dict)
    ca_file: str | None = None
    expected_issuers: tuple[str, ...] = ()
    dns_server: str | None = None
    cancel: threading.Event | None = None
    proxy_credentials: ProxyCredentials | None = None  # --proxy-user (else Windows logon)


@dataclass(frozen=True)
class Finding(Note):
    """What is wrong (`message` is the title), what to do, and for which hosts."""

    remedy: str = ""
    hosts: tuple[str, ...] = ()
    detail: str = ""

    @property
    def title(self) -> str:
        return self.message


@dataclass(frozen=True)
class Requester:
    """Who asks the IT department (from the newest application on this PC)."""

    name: str
    organization: str
    department: str
    email: str


@dataclass
class Diagnosis:
    """Everything one run found: the contract's JSON is `to_dict()`."""

    verdict: str
    checks: list[Check]
    findings: list[Finding]
    proxy: dict[str, Any]
    support_code: str = ""
    started_at: str = ""
    elapsed_ms: int = 0
    profile: str = ""
    observed: dict[str, Any] = field(default_factory=dict)
    required_domains: tuple[str, ...] = ()
    websocket_hosts: tuple[str, ...] = ()
    requester: Requester | None = None

    @property
    def lgwan_side(self) -> bool:
        """The PC reached nothing directly: most likely the LGWAN layer."""
        return any(f.code == "lgwan_side" for f in self.findings)

    def routes(self) -> list[tuple[str | None, str]]:
        """Per host: the proxy used (None: direct) and where that choice came from."""
        routes = self.proxy.get("routes", {})
        return [(r.get("proxy"), str(r.get("source", ""))) for r in routes.values()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": {"verdict": self.verdict, "support_code": self.support_code},
            "proxy": self.proxy,
            "checks": [c.to_dict() for c in self.checks],
            "findings": [{"code": f.code, "title": f.title, "remedy": f.remedy}
                         for f in self.findings],
        }
