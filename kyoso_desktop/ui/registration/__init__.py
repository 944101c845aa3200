"""Registration area: the numbered wizard steps and the live email check, over core.registration."""

from kyoso_desktop.ui.registration.wizard import RegistrationWizard

__all__ = ["RegistrationWizard"]
