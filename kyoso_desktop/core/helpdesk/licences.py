"""The components that ship with the app and their licences (for the About dialog and a test)."""

from __future__ import annotations

import importlib.metadata as metadata
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QT_NOTICE = ("Qt for Python (PySide6) is used under the GNU Lesser General Public License "
             "v3 (LGPL-3.0). Its libraries are shipped unmodified as separate files, so they "
             "can be replaced; the source is available from https://download.qt.io/.")


QT_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt")
# The binaries of a Windows bundle that are not a Python package of their own, and the licence
# texts (resources/licences) that cover them. First match wins (fnmatch on the path inside the
# bundle, lower case, "/" separated; a pattern not starting with "*" matches in its folder only).
BINARY_LICENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("*vcruntime140*.dll", ("MSVC-Runtime.txt",)),
    ("*msvcp140*.dll", ("MSVC-Runtime.txt",)),
    ("*concrt140*.dll", ("MSVC-Runtime.txt",)),
    ("*/pyside6/*", QT_TEXTS),
    ("*/shiboken6/*", QT_TEXTS),
    ("*libcrypto-3*.dll", ("OpenSSL-Apache-2.0.txt", "Python-LICENSE.txt")),
    ("*libssl-3*.dll", ("OpenSSL-Apache-2.0.txt", "Python-LICENSE.txt")),
    ("*libffi-*.dll", ("libffi-MIT.txt", "Python-LICENSE.txt")),
    ("*/_dukpy*.pyd", ("Duktape-MIT.txt",)),
    ("_internal/python3*.dll", ("Python-LICENSE.txt",)),
    ("_internal/sqlite3.dll", ("Python-LICENSE.txt",)),
    ("_internal/*.pyd", ("Python-LICENSE.txt",)),  # the standard library's extension modules
    ("kyoso*.exe", ()),  # the app itself: MIT, in its own dist-info
)
PE_SUFFIXES = (".dll", ".pyd", ".exe")


def binary_licence_texts(relative: str, packages_with_licence: set[str]) -> tuple[str, ...] | None:
    """The licence texts covering a binary of the bundle; () for the app's own; None when
    nothing covers it. A binary inside a Python package's folder is covered by the licence
    files of that package's dist-info (`packages_with_licence`: those folders' names)."""
    from fnmatch import fnmatchcase

    path = relative.replace("\\", "/").lower()
    for pattern, texts in BINARY_LICENCES:
        anchored = not pattern.startswith("*")  # "_internal/*.pyd": that folder only
        if fnmatchcase(path, pattern) and (not anchored or
                                           path.count("/") == pattern.count("/")):
            return texts
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "_internal" and parts[1] in packages_with_licence:
        return ()
    return None


def unlicensed_binaries(bundle: Path) -> list[str]:
    """The PE files of a bundle that no shipped licence text covers (a release must have
    none). A package counts as covered when its dist-info holds a licence file."""
    internal = bundle / "_internal"
    covered: set[str] = set()
    for info in internal.glob("*.dist-info"):
        if any("licen" in p.name.lower() or "copying" in p.name.lower()
               for p in info.rglob("*") if p.is_file()):
            top = info / "top_level.txt"
            names = top.read_text(encoding="utf-8").split() if top.exists() else \
                [info.name.split("-")[0]]
            covered.update(n.lower() for n in names)
    texts = internal / "kyoso_desktop" / "resources" / "licences"  # what the bundle ships
    missing = []
    for path in sorted(bundle.rglob("*")):
        if path.suffix.lower() not in PE_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(bundle).as_posix()
        needed = binary_licence_texts(relative, covered)
        if needed is None or any(not (texts / name).is_file() for name in needed):
            missing.append(relative)
    return missing


def licence_texts() -> list[Path]:
    """The licence texts shipped with the app (resources/licences)."""
    from kyoso_desktop.core.common.paths import resource

    return sorted(p for p in resource("licences").glob("*.txt"))


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str

    @property
    def gpl_only(self) -> bool:
        """GPL without an LGPL (or other permissive) alternative."""
        text = self.licence.upper()
        if "GPL" not in text.replace("LGPL", ""):
            return False
        return not re.search(r"LGPL|LESSER GENERAL", text)


def _licence(dist: metadata.Distribution) -> str:
    meta: Any = dist.metadata  # an email.message.Message underneath
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    text = (meta.get("License") or "").strip()
    short = text if text and len(text) < 80 and "\n" not in text else ""
    return " / ".join(dict.fromkeys([x for x in (short, *classifiers) if x])) or "?"


def bundled_components(root: str = "kyoso-desktop") -> list[Component]:
    """The app and every runtime dependency, found from the installed metadata."""
    from packaging.requirements import Requirement

    seen: dict[str, Component] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        canonical = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        seen[key] = Component(canonical, dist.version, _licence(dist))
        for requirement in dist.requires or []:
            parsed = Requirement(requirement)
            if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
                pending.append(parsed.name)
    return sorted(seen.values(), key=lambda c: c.name.lower())
