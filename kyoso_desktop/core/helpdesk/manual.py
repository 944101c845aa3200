"""The manual (操作マニュアル) as HTML: cover, contents, a section per screen and dialog with its
screenshot, what to do, what each numbered control is, and the screen's common problems; then
the helpdesk chapter and the guide's articles.

The words come from resources/helpdesk/manual.toml, the guide, the helpdesk scripts and the
connection findings; the screenshots and the controls' lines from the app itself, rendered by
kyoso_desktop.ui.manual (this module never loads Qt). The same HTML feeds the PDF.
"""

from __future__ import annotations

import base64
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from kyoso_desktop import __version__
from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.common.paths import resource
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.helpdesk.decode import explain, place_text
from kyoso_desktop.core.helpdesk.guide import articles
from kyoso_desktop.core.helpdesk.scripts import script_data, script_for
from kyoso_desktop.core.netdiag.findings import knowledge_base, text
from kyoso_desktop.core.netdiag.supportcode import EMAIL_CATEGORIES

# the categories whose scripts are the email step's common problems (the rejected ones)
EMAIL_PROBLEMS = ("syntax", "lookalike", "free_mail", "not_government", "other_organization",
                  "prefecture_type", "fake_suffix", "bare_suffix", "lg_layout", "geo_layout",
                  "known_municipal")
assert set(EMAIL_PROBLEMS) <= set(EMAIL_CATEGORIES)
PAGE_BREAK = "page-break-before: always"
MANUAL_TIMEOUT_S = 600
FORMATS = ("pdf", "html")
SLACK_HOSTS = "slack.com, app.slack.com, wss-primary.slack.com"  # in a remedy's {hosts}


@cache
def manual_data() -> dict[str, Any]:
    with open(resource("helpdesk", "manual.toml"), "rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Control:
    """A numbered control as the app showed it: its number, name and what it does."""

    number: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Shot:
    """One screen or dialog as rendered: its id, the PNG file and its numbered controls."""

    screen: str
    image: Path
    width: int
    controls: tuple[Control, ...]


@dataclass(frozen=True)
class Section:
    """A heading of the contents (and of the PDF's bookmarks)."""

    anchor: str
    title: str


def screen_title(screen: str, lang: str) -> str:
    """The screen's name as the app says it (dialogs: their window titles)."""
    entry: dict[str, Any] = next((s for s in manual_data()["screen"] if s["id"] == screen), {})
    if "title" in entry:
        return str(entry["title"][lang])
    return place_text(screen, lang)


def screens() -> list[str]:
    """Every screen and dialog the manual shows, in its order."""
    return [s["id"] for s in manual_data()["screen"]]


def sections(lang: str) -> list[Section]:
    data = manual_data()
    return [Section("intro", data["intro"]["title"][lang]),
            *(Section(s, screen_title(s, lang)) for s in screens()),
            Section("helpdesk", data["helpdesk"]["title"][lang]),
            Section("guide", data["guide"]["title"][lang])]


def sample_code() -> str:
    """The support code the helpdesk chapter explains: at step 4 with a free-mail address, an
    earlier application waiting 5 business days (overdue), no connection check."""
    from kyoso_desktop.core.netdiag.supportcode import Situation, encode

    return encode(None, Situation("step_email", "rejected", "free_mail", "overdue", 5))


def _image(shot: Shot, embed: bool, width: int) -> str:
    if embed:
        data = base64.b64encode(shot.image.read_bytes()).decode("ascii")
        source = f"data:image/png;base64,{data}"
    else:  # the PDF's document gets the image as a resource of this name
        source = f"shot-{shot.screen}"
    return f'<p align="center"><img src="{escape(source)}" width="{width}"></p>'


def _legend(shot: Shot, lang: str) -> str:
    words = manual_data()["text"]
    if not shot.controls:
        return f"<p>{escape(words['no_numbers'][lang])}</p>"
    rows = "".join(
        f"<tr><td align='center' width='12%'><b>{escape(c.number)}</b></td>"
        f"<td>{escape(c.label)}"
        + (f"<br><small>{escape(c.description)}</small>" if c.description else "")
        + "</td></tr>" for c in shot.controls)
    return f"<table class='legend' border='1' cellspacing='0' cellpadding='3' width='100%'>{rows}" \
           "</table>"


def _problems(entry: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(problem, remedy) pairs: the guide's articles, then the email or connection ones."""
    found = []
    by_id = {a.id: a for a in articles(lang)}
    for article_id in entry.get("articles", []):
        article = by_id[article_id]
        found.append((article.title, article.body))
    scripts = script_data()["email"]
    for part in entry.get("problems", []):
        if part == "email":
            found += [_title_and_rest(scripts[c][lang][0]) for c in EMAIL_PROBLEMS]
        elif part == "connection":
            found += [(text(code, "title", lang), text(code, "remedy", lang, hosts=SLACK_HOSTS))
                      for code, entry in knowledge_base().items()
                      if isinstance(entry, dict) and "remedy" in entry]
    return found


def _title_and_rest(line: str) -> tuple[str, str]:
    """A script line as a problem: its first sentence, then the rest (what to do)."""
    import re

    for match in re.finditer(r"。|(?<!e\.g)(?<!i\.e)\. ", line):
        head, rest = line[:match.start()], line[match.end():].strip()
        if rest:
            return head + ("。" if match.group() == "。" else "."), rest
    return line, ""


def _paragraphs(body: str) -> str:
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in body.split("\n\n"))


def _screen(shot: Shot, lang: str, embed: bool) -> str:
    data = manual_data()
    words = data["text"]
    entry = next(s for s in data["screen"] if s["id"] == shot.screen)
    parts = [f"<h1 style='{PAGE_BREAK}'><a name='{shot.screen}'></a>"
             f"{escape(screen_title(shot.screen, lang))}</h1>",
             f"<h3>{escape(words['what'][lang])}</h3><p>{escape(entry['what'][lang])}</p>",
             f"<p><small>{escape(words['sample'][lang])}</small></p>",
             _image(shot, embed, min(shot.width, 600)),
             f"<h3>{escape(words['numbers'][lang])}</h3>", _legend(shot, lang)]
    problems = _problems(entry, lang)
    if problems:
        parts.append(f"<h3>{escape(words['problems'][lang])}</h3>")
        parts += [f"<p><b>{escape(title)}</b></p>{_paragraphs(body)}" for title, body in problems]
    return "".join(parts)


def _helpdesk(lang: str) -> str:
    data = manual_data()["helpdesk"]
    policy = default_policy()
    code = sample_code()
    values = {"example": code, "secretariat": policy.secretariat_email}
    explanation = explain(code)
    script = script_for(explanation, lang, policy.secretariat_email,
                        policy.invitation_delay_business_days)
    def code_marked(line: str) -> str:  # in a monospace font: copied text keeps its digits
        return escape(line).replace(code, f"<code>{code}</code>")

    facts = "<br>".join(code_marked(line) for line in explanation.situation_lines(lang))
    say = "".join(f"<li>{escape(line)}</li>" for line in script.lines)
    body = "".join(f"<p>{code_marked(p.format(**values))}</p>" for p in data["body"][lang])
    return (f"<h1 style='{PAGE_BREAK}'><a name='helpdesk'></a>{escape(data['title'][lang])}</h1>"
            f"{body}<h3>{escape(data['example_title'][lang])}</h3><p>{facts}</p><ol>{say}</ol>")


def _guide(lang: str) -> str:
    title = manual_data()["guide"]["title"][lang]
    parts = [f"<h1 style='{PAGE_BREAK}'><a name='guide'></a>{escape(title)}</h1>"]
    for article in articles(lang):
        parts.append(f"<h2>{escape(article.title)}</h2>{_paragraphs(article.body)}")
    return "".join(parts)


def manual_html(lang: str, shots: list[Shot], *, embed: bool = True,
                pages: dict[str, int] | None = None, today: date | None = None,
                stylesheet: Callable[[], str] | None = None) -> str:
    """The whole manual. `embed`: images inside (the HTML file) or named resources (the PDF's
    document); `pages`: the page of each section, for the contents (the PDF)."""
    data = manual_data()
    words = data["text"]
    made = words["made"][lang].format(version=__version__, rules=default_policy().version,
                                      date=(today or date.today()).isoformat())
    toc = "".join(
        f"<tr><td><a href='#{s.anchor}'>{escape(s.title)}</a></td>"
        f"<td align='right'>{pages.get(s.anchor, '') if pages is not None else ''}</td></tr>"
        for s in sections(lang))
    intro = "".join(f"<p>{escape(p)}</p>" for p in data["intro"]["body"][lang])
    by_screen = {s.screen: s for s in shots}
    style = stylesheet() if stylesheet else (
        "body { font-family: sans-serif; max-width: 50em; margin: auto; } "
        "table.legend td { vertical-align: top; } img { border: 1px solid #888; }")
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{escape(words['title'][lang])}</title><style>{style}</style></head><body>"
            f"<h1 align='center'><br><br>{escape(words['title'][lang])}</h1>"
            f"<p align='center'>{escape(words['subtitle'][lang])}</p>"
            f"<p align='center'>{escape(made)}</p>"
            f"<h2 style='{PAGE_BREAK}'>{escape(words['contents'][lang])}</h2>"
            f"<table width='100%' cellpadding='2'>{toc}</table>"
            f"<h1 style='{PAGE_BREAK}'><a name='intro'></a>"
            f"{escape(data['intro']['title'][lang])}</h1>{intro}"
            + "".join(_screen(by_screen[s], lang, embed) for s in screens() if s in by_screen)
            + _helpdesk(lang) + _guide(lang) + "</body></html>")


# -- where the manual is, and making it ------------------------------------------------------------
class ManualError(KyosoError):
    """The manual could not be made (no Qt, rendering failed, too slow); message in the user's
    language."""


def bundled_manual(lang: str) -> Path | None:
    """The manual the installer carries (built with the installer), if any."""
    path = resource("manual", f"manual-{lang}.pdf")
    return path if path.is_file() else None


def made_manual(lang: str) -> Path:
    """Where a manual made on this PC is kept (the user's data folder; per version)."""
    from kyoso_desktop.core.common.store import data_dir

    return data_dir() / "manual" / f"manual-{__version__}-{lang}.pdf"


def make_manual(lang: str, fmt: str, target: Path, timeout: float = MANUAL_TIMEOUT_S,
                cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Render the screens in a Qt helper process and write the manual to `target` (written
    whole or not at all). `cancelled` is asked a few times a second; when it says yes the
    helper is stopped. Raises ManualError (code "cancelled" when stopped so)."""
    import subprocess
    import tempfile
    import time

    from kyoso_desktop.core.common.isolation import qt_helper_command

    command = qt_helper_command("--manual", "kyoso_desktop.ui.manual")
    if command is None:
        raise ManualError(_("The manual needs Qt for Python (PySide6), which is not installed "
                            "here."), "no_qt")
    with tempfile.TemporaryDirectory(prefix="kyoso-manual-") as folder:
        part = Path(folder) / f"manual.{fmt}"
        errors = Path(folder) / "errors.txt"  # a file, not a pipe: a full pipe would stall it
        with errors.open("wb") as sink:
            helper = subprocess.Popen([*command, "--lang", lang, "--format", fmt, str(part)],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=sink)
            deadline = time.monotonic() + timeout
            try:
                while helper.poll() is None:
                    if cancelled():
                        raise ManualError(_("Making the manual was cancelled."), "cancelled")
                    if time.monotonic() > deadline:
                        raise ManualError(_("The manual could not be made: {detail}").format(
                            detail=_("it took too long")), "timeout")
                    time.sleep(0.1)
            finally:
                if helper.poll() is None:
                    helper.kill()
                    helper.wait()
        if helper.returncode != 0 or not part.is_file():
            detail = errors.read_bytes().decode("utf-8", "replace").strip()[-300:]
            raise ManualError(_("The manual could not be made: {detail}").format(
                detail=detail or helper.returncode), "failed")
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(target.name + ".part")
        staged.write_bytes(part.read_bytes())
        staged.replace(target)
    return target
