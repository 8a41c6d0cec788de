"""Interface languages: the shipped .qm catalogues, switched live through one pair of QTranslators."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio.resources import resource_path

TRANSLATIONS_DIR = resource_path("translations")
CATALOGUE = "host_studio"
LANGUAGES = ("system", "en", "zh_CN")  # setting values; "system" follows QLocale.system()

_current: Translations | None = None


class Translations:
    """Installs our catalogue and Qt's own (dialog buttons, file dialogs) for one language."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self._ours = QTranslator(app)
        self._qt = QTranslator(app)
        self.language = "system"

    @staticmethod
    def for_app() -> Translations:
        """The one instance for the running application (a new one if the application changed)."""
        global _current
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        if _current is None or _current.app is not app:
            _current = Translations(app)
        return _current

    def apply(self, language: str) -> None:
        """Switch every widget to `language`; they retranslate on the LanguageChange event."""
        self.language = language if language in LANGUAGES else "system"
        locale = QLocale.system() if self.language == "system" else QLocale(self.language)
        for translator in (self._ours, self._qt):
            self.app.removeTranslator(translator)
        if self._ours.load(locale, CATALOGUE, "_", str(TRANSLATIONS_DIR)):
            self.app.installTranslator(self._ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if self._qt.load(locale, "qtbase", "_", qt_dir):
            self.app.installTranslator(self._qt)
        QLocale.setDefault(locale)


def ui_language() -> str:
    """The language the window speaks now, as the loaded translation says ("en" when none is loaded).
    Plugin manifests may carry titles for it (``title_zh_CN``)."""
    # Translators: the code of this translation's language, e.g. zh_CN.
    code = QCoreApplication.translate("i18n", "LANGUAGE_CODE")
    return "en" if code == "LANGUAGE_CODE" else code
