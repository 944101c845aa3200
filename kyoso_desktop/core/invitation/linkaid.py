"""Help to carry a join link to another PC by typing it: short chunks, look-alike characters
marked, a typed-back copy checked chunk by chunk, and a QR code for a phone."""

from __future__ import annotations

from dataclasses import dataclass

from kyoso_desktop.core.common.i18n import N_, translator

CHUNK = 4
AMBIGUOUS = frozenset("0Oo1lI|5S2Z8B")


@dataclass(frozen=True)
class Chunk:
    text: str
    ambiguous: tuple[int, ...]  # positions of look-alike characters inside the chunk


def chunks(url: str, size: int = CHUNK) -> list[Chunk]:
    """The URL in groups of `size` characters, with the look-alike characters' positions."""
    return [Chunk(url[i:i + size], tuple(j for j, c in enumerate(url[i:i + size])
                                         if c in AMBIGUOUS))
            for i in range(0, len(url), size)]


SPOKEN_NAMES = {"0": N_("zero (digit)"), "O": N_("capital O"), "o": N_("small o"),
                "1": N_("one (digit)"), "l": N_("small L"), "I": N_("capital I"),
                "|": N_("vertical bar"), "5": N_("five (digit)"), "S": N_("capital S"),
                "2": N_("two (digit)"), "Z": N_("capital Z"), "8": N_("eight (digit)"),
                "B": N_("capital B")}


def describe(char: str, lang: str = "en") -> str:
    """A spoken name for a look-alike character, for the helpdesk on the phone."""
    return translator(lang)(SPOKEN_NAMES[char]) if char in SPOKEN_NAMES else char


def check_typed(url: str, typed: str, size: int = CHUNK) -> list[bool | None]:
    """Per chunk: True typed right, False typed wrong, None not typed yet."""
    typed = "".join(typed.split())  # spaces between chunks are allowed
    result: list[bool | None] = []
    for index, chunk in enumerate(chunks(url, size)):
        part = typed[index * size:(index + 1) * size]
        if not part:
            result.append(None)
        elif len(part) < len(chunk.text):
            result.append(None if chunk.text.startswith(part) else False)
        else:
            result.append(part == chunk.text)
    return result


def text_chunks(url: str, size: int = CHUNK, lang: str = "en") -> str:
    """Chunks for printing, e.g. "http s:// join .sla ck.c om/t …", look-alikes listed below."""
    groups = chunks(url, size)
    lines = [" ".join(c.text for c in groups)]
    marks = sorted({c.text[p] for c in groups for p in c.ambiguous})
    if marks:
        lines.append(", ".join(f"{m} = {describe(m, lang)}" for m in marks))
    return "\n".join(lines)


def qr_png(url: str, scale: int = 6) -> bytes:
    """A QR code of the URL as PNG bytes (segno, pure Python)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=3)
    return buffer.getvalue()


def qr_text(url: str) -> str:
    """The QR code drawn with characters, for a terminal."""
    import io

    import segno

    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True)
    return buffer.getvalue()
