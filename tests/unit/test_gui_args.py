"""kyoso-desktop's options: the quick parser agrees with argparse, and hands the rest to Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kyoso_desktop.window_args import (
    parse_gui_args,
)
from kyoso_desktop.window_args import (
    parse_gui_args_fully as _parse_gui_args_fully,
)
from kyoso_desktop.window_args import (
    parse_simple_gui_args as _parse_simple_gui_args,
)

COMMON = [
    [],
    ["--offline"],
    ["--quit-after-show", "--offline", "--lang", "en"],
    ["--screenshot", "/tmp/x.png", "-platform", "offscreen"],
    ["-platform", "windows:darkmode=0", "--lang", "ja", "-style", "fusion"],
    ["-reverse", "--offline"],
]


@pytest.mark.parametrize("argv", COMMON)
def test_quick_parser_agrees_with_argparse(argv):
    quick = _parse_simple_gui_args(argv)
    assert quick is not None
    assert (vars(quick[0]), quick[1]) == (vars(_parse_gui_args_fully(argv)[0]),
                                          _parse_gui_args_fully(argv)[1])


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--lang", "fr"], ["--unknown"],
                                  ["stray"], ["--screenshot"]])
def test_unusual_command_lines_go_to_argparse(argv):
    assert _parse_simple_gui_args(argv) is None


def test_unknown_double_dash_options_still_reach_qt():
    args, qt_args = parse_gui_args(["--offline", "--qt-thing"])
    assert args.offline and qt_args == ["--qt-thing"]


def test_a_wrong_language_is_explained_in_the_users_language():
    run = subprocess.run([sys.executable, "-c", "from kyoso_desktop.ui.app import main; "
                          "main(['--lang', 'fr'])"], capture_output=True, timeout=60)
    assert run.returncode == 2
    assert "指定できない値です: 'fr'" in run.stderr.decode("utf-8")
