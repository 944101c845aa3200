"""The registration wizard: numbered steps over the core's RegistrationFlow."""

from kyoso_desktop.ui.wizard.wizard import RegistrationWizard

__all__ = ["RegistrationWizard"]
