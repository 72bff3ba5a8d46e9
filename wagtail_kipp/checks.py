"""System checks for a site's wagtail-kipp configuration (ids ``wagtail_kipp.E0xx``/``W0xx``)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import settings as kipp_settings

REQUIRED_APPS = [
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.snippets",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.embeds",
    "django_filters",
    "modelcluster",
]


@register(Tags.compatibility)
def check_settings(app_configs=None, **kwargs):
    messages = []
    for name in kipp_settings.unknown_settings():
        messages.append(
            Warning(
                f"{name} is not a wagtail-kipp setting.",
                hint="Check the spelling against docs/reference/settings.md.",
                id="wagtail_kipp.W001",
            )
        )
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {"default": {}})
    if kipp_settings.SEARCH_BACKEND not in backends:
        messages.append(
            Error(
                f"WAGTAIL_KIPP_SEARCH_BACKEND is {kipp_settings.SEARCH_BACKEND!r}, "
                "which is not a key of WAGTAILSEARCH_BACKENDS.",
                id="wagtail_kipp.E002",
            )
        )
    zones = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
    if kipp_settings.DEFAULT_TIMEZONE not in zones:
        messages.append(
            Warning(
                f"WAGTAIL_KIPP_DEFAULT_TIMEZONE is {kipp_settings.DEFAULT_TIMEZONE!r}; rounds are held in "
                "WIB, WITA or WIT, so Asia/Jakarta is used instead.",
                hint="Use 'Asia/Jakarta' (WIB), 'Asia/Makassar' (WITA) or 'Asia/Jayapura' (WIT).",
                id="wagtail_kipp.W006",
            )
        )
    size, largest = kipp_settings.CATALOGUE_PAGE_SIZE, kipp_settings.CATALOGUE_MAX_PAGE_SIZE
    if not (isinstance(size, int) and isinstance(largest, int) and 1 <= size <= largest):
        messages.append(
            Error(
                "WAGTAIL_KIPP_CATALOGUE_PAGE_SIZE must be a whole number between 1 and "
                "WAGTAIL_KIPP_CATALOGUE_MAX_PAGE_SIZE.",
                id="wagtail_kipp.E003",
            )
        )
    return messages


@register(Tags.compatibility)
def check_installed_apps(app_configs=None, **kwargs):
    return [
        Error(
            f"wagtail-kipp needs {app!r} in INSTALLED_APPS.",
            id="wagtail_kipp.E004",
        )
        for app in REQUIRED_APPS
        if app not in settings.INSTALLED_APPS
    ]


@register(Tags.translation)
def check_languages(app_configs=None, **kwargs):
    codes = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    codes = codes or [code for code, _name in settings.LANGUAGES]
    if not any(code == "id" or code.startswith("id-") for code in codes):
        return [
            Warning(
                "Indonesian ('id') is not among the site's content languages.",
                hint="wagtail-kipp is written for Indonesian portals; add ('id', 'Bahasa Indonesia').",
                id="wagtail_kipp.W005",
            )
        ]
    return []


@register(Tags.security)
def check_private_storage(app_configs=None, **kwargs):
    """Entry attachments must never be stored where the web server publishes media or static files."""
    if kipp_settings.PRIVATE_STORAGE and kipp_settings.PRIVATE_STORAGE in settings.STORAGES:
        return []
    from .storage import private_root

    root = private_root().resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public = Path(public).resolve()
        if root == public or public in root.parents:
            errors.append(
                Error(
                    f"Entry attachments would be stored in {root}, inside {name} ({public}), "
                    "where anyone could download them.",
                    hint="Set WAGTAIL_KIPP_PRIVATE_ROOT to a folder outside MEDIA_ROOT and STATIC_ROOT.",
                    id="wagtail_kipp.E007",
                )
            )
    return errors
