"""The layers hold (import-linter, as CI runs it), and the contracts do catch a violation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([*LINT, "--no-cache"], cwd=root, capture_output=True, text=True,
                          env=env, timeout=120)


def test_the_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.fixture
def copy(tmp_path):
    """The package and its pyproject.toml in a scratch folder, to break on purpose."""
    shutil.copytree(ROOT / "kyoso_desktop", tmp_path / "kyoso_desktop",
                    ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("core/common/notes.py", "from kyoso_desktop.ui import text", "never import Qt"),
    ("cli/output.py", "import PySide6.QtCore", "never import Qt"),
    ("core/eligibility/texts.py", "import shiboken6", "never import Qt"),
    ("core/common/dates.py", "from kyoso_desktop.core.eligibility import engine", "Layers"),
    ("core/netdiag/model.py", "from kyoso_desktop.core.invitation import timeline", "Layers"),
    ("cli/output.py", "from kyoso_desktop.ui import workers", "Layers"),
])
def test_a_violation_is_caught(copy, module, line, contract):
    path = copy / "kyoso_desktop" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint(copy)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout
