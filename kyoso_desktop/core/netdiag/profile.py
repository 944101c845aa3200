"""Which hosts to check: a profile file (TOML or JSON), validated with the line of each error."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.paths import resource

KINDS = ("https", "websocket")
MAX_ENDPOINTS = 200  # each is checked in its own thread, all at once
# \Z, not $: "$" also matches before a final newline ("a.test\n" is not a host name)
HOST = re.compile(r"(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}"
                  r"[a-z0-9])?\Z", re.IGNORECASE)


class ProfileError(KyosoError, ValueError):
    """A profile that cannot be used: the file, the line (when known) and what is wrong."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}", "profile_invalid")
        self.file, self.line, self.problem = file, line, problem


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int = 443
    kind: str = "https"  # https or websocket
    path: str = "/"


@dataclass(frozen=True)
class Profile:
    name: str
    endpoints: tuple[Endpoint, ...]
    expected_issuers: tuple[str, ...] = ()
    timeout: float = 8.0
    source: str = "default"
    hosts: tuple[str, ...] = field(default=())
    # what the IT request sheet asks for (empty: the default profile's list)
    required_domains: tuple[str, ...] = ()
    websocket_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "hosts", tuple(dict.fromkeys(e.host for e in self.endpoints)))

    def requirements(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(domains, WebSocket hosts) for the IT request sheet: the profile's own, else what
        the default profile says Slack needs."""
        if self.required_domains or self.websocket_hosts:
            return self.required_domains, self.websocket_hosts
        default = default_profile()
        return default.required_domains, default.websocket_hosts


def default_profile() -> Profile:
    return load_profile(resource("netdiag", "default_profile.toml"), source="default")


def load_profile(path: str | Path, source: str | None = None) -> Profile:
    """Read and validate a profile; raises ProfileError naming the file and line."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(name, None, f"cannot be read ({exc})") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProfileError(name, exc.lineno, f"not valid JSON: {exc.msg}") from exc
        except RecursionError as exc:
            raise ProfileError(name, None, "nested too deeply") from exc
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            raise ProfileError(name, int(line.group(1)) if line else None,
                               f"not valid TOML: {exc}") from exc
        except RecursionError as exc:
            raise ProfileError(name, None, "nested too deeply") from exc
    return _validate(data, name, text, source or name)


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def _validate(data: object, name: str, text: str, source: str) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError(name, 1, "the profile must be a table/object")
    endpoints_data = data.get("endpoints")
    if not isinstance(endpoints_data, list) or not endpoints_data:
        raise ProfileError(name, _line_of(text, "endpoints"),
                           "'endpoints' must be a non-empty list")
    if len(endpoints_data) > MAX_ENDPOINTS:
        raise ProfileError(name, None, f"at most {MAX_ENDPOINTS} endpoints are checked "
                                       f"(this profile has {len(endpoints_data)})")
    endpoints = []
    for index, item in enumerate(endpoints_data, 1):
        if not isinstance(item, dict):
            raise ProfileError(name, None, f"endpoint {index} must be a table/object")
        host = item.get("host")
        line = _line_of(text, str(host)) if host else _line_of(text, "endpoints")
        if not isinstance(host, str) or not HOST.match(host):
            raise ProfileError(name, line, f"endpoint {index}: 'host' must be a host name")
        port = item.get("port", 443)
        if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
            raise ProfileError(name, line, f"endpoint {index}: 'port' must be 1-65535")
        kind = item.get("kind", "https")
        if kind not in KINDS:
            raise ProfileError(name, line, f"endpoint {index}: 'kind' must be one of "
                                           f"{', '.join(KINDS)}")
        path = item.get("path", "/")
        if not isinstance(path, str) or not path.startswith("/") or \
                any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in path):
            raise ProfileError(name, line, f"endpoint {index}: 'path' must start with /")
        unknown = set(item) - {"host", "port", "kind", "path"}
        if unknown:
            raise ProfileError(name, line, f"endpoint {index}: unknown key(s) "
                                           f"{', '.join(sorted(unknown))}")
        endpoints.append(Endpoint(host.lower(), port, kind, path))
    issuers = data.get("expected_issuers", [])
    if not isinstance(issuers, list) or not all(isinstance(i, str) for i in issuers):
        raise ProfileError(name, _line_of(text, "expected_issuers"),
                           "'expected_issuers' must be a list of strings")
    timeout = data.get("timeout", 8.0)
    if not isinstance(timeout, int | float) or not 0.1 <= timeout <= 120:
        raise ProfileError(name, _line_of(text, "timeout"),
                           "'timeout' must be a number of seconds (0.1-120)")
    required = _host_list(data, "required_domains", name, text, wildcard=True)
    websocket_hosts = _host_list(data, "websocket_hosts", name, text, wildcard=False)
    unknown = set(data) - {"name", "version", "endpoints", "expected_issuers", "timeout",
                           "required_domains", "websocket_hosts"}
    if unknown:
        key = sorted(unknown)[0]
        raise ProfileError(name, _line_of(text, key), f"unknown key '{key}'")
    return Profile(name=str(data.get("name", name)), endpoints=tuple(endpoints),
                   expected_issuers=tuple(issuers), timeout=float(timeout), source=source,
                   required_domains=required, websocket_hosts=websocket_hosts)


def _host_list(data: dict[str, object], key: str, name: str, text: str, *,
               wildcard: bool) -> tuple[str, ...]:
    """An optional list of host names (with a leading "*." where `wildcard`)."""
    value = data.get(key, [])
    hosts = value if isinstance(value, list) else None
    if hosts is None or not all(
            isinstance(h, str) and HOST.match(h[2:] if wildcard and h.startswith("*.") else h)
            for h in hosts):
        raise ProfileError(name, _line_of(text, key), f"'{key}' must be a list of host names")
    return tuple(h.lower() for h in hosts)


def with_workspace_hosts(profile: Profile, workspaces: list[str]) -> Profile:
    """The profile plus <workspace>.slack.com for every workspace learnt from an invitation."""
    known = {e.host for e in profile.endpoints}
    extra = tuple(Endpoint(f"{w}.slack.com") for w in dict.fromkeys(workspaces)
                  if w and HOST.match(w) and f"{w}.slack.com" not in known)
    if not extra:
        return profile
    return replace(profile, endpoints=profile.endpoints + extra)


def known_workspaces() -> list[str]:
    """Workspaces from the join links of invitations recorded on this PC."""
    from kyoso_desktop.core.registration.records import ApplicationStore

    records, _problem = ApplicationStore().records()
    return [r.invitation.workspace for r in records if r.invitation and r.invitation.workspace]
