"""The bundle's trimming rules (installer/bundle_rules.py) keep what the app needs."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import babel.localedata
import pytest

from kyoso_desktop.core.common.dates import BABEL_LOCALES, format_day

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
import bundle_rules


def test_format_day_uses_these_locales():
    assert format_day(date(2026, 11, 30), "ja") == "2026年11月30日"
    assert format_day(date(2026, 11, 30), "en") == "30 November 2026"


def test_babel_chain_follows_parent_exceptions():
    exceptions = {"en_GB": "en_001", "en_001": "en"}
    assert bundle_rules.babel_chain("en_GB", exceptions) == ["en_GB", "en_001", "en", "root"]
    assert bundle_rules.babel_chain("ja_JP", exceptions) == ["ja_JP", "ja", "root"]


def test_dates_format_with_only_the_kept_locale_data(tmp_path, monkeypatch):
    kept = bundle_rules.babel_locale_files(BABEL_LOCALES.values())
    assert len(kept) < 10  # from about 1,000 files
    source = Path(babel.localedata._dirname)
    for name in kept:
        shutil.copy(source / name, tmp_path / name)
    monkeypatch.setattr(babel.localedata, "_dirname", str(tmp_path))
    monkeypatch.setattr(babel.localedata, "_cache", {})
    for locale in BABEL_LOCALES.values():
        data = babel.localedata.load(locale)
        assert data["date_formats"]["long"]  # merged through every parent file
    assert sorted(babel.localedata._cache) == sorted(n[:-4] for n in kept)


def test_dates_fail_without_the_locale_data(tmp_path, monkeypatch):
    """The check above can fail: with a parent file missing, Babel cannot load the locale."""
    kept = bundle_rules.babel_locale_files(["en_GB"]) - {"en_001.dat"}
    source = Path(babel.localedata._dirname)
    for name in kept:
        shutil.copy(source / name, tmp_path / name)
    monkeypatch.setattr(babel.localedata, "_dirname", str(tmp_path))
    monkeypatch.setattr(babel.localedata, "_cache", {})
    with pytest.raises(FileNotFoundError):
        babel.localedata.load("en_GB")


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/translations/qtbase_ja.qm", True),
    ("PySide6/translations/qtbase_de.qm", False),
    ("PySide6/Qt6Widgets.dll", True),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/Qt6Svg.dll", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qoffscreen.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("babel/locale-data/ja_JP.dat", True),
    ("babel/locale-data/uk.dat", False),
    ("babel/global.dat", True),
    ("kyoso_desktop/resources/policy.toml", True),
    ("httpx-0.28.1.dist-info/METADATA", True),
    ("httpx-0.28.1.dist-info/licenses/LICENSE.md", True),
    ("keyring-25.7.0.dist-info/entry_points.txt", True),
    ("pyside6_essentials-6.9.3.dist-info/RECORD", False),
    ("platformdirs-4.14.8.dist-info/sboms/platformdirs.cdx.json", False),
])
def test_keeper(dest, kept):
    keep = bundle_rules.keeper(bundle_rules.babel_locale_files(BABEL_LOCALES.values()))
    assert keep((dest, "/src", "DATA")) is kept


def test_dependencies_are_shared_by_both_exes_but_qt_and_startup_modules_are_not():
    modes = bundle_rules.shared_module_modes()
    assert {"jpholiday", "httpx", "dns", "babel", "keyring"} <= set(modes)
    assert set(modes.values()) == {"pyc"}
    assert not {"PySide6", "shiboken6", "pytest", "hypothesis"} & set(modes)
    assert not {"kyoso_desktop", "platformdirs"} & set(modes)  # imported before first paint
