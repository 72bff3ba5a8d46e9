"""Competition rounds: the round page with its stages, entry groups and the rules that change by year."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from ..admin.forms import CompetitionPageForm
from ..judging import rules
from .base import BasePage
from .innovations import AwardLevel
from .names import BilingualNameMixin
from .news import NewsDrafts
from .settings import IndonesianTimezone, default_round_timezone


class StageKind(models.TextChoices):
    """The steps of a KIPP round, in their usual order; a round uses the ones it needs."""

    ENTRY = "entry", _("proposal entry")
    ADMINISTRATIVE_CHECK = "administrative_check", _("administrative check")
    DESK_EVALUATION = "desk_evaluation", _("desk evaluation")
    FINALISTS = "finalists", _("finalists announced")
    OBJECTION = "objection", _("objection window")
    INTERVIEW = "interview", _("presentation and interview")
    FIELD_VERIFICATION = "field_verification", _("field verification")
    FINAL = "final", _("winners decided")
    AWARD = "award", _("award ceremony")


STAGE_ORDER = {kind: position for position, kind in enumerate(StageKind.values)}


class Aggregation(models.TextChoices):
    MEAN = "mean", _("mean")
    TRIMMED_MEAN = "trimmed_mean", _("trimmed mean (without the highest and lowest from 5 jurors)")


class GroupKind(models.TextChoices):
    GENERAL = "umum", _("general (umum)")
    REPLICATION = "replikasi", _("replication (replikasi)")
    SPECIAL = "khusus", _("special (khusus)")
    OTHER = "lainnya", _("other (lainnya)")


class CompetitionPageMixin(RoutablePageMixin, models.Model):
    """
    Fields and behaviour of one competition round, for use on any page model.

    The round's deadlines are aware datetimes shown and enforced in ``timezone``. Sub-pages: the public
    objection form (``sanggah/``, route name ``objection``) and its receipt (``objection_done``).
    """

    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences for listings."))
    rules = RichTextField(_("rules and guidance"), blank=True)
    timezone = models.CharField(
        _("timezone"),
        max_length=40,
        choices=IndonesianTimezone.choices,
        default=default_round_timezone,
        help_text=_("Deadlines are shown and enforced in this timezone."),
    )
    themes = ParentalManyToManyField(
        "wagtail_kipp.Theme",
        verbose_name=_("themes offered"),
        blank=True,
        related_name="+",
        help_text=_("The categories an entrant chooses from; leave empty to offer none."),
    )
    sdgs_enabled = models.BooleanField(_("ask for SDGs"), default=True)
    max_entries_per_group = models.PositiveSmallIntegerField(
        _("entries per organisation and group"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many proposals one organisation may submit in each group."),
    )
    minimum_age_months = models.PositiveSmallIntegerField(
        _("minimum innovation age (months)"),
        default=12,
        help_text=_("How long an innovation must have been running at the entry deadline."),
    )
    coordinator_approval = models.BooleanField(
        _("secretariat approves before submission"),
        default=False,
        help_text=_("Submitted proposals wait for the secretariat, which approves them or returns them."),
    )
    grace_minutes = models.PositiveIntegerField(
        _("grace period (minutes)"),
        default=0,
        validators=[MaxValueValidator(7 * 24 * 60)],
        help_text=_("Submissions are still accepted this long after the entry deadline."),
    )
    award_level = models.CharField(
        _("level of the awards"),
        max_length=20,
        choices=AwardLevel.choices,
        default=AwardLevel.LOCAL,
        help_text=_("Recorded on the winners' innovation records."),
    )
    publish_scores = models.BooleanField(
        _("publish scores"),
        default=False,
        help_text=_("Show the scores of finalists and winners on the round page once results are published."),
    )
    news_drafts = models.CharField(
        _("news drafts"),
        max_length=30,
        choices=NewsDrafts.choices,
        default=NewsDrafts.WINNERS,
        help_text=_(
            "When these results are published, draft news stories (in every language of the site) are "
            "written for an editor to review and publish."
        ),
    )
    reference_prefix = models.CharField(
        _("reference number prefix"),
        max_length=20,
        blank=True,
        help_text=_("Leave empty to use the prefix in the site's KIPP settings."),
    )

    round_panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("timezone")]),
        FieldPanel("intro"),
        FieldPanel("rules"),
        InlinePanel("stages", heading=_("Stages"), label=_("stage")),
        InlinePanel("entry_groups", heading=_("Entry groups"), label=_("entry group"), min_num=1),
        InlinePanel("criteria", heading=_("Scoring criteria"), label=_("criterion")),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs_enabled"),
                FieldRowPanel([FieldPanel("max_entries_per_group"), FieldPanel("minimum_age_months")]),
                FieldRowPanel([FieldPanel("grace_minutes"), FieldPanel("reference_prefix")]),
                FieldPanel("coordinator_approval"),
                FieldRowPanel([FieldPanel("award_level"), FieldPanel("publish_scores")]),
                FieldPanel("news_drafts"),
            ],
            heading=_("Rules"),
        ),
    ]

    base_form_class = CompetitionPageForm

    class Meta:
        abstract = True

    @cached_property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def timezone_label(self) -> str:
        """Short name of the round's zone: WIB, WITA or WIT."""
        return IndonesianTimezone(self.timezone).name if self.timezone in IndonesianTimezone.values else ""

    def get_stage(self, kind: str):
        """The round's stage of ``kind``, or ``None`` when the round does not use it."""
        return next((stage for stage in self.stages.all() if stage.kind == kind), None)

    @property
    def entry_stage(self):
        return self.get_stage(StageKind.ENTRY)

    @property
    def entry_deadline(self) -> datetime.datetime | None:
        stage = self.entry_stage
        return stage.closes_at if stage else None

    @property
    def entry_cutoff(self) -> datetime.datetime | None:
        """The last moment a submission is accepted: the deadline plus the grace period."""
        return rules.submission_cutoff(self.entry_deadline, self.grace_minutes) if self.entry_stage else None

    def is_open_for_entries(self, at: datetime.datetime | None = None) -> bool:
        """Whether proposals may be written and submitted now (grace period included)."""
        stage = self.entry_stage
        return bool(stage) and rules.accepts_at(stage.opens_at, self.entry_cutoff, at or timezone.now())

    def get_timeline(self) -> list:
        """The round's stages in date order; may be overridden."""
        return sorted(self.stages.all(), key=lambda stage: (stage.opens_at, STAGE_ORDER.get(stage.kind, 99)))

    def get_context(self, request, *args, **kwargs):
        from ..conf import settings as kipp_settings
        from ..judging import objections

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        results_round = self.results_round()
        objection_open = objections.window_open(results_round, now)
        context.update(
            kipp_base_template=kipp_settings.BASE_TEMPLATE,
            timeline=self.get_timeline(),
            groups=self.entry_groups.select_related("template").prefetch_related(
                "template__sections", "template__attachment_slots"
            ),
            is_open=self.is_open_for_entries(now),
            now=now,
            results=self.published_results(results_round),
            objection_open=objection_open,
            objection_stage=results_round.get_stage(StageKind.OBJECTION) if objection_open else None,
            objection_url=self.get_objection_url(request) if objection_open else "",
        )
        return context

    def results_round(self):
        """The round holding the entries: this page, or its original when this page is a translation."""
        from ..judging import publication

        return publication.results_round(self)

    def published_results(self, results_round=None):
        """What is public about the round's judging (a :class:`~..judging.publication.RoundResults`)."""
        from ..judging import publication

        return publication.round_results(self, competition=results_round)

    def get_objection_url(self, request=None) -> str:
        return (self.get_url(request) or "") + self.reverse_subpage("objection")

    @subpage_path("sanggah/", name="objection")
    def objection_form(self, request):
        """The public objection form (*sanggahan*) of the objection window."""
        from ..judging.objection_forms import objection_view

        return objection_view(self, request)

    @subpage_path("sanggah/terkirim/<uuid:receipt>/", name="objection_done")
    def objection_done(self, request, receipt):
        """The receipt of a filed objection."""
        from ..judging.objection_forms import objection_done_view

        return objection_done_view(self, request, receipt)

    def get_reference_prefix(self, site=None) -> str:
        """The prefix of this round's reference numbers; may be overridden."""
        if self.reference_prefix:
            return self.reference_prefix
        from .settings import KippSettings

        site = site or self.get_site()
        return KippSettings.for_site(site).reference_prefix if site else "KIPP"


class CompetitionPage(CompetitionPageMixin, BasePage):
    """One round of the competition, for example *KIPP Kota Sukamaju 2026*."""

    content_panels = BasePage.content_panels + CompetitionPageMixin.round_panels
    subpage_types: list[str] = []
    template = "wagtail_kipp/competition_page.html"

    class Meta:
        verbose_name = _("competition round")
        verbose_name_plural = _("competition rounds")


class Stage(Orderable):
    """A step of a round with the moments it opens and closes."""

    competition = ParentalKey("wagtail_kipp.CompetitionPage", on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("kind"), max_length=30, choices=StageKind.choices)
    name = models.CharField(
        _("name"), max_length=255, blank=True, help_text=_("Leave empty to use the kind.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    advancing = models.PositiveIntegerField(
        _("entries advancing"),
        null=True,
        blank=True,
        help_text=_("How many entries go on to the next stage."),
    )
    passing_score = models.DecimalField(
        _("passing score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    weight = models.DecimalField(
        _("weight in the final score"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    advancing_per_group = models.PositiveSmallIntegerField(
        _("advancing per group"),
        null=True,
        blank=True,
        help_text=_("At most this many from each entry group."),
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        _("advancing per organisation"),
        null=True,
        blank=True,
        help_text=_("At most this many entries of one organisation advance."),
    )
    organisation_kind_quotas = models.JSONField(
        _("advancing per kind of organisation"),
        default=dict,
        blank=True,
        help_text=_('For example {"kecamatan": 2, "puskesmas": 1}; kinds not listed are not limited.'),
    )

    # How jurors score the stage (judged stages only: desk evaluation, interview, field verification).
    reviewers_per_entry = models.PositiveSmallIntegerField(
        _("jurors per entry"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    aggregation = models.CharField(
        _("combining jurors' scores"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    normalise = models.BooleanField(
        _("normalise each juror's scores (z-score)"),
        default=False,
        help_text=_("Evens out lenient and severe jurors; scores are rescaled to 0-100 around 50."),
    )
    min_reviews = models.PositiveSmallIntegerField(
        _("reviews needed to rank"), default=1, validators=[MinValueValidator(1)]
    )
    spread_threshold = models.DecimalField(
        _("flag disagreement from"),
        max_digits=5,
        decimal_places=2,
        default=15,
        help_text=_(
            "Entries whose jurors' scores differ by this many points or more are flagged for discussion."
        ),
    )
    blind = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Jurors do not see the organisation, people or attachments."),
    )
    show_feedback = models.BooleanField(
        _("show jurors' comments to entrants"),
        default=False,
        help_text=_("After publication, without the jurors' names."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("advancing"), FieldPanel("passing_score"), FieldPanel("weight")]),
        FieldRowPanel(
            [
                FieldPanel("advancing_per_group"),
                FieldPanel("max_per_organisation"),
                FieldPanel("organisation_kind_quotas"),
            ]
        ),
        FieldRowPanel(
            [FieldPanel("reviewers_per_entry"), FieldPanel("aggregation"), FieldPanel("min_reviews")],
            heading=_("Scoring"),
        ),
        FieldRowPanel([FieldPanel("normalise"), FieldPanel("blind"), FieldPanel("show_feedback")]),
        FieldPanel("spread_threshold"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["competition", "kind"], name="kipp_unique_stage_kind"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or str(self.get_kind_display())

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A stage must close after it opens.")})


class EntryGroup(BilingualNameMixin, Orderable):
    """A group (*kelompok*) of a round with its own proposal form, for example *umum* or *replikasi*."""

    competition = ParentalKey(
        "wagtail_kipp.CompetitionPage", on_delete=models.CASCADE, related_name="entry_groups"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.GENERAL)
    slug = models.SlugField(_("slug"), max_length=50)
    template = models.ForeignKey(
        "wagtail_kipp.ProposalTemplate",
        verbose_name=_("proposal template"),
        on_delete=models.PROTECT,
        related_name="entry_groups",
    )
    invitation_only = models.BooleanField(
        _("invitation only"),
        default=False,
        help_text=_("Only the secretariat can open entries in this group."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("slug")]),
        FieldPanel("template"),
        FieldPanel("invitation_only"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("entry group")
        verbose_name_plural = _("entry groups")
        constraints = [
            models.UniqueConstraint(fields=["competition", "slug"], name="kipp_unique_group_slug"),
        ]

    @property
    def requires_replicated_innovation(self) -> bool:
        return self.kind == GroupKind.REPLICATION


class ReferenceCounter(models.Model):
    """The last reference number given in a round; locked while a number is taken so none is skipped."""

    competition = models.OneToOneField(
        "wagtail_kipp.CompetitionPage", on_delete=models.CASCADE, related_name="reference_counter"
    )
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
