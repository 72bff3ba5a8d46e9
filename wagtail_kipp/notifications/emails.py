"""Rendering the package's e-mails from templates and queueing them once the database transaction commits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..models import Entry, Membership
from .tasks import send_email

#: E-mails about an entry: template name -> who receives it (see docs/reference/emails.md).
ENTRY_EMAILS = (
    "submitted",
    "awaiting_approval",
    "approved",
    "returned",
    "late_exception",
    "results_published",
)
#: E-mails to the secretariat's address (``KippSettings.secretariat_email``).
SECRETARIAT_EMAILS = ("approval_request", "objection_received")


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and plain-text body of ``wagtail_kipp/emails/<template>_{subject,body}.txt``, in Indonesian."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"wagtail_kipp/emails/{template}_subject.txt", context)
        body = render_to_string(f"wagtail_kipp/emails/{template}_body.txt", context)
    return " ".join(subject.split()), body


def queue_email(template: str, context: dict[str, Any], recipients: list[str]) -> None:
    """Render now, send after commit (never for a rolled-back change)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    subject, body = render_email(template, context)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, recipients=recipients))


def entry_recipients(entry: Entry) -> list[str]:
    """The organisation's operators and whoever submitted the entry."""
    emails = list(
        Membership.objects.active()
        .filter(organisation_id=entry.organisation_id)
        .values_list("user__email", flat=True)
    )
    if entry.submitted_by_id and entry.submitted_by.email:
        emails.append(entry.submitted_by.email)
    return emails


def portal_url(path: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{path}"


def entry_context(entry: Entry, **extra: Any) -> dict[str, Any]:
    # Links in the e-mail's language (the site's default), like its text.
    with translation.override(settings.LANGUAGE_CODE):
        entry_url = portal_url(entry.get_absolute_url())
    return {"entry": entry, "competition": entry.competition, "entry_url": entry_url, **extra}


def notify_entry(entry: Entry, template: str, **extra: Any) -> None:
    """Queue the e-mail ``template`` (one of :data:`ENTRY_EMAILS`) to the entry's organisation."""
    queue_email(template, entry_context(entry, **extra), entry_recipients(entry))


def notify_secretariat(entry: Entry, template: str, **extra: Any) -> None:
    """Queue ``template`` to the secretariat's address in the KIPP settings of the round's site, if set."""
    from ..models import KippSettings

    site = entry.competition.get_site()
    address = KippSettings.for_site(site).secretariat_email if site else ""
    if address:
        admin_url = portal_url(reverse("kipp_entries:inspect", args=[entry.pk]))
        queue_email(template, entry_context(entry, admin_url=admin_url, **extra), [address])
