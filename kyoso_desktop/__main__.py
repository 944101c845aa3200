"""`python -m kyoso_desktop` → the command line (the window without a subcommand)."""

from kyoso_desktop.launcher import main

main()
