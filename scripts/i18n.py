"""Manage the message catalogs with Babel, in one command.

    python scripts/i18n.py            # extract → update ja/en .po → compile .mo
    python scripts/i18n.py compile    # only compile (what the build does)

Sources: i18n/kyoso.pot and i18n/<lang>/LC_MESSAGES/kyoso.po (edit these);
compiled: kyoso_desktop/locale/<lang>/LC_MESSAGES/kyoso.mo (built, never edited, not in git).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
POT = I18N / "kyoso.pot"
LANGUAGES = ("ja", "en")
KEYWORDS = ["-k", "N_", "-k", "_", "-k", "ngettext:1,2"]


def extract() -> None:
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(I18N / "babel.cfg"), "-o", str(POT),
        "--no-location", "--sort-output", "--project", "Kyoso Desktop", "--no-default-keywords",
        *KEYWORDS, str(ROOT),
    ])


def update() -> None:
    for lang in LANGUAGES:
        po = I18N / lang / "LC_MESSAGES" / "kyoso.po"
        action = "update" if po.exists() else "init"
        args = ["pybabel", "-q", action, "-i", str(POT), "-d", str(I18N), "-D", "kyoso",
                "-l", lang]
        if action == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        CommandLineInterface().run(args)


def compile_catalogs(target: Path | None = None) -> list[Path]:
    """Compile every .po into `target` (default kyoso_desktop/locale); returns the .mo paths."""
    target = target or ROOT / "kyoso_desktop" / "locale"
    written = []
    for lang in LANGUAGES:
        po = I18N / lang / "LC_MESSAGES" / "kyoso.po"
        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=lang)
        mo = target / lang / "LC_MESSAGES" / "kyoso.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with open(mo, "wb") as fh:
            write_mo(fh, catalog)
        written.append(mo)
    return written


if __name__ == "__main__":
    if sys.argv[1:] == ["compile"]:
        compile_catalogs()
    else:
        extract()
        update()
        compile_catalogs()
