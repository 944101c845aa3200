"""The manual made from the app: a PDF per language with a page per screen and dialog, the
screen's title and guide-number legend on it, the pictures embedded, contents and bookmarks
that point at the right pages, page numbers; the HTML with the same sections. Made by the real
command (`kyoso manual`), which renders the real screens in a Qt helper process."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from kyoso_desktop.core.helpdesk.manual import manual_data, screen_title, screens, sections

pytestmark = pytest.mark.timeout(300)
LEGEND = {"ja": "案内番号", "en": "Guide numbers"}


def kyoso(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kyoso_desktop", *args], capture_output=True,
                          timeout=240, env=env)


def page_text(pdf, page: int) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module", params=["ja", "en"])
def manual_pdf(request, tmp_path_factory):
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed"
    target = tmp_path_factory.mktemp("manual") / f"manual-{request.param}.pdf"
    run = kyoso("--lang", request.param, "manual", "--out", str(target))
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    return request.param, target


def test_every_screen_has_its_page_with_its_title_and_legend(manual_pdf):
    from pypdf import PdfReader

    lang, pdf = manual_pdf
    reader = PdfReader(pdf)
    outline = {item.title: reader.get_destination_page_number(item) + 1
               for item in reader.outline}
    wanted = [s.title for s in sections(lang)]
    assert list(outline) == wanted  # bookmarks: every section, in order
    contents = page_text(pdf, 2)
    for screen in screens():
        title = screen_title(screen, lang)
        page = outline[title]
        text = page_text(pdf, page)
        assert title.split(" › ")[-1] in text, (screen, page)
        assert LEGEND[lang] in text or LEGEND[lang] in page_text(pdf, page + 1), screen
        # the contents names the same page
        line = next(line for line in contents.splitlines() if title.split(" › ")[-1] in line)
        assert line.split()[-1] == str(page), line
    # the page number at the foot of a page
    assert page_text(pdf, 5).split()[-1] == "5"


def test_the_pictures_and_the_japanese_font_are_embedded(manual_pdf):
    lang, pdf = manual_pdf
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                            timeout=60, check=True).stdout.decode().splitlines()[2:]
    assert len(images) >= len(screens())
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, timeout=60,
                           check=True).stdout.decode().splitlines()[2:]
    assert fonts and all(" yes " in f for f in fonts)  # every font embedded
    if lang == "ja":
        assert "参加アシスタント" in page_text(pdf, 1)  # Japanese text, selectable
        assert any("CJK" in f or "Gothic" in f or "Noto" in f for f in fonts)

def test_the_helpdesk_chapter_reads_the_sample_code_out(manual_pdf):
    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.helpdesk.decode import explain
    from kyoso_desktop.core.helpdesk.manual import sample_code
    from kyoso_desktop.core.helpdesk.scripts import script_for

    lang, pdf = manual_pdf
    whole = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, timeout=60,
                           check=True).stdout.decode("utf-8")
    flat = "".join(whole.split())
    code = sample_code()
    script = script_for(explain(code), lang, default_policy().secretariat_email)
    assert code in flat and "".join(script.lines[0].split())[:20] in flat


def test_the_html_has_the_same_sections_and_its_pictures_inside(tmp_path):
    target = tmp_path / "manual.html"
    run = kyoso("--lang", "en", "manual", "--out", str(target))
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    html = target.read_text(encoding="utf-8")
    for section in sections("en"):
        assert f"name='{section.anchor}'" in html and f"href='#{section.anchor}'" in html
    assert len(re.findall(r'src="data:image/png;base64,', html)) == len(screens())
    assert html.count(f"<h3>{manual_data()['text']['numbers']['en']}</h3>") == len(screens())
    assert "kyoso helpdesk" in html  # the helpdesk chapter


def test_a_folder_that_does_not_exist_is_refused_in_words(tmp_path):
    run = kyoso("--lang", "ja", "manual", "--out", str(tmp_path / "nowhere" / "m.pdf"))
    assert run.returncode == 2 and "フォルダー" in run.stderr.decode()
    assert "Traceback" not in run.stderr.decode()


def _helpers_of_this_test() -> list[str]:
    """This process's children that render the manual (Linux: read from /proc)."""
    import os
    from pathlib import Path

    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and "kyoso_desktop.ui.manual" in command:
            found.append(command)
    return found


def test_cancelling_stops_the_helper_and_writes_nothing(tmp_path):
    """Help → Manual's Cancel: the helper process is stopped, no file is left half-written."""
    from kyoso_desktop.core.helpdesk.manual import ManualError, make_manual

    asked = []

    def cancelled() -> bool:  # the helper is running when the user cancels
        asked.append(_helpers_of_this_test())
        return len(asked) > 3

    target = tmp_path / "manual.pdf"
    with pytest.raises(ManualError) as raised:
        make_manual("ja", "pdf", target, cancelled=cancelled)
    assert raised.value.code == "cancelled" and "中止" in str(raised.value)
    assert asked[0], "the helper was not running when cancelled"
    assert _helpers_of_this_test() == [] and list(tmp_path.iterdir()) == []
