"""News: the portal's news area and stories, which can relate to innovations and rounds, and the record of
the news drafts written from a round's published results."""

from __future__ import annotations

import datetime

from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import NewsBodyBlock
from ..conf import settings as kipp_settings
from .base import PAGE_MODEL_NAME, BasePage
from .innovations import InnovationPage, pages_in_locale


def today() -> datetime.date:
    return timezone.localdate()


class NewsDrafts(models.TextChoices):
    """Which published results of a round make the portal write news drafts."""

    NONE = "none", _("none")
    WINNERS = "winners", _("the winners")
    FINALISTS_AND_WINNERS = "finalists_and_winners", _("the finalists and the winners")


class NewsPageMixin(models.Model):
    """
    What the package expects of a news story, for use on any page model: a date, a lead, a picture and the
    relations to innovations and a round.

    A site that keeps its own news model adds this mixin to it (with ``content_panels_extra``) and points
    ``WAGTAIL_KIPP_NEWS_PAGE_MODEL`` at it; the results news drafts then use that model. Override
    ``set_results_story`` when the model's body is not a ``body`` StreamField with ``heading`` and
    ``paragraph`` blocks.
    """

    date = models.DateField(_("date"), default=today)
    lead = models.TextField(
        _("lead"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences shown in lists, feeds and shared links."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    related_innovations = ParentalManyToManyField(
        "wagtail_kipp.InnovationPage",
        verbose_name=_("related innovations"),
        blank=True,
        related_name="+",
    )
    related_competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("related round"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    content_panels_extra = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("image")]),
        FieldPanel("lead"),
    ]
    relation_panels = [
        MultiFieldPanel(
            [FieldPanel("related_competition"), FieldPanel("related_innovations")],
            heading=_("Related to the competition"),
        )
    ]
    search_fields_extra = [
        index.SearchField("lead", boost=1.5),
        index.FilterField("date"),
    ]

    class Meta:
        abstract = True

    @property
    def listing_text(self) -> str:
        """The lead, or the page's search description."""
        return self.lead or getattr(self, "search_description", "") or ""

    def get_related_innovations(self) -> list:
        """Live related innovations, each in this page's language where translated."""
        pages = self.related_innovations.live().select_related("organisation").order_by("title")
        return pages_in_locale(pages, self.locale_id, InnovationPage.objects.select_related("organisation"))

    def get_related_competition(self):
        """The related round in this page's language where translated, when it is live."""
        competition = self.related_competition
        if competition is None:
            return None
        if competition.locale_id != self.locale_id:
            competition = competition.get_translation_or_none(self.locale) or competition
        return competition if competition.live else None

    def set_results_story(self, story) -> None:
        """
        Write a results story (``publishing.news.ResultsStory``) into the page's body; may be overridden.

        The default writes ``heading`` and ``paragraph`` blocks into a ``body`` StreamField.
        """
        self.body = story.as_stream()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            kipp_base_template=kipp_settings.BASE_TEMPLATE,
            related_innovations=self.get_related_innovations(),
            related_competition=self.get_related_competition(),
        )
        return context


class NewsPage(NewsPageMixin, BasePage):
    """A news story of the portal, for example the announcement of a round's winners."""

    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through="wagtail_kipp.NewsPageTag", verbose_name=_("tags"), blank=True)

    template = "wagtail_kipp/news_page.html"
    parent_page_types = ["wagtail_kipp.NewsIndexPage"]
    subpage_types: list[str] = []

    content_panels = (
        BasePage.content_panels
        + NewsPageMixin.content_panels_extra
        + [FieldPanel("body"), FieldPanel("tags")]
        + NewsPageMixin.relation_panels
    )
    search_fields = BasePage.search_fields + NewsPageMixin.search_fields_extra + [index.SearchField("body")]

    class Meta:
        verbose_name = _("news story")
        verbose_name_plural = _("news stories")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="tagged_items")


class NewsIndexPageMixin(models.Model):
    """
    Fields and behaviour of a news area, for use on any page model: the stories below it, newest first, with
    pagination, tag and year filters, and RSS and Atom feeds.

    Combine with ``RoutablePageMixin`` and the site's base page model. ``get_news_model`` names the story
    model listed.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels_extra = [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_news_model(self):
        """The page model of the stories listed; may be overridden."""
        return NewsPage

    def get_news(self):
        """Live, public stories below this page, newest first; may be overridden."""
        return (
            self.get_news_model()
            .objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def get_listing(self, request):
        from ..publishing.listing import NewsListing

        return NewsListing(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = kwargs.get("listing") or self.get_listing(request)
        context.update(listing=listing, stories=listing.page, kipp_base_template=kipp_settings.BASE_TEMPLATE)
        return context

    @path("")
    def news_view(self, request):
        listing = self.get_listing(request)
        return TemplateResponse(
            request, self.get_template(request), self.get_context(request, listing=listing)
        )

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        from ..publishing.feeds import NewsFeed

        return NewsFeed(self.get_listing(request))(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..publishing.feeds import NewsAtomFeed

        return NewsAtomFeed(self.get_listing(request))(request)


class NewsIndexPage(RoutablePageMixin, NewsIndexPageMixin, BasePage):
    """The portal's news area."""

    template = "wagtail_kipp/news_index_page.html"
    subpage_types = ["wagtail_kipp.NewsPage"]

    content_panels = BasePage.content_panels + NewsIndexPageMixin.content_panels_extra

    class Meta:
        verbose_name = _("news area")
        verbose_name_plural = _("news areas")


class ResultsNews(models.Model):
    """The news draft written when a stage's results of a round were published (one per round and stage)."""

    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="results_news",
    )
    stage_kind = models.CharField(_("stage"), max_length=30)
    page = models.ForeignKey(
        PAGE_MODEL_NAME,
        verbose_name=_("news draft"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("results news")
        verbose_name_plural = _("results news")
        constraints = [
            models.UniqueConstraint(fields=["competition", "stage_kind"], name="kipp_unique_results_news"),
        ]

    def __str__(self) -> str:
        return f"{self.competition} · {self.stage_kind}"

    @cached_property
    def specific_page(self):
        return self.page.specific if self.page_id else None
