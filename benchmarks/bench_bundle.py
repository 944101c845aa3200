"""Bundle budgets: size and frozen start-up against a bare frozen PySide6 "hello QMainWindow".

    python benchmarks/bench_bundle.py [--platform linux|windows] [--rounds N]
                                      [--app-bundle DIR] [--bare-bundle DIR]

Both apps are frozen in this run by the same settings (onedir, installer/bundle_rules.py);
`--app-bundle` reuses a bundle just built by `installer/build.py` instead of building it
again. What this run builds goes to build/installer/bench-dist, never to dist/ (which may hold
signed release files). Prints two ratios (goals: size <= 1.3x, start-up <= 1.3x) and, for
Windows, the MSI size against its absolute goal (<= 40 MB). Start-up runs alternate app and
bare, offscreen, with a fresh HOME; the median of the per-round ratios is reported.
`--platform windows` builds and runs under Wine and needs `installer/build.py windows` to have
run once (it prepares the Windows CPython).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))
import build as installer  # noqa: E402  (installer/build.py)

BARE_SPEC = ROOT / "benchmarks" / "bare_app" / "hello.spec"


def folder_size(folder: Path) -> int:
    """Bytes of the files in a folder (symbolic links count as nothing)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and
               not p.is_symlink())


def compressed_size(folder: Path) -> int:
    """Bytes of the folder as a .tar.gz: a stand-in for what an installer carries."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    return buffer.tell()


def freeze_bare(platform: str, work: Path) -> Path:
    """Freeze the bare app with the same settings as build.spec; its onedir folder."""
    dist = work / "dist"
    if platform == "windows":
        python = installer.windows_python()
        installer.wine(python / "python.exe", "-m", "PyInstaller", "--noconfirm",
                       "--distpath", installer.winpath(dist), "--workpath",
                       installer.winpath(work / "build"), installer.winpath(BARE_SPEC))
    else:
        installer.run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", dist,
                      "--workpath", work / "build", BARE_SPEC)
    return dist / "Hello"


def freeze_app(platform: str) -> Path:
    """The app built unsigned into the benchmark's own folder (never over dist/, which may
    hold signed release files)."""
    if platform == "windows":
        installer.build_windows(None)
        return installer.DIST / "windows" / "KyosoDesktop"
    return installer.build_linux()


def start_command(platform: str, exe: Path) -> list[str]:
    if platform == "windows":
        return ["wine", str(exe.with_suffix(".exe")), "--quit-after-show", "-platform",
                "offscreen"]
    return [str(exe), "--quit-after-show"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=120)
    return time.perf_counter() - started


def start_up(platform: str, app: Path, bare: Path, rounds: int) -> tuple[float, float, float]:
    """Median app time, median bare time, median per-round ratio."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        env = {k: v for k, v in env.items() if not k.startswith(("KYOSO_", "XDG_"))}
        if platform == "windows":
            env.update(installer.WINE_ENV)
        app_cmd = [*start_command(platform, app / "kyoso-desktop"), "--offline"]
        bare_cmd = start_command(platform, bare / "hello")
        timed(app_cmd, env), timed(bare_cmd, env)  # warm the file cache
        apps, bares, ratios = [], [], []
        for _ in range(rounds):
            a, b = timed(app_cmd, env), timed(bare_cmd, env)
            apps.append(a), bares.append(b), ratios.append(a / b)
        if platform == "windows":
            subprocess.run(["wineserver", "-k"], env=env, check=False)
    return statistics.median(apps), statistics.median(bares), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", choices=("linux", "windows"), default="linux")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--app-bundle", type=Path,
                        help="an already built KyosoDesktop folder (default: build it now)")
    parser.add_argument("--bare-bundle", type=Path,
                        help="an already frozen bare app folder (default: freeze it now)")
    args = parser.parse_args()
    installer.BUILD.mkdir(parents=True, exist_ok=True)
    installer.DIST = installer.BUILD / "bench-dist"  # everything this run builds goes here
    work = installer.BUILD / f"bench-bare-{args.platform}"
    bare = args.bare_bundle or freeze_bare(args.platform, work)
    app = args.app_bundle or freeze_app(args.platform)
    mib = 2 ** 20
    app_size, bare_size = folder_size(app), folder_size(bare)
    app_packed, bare_packed = compressed_size(app), compressed_size(bare)
    print(f"\n[{args.platform}] onedir: app {app_size / mib:.1f} MiB, bare {bare_size / mib:.1f} "
          f"MiB; packed (tar.gz): app {app_packed / mib:.1f} MiB, bare {bare_packed / mib:.1f} MiB")
    print(f"size ratio app/bare: {app_size / bare_size:.2f}x onedir, "
          f"{app_packed / bare_packed:.2f}x packed (goal <= 1.3x)")
    msi = installer.DIST / f"KyosoDesktop-{installer.version()}.msi"  # this run's, if built
    if args.platform == "windows" and msi.exists():
        print(f"MSI: {msi.stat().st_size / 1e6:.1f} MB (goal <= 40 MB)")
    app_time, bare_time, ratio = start_up(args.platform, app, bare, args.rounds)
    print(f"frozen start-up: app {app_time:.3f} s, bare {bare_time:.3f} s (median of "
          f"{args.rounds} alternated rounds)")
    print(f"start-up ratio app/bare: {ratio:.2f}x (goal <= 1.3x)")


if __name__ == "__main__":
    main()
