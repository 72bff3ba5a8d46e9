"""Bilingual names for reference data (organisation kinds, themes, SDGs) shown in Indonesian or English."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def pick_name(name: str, name_en: str = "") -> str:
    """The English name when English is active and one is given, otherwise the Indonesian name."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name


class BilingualNameMixin(models.Model):
    """A name in Indonesian (the default) and, optionally, in English."""

    name = models.CharField(_("name (Indonesian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def display_name(self) -> str:
        """The name in the active language, falling back to Indonesian."""
        return pick_name(self.name, self.name_en)

    def __str__(self) -> str:
        return self.display_name
