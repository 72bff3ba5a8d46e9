"""The portal's sitemap: every live, public page in every language, each URL with its translations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


class PortalSitemap(Sitemap):
    """
    Wagtail's sitemap for a multilingual site: the live, public pages below the site's root page *and below
    each of its translations* (Wagtail's own lists only the root page's tree), without pages under an
    unpublished page. Each URL carries ``alternates``: its live translations in the sitemap and ``x-default``
    (the version in the default language), which Django's ``sitemap.xml`` renders as ``xhtml:link``.

    Use it with Wagtail's view::

        path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}})
    """

    #: Add ``x-default`` to the alternates of a page translated into the default language.
    x_default = True

    def get_root_pages(self) -> list:
        """The site's root page and its translations, live; may be overridden."""
        root = self.get_wagtail_site().root_page
        return list(root.get_translations(inclusive=True).live().order_by("path"))

    def get_queryset(self):
        """The live, public pages of the root pages' trees, specific; may be overridden."""
        from .models.base import get_base_page_model

        page_model = get_base_page_model()
        roots = self.get_root_pages()
        if not roots:
            return page_model.objects.none()
        trees = Q()
        for root in roots:
            trees |= page_model.objects.descendant_of_q(root, inclusive=True)
        # A live page below a draft is still served by Wagtail, but is not meant to be public yet.
        drafts = page_model.objects.filter(trees, live=False, numchild__gt=0).values_list("path", flat=True)
        hidden = Q()
        for path in drafts:
            hidden |= Q(path__startswith=path)
        return (
            page_model.objects.filter(trees)
            .exclude(hidden)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # An instance given to the view serves many requests: read the pages afresh for each.
        for name in ("_pages", "_locations", "_alternates"):
            self.__dict__.pop(name, None)
        return super().get_urls(page=page, site=site, protocol=protocol)

    def items(self) -> list:
        # Evaluated once: the paginator and the alternates read the same pages.
        if not hasattr(self, "_pages"):
            self._pages = list(self.get_queryset())
        return self._pages

    def get_location(self, page) -> str:
        """The page's full URL, computed once per page."""
        if not hasattr(self, "_locations"):
            self._locations = {}
        if page.pk not in self._locations:
            self._locations[page.pk] = page.get_full_url(self.request) or ""
        return self._locations[page.pk]

    def get_alternates(self) -> dict[Any, list[dict[str, str]]]:
        """
        ``{translation_key: [{"lang_code", "location"}, ...]}`` for each page listed in more than one
        language, ``x-default`` last; may be overridden.
        """
        if hasattr(self, "_alternates"):
            return self._alternates
        groups: dict[Any, list] = {}
        for page in self.items():
            groups.setdefault(page.translation_key, []).append(page)
        language_codes = dict(Locale.objects.values_list("pk", "language_code"))
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        self._alternates = {}
        for key, pages in groups.items():
            links = [
                {"lang_code": language_codes[page.locale_id], "location": self.get_location(page)}
                for page in pages
                if self.get_location(page)
            ]
            if len(links) < 2:
                continue
            default = next((link for link in links if link["lang_code"] == default_code), None)
            if self.x_default and default:
                links.append({"lang_code": "x-default", "location": default["location"]})
            self._alternates[key] = links
        return self._alternates

    def _urls(self, page, protocol, domain) -> list[dict[str, Any]]:
        urls, last_mods = [], set()
        alternates = self.get_alternates()
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                url_info = dict(url_info)
                if url_info.get("location") == self.get_location(item):
                    url_info.setdefault("alternates", alternates.get(item.translation_key, []))
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # last_mods is empty when the whole site is private
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
