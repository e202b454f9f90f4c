"""``legcompare serve``: a local web app over the library, for people who will never type a
command.

One module per concern: :mod:`.app` (the pages, on Flask), :mod:`.server` (waitress, binding,
stopping), :mod:`.jobs` (the bounded worker pool and its jobs), :mod:`.tasks` (what a worker
does: read, one library call, render), :mod:`.inputs` (a form's documents, checked) and
:mod:`.security` (host, CSRF and origin checks, response headers). The web layer adds no
comparison logic: every result is a library call and every report the library's renderer.
"""

from __future__ import annotations

from .server import Running, serve, start

__all__ = ["Running", "serve", "start"]
