"""The application: the wizard's flow as data (steps, fields, rules to confirm) and the records
of applications made from this PC."""
