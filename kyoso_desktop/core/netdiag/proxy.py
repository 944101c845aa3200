"""Which proxy applies to which URL: override, environment, OS settings, PAC (pypac).

A PAC script is untrusted JavaScript (WPAD lets any host on the LAN serve one): it is only ever
run in a child process with a deadline and a memory cap (`core.common.isolation`), never here.
"""

from __future__ import annotations

import logging
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProxyChoice:
    """The proxy for one URL (None: direct) and where that decision came from."""

    url: str | None
    source: str  # override, no_proxy, environment, system, pac, none


@dataclass
class ProxyConfig:
    """What the PC is configured with; `for_url` answers per URL."""

    override: str | None = None  # --proxy URL
    disabled: bool = False  # --no-proxy
    environment: dict[str, str] = field(default_factory=dict)
    pac_url: str | None = None
    pac_error: str | None = None
    pac_js: str | None = None  # the PAC script's text (evaluated in a child process)
    _pac_answers: dict[str, str] = field(default_factory=dict)

    def prepare(self, urls: list[str], timeout: float = 5.0) -> None:
        """Ask the PAC script about every URL at once, in a child process bounded by
        `timeout`; a script that does not answer (or fails) is reported, and the check goes on
        without it."""
        if self.pac_js is None or self.disabled or self.override:
            return
        from kyoso_desktop.core.common.isolation import IsolationError, run

        queries = [[url.replace("wss://", "https://"), urlsplit(url).hostname or ""]
                   for url in urls]
        try:
            answer = run("pac", {"js": self.pac_js, "urls": queries}, timeout)
        except IsolationError as exc:
            self.pac_error = f"the PAC script {exc}"
            log.warning("%s", self.pac_error)
            return
        if answer.get("error"):
            self.pac_error = str(answer["error"])[:300]
            return
        results = answer.get("answers", [])
        self._pac_answers = {url: str(result) for url, result in zip(urls, results,
                                                                     strict=False)}

    def for_url(self, url: str) -> ProxyChoice:
        if self.disabled:
            return ProxyChoice(None, "no_proxy")
        if self.override:
            return ProxyChoice(self.override, "override")
        host = urlsplit(url).hostname or ""
        if url in self._pac_answers:
            return self._from_pac(self._pac_answers[url])
        scheme = "https" if url.startswith(("https", "wss")) else "http"
        proxy = self.environment.get(scheme) or self.environment.get("all")
        if proxy and not _bypassed(host, self.environment):
            return ProxyChoice(proxy if "://" in proxy else f"http://{proxy}", "environment")
        return ProxyChoice(None, "none")

    @staticmethod
    def _from_pac(result: str) -> ProxyChoice:
        first = (result or "DIRECT").split(";")[0].strip()
        if first.upper().startswith(("PROXY ", "HTTPS ")):
            return ProxyChoice("http://" + first.split(None, 1)[1].strip(), "pac")
        return ProxyChoice(None, "pac")

    def describe(self) -> dict[str, Any]:
        """What is shown, saved and logged: proxy URLs without their user name and password."""
        return {"override": redact(self.override), "disabled": self.disabled,
                "environment": {k: redact(v) for k, v in self.environment.items()},
                "pac_url": redact(self.pac_url), "pac_error": self.pac_error}


def redact(url: str | None) -> str | None:
    """http://tanaka:secret@proxy:8080 → http://***@proxy:8080 (the credentials never leave
    the connection that needs them)."""
    if not url or "@" not in url:
        return url
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    userinfo, at, host = rest.rpartition("@")
    if not at or "/" in userinfo:
        return url
    return f"{scheme}{sep}***@{host}"


def _bypassed(host: str, environment: dict[str, str]) -> bool:
    no_proxy = environment.get("no", "")
    for entry in (e.strip().lower().lstrip(".") for e in no_proxy.split(",")):
        if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return True
    return False


def discover(*, override: str | None = None, disabled: bool = False,
             pac_url: str | None = None, pac_text: str | None = None,
             offline_discovery: bool = True) -> ProxyConfig:
    """The proxy configuration of this PC.

    Environment variables and the OS settings (Windows registry, macOS) come from urllib;
    a PAC script from `pac_text`, `pac_url` (file or http) or the OS settings (pypac). WPAD
    discovery on the network is only attempted when `offline_discovery` is False.
    """
    config = ProxyConfig(override=override, disabled=disabled,
                         environment=dict(urllib.request.getproxies()), pac_url=pac_url)
    if disabled or override:
        return config
    try:
        if pac_text is None and pac_url:
            pac_text = _read_pac(pac_url)
        if pac_text is None and not offline_discovery:
            pac_text = _discover_pac()
    except Exception as exc:  # unreadable PAC: told, the check goes on without it
        config.pac_error = f"{type(exc).__name__}: {exc}"
    config.pac_js = pac_text
    return config


def _discover_pac() -> str | None:
    """The PAC script named by the OS settings or found by WPAD, as text (not evaluated)."""
    from pypac.api import collect_pac_urls, download_pac, file_url_to_local_path

    for candidate in collect_pac_urls(from_os_settings=True, from_dns=True):
        local = file_url_to_local_path(candidate) if candidate.startswith("file:") else None
        if local:
            with open(local, encoding="utf-8", errors="replace") as fh:
                return fh.read(1_000_000)
        found = download_pac([candidate], timeout=2,
                             allowed_content_types=["application/x-ns-proxy-autoconfig",
                                                    "application/x-javascript-config",
                                                    "text/plain", "application/javascript"])
        if found:
            return str(found)
    return None


def evaluate_pac_task(payload: dict[str, Any]) -> dict[str, Any]:
    """In the child process: run the PAC script for every (url, host) of the payload."""
    from pypac.parser import PACFile

    try:
        pac = PACFile(payload["js"])
        return {"answers": [pac.find_proxy_for_url(url, host) for url, host in payload["urls"]]}
    except Exception as exc:  # a broken script: told to the parent, which goes on without it
        return {"error": f"{type(exc).__name__}: {exc}"}


def _read_pac(url: str) -> str:
    if url.startswith(("http://", "https://")):
        import httpx

        return httpx.get(url, timeout=3, trust_env=False).text
    path = url.removeprefix("file://")
    with open(path, encoding="utf-8") as fh:
        return fh.read()
