"""Support code: where the user is and what the app knows, in 14 characters a helpdesk can take
by phone.

Version 2 (60 bits): version (4) · place (4) · email verdict (2) and category (5) · invitation
state (4) · business days waited (4: 0 none, n + 1 for n < 14, 15 for 14 or more) · proxy used
(1) · LGWAN-side (1) · per check kind dns, tcp, tls, https, websocket: worst status (4) and hosts
not ok (2, 3 meaning 3 or more) · clock: status (4) · reserved (1).
Version 1 (60 bits, still decoded): version (4) · per check kind dns … clock: worst status (4)
and hosts not ok (4) · proxy used (1) · LGWAN-side (1) · invitation state (4) · reserved (2).
Both: Crockford base32 (no I, L, O, U), 12 characters, plus a 10-bit CRC-32 checksum
(2 characters), shown as XXXXXXX-XXXXXXX.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.netdiag.model import Diagnosis, Status

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MISHEARD = str.maketrans("ILO", "110")  # letters Crockford base32 reads as digits
VERSION = 2
KINDS = ("dns", "tcp", "tls", "https", "websocket", "clock")
STATUSES: tuple[Status, ...] = tuple(Status)  # the enum's order is the wire format
INVITATION_STATES = ("none", "draft", "applied", "waiting", "overdue", "invitation_received",
                     "joined", "expired", "withdrawn")
# where the user is: the guide numbers' screen ids ("none": outside the window, e.g. the CLI)
PLACES = ("none", "step_eligibility", "step_organization", "step_applicant", "step_email",
          "step_review", "step_apply", "area_status", "area_connection", "area_help")
EMAIL_VERDICTS = ("none", "accepted", "review", "rejected")
# the eligibility engine's categories; one this version does not know travels as "other"
EMAIL_CATEGORIES = ("none", "lg_jp", "lg_jp_union", "go_jp", "geo_municipal", "known_municipal",
                    "lg_jp_service", "syntax", "lookalike", "free_mail", "other_organization",
                    "prefecture_type", "not_government", "fake_suffix", "bare_suffix",
                    "lg_layout", "geo_layout", "other")
MAX_DAYS = 14  # business days waited: 14 reads "14 or more"
# which status to report when several hosts differ: the most telling first
SEVERITY: tuple[Status, ...] = (
    Status.PROXY_AUTH_REQUIRED, Status.PROXY_UNREACHABLE, Status.PROXY_BLOCKED, Status.DNS_FAILED,
    Status.TCP_TIMEOUT, Status.TCP_REFUSED, Status.TLS_UNTRUSTED, Status.TLS_FAILED,
    Status.WEBSOCKET_BLOCKED, Status.HTTP_ERROR, Status.NOT_FINISHED, Status.UNKNOWN,
    Status.TLS_INTERCEPTED,
    Status.CLOCK_SKEW, Status.SKIPPED, Status.OK)
assert len(STATUSES) <= 16 and set(SEVERITY) == set(STATUSES)
assert len(PLACES) <= 16 and len(EMAIL_CATEGORIES) <= 32 and len(INVITATION_STATES) <= 16


def known_status(status: str) -> Status:
    """The status as the enum; one this version does not know is `Status.UNKNOWN`."""
    try:
        return Status(status)
    except ValueError:
        return Status.UNKNOWN


class SupportCodeError(KyosoError, ValueError):
    """A code that is mistyped (checksum), of another version, or not a code at all; the
    message is in the current language, `code` is length, checksum, version or not_a_code."""


@dataclass(frozen=True)
class Situation:
    """What the app knows besides the connection: where the user is, the email's verdict and
    category, the newest application's state and the business days it has waited."""

    place: str = "none"
    email_verdict: str = "none"
    email_category: str = "none"
    invitation_state: str = "none"
    business_days_waited: int | None = None


@dataclass(frozen=True)
class Decoded:
    """A decoded code; fields a version-1 code does not carry are None."""

    version: int
    kinds: dict[str, tuple[str, int]]  # kind → (worst status, hosts not ok)
    proxy_used: bool
    lgwan_side: bool
    invitation_state: str
    place: str | None = None
    email_verdict: str | None = None
    email_category: str | None = None
    business_days_waited: int | None = None

    @property
    def connection_checked(self) -> bool:
        return any(status != Status.SKIPPED for status, _n in self.kinds.values())

    def situation(self) -> Situation:
        """The non-connection part, as a Situation (defaults where version 1 is silent)."""
        return Situation(self.place or "none", self.email_verdict or "none",
                         self.email_category or "none", self.invitation_state,
                         self.business_days_waited)


def _index(values: tuple[str, ...], value: str | None, fallback: str = "none") -> int:
    return values.index(value if value in values else fallback)


def summarize(diagnosis: Diagnosis | None) -> tuple[dict[str, tuple[Status, int]], bool, bool]:
    """Per kind the worst status and the hosts not ok; proxy used; LGWAN-side."""
    kinds: dict[str, tuple[Status, int]] = {}
    checks = diagnosis.checks if diagnosis else []
    for kind in KINDS:
        statuses = [known_status(c.status) for c in checks if c.kind == kind]
        worst = min(statuses, key=SEVERITY.index) if statuses else Status.SKIPPED
        kinds[kind] = (worst, sum(1 for s in statuses if s not in (Status.OK, Status.SKIPPED)))
    if diagnosis is None:
        return kinds, False, False
    proxy_used = any(proxy for proxy, _source in diagnosis.routes())
    lgwan = any(f.code == "lgwan_side" for f in diagnosis.findings)
    return kinds, proxy_used, lgwan


def _pack(fields: list[tuple[int, int]]) -> int:
    value = 0
    for width, number in fields:
        value = (value << width) | (number & ((1 << width) - 1))
    return value


def _encode(kinds: dict[str, tuple[Status, int]], proxy_used: bool, lgwan: bool,
            situation: Situation) -> str:
    days = situation.business_days_waited
    category = situation.email_category
    fields = [(4, VERSION), (4, _index(PLACES, situation.place)),
              (2, _index(EMAIL_VERDICTS, situation.email_verdict)),
              (5, _index(EMAIL_CATEGORIES, category,
                         "none" if category in (None, "none") else "other")),
              (4, _index(INVITATION_STATES, situation.invitation_state)),
              (4, 0 if days is None else min(max(days, 0), MAX_DAYS) + 1),
              (1, proxy_used), (1, lgwan)]
    for kind in KINDS:
        status, not_ok = kinds[kind]
        fields.append((4, STATUSES.index(status)))
        if kind != "clock":
            fields.append((2, min(not_ok, 3)))
    fields.append((1, 0))
    return _format(_pack(fields))


def encode(diagnosis: Diagnosis | None, situation: Situation | None = None) -> str:
    """The support code of a Diagnosis (None: no check has run) and the user's situation."""
    kinds, proxy_used, lgwan = summarize(diagnosis)
    return _encode(kinds, proxy_used, lgwan, situation or Situation())


def with_situation(code: str, situation: Situation) -> str:
    """The same connection result with another situation, as a current-version code (the GUI
    knows the place and the application, the runner does not). Refuses a mistyped code."""
    decoded = decode(code)
    kinds = {kind: (known_status(status), count) for kind, (status, count)
             in decoded.kinds.items()}
    return _encode(kinds, decoded.proxy_used, decoded.lgwan_side, situation)


def _format(value: int) -> str:
    body = "".join(ALPHABET[(value >> shift) & 31] for shift in range(55, -1, -5))
    check = binascii.crc32(value.to_bytes(8, "big")) & 0x3FF
    text = body + ALPHABET[check >> 5] + ALPHABET[check & 31]
    return f"{text[:7]}-{text[7:]}"


def _value(code: str) -> int:
    cleaned = code.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(MISHEARD)
    if len(cleaned) != 14 or any(c not in ALPHABET for c in cleaned):
        raise SupportCodeError(_("a support code has 14 characters (0-9, A-Z without I, L, O, U)"),
                               "length")
    value = 0
    for char in cleaned[:12]:
        value = (value << 5) | ALPHABET.index(char)
    check = ALPHABET.index(cleaned[12]) << 5 | ALPHABET.index(cleaned[13])
    if binascii.crc32(value.to_bytes(8, "big")) & 0x3FF != check:
        raise SupportCodeError(_("the checksum does not match: a character was misheard"),
                               "checksum")
    return value


class _Reader:
    """Reads fields from the most significant bit down."""

    def __init__(self, value: int, bits: int = 60) -> None:
        self.value, self.left = value, bits

    def take(self, width: int) -> int:
        self.left -= width
        return (self.value >> self.left) & ((1 << width) - 1)


def _status(index: int) -> str:
    # a status index this version does not know (from a newer app) reads as "unknown"
    return STATUSES[index] if index < len(STATUSES) else Status.UNKNOWN


def _item(values: tuple[str, ...], index: int) -> str:
    if index >= len(values):
        raise SupportCodeError(_("not a support code of this app"), "not_a_code")
    return values[index]


def decode(code: str) -> Decoded:
    """The fields of a code of version 1 or 2; raises SupportCodeError otherwise."""
    reader = _Reader(_value(code))
    version = reader.take(4)
    if version == 1:
        return _decode_v1(reader)
    if version != VERSION:
        raise SupportCodeError(_("version {version} codes are not known to this app").format(
            version=version), "version")
    place = _item(PLACES, reader.take(4))
    verdict = _item(EMAIL_VERDICTS, reader.take(2))
    category = _item(EMAIL_CATEGORIES, reader.take(5))
    state = _item(INVITATION_STATES, reader.take(4))
    days = reader.take(4)
    proxy_used, lgwan = bool(reader.take(1)), bool(reader.take(1))
    kinds: dict[str, tuple[str, int]] = {}
    for kind in KINDS:
        status = _status(reader.take(4))
        count = reader.take(2) if kind != "clock" else \
            int(status not in (Status.OK, Status.SKIPPED))
        kinds[kind] = (status, count)
    return Decoded(version, kinds, proxy_used, lgwan, state, place, verdict, category,
                   None if days == 0 else days - 1)


def _decode_v1(reader: _Reader) -> Decoded:
    kinds = {}
    for kind in KINDS:
        status = _status(reader.take(4))
        kinds[kind] = (status, reader.take(4))
    proxy_used, lgwan = bool(reader.take(1)), bool(reader.take(1))
    return Decoded(1, kinds, proxy_used, lgwan, _item(INVITATION_STATES, reader.take(4)))
