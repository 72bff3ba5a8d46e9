"""Background jobs (django-tasks) that deliver notifications."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str], html: str = "") -> int:
    """Send one rendered e-mail; returns the number of messages sent."""
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
