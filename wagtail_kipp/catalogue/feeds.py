"""RSS 2.0 and Atom feeds of the newest innovations in a catalogue, honouring its filters."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from ..conf import settings as kipp_settings


class InnovationFeed(Feed):
    """New innovations of one catalogue page; the catalogue's query string narrows the feed."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page, catalogue):
        super().__init__()
        self.index_page = index_page
        self.catalogue = catalogue

    def title(self):
        return _("New innovations: %(title)s") % {"title": self.index_page.title}

    def link(self):
        return self.index_page.get_full_url(self.catalogue.request) or "/"

    def description(self):
        return _("Innovations newly published in the catalogue.")

    def items(self):
        queryset = self.catalogue.filtered_queryset.select_related("organisation")
        return queryset.order_by("-first_published_at", "-pk")[: kipp_settings.FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.catalogue.request) or item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [str(item.get_stage_display())]


class InnovationAtomFeed(InnovationFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
