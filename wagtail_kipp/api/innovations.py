"""The innovations resource: the catalogue's records, filtered as in the catalogue, for re-use and sync."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from wagtail.images import get_image_model

from ..conf import settings as kipp_settings
from ..models import InnovationDocument, InnovationGalleryImage, InnovationPage
from ..models.innovations import GALLERY_RENDITION
from . import body as body_blocks
from .errors import BadRequest, Problem
from .filters import InnovationFilters, LanguageCode, apply_filters
from .pagination import PageParams, add_link_header, paginate
from .queries import public_pages, translation_of
from .references import (
    award_data,
    goal_data,
    organisation_data,
    page_ref,
    theme_data,
    translations_of,
)
from .schemas import Innovation, InnovationList

router = Router(tags=["innovations"])

ROUTE = "innovation"


class InnovationOrder(StrEnum):
    LAST_PUBLISHED = "last_published_at"
    LAST_PUBLISHED_DESC = "-last_published_at"
    TITLE = "title"
    NEWEST = "-started_on"
    RELEVANCE = "relevance"


ORDERINGS = {
    InnovationOrder.LAST_PUBLISHED: (F("last_published_at").asc(nulls_first=True), "pk"),
    InnovationOrder.LAST_PUBLISHED_DESC: (F("last_published_at").desc(nulls_last=True), "-pk"),
    InnovationOrder.TITLE: ("title", "pk"),
    InnovationOrder.NEWEST: ("-started_on", "-pk"),
}


class OrderParams(Schema):
    order: InnovationOrder = Field(
        InnovationOrder.LAST_PUBLISHED,
        description="Order of the list: by last publication (the default, stable for sync), newest first, "
        "by title, by start of implementation, or by relevance to `q` (only with `q`).",
    )


def innovations_queryset(request: HttpRequest) -> QuerySet:
    """The site's public innovations, with what a record needs fetched in a constant number of queries."""
    image_model = get_image_model()
    spec = kipp_settings.API_IMAGE_RENDITION
    return (
        public_pages(InnovationPage, request)
        .select_related("organisation__parent")
        .prefetch_related(
            "themes",
            "sdgs",
            "awards",
            body_blocks.image_prefetch(spec),
            Prefetch(
                "gallery_images",
                queryset=InnovationGalleryImage.objects.prefetch_related(
                    Prefetch("image", queryset=image_model.objects.prefetch_renditions(GALLERY_RENDITION))
                ),
            ),
            Prefetch("documents", queryset=InnovationDocument.objects.select_related("document")),
            Prefetch(
                "replicates",
                queryset=public_pages(InnovationPage, request).order_by("title", "pk"),
                to_attr="public_replicates",
            ),
        )
    )


def serialise(request: HttpRequest, pages: list) -> list[dict[str, Any]]:
    """``pages`` (from ``innovations_queryset``) as API records, in order."""
    spec = kipp_settings.API_IMAGE_RENDITION
    figures = body_blocks.images_by_id(body_blocks.figure_image_ids(pages), spec)
    translations = translations_of(request, InnovationPage, pages, ROUTE)
    return [record(request, page, figures, translations[page.translation_key]) for page in pages]


def record(request: HttpRequest, page, figures: dict, translations: list) -> dict[str, Any]:
    return {
        **page_ref(request, page, ROUTE),
        "slug": page.slug,
        "summary": page.summary,
        "body": body_blocks.body_blocks(request, page, figures),
        "organisation": organisation_data(request, page.organisation),
        "themes": [theme_data(theme) for theme in page.themes.all()],
        "sdgs": [goal_data(goal) for goal in sorted(page.sdgs.all(), key=lambda goal: goal.number)],
        "stage": page.stage,
        "innovation_form": page.innovation_form,
        "initiator": page.initiator,
        "is_digital": page.is_digital,
        "still_running": page.still_running,
        "started_on": page.started_on,
        "year_started": page.year_started,
        "image": body_blocks.image_data(request, page.image, kipp_settings.API_IMAGE_RENDITION),
        "video_url": page.video_url,
        "gallery": [
            {
                "image": body_blocks.image_data(request, item.image, GALLERY_RENDITION, item.caption or None),
                "caption": item.caption,
            }
            for item in page.gallery_images.all()
        ],
        "documents": [
            {
                "title": item.display_title,
                "url": request.build_absolute_uri(item.document.url),
                "extension": item.document.file_extension.lower(),
            }
            for item in page.documents.all()
        ],
        "awards": [award_data(award) for award in page.awards.all()],
        "replicates": [page_ref(request, other, ROUTE) for other in page.public_replicates],
        "replicated_elsewhere": page.replicated_elsewhere_list,
        "translations": translations,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def ordered_page(
    request: HttpRequest, filters: InnovationFilters, order: InnovationOrder, params: PageParams
):
    """The page of innovations the request asks for, in its order, as records with the list's envelope."""
    queryset, search = apply_filters(innovations_queryset(request), filters)
    if order == InnovationOrder.RELEVANCE:
        if search is None:
            raise BadRequest({"order": [_("Ordering by relevance needs a search (q).")]})
        with translation.override(filters.locale or translation.get_language()):
            ranked = search.rank(queryset)
        if isinstance(ranked, QuerySet):
            page = paginate(request, ranked, params)
        else:
            # Engines that rank outside the database give keys: read the page's innovations by key.
            page = paginate(request, ranked, params)
            found = {obj.pk: obj for obj in innovations_queryset(request).filter(pk__in=page["items"])}
            page["items"] = [found[pk] for pk in page["items"] if pk in found]
    else:
        page = paginate(request, queryset.order_by(*ORDERINGS[order]), params)
    return page


@router.get(
    "/innovations",
    response={200: InnovationList, 400: Problem},
    url_name="innovations",
    operation_id="listInnovations",
    summary=gettext_lazy("List innovations"),
    description="The site's public innovations with the catalogue's filters and search, `locale`, "
    "`updated_since` and pagination. Invalid filter values answer 400 naming the parameter.",
)
def list_innovations(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[InnovationFilters],
    order: Query[OrderParams],
    params: Query[PageParams],
):
    page = ordered_page(request, filters, order.order, params)
    add_link_header(response, page)
    page["results"] = serialise(request, page.pop("items"))
    return page


@router.get(
    "/innovations/{id}",
    response={200: Innovation, 400: Problem, 404: Problem},
    url_name=ROUTE,
    operation_id="getInnovation",
    summary=gettext_lazy("One innovation"),
    description="An innovation by its stable id, in the language `locale`; without it, in the language of "
    "the request (Accept-Language) when translated, else in the site's default language.",
)
def get_innovation(request: HttpRequest, id: uuid.UUID, locale: LanguageCode | None = None):
    return serialise(request, [translation_of(innovations_queryset(request), id, locale)])[0]
