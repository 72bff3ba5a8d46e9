"""
The catalogue as open data: every innovation matching the current search and filters, as CSV or JSON.

Rows are streamed a window at a time, in the catalogue's order, with a constant number of queries per window;
they hold what the public pages show and nothing else (no contact details, no innovator names).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone

from ..models import AwardLevel, AwardTier

#: Innovations read per database round trip while a download streams.
WINDOW = 500

#: The columns of the CSV download and the keys of each JSON record, in order.
FIELDS = [
    "id",
    "locale",
    "url",
    "title",
    "organisation",
    "organisation_acronym",
    "organisation_kind",
    "stage",
    "innovation_form",
    "initiator",
    "is_digital",
    "still_running",
    "started_on",
    "themes",
    "sdgs",
    "awards",
    "summary",
    "first_published_at",
    "last_published_at",
]


def innovations(catalogue) -> Iterator:
    """Every innovation of the catalogue's current results, in order, with what a row needs."""
    total = catalogue.page.paginator.count
    model = catalogue.base_queryset.model
    for start in range(0, total, WINDOW):
        keys = catalogue.result_keys(start, min(start + WINDOW, total))
        found = model._default_manager.filter(pk__in=keys).select_related("organisation", "locale")
        found = {page.pk: page for page in found.prefetch_related("themes", "sdgs", "awards")}
        yield from (found[key] for key in keys if key in found)


def record(page, request) -> dict:
    """One innovation as a JSON record: codes for choices, lists for themes, goals and awards."""
    organisation = page.organisation
    return {
        "id": str(page.translation_key),
        "locale": page.locale.language_code,
        "url": page.get_full_url(request),
        "title": page.title,
        "organisation": organisation.name,
        "organisation_acronym": organisation.acronym,
        "organisation_kind": organisation.kind,
        "stage": page.stage,
        "innovation_form": page.innovation_form,
        "initiator": page.initiator,
        "is_digital": page.is_digital,
        "still_running": page.still_running,
        "started_on": page.started_on.isoformat(),
        "themes": [theme.name for theme in page.themes.all()],
        "sdgs": sorted(goal.number for goal in page.sdgs.all()),
        "awards": [
            {
                "year": award.year,
                "competition": award.competition,
                "level": award.level,
                "tier": award.tier,
            }
            for award in page.awards.all()
        ],
        "summary": page.summary,
        "first_published_at": _timestamp(page.first_published_at),
        "last_published_at": _timestamp(page.last_published_at),
    }


def csv_row(values: dict) -> list:
    """A JSON record flattened for a spreadsheet: lists joined with "; ", booleans as 1/0."""
    row = dict(values)
    row["themes"] = "; ".join(values["themes"])
    row["sdgs"] = "; ".join(str(number) for number in values["sdgs"])
    row["awards"] = "; ".join(_award_text(award) for award in values["awards"])
    for name in ("is_digital", "still_running"):
        row[name] = int(values[name])
    return [row[name] for name in FIELDS]


TIERS, LEVELS = dict(AwardTier.choices), dict(AwardLevel.choices)


def _award_text(award: dict) -> str:
    tier = TIERS.get(award["tier"], award["tier"])
    level = LEVELS.get(award["level"], award["level"])
    return f"{award['year']} {award['competition']}: {tier} ({level})"


def _timestamp(value) -> str | None:
    return value.isoformat() if value else None


class _Echo:
    """A file-like object whose ``write`` hands the text back, for ``csv.writer`` in a streaming response."""

    def write(self, value: str) -> str:
        return value


def _filename(index_page, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"{index_page.slug or 'catalogue'}-{stamp}.{extension}"


def _download(chunks: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse((chunk.encode() for chunk in chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def csv_response(index_page, catalogue) -> StreamingHttpResponse:
    """The current results as CSV (UTF-8 with a byte order mark, so spreadsheets read the accents)."""
    writer = csv.writer(_Echo())
    request = catalogue.request

    def chunks():
        yield "\ufeff" + writer.writerow(FIELDS)
        for page in innovations(catalogue):
            yield writer.writerow(csv_row(record(page, request)))

    return _download(chunks(), "text/csv; charset=utf-8", _filename(index_page, "csv"))


def json_response(index_page, catalogue) -> StreamingHttpResponse:
    """The current results as one JSON object: what was asked, how many, and the records."""
    request = catalogue.request

    def chunks():
        head = {
            "catalogue": index_page.get_full_url(request),
            "query": catalogue.querystring().lstrip("?"),
            "generated_at": timezone.now().isoformat(),
            "count": catalogue.page.paginator.count,
        }
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
        for position, page in enumerate(innovations(catalogue)):
            yield ("," if position else "") + json.dumps(record(page, request), ensure_ascii=False)
        yield "]}"

    return _download(chunks(), "application/json", _filename(index_page, "json"))
