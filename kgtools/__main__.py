"""``python -m kgtools``."""

from .cli import main

main()
