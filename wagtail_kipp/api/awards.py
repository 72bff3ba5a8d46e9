"""The awards resource: every award of the site's public innovations, with the innovation's stable id."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router

from ..models import Award, AwardLevel, AwardTier, InnovationPage
from .errors import Problem
from .filters import SyncParams, Year, apply_sync
from .pagination import PageParams, add_link_header, paginate
from .queries import public_pages
from .references import award_data, page_ref
from .schemas import AwardList

router = Router(tags=["awards"])


class AwardFilters(SyncParams):
    """Filters of the award list; ``locale`` and ``updated_since`` apply to the innovation pages."""

    year: list[Year] = Field([], description="Year of the award.")
    level: list[AwardLevel] = Field([], description="Level of the award.")
    tier: list[AwardTier] = Field([], description="Tier of the award.")


@router.get(
    "/awards",
    response={200: AwardList, 400: Problem},
    url_name="awards",
    operation_id="listAwards",
    summary=gettext_lazy("List awards"),
    description="Awards of the site's public innovations, newest year first.",
)
def list_awards(
    request: HttpRequest, response: HttpResponse, filters: Query[AwardFilters], params: Query[PageParams]
):
    pages = apply_sync(public_pages(InnovationPage, request), filters)
    awards = Award.objects.filter(page__in=pages.values("pk"))
    if filters.year:
        awards = awards.filter(year__in=filters.year)
    if filters.level:
        awards = awards.filter(level__in=[level.value for level in filters.level])
    if filters.tier:
        awards = awards.filter(tier__in=[tier.value for tier in filters.tier])
    awards = awards.select_related("page__locale").order_by("-year", "page__title", "sort_order", "pk")
    page = paginate(request, awards, params)
    add_link_header(response, page)
    page["results"] = [
        {**award_data(award), "innovation": page_ref(request, award.page)} for award in page.pop("items")
    ]
    return page
