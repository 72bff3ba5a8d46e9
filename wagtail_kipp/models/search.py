"""The catalogue's own search documents: weighted text per live innovation, and a lexicon of its words.

On PostgreSQL each document carries a stored ``tsvector`` with a GIN index, and the lexicon a trigram index
(see ``catalogue.postgres_search``); on other databases the rows hold the text only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import PAGE_MODEL_NAME


class TsVectorField(models.Field):
    """A PostgreSQL ``tsvector`` column, plain text elsewhere; written by SQL only, never by the ORM."""

    description = "Text search vector"

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class RegConfigField(models.Field):
    """A PostgreSQL text search configuration name (``regconfig``), for casts in search expressions."""

    def db_type(self, connection):
        return "regconfig" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Model):
    """
    The searchable text of one innovation page.

    On PostgreSQL, ``vector`` holds every word of it without positions (small enough to stay in the row, for
    matching through its GIN index), and ``rank_vector`` the title (weight A), keywords (B) and summary (C)
    with positions, for ranking the matches: the long body decides whether a page matches, not its rank.
    """

    page = models.OneToOneField(
        PAGE_MODEL_NAME,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="kipp_search_document",
        verbose_name=_("page"),
    )
    config = models.CharField(_("text search configuration"), max_length=63)
    title = models.TextField(_("title"))
    keywords = models.TextField(_("keywords"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    vector = TsVectorField(null=True, editable=False)
    rank_vector = TsVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("catalogue search document")
        verbose_name_plural = _("catalogue search documents")

    def __str__(self) -> str:
        return self.title


class SearchWord(models.Model):
    """A word of the catalogue's titles, keywords or summaries: the vocabulary that typos are matched to."""

    word = models.CharField(_("word"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("catalogue search word")
        verbose_name_plural = _("catalogue search words")

    def __str__(self) -> str:
        return self.word
