"""README command 1 names every Debian package the window's Qt platform plugin (xcb) loads.

The libraries are read from the plugin itself (ldd), so a new Qt that needs another library
fails here instead of on a user's clean Debian 12 ("Could not load the Qt platform plugin xcb").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# soname → Debian 12 package (read with `dpkg -S` on Debian 12; the xcb plugin and the Qt
# libraries it loads)
PACKAGES = {
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libGLX.so.0": "libgl1",
    "libGLdispatch.so.0": "libgl1", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0", "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
# in every Debian 12 installation (required/important priority) or pulled in by the above
BASE = re.compile(r"^(libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|libz|libsystemd|"
                  r"libcap|libgcrypt|libgpg-error|liblz4|liblzma|libzstd|libpcre2-8|libmd|"
                  r"libbsd|libexpat|libpng16|libbrotli\w*|libXau|libXdmcp|libicu\w+|libffi|"
                  r"linux-vdso|ld-linux[\w-]*)\.so")


def readme_packages() -> set[str]:
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)
    install = blocks[0].split("apt-get install -y", 1)[1].split("&&", 1)[0]
    return set(install.split())


def test_readme_installs_what_the_xcb_plugin_loads():
    pyside = pytest.importorskip("PySide6")
    if shutil.which("ldd") is None:
        pytest.skip("no ldd here")
    qt = Path(pyside.__file__).parent / "Qt"
    needed: set[str] = set()
    for library in (qt / "plugins" / "platforms" / "libqxcb.so",
                    *(qt / "lib").glob("libQt6XcbQpa.so*"), *(qt / "lib").glob("libQt6Gui.so*"),
                    *(qt / "lib").glob("libQt6Widgets.so*"), *(qt / "lib").glob("libQt6DBus.so*")):
        if library.is_symlink():
            continue
        output = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
        needed |= {Path(line.split()[0]).name for line in output.splitlines() if line.strip()}
    needed = {name for name in needed if "Qt6" not in name and not BASE.match(name)}
    unknown = needed - set(PACKAGES)
    assert unknown == set(), f"add these libraries' packages to PACKAGES and README: {unknown}"
    assert {PACKAGES[name] for name in needed} <= readme_packages()
