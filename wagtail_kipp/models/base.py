"""The site's base page model (Wagtail 8's swappable ``Page``) that the package's concrete pages extend."""

from __future__ import annotations

import swapper
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

# Read WAGTAIL_PAGE_MODEL even when this app is listed above wagtail in INSTALLED_APPS.
swapper.set_app_prefix("wagtailcore", "wagtail")

PAGE_MODEL_NAME = swapper.get_model_name("wagtailcore", "Page")


def get_base_page_model():
    """Return the configured base page class; valid while models load, unlike ``swapper.load_model``."""
    if not swapper.is_swapped("wagtailcore", "Page"):
        from wagtail.models import Page

        return Page
    app_label, model_name = swapper.split(PAGE_MODEL_NAME)
    try:
        return apps.get_registered_model(app_label, model_name)
    except LookupError as error:
        raise ImproperlyConfigured(
            f"WAGTAIL_PAGE_MODEL is {PAGE_MODEL_NAME!r} but that model is not loaded before "
            "wagtail_kipp: list its app above 'wagtail_kipp' in INSTALLED_APPS."
        ) from error


BasePage = get_base_page_model()
