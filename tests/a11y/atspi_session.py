"""One screen-reader session: the app on Xvfb with an AT-SPI bus, walked through the real
accessibility tree (the tree Qt also gives UI Automation on Windows).

Runs under Debian's /usr/bin/python3 (python3-pyatspi), inside `dbus-run-session`, started by
tests/a11y/test_screen_reader.py:

    dbus-run-session -- /usr/bin/python3 atspi_session.py --python VENV_PY --lang ja
        --scenario step1 --home DIR --out result.json

It starts Xvfb, the AT-SPI bus and the app (offline, its own folders; a draft puts it on the
step to walk), then: lists the interactive objects of the screen (name, role, label relation),
presses Tab until the focus comes round (the Tab order as a screen reader hears it), runs the
scenario's actions and records the announcements the app made. Everything is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyatspi
from gi.repository import GLib

INTERACTIVE = {"push button", "radio button", "check box", "text", "password text",
               "combo box", "list", "list box", "table", "spin button", "page tab",
               "toggle button", "slider", "tree table", "date editor"}
FIELDS = {"text", "password text", "combo box", "spin button", "date editor"}
announcements: list[str] = []
focused: list[tuple[str, str]] = []


def pump(seconds: float) -> None:
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.iteration(False):
            pass
        time.sleep(0.01)


def on_announcement(event) -> None:
    announcements.append(str(event.any_data or ""))


def on_focus(event) -> None:
    if event.detail1:
        focused.append((event.source.getRoleName(), event.source.name or ""))


def wait_for_app(name: str, seconds: float = 40.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name and app.childCount:
                return app
        pump(0.2)
    raise SystemExit("the app did not appear on the accessibility bus")


def showing(node) -> bool:
    states = node.getState()
    return states.contains(pyatspi.STATE_SHOWING) and states.contains(pyatspi.STATE_VISIBLE)


def descendants(node, depth: int = 0):
    for child in node:
        if child is None or depth > 40:
            continue
        if not showing(child):
            continue
        yield child
        yield from descendants(child, depth + 1)


def labelled(node) -> bool:
    return any(r.getRelationType() == pyatspi.RELATION_LABELLED_BY
               for r in node.getRelationSet())


def interactive(app) -> list[dict]:
    found = []
    for node in descendants(app):
        role = node.getRoleName()
        if role not in INTERACTIVE:
            continue
        states = node.getState()
        found.append({"role": role, "name": node.name or "",
                      "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
                      "enabled": states.contains(pyatspi.STATE_ENABLED),
                      "labelled": labelled(node) if role in FIELDS else None,
                      "editable": states.contains(pyatspi.STATE_EDITABLE)})
    return found


def find(app, role: str, name: str):
    seen = []
    for node in descendants(app):
        if node.getRoleName() == role:
            if (node.name or "") == name:
                return node
            seen.append(node.name)
    raise SystemExit(f"not found: {role} {name!r}; there are: {seen}")


def press(node) -> None:
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    for wanted in ("Press", "press", "click", "Toggle", "toggle"):
        if wanted in names:
            action.doAction(names.index(wanted))
            return
    action.doAction(0)


def key(window: str, name: str) -> None:
    subprocess.run(["xdotool", "key", "--window", window, name], check=True, timeout=10)


def tab_cycle(window: str, limit: int) -> list[tuple[str, str]]:
    """Tab from wherever the focus is until it comes back round (or `limit` presses)."""
    focused.clear()
    for _ in range(limit):
        key(window, "Tab")
        pump(0.25)
        if len(focused) > 2 and focused[-1] == focused[0]:
            break
    return list(focused)


def start(args) -> tuple[subprocess.Popen, subprocess.Popen, str]:
    with tempfile.TemporaryFile() as display_file:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(display_file.fileno()), "-screen",
                                 "0", "1366x768x24", "-nolisten", "tcp"],
                                pass_fds=(display_file.fileno(),), stderr=subprocess.DEVNULL)
        for _ in range(100):
            display_file.seek(0)
            number = display_file.read().decode().strip()
            if number:
                break
            time.sleep(0.1)
    os.environ["DISPLAY"] = f":{number}"
    subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    home = Path(args.home)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
           "KYOSO_CONFIG_DIR": str(home / "config"), "KYOSO_DATA_DIR": str(home / "data"),
           "KYOSO_LOG_DIR": str(home / "log"), "KYOSO_MANAGED_CONFIG": str(home / "none.toml"),
           "HOME": str(home), "LANG": "ja_JP.UTF-8" if args.lang == "ja" else "en_US.UTF-8"}
    app = subprocess.Popen([args.python, "-m", "kyoso_desktop", "--offline", "--lang",
                            args.lang], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    return xvfb, app, number


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--python", "--lang", "--scenario", "--home", "--out"):
        parser.add_argument(name, required=True)
    parser.add_argument("--open", action="append", default=[],
                        help="ROLE|NAME to press before the walk (an area, a dialog)")
    parser.add_argument("--action", action="append", default=[],
                        help="ROLE|NAME to press, or text:ROLE|NAME|VALUE, after the walk")
    args = parser.parse_args()
    pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    xvfb, process, _display = start(args)
    result: dict = {"scenario": args.scenario, "lang": args.lang}
    try:
        app = wait_for_app("KyosoDesktop")
        pump(1.5)
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid",
                                 str(process.pid)], capture_output=True, text=True,
                                timeout=20).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], timeout=10)
        for target in args.open:  # e.g. the side menu's button of an area
            role, name = target.split("|", 1)
            press(find(app, role, name))
            pump(1.5)
        pump(0.5)
        result["title"] = next(n.name for n in app) if app.childCount else ""
        result["interactive"] = interactive(app)
        count = sum(1 for o in result["interactive"] if o["focusable"] and o["enabled"])
        result["tab_order"] = tab_cycle(window, count + 6)
        announcements.clear()
        result["actions"] = []
        for action in args.action:
            before = len(announcements)
            kind, _, rest = action.partition(":") if action.startswith("text:") else \
                ("press", "", action)
            if kind == "text":
                role, name, value = rest.split("|", 2)
                node = find(app, role, name)
                node.queryEditableText().setTextContents(value)
            else:
                role, name = rest.split("|", 1)
                press(find(app, role, name))
            pump(2.0)
            result["actions"].append({"action": action, "said": announcements[before:]})
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        xvfb.terminate()
        xvfb.wait(10)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1),
                              encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
