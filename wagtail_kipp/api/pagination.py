"""Limit/offset pagination of the API's lists: total count, next and previous links, a ``Link`` header."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Schema

from ..conf import settings as kipp_settings
from .errors import BadRequest


class PageParams(Schema):
    """Which slice of a list to answer: ``limit`` items from position ``offset`` (0 is the first)."""

    limit: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="Items per answer, from 1 to the site's maximum (WAGTAIL_KIPP_API_MAX_PAGE_SIZE, 100 by "
        "default); the default is WAGTAIL_KIPP_API_PAGE_SIZE (20).",
    )
    offset: Annotated[int, Field(ge=0)] = Field(0, description="Position of the first item, from 0.")


class ListPage(Schema):
    """The envelope of every list."""

    count: int = Field(description="Number of items matching the request, on every page.")
    limit: int
    offset: int
    next: str | None = Field(description="Absolute URL of the next page, or null on the last page.")
    previous: str | None = Field(description="Absolute URL of the previous page, or null on the first page.")


def page_size(params: PageParams) -> int:
    """The requested ``limit`` checked against the maximum, or the default."""
    if params.limit is None:
        return kipp_settings.API_PAGE_SIZE
    maximum = kipp_settings.API_MAX_PAGE_SIZE
    if params.limit > maximum:
        raise BadRequest({"limit": [_("Enter a value of at most %(limit)s.") % {"limit": maximum}]})
    return params.limit


def _link(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    if offset:
        query["offset"] = str(offset)
    else:
        query.pop("offset", None)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request: HttpRequest, items, params: PageParams, count: int | None = None) -> dict[str, Any]:
    """
    The slice of ``items`` (a queryset or a list) that ``params`` asks for, with the envelope's fields:
    ``count``, ``limit``, ``offset``, ``next``, ``previous`` and ``items`` (the objects, not yet serialised).

    An offset past the end answers an empty page that links back to the last one.
    """
    limit = page_size(params)
    offset = params.offset
    if count is None:
        count = items.count() if isinstance(items, QuerySet) else len(items)
    window = list(items[offset : offset + limit]) if offset < count else []
    has_next = offset + limit < count
    previous = _link(request, max(0, min(offset, count) - limit), limit) if offset > 0 else None
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, offset + limit, limit) if has_next else None,
        "previous": previous,
        "items": window,
    }


def add_link_header(response: HttpResponse, page: dict[str, Any]) -> None:
    """Advertise the neighbouring pages in an RFC 8288 ``Link`` header as well as in the body."""
    relations = {"next": "next", "previous": "prev"}
    links = [f'<{page[key]}>; rel="{relation}"' for key, relation in relations.items() if page[key]]
    if links:
        response["Link"] = ", ".join(links)
