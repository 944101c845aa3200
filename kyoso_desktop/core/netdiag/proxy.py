"""Which proxy applies to which URL: override, environment, OS settings, PAC (pypac)."""

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
    _pac: Any = None  # a pypac PACFile

    def for_url(self, url: str) -> ProxyChoice:
        if self.disabled:
            return ProxyChoice(None, "no_proxy")
        if self.override:
            return ProxyChoice(self.override, "override")
        host = urlsplit(url).hostname or ""
        if self._pac is not None:
            choice = self._from_pac(url, host)
            if choice is not None:
                return choice
        scheme = "https" if url.startswith(("https", "wss")) else "http"
        proxy = self.environment.get(scheme) or self.environment.get("all")
        if proxy and not _bypassed(host, self.environment):
            return ProxyChoice(proxy if "://" in proxy else f"http://{proxy}", "environment")
        return ProxyChoice(None, "none")

    def _from_pac(self, url: str, host: str) -> ProxyChoice | None:
        try:
            result = self._pac.find_proxy_for_url(url.replace("wss://", "https://"), host)
        except Exception as exc:  # a broken PAC script is reported, not fatal
            self.pac_error = f"{type(exc).__name__}: {exc}"
            log.warning("the PAC script failed for %s: %s", host, self.pac_error)
            return None
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
        from pypac.parser import PACFile

        if pac_text is None and pac_url:
            pac_text = _read_pac(pac_url)
        if pac_text is None and not offline_discovery:
            from pypac import get_pac

            pac = get_pac(allow_content_type=True, timeout=2)
            config._pac = pac
            return config
        if pac_text is not None:
            config._pac = PACFile(pac_text)
    except Exception as exc:  # unreadable or invalid PAC: told, the check goes on without it
        config.pac_error = f"{type(exc).__name__}: {exc}"
    return config


def _read_pac(url: str) -> str:
    if url.startswith(("http://", "https://")):
        import httpx

        return httpx.get(url, timeout=3, trust_env=False).text
    path = url.removeprefix("file://")
    with open(path, encoding="utf-8") as fh:
        return fh.read()
