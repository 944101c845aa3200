"""What every area shares: paths, translation, storage, settings, policy, TLS, passwords, logs,
dates, organisation-code check digit, the root error and the note type."""
