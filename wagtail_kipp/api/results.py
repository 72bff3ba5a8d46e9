"""
A round's published results, exactly as the round page shows them (``judging.publication``): finalists and
winners of published stages, ranks only where the round publishes its ranking, resolved objections.
Never a score, a juror, an eliminated entry, a filer or an unpublished stage.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router

from ..judging import publication
from ..models import InnovationPage
from .errors import Problem
from .filters import LanguageCode
from .queries import public_pages
from .references import page_ref
from .rounds import find_round
from .schemas import RoundResults

router = Router(tags=["rounds"])


def entry_data(request: HttpRequest, item: publication.PublicEntry, public: dict[int, Any]) -> dict[str, Any]:
    organisation = item.organisation_record
    innovation = public.get(item.innovation.pk) if item.innovation is not None else None
    return {
        "reference": item.reference,
        "title": item.title,
        "organisation": {
            "name": organisation.name,
            "acronym": organisation.acronym,
            "slug": organisation.slug,
            "kind": organisation.kind,
        },
        "award_tier": item.award_tier or None,
        # The round page shows ranks (beside scores) only where the round publishes them; scores never leave.
        "rank": item.rank,
        "innovation": page_ref(request, innovation) if innovation is not None else None,
    }


def groups_data(
    request: HttpRequest, groups: list[publication.GroupList], public: dict
) -> list[dict[str, Any]]:
    return [
        {
            "slug": group.slug,
            "name": group.name,
            "entries": [entry_data(request, item, public) for item in group.entries],
        }
        for group in groups
    ]


@router.get(
    "/rounds/{id}/results",
    response={200: RoundResults, 400: Problem, 404: Problem},
    url_name="round_results",
    operation_id="getRoundResults",
    summary=gettext_lazy("Published results of a round"),
    description="What the round page shows of the judging once published: finalists and winners by group, "
    "awards, ranks where the round publishes them, and resolved objections. Empty lists until then.",
)
def round_results(request: HttpRequest, id: uuid.UUID, locale: LanguageCode | None = None):
    page = find_round(request, id, locale)
    results = publication.round_results(page)
    linked = {
        item.innovation.pk
        for groups in (results.finalists, results.winners)
        for group in groups
        for item in group.entries
        if item.innovation is not None
    }
    public = (
        {
            innovation.pk: innovation
            for innovation in public_pages(InnovationPage, request).filter(pk__in=linked)
        }
        if linked
        else {}
    )
    return {
        "round": page_ref(request, page, "round"),
        "finalists_published_at": results.finalists_published_at,
        "winners_published_at": results.winners_published_at,
        "finalists": groups_data(request, results.finalists, public),
        "winners": groups_data(request, results.winners, public),
        "objections": [
            {
                "reference": objection.entry.reference,
                "title": objection.entry.title,
                "status": objection.status,
                "resolution": objection.resolution,
                "resolved_at": objection.resolved_at,
            }
            for objection in results.objections
        ],
    }
