"""The news area's listing: the stories of one news page, filtered by tag and year, one page at a time."""

from __future__ import annotations

import dataclasses

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property
from taggit.models import Tag

from ..conf import settings as kipp_settings


@dataclasses.dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool
    url: str


class NewsListing:
    """
    Reads ``tag``, ``year`` and ``page`` from the query string; values that do not exist are ignored rather
    than refused, so an old or mistyped link still shows the news.
    """

    def __init__(self, request: HttpRequest, index_page):
        self.request = request
        self.index_page = index_page
        self.params: QueryDict = request.GET

    @cached_property
    def stories(self):
        return self.index_page.get_news()

    @cached_property
    def has_tags(self) -> bool:
        return hasattr(self.stories.model, "tags")

    @cached_property
    def tags(self) -> list[Choice]:
        """The tags used by the stories, most used first, with their counts."""
        if not self.has_tags:
            return []
        counts = dict(
            self.stories.model.tags.through.objects.filter(content_object__in=self.stories.values("pk"))
            .values_list("tag_id")
            .annotate(count=Count("pk"))
            .order_by()
        )
        tags = Tag.objects.filter(pk__in=counts).order_by("name")
        current = self.tag.slug if self.tag else ""
        choices = [
            Choice(tag.slug, tag.name, counts[tag.pk], tag.slug == current, self.querystring(tag=tag.slug))
            for tag in tags
        ]
        return sorted(choices, key=lambda choice: -choice.count)

    @cached_property
    def tag(self) -> Tag | None:
        slug = self.params.get("tag", "")
        if not slug or not self.has_tags:
            return None
        return Tag.objects.filter(slug=slug).first()

    @cached_property
    def year(self) -> int | None:
        value = self.params.get("year", "")
        return int(value) if value.isdigit() and 1900 < int(value) < 3000 else None

    @cached_property
    def years(self) -> list[Choice]:
        counts = dict(
            self.stories.annotate(news_year=ExtractYear("date"))
            .values_list("news_year")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return [
            Choice(str(year), str(year), count, year == self.year, self.querystring(year=str(year)))
            for year, count in sorted(counts.items(), reverse=True)
        ]

    @cached_property
    def filtered(self):
        stories = self.stories
        if self.tag is not None:
            stories = stories.filter(tags=self.tag)
        if self.year is not None:
            stories = stories.filter(date__year=self.year)
        return stories

    @cached_property
    def page(self) -> PaginatorPage:
        paginator = Paginator(self.filtered, kipp_settings.NEWS_PAGE_SIZE)
        return paginator.get_page(self.params.get("page"))

    @property
    def has_filters(self) -> bool:
        return self.tag is not None or self.year is not None

    def querystring(self, **changes) -> str:
        params = {"tag": self.tag.slug if self.tag else "", "year": str(self.year or "")}
        params.update(changes)
        query = QueryDict(mutable=True)
        for key, value in params.items():
            if value:
                query[key] = value
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    @property
    def clear_url(self) -> str:
        return self.index_page.get_url(self.request) or "./"

    def page_url(self, number: int) -> str:
        query = self.querystring()
        return f"{query}{'&' if len(query) > 1 else ''}page={number}"

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def feed_query(self) -> str:
        """The current filters as a query string for the feed links."""
        query = self.querystring()
        return "" if query == "?" else query
