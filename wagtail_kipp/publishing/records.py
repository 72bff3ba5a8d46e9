"""
A round's published results turned into the catalogue's innovation records and their awards.

When the secretariat publishes the finalist stage (the desk evaluation) or the final stage, each advancing
entry gets its lasting record: a new :class:`~wagtail_kipp.models.InnovationPage`, written from the proposal
as a draft under the round's catalogue, or, for an innovation entered before, a new draft revision of its
existing page. Nothing here publishes a page's content: an editor reviews the record and publishes it. Awards
are facts, though: a finalist gets an award of tier *finalist*, upgraded to the winning tier when the final is
published, and each award is kept in the page's latest revision so that publishing that revision keeps it.

Every function is called inside the publication's transaction by :func:`.judging.results.publish_stage`; each
may run again without changing anything.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from wagtail.log_actions import log

from ..models import (
    Award,
    AwardTier,
    CompetitionPage,
    Decision,
    Entry,
    InnovationIndexPage,
    InnovationPage,
    StageResult,
)

logger = logging.getLogger(__name__)

#: The proposal section that becomes the record's summary when answered (else the first answered section).
SUMMARY_SECTION = "ringkasan"

#: The record's fields written from an entry when an existing innovation is entered again.
CONTENT_FIELDS = ("summary", "body", "video_url", "themes", "sdgs", "stage", "is_digital", "innovator_name")

#: Longest slug written from a title (Wagtail's limit is 255; room is left for the ``-2`` suffixes).
SLUG_LENGTH = 200

#: Longest section heading (``SectionBlock.heading``).
HEADING_LENGTH = 200


# The catalogue ----------------------------------------------------------------------------------------------


def find_catalogue(competition: CompetitionPage) -> InnovationIndexPage | None:
    """
    The catalogue the round's new innovation records go under: the first live catalogue of the round's site
    (in tree order) in the round's language, or ``None``.
    """
    site = competition.get_site()
    if site is None:
        return None
    return (
        InnovationIndexPage.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .filter(locale_id=competition.locale_id)
        .order_by("path")
        .first()
    )


def _unique_slug(title: str, taken: set[str]) -> str:
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = slugify(title, allow_unicode=allow_unicode)[:SLUG_LENGTH].strip("-") or "inovasi"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# From a proposal to a record --------------------------------------------------------------------------------


def plain_text(text: str) -> str:
    """An answer as plain text: line breaks normalised, blank edges removed."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def rich_text(text: str) -> str:
    """
    Plain text as rich text (Wagtail's database format): HTML escaped, one ``<p>`` per paragraph (paragraphs
    are separated by blank lines), single line breaks as ``<br/>``.
    """
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", plain_text(text)) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )


def _answered_sections(entry: Entry) -> list[tuple[str, str, str]]:
    """``(key, heading, text)`` of each section of the entry's template that has an answer, in form order."""
    sections = []
    for section in entry.get_template_spec().get("sections", []):
        text = plain_text(entry.answer(section["key"]))
        if text:
            sections.append((section["key"], section.get("heading") or section["key"], text))
    return sections


def record_content(entry: Entry) -> dict[str, Any]:
    """
    The record's content fields (:data:`CONTENT_FIELDS`) as written from ``entry``: ``body`` in its raw form
    (a list of ``{"type", "value"}``), ``themes`` and ``sdgs`` as lists of objects.
    """
    sections = _answered_sections(entry)
    keys = [key for key, _heading, _text in sections]
    summary_key = SUMMARY_SECTION if SUMMARY_SECTION in keys else (keys[0] if keys else None)
    summary = next((text for key, _heading, text in sections if key == summary_key), "") or entry.title
    max_length = InnovationPage._meta.get_field("summary").max_length
    return {
        "summary": Truncator(summary).chars(max_length),
        "body": [
            {"type": "section", "value": {"heading": heading[:HEADING_LENGTH], "text": rich_text(text)}}
            for key, heading, text in sections
            if key != summary_key
        ],
        "video_url": entry.video_url,
        "themes": list(entry.themes.all()),
        "sdgs": list(entry.sdgs.all()),
        "stage": entry.innovation_stage or InnovationPage._meta.get_field("stage").default,
        "is_digital": bool(entry.is_digital),
        "innovator_name": entry.innovator_name,
    }


def _raw_body(body) -> list[dict[str, Any]]:
    """A body's blocks without their ids, comparable with :func:`record_content`'s ``body``."""
    return [{"type": child.block_type, "value": child.block.get_prep_value(child.value)} for child in body]


def _differences(page: InnovationPage, content: dict[str, Any]) -> list[str]:
    """The content fields whose value on ``page`` is not the one written from the entry."""
    changed = []
    for name in CONTENT_FIELDS:
        if name in ("themes", "sdgs"):
            differs = {item.pk for item in getattr(page, name).all()} != {item.pk for item in content[name]}
        elif name == "body":
            differs = _raw_body(page.body) != content["body"]
        else:
            differs = getattr(page, name) != content[name]
        if differs:
            changed.append(name)
    return changed


def _log_data(entry: Entry, **extra) -> dict[str, Any]:
    return {"entry": entry.reference, "competition": entry.competition_id, **extra}


def _create_record(
    entry: Entry, catalogue: InnovationIndexPage, taken: set[str], user=None
) -> InnovationPage:
    competition = entry.competition
    content = record_content(entry)
    slug = _unique_slug(entry.title, taken)
    page = InnovationPage(
        title=entry.title,
        slug=slug,
        locale_id=catalogue.locale_id,
        live=False,
        organisation_id=entry.organisation_id,
        started_on=entry.started_on or datetime.date(competition.year, 1, 1),
        **{name: value for name, value in content.items() if name not in ("themes", "sdgs")},
    )
    page.themes = content["themes"]
    page.sdgs = content["sdgs"]
    if entry.replicated_innovation_id:
        page.replicates = [entry.replicated_innovation]
    catalogue.add_child(instance=page)
    taken.add(slug)
    revision = page.save_revision(user=user, clean=False, log_action=False)
    log(
        page,
        "wagtail_kipp.innovation.create_from_entry",
        user=user,
        revision=revision,
        content_changed=True,
        data=_log_data(entry),
    )
    Entry.objects.filter(pk=entry.pk).update(innovation=page)
    entry.innovation = page
    return page


def _revise_record(entry: Entry, user=None, live: InnovationPage | None = None) -> InnovationPage:
    """
    A new draft revision of the entry's existing record, unless an editor's draft is pending. ``live`` is the
    record as the database holds it now (read when not given).
    """
    live = live or InnovationPage.objects.get(pk=entry.innovation_id)
    entry.innovation = live
    if live.has_unpublished_changes:
        return live  # an editor's draft (or this publication's own) waits; its text is theirs
    content = record_content(entry)
    changed = _differences(live, content)
    if not changed:
        return live
    # Without unpublished changes the latest version is the database copy; a second copy takes the draft.
    draft = InnovationPage.objects.get(pk=live.pk)
    for name in changed:
        setattr(draft, name, content[name])
    revision = draft.save_revision(user=user, clean=False, log_action=False)
    live.has_unpublished_changes = True
    live.latest_revision = revision
    live.latest_revision_created_at = revision.created_at
    live.draft_title = draft.draft_title
    log(
        live,
        "wagtail_kipp.innovation.update_from_entry",
        user=user,
        revision=revision,
        content_changed=True,
        data=_log_data(entry, fields=changed),
    )
    return live


class _Records:
    """
    What writing many records shares: each round's catalogue, each catalogue's taken slugs and the existing
    records (read fresh, in bulk, by :meth:`read_existing`).
    """

    def __init__(self, user=None):
        self.user = user
        self.catalogues: dict[int, InnovationIndexPage | None] = {}
        self.slugs: dict[int, set[str]] = {}
        self.existing: dict[int, InnovationPage] = {}

    def read_existing(self, entries: list[Entry]) -> None:
        ids = {entry.innovation_id for entry in entries if entry.innovation_id}
        if ids:
            self.existing = InnovationPage.objects.prefetch_related("themes", "sdgs").in_bulk(ids)

    def catalogue(self, competition: CompetitionPage) -> InnovationIndexPage | None:
        if competition.pk not in self.catalogues:
            self.catalogues[competition.pk] = find_catalogue(competition)
        return self.catalogues[competition.pk]

    def taken_slugs(self, catalogue: InnovationIndexPage) -> set[str]:
        if catalogue.pk not in self.slugs:
            self.slugs[catalogue.pk] = set(catalogue.get_children().values_list("slug", flat=True))
        return self.slugs[catalogue.pk]

    def record_for(self, entry: Entry) -> InnovationPage | None:
        if entry.innovation_id:
            return _revise_record(entry, self.user, self.existing.pop(entry.innovation_id, None))
        catalogue = self.catalogue(entry.competition)
        if catalogue is None:
            logger.warning(
                "No live innovation catalogue in the language of round %s (%s): no innovation record was "
                "created for entry %s.",
                entry.competition_id,
                entry.competition,
                entry.reference or entry.pk,
            )
            return None
        try:
            with transaction.atomic():
                return _create_record(entry, catalogue, self.taken_slugs(catalogue), self.user)
        except ValidationError as error:
            # The publication must not fail on one proposal's data; the editors can write the record by hand.
            logger.warning(
                "The innovation record of entry %s could not be created: %s",
                entry.reference or entry.pk,
                error,
            )
            return None


def innovation_record_for(entry: Entry, *, user=None) -> InnovationPage | None:
    """
    The entry's innovation record, created or revised from the proposal.

    A new innovation gets a draft page (never published here) under the round's catalogue, linked to the
    entry; without a catalogue (or when the proposal's data does not make a valid page) nothing is written, a
    warning is logged and ``None`` is returned. An innovation entered before keeps
    its page, title, slug, awards, gallery, documents and history; its content fields get a new draft
    revision when they differ from the proposal and no editor's draft is pending. Running again changes
    nothing.
    """
    return _Records(user).record_for(entry)


def innovation_records_for(entries: Iterable[Entry], *, user=None) -> dict[int, InnovationPage | None]:
    """:func:`innovation_record_for` for many entries (their related rows read in bulk), by entry id."""
    entries = list(entries)
    prefetch_related_objects(entries, "themes", "sdgs")
    replicating = [entry for entry in entries if entry.replicated_innovation_id]
    prefetch_related_objects(replicating, "replicated_innovation")
    prefetch_related_objects(
        [entry for entry in entries if not entry.template_snapshot],
        "group__template__sections",
        "group__template__attachment_slots",
    )
    records = _Records(user)
    records.read_existing(entries)
    return {entry.pk: records.record_for(entry) for entry in entries}


# Awards -----------------------------------------------------------------------------------------------------


def _recorded_awards(competition: CompetitionPage, entries: list[Entry]) -> dict[int, Award]:
    """
    The award already recorded for each entry (two queries): the one linked to the entry, else one the editors
    entered by hand on its record for the same year and level, its competition named like the round.
    """
    found: dict[int, Award] = {}
    by_pk = {entry.pk: entry for entry in entries}
    linked = (
        Award.objects.filter(entry__in=list(by_pk))
        .select_related("page")
        .order_by("-year", "sort_order", "pk")
    )
    for award in linked:
        entry = by_pk[award.entry_id]
        own = award.page_id == entry.innovation_id
        if not own and entry.innovation_id and award.page.translation_key == entry.innovation.translation_key:
            continue  # a translation of the record copied the award with its entry: not the entry's own
        if own or award.entry_id not in found:
            found[award.entry_id] = award
    waiting: dict[int, list[int]] = {}
    for entry in entries:
        if entry.pk not in found:
            waiting.setdefault(entry.innovation_id, []).append(entry.pk)
    if waiting:
        for award in Award.objects.filter(
            page_id__in=list(waiting),
            entry__isnull=True,
            year=competition.year,
            level=competition.award_level,
        ).order_by("sort_order", "pk"):
            if not (award.competition and competition.title.startswith(award.competition)):
                continue
            entry_pk = next((pk for pk in waiting[award.page_id] if pk not in found), None)
            if entry_pk is not None:
                found[entry_pk] = award
    return found


def _record_award(competition: CompetitionPage, entry: Entry, award: Award | None, tier: str) -> Award:
    award = award or Award(competition=competition.title)
    wanted = (entry.pk, entry.innovation_id, competition.year, competition.award_level, tier)
    if award.pk is None or (award.entry_id, award.page_id, award.year, award.level, award.tier) != wanted:
        award.entry = entry
        award.page_id = entry.innovation_id
        award.year = competition.year
        award.level = competition.award_level
        award.tier = tier
        award.save()
    _keep_in_revisions(entry.innovation, award)
    return award


def record_finalists(competition: CompetitionPage, results: Iterable[StageResult]) -> int:
    """
    Record an ``Award`` of tier *finalist* on the record of each entry that advanced from the finalist stage
    (once: publishing again changes nothing). An award already recorded for the entry keeps its tier.
    Returns the number of finalists with a record.
    """
    entries = [result.entry for result in results if result.decision == Decision.ADVANCE]
    entries = [entry for entry in entries if entry.innovation_id]
    recorded = _recorded_awards(competition, entries)
    for entry in entries:
        award = recorded.get(entry.pk)
        tier = award.tier if award is not None and award.tier else AwardTier.FINALIST
        _record_award(competition, entry, award, tier)
    return len(entries)


def record_awards(competition: CompetitionPage, results: Iterable[StageResult]) -> int:
    """
    Record an ``Award`` on each winner's innovation record (once: publishing again changes nothing).

    The finalist award recorded for the same entry becomes the winning award (an entry carries one award per
    round); an award the editors already entered by hand for the same year and level (its competition named
    like the round, without a link to an entry) is taken over rather than duplicated.
    """
    winners = [
        result
        for result in results
        if result.award_tier and result.decision == Decision.ADVANCE and result.entry.innovation_id
    ]
    recorded = _recorded_awards(competition, [result.entry for result in winners])
    for result in winners:
        _record_award(competition, result.entry, recorded.get(result.entry_id), result.award_tier)
    return len(winners)


def _keep_in_revisions(page, award: Award) -> None:
    """
    Put the award into the page's latest revision too, so that publishing that revision later keeps it.

    A page without unpublished changes is republished at once (the award is a fact, not an edit); a page with
    a draft keeps it as a draft for its editor.
    """
    page = page.specific
    had_draft = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    kept = next((existing for existing in latest.awards.all() if existing.pk == award.pk), None)
    if kept is not None and (kept.tier, kept.year, kept.entry_id) == (award.tier, award.year, award.entry_id):
        return  # already there: recording again changes nothing
    if kept is not None:
        latest.awards.remove(kept)
    latest.awards.add(award)
    revision = latest.save_revision(clean=False, log_action=False, changed=False)
    if page.live and not had_draft:
        revision.publish(log_action=False)
