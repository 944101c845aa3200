"""Settings → Where settings come from: every setting, its value, its source and whether it is
locked (enforced by Group Policy or the IT department's file)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.helpdesk.settings_texts import setting_label, source_text, value_text


class SettingsSourcesDialog(QDialog):
    """A read-only table: setting, value, where it comes from, locked."""

    def __init__(self, settings: dict[str, dict], problems: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Where the settings come from"))
        self.setObjectName("settings_sources")
        layout = QVBoxLayout(self)
        intro = QLabel(_("Settings set by Group Policy (enforced) or by the IT department's "
                         "file are locked; presets by Group Policy can be changed."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(settings), 4)
        self.table.setObjectName("sourcesTable")
        self.table.setAccessibleName(_("Settings and their sources"))
        self.table.setHorizontalHeaderLabels([_("Setting"), _("Value"), _("Comes from"),
                                              _("Locked")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # what IT set first, so that it is seen without scrolling
        ordered = sorted(settings.items(), key=lambda item: (not item[1]["locked"],
                                                             item[1]["source"] == "default"))
        for row, (key, setting) in enumerate(ordered):
            cells = (setting_label(key), value_text(setting["value"]),
                     source_text(setting["source"]),
                     _("yes") if setting["locked"] else _("no"))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # long values wrap
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        for problem in problems:
            label = QLabel(_("Ignored: {problem}").format(problem=problem))
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 480)
