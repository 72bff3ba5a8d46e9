"""``kipp_import_bundle``: import another portal's winner bundle into a round, or check it with --dry-run."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...exchange.bundles import BundleError, import_bundle
from .kipp_export_bundle import round_from_option


def parse_group_map(values: list[str]) -> dict[str, int]:
    """``KIND=ID`` pairs of ``--group`` (``*=ID`` for every kind not named) as a ``group_map``."""
    group_map: dict[str, int] = {}
    for value in values:
        kind, separator, group_id = value.partition("=")
        if not separator or not kind.strip() or not group_id.strip().isdigit():
            raise CommandError(
                _("--group expects KIND=ID, for example --group khusus=12; got “%(value)s”.")
                % {"value": value}
            )
        group_map[kind.strip()] = int(group_id)
    return group_map


class Command(BaseCommand):
    help = (
        "Import a winner bundle of another portal into a round: its entries become submitted entries of the "
        "round. All or nothing; importing the same bundle again changes nothing. A refused bundle is "
        "reported problem by problem and the command ends with a non-zero exit status."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The bundle (ZIP) to import.")
        parser.add_argument("--round", required=True, help="The receiving round: its page id or slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report everything, then save nothing."
        )
        parser.add_argument(
            "--group",
            action="append",
            default=[],
            metavar="KIND=ID",
            help="Put the bundle's entries of group kind KIND into the round's group ID (* for every kind).",
        )

    def handle(self, *args, **options):
        competition = round_from_option(options["round"])
        group_map = parse_group_map(options["group"])
        try:
            source = open(options["path"], "rb")  # noqa: SIM115 (closed below)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s")
                % {"path": options["path"], "error": error.strerror or error}
            ) from None
        try:
            report = import_bundle(source, competition, group_map=group_map, dry_run=options["dry_run"])
        except BundleError as error:
            for problem in error.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(
                ngettext(
                    "The bundle was refused (%(count)d problem, listed above); nothing was imported.",
                    "The bundle was refused (%(count)d problems, listed above); nothing was imported.",
                    len(error.problems),
                )
                % {"count": len(error.problems)}
            ) from None
        finally:
            source.close()
        for line in report.lines():
            self.stdout.write(line)
