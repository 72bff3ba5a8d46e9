"""The objection window (*masa sanggah*): objections to published finalists, resolved by the secretariat."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import (
    CompetitionPage,
    Decision,
    Entry,
    KippSettings,
    Objection,
    ObjectionStatus,
    StageKind,
    StageResult,
)
from ..notifications.emails import portal_url, queue_email
from . import permissions, rules
from .services import NotAllowed, ServiceError

#: The stage whose published "advance" decisions make an entry a finalist that can be objected to.
FINALIST_STAGE = StageKind.DESK_EVALUATION


def window_open(competition: CompetitionPage, now: datetime.datetime | None = None) -> bool:
    stage = competition.get_stage(StageKind.OBJECTION)
    return bool(stage) and rules.accepts_at(stage.opens_at, stage.closes_at, now or timezone.now())


def finalists(competition: CompetitionPage) -> QuerySet[Entry]:
    """The entries published as advancing from the desk evaluation: what the public may object to."""
    return Entry.objects.filter(
        pk__in=StageResult.objects.filter(
            entry__competition=competition,
            stage_kind=FINALIST_STAGE,
            decision=Decision.ADVANCE,
            published_at__isnull=False,
        ).values("entry_id")
    ).order_by("title")


@transaction.atomic
def file_objection(
    competition: CompetitionPage,
    entry: Entry,
    *,
    filer_name: str,
    filer_email: str,
    grounds: str,
    filer_phone: str = "",
    evidence: UploadedFile | None = None,
    evidence_type: str = "",
    now: datetime.datetime | None = None,
) -> Objection:
    """File an objection during the window against a published finalist; the secretariat is told by e-mail."""
    if not window_open(competition, now):
        raise NotAllowed(_("The objection period of this round is not open."))
    if not finalists(competition).filter(pk=entry.pk).exists():
        raise ServiceError(_("Objections can only be filed against the published finalists."))
    if len(grounds.strip()) < 20:
        raise ServiceError(_("Explain the grounds of your objection (at least 20 characters)."))
    objection = Objection(
        competition=competition,
        entry=entry,
        filer_name=filer_name.strip(),
        filer_email=filer_email.strip(),
        filer_phone=filer_phone.strip(),
        grounds=grounds.strip(),
    )
    if evidence is not None:
        objection.evidence_name = evidence.name[:255]
        objection.evidence.save(f"{objection.uuid}.{evidence_type or 'bin'}", evidence, save=False)
    objection.save()
    log(objection, "wagtail_kipp.objection.file", data={"entry": entry.pk})
    site = competition.get_site()
    address = KippSettings.for_site(site).secretariat_email if site else ""
    if address:
        from django.urls import NoReverseMatch, reverse

        try:
            admin_url = portal_url(reverse("kipp_objections:edit", args=[objection.pk]))
        except NoReverseMatch:  # the site does not use the package's admin screens
            admin_url = ""
        queue_email(
            "objection_received",
            {
                "objection": objection,
                "entry": entry,
                "competition": competition,
                "admin_url": admin_url,
            },
            [address],
        )
    return objection


@transaction.atomic
def resolve_objection(user, objection: Objection, status: str, resolution: str) -> Objection:
    """Record the outcome of an objection; it is shown on the round page."""
    if not permissions.is_secretariat(user):
        raise PermissionDenied
    if status not in (ObjectionStatus.UPHELD, ObjectionStatus.REJECTED):
        raise ServiceError(_("Choose whether the objection is upheld or rejected."))
    if not resolution.strip():
        raise ServiceError(_("Write the outcome; it is published on the round page."))
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    locked.status = status
    locked.resolution = resolution.strip()
    locked.resolved_at = timezone.now()
    locked.resolved_by = user
    locked.save()
    log(locked, "wagtail_kipp.objection.resolve", user=user, data={"status": status})
    queue_email(
        "objection_resolved", {"objection": locked, "competition": locked.competition}, [locked.filer_email]
    )
    return locked


def published_objections(competition: CompetitionPage) -> QuerySet[Objection]:
    """Resolved objections for the round page: the entry and the outcome, never the filer's contact."""
    return (
        Objection.objects.filter(competition=competition)
        .exclude(status=ObjectionStatus.RECEIVED)
        .select_related("entry")
        .only("entry__title", "entry__reference", "status", "resolution", "resolved_at", "competition_id")
    )
