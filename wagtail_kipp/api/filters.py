"""
The innovation list's filters: the catalogue's parameters (``InnovationFilterSet``), its search, and the API's
own ``locale`` and ``updated_since``. The same query string selects the same innovations on both.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import translation
from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..catalogue.filters import InnovationFilterSet
from ..catalogue.search import clean_query, get_search
from ..models import AwardLevel, AwardTier, InnovationStage, OrganisationKind
from .errors import BadRequest
from .queries import locale_for

# An offset written with "+" and not URL-encoded arrives as a space: "2026-07-27T10:00:00 07:00".
_SPACED_OFFSET = re.compile(r"^(.*\d) (\d{2}:\d{2})$")
# RFC 3339 (the OpenAPI "date-time" format): a date, a time to the second or finer, and an offset.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _rfc3339(value):
    """Only an RFC 3339 date and time: not a bare date, a number, nor a time without its offset."""
    text = _SPACED_OFFSET.sub(r"\1+\2", value.strip()) if isinstance(value, str) else ""
    if not _RFC3339.match(text):
        raise PydanticCustomError("datetime_format", "not an RFC 3339 date and time")
    return text.upper()  # "t" and "z" may be lower case in RFC 3339, not for Python


Moment = Annotated[datetime.datetime, BeforeValidator(_rfc3339)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Goal = Annotated[int, Field(ge=1, le=17)]
Slug = Annotated[str, Field(max_length=255)]
#: A language code such as "id", "en" or "pt-br" (checked before any database sees it).
LanguageCode = Annotated[str, Field(max_length=20, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]


class SyncParams(Schema):
    """The parameters every list shares: the language of the pages and the moment of the last sync."""

    locale: LanguageCode | None = Field(
        None, description="Only pages in this language (a content language code such as id or en)."
    )
    updated_since: Moment | None = Field(
        None,
        description="Only pages published (again) after this moment: an RFC 3339 (ISO 8601) date and time "
        "with its offset, such as a `last_published_at` of an earlier answer.",
    )


class InnovationFilters(SyncParams):
    """The catalogue's filters and search. Values of one filter are alternatives; filters combine."""

    q: Annotated[str, Field(max_length=1000)] | None = Field(
        None, description="Search text, as in the catalogue's search box."
    )
    year: list[Year] = Field([], description="Year the innovation started.")
    organisation: list[Slug] = Field([], description="Slug of the owning organisation.")
    kind: list[OrganisationKind] = Field([], description="Kind of the owning organisation.")
    theme: list[Slug] = Field([], description="Slug of a theme.")
    sdg: list[Goal] = Field([], description="Number of a Sustainable Development Goal (1-17).")
    stage: list[InnovationStage] = Field([], description="Stage of the innovation.")
    digital: bool | None = Field(None, description="Only digital (true, 1) or non-digital (false, 0) ones.")
    award_level: list[AwardLevel] = Field([], description="Level of an award the innovation received.")
    award_tier: list[AwardTier] = Field([], description="Tier of an award the innovation received.")
    running: bool | None = Field(None, description="Only ones still running (true, 1) or stopped (false, 0).")


def _as_choice(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(getattr(value, "value", value))


def catalogue_data(filters: InnovationFilters) -> QueryDict:
    """The filter values as the catalogue's query string would carry them."""
    data = QueryDict(mutable=True)
    for name in InnovationFilterSet.base_filters:
        value = getattr(filters, name, None)
        values = value if isinstance(value, list) else [] if value is None else [value]
        if values:
            data.setlist(name, [_as_choice(item) for item in values])
    return data


def as_utc(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` in UTC (databases refuse some offsets RFC 3339 allows), clamped to the years Python has."""
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        limit = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return limit.replace(tzinfo=datetime.UTC)


def apply_sync(queryset: QuerySet, params: SyncParams) -> QuerySet:
    """Narrow ``queryset`` (pages) to ``params.locale`` and to pages published after ``updated_since``."""
    if params.locale is not None:
        queryset = queryset.filter(locale=locale_for(params.locale))
    if params.updated_since is not None:
        queryset = queryset.filter(last_published_at__gt=as_utc(params.updated_since))
    return queryset


def apply_filters(queryset: QuerySet, filters: InnovationFilters) -> tuple[QuerySet, object | None]:
    """
    ``queryset`` narrowed by every filter, and the search of ``q`` (``catalogue.search.get_search``) or None.

    A value the catalogue does not know (an organisation, theme or year it has not) is a ``BadRequest`` that
    names the parameter, where the catalogue page would drop it with a notice.
    """
    # As in the catalogue, the search runs over the listed pages before the filters: search engines filter
    # on the page's own fields only, not on themes or awards.
    scope = apply_sync(queryset, SyncParams(locale=filters.locale))
    queryset = apply_sync(queryset, filters)
    data = catalogue_data(filters)
    if data:
        filterset = InnovationFilterSet(data, queryset=queryset)
        if not filterset.is_valid():
            raise BadRequest({name: list(messages) for name, messages in filterset.form.errors.items()})
        queryset = filterset.qs
    search = None
    query = clean_query(filters.q)
    if query:
        # The search reads the documents of one language: the requested locale's, else the active one.
        with translation.override(filters.locale or translation.get_language()):
            search = get_search(scope.order_by(), query)
            queryset = search.filter(queryset)
    return queryset, search
