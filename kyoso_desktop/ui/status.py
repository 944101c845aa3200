"""The invitation-status area, for now: the applications recorded on this PC."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kyoso_desktop.core.application import ApplicationStore
from kyoso_desktop.core.dates import format_day
from kyoso_desktop.core.i18n import _, get_language
from kyoso_desktop.core.timeline import STATE_TEXTS
from kyoso_desktop.ui.text import emphasize
from kyoso_desktop.ui.workers import Background


class StatusPage(QWidget):
    """A table of the applications made from this PC (newest first)."""

    def __init__(self, title: str, japanese_era: bool, store: ApplicationStore | None = None):
        super().__init__()
        self.store = store or ApplicationStore()
        self.japanese_era = japanese_era
        self._background = Background(self)
        layout = QVBoxLayout(self)
        layout.addWidget(emphasize(QLabel(title)))
        self.message = QLabel()
        self.message.setObjectName("statusMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("applicationsTable")
        self.table.setAccessibleName(_("Applications made from this PC"))
        self.table.setHorizontalHeaderLabels(
            [_("Sent on"), _("Email address"), _("Organisation"), _("Name"), _("State")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        later = QLabel(_("The invitation timeline, the check of a saved invitation mail and "
                         "the inquiry to the secretariat come in a later version."))
        later.setWordWrap(True)
        later.setObjectName("comingLater")
        layout.addWidget(later)
        self.refresh()

    def refresh(self) -> None:
        """Read the records in a worker thread, then show them."""
        self._background.run(self.store.records, self._show)

    def _show(self, loaded) -> None:
        records, problem = loaded
        notes = []
        if problem is not None:
            notes.append(_("The application history could not be read and was moved to "
                           "{path}.").format(path=problem.moved_to or problem.path))
        if not records:
            notes.append(_("No application has been recorded on this PC yet. Use "
                           "“1. Registration” to apply."))
        self.message.setText("\n".join(notes))
        self.message.setVisible(bool(notes))
        self.table.setVisible(bool(records))
        self.table.setRowCount(len(records))
        for row, record in enumerate(reversed(records)):
            sent = format_day(date.fromisoformat(record.applied_at), get_language(),
                              japanese_era=self.japanese_era) if record.applied_at else "-"
            values = (sent, record.email, record.organization_name or
                      (record.organization_code or ""), record.name,
                      _(STATE_TEXTS.get(record.state, record.state)))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
