"""Accounts of entrants: who operates for which organisation, and invitations from the secretariat."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    OPERATOR = "operator", _("operator")
    HEAD = "head", _("head of organisation")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(approved=True, user__is_active=True, organisation__active=True)


class Membership(models.Model):
    """A user writing proposals for an organisation; the organisation's members share its entries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="kipp_memberships",
    )
    organisation = models.ForeignKey(
        "wagtail_kipp.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.OPERATOR
    )
    approved = models.BooleanField(
        _("approved"),
        default=True,
        help_text=_("Accounts from open sign-up wait for the secretariat's approval."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="kipp_unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked=False, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mailed link with which a person joins an organisation as an operator; only its hash is stored."""

    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "wagtail_kipp.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
        null=True,
        blank=True,
    )
    panel_member = models.ForeignKey(
        "wagtail_kipp.PanelMember",
        verbose_name=_("jury place"),
        on_delete=models.CASCADE,
        related_name="invitations",
        null=True,
        blank=True,
        help_text=_("Set for an invitation to a round's jury instead of an organisation."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.OPERATOR
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    revoked = models.BooleanField(_("revoked"), default=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation or self.panel_member}"

    def issue_token(self, valid_for: datetime.timedelta) -> str:
        """Give the invitation a new secret and expiry; returns the token for the e-mailed link."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.expires_at = timezone.now() + valid_for
        return token

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        return (
            cls.objects.filter(token_hash=hash_token(token))
            .select_related("organisation", "panel_member__competition")
            .first()
        )

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        return self.status == "pending"
