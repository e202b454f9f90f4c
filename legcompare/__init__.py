"""legcompare: compare legislative texts clause by clause."""

from __future__ import annotations

__version__ = "0.1.0"

