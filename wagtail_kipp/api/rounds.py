"""The rounds resource: the site's public competition rounds with their timeline, groups and forms."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router
from wagtail.rich_text import expand_db_html

from ..models import CompetitionPage, EntryGroup, StageState
from .errors import Problem
from .filters import LanguageCode, SyncParams, Year, apply_sync
from .pagination import PageParams, add_link_header, paginate
from .queries import public_pages, translation_of
from .references import api_url, page_ref, theme_data, translations_of
from .schemas import Round, RoundList

router = Router(tags=["rounds"])

ROUTE = "round"


class RoundFilters(SyncParams):
    year: list[Year] = Field([], description="Year of the round.")


def rounds_queryset(request: HttpRequest) -> QuerySet:
    return public_pages(CompetitionPage, request).prefetch_related(
        "themes",
        "stages",
        Prefetch(
            "entry_groups",
            queryset=EntryGroup.objects.select_related("template").prefetch_related(
                "template__sections", "template__attachment_slots"
            ),
        ),
    )


def published_by_round(pages: list) -> dict[int, dict[str, Any]]:
    """Per round in the default language, when each stage's results were published (one query)."""
    found: dict[int, dict[str, Any]] = {}
    states = StageState.objects.filter(
        competition__translation_key__in={page.translation_key for page in pages}, published_at__isnull=False
    ).values_list("competition__translation_key", "stage_kind", "published_at")
    for key, kind, published_at in states:
        found.setdefault(key, {})[kind] = published_at
    return found


def group_data(group) -> dict[str, Any]:
    template = group.template
    return {
        "slug": group.slug,
        "kind": group.kind,
        "name": group.name,
        "name_en": group.name_en,
        "invitation_only": group.invitation_only,
        "sections": [
            {"heading": section.heading, "word_limit": section.word_limit}
            for section in template.sections.all()
        ],
        "attachments": [
            {"label": slot.label, "required": slot.required} for slot in template.attachment_slots.all()
        ],
    }


def serialise(request: HttpRequest, pages: list) -> list[dict[str, Any]]:
    translations = translations_of(request, CompetitionPage, pages, ROUTE)
    published = published_by_round(pages)
    now = timezone.now()
    return [record(request, page, translations[page.translation_key], published, now) for page in pages]


def record(request: HttpRequest, page, translations: list, published: dict, now) -> dict[str, Any]:
    # Results belong to the round in the default language; its translations share its translation key.
    results_published = published.get(page.translation_key, {})
    entry_stage = page.entry_stage
    return {
        **page_ref(request, page, ROUTE),
        "slug": page.slug,
        "results_url": api_url(request, "round_results", page),
        "year": page.year,
        "intro": page.intro,
        "rules_html": expand_db_html(page.rules),
        "timezone": page.timezone,
        "award_level": page.award_level,
        "themes": [theme_data(theme) for theme in page.themes.all()],
        "max_entries_per_group": page.max_entries_per_group,
        "minimum_age_months": page.minimum_age_months,
        "open_for_entries": page.is_open_for_entries(now),
        "entry_opens_at": entry_stage.opens_at if entry_stage else None,
        "entry_closes_at": entry_stage.closes_at if entry_stage else None,
        "stages": [
            {
                "kind": stage.kind,
                "name": stage.display_name,
                "opens_at": stage.opens_at,
                "closes_at": stage.closes_at,
                "results_published_at": results_published.get(stage.kind),
            }
            for stage in page.get_timeline()
        ],
        "groups": [group_data(group) for group in page.entry_groups.all()],
        "translations": translations,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def find_round(request: HttpRequest, id: uuid.UUID, locale: str | None):
    """The public round of stable id ``id`` in ``locale`` (or the request's language); 404 when none."""
    return translation_of(rounds_queryset(request), id, locale)


@router.get(
    "/rounds",
    response={200: RoundList, 400: Problem},
    url_name="rounds",
    operation_id="listRounds",
    summary=gettext_lazy("List rounds"),
    description="The site's public competition rounds, newest year first.",
)
def list_rounds(
    request: HttpRequest, response: HttpResponse, filters: Query[RoundFilters], params: Query[PageParams]
):
    queryset = apply_sync(rounds_queryset(request), filters)
    if filters.year:
        queryset = queryset.filter(year__in=filters.year)
    queryset = queryset.order_by("-year", F("last_published_at").asc(nulls_first=True), "pk")
    page = paginate(request, queryset, params)
    add_link_header(response, page)
    page["results"] = serialise(request, page.pop("items"))
    return page


@router.get(
    "/rounds/{id}",
    response={200: Round, 400: Problem, 404: Problem},
    url_name=ROUTE,
    operation_id="getRound",
    summary=gettext_lazy("One round"),
    description="A round by its stable id, in the language `locale` (as for innovations).",
)
def get_round(request: HttpRequest, id: uuid.UUID, locale: LanguageCode | None = None):
    return serialise(request, [find_round(request, id, locale)])[0]
