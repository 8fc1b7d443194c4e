"""`python -m presswatch`: the command line."""

from .cli import main

main()
