"""Application configuration for wagtail-kipp."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailKippConfig(AppConfig):
    name = "wagtail_kipp"
    label = "wagtail_kipp"
    verbose_name = _("KIPP innovation competition")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            signals,
        )
        from .catalogue import handlers as catalogue_handlers
        from .publishing import handlers

        catalogue_handlers.connect()

        signals.stage_results_published.connect(
            handlers.draft_news_on_publication, dispatch_uid="wagtail_kipp.draft_news_on_publication"
        )
