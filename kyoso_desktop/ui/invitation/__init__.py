"""Invitation area: the status cards, the mailbox dialog, the link-typing aid and the inquiry."""
