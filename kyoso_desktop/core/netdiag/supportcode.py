"""Support code: the result of every check in ≤ 16 characters a helpdesk can take by phone.

Layout (60 bits, version 1): version (4) · per check kind dns, tcp, tls, https, websocket,
clock: worst status (4) and number of hosts not ok (4) · proxy used (1) · LGWAN-side (1) ·
invitation state (4) · reserved (2). Crockford base32 (no I, L, O, U), 12 characters, plus a
10-bit checksum (2 characters), shown as XXXXXXX-XXXXXXX.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.netdiag.model import Diagnosis, Status

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MISHEARD = str.maketrans("ILO", "110")  # letters Crockford base32 reads as digits
VERSION = 1
KINDS = ("dns", "tcp", "tls", "https", "websocket", "clock")
STATUSES: tuple[Status, ...] = tuple(Status)  # the enum's order is the wire format
INVITATION_STATES = ("none", "draft", "applied", "waiting", "overdue", "invitation_received",
                     "joined", "expired", "withdrawn")
# which status to report when several hosts differ: the most telling first
SEVERITY: tuple[Status, ...] = (
    Status.PROXY_AUTH_REQUIRED, Status.PROXY_UNREACHABLE, Status.PROXY_BLOCKED, Status.DNS_FAILED,
    Status.TCP_TIMEOUT, Status.TCP_REFUSED, Status.TLS_UNTRUSTED, Status.TLS_FAILED,
    Status.WEBSOCKET_BLOCKED, Status.HTTP_ERROR, Status.NOT_FINISHED, Status.UNKNOWN,
    Status.TLS_INTERCEPTED,
    Status.CLOCK_SKEW, Status.SKIPPED, Status.OK)
assert len(STATUSES) <= 16 and set(SEVERITY) == set(STATUSES)


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
class Decoded:
    version: int
    kinds: dict[str, tuple[str, int]]  # kind → (worst status, hosts not ok)
    proxy_used: bool
    lgwan_side: bool
    invitation_state: str


def _pack(fields: list[tuple[int, int]]) -> int:
    value = 0
    for width, number in fields:
        value = (value << width) | (number & ((1 << width) - 1))
    return value


def encode(diagnosis: Diagnosis, invitation_state: str | None = None) -> str:
    """The support code of a Diagnosis (and the newest application's state, if any)."""
    fields = [(4, VERSION)]
    for kind in KINDS:
        statuses = [known_status(c.status) for c in diagnosis.checks if c.kind == kind]
        worst = min(statuses, key=SEVERITY.index) if statuses else Status.SKIPPED
        not_ok = sum(1 for s in statuses if s not in (Status.OK, Status.SKIPPED))
        fields += [(4, STATUSES.index(worst)), (4, min(not_ok, 15))]
    proxy_used = any(proxy for proxy, _source in diagnosis.routes())
    lgwan = any(f.code == "lgwan_side" for f in diagnosis.findings)
    state = invitation_state if invitation_state in INVITATION_STATES else "none"
    fields += [(1, proxy_used), (1, lgwan), (4, INVITATION_STATES.index(state)), (2, 0)]
    return _format(_pack(fields))


def with_invitation_state(code: str, invitation_state: str) -> str:
    """The same code with another invitation state (the GUI knows it, the runner does not)."""
    decode(code)  # refuses a mistyped code
    state = INVITATION_STATES.index(
        invitation_state if invitation_state in INVITATION_STATES else "none")
    return _format((_value(code) & ~(0xF << 2)) | state << 2)


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


def decode(code: str) -> Decoded:
    value = _value(code)
    version = value >> 56
    if version != VERSION:
        raise SupportCodeError(_("version {version} codes are not known to this app").format(
            version=version), "version")
    kinds: dict[str, tuple[str, int]] = {}
    shift = 56
    for kind in KINDS:
        shift -= 8
        status, count = (value >> (shift + 4)) & 15, (value >> shift) & 15
        # a status index this version does not know (from a newer app) reads as "unknown"
        kinds[kind] = (STATUSES[status] if status < len(STATUSES) else Status.UNKNOWN, count)
    proxy_used, lgwan = bool(value >> 7 & 1), bool(value >> 6 & 1)
    state = value >> 2 & 15
    if state >= len(INVITATION_STATES):
        raise SupportCodeError(_("not a support code of this app"), "not_a_code")
    return Decoded(version, kinds, proxy_used, lgwan, INVITATION_STATES[state])

