"""For the helpdesk and IT: about this installation, shipped licences, the guide, and what a
support code says."""
