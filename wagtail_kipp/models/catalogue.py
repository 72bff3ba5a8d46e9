"""The catalogue page: lists, filters and searches the innovations below it, with feeds."""

from __future__ import annotations

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from ..conf import settings as kipp_settings
from .base import PAGE_MODEL_NAME, BasePage


class InnovationIndexPageMixin(models.Model):
    """
    Fields and behaviour of the innovation catalogue, for use on any page model.

    Combine with ``RoutablePageMixin`` (for the feeds and downloads) and the site's base page model.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels_extra = [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_innovation_model(self):
        """The page model listed by this catalogue; may be overridden."""
        from .innovations import InnovationPage

        return InnovationPage

    def get_innovations(self):
        """Live innovations of this catalogue, in its locale; may be overridden."""
        return self.get_innovation_model().objects.live().public().child_of(self)

    def get_engine_scope(self) -> dict | None:
        """
        ``get_innovations()`` in the search engine's catalogue index, as term filters; None when a subclass
        lists other innovations than the live, public children (override both together to use the engine).
        """
        if type(self).get_innovations is not InnovationIndexPageMixin.get_innovations:
            return None
        return {"parent": self.pk, "public": True}

    def get_catalogue(self, request):
        """The ``Catalogue`` that reads this request's filters; may be overridden."""
        from ..catalogue.listing import Catalogue

        return Catalogue(request, self.get_innovations(), engine_scope=self.get_engine_scope())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = kwargs.get("catalogue") or self.get_catalogue(request)
        context.update(
            catalogue=catalogue,
            innovations=catalogue.page,
            kipp_base_template=kipp_settings.BASE_TEMPLATE,
        )
        return context

    @path("")
    def catalogue_view(self, request):
        catalogue = self.get_catalogue(request)
        return TemplateResponse(
            request,
            self.get_template(request),
            self.get_context(request, catalogue=catalogue),
        )

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        from ..catalogue.feeds import InnovationFeed

        return InnovationFeed(self, self.get_catalogue(request))(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..catalogue.feeds import InnovationAtomFeed

        return InnovationAtomFeed(self, self.get_catalogue(request))(request)

    @path("download/csv/", name="csv_download")
    def csv_download(self, request):
        from ..catalogue.download import csv_response

        return csv_response(self, self.get_catalogue(request))

    @path("download/json/", name="json_download")
    def json_download(self, request):
        from ..catalogue.download import json_response

        return json_response(self, self.get_catalogue(request))


class InnovationIndexPage(RoutablePageMixin, InnovationIndexPageMixin, BasePage):
    """The public catalogue of a region's innovations."""

    template = "wagtail_kipp/innovation_index_page.html"
    subpage_types = ["wagtail_kipp.InnovationPage"]

    content_panels = BasePage.content_panels + InnovationIndexPageMixin.content_panels_extra

    class Meta:
        verbose_name = _("innovation catalogue")
        verbose_name_plural = _("innovation catalogues")


class CatalogueVersion(models.Model):
    """
    A value renewed by every change that can alter what a catalogue lists or counts.

    Cached facet counts are keyed by it, so a publish, unpublish or edit shows at once in every process.
    """

    version = models.BigIntegerField(_("version"), default=0)
    #: Part of every stored card's stamp: renewed to have every card rendered again (``kipp_index_catalogue``;
    #: see ``catalogue.cards``).
    cards_version = models.BigIntegerField(_("cards version"), default=0)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self) -> str:
        return str(self.version)


class CatalogueCard(models.Model):
    """
    One innovation's rendered catalogue card, kept for one card template, language and site (``variant``).

    A card is used while its ``stamp`` matches its innovation: the time it was last published, its address
    and the cards version (``catalogue.cards``). Cards are rendered when an innovation is published (or its
    awards, organisation, image, themes or SDGs change), and otherwise on the first request that lists it.
    """

    page = models.ForeignKey(
        PAGE_MODEL_NAME, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    variant = models.CharField(_("variant"), max_length=40)
    stamp = models.CharField(_("stamp"), max_length=40)
    html = models.TextField(_("HTML"))
    rendered_at = models.DateTimeField(_("rendered at"))

    class Meta:
        verbose_name = _("catalogue card")
        verbose_name_plural = _("catalogue cards")
        constraints = [models.UniqueConstraint(fields=["page", "variant"], name="kipp_card_page_variant")]

    def __str__(self) -> str:
        return f"{self.page_id}:{self.variant[:8]}"
