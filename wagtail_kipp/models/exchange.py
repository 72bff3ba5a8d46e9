"""
Exchange records: export jobs, imported bundles, and where imported or harvested data came from.

A round's long exports run as background jobs (``ExportJob``) whose file lands in private storage. A hub
that takes in other portals' winners keeps, for each thing it took in, the portal and the stable id it came
with: ``ImportedBundle`` for a bundle, ``OrganisationSource`` for a sending organisation, ``InnovationSource``
for an innovation record, and ``HarvestSource`` for a portal whose public API it harvests.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import get_private_storage
from .base import PAGE_MODEL_NAME


class ExportKind(models.TextChoices):
    SINOVIK_PACKAGE = "sinovik_package", _("SINOVIK package (ZIP)")
    ENTRIES_CSV = "entries_csv", _("entries, scores and results (CSV)")
    ENTRIES_XLSX = "entries_xlsx", _("entries, scores and results (XLSX)")
    BUNDLE = "bundle", _("winner bundle")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ExportJob(models.Model):
    """A long export of a round, made in the background; its file is offered for download when ready."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=ExportKind.choices)
    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    selection = models.JSONField(
        _("selection"),
        default=dict,
        blank=True,
        help_text=_("Which entries the export holds, as chosen when it was requested."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file = models.FileField(
        _("file"), upload_to="kipp/exports/%Y/%m/", storage=get_private_storage, max_length=255, blank=True
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        when = f" ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else ""
        return f"{self.get_kind_display()}{when}"

    @property
    def progress_percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class ImportedBundle(models.Model):
    """Another portal's entries taken into one of this site's rounds; importing it again changes nothing."""

    bundle_id = models.UUIDField(_("bundle id"), help_text=_("The id the sending portal gave the bundle."))
    sha256 = models.CharField(_("SHA-256 of the manifest"), max_length=64)
    competition = models.ForeignKey(
        "wagtail_kipp.CompetitionPage",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="imported_bundles",
    )
    source_portal = models.CharField(_("sending portal"), max_length=255)
    source_url = models.URLField(_("sending portal's address"), blank=True)
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("imported bundle")
        verbose_name_plural = _("imported bundles")
        constraints = [
            models.UniqueConstraint(fields=["competition", "bundle_id"], name="kipp_unique_imported_bundle"),
        ]

    def __str__(self) -> str:
        return f"{self.source_portal} ({self.bundle_id})"


class OrganisationSource(models.Model):
    """An organisation as another portal names it, and the organisation of this site it maps to."""

    portal = models.CharField(
        _("portal"),
        max_length=255,
        help_text=_("The other portal's address, as its bundles and API give it."),
    )
    key = models.CharField(_("key"), max_length=255, help_text=_("The organisation's slug on that portal."))
    name = models.CharField(_("name there"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "wagtail_kipp.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sources",
    )

    class Meta:
        ordering = ["portal", "key"]
        verbose_name = _("organisation of another portal")
        verbose_name_plural = _("organisations of other portals")
        constraints = [
            models.UniqueConstraint(fields=["portal", "key"], name="kipp_unique_organisation_source"),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.key} ({self.portal})"


class HarvestSource(models.Model):
    """Another portal whose public API this site harvests into one of its catalogues."""

    name = models.CharField(_("name"), max_length=255)
    api_url = models.URLField(
        _("API address"), unique=True, help_text=_("The portal's API root, e.g. https://…/api/kipp/v1/")
    )
    catalogue = models.ForeignKey(
        PAGE_MODEL_NAME,
        verbose_name=_("catalogue"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The catalogue page under which harvested innovations are kept."),
    )
    active = models.BooleanField(_("active"), default=True)
    harvested_until = models.DateTimeField(
        _("harvested until"),
        null=True,
        blank=True,
        help_text=_("Changes up to this time are in; the next run asks only for later ones."),
    )
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_status = models.CharField(_("last status"), max_length=20, blank=True)
    last_report = models.JSONField(_("last report"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("harvested portal")
        verbose_name_plural = _("harvested portals")

    def __str__(self) -> str:
        return self.name


class InnovationSource(models.Model):
    """Where an innovation record came from: another portal's stable id, so it is merged, not duplicated."""

    page = models.ForeignKey(
        "wagtail_kipp.InnovationPage",
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    portal = models.CharField(_("portal"), max_length=255)
    source_id = models.UUIDField(_("stable id there"))
    locale = models.CharField(_("language"), max_length=20)
    url = models.URLField(_("page there"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("last changed there"), null=True, blank=True)
    harvest = models.ForeignKey(
        HarvestSource,
        verbose_name=_("harvested portal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
    )
    bundle = models.ForeignKey(
        ImportedBundle,
        verbose_name=_("imported bundle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="innovations",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["portal", "source_id", "locale"]
        verbose_name = _("innovation source")
        verbose_name_plural = _("innovation sources")
        constraints = [
            models.UniqueConstraint(fields=["source_id", "locale"], name="kipp_unique_innovation_source"),
        ]

    def __str__(self) -> str:
        return f"{self.portal} {self.source_id} ({self.locale})"
