"""Full-text search for the catalogue through the configured Wagtail search backend."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.search.backends import get_search_backend

from ..conf import settings as kipp_settings

MAX_QUERY_LENGTH = 200


def clean_query(raw: str | None) -> str:
    """Collapse white space and cut overlong queries; an empty result means no search."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_ids(queryset: QuerySet, query: str) -> list[int]:
    """Primary keys of the innovations in ``queryset`` matching ``query``, most relevant first."""
    backend = get_search_backend(kipp_settings.SEARCH_BACKEND)
    results = backend.search(query, queryset, order_by_relevance=True)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        # Database backends: fetch only the keys, in relevance order.
        return list(get_queryset().values_list("pk", flat=True))
    return [obj.pk for obj in results]
