"""Whether a file belongs to the machine's administrators (so a standard user did not write it).

Standard users may create files under %ProgramData% by default; such a file's owner is that
user. Only files owned by Administrators, SYSTEM or TrustedInstaller (root elsewhere) count as
set by IT.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ADMIN_SIDS = frozenset({
    "S-1-5-32-544",  # BUILTIN\\Administrators
    "S-1-5-18",  # NT AUTHORITY\\SYSTEM
    "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",  # TrustedInstaller
})


def owned_by_administrators(path: Path) -> bool:
    """True when the file's owner is an administrator account; False also when unknown."""
    try:
        if sys.platform == "win32":
            return windows_owner_sid(path) in ADMIN_SIDS
        return os.stat(path).st_uid == 0
    except OSError:
        return False


def windows_owner_sid(path: Path) -> str:
    """The owner of a file as a SID string (GetNamedSecurityInfoW), or OSError."""
    import ctypes
    from ctypes import wintypes

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    owner = ctypes.c_void_p()
    descriptor = ctypes.c_void_p()
    se_file_object, owner_security_information = 1, 1
    advapi32.GetNamedSecurityInfoW.restype = wintypes.DWORD
    status = advapi32.GetNamedSecurityInfoW(
        ctypes.c_wchar_p(str(path)), se_file_object, owner_security_information,
        ctypes.byref(owner), None, None, None, ctypes.byref(descriptor))
    if status != 0:
        raise OSError(status, "GetNamedSecurityInfoW failed", str(path))
    text = ctypes.c_wchar_p()
    try:
        if not advapi32.ConvertSidToStringSidW(owner, ctypes.byref(text)):
            raise OSError(ctypes.get_last_error(), "ConvertSidToStringSidW failed")  # type: ignore[attr-defined,unused-ignore]
        sid = text.value or ""
        kernel32.LocalFree(text)
        return sid
    finally:
        kernel32.LocalFree(descriptor)
