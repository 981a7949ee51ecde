"""`python -m corpus`."""

from corpus.cli import main

main()
