"""Small dialogs used by several areas: a destructive confirmation that defaults to No, and a
save dialog that opens in the user's Documents folder with a real title and filter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFrame, QMessageBox, QScrollArea, QWidget


def confirm_destructive(parent: QWidget, title: str, question: str) -> bool:
    """Yes/No with No as the default button: Enter never discards anything."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def documents_folder() -> Path:
    """The user's Documents folder (the home folder when there is none)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_save_path(parent: QWidget, title: str, file_name: str, file_filter: str) -> str:
    """The chosen path ("" when cancelled), starting in Documents with `file_name`."""
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getSaveFileName(parent, title,
                                                str(documents_folder() / file_name), file_filter)
    return path


def scrolling(content: QWidget, name: str = "") -> QScrollArea:
    """`content` in a frameless scroll area: a screen or dialog that does not fit a small
    display (1366×768 at 125 %) scrolls instead of being cut off."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    if name:
        area.setObjectName(name)
    return area
