"""Shared pieces of the jury screens: the secretariat-only guard, labels, times in a round's zone."""

from __future__ import annotations

import datetime
import functools

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.menu import MenuItem

from ..judging.permissions import is_secretariat
from ..templatetags.kipp_portal import round_datetime


def secretariat_only(view):
    """
    Refuse everyone but the secretariat before the view looks anything up, so that nobody else can tell
    which jurors, entries or rounds exist. Anonymous visitors never get here: the admin sends them to log in.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


class SecretariatViewSetMixin:
    """For the jury's viewsets: every view is the secretariat's; no model permissions to hand out."""

    add_to_reference_index = False

    def construct_view(self, view_class, **kwargs):
        return secretariat_only(super().construct_view(view_class, **kwargs))

    def get_permissions_to_register(self):
        # The permission policies read the secretariat's entry permission, not permissions of these models.
        return Permission.objects.none()


class NonStreamingExportMixin:
    """
    Exports written at once, not streamed: a streamed body would be rendered after the admin's language
    override ends, mixing the user's language with the site's.
    """

    def write_csv_response(self, queryset):
        response = HttpResponse(b"".join(self.stream_csv(queryset)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


def entry_label(entry) -> str:
    """An entry as the secretariat knows it: reference and title (a draft has no reference)."""
    return f"{entry.reference or gettext('draft')} – {entry.title}"


def round_entry_label(entry) -> str:
    """An entry with its round, for choosers that offer entries of several rounds."""
    return f"{entry.competition.title}: {entry_label(entry)}"


def when_in_round(value: datetime.datetime | None, competition) -> str:
    """A moment in the round's zone with the zone's name, e.g. "2 Mei 2026, 09:00 WITA"."""
    if value is None:
        return ""
    return f"{round_datetime(value, competition)} {competition.timezone_label}".strip()


class RoundLocalDateTimeField(forms.DateTimeField):
    """
    A date and time typed as the wall-clock time of a round whose zone is known only once the whole form is
    read (the round of the chosen entry). ``to_python`` returns a naive value; the form makes it aware with
    :func:`make_round_aware` in its ``clean``.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            # Only for a value that reached the form unconverted; initial values are converted by the form.
            return timezone.localtime(value, datetime.UTC).replace(tzinfo=None)
        return value

    def to_python(self, value):
        with timezone.override(datetime.UTC):
            result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.localtime(result, datetime.UTC).replace(tzinfo=None)
        return result


def make_round_aware(value: datetime.datetime, competition) -> datetime.datetime:
    """A naive wall-clock time read as a time in the round's zone (Indonesia has no daylight saving)."""
    return value.replace(tzinfo=competition.tzinfo)


def round_local(value: datetime.datetime | None, competition) -> datetime.datetime | None:
    """An aware moment as the naive wall-clock time of the round, for a form's initial value."""
    if value is None:
        return None
    return timezone.localtime(value, competition.tzinfo).replace(tzinfo=None)
