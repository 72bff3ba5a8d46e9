"""A site's own base page model (Wagtail 8's swappable Page), to test the package's pages on it."""

from django.db import models
from wagtail.models import AbstractPage


class BasePage(AbstractPage):
    """Every page of this site carries a department name in its footer."""

    department = models.CharField(max_length=255, blank=True)
