"""Template helpers of the entrant portal: times in a round's zone, time left, word counts."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..judging.rules import count_words

register = template.Library()


def _in_zone(value: datetime.datetime | None, competition, format_string: str) -> str:
    # Formatted here: Django's ``date`` filter would convert the value back to the current timezone.
    if value is None:
        return ""
    return date_format(timezone.localtime(value, competition.tzinfo), format_string)


@register.filter
def round_datetime(value: datetime.datetime | None, competition) -> str:
    """``value`` as date and time in the round's timezone (WIB, WITA or WIT), e.g. "2 Mei 2026, 23:59"."""
    return _in_zone(value, competition, "j F Y, H:i")


@register.filter
def round_datetime_seconds(value: datetime.datetime | None, competition) -> str:
    return _in_zone(value, competition, "j F Y, H:i:s")


@register.filter
def round_date(value: datetime.datetime | None, competition) -> str:
    return _in_zone(value, competition, "j F Y")


@register.simple_tag
def time_left(deadline: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """A short, human duration until ``deadline``: "3 days 4 hours", "25 minutes", or "closed"."""
    if deadline is None:
        return ""
    seconds = int((deadline - (now or timezone.now())).total_seconds())
    if seconds <= 0:
        return _("closed")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days} + (
            " " + ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours} if hours else ""
        )
    if hours:
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours} + (
            " " + ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {"minutes": minutes}
            if minutes
            else ""
        )
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", max(minutes, 1)) % {
        "minutes": max(minutes, 1)
    }


@register.filter
def word_count(text: str | None) -> int:
    return count_words(text)


@register.filter
def filesize_mb(size_bytes: int | None) -> str:
    if not size_bytes:
        return "0 MB"
    return f"{size_bytes / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or ``None``."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
