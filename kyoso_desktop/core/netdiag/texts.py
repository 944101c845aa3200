"""The connection check in words, for people: steps, statuses, what each check saw, verdicts and
proxy routes in the user's language. Codes stay in the JSON; every other surface uses these."""

from __future__ import annotations

from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.common.oserrors import code_text
from kyoso_desktop.core.netdiag.model import Check, Status

KIND_TEXTS = {
    "dns": N_("Name resolution"), "tcp": N_("Connection"), "tls": N_("TLS"),
    "https": N_("HTTPS"), "websocket": N_("WebSocket"), "clock": N_("Clock"),
}
STATUS_TEXTS = {
    Status.OK: N_("OK"),
    Status.SKIPPED: N_("not checked"),
    Status.DNS_FAILED: N_("name not resolved"),
    Status.TCP_REFUSED: N_("connection refused"),
    Status.TCP_TIMEOUT: N_("no answer"),
    Status.PROXY_UNREACHABLE: N_("proxy unreachable"),
    Status.PROXY_AUTH_REQUIRED: N_("proxy wants a sign-in"),
    Status.PROXY_BLOCKED: N_("blocked by the proxy"),
    Status.TLS_FAILED: N_("TLS failed"),
    Status.TLS_UNTRUSTED: N_("certificate not trusted"),
    Status.TLS_INTERCEPTED: N_("TLS inspected on the way"),
    Status.HTTP_ERROR: N_("HTTP error"),
    Status.WEBSOCKET_BLOCKED: N_("WebSocket blocked"),
    Status.CLOCK_SKEW: N_("clock wrong"),
    Status.UNKNOWN: N_("unexpected result"),
    Status.NOT_FINISHED: N_("did not finish"),
}
NOTE_TEXTS = {
    "not_checked": N_("Not checked: an earlier step failed or the check was cancelled."),
    "proxy_resolves": N_("The proxy resolves the name."),
    "address_given": N_("{address} (given with --resolve)"),
    "address": N_("Address {address}"),
    "name_not_found": N_("The name was not found (this PC's DNS does not know it)."),
    "dns_no_answer": N_("The DNS server did not answer in time."),
    "dns_error": N_("Name resolution failed ({error})."),
    "no_answer": N_("{target} did not answer in time."),
    "connect_failed": N_("Could not connect to {target} ({error})."),
    "connected": N_("Connected to {target}."),
    "proxy_unreachable": N_("The proxy {proxy} cannot be reached ({error})."),
    "proxy_no_answer": N_("The proxy {proxy} gave no usable answer."),
    "via_proxy": N_("Connected through the proxy {proxy}."),
    "proxy_auth": N_("The proxy asks for a user name and password (407; methods: {schemes})."),
    "proxy_auth_windows": N_("The proxy wants the Windows logon (407; methods: {schemes}); it "
                             "can be given only on Windows, or with --proxy-user."),
    "proxy_logon_rejected": N_("The proxy did not accept the Windows logon ({scheme})."),
    "proxy_logon_failed": N_("Signing in to the proxy with {scheme} failed on this PC."),
    "proxy_password_rejected": N_("The proxy did not accept the user name or password of "
                                  "{user} ({scheme})."),
    "via_proxy_signed_in": N_("Connected through the proxy {proxy}, signed in with {scheme}."),
    "proxy_refused": N_("The proxy refused the connection (HTTP {http})."),
    "certificate_untrusted": N_("The certificate is not trusted ({error})."),
    "tls_no_answer": N_("No answer during the TLS handshake."),
    "tls_error": N_("The TLS handshake failed ({error})."),
    "issuer_unexpected": N_("{version}, certificate from an unexpected issuer: {issuer}"),
    "tls_ok": N_("{version}, certificate from {issuer}"),
    "http_no_answer": N_("No HTTP answer."),
    "block_page": N_("A filter's block page (HTTP {http})."),
    "http_status": N_("HTTP {http}"),
    "ws_no_answer": N_("No answer to the WebSocket upgrade."),
    "ws_malformed": N_("The answer to the WebSocket upgrade was not WebSocket."),
    "ws_ok": N_("WebSocket opened (101)."),
    "ws_refused": N_("The WebSocket upgrade was refused (HTTP {http})."),
    "ws_closed": N_("The connection was closed during the upgrade."),
    "no_server_time": N_("No server told its time."),
    "not_finished": N_("This check did not finish in time or stopped with an error ({error})."),
    "clock_offset": N_("{seconds} s against {host}"),
}
VERDICT_WORDS = {"ok": N_("no problem"), "warning": N_("problems"), "failed": N_("cannot connect")}
ROUTE_TEXTS = {
    "override": N_("given proxy"), "no_proxy": N_("direct (no proxy asked)"),
    "environment": N_("proxy from the environment"), "system": N_("proxy from the OS"),
    "pac": N_("proxy auto-configuration (PAC)"), "none": N_("direct (no proxy set)"),
}


def kind_text(kind: str, lang: str) -> str:
    return translator(lang)(KIND_TEXTS[kind]) if kind in KIND_TEXTS else kind


def status_text(status: str, lang: str) -> str:
    """A status in words; an unknown one as "unexpected result"."""
    gettext = translator(lang)
    return gettext(STATUS_TEXTS.get(status, STATUS_TEXTS[Status.UNKNOWN]))  # type: ignore[call-overload]


def describe(check: Check, lang: str) -> str:
    """What the check saw, in the user's language (the JSON keeps the English `detail`)."""
    gettext = translator(lang)
    template = NOTE_TEXTS.get(check.note)
    if template is None:
        return check.detail  # a check from elsewhere (a newer probe): its own text
    values = dict(check.values)
    if "error" in values:
        values["error"] = code_text(values["error"], lang)
    return gettext(template).format(**values)


def verdict_word(verdict: str, lang: str) -> str:
    return translator(lang)(VERDICT_WORDS[verdict]) if verdict in VERDICT_WORDS else verdict


def route_text(proxy: str | None, source: str, lang: str) -> str:
    """A proxy route in words: "proxy.example:8080 (given proxy)" or "direct (…)"."""
    gettext = translator(lang)
    how = gettext(ROUTE_TEXTS[source]) if source in ROUTE_TEXTS else source
    return f"{proxy} ({how})" if proxy else how
