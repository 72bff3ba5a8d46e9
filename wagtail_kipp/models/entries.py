"""Entries: an organisation's proposal in a round, its private attachments and kept conflicting drafts."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..storage import get_private_storage
from ..validators import validate_video_url
from .innovations import InnovationStage


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    RETURNED = "returned", _("returned for correction")
    AWAITING_APPROVAL = "awaiting_approval", _("waiting for the secretariat")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ELIGIBLE = "eligible", _("passed the administrative check")
    INELIGIBLE = "ineligible", _("did not pass the administrative check")


#: What the entrant sees of a status: the administrative check's outcome stays hidden until it is published.
PUBLIC_STATUS = {
    EntryStatus.ELIGIBLE: EntryStatus.SUBMITTED,
    EntryStatus.INELIGIBLE: EntryStatus.SUBMITTED,
}

#: Statuses in which the organisation's operators may still change the proposal.
EDITABLE_STATUSES = frozenset({EntryStatus.DRAFT, EntryStatus.RETURNED})


class EntryQuerySet(models.QuerySet):
    def for_organisations(self, organisations):
        return self.filter(organisation__in=organisations)

    def of_round(self, competition):
        return self.filter(competition=competition)

    def counting_towards_quota(self):
        """Entries that take one of the organisation's places in a group."""
        return self.exclude(status__in=[EntryStatus.WITHDRAWN])


class Entry(models.Model):
    """A proposal of one organisation in one round and group, from first draft to the administrative check."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    organisation = models.ForeignKey(
        "wagtail_kipp.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    group = models.ForeignKey(
        "wagtail_kipp.EntryGroup",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    innovation = models.ForeignKey(
        "wagtail_kipp.InnovationPage",
        verbose_name=_("innovation record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        help_text=_("The catalogue page of this innovation when it was entered or published before."),
    )
    replicated_innovation = models.ForeignKey(
        "wagtail_kipp.InnovationPage",
        verbose_name=_("replicated innovation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replicating_entries",
    )

    # Header fields of the proposal form.
    title = models.CharField(_("innovation title"), max_length=255)
    started_on = models.DateField(_("implementation started"), null=True, blank=True)
    innovation_stage = models.CharField(
        _("stage of the innovation"), max_length=20, choices=InnovationStage.choices, blank=True
    )
    is_digital = models.BooleanField(_("digital innovation"), null=True, blank=True)
    themes = models.ManyToManyField(
        "wagtail_kipp.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    sdgs = models.ManyToManyField(
        "wagtail_kipp.SustainableDevelopmentGoal", verbose_name=_("SDGs"), blank=True, related_name="+"
    )
    video_url = models.URLField(_("video link"), blank=True, validators=[validate_video_url])
    innovator_name = models.CharField(_("innovator or team"), max_length=255, blank=True)
    innovator_phone = models.CharField(_("innovator phone"), max_length=40, blank=True)
    innovator_email = models.EmailField(_("innovator e-mail"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    reference_number = models.PositiveIntegerField(
        _("reference number"), null=True, blank=True, editable=False
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True, editable=False)
    template_snapshot = models.JSONField(_("template snapshot"), null=True, blank=True, editable=False)
    return_note = models.TextField(_("note from the secretariat"), blank=True)
    late_until = models.DateTimeField(
        _("late submission allowed until"),
        null=True,
        blank=True,
        help_text=_("An exception granted by the secretariat for this entry only."),
    )
    check_reason = models.TextField(_("reason of the administrative check"), blank=True)
    source_uuid = models.UUIDField(
        _("id on the sending portal"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the entry was imported from another portal's bundle."),
    )
    source = models.JSONField(
        _("source"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("For an imported entry: the sending portal, round, reference, scores and award history."),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "reference_number"], name="kipp_unique_reference_number"
            ),
            models.UniqueConstraint(
                fields=["competition", "source_uuid"],
                condition=models.Q(source_uuid__isnull=False),
                name="kipp_unique_imported_entry",
            ),
        ]
        indexes = [models.Index(fields=["competition", "organisation", "group"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("wagtail_kipp_portal:entry_edit", args=[self.uuid])

    def get_public_status_display(self) -> str:
        """The status as the organisation may see it (no unpublished decisions)."""
        return str(EntryStatus(PUBLIC_STATUS.get(self.status, self.status)).label)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def get_template_spec(self) -> dict[str, Any]:
        """The template this entry is written against: the snapshot once submitted, else the group's."""
        if self.template_snapshot:
            return self.template_snapshot
        return self.group.template.snapshot()

    def answer(self, key: str) -> str:
        value = (self.answers or {}).get(key, "")
        return value if isinstance(value, str) else ""


class EntryAttachment(models.Model):
    """A file of an entry for one attachment slot, checked by content and kept in private storage."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="attachments"
    )
    slot = models.CharField(_("slot"), max_length=50)
    file = models.FileField(
        _("file"), upload_to="kipp/entries/%Y/%m/", storage=get_private_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "slot"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [models.UniqueConstraint(fields=["entry", "slot"], name="kipp_unique_attachment_slot")]

    def __str__(self) -> str:
        return self.original_name


class EntryConflict(models.Model):
    """A save that was refused because a colleague saved first; kept so that nothing typed is lost."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    based_on_version = models.PositiveIntegerField()
    data = models.JSONField(help_text="The refused values, by form field name.")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conflicting draft")
        verbose_name_plural = _("conflicting drafts")

    def __str__(self) -> str:
        return f"{self.entry} v{self.based_on_version}"
