"""URLs of the example portal: admin, documents, sitemap, open data API, portals, pages per language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_kipp.sitemaps import PortalSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
    path("i18n/", include("django.conf.urls.i18n")),
    # The open data API: not under a language prefix; its answers carry each page's locale.
    path("api/kipp/", include("wagtail_kipp.api.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("portal/", include("wagtail_kipp.entrant_portal.urls")),
    path("jury/", include("wagtail_kipp.jury_portal.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
