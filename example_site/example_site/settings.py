"""Settings of the example portal: a bilingual (Indonesian, English) city site running wagtail-kipp.

Defaults are embedded (SQLite, database search, console e-mail); ``DATABASE_URL`` switches the database.
"""

import os
from pathlib import Path

import dj_database_url

SITE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = SITE_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-portal-not-for-production")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "home",
    "demo",
    "wagtail_kipp",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-ninja (a dependency of Wagtail): serves the open data API's docs page from local assets.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{SITE_DIR / 'db.sqlite3'}", conn_max_age=60)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process keeps its catalogue counts and filter panels in memory: room for a few thousand views (Django's
# default of 300 entries holds about a hundred). Production sites with several servers use a shared cache.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Indonesian first: the default language, with English beside it.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [REPO_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = SITE_DIR / "static_collected"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", SITE_DIR / "media"))

WAGTAIL_SITE_NAME = "Portal Inovasi Kota Sukamaju"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if os.environ.get("KIPP_OPENSEARCH_URL"):
    # Search, and the catalogue's facet counts, in OpenSearch (see docs/howto/opensearch.md); without the
    # variable the embedded default: Wagtail's database backend.
    from wagtail_kipp.search_settings import opensearch_backend

    WAGTAILSEARCH_BACKENDS = {
        "default": opensearch_backend(
            os.environ["KIPP_OPENSEARCH_URL"],
            index_prefix=os.environ.get("KIPP_OPENSEARCH_PREFIX", "kipp_demo_"),
        )
    }
    WAGTAIL_KIPP_SEARCH_ENGINE_REPLICAS = int(os.environ.get("KIPP_OPENSEARCH_REPLICAS", "0"))
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Background jobs (e-mails) run at once in the demo; production uses the database backend and its worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEFAULT_FROM_EMAIL = "kipp@sukamaju.example"

WAGTAIL_KIPP_BASE_TEMPLATE = "base.html"
# Proposal attachments: outside MEDIA_ROOT, served only through the entrant portal's permission checks.
WAGTAIL_KIPP_PRIVATE_ROOT = Path(os.environ.get("KIPP_PRIVATE_ROOT", SITE_DIR / "private"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
