"""Shared parts of the secretariat's results screens: access, the stage in the URL, labels, spreadsheets."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem as AdminMenuItem

from ..judging.permissions import is_secretariat
from ..models import RESULT_STAGES, CompetitionPage, Decision, StageState
from ..templatetags.kipp_portal import round_datetime
from .entries import FORMULA_STARTS

#: Why the ranking does not suggest an entry (``StageResult.suggestion_reason``), as readable text.
SUGGESTION_REASONS = {
    "not_ranked": _("not ranked (too few reviews)"),
    "below_passing_score": _("below the passing score"),
    "organisation_limit": _("limit per organisation reached"),
    "group_quota": _("quota of its group full"),
    "organisation_kind_quota": _("quota for its kind of organisation full"),
    "overall_quota": _("overall quota full"),
    "tie_at_cutoff": _("tied at the cut-off: the panel decides"),
}

#: Why a juror's review did not count (``scoring.ExclusionReason``).
EXCLUSION_REASONS = {
    "conflict": _("conflict of interest"),
    "not_submitted": _("not submitted"),
    "incomplete": _("incomplete score sheet"),
}

#: A juror's leniency compared with the other jurors on the same entries (``scoring.LeniencyLabel``).
LENIENCY_LABELS = {
    "lenient": _("lenient"),
    "severe": _("severe"),
    "typical": _("typical"),
}

#: Spreadsheet formats of the exports (the ``export`` query parameter, as in Wagtail's listings).
EXPORT_FORMATS = ("csv", "xlsx")


def suggestion_display(result) -> str:
    """The ranking's suggestion with its reason, e.g. "does not advance: overall quota full"."""
    if result.suggestion == Decision.PENDING:
        return ""
    label = str(Decision(result.suggestion).label)
    reason = SUGGESTION_REASONS.get(result.suggestion_reason, result.suggestion_reason)
    return f"{label}: {reason}" if reason else label


def suggestion_reason_display(code: str) -> str:
    return str(SUGGESTION_REASONS.get(code, code))


def when(value: datetime.datetime | None, competition) -> str:
    """A moment in the round's timezone with its label (WIB, WITA, WIT), or an empty string."""
    if value is None:
        return ""
    return f"{round_datetime(value, competition)} {competition.timezone_label}".strip()


def stage_url(name: str, competition, stage_kind: str) -> str:
    """The URL of a per-stage results view, e.g. ``stage_url("ranking", round, "desk_evaluation")``."""
    return reverse(f"kipp_results:{name}", args=[competition.pk, stage_kind])


class SecretariatMenuItem(AdminMenuItem):
    """A menu item shown only to the secretariat."""

    def is_shown(self, request):
        return is_secretariat(request.user)


class SecretariatOnlyMixin:
    """Refuses everybody but the secretariat, before anything is looked up (nothing to learn from ids)."""

    def setup(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)


class StageMixin(SecretariatOnlyMixin):
    """
    The round (``competition_pk``) and result stage (``stage``) named in the URL, and the stage's state.

    A round or stage that does not exist, or a stage kind without results, answers 404.
    """

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.competition = get_object_or_404(
            CompetitionPage.objects.prefetch_related("stages"), pk=kwargs["competition_pk"]
        )
        self.stage_kind = kwargs["stage"]
        self.stage = self.competition.get_stage(self.stage_kind) if self.stage_kind in RESULT_STAGES else None
        if self.stage is None:
            raise Http404
        self.state = StageState.objects.filter(
            competition=self.competition, stage_kind=self.stage_kind
        ).select_related("scoring_closed_by", "published_by").first() or StageState(
            competition=self.competition, stage_kind=self.stage_kind
        )

    @property
    def is_published(self) -> bool:
        return self.state.published_at is not None

    def stage_url(self, name: str) -> str:
        return stage_url(name, self.competition, self.stage_kind)

    def get_stage_breadcrumbs(self) -> list[dict]:
        """Results > the round > the stage's ranking; views add their own last item."""
        return [
            {"url": reverse("kipp_results:index"), "label": _("Results")},
            {
                "url": reverse("kipp_results:round", args=[self.competition.pk]),
                "label": self.competition.title,
            },
            {"url": self.stage_url("ranking"), "label": self.stage.display_name},
        ]

    def get_page_subtitle(self):
        return f"{self.competition.title}: {self.stage.display_name}"

    def get_stage_context(self) -> dict:
        return {
            "competition": self.competition,
            "stage": self.stage,
            "stage_kind": self.stage_kind,
            "state": self.state,
            "is_published": self.is_published,
            "ranking_url": self.stage_url("ranking"),
        }


# Spreadsheets ----------------------------------------------------------------------------------------------


def neutralise(value):
    """Quote a text cell that a spreadsheet program would run as a formula (``=``, ``+``, ``-``, ``@``)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell_value(value, competition=None, *, xlsx=False):
    if isinstance(value, Decimal):
        return float(value) if xlsx else value  # a number in XLSX, "8.50" (not "8.5") in CSV
    if isinstance(value, datetime.datetime):
        zone = competition.tzinfo if competition is not None else datetime.UTC
        return timezone.localtime(value, zone).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, bool | int | float | datetime.date):
        return value
    return str(value)


class Sheet:
    """One table of an export: a title (the XLSX sheet name), the headings and the rows."""

    def __init__(self, title: str, headings: Sequence[str], rows: Iterable[Sequence]):
        self.title = str(title)
        self.headings = [str(heading) for heading in headings]
        self.rows = rows


def write_spreadsheet(
    target: IO[bytes], sheets: Sequence[Sheet], export_format: str, competition=None
) -> str:
    """
    Write the sheets to the binary file ``target`` as CSV (tables one after the other, separated by an empty
    line) or as an XLSX workbook (one worksheet each); returns the file extension. Times are written in the
    round's zone; formulas are never written.
    """
    if export_format == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True)
        for sheet in sheets:
            # Sheet names: at most 31 characters, none of []:*?/\
            title = "".join(c for c in sheet.title if c not in "[]:*?/\\")[:31] or "Sheet"
            worksheet = workbook.create_sheet(title=title)
            worksheet.append(sheet.headings)
            for row in sheet.rows:
                cells = []
                for value in row:
                    cell = WriteOnlyCell(worksheet, _cell_value(value, competition, xlsx=True))
                    if cell.data_type == "f":
                        cell.data_type = "s"  # text that looks like a formula stays text
                    cells.append(cell)
                worksheet.append(cells)
        workbook.save(target)
        return "xlsx"
    output = io.TextIOWrapper(target, encoding="utf-8", newline="")
    writer = csv.writer(output)
    for position, sheet in enumerate(sheets):
        if position:
            writer.writerow([])
        if len(sheets) > 1:
            writer.writerow([sheet.title])
        writer.writerow(sheet.headings)
        for row in sheet.rows:
            writer.writerow([neutralise(_cell_value(value, competition)) for value in row])
    output.flush()
    output.detach()  # the caller owns ``target``
    return "csv"


def spreadsheet_response(
    filename: str, sheets: Sequence[Sheet], export_format: str, competition=None
) -> HttpResponse:
    """The sheets as a CSV or XLSX download (see :func:`write_spreadsheet`)."""
    output = io.BytesIO()
    # Written at once, not streamed: a streamed body would be rendered after the admin's language override
    # ends (see the entries export).
    extension = write_spreadsheet(output, sheets, export_format, competition)
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if extension == "xlsx"
        else "text/csv; charset=utf-8"
    )
    response = HttpResponse(output.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response
