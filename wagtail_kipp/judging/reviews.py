"""A juror's score sheet: save as draft (with a version check), submit when complete, reopen by the chair."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import signals
from ..models import Assignment, Criterion, CriterionKind, ReviewStatus, Score
from . import permissions, rules
from .services import NotAllowed, ServiceError


class StaleReview(ServiceError):
    """The score sheet was saved elsewhere (another tab) after the version this save was based on."""

    def __init__(self, assignment: Assignment):
        super().__init__(
            _("This score sheet was saved in another window after you opened it. Reload it before saving.")
        )
        self.assignment = assignment


def criteria_for(assignment: Assignment) -> list[Criterion]:
    return list(
        Criterion.objects.filter(
            competition_id=assignment.entry.competition_id, stage_kind=assignment.stage_kind
        ).order_by("sort_order", "pk")
    )


def scoring_closed(assignment: Assignment) -> bool:
    from .results import stage_state

    state = stage_state(assignment.entry.competition, assignment.stage_kind)
    return bool(state.scoring_closed_at or state.published_at)


def scoring_window_open(assignment: Assignment, now: datetime.datetime | None = None) -> bool:
    """Whether ``now`` lies in the stage's period (the secretariat extends it by editing the round)."""
    stage = assignment.entry.competition.get_stage(assignment.stage_kind)
    return stage is None or rules.accepts_at(stage.opens_at, stage.closes_at, now or timezone.now())


def _check_can_write(user, assignment: Assignment, now: datetime.datetime | None = None) -> None:
    if not permissions.can_review(user, assignment):
        raise PermissionDenied
    if assignment.panel_member.pledge_accepted_at is None:
        raise NotAllowed(_("Accept the integrity pledge before scoring."))
    if assignment.status == ReviewStatus.SUBMITTED:
        raise NotAllowed(_("This review was submitted and is locked. Ask the chair to reopen it."))
    if scoring_closed(assignment):
        raise NotAllowed(_("Scoring of this stage is closed."))
    if not scoring_window_open(assignment, now):
        raise NotAllowed(
            _("This stage is not open for scoring now. Ask the secretariat if its period should be extended.")
        )


def _clean_value(criterion: Criterion, value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ServiceError(
            _("%(criterion)s: enter a number.") % {"criterion": criterion.display_name}
        ) from None
    if criterion.kind == CriterionKind.CHECK and number not in (0, 1):
        raise ServiceError(_("%(criterion)s: answer yes or no.") % {"criterion": criterion.display_name})
    if not number.is_finite() or number < criterion.low or number > criterion.high:
        raise ServiceError(
            _("%(criterion)s: the score must be between %(low)s and %(high)s.")
            % {"criterion": criterion.display_name, "low": criterion.low, "high": criterion.high}
        )
    return number.quantize(Decimal("0.01"))


def save_review(
    user,
    assignment: Assignment,
    *,
    based_on_version: int,
    values: dict[str, object],
    comments: dict[str, str] | None = None,
    overall_comment: str | None = None,
    recommendation: str | None = None,
    now: datetime.datetime | None = None,
) -> Assignment:
    """Save the score sheet as a draft. Values outside a criterion's scale are refused, nothing is saved."""
    comments = comments or {}
    with transaction.atomic():
        locked = (
            Assignment.objects.select_for_update()
            .select_related("panel_member", "entry__competition")
            .get(pk=assignment.pk)
        )
        _check_can_write(user, locked, now)
        if locked.version != based_on_version:
            raise StaleReview(locked)
        criteria = {criterion.key: criterion for criterion in criteria_for(locked)}
        cleaned = {
            key: _clean_value(criteria[key], value) for key, value in values.items() if key in criteria
        }
        existing = {score.criterion_key: score for score in locked.scores.all()}
        for key in criteria:
            if key not in cleaned and key not in comments:
                continue
            score = existing.get(key) or Score(assignment=locked, criterion_key=key)
            if key in cleaned:
                score.value = cleaned[key]
            if key in comments:
                score.comment = comments[key].strip()
            score.save()
        if overall_comment is not None:
            locked.overall_comment = overall_comment.strip()
        if recommendation is not None:
            locked.recommendation = recommendation
        locked.status = ReviewStatus.DRAFT
        locked.version += 1
        locked.save()
    return locked


def review_problems(assignment: Assignment) -> list[str]:
    """What stops the score sheet from being submitted."""
    values = {score.criterion_key: score.value for score in assignment.scores.all()}
    criteria = criteria_for(assignment)
    problems = [
        _("Score %(criterion)s.") % {"criterion": criterion.display_name}
        for criterion in criteria
        if values.get(criterion.key) is None
    ]
    if not criteria:
        problems.append(_("The round has no criteria for this stage yet. Ask the secretariat."))
    if not assignment.recommendation:
        problems.append(_("Give your recommendation."))
    return problems


@transaction.atomic
def submit_review(user, assignment: Assignment, *, now: datetime.datetime | None = None) -> Assignment:
    """Submit a complete score sheet; it is locked from then on. Submitting twice changes nothing."""
    locked = (
        Assignment.objects.select_for_update()
        .select_related("panel_member", "entry__competition")
        .get(pk=assignment.pk)
    )
    if locked.status == ReviewStatus.SUBMITTED and permissions.can_review(user, locked):
        return locked
    _check_can_write(user, locked, now)
    problems = review_problems(locked)
    if problems:
        raise ServiceError(*problems)
    locked.status = ReviewStatus.SUBMITTED
    locked.submitted_at = now or timezone.now()
    locked.version += 1
    locked.save()
    log(locked.entry, "wagtail_kipp.review.submit", user=user, data={"assignment": locked.pk})
    transaction.on_commit(
        lambda: signals.review_submitted.send(sender=Assignment, assignment=locked, user=user)
    )
    return locked


@transaction.atomic
def reopen_review(user, assignment: Assignment, reason: str) -> Assignment:
    """The chair (or the secretariat) unlocks a submitted review so that the juror can correct it."""
    locked = Assignment.objects.select_for_update().select_related("entry__competition").get(pk=assignment.pk)
    if not permissions.can_manage_jury(user, locked.entry.competition_id):
        raise PermissionDenied
    if locked.status != ReviewStatus.SUBMITTED:
        raise NotAllowed(_("Only a submitted review can be reopened."))
    from .results import stage_state

    state = stage_state(locked.entry.competition, locked.stage_kind)
    if state.published_at:
        raise NotAllowed(_("The results of this stage are published; its reviews can no longer change."))
    if state.scoring_closed_at:
        raise NotAllowed(_("Scoring of this stage is closed; a reopened review could not be saved any more."))
    if not reason.strip():
        raise ServiceError(_("Give a reason for reopening the review."))
    locked.status = ReviewStatus.DRAFT
    locked.submitted_at = None
    locked.version += 1
    locked.save()
    log(
        locked.entry,
        "wagtail_kipp.review.reopen",
        user=user,
        data={"assignment": locked.pk, "reason": reason.strip()},
    )
    return locked
