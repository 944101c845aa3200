"""The components that ship with the app and their licences (for the About dialog and a test)."""

from __future__ import annotations

import importlib.metadata as metadata
import re
from dataclasses import dataclass
from typing import Any

QT_NOTICE = ("Qt for Python (PySide6) is used under the GNU Lesser General Public License "
             "v3 (LGPL-3.0). Its libraries are shipped unmodified as separate files, so they "
             "can be replaced; the source is available from https://download.qt.io/.")


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
