"""The jury: panel, criteria, assignments with their score sheets, conflicts, stage results, objections."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..storage import get_private_storage
from .competitions import StageKind
from .innovations import AwardTier
from .names import BilingualNameMixin, pick_name

#: Stages in which jurors score entries, in pipeline order.
JUDGED_STAGES = (StageKind.DESK_EVALUATION, StageKind.INTERVIEW, StageKind.FIELD_VERIFICATION)

#: Stages whose results the secretariat decides and publishes: the judged stages and the final decision.
RESULT_STAGES = (*JUDGED_STAGES, StageKind.FINAL)

JUDGED_STAGE_CHOICES = [(kind.value, kind.label) for kind in JUDGED_STAGES]
RESULT_STAGE_CHOICES = [(kind.value, kind.label) for kind in RESULT_STAGES]


class PanelRole(models.TextChoices):
    EVALUATOR = "evaluator", _("evaluator (Tim Evaluasi)")
    PANELIST = "panelist", _("panelist (Tim Panel Independen)")
    CHAIR = "chair", _("chair")


class Affiliation(models.TextChoices):
    GOVERNMENT = "government", _("government organisation")
    ACADEMIC = "academic", _("university (academic)")
    NGO = "ngo", _("civil society (NGO)")
    JOURNALIST = "journalist", _("journalist")
    OTHER = "other", _("other, outside the government")


class PanelMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, user__isnull=False, user__is_active=True)


class PanelMember(models.Model):
    """A juror of one round: an evaluator, a panelist or the chair, with the stages they judge."""

    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="panel_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kipp_panel_memberships",
        help_text=_("Set when the juror accepts the invitation."),
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=PanelRole.choices, default=PanelRole.EVALUATOR)
    affiliation = models.CharField(
        _("affiliation"), max_length=20, choices=Affiliation.choices, default=Affiliation.ACADEMIC
    )
    institution = models.CharField(
        _("institution"), max_length=255, blank=True, help_text=_("For example the university or newspaper.")
    )
    organisation = models.ForeignKey(
        "wagtail_kipp.Organisation",
        verbose_name=_("government organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panel_members",
        help_text=_("The juror never scores entries of this organisation or of its parent or children."),
    )
    stage_kinds = models.JSONField(_("stages judged"), default=list, blank=True)
    themes = models.ManyToManyField(
        "wagtail_kipp.Theme", verbose_name=_("expertise"), blank=True, related_name="+"
    )
    capacity = models.PositiveSmallIntegerField(
        _("most entries per stage"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive jurors are not assigned and cannot score.")
    )
    pledge_accepted_at = models.DateTimeField(_("integrity pledge accepted"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "role", "name"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["competition", "email"], name="kipp_unique_panel_email"),
            models.UniqueConstraint(
                fields=["competition", "user"],
                condition=models.Q(user__isnull=False),
                name="kipp_unique_panel_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_chair(self) -> bool:
        return self.role == PanelRole.CHAIR

    def judges(self, stage_kind: str) -> bool:
        return stage_kind in (self.stage_kinds or [])

    def get_stage_kinds_display(self) -> str:
        labels = dict(JUDGED_STAGE_CHOICES)
        return ", ".join(str(labels.get(kind, kind)) for kind in self.stage_kinds or [])


class CriterionKind(models.TextChoices):
    SCORE = "score", _("score on a scale")
    CHECK = "check", _("checklist item (yes or no)")


class Criterion(BilingualNameMixin, Orderable):
    """One scoring criterion of a judged stage of a round, with its weight and scale."""

    competition = ParentalKey(
        "wagtail_kipp.CompetitionPage", on_delete=models.CASCADE, related_name="criteria"
    )
    stage_kind = models.CharField(_("stage"), max_length=30, choices=JUDGED_STAGE_CHOICES)
    key = models.SlugField(_("key"), max_length=50)
    kind = models.CharField(
        _("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.SCORE
    )
    guidance = models.TextField(_("guidance (Indonesian)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0.01)]
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=10, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    tie_break_order = models.PositiveSmallIntegerField(
        _("tie-break order"),
        null=True,
        blank=True,
        help_text=_(
            "Entries with equal scores are separated by this criterion first (1), then the next (2)."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("stage_kind"), FieldPanel("key"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("guidance"), FieldPanel("guidance_en")]),
        FieldRowPanel(
            [
                FieldPanel("weight"),
                FieldPanel("scale_min"),
                FieldPanel("scale_max"),
                FieldPanel("tie_break_order"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "stage_kind", "key"], name="kipp_unique_criterion"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.kind == CriterionKind.SCORE and self.scale_max is not None and self.scale_min is not None:
            if self.scale_max <= self.scale_min:
                raise ValidationError({"scale_max": _("The highest score must be above the lowest.")})

    @property
    def display_guidance(self) -> str:
        return pick_name(self.guidance, self.guidance_en)

    @property
    def low(self) -> int:
        return 0 if self.kind == CriterionKind.CHECK else self.scale_min

    @property
    def high(self) -> int:
        return 1 if self.kind == CriterionKind.CHECK else self.scale_max


class StageState(models.Model):
    """What happened to a stage of a round: scoring closed by the chair, results computed and published."""

    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage", on_delete=models.CASCADE, related_name="stage_states"
    )
    stage_kind = models.CharField(_("stage"), max_length=30, choices=RESULT_STAGE_CHOICES)
    scoring_closed_at = models.DateTimeField(_("scoring closed"), null=True, blank=True)
    scoring_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField(_("results computed"), null=True, blank=True)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("stage state")
        verbose_name_plural = _("stage states")
        constraints = [
            models.UniqueConstraint(fields=["competition", "stage_kind"], name="kipp_unique_stage_state"),
        ]

    def __str__(self) -> str:
        return f"{self.competition} – {self.get_stage_kind_display()}"


class ReviewStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Recommendation(models.TextChoices):
    ADVANCE = "advance", _("advance")
    DISCUSS = "discuss", _("discuss at the consolidation meeting")
    DECLINE = "decline", _("do not advance")


class AssignmentQuerySet(models.QuerySet):
    def of_stage(self, competition, stage_kind: str):
        return self.filter(entry__competition=competition, stage_kind=stage_kind)

    def started(self):
        return self.exclude(status=ReviewStatus.NOT_STARTED)


class Assignment(models.Model):
    """One juror's review of one entry in one stage: the score sheet, draft until submitted."""

    panel_member = models.ForeignKey(
        PanelMember, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        "wagtail_kipp.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="assignments"
    )
    stage_kind = models.CharField(_("stage"), max_length=30, choices=JUDGED_STAGE_CHOICES)
    manual = models.BooleanField(_("assigned by hand"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NOT_STARTED
    )
    overall_comment = models.TextField(_("overall comment"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "panel_member"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["panel_member", "entry", "stage_kind"], name="kipp_unique_assignment"
            ),
        ]
        indexes = [models.Index(fields=["stage_kind", "status"])]

    def __str__(self) -> str:
        return f"{self.panel_member.name}: {self.entry}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class Score(models.Model):
    """A juror's value and comment for one criterion of an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion_key = models.SlugField(_("criterion"), max_length=50)
    value = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion_key"], name="kipp_unique_score"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_key}={self.value}"


class ReviewEvidence(models.Model):
    """A photo or document a juror adds to a review, for example from a field visit; stored privately."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("file"), upload_to="kipp/evidence/%Y/%m/", storage=get_private_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class ConflictSource(models.TextChoices):
    DETECTED = "detected", _("detected (same or related organisation)")
    DECLARED = "declared", _("declared by the juror")
    SECRETARIAT = "secretariat", _("recorded by the secretariat")


class ConflictOfInterest(models.Model):
    """A juror who must not see or score an entry."""

    panel_member = models.ForeignKey(
        PanelMember, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="conflicts"
    )
    entry = models.ForeignKey(
        "wagtail_kipp.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="jury_conflicts"
    )
    source = models.CharField(_("source"), max_length=20, choices=ConflictSource.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["panel_member", "entry"], name="kipp_unique_conflict"),
        ]

    def __str__(self) -> str:
        return f"{self.panel_member.name} / {self.entry}"


class Decision(models.TextChoices):
    PENDING = "pending", _("not decided")
    ADVANCE = "advance", _("advances")
    ELIMINATE = "eliminate", _("does not advance")


class StageResult(models.Model):
    """An entry's score, rank and decision in a stage; invisible outside the secretariat until published."""

    entry = models.ForeignKey(
        "wagtail_kipp.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="stage_results"
    )
    stage_kind = models.CharField(_("stage"), max_length=30, choices=RESULT_STAGE_CHOICES)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    tied = models.BooleanField(_("tied"), default=False)
    reviews = models.PositiveSmallIntegerField(_("reviews counted"), default=0)
    flagged = models.BooleanField(
        _("jurors disagree"), default=False, help_text=_("For the consolidation meeting.")
    )
    suggestion = models.CharField(
        _("suggested by the quotas"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    suggestion_reason = models.CharField(_("why"), max_length=40, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    override_reason = models.TextField(
        _("reason for overriding the ranking"),
        blank=True,
        help_text=_("Required when the decision differs from the ranking's suggestion."),
    )
    panel_order = models.PositiveSmallIntegerField(
        _("panel decision on a tie"),
        null=True,
        blank=True,
        help_text=_("Among tied entries, the panel's order (1 first)."),
    )
    award_tier = models.CharField(_("award"), max_length=20, choices=AwardTier.choices, blank=True)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    feedback = models.TextField(_("feedback to the entrant"), blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["stage_kind", "rank", "entry"]
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage_kind"], name="kipp_unique_stage_result"),
        ]

    def __str__(self) -> str:
        return f"{self.entry} – {self.get_stage_kind_display()}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_override(self) -> bool:
        return self.decision != Decision.PENDING and self.decision != self.suggestion


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    UPHELD = "upheld", _("upheld")
    REJECTED = "rejected", _("rejected")


class Objection(models.Model):
    """A public objection (*sanggahan*) to a finalist, filed during the objection window."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    entry = models.ForeignKey(
        "wagtail_kipp.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="objections"
    )
    filer_name = models.CharField(_("name"), max_length=255)
    filer_email = models.EmailField(_("e-mail"))
    filer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    grounds = models.TextField(_("grounds"))
    evidence = models.FileField(
        _("evidence"),
        upload_to="kipp/objections/%Y/%m/",
        storage=get_private_storage,
        max_length=255,
        blank=True,
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED
    )
    resolution = models.TextField(_("outcome"), blank=True, help_text=_("Published on the round page."))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.filer_name}: {self.entry}"

    @property
    def is_resolved(self) -> bool:
        return self.status != ObjectionStatus.RECEIVED


class InterviewSlot(models.Model):
    """When and where a finalist presents to the panel."""

    entry = models.OneToOneField(
        "wagtail_kipp.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="interview"
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    note = models.TextField(_("note to the entrant"), blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")

    def __str__(self) -> str:
        return f"{self.entry} @ {self.starts_at:%Y-%m-%d %H:%M}"


class FieldVisit(models.Model):
    """A field-verification visit to a finalist by a pair of jurors."""

    entry = models.OneToOneField(
        "wagtail_kipp.Entry", verbose_name=_("entry"), on_delete=models.CASCADE, related_name="field_visit"
    )
    visit_at = models.DateTimeField(_("visit"))
    place = models.CharField(_("address"), max_length=255)
    members = models.ManyToManyField(
        PanelMember, verbose_name=_("visiting jurors"), related_name="field_visits", blank=True
    )
    note = models.TextField(_("note to the entrant"), blank=True)

    class Meta:
        ordering = ["visit_at"]
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")

    def __str__(self) -> str:
        return f"{self.entry} @ {self.visit_at:%Y-%m-%d}"
