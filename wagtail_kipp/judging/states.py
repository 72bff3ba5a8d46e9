"""The declarative table of entry states: transitions, their sources, targets and actors."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models.entries import EntryStatus


class Actor:
    """Who may trigger a transition."""

    OPERATOR = "operator"  # a member of the entry's organisation
    SECRETARIAT = "secretariat"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    actor: str
    #: The transition is allowed to the operator only while the round accepts entries.
    before_deadline: bool = False


S = EntryStatus

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "submit", _("Submit"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, Actor.OPERATOR, True
        ),
        # With coordinator approval on, "submit" goes to the secretariat first.
        Transition(
            "submit_for_approval",
            _("Send to the secretariat"),
            frozenset({S.DRAFT, S.RETURNED}),
            S.AWAITING_APPROVAL,
            Actor.OPERATOR,
            True,
        ),
        Transition("approve", _("Approve"), frozenset({S.AWAITING_APPROVAL}), S.SUBMITTED, Actor.SECRETARIAT),
        Transition(
            "return",
            _("Return for correction"),
            frozenset({S.AWAITING_APPROVAL, S.SUBMITTED}),
            S.RETURNED,
            Actor.SECRETARIAT,
        ),
        Transition(
            "reopen",
            _("Reopen for editing"),
            frozenset({S.SUBMITTED, S.AWAITING_APPROVAL}),
            S.DRAFT,
            Actor.OPERATOR,
            True,
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.AWAITING_APPROVAL}),
            S.WITHDRAWN,
            Actor.OPERATOR,
            True,
        ),
        Transition("restore", _("Restore as draft"), frozenset({S.WITHDRAWN}), S.DRAFT, Actor.OPERATOR, True),
        Transition(
            "pass_check", _("Pass"), frozenset({S.SUBMITTED, S.INELIGIBLE}), S.ELIGIBLE, Actor.SECRETARIAT
        ),
        Transition(
            "fail_check", _("Fail"), frozenset({S.SUBMITTED, S.ELIGIBLE}), S.INELIGIBLE, Actor.SECRETARIAT
        ),
    ]
}


def available(status: str, actor: str) -> list[Transition]:
    """Transitions that leave ``status`` and that ``actor`` may trigger, in table order."""
    return [t for t in TRANSITIONS.values() if status in t.sources and t.actor == actor]
