"""Run core work off the GUI thread and deliver the result back on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI, never lost
            self._deliver(self._relay.failed, f"{type(exc).__name__}: {exc}")
        else:
            self._deliver(self._relay.done, result)

    def _deliver(self, signal, value) -> None:
        """The app may be quitting: a relay already gone means nobody waits for the result."""
        if shiboken6.isValid(self._relay):
            with contextlib.suppress(RuntimeError):
                signal.emit(value)


class Background(QObject):
    """Starts tasks in the global thread pool; callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
            on_failed: Callable[[str], None] | None = None) -> None:
        # The relay has no parent: it must outlive its owner if the widget is closed while the
        # work still runs (emitting from a deleted QObject would crash the process).
        relay = _Relay()
        self._relays.add(relay)

        def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if callback is not None and shiboken6.isValid(self):  # the owner still exists
                callback(value)

        relay.done.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda message: finish(on_failed, message))
        QThreadPool.globalInstance().start(_Task(work, relay))

    @property
    def pending(self) -> int:
        return len(self._relays)
