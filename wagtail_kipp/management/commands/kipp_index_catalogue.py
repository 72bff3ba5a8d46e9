"""``kipp_index_catalogue``: rebuild the catalogue's search documents and lexicon from live innovations."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...catalogue import search_index
from ...catalogue.cache import bump_version


class Command(BaseCommand):
    help = (
        "Rewrite the catalogue search document of every live innovation, drop those of pages no longer live, "
        "and invalidate the cached facet counts. Publishing keeps the documents current; run this after a "
        "bulk import that bypassed it, or after changing WAGTAIL_KIPP_POSTGRES_SEARCH_CONFIGS."
    )

    def handle(self, *args, **options):
        def progress(count):
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {count} documents")

        total = search_index.rebuild(progress=progress)
        bump_version()
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} innovations."))
