"""Catalogue taxonomy: the themes a region uses and the 17 Sustainable Development Goals."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .names import BilingualNameMixin


class Theme(BilingualNameMixin):
    """A theme or category an innovation belongs to (for example 'Kesehatan', 'Pendidikan')."""

    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class SustainableDevelopmentGoal(BilingualNameMixin):
    """One of the 17 United Nations Sustainable Development Goals (preloaded by a migration)."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(17)],
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1a5a96",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #e5243b."))],
    )

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("name_en"), FieldPanel("colour")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.display_name}"
