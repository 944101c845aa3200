"""What the installers are built from: the per-user uninstaller's file list, the MSI's policy
components, and the NSIS script's promises (the Wine smoke test runs them for real)."""

from __future__ import annotations

import importlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kyoso_desktop.core.common.setting_schema import MANAGED_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
# installer/build.py (by name: a folder "build" may exist at the root, which tools then take
# for a package of this project)
build = importlib.import_module("build")


def test_the_uninstaller_removes_only_listed_files_then_empty_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "BUILD", tmp_path / "build")
    (tmp_path / "build").mkdir()
    bundle = tmp_path / "KyosoDesktop"
    (bundle / "_internal" / "PySide6" / "plugins").mkdir(parents=True)
    (bundle / "kyoso.exe").write_bytes(b"MZ")
    (bundle / "_internal" / "PySide6" / "plugins" / "qwindows.dll").write_bytes(b"MZ")
    lines = build.uninstall_list(bundle).read_text(encoding="utf-8").splitlines()
    assert 'Delete "$INSTDIR\\kyoso.exe"' in lines
    assert 'Delete "$INSTDIR\\_internal\\PySide6\\plugins\\qwindows.dll"' in lines
    folders = [line for line in lines if line.startswith("RMDir")]
    assert folders == ['RMDir "$INSTDIR\\_internal\\PySide6\\plugins"',
                       'RMDir "$INSTDIR\\_internal\\PySide6"', 'RMDir "$INSTDIR\\_internal"']
    assert not any("/r" in line for line in lines)


def test_the_nsis_script_never_deletes_recursively_and_refuses_an_occupied_folder():
    script = (ROOT / "installer" / "kyoso.nsi").read_text(encoding="utf-8")
    assert "RMDir /r" not in script
    assert "${DirState}" in script and "SetErrorLevel 2" in script
    assert '!uninstfinalize' in script  # the uninstaller is signed too
    assert "LegalCopyright" in script and "Japanese.nlf" in script


def test_each_managed_setting_has_an_msi_property_component():
    fragment = ET.fromstring(build.policy_wxs())
    ns = "{http://schemas.microsoft.com/wix/2006/wi}"
    values = {v.get("Name"): v for v in fragment.iter(f"{ns}RegistryValue")}
    assert set(values) == {s.key for s in MANAGED_SETTINGS}
    for spec in MANAGED_SETTINGS:
        value = values[spec.key]
        assert value.get("Root") == "HKLM"
        assert value.get("Key") == r"SOFTWARE\Policies\KyosoDesktop"
        assert value.get("Value") == f"[{spec.msi_property}]"
        assert value.get("Type") == ("integer" if spec.kind in ("bool", "int") else "string")
    assert build.MSI_TEXTS[("Shortcut", "Name", "Shortcut", "StartMenuJa")].endswith(
        "共創PF 参加アシスタント")
    for text in build.MSI_TEXTS.values():
        text.encode("cp932")  # the MSI's codepage
