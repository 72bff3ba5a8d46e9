"""Django set-up shared by the benchmarks: the example site on ``DATABASE_URL`` or a new SQLite file.

Import this module before any Django import; ``configure()`` then runs ``django.setup()`` once.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "example_site"

for folder in (str(SITE), str(REPO)):
    if folder not in sys.path:
        sys.path.insert(0, folder)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
# Benchmarks measure production behaviour: no query log, no debug pages.
os.environ.setdefault("DJANGO_DEBUG", "0")


def configure(database_url: str | None = None) -> None:
    """Point Django at ``database_url`` (default: ``DATABASE_URL`` or a new SQLite file) and set it up."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    elif "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='kipp-bench-')}/bench.sqlite3"
    import django

    django.setup()
