"""One translation layer for core, CLI and UI: gettext catalogs managed with Babel.

Message ids are English; the Japanese catalog translates every one (a test enforces it).
Use `_()` for text in the current language, `translator(lang)` for a given language, and `N_()`
to mark text that is translated later.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Callable
from functools import cache

from kyoso_desktop.core.common.paths import catalog_source_dir, locale_dir

DOMAIN = "kyoso"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

_current = DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of a language: the compiled .mo, else the .po compiled in memory."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    mo_path = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo_path.is_file():
        with open(mo_path, "rb") as fh:
            return gettext.GNUTranslations(fh)
    return _translations_from_po(lang)


def _translations_from_po(lang: str) -> gettext.NullTranslations:
    """Fallback for a source checkout whose catalogs were not compiled yet."""
    source = catalog_source_dir()
    po_path = source / lang / "LC_MESSAGES" / f"{DOMAIN}.po" if source else None
    if po_path is None or not po_path.is_file():
        return gettext.NullTranslations()
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_path, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(lang: str) -> Callable[[str], str]:
    """The gettext function of a language."""
    return translations(lang).gettext


def set_language(lang: str) -> None:
    """Switch the current language (ja or en)."""
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def get_language() -> str:
    """The current language."""
    return _current


def _(message: str) -> str:
    """Translate into the current language."""
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation into the current language."""
    return translations(_current).ngettext(singular, plural, n)


def detect_language(environ: dict[str, str] | None = None) -> str:
    """The OS language if it is English, else Japanese (the app's first language)."""
    env = os.environ if environ is None else environ
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            return _language_of(value)
    if sys.platform == "win32":
        try:
            import ctypes

            lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()
            return "en" if lang_id & 0x3FF == 0x09 else "ja"
        except (AttributeError, OSError):
            pass
    import locale

    current = locale.getlocale()[0] or ""
    return _language_of(current) if current else DEFAULT_LANGUAGE


def _language_of(value: str) -> str:
    value = value.split(":")[0].lower()
    return "en" if value.startswith("en") else DEFAULT_LANGUAGE


def requested_language(argv: list[str] | tuple[str, ...]) -> str | None:
    """The value of --lang on a command line, if any."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def translate_argparse() -> None:
    """Route argparse's own texts (usage:, error:, …) through our catalogs."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
