"""``python -m legcompare``."""

from .cli import main

main()
