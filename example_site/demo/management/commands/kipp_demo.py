"""``manage.py kipp_demo``: fill the example portal with a fictional city's innovation catalogue."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo import jury, loader, rounds
from demo.data import CONCEPTS
from demo.generate import REPLICATION_TARGET
from wagtail_kipp.models import Award, InnovationPage, Organisation, Theme

FULL_SIZE = len(CONCEPTS) + REPLICATION_TARGET


class Command(BaseCommand):
    help = (
        "Create the demo content of the example portal (Kota Sukamaju): site pages, organisations, themes, "
        "150+ innovations with awards and English translations, and demo accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--innovations",
            type=int,
            default=None,
            metavar="N",
            help=f"Load only N innovations, covering all years and award levels (default: {FULL_SIZE}).",
        )
        parser.add_argument("--quiet", action="store_true", help="Print only the summary at the end.")

    def handle(self, *args, **options):
        limit = options["innovations"]
        if limit is not None and limit < 1:
            raise CommandError("--innovations must be at least 1.")
        quiet = options["quiet"] or options["verbosity"] < 1
        started = time.monotonic()
        demo = loader.DemoLoader(innovations=limit, progress=None if quiet else self.stdout.write)
        # The load runs tens of thousands of queries; with DEBUG on, Django records and formats every one
        # of them, which costs about a fifth of the run time.
        with override_settings(DEBUG=False):
            report = demo.run()
        self.print_summary(report, time.monotonic() - started)

    def print_summary(self, report: loader.Report, elapsed: float) -> None:
        write = self.stdout.write
        innovations = InnovationPage.objects.live()
        documents = get_document_model().objects.filter(collection__name=loader.COLLECTION_NAME)
        write(self.style.SUCCESS(f"Demo data ready in {elapsed:.1f}s."))
        write(
            f"  pages: {report.created} created, {report.updated} updated, {report.unchanged} unchanged; "
            f"{report.translated} translated into English"
        )
        write(
            f"  {Organisation.objects.count()} organisations, {Theme.objects.count()} themes, "
            f"{innovations.filter(locale__language_code='id').count()} innovations "
            f"({innovations.filter(locale__language_code='en').count()} in English), "
            f"{Award.objects.filter(page__locale__language_code='id').count()} awards, "
            f"{get_image_model().objects.filter(collection__name=loader.COLLECTION_NAME).count()} images, "
            f"{documents.count()} documents"
        )
        write(rounds.summary())
        write("")
        write("Run the site with:  python example_site/manage.py runserver")
        write("  http://127.0.0.1:8000/          home (Bahasa Indonesia)")
        write("  http://127.0.0.1:8000/en/       home (English)")
        write("  http://127.0.0.1:8000/katalog/  innovation catalogue")
        write("  http://127.0.0.1:8000/admin/    Wagtail admin")
        write(f"  http://127.0.0.1:8000/{rounds.OPEN_ROUND.slug}/ the open competition round")
        write(f"  http://127.0.0.1:8000/{rounds.EVALUATION_ROUND.slug}/ a round in desk evaluation")
        write(f"  http://127.0.0.1:8000/{rounds.FINISHED_ROUND.slug}/ a finished round with its results")
        write("  http://127.0.0.1:8000/portal/   entrant portal (operators)")
        write("  http://127.0.0.1:8000/jury/     jury portal (jurors)")
        write("Demo logins (for a local demo only):")
        for (username, password, _email), role in (
            (loader.ADMIN, "superuser"),
            (loader.EDITOR, "editor, group Editors"),
        ):
            write(f"  {username} / {password}  ({role})")
        for username, password, role in rounds.logins() + jury.logins():
            write(f"  {username} / {password}  ({role})")
        write(f"  also {', '.join(rounds.other_operators())} / {rounds.OPERATOR_PASSWORD}  (operators)")
