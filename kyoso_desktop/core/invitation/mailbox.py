"""Optional look into the mailbox over IMAP (TLS, OS trust store), read-only.

Searches INBOX and the junk folder with ASCII criteria only (Exchange rejects CHARSET UTF-8),
fetches with BODY.PEEK (nothing is marked as read) and runs every hit through the mail check.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.common.oserrors import error_text
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.common.tls import os_trust_context
from kyoso_desktop.core.invitation.mailcheck import MAX_BYTES, InvitationCheck, check_bytes

MICROSOFT_HOSTS = ("outlook.office365.com", "outlook.office.com", "office365.com",
                   "outlook.com", "hotmail.com", "live.com")
JUNK_NAMES = ("junk", "junk e-mail", "junk email", "spam", "bulk mail", "迷惑メール")
LIST_LINE = re.compile(rb'\((?P<flags>[^)]*)\) (?P<sep>"[^"]*"|NIL) (?P<name>.+)$')
ERROR_TEXTS = {
    "microsoft_oauth": N_("Microsoft 365 mailboxes only allow sign-in with OAuth, which this "
                          "app does not support. Check the mailbox in Outlook, or save the "
                          "mail and check the file."),
    "auth_failed": N_("The server refused the user name or password. Check them; nothing was "
                      "saved."),
    "tls_failed": N_("The server's certificate could not be verified ({detail}). The connection "
                     "was not made. Ask IT whether a proxy inspects TLS, or give the CA file."),
    "cannot_connect": N_("The mail server {host}:{port} could not be reached ({detail})."),
    "timeout": N_("The mail server did not answer in time."),
    "server_error": N_("The mail server stopped the search ({detail}). Nothing was changed; try "
                       "again later."),
    "cancelled": N_("The search was cancelled."),
    "ca_file_unusable": N_("The CA file {file} could not be used ({detail}). Check the path, or "
                           "leave the field empty to use only the system's certificates."),
}


class MailboxError(KyosoError):
    """A failed look-up, with a code and a message in the user's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code)


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    username: str
    port: int = 993
    security: str = "tls"  # "tls" (993) or "starttls" (143)
    ca_file: str | None = None  # an extra CA (e.g. a TLS-inspecting proxy's), never instead


@dataclass(frozen=True)
class Found:
    folder: str
    uid: str
    check: InvitationCheck


def is_microsoft(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in MICROSOFT_HOSTS)


def search_invitations(settings: MailboxSettings, password: str, since: date, *,
                       lang: str = "ja", trusted_authserv: frozenset[str] = frozenset(),
                       cancel: threading.Event | None = None,
                       progress: Callable[[str, int, int], None] | None = None,
                       timeout: float = 20.0, context: ssl.SSLContext | None = None,
                       ) -> list[Found]:
    """Slack mails since `since` in INBOX and the junk folder, each checked; newest last."""
    gettext = translator(lang)

    def fail(code: str, **params: str) -> MailboxError:
        return MailboxError(code, gettext(ERROR_TEXTS[code]).format(**params))

    def step(what: str, done: int, total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise fail("cancelled")
        if progress:
            progress(what, done, total)

    if is_microsoft(settings.host):
        raise fail("microsoft_oauth")
    if context is None:
        try:
            context = os_trust_context(settings.ca_file)  # verification is never off
        except (OSError, ssl.SSLError) as exc:
            raise fail("ca_file_unusable", file=settings.ca_file or "-",
                       detail=error_text(exc, lang)) from exc
    step("connect", 0, 1)
    client = _connect(settings, context, timeout, fail, lang)
    found: list[Found] = []
    try:
        _login(client, settings.username, password, fail)
        folders = ["INBOX", *_junk_folders(client)]
        sender = default_policy().invitation_sender_domain
        criteria = f'(FROM "{sender}" SINCE {(since - timedelta(days=1)).strftime("%d-%b-%Y")})'
        for index, folder in enumerate(folders):
            step(folder, index, len(folders))
            status, _data = client.select(_quote(folder), readonly=True)
            if status != "OK":
                continue
            status, data = client.uid("SEARCH", criteria)  # ASCII: no CHARSET
            uids = data[0].split() if status == "OK" and data and data[0] else []
            for uid in uids[-50:]:  # the newest fifty are plenty
                step(folder, index, len(folders))
                found_one = _fetch(client, uid.decode(), folder, lang, trusted_authserv)
                if found_one:
                    found.append(found_one)
    except MailboxError:
        raise
    except TimeoutError as exc:
        raise fail("timeout") from exc
    except (OSError, imaplib.IMAP4.abort, imaplib.IMAP4.error) as exc:
        raise fail("server_error", detail=str(exc) or type(exc).__name__) from exc
    finally:
        with contextlib.suppress(Exception):
            client.logout()
    step("done", 1, 1)
    return found


def _connect(settings: MailboxSettings, context: ssl.SSLContext, timeout: float,
             fail: Callable[..., MailboxError], lang: str) -> imaplib.IMAP4:
    """A connected client (TLS or STARTTLS, verified); failures as MailboxError."""
    try:
        if settings.security == "starttls":
            client = imaplib.IMAP4(settings.host, settings.port, timeout=timeout)
            client.starttls(ssl_context=context)
            return client
        return imaplib.IMAP4_SSL(settings.host, settings.port, ssl_context=context,
                                 timeout=timeout)
    except ssl.SSLCertVerificationError as exc:
        raise fail("tls_failed", detail=error_text(exc, lang)) from exc
    except ssl.SSLError as exc:
        raise fail("tls_failed", detail=error_text(exc, lang)) from exc
    except TimeoutError as exc:
        raise fail("timeout") from exc
    except (OSError, imaplib.IMAP4.error) as exc:
        raise fail("cannot_connect", host=settings.host, port=str(settings.port),
                   detail=error_text(exc, lang)) from exc


def _login(client: imaplib.IMAP4, username: str, password: str,
           fail: Callable[..., MailboxError]) -> None:
    """AUTHENTICATE PLAIN (UTF-8 passwords work) when offered, else LOGIN."""
    try:
        if "AUTH=PLAIN" in client.capabilities:
            client.authenticate("PLAIN",
                                lambda _challenge: f"\0{username}\0{password}".encode())
        else:
            client.login(username, password)
    except (imaplib.IMAP4.error, UnicodeEncodeError) as exc:
        raise fail("auth_failed") from exc


def _fetch(client: imaplib.IMAP4, uid: str, folder: str, lang: str,
           trusted: frozenset[str]) -> Found | None:
    status, data = client.uid("FETCH", uid, "(RFC822.SIZE)")
    size = re.search(rb"RFC822\.SIZE (\d+)", data[0] or b"") if status == "OK" and data else None
    if size and int(size.group(1)) > MAX_BYTES:
        return None
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")  # PEEK: not marked as read
    raw = next((item[1] for item in data or [] if isinstance(item, tuple)), None)
    if status != "OK" or raw is None:
        return None
    return Found(folder, uid, check_bytes(raw, name=f"{folder}/{uid}",
                                                   trusted_authserv=trusted, lang=lang))


def _junk_folders(client: imaplib.IMAP4) -> list[str]:
    status, lines = client.list()
    if status != "OK":
        return []
    junk = []
    for line in lines or []:
        if not isinstance(line, bytes):
            continue
        match = LIST_LINE.match(line)
        if not match:
            continue
        name = match.group("name").decode("ascii", "replace").strip().strip('"')
        flags = match.group("flags").decode("ascii", "replace").lower()
        decoded = _decode_utf7(name).lower()
        if "\\junk" in flags or decoded in JUNK_NAMES or decoded.split("/")[-1] in JUNK_NAMES:
            junk.append(name)
    return junk


def _quote(folder: str) -> str:
    return f'"{folder}"' if " " in folder else folder


def _decode_utf7(name: str) -> str:
    """IMAP modified UTF-7 (RFC 3501) folder names, e.g. 迷惑メール."""
    import base64

    def replace(match: re.Match[str]) -> str:
        text = match.group(1)
        if not text:
            return "&"
        padded = text.replace(",", "/") + "=" * (-len(text) % 4)
        return base64.b64decode(padded).decode("utf-16-be", errors="replace")

    return re.sub(r"&([^-]*)-", replace, name)


def newest_invitation(found: list[Found], address: str | None = None) -> Found | None:
    """The newest hit that is the invitation (genuine, likely genuine, or sanitised) — for
    `address` when given (a shared mailbox may hold invitations for several people)."""
    hits = [f for f in found if f.check.is_invitation and
            (address is None or f.check.addressed_to(address) is not False)]
    return max(hits, key=lambda f: (f.check.received_at or "", f.uid), default=None)
