"""Render the main window in Japanese and English into docs/ (offscreen; needs a CJK font,
e.g. Debian's fonts-noto-cjk).   python scripts/screenshots.py"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {"ja": "taro@city.hakodate.lg.jo", "en": "soumu@city.yokohama.jp"}


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from kyoso_desktop.core import i18n
    from kyoso_desktop.core.settings import Settings
    from kyoso_desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    for lang, example in EXAMPLES.items():
        i18n.set_language(lang)
        window = MainWindow(Settings(language=lang, offline=True))
        window.show()
        window.email_check.start()
        while not window.email_check.ready:
            app.processEvents()
        window.email_check.set_address(example)
        app.processEvents()
        target = ROOT / "docs" / f"screenshot-{lang}.png"
        window.grab().save(str(target))
        print(target)
        window.close()


if __name__ == "__main__":
    main()
