"""The one place a connection check is set up: from what the user asked (CLI options or the
window) and the settings (IT may set the proxy, the profile, the DNS server) to a plan, then run.

`prepare` validates everything before any probe: a bad value is a `SessionError` with a code and
a message in the current language (the CLI turns it into a usage error, the window shows it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.common.settings import Settings, parse_dns_server
from kyoso_desktop.core.netdiag.model import (
    Check,
    Diagnosis,
    Options,
    Requester,
    endpoint_steps,
)
from kyoso_desktop.core.netdiag.profile import (
    Profile,
    ProfileError,
    default_profile,
    known_workspaces,
    load_profile,
    with_workspace_hosts,
)
from kyoso_desktop.core.netdiag.proxy import ProxyConfig, discover, redact
from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials
from kyoso_desktop.core.netdiag.supportcode import Situation
from kyoso_desktop.core.registration.records import ApplicationRecord

MIN_TIMEOUT, MAX_TIMEOUT = 0.1, 120.0


class SessionError(KyosoError):
    """A request that cannot run: offline, profile, resolve, timeout or dns_server."""


@dataclass
class Request:
    """What the user asked for; None means "from the settings, else the default"."""

    profile: Profile | None = None
    profile_file: str | None = None
    proxy: str | None = None
    no_proxy: bool = False
    pac: str | None = None
    ca_file: str | None = None
    resolve: Sequence[str] = ()  # HOST:PORT:ADDR, as curl's --resolve
    timeout: float | None = None
    dns_server: str | None = None
    proxy_credentials: ProxyCredentials | None = None  # else the Windows logon (on Windows)


@dataclass
class Plan:
    """A validated check, ready to run."""

    profile: Profile
    options: Options
    proxy_override: str | None
    no_proxy: bool
    pac: str | None
    cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def expected_checks(self) -> int:
        """How many checks the run reports (for a progress bar): every step, plus the clock."""
        return sum(len(endpoint_steps(e)) for e in self.profile.endpoints) + 1


def parse_resolve(items: Sequence[str]) -> dict[tuple[str, int], str]:
    """HOST:PORT:ADDR (ADDR may be [IPv6]) → {(host, port): address}; ValueError names the item."""
    mapping = {}
    for item in items:
        host, _sep, rest = item.partition(":")
        port, _sep, address = rest.partition(":")
        if not (host and port.isdigit() and 1 <= int(port) <= 65535 and address):
            raise ValueError(item)
        mapping[(host.lower(), int(port))] = address.strip("[]")
    return mapping


def valid_proxy_url(url: str) -> bool:
    """http(s)://[user:password@]host[:port] with a port that can exist."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        port = parts.port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and \
        (port is None or 1 <= port <= 65535) and not any(c.isspace() for c in url)


def prepare(request: Request, settings: Settings,
            workspaces: Callable[[], list[str]] = known_workspaces) -> Plan:
    """Validate the request against the settings; nothing touches the network here."""
    if settings.offline:
        raise SessionError(_("offline mode is on: the connection check makes network calls, so "
                             "it does not run. Turn offline mode off in the settings first."),
                           "offline")
    try:
        resolve = parse_resolve(request.resolve)
    except ValueError as exc:
        raise SessionError(_("--resolve {value}: use HOST:PORT:ADDR").format(value=exc),
                           "resolve") from None
    if request.timeout is not None and not MIN_TIMEOUT <= request.timeout <= MAX_TIMEOUT:
        raise SessionError(_("--timeout must be between 0.1 and 120 seconds"), "timeout")
    override = None if request.no_proxy else (request.proxy or settings.proxy)
    if override and not valid_proxy_url(override):
        raise SessionError(_("--proxy {proxy}: not a proxy address such as "
                             "http://proxy.example:8080").format(proxy=redact(override)),
                           "proxy")
    dns_server = request.dns_server or settings.dns_server
    if dns_server:
        try:
            parse_dns_server(dns_server)
        except ValueError:
            raise SessionError(_("--dns-server {server}: not an address").format(
                server=dns_server), "dns_server") from None
    profile = request.profile
    if profile is None:
        chosen = request.profile_file or settings.diagnostics_profile
        try:
            profile = load_profile(chosen) if chosen else \
                with_workspace_hosts(default_profile(), workspaces())
        except ProfileError as exc:
            raise SessionError(_("the profile cannot be used: {error}").format(error=exc),
                               "profile") from exc
    options = Options(timeout=request.timeout or profile.timeout, resolve=resolve,
                      ca_file=request.ca_file, expected_issuers=profile.expected_issuers,
                      dns_server=dns_server, proxy_credentials=request.proxy_credentials)
    return Plan(profile, options, override, request.no_proxy, request.pac)


def discover_proxies(plan: Plan) -> ProxyConfig:
    """The proxy configuration for the plan: the given proxy, else environment, OS, PAC, WPAD."""
    return discover(override=plan.proxy_override, disabled=plan.no_proxy, pac_url=plan.pac,
                    offline_discovery=False)


def requester_of(records: Sequence[ApplicationRecord]) -> Requester | None:
    """Who asks the IT department: the applicant of the newest application, if any."""
    if not records:
        return None
    newest = records[-1]
    return Requester(newest.name, newest.organization_name, newest.department, newest.email)


def run(plan: Plan, *, lang: str, situation: Situation | None = None,
        requester: Requester | None = None,
        on_check: Callable[[Check], None] | None = None) -> Diagnosis:
    """Discover the proxies and check every endpoint; the support code carries the situation
    (place, email, application) when given."""
    from kyoso_desktop.core.netdiag.runner import run as run_checks
    from kyoso_desktop.core.netdiag.supportcode import with_situation

    plan.options.cancel = plan.cancel
    diagnosis = run_checks(plan.profile, discover_proxies(plan), plan.options, lang=lang,
                           on_check=on_check)
    if situation:
        diagnosis.support_code = with_situation(diagnosis.support_code, situation)
    diagnosis.requester = requester
    return diagnosis
