"""The email check: may this address register? Engine, address clean-up, suggestions, texts,
the directory of bodies, the optional online MX look-up and CSV batches."""
