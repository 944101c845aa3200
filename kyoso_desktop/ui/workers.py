"""Run core work off the GUI thread and deliver the result back on it.

A failure is never dropped (as Anki's `QueryOp` does it): it is always written to the log, and
when the caller gives no `on_failed`, the user is told in their language next to the widget
that started the work.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, what: str) -> None:
        super().__init__()
        self._work, self._relay, self._what = work, relay, what

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # logged here, reported to the GUI: never lost
            _log_failure(self._what, exc)
            self._deliver(self._relay.failed, exc)
        else:
            self._deliver(self._relay.done, result)

    def _deliver(self, signal: Any, value: object) -> None:
        """The app may be quitting: a relay already gone means nobody waits for the result."""
        if shiboken6.isValid(self._relay):
            with contextlib.suppress(RuntimeError):
                signal.emit(value)


def _log_failure(what: str, error: BaseException) -> None:
    """Record a failure with its traceback (logging is loaded on the first failure, not at
    start-up; `setup_logging` runs once per process)."""
    import logging

    from kyoso_desktop.core.common.logs import setup_logging

    setup_logging()
    log = logging.getLogger(__name__)
    log.warning("background work failed: %s", what, exc_info=error)


def describe_failure(error: BaseException) -> str:
    """A failure in a few words in the user's language (the details are in the log): an
    expected error's own message, an OS error's words (never the OS's English text)."""
    from kyoso_desktop.core.common import i18n
    from kyoso_desktop.core.common.errors import KyosoError
    from kyoso_desktop.core.common.oserrors import error_text

    if isinstance(error, KyosoError) and str(error):
        return str(error)
    if isinstance(error, OSError):
        return error_text(error, i18n.get_language())
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def tell_failure(owner: QObject, error: BaseException) -> None:
    """The default failure handler: a non-blocking message next to the widget that asked."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from kyoso_desktop.core.common.i18n import _
    from kyoso_desktop.core.common.logs import log_dir

    parent = owner.window() if isinstance(owner, QWidget) else None
    box = QMessageBox(QMessageBox.Icon.Warning, _("Something could not be completed"),
                      _("This could not be completed: {error}. Nothing you entered was lost. "
                        "Details were written to the log in {folder}.").format(
                          error=describe_failure(error), folder=log_dir()), parent=parent)
    box.setObjectName("backgroundFailure")
    box.open()


class Background(QObject):
    """Starts tasks in the global thread pool; callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
            on_failed: Callable[[BaseException], None] | None = None, *,
            what: str = "") -> None:
        """Run `work` in a worker; `on_done(result)` or `on_failed(exception)` afterwards.
        Without `on_failed`, the user is told (`tell_failure`); either way it is logged."""
        # The relay has no parent: it must outlive its owner if the widget is closed while the
        # work still runs (emitting from a deleted QObject would crash the process).
        relay = _Relay()
        self._relays.add(relay)
        owner = self.parent()

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if shiboken6.isValid(self):  # the owner still exists
                callback(value)

        def failed(error: BaseException) -> None:
            if on_failed is not None:
                on_failed(error)
            elif owner is not None and shiboken6.isValid(owner):
                tell_failure(owner, error)

        relay.done.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda error: finish(failed, error))
        label = what or getattr(work, "__qualname__", "") or repr(work)
        QThreadPool.globalInstance().start(_Task(work, relay, label))

    @property
    def pending(self) -> int:
        return len(self._relays)
