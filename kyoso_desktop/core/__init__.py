"""Qt-free core: rules, checks, storage. Importing Qt anywhere below this package is a bug."""
