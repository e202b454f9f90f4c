"""``python -m legcompare``."""

from .cli import run

run()
