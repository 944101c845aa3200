"""Catalogs complete in Japanese; every text shown goes through the translation layer.

(The layers are checked by import-linter: tests/unit/test_layers.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sr]|%s")


def catalog(lang: str):
    with open(ROOT / "i18n" / lang / "LC_MESSAGES" / "kyoso.po", "rb") as fh:
        return read_po(fh, locale=lang)


def test_japanese_catalog_is_complete_and_placeholders_match():
    problems = []
    for message in catalog("ja"):
        if not message.id:
            continue
        if not message.string or message.fuzzy:
            problems.append(("untranslated", message.id))
        elif sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(
                message.string)):
            problems.append(("placeholders", message.id))
    assert problems == []


def test_catalogs_cover_the_template():
    with open(ROOT / "i18n" / "kyoso.pot", "rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    assert template == {m.id for m in catalog("ja") if m.id}
    assert template == {m.id for m in catalog("en") if m.id}


def test_template_is_up_to_date(tmp_path):
    """Every _() / N_() in the code is in the template (run scripts/i18n.py if this fails)."""
    from babel.messages.frontend import CommandLineInterface

    out = tmp_path / "fresh.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(ROOT / "i18n" / "babel.cfg"), "-o", str(out),
        "--no-default-keywords", "-k", "N_", "-k", "_", "-k", "ngettext:1,2", str(ROOT)])
    with open(out, "rb") as fh:
        fresh = {m.id for m in read_po(fh) if m.id}
    with open(ROOT / "i18n" / "kyoso.pot", "rb") as fh:
        assert fresh == {m.id for m in read_po(fh) if m.id}


TEXT_SETTERS = {"setText", "setWindowTitle", "setToolTip", "setPlaceholderText",
                "setAccessibleName", "setAccessibleDescription", "addItem", "showMessage",
                "setHorizontalHeaderLabels", "addMenu", "setTitle", "warning", "about",
                "critical", "question", "information"}
TEXT_WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QAction", "QGroupBox",
                "QMessageBox"}
LOGGERS = {"log", "logger", "logging"}
ALLOWED_LITERALS = {"日本語", "English", "PDF (*.pdf)", "123456", "山田", "太郎", "ヤマダ",
                    "タロウ", "XXXXXXX-XXXXXXX"}


def _literal_texts(node):
    """String constants with letters in an argument (in lists, f-strings, conditionals);
    not inside _() / N_(), comparisons or subscripts (those are codes, not text)."""
    import ast

    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "N_"):
        return
    if isinstance(node, ast.Compare | ast.Subscript):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        visible = re.sub(r"<[^>]*>|&\w+;", "", node.value)  # markup is not text
        if re.search(r"[^\W\d_]{2,}", visible):
            yield node
    for child in ast.iter_child_nodes(node):
        yield from _literal_texts(child)


def test_no_user_visible_literal_bypasses_translation():
    """Text given to Qt widgets or printed by the CLI goes through _()."""
    import ast

    offenders = []
    files = [*(ROOT / "kyoso_desktop" / "ui").rglob("*.py"),
             *(ROOT / "kyoso_desktop" / "cli").rglob("*.py")]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
            if name not in TEXT_SETTERS | TEXT_WIDGETS | {"print"}:
                continue
            if getattr(getattr(call.func, "value", None), "id", "") in LOGGERS:
                continue  # log.warning(...): the log file is for developers, not a surface
            arguments = call.args[:1] if name == "addItem" else call.args  # (text, data)
            for arg in arguments:
                if isinstance(arg, ast.Call) and getattr(arg.func, "id", "") in ("_", "N_"):
                    continue
                if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and \
                        isinstance(arg.func.value, ast.Call) and \
                        getattr(arg.func.value.func, "id", "") == "_":
                    continue  # _("…{x}").format(x=…)
                for literal in _literal_texts(arg):
                    if literal.value not in ALLOWED_LITERALS:
                        offenders.append(f"{path.name}:{literal.lineno}: {literal.value!r}")
    assert offenders == []


def test_the_literal_scanner_finds_untranslated_text():
    import ast

    call = ast.parse('w.setText("Hello there" if ok else _("Fine"))').body[0].value
    assert [c.value for c in _literal_texts(call.args[0])] == ["Hello there"]
    call = ast.parse('w.setText(_("Fine {x}").format(x=1))').body[0].value
    assert list(_literal_texts(call.args[0])) == []
