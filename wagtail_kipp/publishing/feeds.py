"""RSS 2.0 and Atom feeds of a news area, honouring its tag and year filters."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from ..conf import settings as kipp_settings


class NewsFeed(Feed):
    """The newest stories of a news area."""

    feed_type = Rss201rev2Feed

    def __init__(self, listing):
        super().__init__()
        self.listing = listing
        self.index_page = listing.index_page
        self.language = self.index_page.locale.language_code

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(self.listing.request) or "/"

    def description(self):
        return _("News of %(title)s") % {"title": self.index_page.title}

    def items(self):
        return list(self.listing.filtered[: kipp_settings.FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.listing_text

    def item_link(self, item):
        return item.get_full_url(self.listing.request) or item.url

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()] if hasattr(item, "tags") else []


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
