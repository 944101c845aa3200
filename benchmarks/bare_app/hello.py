"""The bare baseline of the bundle benchmark: a PySide6 "hello QMainWindow".

Quits right after its first paint when given --quit-after-show, like kyoso-desktop.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Window(QMainWindow):
    """Emits nothing; quits after the first paint if asked to."""

    def __init__(self, quit_after_show: bool) -> None:
        super().__init__()
        self.quit_after_show = quit_after_show
        self.painted = False
        self.setCentralWidget(QLabel("hello"))
        self.resize(960, 640)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.quit_after_show and not self.painted:
            self.painted = True
            QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    quit_after_show = "--quit-after-show" in sys.argv
    app = QApplication([a for a in sys.argv if a != "--quit-after-show"])
    window = Window(quit_after_show)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
