"""Field-verification evidence: photos (JPEG, PNG) and PDF documents a juror keeps privately with a review."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..entrant_portal import uploads
from ..models import Assignment, ReviewEvidence, ReviewStatus, StageKind
from ..models.proposals import FileType
from . import permissions, reviews
from .services import NotAllowed

logger = logging.getLogger(__name__)

#: What evidence may be: checked by content, not by name.
EVIDENCE_TYPES = (FileType.JPEG, FileType.PNG, FileType.PDF)
#: Largest evidence file (phone photos are a few megabytes).
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _check_can_add(user, assignment: Assignment) -> None:
    if not permissions.can_review(user, assignment):
        raise PermissionDenied
    if assignment.stage_kind != StageKind.FIELD_VERIFICATION:
        raise NotAllowed(_("Evidence is added to field-verification reviews only."))
    if assignment.panel_member.pledge_accepted_at is None:
        raise NotAllowed(_("Accept the integrity pledge before scoring."))
    if assignment.status == ReviewStatus.SUBMITTED:
        raise NotAllowed(_("This review was submitted and is locked. Only the chair can reopen it."))
    if reviews.scoring_closed(assignment):
        raise NotAllowed(_("Scoring of this stage is closed."))
    if not reviews.scoring_window_open(assignment):
        raise NotAllowed(
            _("This stage is not open for scoring now. Ask the secretariat if its period should be extended.")
        )


def _delete_stored(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the evidence file %s", name)


def store_evidence(
    user, assignment: Assignment, uploaded_file: UploadedFile, caption: str = ""
) -> ReviewEvidence:
    """
    Check ``uploaded_file`` by its content (a JPEG or PNG photo, or a PDF) and keep it privately with the
    review. Raises :class:`~wagtail_kipp.entrant_portal.uploads.UploadRefused` with a message for the juror.
    """
    _check_can_add(user, assignment)
    checked = uploads.check_upload(
        uploaded_file, {"max_size_bytes": EVIDENCE_MAX_BYTES, "allowed_types": list(EVIDENCE_TYPES)}
    )
    storage = ReviewEvidence._meta.get_field("file").storage
    new_name = ""
    try:
        with transaction.atomic():
            locked = (
                Assignment.objects.select_for_update()
                .select_related("panel_member", "entry__competition")
                .get(pk=assignment.pk)
            )
            _check_can_add(user, locked)
            evidence = ReviewEvidence(
                assignment=locked,
                original_name=checked.original_name,
                file_type=checked.file_type,
                size=checked.size,
                sha256=checked.sha256,
                caption=caption.strip(),
            )
            uploaded_file.seek(0)
            evidence.file.save(uploads.stored_name(checked.file_type), uploaded_file, save=False)
            new_name = evidence.file.name
            evidence.save()
            log(
                evidence,
                "wagtail_kipp.review.evidence_add",
                user=user,
                data={"assignment": locked.pk, "name": checked.original_name, "sha256": checked.sha256},
            )
    except BaseException:
        if new_name:
            _delete_stored(storage, new_name)
        raise
    return evidence


def remove_evidence(user, evidence: ReviewEvidence) -> None:
    """Remove a piece of evidence from a review that is still a draft; the file goes once committed."""
    storage = ReviewEvidence._meta.get_field("file").storage
    with transaction.atomic():
        locked = (
            Assignment.objects.select_for_update()
            .select_related("panel_member", "entry__competition")
            .get(pk=evidence.assignment_id)
        )
        _check_can_add(user, locked)
        stored = evidence.file.name
        log(
            evidence,
            "wagtail_kipp.review.evidence_remove",
            user=user,
            data={"assignment": locked.pk, "name": evidence.original_name},
        )
        evidence.delete()
        transaction.on_commit(lambda: _delete_stored(storage, stored))
