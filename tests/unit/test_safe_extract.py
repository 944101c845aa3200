"""installer/build.py extracts archives safely on Debian 12's python3 (3.11.2, no "data" filter)."""

from __future__ import annotations

import io
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
import build


def make_tar(path: Path, entries: list[tarfile.TarInfo]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info in entries:
            data = b"x" * info.size if info.isfile() else None
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def entry(name: str, kind: bytes = tarfile.REGTYPE, size: int = 1, link: str = "") -> \
        tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname, info.mode = kind, size, link, 0o4777
    return info


@pytest.fixture(params=["with the data filter", "without it (Python 3.11.2)"])
def extract(request, monkeypatch):
    if request.param.startswith("without"):
        monkeypatch.delattr(tarfile, "data_filter", raising=False)
    return build.safe_extract


def test_regular_files_are_extracted_without_special_bits(extract, tmp_path):
    archive = make_tar(tmp_path / "ok.tar.gz", [entry("pkg/", tarfile.DIRTYPE, 0),
                                               entry("pkg/data.zip")])
    target = tmp_path / "out"
    with tarfile.open(archive) as tar:
        extract(tar, target)
    extracted = target / "pkg" / "data.zip"
    assert extracted.read_bytes() == b"x"
    assert not extracted.stat().st_mode & 0o4000


@pytest.mark.parametrize("bad", [entry("../escape"), entry("/abs/path"),
                                 entry("pkg/link", tarfile.SYMTYPE, 0, "/etc/passwd")])
def test_entries_outside_the_folder_or_links_out_are_refused(extract, tmp_path, bad):
    archive = make_tar(tmp_path / "bad.tar.gz", [bad])
    target = tmp_path / "out"
    with tarfile.open(archive) as tar, pytest.raises((RuntimeError, tarfile.TarError)):
        extract(tar, target)
    assert not (tmp_path / "escape").exists()
