"""Full-text search for the catalogue through the configured Wagtail search backend."""

from __future__ import annotations

import re
import unicodedata

from django.db.models import QuerySet
from wagtail.search.backends import get_search_backend

from ..conf import settings as kipp_settings

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


def clean_query(raw: str | None) -> str:
    """Drop control characters, collapse white space, cut overlong queries; '' means no search."""
    printable = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_ids(queryset: QuerySet, query: str) -> list[int]:
    """Primary keys of the innovations in ``queryset`` matching ``query``, most relevant first."""
    # Search words only: punctuation such as quotes or colons is query syntax to some engines
    # (SQLite FTS5 fails on it), and carries no meaning in a catalogue search.
    terms = " ".join(WORD.findall(query))
    if not terms:
        return []
    backend = get_search_backend(kipp_settings.SEARCH_BACKEND)
    results = backend.search(terms, queryset, order_by_relevance=True)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        # Database backends: fetch only the keys, in relevance order.
        return list(get_queryset().values_list("pk", flat=True))
    return [obj.pk for obj in results]
