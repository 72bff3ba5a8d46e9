"""The package's settings: one prefix, one default each, read lazily so ``override_settings`` works."""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings

PREFIX = "WAGTAIL_KIPP_"

DEFAULTS: dict[str, Any] = {
    # Template that the package's public templates extend.
    "BASE_TEMPLATE": "base.html",
    # Innovations per catalogue page, and the largest ``per_page`` a visitor may ask for.
    "CATALOGUE_PAGE_SIZE": 24,
    "CATALOGUE_MAX_PAGE_SIZE": 96,
    # Options shown in a long facet (organisations) before a "show all" link.
    "CATALOGUE_FACET_OPTIONS": 12,
    # Image rendition used for innovation cards in the catalogue and related lists.
    "CARD_RENDITION": "fill-480x270|format-webp",
    # Number of items in the catalogue's RSS and Atom feeds.
    "FEED_ITEMS": 30,
    # Stories per page of a news area.
    "NEWS_PAGE_SIZE": 10,
    # The page model ("app_label.ModelName") of the results news drafts; it must use NewsPageMixin.
    "NEWS_PAGE_MODEL": "wagtail_kipp.NewsPage",
    # Number of related innovations shown on an innovation page.
    "RELATED_INNOVATIONS": 4,
    # Name of the entry in WAGTAILSEARCH_BACKENDS that the catalogue searches.
    "SEARCH_BACKEND": "default",
    # How the catalogue searches and counts: "auto" (the engine's own catalogue index when SEARCH_BACKEND is
    # an OpenSearch or Elasticsearch backend; else the package's PostgreSQL full-text documents when the
    # database is PostgreSQL; else SEARCH_BACKEND), "engine", "postgres" or "backend".
    "CATALOGUE_SEARCH": "auto",
    # Search engine analyzer (stop words and stemmer) per content language; other languages are only folded.
    "SEARCH_ENGINE_ANALYZERS": {"id": "indonesian", "en": "english"},
    # Shards and replicas of the catalogue's engine index (a single node stays yellow with replicas).
    "SEARCH_ENGINE_SHARDS": 1,
    "SEARCH_ENGINE_REPLICAS": 1,
    # PostgreSQL text search configuration per language code of the pages; "" is for other languages.
    "POSTGRES_SEARCH_CONFIGS": {"id": "kipp_indonesian", "en": "kipp_english", "": "kipp_simple"},
    # Alias in CACHES for the catalogue's facet counts and totals, and how long an entry may live (seconds);
    # an empty alias turns the cache off. Entries are keyed by the catalogue version, so changes show at once.
    "CATALOGUE_CACHE": "default",
    "CATALOGUE_CACHE_SECONDS": 600,
    # Count facets and read pages from an in-memory index of each catalogue (bitmaps per facet value, built
    # once per catalogue version and process); False counts every request in the database instead.
    "CATALOGUE_FACET_INDEX": True,
    # Timezone used when a site has not chosen one in its KIPP settings.
    "DEFAULT_TIMEZONE": "Asia/Jakarta",
    # Alias in STORAGES for entry attachments; when empty or unknown, files go to PRIVATE_ROOT.
    "PRIVATE_STORAGE": "",
    # Folder for entry attachments when no storage alias is set; default: "<MEDIA_ROOT>-private".
    "PRIVATE_ROOT": "",
    # Whether people may ask for an entrant account themselves (it then waits for the secretariat's approval).
    "OPEN_SIGNUP": False,
    # Days an invitation link stays valid.
    "INVITATION_DAYS": 14,
    # Seconds of idle typing after which the proposal form saves itself.
    "AUTOSAVE_SECONDS": 4,
    # Longest answer to one proposal section, in characters (a guard against pasted junk).
    "ANSWER_MAX_CHARS": 30000,
    # Open data API
    # Items per page of the API's lists when a request sets no ``limit``, and the largest ``limit`` accepted.
    "API_PAGE_SIZE": 20,
    "API_MAX_PAGE_SIZE": 100,
    # Image rendition of an innovation's main image and of the figures of its description in the API.
    "API_IMAGE_RENDITION": "width-960",
    # Seconds browsers and shared caches may keep an API answer (Cache-Control max-age); 0: always revalidate.
    "API_CACHE_SECONDS": 60,
    # Serve the interactive API documentation (Swagger UI) next to the OpenAPI schema; it needs "ninja" in
    # INSTALLED_APPS, which serves its scripts from the site itself, never from a CDN.
    "API_DOCS": True,
    # Winner bundles: the key shared with the portals that exchange bundles (HMAC-SHA256 of the manifest);
    # empty: bundles are not signed, and the signature of a received bundle is not checked.
    "BUNDLE_SIGNING_KEY": "",
    # The most a received bundle may unpack to (also the largest upload the import form takes), and its
    # largest member, in bytes.
    "BUNDLE_MAX_BYTES": 2 * 1024**3,
    "BUNDLE_MAX_FILE_BYTES": 50 * 1024**2,
    # Harvest (kipp_harvest): (connect, read) timeouts in seconds of each request to a harvested portal; the
    # read timeout also bounds the time to receive a whole answer.
    "HARVEST_TIMEOUT": (5, 30),
    # Further attempts after a connection error, a timeout, a 429 or a 5xx answer (0: never retry).
    "HARVEST_RETRIES": 4,
    # Seconds before the first retry; each further retry waits twice as long (with jitter).
    "HARVEST_BACKOFF": 1.0,
    # Largest answer accepted from a harvested portal, in bytes.
    "HARVEST_MAX_RESPONSE_BYTES": 20 * 1024 * 1024,
    # Innovations asked for per request; a portal with a smaller maximum is read at its default page size.
    "HARVEST_PAGE_SIZE": 100,
    # An incremental run asks for changes since the last run's newest change minus this many seconds.
    "HARVEST_OVERLAP_SECONDS": 300,
}


class AppSettings:
    """Attribute access to ``WAGTAIL_KIPP_*`` settings with the package defaults as fallback."""

    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown wagtail-kipp setting: {name}")
        return getattr(django_settings, PREFIX + name, DEFAULTS[name])

    def unknown_settings(self) -> list[str]:
        """Names of ``WAGTAIL_KIPP_*`` settings in the project that the package does not know."""
        return sorted(
            name
            for name in dir(django_settings)
            if name.startswith(PREFIX) and name[len(PREFIX) :] not in DEFAULTS
        )


settings = AppSettings()
