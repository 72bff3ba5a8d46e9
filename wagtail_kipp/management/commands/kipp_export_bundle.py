"""``kipp_export_bundle``: write a winner bundle of a round's winners or chosen entries to a file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ...exchange.bundles import ExportRefused, entries_by_reference, export_bundle, winners
from ...judging import publication
from ...models import CompetitionPage


def round_from_option(value: str) -> CompetitionPage:
    """The round named by ``--round``: its page id, or its slug when that names one round only."""
    value = (value or "").strip()
    if value.isdigit():
        found = list(CompetitionPage.objects.filter(pk=int(value)))
    else:
        found = list(CompetitionPage.objects.filter(slug=value))
    rounds = {page.pk: page for page in (publication.results_round(page) for page in found)}
    if not rounds:
        raise CommandError(_("There is no round with the id or slug “%(round)s”.") % {"round": value})
    if len(rounds) > 1:
        raise CommandError(
            _("Several rounds have the slug “%(round)s”; give the round's id: %(ids)s.")
            % {"round": value, "ids": ", ".join(str(pk) for pk in sorted(rounds))}
        )
    return next(iter(rounds.values()))


class Command(BaseCommand):
    help = (
        "Write a winner bundle (ZIP) of a round's published winners or of chosen entries, with their files, "
        "published results and award history, for another portal (the province) to import."
    )

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, help="The round: its page id or its slug.")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--winners", action="store_true", help="The entries the published final decision advanced."
        )
        which.add_argument(
            "--entry", nargs="+", dest="entries", metavar="REFERENCE", help="Entries by reference number."
        )
        parser.add_argument("--output", "-o", required=True, help="The file to write, e.g. winners.zip.")
        parser.add_argument("--force", action="store_true", help="Overwrite the output file if it exists.")

    def handle(self, *args, **options):
        competition = round_from_option(options["round"])
        try:
            if options["winners"]:
                entries = list(winners(competition))
                if not entries:
                    raise CommandError(
                        _("The round “%(round)s” has no published winners yet.")
                        % {"round": competition.title}
                    )
            else:
                entries = entries_by_reference(competition, options["entries"])
        except ExportRefused as refused:
            raise CommandError(str(refused)) from None
        output = Path(options["output"])
        if output.is_dir():
            raise CommandError(_("%(path)s is a folder; give a file name.") % {"path": output})
        if output.exists() and not options["force"]:
            raise CommandError(_("%(path)s already exists; use --force to overwrite it.") % {"path": output})
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as target:
                manifest = export_bundle(entries, target)
            partial.replace(output)
        except ExportRefused as refused:
            partial.unlink(missing_ok=True)
            raise CommandError(str(refused)) from None
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror or error}
            ) from None
        self.print_summary(output, competition, entries, manifest)

    def print_summary(self, output: Path, competition, entries, manifest) -> None:
        files = manifest["files"]
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(path)s (%(size)s): bundle %(id)s of “%(round)s”.")
                % {
                    "path": output,
                    "size": filesizeformat(output.stat().st_size),
                    "id": manifest["bundle_id"],
                    "round": competition.title,
                }
            )
        )
        self.stdout.write(
            _("Entries (%(count)d): %(references)s")
            % {"count": len(entries), "references": ", ".join(entry.reference for entry in entries)}
        )
        self.stdout.write(
            _("Files: %(count)d, %(size)s unpacked.")
            % {"count": len(files) + 1, "size": filesizeformat(sum(row["size"] for row in files))}
        )
        self.stdout.write(_("SHA-256 of bundle.json: %(sha)s") % {"sha": manifest["bundle_sha256"]})
        self.stdout.write(_("Signed: yes") if "signature" in manifest else _("Signed: no"))
