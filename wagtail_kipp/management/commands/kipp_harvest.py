"""``kipp_harvest``: take other portals' public innovations into this site's catalogues through their API."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...exchange.harvest import SourceReport, Status, harvest_source
from ...exchange.harvest_client import HarvestClient, HarvestError, api_root
from ...models import HarvestSource, InnovationIndexPage


class Command(BaseCommand):
    help = (
        "Harvest other KIPP portals' open data APIs into this site's catalogues: each URL is a portal's API "
        "root (e.g. https://kota.example.go.id/api/kipp/v1/); --all harvests every active harvested portal. "
        "Only innovations changed since the last run are read, unless --full. Prints a report per portal; "
        "exits with status 1 when a portal failed (its catalogue and cursor are then left as they were)."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", metavar="URL", help="API roots of the portals to harvest.")
        parser.add_argument("--all", action="store_true", help="Harvest every active harvested portal.")
        parser.add_argument(
            "--catalogue",
            type=int,
            metavar="PAGE_ID",
            help="For a URL not harvested before: the catalogue page (its id) its innovations go to.",
        )
        parser.add_argument("--name", help="For a URL not harvested before: its name (default: the API's).")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Read every innovation, not only the changed ones, and report those no longer listed there.",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="With --full: unpublish the innovations the portal no longer lists (never deletes them).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and merge, report, then undo every change."
        )
        parser.add_argument("--json", action="store_true", help="Print the reports as JSON.")

    def handle(self, *args, **options):
        if options["prune"] and not options["full"]:
            raise CommandError("--prune needs --full: only a full run knows what the portal no longer lists.")
        if not options["urls"] and not options["all"]:
            raise CommandError("Give the API address of one or more portals, or --all.")
        if options["dry_run"]:
            with transaction.atomic():
                reports = self.harvest(options)
                transaction.set_rollback(True)  # portals added for a dry run are not kept either
        else:
            reports = self.harvest(options)
        if options["json"]:
            self.stdout.write(json.dumps([report.as_dict() for report in reports], indent=2, default=str))
        else:
            for report in reports:
                self.print_report(report, options["verbosity"])
        failed = [report for report in reports if report.status == Status.FAILED]
        if failed:
            raise CommandError(f"{len(failed)} of {len(reports)} portals failed.")

    def harvest(self, options) -> list[SourceReport]:
        full, prune, dry_run = options["full"], options["prune"], options["dry_run"]
        sources = self.sources(options)
        return [harvest_source(source, full=full, prune=prune, dry_run=dry_run) for source in sources]

    def sources(self, options) -> list[HarvestSource]:
        """The sources to harvest, in the order given; a new URL becomes a source with ``--catalogue``."""
        if options["all"]:
            sources = list(HarvestSource.objects.filter(active=True).select_related("catalogue"))
            if not sources and not options["urls"]:
                self.stdout.write("No active harvested portal.")
            known = {source.pk for source in sources}
        else:
            sources, known = [], set()
        by_root = {api_root(source.api_url): source for source in HarvestSource.objects.all()}
        for url in options["urls"]:
            try:
                root = api_root(url)
            except HarvestError as error:
                raise CommandError(str(error)) from error
            source = by_root.get(root) or self.add_source(root, options)
            if source.pk not in known:
                sources.append(source)
                known.add(source.pk)
        return sources

    def add_source(self, root: str, options) -> HarvestSource:
        if options["catalogue"] is None:
            raise CommandError(
                f"{root} is not a harvested portal yet: give --catalogue <page id> to add it "
                "(the id of the catalogue page its innovations go to)."
            )
        catalogue = InnovationIndexPage.objects.filter(pk=options["catalogue"]).first()
        if catalogue is None:
            raise CommandError(f"Page {options['catalogue']} is not an innovation catalogue.")
        name = options["name"] or self.portal_name(root)
        source = HarvestSource.objects.create(name=name[:255], api_url=root, catalogue=catalogue)
        self.stdout.write(f"Added {name} ({root}) to the harvested portals, into “{catalogue.title}”.")
        return source

    def portal_name(self, root: str) -> str:
        """The portal's name as its API's index gives it, else its host."""
        try:
            with HarvestClient(retries=1) as client:
                index = client.index(root)
        except HarvestError:
            index = {}
        name = index.get("portal") if isinstance(index.get("portal"), str) else ""
        return name.strip() or urlsplit(root).hostname or root

    def print_report(self, report: SourceReport, verbosity: int) -> None:
        style = {Status.OK: self.style.SUCCESS, Status.PARTIAL: self.style.WARNING}.get(
            report.status, self.style.ERROR
        )
        dry = " (dry run: nothing kept)" if report.dry_run else ""
        took = f"{report.duration_seconds:.1f} s"
        self.stdout.write(style(f"{report.source} ({report.api_url}): {report.status} in {took}{dry}"))
        if report.error:
            self.stdout.write(f"  error: {report.error}")
        self.stdout.write(
            f"  fetched {report.fetched}, created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, skipped {report.skipped}"
            f" ({report.requests} requests, {report.retries} retries)"
        )
        if report.organisations_created:
            self.stdout.write(f"  organisations created: {len(report.organisations_created)}")
        if report.themes_created:
            self.stdout.write(f"  themes created: {', '.join(report.themes_created)}")
        if report.figures_left_out:
            self.stdout.write(f"  figures left out (images are not copied): {report.figures_left_out}")
        records = report.skipped_records if verbosity >= 1 else []
        for item in records:
            label = f"{item['id']} ({item['locale']}) “{item['title']}”"
            self.stdout.write(f"  skipped {label}: {item['reason']}")
        if report.skipped > len(records) and verbosity >= 1:
            self.stdout.write(f"  ... and {report.skipped - len(records)} more skipped")
        if report.full:
            action = f"unpublished {report.pruned}" if report.pruned else "kept (--prune unpublishes them)"
            self.stdout.write(f"  no longer listed there: {report.missing}, {action}")
            if verbosity >= 2:
                for item in report.missing_records:
                    self.stdout.write(f"    {item['id']} ({item['locale']}) “{item['title']}”")
        for note in report.notes:
            self.stdout.write(f"  note: {note}")
        if report.harvested_until and not report.dry_run:
            self.stdout.write(f"  harvested until {report.harvested_until}")
