"""Turn whatever a user pasted into a candidate address, and say what was changed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_INPUT_LENGTH = 1000  # an address has at most 254 characters; longer input is not one
EDGE_INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff"
DOT_LIKE = str.maketrans({"。": ".", "｡": ".", "．": "."})
DASH_LIKE = str.maketrans({c: "-" for c in "ーｰ‐‑‒–—―−－"})
MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Normalized:
    """The candidate address, the changes made on the way, or the problem that stopped it."""

    address: str
    local: str
    domain: str
    changes: tuple[str, ...]
    problem: str | None = None
    detail: str = ""


def _problem(code: str, text: str, changes: list[str], detail: str = "") -> Normalized:
    return Normalized(text, "", "", tuple(changes), code, detail)


def _bad_characters(text: str) -> list[str]:
    """Control, format (bidi, zero-width), surrogate and unassigned characters."""
    if text.isascii():
        return [f"U+{ord(c):04X}" for c in dict.fromkeys(ASCII_CONTROL.findall(text))]
    bad = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            code = f"U+{ord(ch):04X}"
            if code not in bad:
                bad.append(code)
    return bad


def normalize(raw: str) -> Normalized:
    """Trim, NFKC, strip mailto: and a display name, drop a trailing dot, lower-case the domain."""
    changes: list[str] = []
    if len(raw) > MAX_INPUT_LENGTH:
        return _problem("too_long", raw[:80], changes, str(len(raw)))
    text = raw.strip().strip(EDGE_INVISIBLES).strip()
    if text != raw:
        changes.append("trimmed")
    if not text:
        return _problem("empty", text, changes)
    bad = _bad_characters(text)
    if bad:
        return _problem("control_characters", text, changes, ", ".join(bad[:5]))
    if not text.isascii():
        folded = unicodedata.normalize("NFKC", text)
        if folded != text:
            changes.append("width_normalized")
        dotted = folded.translate(DOT_LIKE)
        if dotted != folded:
            changes.append("dots_replaced")
        text = dotted
    if MAILTO.match(text):
        text = MAILTO.sub("", text).split("?", 1)[0].strip()
        changes.append("mailto_removed")
    if "<" in text and text.endswith(">"):
        text = text[text.rfind("<") + 1 : -1].strip()
        changes.append("display_name_removed")
        if MAILTO.match(text):
            text = MAILTO.sub("", text).strip()
            changes.append("mailto_removed")
    if not text.isascii():
        dashed = text.translate(DASH_LIKE)
        if dashed != text:
            changes.append("dashes_replaced")
        text = dashed
    if not text:
        return _problem("empty", text, changes)
    if WHITESPACE.search(text):
        return _problem("contains_space", text, changes)
    at_count = text.count("@")
    if at_count == 0:
        return _problem("no_at_sign", text, changes)
    if at_count > 1:
        return _problem("multiple_at_signs", text, changes, str(at_count))
    local, domain = text.split("@")
    if domain.endswith(".") and not domain.endswith(".."):
        domain = domain[:-1]
        changes.append("trailing_dot_removed")
    lowered = domain.lower()
    if lowered != domain:
        changes.append("domain_lowercased")
    return Normalized(f"{local}@{lowered}", local, lowered, tuple(changes))


def canonical_key(address: str) -> str:
    """Key for "same address" (one account per address): case-insensitive, nothing stripped."""
    local, _, domain = address.rpartition("@")
    return f"{local.casefold()}@{domain.lower()}"
