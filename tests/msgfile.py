"""A minimal writer of OLE2 compound files, enough to build Outlook .msg test files.

Every stream is padded to the 4,096-byte mini-stream cutoff so that no mini stream is needed;
readers strip the trailing NULs of string properties anyway.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
CUTOFF = 4096


def _entry(name: str, kind: int, start: int, size: int, right: int = NOSTREAM,
           child: int = NOSTREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4
            + b"\0" * 16 + struct.pack("<IQ", start, size))


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 file whose root holds the given streams."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data, fat, starts = b"", [], {}
    for name in names:
        payload = streams[name].ljust(CUTOFF, b"\0")
        payload += b"\0" * (-len(payload) % SECTOR)
        first, count = len(fat), len(payload) // SECTOR
        starts[name] = (first, len(streams[name].ljust(CUTOFF, b"\0")))
        fat += [first + i + 1 for i in range(count - 1)] + [END]
        data += payload
    entries = [_entry("Root Entry", 5, END, 0, child=1 if names else NOSTREAM)]
    for index, name in enumerate(names, 1):
        start, size = starts[name]
        entries.append(_entry(name, 2, start, size,
                              right=index + 1 if index < len(names) else NOSTREAM))
    directory = b"".join(entries)
    directory += b"\0" * (-len(directory) % SECTOR)
    dir_start = len(fat)
    dir_count = len(directory) // SECTOR
    fat += [dir_start + i + 1 for i in range(dir_count - 1)] + [END]
    fat_count = 1
    while (len(fat) + fat_count) * 4 > fat_count * SECTOR:
        fat_count += 1
    fat_start = len(fat)
    fat += [FATSECT] * fat_count
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    fat_bytes += struct.pack("<I", FREE) * ((fat_count * SECTOR - len(fat_bytes)) // 4)
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_count, dir_start, 0, CUTOFF, END, 0, END, 0)
              + struct.pack("<109I", *difat))
    return header + data + directory + fat_bytes


def outlook_msg(*, subject: str, sender_name: str, sender: str, body: str,
                html: str | None = None, transport_headers: str | None = None) -> bytes:
    """An Outlook .msg with the properties the checker reads (Unicode string properties)."""
    def text(value: str) -> bytes:
        return value.encode("utf-16-le")

    streams = {
        "__substg1.0_0037001F": text(subject),
        "__substg1.0_0042001F": text(sender_name),
        "__substg1.0_0C1F001F": text(sender),
        "__substg1.0_1000001F": text(body),
    }
    if html is not None:
        streams["__substg1.0_10130102"] = html.encode("utf-8")
    if transport_headers is not None:
        streams["__substg1.0_007D001F"] = text(transport_headers)
    return compound_file(streams)
