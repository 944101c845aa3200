"""What the PyInstaller bundle leaves out, shared by build.spec and the bare benchmark app.

Kept apart from the spec so that tests can check the rules (e.g. that the Babel locale data
kept is what the app formats dates with) and so that the size benchmark trims its bare
"hello" app the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Qt's own translations: only Japanese (English is Qt's source language).
KEEP_QM = ("qtbase_ja.qm",)
# Qt libraries and plugins the app never loads: software OpenGL, QML/Quick, PDF, SQL,
# SVG (no SVG images or icons), embedded/kiosk platforms, Direct2D, and Qt Network (the app's
# network code is Python's; QtNetwork is excluded, so nothing loads Qt6Network).
DROP_BINARIES = (
    "opengl32sw.dll", "d3dcompiler_47.dll", "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Network",
    "Qt6VirtualKeyboard", "Qt6OpenGL.", "Qt6Sql", "Qt6Designer", "Qt6Test", "Qt6Svg",
    "Qt6EglFS", "Qt6EglFsKmsSupport", "qdirect2d", "qminimal", "qeglfs", "qlinuxfb",
    "qvkkhrdisplay", "qvnc",
)
# Plugin folders of unused features. imageformats/iconengines: the app shows PNG only, which
# Qt reads without a plugin.
DROP_PLUGIN_DIRS = (
    "networkinformation", "generic", "tls", "qmltooling", "platforminputcontexts",
    "sqldrivers", "egldeviceintegrations", "wayland-decoration-client",
    "wayland-graphics-integration-client", "wayland-shell-integration", "imageformats",
    "iconengines",
)
# In the shipped *.dist-info folders (read for Help → About and keyring's entry points), the
# installer's bookkeeping is not needed: file lists, SBOMs.
DROP_METADATA = ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")
# (cryptography stays: pyspnego's NTLM needs it for the proxy sign-in.)
# Modules pulled in by optional code paths the app does not use: httpx's command line
# (pygments, rich, click), the debugger and docs, pkg_resources (only babel.messages, used at
# build time), process pools, test tools.
EXCLUDES = [
    "tkinter", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtOpenGL", "PySide6.QtDBus", "PySide6.QtSvg", "pytest",
    "hypothesis", "IPython", "numpy", "OpenSSL", "pygments", "rich", "click",
    "httpx._main", "pdb", "pydoc", "pydoc_data", "doctest", "pkg_resources", "setuptools",
    "babel.messages", "multiprocessing", "lib2to3", "xmlrpc", "trio",
]


# Stay in each exe's archive: Qt for Python (its hooks expect that) and what the window
# imports before its first paint (an import from the archive is quicker than from a file).
QT_DISTRIBUTIONS = frozenset({"pyside6", "pyside6-essentials", "shiboken6"})
STARTUP_PACKAGES = frozenset({"kyoso_desktop", "platformdirs"})


def shared_module_modes() -> dict[str, str]:
    """PyInstaller's module_collection_mode: the dependencies' packages as .pyc files in
    _internal, shared by both exes, instead of a copy in each exe's archive (the GUI and the
    CLI need the same modules; two archives nearly doubled them in the installer)."""
    from importlib.metadata import packages_distributions

    from kyoso_desktop.core.helpdesk.licences import bundled_components

    def canonical(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    wanted = {c.name for c in bundled_components()} - QT_DISTRIBUTIONS
    tops = {top for top, dists in packages_distributions().items()
            if top.isidentifier() and any(canonical(d) in wanted for d in dists)}
    return {top: "pyc" for top in sorted(tops - STARTUP_PACKAGES)}


def babel_chain(locale: str, parent_exceptions: dict[str, str]) -> list[str]:
    """The locale and the parents Babel merges it with, e.g. en_GB → en_001 → en → root."""
    chain = [locale]
    while locale != "root":
        locale = parent_exceptions.get(locale) or (
            locale.rsplit("_", 1)[0] if "_" in locale else "root")
        chain.append(locale)
    return chain


def babel_locale_files(locales: Iterable[str]) -> set[str]:
    """File names in babel/locale-data the given locales need."""
    from babel.core import get_global

    exceptions = get_global("parent_exceptions")
    return {f"{name}.dat" for locale in locales for name in babel_chain(locale, exceptions)}


def keeper(babel_files: set[str]):
    """A predicate on PyInstaller TOC entries: True for what the bundle keeps."""

    def keep(entry: tuple) -> bool:
        dest = entry[0].replace("\\", "/")
        name = dest.rsplit("/", 1)[-1]
        if "/translations/" in dest and dest.endswith(".qm"):
            return name in KEEP_QM
        if dest.startswith("babel/locale-data/"):
            return name in babel_files
        if ".dist-info/" in dest and (name in DROP_METADATA or "/sboms/" in dest):
            return False
        if any(part in name for part in DROP_BINARIES):
            return False
        parts = dest.split("/")
        if "plugins" in parts:
            index = parts.index("plugins")
            if index + 1 < len(parts) and parts[index + 1] in DROP_PLUGIN_DIRS:
                return False
        return True

    return keep
