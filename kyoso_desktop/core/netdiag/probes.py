"""One endpoint, step by step: DNS, TCP (or CONNECT through the proxy), TLS, HTTPS or WebSocket.

Every step has the endpoint's deadline; nothing waits longer than the profile's timeout.
TLS is verified against the OS trust store (truststore) plus an optional extra CA file, never
switched off.
"""

from __future__ import annotations

import contextlib
import email.utils
import socket
import ssl
import threading
import time
from collections.abc import Callable
from datetime import UTC
from typing import Any
from urllib.parse import unquote, urlsplit

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.oserrors import error_code
from kyoso_desktop.core.netdiag.model import (
    Check,
    EndpointResult,
    Options,
    Status,
    endpoint_steps,
)
from kyoso_desktop.core.netdiag.profile import Endpoint
from kyoso_desktop.core.netdiag.proxy import redact
from kyoso_desktop.core.netdiag.proxy_auth import (
    MAX_LEGS,
    WINDOWS_SCHEMES,
    ProxyCredentials,
    SignIn,
    challenge_for,
    choose_sign_in,
    offered_schemes,
    scheme_names,
)

USER_AGENT = "KyosoDesktop-ConnectionCheck/1"
MAX_HEADER_BYTES = 65536
BLOCK_PAGE_MARKERS = (b"access denied", b"blocked", b"x-squid-error", b"forbidden by",
                      "ブロック".encode(), "アクセスが拒否".encode(), b"web filter")


class _Stop(KyosoError):
    """The remaining steps of this endpoint are skipped."""


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """The OS trust store plus an optional extra CA (see core.tls)."""
    from kyoso_desktop.core.common.tls import os_trust_context

    return os_trust_context(ca_file)


class EndpointProbe:
    """Runs the steps for one endpoint and records a Check per step."""

    def __init__(self, endpoint: Endpoint, proxy: str | None, options: Options,
                 context: ssl.SSLContext,
                 on_check: Callable[[Check], None] | None = None) -> None:
        self.endpoint, self.proxy, self.options = endpoint, proxy, options
        self.context = context
        self.on_check = on_check
        self.deadline = time.monotonic() + options.timeout
        self.result = EndpointResult(endpoint, proxy=proxy)
        self._steps = endpoint_steps(endpoint)

    # -- bookkeeping -------------------------------------------------------------------------
    def _remaining(self) -> float:
        """Seconds left for this endpoint; past the deadline a TimeoutError, whatever a slow
        server still sends (a deadline per request, not per read)."""
        if self.options.cancel is not None and self.options.cancel.is_set():
            raise _Stop()
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the time for this host is up")
        return max(0.05, left)

    def _record(self, kind: str, status: str, detail: str, started: float,
                note: str = "", **values: str) -> None:
        """One check: `detail` in English for the JSON, `note` + `values` for people."""
        e = self.endpoint
        check = Check(f"{kind}:{e.host}:{e.port}", e.host, e.port, kind, status, detail,
                      int((time.monotonic() - started) * 1000), note, dict(values))
        self.result.checks.append(check)
        if self.on_check:
            self.on_check(check)

    def _skip_rest(self, detail: str) -> None:
        done = {c.kind for c in self.result.checks}
        for kind in self._steps:
            if kind not in done:
                self._record(kind, Status.SKIPPED, detail, time.monotonic(), "not_checked")

    # -- steps -----------------------------------------------------------------------------------
    def run(self) -> EndpointResult:
        sock = None
        try:
            address = self._dns()
            sock = self._tcp(address)
            tls = self._tls(sock)
            sock = tls
            if self.endpoint.kind == "websocket":
                self._websocket(tls)
            else:
                self._https(tls)
        except _Stop:
            self._skip_rest("not checked: an earlier step failed or the check was cancelled")
        finally:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()
        return self.result

    def _dns(self) -> str | None:
        started = time.monotonic()
        e = self.endpoint
        if self.proxy:
            self._record("dns", Status.SKIPPED, "the proxy resolves names", started,
                         "proxy_resolves")
            return None
        override = self.options.resolve.get((e.host, e.port))
        if override:
            self._record("dns", Status.OK, f"{override} (--resolve)", started, "address_given",
                         address=override)
            return override
        try:
            address = resolve(e.host, self._remaining(), self.options.dns_server)
        except (OSError, TimeoutError) as exc:
            self._record("dns", Status.DNS_FAILED, str(exc) or type(exc).__name__, started,
                         _dns_failure(exc), error=error_code(exc))
            raise _Stop() from exc
        self._record("dns", Status.OK, address, started, "address", address=address)
        return address

    def _tcp(self, address: str | None) -> socket.socket:
        started = time.monotonic()
        e = self.endpoint
        if not self.proxy:
            try:
                sock = socket.create_connection((address, e.port), timeout=self._remaining())
            except TimeoutError as exc:
                self._record("tcp", Status.TCP_TIMEOUT, f"{address}:{e.port}: no answer", started,
                             "no_answer", target=f"{address}:{e.port}")
                raise _Stop() from exc
            except OSError as exc:
                self._record("tcp", Status.TCP_REFUSED, f"{address}:{e.port}: "
                             f"{exc.strerror or exc}", started, "connect_failed",
                             target=f"{address}:{e.port}", error=error_code(exc))
                raise _Stop() from exc
            self._record("tcp", Status.OK, f"{address}:{e.port}", started, "connected",
                         target=f"{address}:{e.port}")
            return sock
        return self._tcp_via_proxy(self.proxy, started)

    def _tcp_via_proxy(self, proxy_url: str, started: float) -> socket.socket:
        """CONNECT through the proxy: 200 is a tunnel; a 407 is answered with a sign-in when
        one is possible (proxy_auth); other answers are told apart."""
        proxy = urlsplit(proxy_url)
        try:
            address = (proxy.hostname or "", proxy.port or 8080)
        except ValueError as exc:  # a PAC script can name a port that cannot exist
            self._record("tcp", Status.PROXY_UNREACHABLE, f"bad proxy address: {exc}", started,
                         "proxy_unreachable", proxy=redact(self.proxy) or "-", error="EINVAL")
            raise _Stop() from exc
        where = f"{address[0]}:{address[1]}"
        in_url = _url_credentials(proxy)
        credentials = self.options.proxy_credentials or in_url
        # credentials written into the proxy URL: Basic at once, as browsers do
        first = SignIn("basic", address[0], in_url).header() if in_url else None
        sock = self._proxy_socket(address, started)
        sign_in: SignIn | None = None
        try:
            status, headers = self._connect_request(sock, first)
            for _leg in range(MAX_LEGS):
                if status != 407:
                    break
                offered = offered_schemes(headers)
                if sign_in is None:
                    sign_in = choose_sign_in(offered, address[0], credentials)
                elif sign_in.scheme == "basic":
                    break  # the password was sent and refused
                value = sign_in.header(challenge_for(sign_in, offered)) if sign_in else None
                if value is None:
                    break
                if _closes(headers):  # the proxy ends the connection after a 407
                    sock.close()
                    sock = self._proxy_socket(address, started)
                status, headers = self._connect_request(sock, value)
        except (OSError, TimeoutError, ValueError) as exc:
            sock.close()
            self._record("tcp", Status.PROXY_UNREACHABLE, f"CONNECT: {exc}", started,
                         "proxy_no_answer", proxy=where)
            raise _Stop() from exc
        except Exception as exc:  # SSPI/NTLM could not make a token (pyspnego's errors)
            sock.close()
            self._record("tcp", Status.PROXY_AUTH_REQUIRED, f"sign-in failed: {exc}", started,
                         "proxy_logon_failed", proxy=where,
                         scheme=sign_in.scheme.upper() if sign_in else "-")
            raise _Stop() from exc
        if status == 200:
            if sign_in is None:
                self._record("tcp", Status.OK, f"CONNECT via {where}", started, "via_proxy",
                             proxy=where)
            else:
                self._record("tcp", Status.OK, f"CONNECT via {where}, signed in with "
                             f"{sign_in.scheme.upper()}", started, "via_proxy_signed_in",
                             proxy=where, scheme=sign_in.scheme.upper(),
                             user=sign_in.who or "-")
            return sock
        sock.close()
        if status == 407:
            self._record_refused_sign_in(headers, sign_in, started)
        else:
            self._record("tcp", Status.PROXY_BLOCKED, f"CONNECT answered {status}", started,
                         "proxy_refused", http=str(status))
        raise _Stop()

    def _record_refused_sign_in(self, headers: list[tuple[str, str]], sign_in: SignIn | None,
                                started: float) -> None:
        """A 407 at the end: no usable way to sign in, or the sign-in was refused."""
        schemes = scheme_names(headers) or "none offered"
        detail = f"407; schemes: {schemes}"
        if sign_in is not None:
            note = "proxy_logon_rejected" if sign_in.as_windows_logon else \
                "proxy_password_rejected"
            self._record("tcp", Status.PROXY_AUTH_REQUIRED,
                         f"{detail}; sign-in with {sign_in.scheme.upper()} refused", started,
                         note, schemes=schemes, scheme=sign_in.scheme.upper(),
                         user=sign_in.who or "-")
        elif any(s in WINDOWS_SCHEMES for s, _p in offered_schemes(headers)):
            self._record("tcp", Status.PROXY_AUTH_REQUIRED, detail, started,
                         "proxy_auth_windows", schemes=schemes)
        else:
            self._record("tcp", Status.PROXY_AUTH_REQUIRED, detail, started, "proxy_auth",
                         schemes=schemes)

    def _proxy_socket(self, address: tuple[str, int], started: float) -> socket.socket:
        try:
            return socket.create_connection(address, timeout=self._remaining())
        except OSError as exc:
            self._record("tcp", Status.PROXY_UNREACHABLE, f"{address[0]}:{address[1]}: "
                         f"{getattr(exc, 'strerror', None) or exc}", started,
                         "proxy_unreachable", proxy=f"{address[0]}:{address[1]}",
                         error=error_code(exc))
            raise _Stop() from exc

    def _connect_request(self, sock: socket.socket, authorization: str | None) -> tuple[
            int, list[tuple[str, str]]]:
        """One CONNECT on the connection; the answer's body is read to its end, so that the
        connection can carry the next leg of a sign-in."""
        e = self.endpoint
        request = (f"CONNECT {e.host}:{e.port} HTTP/1.1\r\nHost: {e.host}:{e.port}\r\n"
                   f"User-Agent: {USER_AGENT}\r\nProxy-Connection: Keep-Alive\r\n")
        if authorization:
            request += f"Proxy-Authorization: {authorization}\r\n"
        sock.settimeout(self._remaining())
        sock.sendall((request + "\r\n").encode("ascii"))
        status, headers, body = _read_response(sock, self._remaining)
        if status != 200:
            _drain(sock, headers, len(body), self._remaining)
        return status, headers

    def _tls(self, sock: socket.socket) -> ssl.SSLSocket:
        started = time.monotonic()
        try:
            tls = self._handshake(sock)
        except ssl.SSLCertVerificationError as exc:
            self._record("tls", Status.TLS_UNTRUSTED, exc.verify_message or str(exc), started,
                         "certificate_untrusted", error=error_code(exc))
            raise _Stop() from exc
        except (ssl.SSLError, OSError) as exc:
            text = "no answer during the TLS handshake" if isinstance(exc, TimeoutError) \
                else (getattr(exc, "reason", None) or str(exc) or type(exc).__name__)
            self._record("tls", Status.TLS_FAILED, text, started,
                         "tls_no_answer" if isinstance(exc, TimeoutError) else "tls_error",
                         error=error_code(exc))
            raise _Stop() from exc
        cert = tls.getpeercert() or {}
        issuer = _name(cert.get("issuer", ()))
        self.result.issuer, self.result.tls_version = issuer, tls.version()
        expected = self.options.expected_issuers
        if expected and not any(x.lower() in issuer.lower() for x in expected):
            self._record("tls", Status.TLS_INTERCEPTED, f"{tls.version()}; issuer: {issuer}",
                         started, "issuer_unexpected", version=tls.version() or "-",
                         issuer=issuer)
        else:
            self._record("tls", Status.OK, f"{tls.version()}; issuer: {issuer}", started,
                         "tls_ok", version=tls.version() or "-", issuer=issuer)
        return tls

    def _handshake(self, sock: socket.socket) -> ssl.SSLSocket:
        """TLS handshake in small waits, so that cancel and the deadline act at once."""
        import select

        sock.setblocking(False)
        tls = self.context.wrap_socket(sock, server_hostname=self.endpoint.host,
                                       do_handshake_on_connect=False)
        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                wait: tuple[list[ssl.SSLSocket], list[ssl.SSLSocket]] = [tls], []
            except ssl.SSLWantWriteError:
                wait = [], [tls]
            remaining = self._remaining()  # raises _Stop when cancelled
            if self.deadline - time.monotonic() <= 0:
                raise TimeoutError("TLS handshake")
            select.select(*wait, [], min(0.2, remaining))
        tls.settimeout(self._remaining())
        return tls

    def _https(self, tls: ssl.SSLSocket) -> None:
        started = time.monotonic()
        e = self.endpoint
        request = (f"GET {e.path} HTTP/1.1\r\nHost: {e.host}\r\nUser-Agent: {USER_AGENT}\r\n"
                   "Accept: */*\r\nConnection: close\r\n\r\n")
        try:
            tls.settimeout(self._remaining())
            tls.sendall(request.encode("ascii"))
            status, headers, body = _read_response(tls, self._remaining)
        except (OSError, TimeoutError, ValueError) as exc:
            self._record("https", Status.HTTP_ERROR, f"no HTTP answer: {exc}", started,
                         "http_no_answer")
            raise _Stop() from exc
        self._remember_date(headers)
        blocked = status in (403, 451) and any(m in (body + _joined(headers)).lower()
                                               for m in BLOCK_PAGE_MARKERS)
        if blocked:
            self._record("https", Status.HTTP_ERROR, f"{status}: a block page of a filter", started,
                         "block_page", http=str(status))
        elif status >= 500:
            self._record("https", Status.HTTP_ERROR, f"HTTP {status}", started, "http_status",
                         http=str(status))
        else:
            self._record("https", Status.OK, f"HTTP {status}", started, "http_status",
                         http=str(status))

    def _websocket(self, tls: ssl.SSLSocket) -> None:
        from wsproto import ConnectionType, WSConnection
        from wsproto.events import AcceptConnection, Event, RejectConnection, Request

        started = time.monotonic()
        e = self.endpoint
        connection = WSConnection(ConnectionType.CLIENT)
        try:
            tls.settimeout(self._remaining())
            tls.sendall(connection.send(Request(host=e.host, target=e.path)))
            events: list[Event] = []
            while not events:
                data = tls.recv(4096)
                if not data:
                    break
                connection.receive_data(data)
                events = list(connection.events())
                self._remaining()
        except (OSError, TimeoutError) as exc:
            self._record("websocket", Status.WEBSOCKET_BLOCKED, f"no answer to the upgrade: {exc}",
                         started, "ws_no_answer")
            raise _Stop() from exc
        except Exception as exc:  # a malformed answer (e.g. a proxy's HTML page)
            self._record("websocket", Status.WEBSOCKET_BLOCKED, f"{type(exc).__name__}: {exc}",
                         started, "ws_malformed")
            raise _Stop() from exc
        event = events[0] if events else None
        if isinstance(event, AcceptConnection):
            self._record("websocket", Status.OK, "101 Switching Protocols", started, "ws_ok")
        elif isinstance(event, RejectConnection):
            self._record("websocket", Status.WEBSOCKET_BLOCKED,
                         f"upgrade refused with HTTP {event.status_code}", started,
                         "ws_refused", http=str(event.status_code))
        else:
            self._record("websocket", Status.WEBSOCKET_BLOCKED, "the connection was closed",
                         started, "ws_closed")

    def _remember_date(self, headers: list[tuple[str, str]]) -> None:
        value = next((v for k, v in headers if k == "date"), None)
        if value and self.result.server_date is None:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
                self.result.server_date = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
            except (TypeError, ValueError):
                pass


def resolve(host: str, timeout: float, dns_server: str | None = None) -> str:
    """The host's first address: the OS resolver (getaddrinfo) or a given DNS server."""
    if dns_server:
        import dns.exception
        import dns.resolver

        from kyoso_desktop.core.common.settings import parse_dns_server

        address, port = parse_dns_server(dns_server)
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers, resolver.port = [address], port
        resolver.lifetime = resolver.timeout = timeout
        try:
            return resolver.resolve(host, "A")[0].to_text()
        except dns.resolver.NXDOMAIN as exc:
            raise OSError(f"{host}: no such name (NXDOMAIN)") from exc
        except dns.exception.Timeout as exc:
            raise TimeoutError(f"{host}: the DNS server did not answer") from exc
        except dns.exception.DNSException as exc:
            raise OSError(f"{host}: {exc}") from exc
    answer: list = []
    done = threading.Event()

    def lookup() -> None:  # getaddrinfo has no timeout: a daemon thread gives it one
        try:
            answer.append(socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)[0][4][0])
        except OSError as exc:
            answer.append(exc)
        done.set()

    threading.Thread(target=lookup, daemon=True).start()
    if not done.wait(timeout):
        raise TimeoutError(f"{host}: the OS resolver did not answer")
    if isinstance(answer[0], OSError):
        raise answer[0]
    return answer[0]


def _dns_failure(exc: BaseException) -> str:
    """The note for a failed name look-up: not found, no answer, or another error."""
    if isinstance(exc, TimeoutError):
        return "dns_no_answer"
    if "NXDOMAIN" in str(exc) or error_code(exc) == "EAI_NONAME":
        return "name_not_found"
    return "dns_error"


def _read_response(sock: socket.socket, remaining: Callable[[], float]) -> tuple[
        int, list[tuple[str, str]], bytes]:
    """Status, headers (lower-case names) and the first part of the body."""
    data = b""
    while b"\r\n\r\n" not in data:
        sock.settimeout(remaining())
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_HEADER_BYTES:
            raise ValueError("headers too long")
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ValueError(f"not an HTTP answer: {lines[0][:60]!r}")
    headers = [(k.strip().lower(), v.strip()) for k, _, v in
               (line.partition(":") for line in lines[1:] if ":" in line)]
    return int(parts[1]), headers, body[:4096]


def _url_credentials(proxy: Any) -> ProxyCredentials | None:
    """user:password written into the proxy URL (http://user:pass@proxy:8080)."""
    if not proxy.username:
        return None
    return ProxyCredentials(unquote(proxy.username), unquote(proxy.password or ""))


def _closes(headers: list[tuple[str, str]]) -> bool:
    return any(k in ("connection", "proxy-connection") and v.lower() == "close"
               for k, v in headers)


def _drain(sock: socket.socket, headers: list[tuple[str, str]], have: int,
           remaining: Callable[[], float]) -> None:
    """Read the rest of an answer's body (Content-Length; at most 1 MB)."""
    length = next((v for k, v in headers if k == "content-length"), "0")
    left = min(int(length), 1 << 20) - have if length.isdigit() else 0
    while left > 0:
        sock.settimeout(remaining())
        chunk = sock.recv(min(left, 65536))
        if not chunk:
            return
        left -= len(chunk)


def _joined(headers: list[tuple[str, str]]) -> bytes:
    return " ".join(f"{k}: {v}" for k, v in headers).encode("utf-8", "replace")


def _name(rdns: Any) -> str:
    """'O=…, CN=…' from getpeercert()'s issuer."""
    values = {k: v for rdn in rdns for k, v in rdn}
    parts = [values[k] for k in ("organizationName", "commonName") if k in values]
    return ", ".join(dict.fromkeys(parts)) or "?"
