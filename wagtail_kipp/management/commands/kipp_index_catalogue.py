"""``kipp_index_catalogue``: rebuild the catalogue's search documents, lexicon and search engine index."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from ...catalogue import cards, search_index
from ...catalogue.cache import bump_version
from ...catalogue.engine import get_engine


class Command(BaseCommand):
    help = (
        "Rewrite the catalogue search document of every live innovation, drop those of pages no longer live, "
        "rebuild the search engine's catalogue index when one is configured (a new index, then its alias "
        "moved), render every catalogue card again, and invalidate the cached facet counts. Publishing keeps "
        "them current; run this after a bulk import that bypassed it, or after changing "
        "WAGTAIL_KIPP_POSTGRES_SEARCH_CONFIGS or the engine's analyzers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine-only", action="store_true", help="Rebuild only the search engine's catalogue index."
        )

    def handle(self, *args, **options):
        def progress(count):
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {count} documents")

        engine = get_engine()
        if options["engine_only"] and engine is None:
            raise CommandError(
                "No search engine is configured for the catalogue (WAGTAIL_KIPP_CATALOGUE_SEARCH)."
            )
        if not options["engine_only"]:
            total = search_index.rebuild(progress=progress)
            self.stdout.write(self.style.SUCCESS(f"Indexed {total} innovations."))
            began = time.monotonic()
            total = cards.rebuild(progress=progress)
            self.stdout.write(
                self.style.SUCCESS(f"Rendered {total} catalogue cards in {time.monotonic() - began:.1f} s.")
            )
        if engine is not None:
            began = time.monotonic()
            total = engine.rebuild(progress=progress)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {total} innovations in the search engine ({engine.alias}) "
                    f"in {time.monotonic() - began:.1f} s."
                )
            )
        bump_version()
