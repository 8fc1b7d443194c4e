"""`python -m presswatch.cli`: the command line."""

from . import main

main()
