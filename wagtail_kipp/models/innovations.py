"""Innovation records: the lasting public page of one innovation, its gallery, documents and awards."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable
from wagtail.search import index

from ..blocks import InnovationBodyBlock
from ..conf import settings as kipp_settings
from ..validators import validate_video_url
from .base import BasePage
from .display import ChoiceLabelsMixin


class InnovationStage(models.TextChoices):
    INITIATIVE = "inisiatif", _("initiative")
    TRIAL = "uji_coba", _("trial")
    IMPLEMENTED = "penerapan", _("implemented")


class InnovationForm(models.TextChoices):
    GOVERNANCE = "tata_kelola", _("governance")
    PUBLIC_SERVICE = "pelayanan_publik", _("public service")
    OTHER = "lainnya", _("other")


class Initiator(models.TextChoices):
    HEAD_OF_REGION = "kepala_daerah", _("head of region")
    COUNCIL_MEMBER = "anggota_dprd", _("council member")
    DEPARTMENT = "opd", _("government department")
    CIVIL_SERVANT = "asn", _("civil servant")
    CITIZEN = "masyarakat", _("citizen")


class AwardLevel(models.TextChoices):
    LOCAL = "lokal", _("local")
    PROVINCIAL = "provinsi", _("provincial")
    NATIONAL = "nasional", _("national")
    INTERNATIONAL = "internasional", _("international")


class AwardTier(models.TextChoices):
    WINNER_1 = "juara_1", _("first place")
    WINNER_2 = "juara_2", _("second place")
    WINNER_3 = "juara_3", _("third place")
    HONOURABLE_MENTION = "harapan", _("honourable mention")
    TOP_99 = "top_99", _("Top 99")
    TOP_45 = "top_45", _("Top 45")
    OUTSTANDING = "terpuji", _("outstanding innovation (terpuji)")
    BEST_IN_CATEGORY = "terbaik_kategori", _("best in category")
    FAVOURITE = "favorit", _("public favourite")
    FINALIST = "finalis", _("finalist")
    OTHER = "lainnya", _("other")


#: Rendition of gallery images on the innovation page.
GALLERY_RENDITION = "fill-480x320"

#: Tiers that count as winning, for "already a top winner" eligibility rules and badges.
WINNING_TIERS = frozenset(
    {
        AwardTier.WINNER_1,
        AwardTier.WINNER_2,
        AwardTier.WINNER_3,
        AwardTier.TOP_45,
        AwardTier.OUTSTANDING,
        AwardTier.BEST_IN_CATEGORY,
    }
)


def pages_in_locale(pages, locale_id: int, queryset=None) -> list:
    """
    ``pages`` each replaced by its live translation in ``locale_id`` where there is one, else as it is; one
    page per translation, in the given order; ``queryset`` (default: the pages' model) fetches translations.
    """
    pages = list(pages)
    if not pages:
        return []
    queryset = type(pages[0]).objects.all() if queryset is None else queryset
    translated = {
        page.translation_key: page
        for page in queryset.live().filter(
            locale_id=locale_id, translation_key__in={p.translation_key for p in pages}
        )
    }
    result, seen = [], set()
    for page in pages:
        if page.translation_key not in seen:
            seen.add(page.translation_key)
            result.append(translated.get(page.translation_key, page))
    return result


class InnovationPageMixin(ChoiceLabelsMixin, models.Model):
    """
    Fields and behaviour of an innovation record, for use on any page model.

    The package's ``InnovationPage`` combines this mixin with the site's base page model.
    """

    organisation = models.ForeignKey(
        "wagtail_kipp.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(
        _("summary"),
        max_length=2000,
        help_text=_("What the innovation is and what it changed, in about 100 words."),
    )
    started_on = models.DateField(_("implementation started"))
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=InnovationStage.choices,
        default=InnovationStage.IMPLEMENTED,
    )
    is_digital = models.BooleanField(_("digital innovation"), default=False)
    innovation_form = models.CharField(
        _("form of innovation"),
        max_length=20,
        choices=InnovationForm.choices,
        default=InnovationForm.PUBLIC_SERVICE,
    )
    initiator = models.CharField(
        _("initiated by"), max_length=20, choices=Initiator.choices, default=Initiator.DEPARTMENT
    )
    innovator_name = models.CharField(
        _("innovator or team"),
        max_length=255,
        blank=True,
        help_text=_("Shown publicly. Do not enter phone numbers or e-mail addresses here."),
    )
    themes = ParentalManyToManyField("wagtail_kipp.Theme", verbose_name=_("themes"), blank=True)
    sdgs = ParentalManyToManyField(
        "wagtail_kipp.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = StreamField(
        InnovationBodyBlock(),
        verbose_name=_("description"),
        blank=True,
        help_text=_("Design and main changes, aims, benefits and results."),
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        validators=[validate_video_url],
        help_text=_("A YouTube or Vimeo link, at most three minutes long."),
    )
    still_running = models.BooleanField(_("still running"), default=True)
    replicates = ParentalManyToManyField(
        "self",
        verbose_name=_("replicates"),
        symmetrical=False,
        blank=True,
        related_name="replicated_by",
        help_text=_("Innovations in this catalogue that this one adapts."),
    )
    replicated_elsewhere = models.TextField(
        _("replicated elsewhere"),
        blank=True,
        help_text=_("Regions or agencies outside this catalogue that replicated it, one per line."),
    )

    content_panels_extra = [
        FieldPanel("organisation"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("started_on"), FieldPanel("stage")]),
                FieldRowPanel([FieldPanel("innovation_form"), FieldPanel("initiator")]),
                FieldRowPanel([FieldPanel("is_digital"), FieldPanel("still_running")]),
                FieldPanel("innovator_name"),
            ],
            heading=_("Record"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("sdgs")],
            heading=_("Themes and goals"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("video_url"),
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("image")),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
        InlinePanel("awards", heading=_("Awards"), label=_("award")),
        MultiFieldPanel(
            [FieldPanel("replicates"), FieldPanel("replicated_elsewhere")],
            heading=_("Replication"),
        ),
    ]

    search_fields_extra = [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("innovator_name"),
        index.RelatedFields("organisation", [index.SearchField("name"), index.SearchField("acronym")]),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_en")]),
        index.FilterField("organisation"),
        index.FilterField("stage"),
        index.FilterField("is_digital"),
        index.FilterField("still_running"),
        index.FilterField("started_on"),
    ]

    class Meta:
        abstract = True

    @property
    def year_started(self) -> int:
        return self.started_on.year

    @cached_property
    def replicated_elsewhere_list(self) -> list[str]:
        return [line.strip() for line in self.replicated_elsewhere.splitlines() if line.strip()]

    def get_related_innovations(self, limit: int | None = None):
        """
        Live innovations of the same locale sharing most themes with this one, newest first.

        May be overridden to change what "related" means.
        """
        limit = kipp_settings.RELATED_INNOVATIONS if limit is None else limit
        theme_ids = [theme.pk for theme in self.themes.all()]
        queryset = (
            type(self)
            .objects.live()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .select_related("organisation")
            .prefetch_related(
                Prefetch(
                    "image",
                    queryset=get_image_model().objects.prefetch_renditions(kipp_settings.CARD_RENDITION),
                ),
                "awards",
            )
        )
        if theme_ids:
            queryset = queryset.annotate(
                shared_themes=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            ).filter(shared_themes__gt=0)
            return queryset.order_by("-shared_themes", "-started_on")[:limit]
        return queryset.filter(organisation_id=self.organisation_id).order_by("-started_on")[:limit]

    def in_this_locale(self, pages) -> list:
        """``pages`` in this page's locale where translated, else as they are; one per translation."""
        return pages_in_locale(pages, self.locale_id)

    def get_gallery(self):
        """Gallery images with their renditions fetched in one query; may be overridden."""
        image_model = get_image_model()
        return self.gallery_images.prefetch_related(
            Prefetch("image", queryset=image_model.objects.prefetch_renditions(GALLERY_RENDITION))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["kipp_base_template"] = kipp_settings.BASE_TEMPLATE
        context["awards"] = list(self.awards.all())
        context["gallery"] = list(self.get_gallery())
        context["related_innovations"] = list(self.get_related_innovations())
        context["replicates"] = self.in_this_locale(self.replicates.live().order_by("title"))
        replicated_by = type(self).objects.live().filter(replicates__translation_key=self.translation_key)
        context["replicated_by"] = self.in_this_locale(replicated_by.distinct().order_by("title"))
        return context


class InnovationPage(InnovationPageMixin, BasePage):
    """An innovation in the public catalogue, lasting across competition years."""

    template = "wagtail_kipp/innovation_page.html"
    parent_page_types = ["wagtail_kipp.InnovationIndexPage"]
    subpage_types: list[str] = []

    content_panels = BasePage.content_panels + InnovationPageMixin.content_panels_extra
    search_fields = BasePage.search_fields + InnovationPageMixin.search_fields_extra

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        # The catalogue's default order: its first page is read from this index, not sorted from every row.
        indexes = [models.Index(fields=["-started_on"], name="kipp_innovation_newest")]


class InnovationGalleryImage(Orderable):
    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")


class InnovationDocument(Orderable):
    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class Award(ChoiceLabelsMixin, Orderable):
    """A recognition an innovation received, in a KIPP round or another competition."""

    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="awards")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    competition = models.CharField(
        _("competition"),
        max_length=255,
        help_text=_("For example 'KIPP Kota Semarang' or 'KIPP Nasional (KemenPANRB)'."),
    )
    level = models.CharField(_("level"), max_length=20, choices=AwardLevel.choices)
    tier = models.CharField(_("tier"), max_length=20, choices=AwardTier.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    entry = models.ForeignKey(
        "wagtail_kipp.Entry",
        verbose_name=_("winning entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        editable=False,
        help_text=_("Set when the award was recorded from a round's published results."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("level"), FieldPanel("tier")]),
        FieldPanel("competition"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["-year", "sort_order"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.get_tier_display()}, {self.competition} {self.year}"

    @property
    def is_win(self) -> bool:
        return self.tier in WINNING_TIERS
