"""Submission rules as small pure functions: word counts, innovation age, deadlines and what is missing."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

#: A word is a run of non-space characters with at least one letter or digit ("Rp 5.000" is two words,
#: a lone dash none). The portal's JavaScript counts the same way.
_TOKEN = re.compile(r"\S+")
_WORDLIKE = re.compile(r"[^\W_]")


def count_words(text: str | None) -> int:
    """Number of words in ``text`` as the word limits count them."""
    if not text:
        return 0
    return sum(1 for token in _TOKEN.findall(text) if _WORDLIKE.search(token))


def full_months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def submission_cutoff(
    deadline: datetime.datetime | None, grace_minutes: int, late_until: datetime.datetime | None = None
) -> datetime.datetime | None:
    """The last accepted moment: the deadline plus grace, or a later exception granted for one entry."""
    if deadline is None:
        return late_until
    cutoff = deadline + datetime.timedelta(minutes=grace_minutes)
    return max(cutoff, late_until) if late_until else cutoff


def accepts_at(
    opens_at: datetime.datetime | None, cutoff: datetime.datetime | None, now: datetime.datetime
) -> bool:
    """Whether ``now`` lies in the entry window; all three are aware datetimes."""
    if opens_at is None or cutoff is None:
        return False
    return opens_at <= now <= cutoff


@dataclass(frozen=True)
class Problem:
    """Something that stops a submission: ``field`` is its form field ("" for the entry)."""

    field: str
    message: str


def section_problems(spec: dict[str, Any], answers: dict[str, Any]) -> list[Problem]:
    """Required sections left empty and answers over their word limit."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    problems = []
    for section in spec.get("sections", []):
        text = answers.get(section["key"]) or ""
        words = count_words(text if isinstance(text, str) else "")
        field = f"answer_{section['key']}"
        if section.get("required") and words == 0:
            problems.append(
                Problem(field, _("“%(heading)s” is not answered yet.") % {"heading": section["heading"]})
            )
        limit = section.get("word_limit")
        if limit and words > limit:
            problems.append(
                Problem(
                    field,
                    ngettext(
                        "“%(heading)s” has %(words)d words; the limit is %(limit)d word.",
                        "“%(heading)s” has %(words)d words; the limit is %(limit)d words.",
                        limit,
                    )
                    % {"heading": section["heading"], "words": words, "limit": limit},
                )
            )
    return problems
