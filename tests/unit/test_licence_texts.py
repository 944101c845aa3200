"""Every binary a Windows bundle ships is covered by a licence text that ships with it."""

from __future__ import annotations

from pathlib import Path

from kyoso_desktop.core.helpdesk.licences import (
    BINARY_LICENCES,
    binary_licence_texts,
    licence_texts,
    unlicensed_binaries,
)

# The PE files of the Windows bundle as built on 2026-12-02 (installer/build.py windows).
WINDOWS_BINARIES = """
_internal/PySide6/MSVCP140.dll _internal/PySide6/MSVCP140_1.dll _internal/PySide6/MSVCP140_2.dll
_internal/PySide6/Qt6Core.dll _internal/PySide6/Qt6Gui.dll _internal/PySide6/Qt6PrintSupport.dll
_internal/PySide6/Qt6Widgets.dll _internal/PySide6/QtCore.pyd _internal/PySide6/QtGui.pyd
_internal/PySide6/QtPrintSupport.pyd _internal/PySide6/QtWidgets.pyd
_internal/PySide6/VCRUNTIME140.dll _internal/PySide6/VCRUNTIME140_1.dll
_internal/PySide6/plugins/platforms/qoffscreen.dll _internal/PySide6/plugins/platforms/qwindows.dll
_internal/PySide6/plugins/styles/qmodernwindowsstyle.dll _internal/PySide6/pyside6.abi3.dll
_internal/VCRUNTIME140.dll _internal/VCRUNTIME140_1.dll _internal/_asyncio.pyd _internal/_bz2.pyd
_internal/_ctypes.pyd _internal/_decimal.pyd _internal/_hashlib.pyd _internal/_lzma.pyd
_internal/_overlapped.pyd _internal/_queue.pyd _internal/_socket.pyd _internal/_sqlite3.pyd
_internal/_ssl.pyd _internal/_uuid.pyd _internal/_zoneinfo.pyd
_internal/charset_normalizer/cd.cp311-win_amd64.pyd
_internal/charset_normalizer/md.cp311-win_amd64.pyd _internal/dukpy/_dukpy.cp311-win_amd64.pyd
_internal/libcrypto-3.dll _internal/libffi-8.dll _internal/libssl-3.dll _internal/pyexpat.pyd
_internal/python3.dll _internal/python311.dll _internal/select.pyd
_internal/shiboken6/MSVCP140.dll _internal/shiboken6/Shiboken.pyd
_internal/shiboken6/VCRUNTIME140.dll _internal/shiboken6/VCRUNTIME140_1.dll
_internal/shiboken6/shiboken6.abi3.dll _internal/sqlite3.dll _internal/unicodedata.pyd
kyoso-desktop.exe kyoso.exe
""".split()  # noqa: SIM905 (the listing as it was printed)


def test_every_binary_has_its_licence_text():
    shipped = {p.name for p in licence_texts()}
    for binary in WINDOWS_BINARIES:
        texts = binary_licence_texts(binary, {"charset_normalizer", "dukpy"})
        assert texts is not None, f"no licence text covers {binary}"
        assert set(texts) <= shipped, binary
    assert {"LGPL-3.0.txt", "GPL-3.0.txt", "Python-LICENSE.txt"} <= shipped
    assert all(set(texts) <= shipped for _pattern, texts in BINARY_LICENCES)


def test_a_bundle_with_an_uncovered_binary_fails(tmp_path):
    bundle = tmp_path / "KyosoDesktop"
    texts = bundle / "_internal" / "kyoso_desktop" / "resources" / "licences"
    texts.mkdir(parents=True)
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        (texts / name).write_text("…", encoding="utf-8")
    (bundle / "_internal" / "PySide6").mkdir()
    (bundle / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"MZ")
    (bundle / "_internal" / "mystery").mkdir()
    (bundle / "_internal" / "mystery" / "fast.pyd").write_bytes(b"MZ")
    (bundle / "_internal" / "libnew-1.dll").write_bytes(b"MZ")
    assert unlicensed_binaries(bundle) == ["_internal/libnew-1.dll", "_internal/mystery/fast.pyd"]
    info = bundle / "_internal" / "mystery-1.0.dist-info" / "licenses"
    info.mkdir(parents=True)
    (info / "LICENSE").write_text("MIT", encoding="utf-8")
    (info.parent / "top_level.txt").write_text("mystery\n", encoding="utf-8")
    assert unlicensed_binaries(bundle) == ["_internal/libnew-1.dll"]
    (texts / "LGPL-3.0.txt").unlink()  # a text the rules name but the bundle lacks
    assert "_internal/PySide6/Qt6Core.dll" in unlicensed_binaries(bundle)


def test_the_licence_folder_has_a_source_note():
    note = Path(licence_texts()[0]).parent / "README.md"
    assert "LGPL-3.0" in note.read_text(encoding="utf-8")
