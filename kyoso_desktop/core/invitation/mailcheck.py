"""Is this saved mail the genuine Slack invitation? Offline check of .eml and Outlook .msg files.

Verdicts: genuine, likely_genuine, sanitized, suspicious, not_invitation, unreadable.
Hostile input is bounded before parsing (size, number of MIME parts), so every file is
answered in well under two seconds with bounded memory.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.common.notes import Note
from kyoso_desktop.core.common.oserrors import error_text
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.registration.records import InvitationRecord

Gettext = Callable[[str], str]
Found = list[tuple[str, dict[str, str]]]  # (reason code, its parameters), in order
MAX_BYTES = 10 * 1024 * 1024  # a real invitation is about 30 KB
MAX_MIME_PARTS = 100
MAX_TEXT_CHARS = 2_000_000
MAX_LINKS = 500
MAX_PART_CHARS = 256_000  # per MIME part: an invitation's HTML is about 30 KB
MAX_AUTH_HEADER = 4096
QUOTED_FROM = re.compile(r"(?im)^[ \t]*+(?:from|差出人|送信者)[ \t]*+[:：][ \t]*+(.+)$")
SLACK_DOMAINS = ("slack.com", "slack-edge.com", "slackhq.com", "slack-imgs.com",
                 "slack-files.com", "slack-redir.net")
JOIN_LINK = re.compile(r"^https://join\.slack\.com/t/([a-z0-9-]+)/(?:invite|shared_invite)/\S+$",
                       re.IGNORECASE)
URL_IN_TEXT = re.compile(r"(?:https?|hxxps?)(?::|\[:\])//[^\s<>\"'()\]]+", re.IGNORECASE)
SANITIZER_NOTICES = ("無害化", "テキスト化", "url削除", "urlを削除", "リンクを削除",
                     "添付ファイルを削除", "[url removed]", "link removed", "sanitized",
                     "sanitised")
# patterns run on untrusted text: no nested or overlapping repetition (linear time); Python
# 3.11's possessive quantifiers (*+, {3,}+) never give back what they matched
INVITE_SUBJECT = re.compile(r"invited you|招待|join [^\n]{0,200}? on slack|slack に参加",
                            re.IGNORECASE)
FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|fw|転送)\s*[:：]", re.IGNORECASE)
FORWARD_BODY = re.compile(r"(?<!-)-{3,}+[ \t]*+(forwarded message|original message"
                          r"|転送されたメッセージ|元のメッセージ)", re.IGNORECASE)
log = logging.getLogger(__name__)
MSG_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

REASON_TEXTS = {
    # unreadable
    "too_large": N_("The file is larger than {limit} MB; an invitation is a few tens of KB."),
    "too_complex": N_("The mail has more than {limit} MIME parts; it is not processed."),
    "not_a_mail": N_("This file is not a saved mail (no sender, subject or date found)."),
    "cannot_read": N_("The file could not be read: {error}"),
    "not_a_file": N_("This is not a saved mail file (it is a folder, a device or a pipe)."),
    "msg_unreadable": N_("The Outlook file (.msg) could not be read: {error}"),
    # evidence for
    "sender_slack": N_("The sender {sender} belongs to {domain}."),
    "join_link_ok": N_("The join link goes to join.slack.com, workspace “{workspace}”."),
    "links_slack_only": N_("All links go to Slack's own domains."),
    "auth_pass": N_("Your mail server ({authserv}) confirmed that the mail really comes from "
                    "{domain} (DKIM/DMARC pass)."),
    "auth_missing": N_("No authentication result from a trusted mail server was found, so the "
                       "sender cannot be proven; everything else looks genuine."),
    "transport_headers_missing": N_("The Outlook file has no transport headers, so the "
                                    "authentication results cannot be checked. Save the mail "
                                    "as .eml, or ask IT for the message headers."),
    "forwarded": N_("This mail was forwarded by {sender}; the check looks at the forwarded "
                    "invitation."),
    "sanitized": N_("The mail gateway removed or disabled the links (メール無害化). This is "
                    "normal in many local governments and not a sign of phishing. Open the "
                    "original on an internet-side PC, ask your mail administrator to release "
                    "it, or type the link from the original."),
    "defanged_link": N_("The join link was found in a disabled form and restored: {url}"),
    # red flags
    "sender_not_slack": N_("The sender {sender} is not an address at {domain}, but the mail "
                           "presents itself as a Slack invitation."),
    "display_name_spoof": N_("The sender calls itself “{name}” but writes from {domain}."),
    "multiple_senders": N_("The mail has more than one From header: a sign of a forged mail."),
    "reply_to_outside": N_("Replies would go to {address}, outside Slack."),
    "link_text_mismatch": N_("A link shows {shown} but leads to {target}."),
    "link_outside_slack": N_("A link leads outside Slack: {target}"),
    "punycode_host": N_("A link or the sender uses an internationalised (punycode or non-ASCII) "
                        "host name: {host}. Such names can imitate slack.com."),
    "insecure_link": N_("A link uses unencrypted http: {target}"),
    "auth_fail": N_("Your mail server ({authserv}) reports that the {domain} authentication "
                    "FAILED."),
    "attachment": N_("The mail has an attachment ({name}); Slack invitations have none."),
    "form": N_("The mail contains a form; Slack invitations have none."),
    "join_link_wrong": N_("The button does not lead to a join.slack.com invitation: {target}"),
    # other mail
    "slack_other_mail": N_("A real Slack mail, but not an invitation ({subject})."),
    "unrelated": N_("This mail is not about Slack."),
}
VERDICT_TEXTS = {
    "genuine": N_("Genuine Slack invitation"),
    "likely_genuine": N_("Probably genuine (sender not proven)"),
    "sanitized": N_("Invitation with its links removed by the mail gateway"),
    "suspicious": N_("Suspicious: do not open its links"),
    "not_invitation": N_("Not an invitation"),
    "unreadable": N_("Could not be checked"),
}
INVITATION_VERDICTS = frozenset({"genuine", "likely_genuine", "sanitized"})
RED_FLAGS = {"sender_not_slack", "display_name_spoof", "multiple_senders", "reply_to_outside",
             "link_text_mismatch", "link_outside_slack", "punycode_host", "insecure_link",
             "auth_fail", "attachment", "form", "join_link_wrong"}


@dataclass(frozen=True)
class InvitationCheck:
    """The result for one file; `to_dict()` is the CLI's JSON contract."""

    file: str
    verdict: str
    sender: str | None
    subject: str | None
    received_at: str | None
    workspace: str | None
    join_url: str | None
    reasons: list[Note] = field(default_factory=list)
    # To / Delivered-To / X-Original-To, lower case; compared with the card's address, not
    # part of the JSON contract
    recipients: tuple[str, ...] = field(default=(), compare=False)

    def addressed_to(self, address: str) -> bool | None:
        """Whether the mail names this address as its recipient (None: it names none)."""
        if not self.recipients:
            return None
        return address.strip().lower() in self.recipients

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["recipients"]
        return data

    @property
    def is_invitation(self) -> bool:
        """The mail is the invitation (perhaps with its links removed), not a fake or other."""
        return self.verdict in INVITATION_VERDICTS

    def to_record(self) -> InvitationRecord:
        """What an application remembers of this mail."""
        return InvitationRecord(self.file, self.verdict, self.sender, self.subject,
                                self.received_at, self.workspace, self.join_url,
                                tuple(self.reasons))


@dataclass
class _Mail:
    """What the parser found, before judging."""

    from_headers: list[str]
    reply_to: str | None
    subject: str
    date: str | None
    auth_results: list[str]
    template: str
    text: str
    links: list[tuple[str, str]]  # (href, shown text)
    attachments: list[str]
    has_form: bool
    transport_headers: bool = True
    embedded: _Mail | None = None
    recipients: tuple[str, ...] = ()


# -- entry points ----------------------------------------------------------------------------------
def check_file(path: str | Path, *, trusted_authserv: frozenset[str] = frozenset(),
               lang: str = "ja", sender_domain: str | None = None) -> InvitationCheck:
    """Check one saved mail file; never raises."""
    path = Path(path)
    gettext = translator(lang)
    try:
        data = _read_regular_file(path, MAX_BYTES + 1)
    except IsADirectoryError:
        return _unreadable(str(path), "not_a_file", gettext)
    except OSError as exc:
        return _unreadable(str(path), "cannot_read", gettext, error=error_text(exc, lang))
    if data is None:
        return _unreadable(str(path), "not_a_file", gettext)
    if len(data) > MAX_BYTES:
        return _unreadable(str(path), "too_large", gettext, limit=str(MAX_BYTES // 2**20))
    return check_bytes(data, name=str(path), trusted_authserv=trusted_authserv, lang=lang,
                       sender_domain=sender_domain)


def check_file_task(payload: dict[str, Any]) -> dict[str, Any]:
    """In a child process (core.common.isolation): check one file, answer as JSON."""
    result = check_file(payload["path"], trusted_authserv=frozenset(payload["trusted"]),
                        lang=payload["lang"])
    return {**result.to_dict(), "recipients": list(result.recipients)}


def check_file_isolated(path: str | Path, *, trusted_authserv: frozenset[str] = frozenset(),
                        lang: str = "ja", timeout: float = 10.0) -> InvitationCheck:
    """check_file in a child process with a deadline and a memory cap: whatever the mail,
    the caller (the window) never stalls; a mail that takes too long is "unreadable"."""
    from kyoso_desktop.core.common.isolation import IsolationError, run

    try:
        answer = run("mailcheck", {"path": str(path), "trusted": sorted(trusted_authserv),
                                   "lang": lang}, timeout)
    except IsolationError as exc:
        log.warning("the check of %s stopped: %s", path, exc)
        return _unreadable(str(path), "too_complex", translator(lang),
                           limit=str(MAX_MIME_PARTS))
    reasons = [Note(r["code"], r["message"]) for r in answer.pop("reasons", [])]
    recipients = tuple(answer.pop("recipients", ()))
    return InvitationCheck(**answer, reasons=reasons, recipients=recipients)


def _read_regular_file(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file; None for a device, a FIFO or a socket (opened
    without blocking, checked on the open descriptor: no race with a swapped file)."""
    import os
    import stat

    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        return fh.read(limit)


def check_bytes(data: bytes, *, name: str = "-", trusted_authserv: frozenset[str] = frozenset(),
                lang: str = "ja", sender_domain: str | None = None) -> InvitationCheck:
    """Check a saved mail given as bytes (.eml or .msg); never raises. The invitation's sender
    domain comes from the policy unless given."""
    gettext = translator(lang)
    if len(data) > MAX_BYTES:
        return _unreadable(name, "too_large", gettext, limit=str(MAX_BYTES // 2**20))
    try:
        if data.startswith(MSG_SIGNATURE):
            mail = _parse_msg(data)
        else:
            if len(re.findall(rb"(?im)^content-type:\s*multipart/", data)) > MAX_MIME_PARTS:
                return _unreadable(name, "too_complex", gettext, limit=str(MAX_MIME_PARTS))
            mail = _parse_eml(data)
    except _MsgError as exc:
        return _unreadable(name, "msg_unreadable", gettext, error=str(exc))
    except (RecursionError, MemoryError):
        return _unreadable(name, "too_complex", gettext, limit=str(MAX_MIME_PARTS))
    except Exception as exc:  # broken MIME of any kind: answered, never raised
        return _unreadable(name, "cannot_read", gettext, error=type(exc).__name__)
    if mail is None:
        return _unreadable(name, "not_a_mail", gettext)
    domain = sender_domain or default_policy().invitation_sender_domain
    try:
        return _judge(mail, name, _Judging(trusted_authserv, domain.lower(), gettext))
    except Exception as exc:  # one odd mail gets "unreadable"; the others still get verdicts
        log.warning("the mail %s could not be judged", name, exc_info=exc)
        return _unreadable(name, "cannot_read", gettext, error=type(exc).__name__)


def _unreadable(name: str, code: str, gettext: Gettext, **params: str) -> InvitationCheck:
    return InvitationCheck(name, "unreadable", None, None, None, None, None,
                           [Note(code, gettext(REASON_TEXTS[code]).format(**params))])


# -- parsing ---------------------------------------------------------------------------------------
class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.has_form = False
        self._href: str | None = None
        self._shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._shown = []
        elif tag in ("form", "input") or (tag == "button" and dict(attrs).get("formaction")):
            self.has_form = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            if len(self.links) < MAX_LINKS:
                shown = "".join(self._shown)[:1000]
                self.links.append((self._href.strip()[:2000], " ".join(shown.split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if len(self.text) < 10_000:
            self.text.append(data)
        if self._href is not None and len(self._shown) < 100:
            self._shown.append(data)


def _parse_eml(data: bytes) -> _Mail | None:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    return _from_message(message, depth=0)


def _header(message: Message, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(str(value))))
    except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
        return str(value)


@dataclass
class _Body:
    """What the walk over a mail's MIME parts collects."""

    texts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    has_form: bool = False
    embedded: _Mail | None = None


def _from_message(message: Message, depth: int) -> _Mail | None:
    from_headers = [_header_value(v) for v in message.get_all("From", [])]
    subject = _header(message, "Subject")
    if not from_headers and not subject and not message.get("Date"):
        return None
    body = _walk(message, depth)
    if body.embedded is None and message.get_content_type() == "message/rfc822":
        payload = message.get_payload()
        if isinstance(payload, list) and payload and depth < 3:
            body.embedded = _from_message(_as_message(payload[0]), depth + 1)
    text = "\n".join(body.texts)[:MAX_TEXT_CHARS]
    _add_text_links(text, body.links)
    return _Mail(
        from_headers=from_headers,
        reply_to=_header(message, "Reply-To") or None,
        subject=subject,
        date=_date_header(message),
        auth_results=_auth_headers(message),
        template=str(message.get("X-Slack-Email-Template", "")),
        text=text,
        recipients=_recipients(message),
        links=body.links,
        attachments=body.attachments,
        has_form=body.has_form,
        embedded=body.embedded,
    )


def _recipients(message: Message) -> tuple[str, ...]:
    """The addresses the mail was delivered to (To, Delivered-To, X-Original-To), at most 20."""
    values = [str(v)[:2000] for name in ("To", "Delivered-To", "X-Original-To")
              for v in message.get_all(name, [])][:10]
    pairs = email.utils.getaddresses(values)
    return tuple(dict.fromkeys(a.strip().lower() for _n, a in pairs if "@" in a))[:20]


def _date_header(message: Message) -> str | None:
    """The Date header as plain text (a stray non-ASCII byte turns it into an object)."""
    value = message.get("Date")
    if value is None:
        return None
    return str(value).encode("ascii", "replace").decode("ascii")[:200]


def _auth_headers(message: Message) -> list[str]:
    """Authentication-Results, at most 20 of 4 KB each (a real one is a few hundred bytes)."""
    return [str(v)[:MAX_AUTH_HEADER] for v in message.get_all("Authentication-Results", [])[:20]]


def _as_message(item: object) -> Message:
    """A MIME part as a Message (a broken payload can be a bare string)."""
    if isinstance(item, Message):
        return item
    return email.message_from_string(str(item), policy=email.policy.compat32)


def _walk(message: Message, depth: int) -> _Body:
    """Texts, links, attachments and a forwarded mail, iteratively (no recursion on deep
    nesting), at most MAX_MIME_PARTS parts."""
    body = _Body()
    stack = [message]
    parts = 0
    while stack:
        part = stack.pop()
        parts += 1
        if parts > MAX_MIME_PARTS:
            raise RecursionError("too many parts")
        content_type = part.get_content_type()
        filename = part.get_filename()
        if content_type == "message/rfc822" or (filename and filename.lower().endswith(".eml")):
            payload = part.get_payload()
            raw = part.get_payload(decode=True)
            inner = _as_message(payload[0]) if isinstance(payload, list) and payload else \
                email.message_from_bytes(raw if isinstance(raw, bytes) else b"",
                                         policy=email.policy.compat32)
            if depth < 3 and body.embedded is None:
                body.embedded = _from_message(inner, depth + 1)
        elif part.is_multipart():
            payload = part.get_payload()
            stack.extend(_as_message(p) for p in reversed(payload if isinstance(payload, list)
                                                         else [payload]))
        elif filename or (part.get("Content-Disposition") or "").lower().startswith("attachment"):
            body.attachments.append(_header_value(filename or content_type))
        elif content_type == "text/html":
            parser = _Links()
            parser.feed(_text_of(part)[:MAX_PART_CHARS])
            body.links += parser.links
            body.has_form = body.has_form or parser.has_form
            body.texts.append(" ".join(parser.text))
        elif content_type == "text/plain":
            body.texts.append(_text_of(part)[:MAX_PART_CHARS])
    return body


def _add_text_links(text: str, links: list[tuple[str, str]]) -> None:
    """URLs written in the text (text/plain parts, sanitised mail) join the HTML links (at most
    MAX_LINKS: an invitation has a handful)."""
    known = {href for href, _shown in links}
    for match in URL_IN_TEXT.finditer(text):
        if len(links) >= MAX_LINKS:
            break
        url = match.group()
        if url not in known:
            known.add(url)
            links.append((url.rstrip(".,;"), ""))


def _header_value(value: object) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(str(value))))
    except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
        return str(value)


def _text_of(part: Message) -> str:
    raw = part.get_payload(decode=True)
    payload = raw if isinstance(raw, bytes) else b""
    charset = (part.get_content_charset() or "utf-8").lower()
    aliases = {"shift-jis": "cp932", "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
               "iso-2022-jp": "iso2022_jp_ext", "windows-31j": "cp932"}
    try:
        return payload.decode(aliases.get(charset, charset), errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


class _MsgError(KyosoError):
    pass


@dataclass
class _MsgParts:
    """The properties of an Outlook .msg that the check uses."""

    headers: str | None
    subject: str
    sender_name: str
    sender_address: str
    body: str
    html: bytes
    attachments: list[str]


def _read_msg(data: bytes) -> _MsgParts:
    """Read the properties from the OLE2 compound file (olefile, BSD licence)."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError) as exc:
        raise _MsgError(str(exc)) from exc
    with ole:
        def prop(tag: str, storage: str = "", limit: int = MAX_TEXT_CHARS) -> str | None:
            for suffix, encoding in (("001F", "utf-16-le"), ("001E", "cp932")):
                name = f"{storage}__substg1.0_{tag}{suffix}"
                if ole.exists(name):
                    raw = ole.openstream(name).read(limit)
                    return raw.decode(encoding, errors="replace").rstrip("\x00")
            return None

        html_stream = "__substg1.0_10130102"
        storages = sorted({entry[0] for entry in ole.listdir(streams=False, storages=True)
                           if entry and entry[0].startswith("__attach_version1.0_")})
        return _MsgParts(
            headers=prop("007D"),
            subject=prop("0037") or "",
            sender_name=prop("0042") or prop("0C1A") or "",
            sender_address=prop("5D01") or prop("0C1F") or prop("0065") or "",
            body=prop("1000") or "",
            html=ole.openstream(html_stream).read(MAX_TEXT_CHARS) if ole.exists(html_stream)
            else (prop("1013") or "").encode("utf-8"),
            attachments=[prop("3707", f"{s}/", 1000) or prop("3704", f"{s}/", 1000) or s
                         for s in storages],
        )


def _parse_msg(data: bytes) -> _Mail | None:
    """Outlook .msg: its transport headers when saved, else the sender properties."""
    msg = _read_msg(data)
    if not (msg.subject or msg.sender_address or msg.headers):
        return None
    headers = email.message_from_string(msg.headers, policy=email.policy.compat32) \
        if msg.headers else Message()
    from_headers = [_header_value(v) for v in headers.get_all("From", [])]
    if not from_headers and msg.sender_address:
        from_headers = [email.utils.formataddr((msg.sender_name, msg.sender_address))]
    links: list[tuple[str, str]] = []
    has_form = False
    texts = [msg.body]
    if msg.html:
        parser = _Links()
        parser.feed(msg.html[:MAX_PART_CHARS].decode("utf-8", errors="replace"))
        links, has_form = parser.links, parser.has_form
        texts.append(" ".join(parser.text))
    text = "\n".join(texts)[:MAX_TEXT_CHARS]
    _add_text_links(text, links)
    return _Mail(
        from_headers=from_headers,
        reply_to=_header(headers, "Reply-To") or None,
        subject=msg.subject,
        date=_date_header(headers),
        auth_results=_auth_headers(headers),
        template=str(headers.get("X-Slack-Email-Template", "")),
        text=text,
        recipients=_recipients(headers),
        links=links,
        attachments=msg.attachments,
        has_form=has_form,
        transport_headers=bool(msg.headers),
    )


# -- judging ---------------------------------------------------------------------------------------
def _domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().strip(">").lower()


def _in(domain: str, parents: tuple[str, ...]) -> bool:
    return any(domain == p or domain.endswith("." + p) for p in parents)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _auth(results: list[str], trusted: frozenset[str],
          sender_domain: str) -> tuple[str | None, str | None]:
    """('pass'|'fail'|None, authserv-id) from Authentication-Results written by a trusted server."""
    for header in results:
        authserv = header.split(";", 1)[0].strip().split()[0].lower() if header.strip() else ""
        if authserv not in trusted:
            continue
        lowered = " ".join(header.lower().split())
        dmarc = re.search(r"dmarc=(\w+)[^;]*header\.from=([\w.-]+)", lowered)
        dkim = re.findall(r"dkim=(\w+)[^;]*header\.(?:d|i)=@?([\w.-]+)", lowered)
        if dmarc and dmarc.group(2) == sender_domain:
            return ("pass" if dmarc.group(1) == "pass" else "fail"), authserv
        slack_dkim = [result for result, domain in dkim if domain == sender_domain]
        if slack_dkim:
            return ("pass" if "pass" in slack_dkim else "fail"), authserv
    return None, None


@dataclass(frozen=True)
class _Judging:
    """What a judgement needs besides the mail: trusted servers, the sender domain, language."""

    trusted: frozenset[str]
    sender_domain: str
    gettext: Gettext


@dataclass
class _Sender:
    """Who sent the (possibly forwarded) invitation."""

    display: str
    address: str
    domain: str
    forwarded: bool
    official: bool  # an address at the invitation's sender domain


def _original(mail: _Mail, reasons: Found, judging: _Judging) -> tuple[_Mail, _Sender]:
    """The mail to judge (the forwarded one when there is one) and its sender."""
    outer_sender = mail.from_headers[0] if mail.from_headers else ""
    forwarded = bool(mail.embedded is not None or FORWARD_SUBJECT.match(mail.subject)
                     or FORWARD_BODY.search(mail.text))
    if forwarded:
        reasons.append(("forwarded", {"sender": outer_sender or "?"}))
        if mail.embedded is not None:
            mail = mail.embedded
    display, address = email.utils.parseaddr(mail.from_headers[0] if mail.from_headers else "")
    domain = _domain_of(address)
    official = (judging.sender_domain,)
    if forwarded and mail.embedded is None and not _in(domain, official):
        quoted = QUOTED_FROM.search(mail.text)
        if quoted:  # an inline forward: the original sender is quoted in the body
            display, address = email.utils.parseaddr(quoted.group(1).strip())
            domain = _domain_of(address)
    return mail, _Sender(display, address, domain, forwarded, _in(domain, official))


def _red_flags(mail: _Mail, sender: _Sender, links: list[tuple[str, str]],
               join_urls: list[str], looks_invitation: bool, judging: _Judging) -> Found:
    """Everything that says "not from Slack" or "phishing"."""
    found: Found = []
    domain = judging.sender_domain
    if len(mail.from_headers) > 1:
        found.append(("multiple_senders", {}))
    if sender.domain and not sender.official and looks_invitation:
        found.append(("sender_not_slack", {"sender": sender.address, "domain": domain}))
    if "slack" in sender.display.lower() and not sender.official:
        found.append(("display_name_spoof", {"name": sender.display,
                                             "domain": sender.domain or "?"}))
    for host in [sender.domain] + [_host(h) for h, _ in links]:
        if host and (host.startswith("xn--") or ".xn--" in host or not host.isascii()):
            found.append(("punycode_host", {"host": host}))
            break
    if mail.reply_to:
        reply_domain = _domain_of(email.utils.parseaddr(mail.reply_to)[1])
        if reply_domain and not _in(reply_domain, (domain,)):
            found.append(("reply_to_outside", {"address": mail.reply_to}))
    found += _link_flags(links)
    if looks_invitation and links and not join_urls and any(
            "join" in shown.lower() or "参加" in shown for _h, shown in links):
        button = next(h for h, s in links if "join" in s.lower() or "参加" in s)
        found.append(("join_link_wrong", {"target": button[:200]}))
    for attachment in mail.attachments[:3]:
        found.append(("attachment", {"name": attachment}))
    if mail.has_form:
        found.append(("form", {}))
    return found


def _link_flags(links: list[tuple[str, str]]) -> Found:
    """Unencrypted links, links outside Slack, and links whose text shows another host."""
    found: Found = []
    for href, shown in links:
        host = _host(href)
        if href.lower().startswith("http://"):
            found.append(("insecure_link", {"target": href[:200]}))
        elif host and not _in(host, SLACK_DOMAINS):
            found.append(("link_outside_slack", {"target": href[:200]}))
        shown_host = _host(shown if "://" in shown else "https://" + shown) \
            if re.match(r"^(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?$", shown or "") else ""
        if shown_host and host and shown_host != host:
            found.append(("link_text_mismatch", {"shown": shown[:100], "target": href[:200]}))
    return found


def _judge(mail: _Mail, name: str, judging: _Judging) -> InvitationCheck:
    """The verdict: not about Slack, suspicious, another Slack mail, sanitised or genuine."""
    reasons: Found = []
    mail, sender = _original(mail, reasons, judging)
    links = [(href, shown) for href, shown in mail.links
             if href and not href.lower().startswith(("mailto:", "#", "cid:", "tel:"))]
    join_urls = [href for href, _ in links if JOIN_LINK.match(href)]
    defanged = _defanged_join(mail.text)
    mentions_slack = "slack" in (mail.subject + mail.text[:20_000]).lower() or bool(join_urls)
    looks_invitation = bool(join_urls or defanged or "invite" in mail.template.lower()
                            or INVITE_SUBJECT.search(mail.subject)
                            or re.search(r"join (now|your team)|参加する", mail.text, re.I))
    address = sender.address or None
    if not (sender.official or mentions_slack):
        return _result(name, "not_invitation", mail, address, None, None,
                       [*reasons, ("unrelated", {})], judging.gettext)
    reasons += _red_flags(mail, sender, links, join_urls, looks_invitation, judging)
    auth, authserv = _auth(mail.auth_results, judging.trusted, judging.sender_domain)
    if auth == "fail":
        reasons.append(("auth_fail", {"authserv": authserv or "?",
                                      "domain": judging.sender_domain}))
    join_url = join_urls[0] if join_urls else defanged
    match = JOIN_LINK.match(join_url) if join_url else None
    workspace = match.group(1).lower() if match else None
    if any(code in RED_FLAGS for code, _ in reasons):
        return _result(name, "suspicious", mail, address, workspace, None, reasons,
                       judging.gettext)
    if not looks_invitation:
        return _result(name, "not_invitation", mail, address, None, None,
                       [*reasons, ("slack_other_mail", {"subject": mail.subject or "-"})],
                       judging.gettext)
    if sender.official:
        reasons.append(("sender_slack", {"sender": sender.address,
                                         "domain": judging.sender_domain}))
    lowered = mail.text.lower()
    sanitized = not join_urls and (defanged is not None or sender.official
                                   or any(notice in lowered for notice in SANITIZER_NOTICES))
    if sanitized:
        if defanged:
            reasons.append(("defanged_link", {"url": defanged}))
        reasons.append(("sanitized", {}))
        return _result(name, "sanitized", mail, address, workspace, defanged, reasons,
                       judging.gettext)
    reasons.append(("join_link_ok", {"workspace": workspace or "?"}))
    if links:
        reasons.append(("links_slack_only", {}))
    if auth == "pass" and sender.official and not sender.forwarded:
        reasons.append(("auth_pass", {"authserv": authserv or "?",
                                      "domain": judging.sender_domain}))
        verdict = "genuine"
    else:
        reasons.append(("transport_headers_missing" if not mail.transport_headers
                        else "auth_missing", {}))
        verdict = "likely_genuine"
    return _result(name, verdict, mail, address, workspace, join_url, reasons, judging.gettext)


def _defanged_join(text: str) -> str | None:
    """A join link that a gateway disabled (hxxps://, [.], [:]) and can be restored."""
    for candidate in re.findall(r"(?:hxxps?|https?)(?:\[:\]|:)//join(?:\[\.\]|\.)slack(?:\[\.\]|"
                                r"\.)com/t/[^\s<>\"']+", text, re.IGNORECASE):
        candidate = candidate.rstrip("]).,;")
        if "hxxp" in candidate.lower() or "[" in candidate:
            restored = re.sub(r"^hxxp", "http", candidate, flags=re.I)
            restored = restored.replace("[.]", ".").replace("[:]", ":")
            restored = re.sub(r"^http://", "https://", restored)
            if JOIN_LINK.match(restored):
                return restored
    return None


def _result(name: str, verdict: str, mail: _Mail, sender: str | None, workspace: str | None,
            join_url: str | None, reasons: Found, gettext: Gettext) -> InvitationCheck:
    received = None
    if mail.date:
        try:
            received = email.utils.parsedate_to_datetime(mail.date).isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            received = None
    seen: set[tuple[str, str]] = set()
    unique = []
    for code, params in reasons:
        key = (code, str(sorted(params.items())))
        if key not in seen:
            seen.add(key)
            unique.append(Note(code, gettext(REASON_TEXTS[code]).format(**params)))
    return InvitationCheck(name, verdict, sender, mail.subject or None, received, workspace,
                           join_url, unique, mail.recipients)
