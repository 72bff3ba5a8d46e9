"""
Harvest: a hub takes other portals' public innovations into one of its catalogues through their open data API.

A run of one source (a :class:`~wagtail_kipp.models.HarvestSource`) has two phases:

1. **Read.** Every page of ``GET <api>/innovations`` (changed since the source's cursor, less an overlap;
   all of them with ``full``) is fetched with :class:`~.harvest_client.HarvestClient`, and each record is
   checked with :class:`~.harvest_records.InnovationRecord`. A malformed record is reported and skipped; a
   page that cannot be read (timeouts after the retries, an error answer, malformed JSON, a truncated
   listing, a ``next`` link out of the listing) fails the source. Valid records wait in a temporary
   file, not in memory.
2. **Write,** in one transaction: each record is merged by its stable id and language through
   :class:`~wagtail_kipp.models.InnovationSource`: the page it came to before is updated (a new published
   revision, when its content changed), else a page is created, published, under the catalogue's translation
   in the record's language. Pages are written in bulk by :class:`~.page_writer.PageWriter`.

A failure anywhere leaves the catalogue and the cursor as they were; the other sources of the run still run.
The cursor (``harvested_until``) moves to the newest change read only after a successful write, and only when
the source's listing stayed still while it was read. Every run writes the audit-log action
``wagtail_kipp.harvest.run`` and keeps its report in ``last_report``.
"""

from __future__ import annotations

import datetime
import json
import logging
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pydantic import ValidationError
from wagtail.log_actions import log
from wagtail.models import Locale

from ..models import (
    Award,
    HarvestSource,
    InnovationIndexPage,
    InnovationPage,
    InnovationSource,
    Organisation,
    OrganisationSource,
    SustainableDevelopmentGoal,
    Theme,
    get_base_page_model,
)
from . import harvest_mapping as mapping
from .harvest_client import HarvestClient, HarvestError, api_root, portal_of, setting
from .harvest_records import InnovationRecord, describe_error, record_label
from .page_writer import PageWriter

logger = logging.getLogger(__name__)

ACTION_RUN = "wagtail_kipp.harvest.run"
ACTION_PAGE = "wagtail_kipp.innovation.harvest"
#: Records written per batch.
BATCH = 500
#: Skipped and missing records listed by name in a report (all are counted).
MAX_LISTED = 100


class Status:
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


@dataclass
class SourceReport:
    """What one run did with one source; stored as ``HarvestSource.last_report`` (see :meth:`as_dict`)."""

    source: str
    api_url: str
    full: bool = False
    dry_run: bool = False
    started_at: str = ""
    status: str = ""
    updated_since: str | None = None
    harvested_until: str | None = None
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_records: list[dict[str, str]] = field(default_factory=list)
    missing: int = 0
    missing_records: list[dict[str, Any]] = field(default_factory=list)
    pruned: int = 0
    organisations_created: list[str] = field(default_factory=list)
    themes_created: list[str] = field(default_factory=list)
    figures_left_out: int = 0
    notes: list[str] = field(default_factory=list)
    error: str = ""
    requests: int = 0
    retries: int = 0
    duration_seconds: float = 0.0

    def skip(self, label: dict[str, str], reason: str) -> None:
        self.skipped += 1
        if len(self.skipped_records) < MAX_LISTED:
            self.skipped_records.append({**label, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def summary(self) -> str:
        return summary_of(self.as_dict())


def summary_of(report: dict[str, Any]) -> str:
    """A report (as stored) in one line: the counts, or the error."""
    if not report:
        return ""
    if report.get("status") == Status.FAILED:
        return _("failed: %(error)s") % {"error": report.get("error", "")}
    return _(
        "%(fetched)s fetched, %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
        "%(skipped)s skipped"
    ) % {key: report.get(key, 0) for key in ("fetched", "created", "updated", "unchanged", "skipped")}


def innovations_url(source: HarvestSource) -> str:
    return api_root(source.api_url) + "innovations"


# Reading ------------------------------------------------------------------------------------------------


@dataclass
class Listing:
    """What the read phase kept: where each record waits in the spool, and what the source listed."""

    positions: dict[tuple[str, str], int] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)
    cursor: datetime.datetime | None = None
    complete: bool = True


def read_source(client: HarvestClient, source: HarvestSource, since, spool, report: SourceReport) -> Listing:
    """Fetch the source's innovations (changed after ``since``) into ``spool``, a validated record a line."""
    listing = Listing()
    params: dict[str, Any] = {"limit": int(setting("HARVEST_PAGE_SIZE")), "order": "last_published_at"}
    if since is not None:
        params["updated_since"] = since.astimezone(datetime.UTC).isoformat()
    first_count, received, duplicates, count_changed = None, 0, 0, False
    for page in client.pages(innovations_url(source), params):
        if first_count is None:
            first_count = page.count
        elif page.count != first_count:
            count_changed = True
        for raw in page.results:
            received += 1
            try:
                record = InnovationRecord.model_validate(raw)
            except ValidationError as error:
                label = record_label(raw)
                listing.seen.add((label["id"], label["locale"]))
                report.skip(label, _("invalid record: %(problem)s") % {"problem": describe_error(error)})
                continue
            key = record.key
            duplicates += key in listing.positions
            listing.seen.add(key)
            listing.positions[key] = spool.tell()
            spool.write(record.model_dump_json().encode() + b"\n")
            moment = record.last_published_at
            if moment is not None and (listing.cursor is None or moment > listing.cursor):
                listing.cursor = moment
    report.fetched = received
    first_count = first_count or 0
    if count_changed:
        listing.complete = False
        report.notes.append(
            _("The source changed while it was read; the next run asks again from the same point.")
        )
    elif received != first_count:
        raise HarvestError(
            _("The source listed %(count)s innovations but gave %(received)s.")
            % {"count": first_count, "received": received}
        )
    if duplicates:
        listing.complete = False
        report.notes.append(
            _("%(count)s records moved in the source's list while it was read; the next run asks again.")
            % {"count": duplicates}
        )
    return listing


def spooled_records(spool, listing: Listing):
    """The valid records of the read phase, the last copy of each, in the order they came."""
    wanted = set(listing.positions.values())
    spool.seek(0)
    offset = 0
    for line in spool:
        if offset in wanted:
            yield InnovationRecord.model_validate_json(line)
        offset += len(line)


# Writing ------------------------------------------------------------------------------------------------


class SourceWriter:
    """The write phase of a source's run: merges records into the catalogue, in the caller's transaction."""

    def __init__(self, source: HarvestSource, catalogue, report: SourceReport, user=None):
        self.source = source
        self.catalogue = catalogue
        self.report = report
        self.user = user
        self.portal = portal_of(source.api_url)
        self.pages = PageWriter(InnovationPage, action=ACTION_PAGE, user=user)
        self.organisations = dict(
            OrganisationSource.objects.filter(portal=self.portal).values_list("key", "organisation_id")
        )
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.goals = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
        self.parents: dict[str, tuple[Any, str]] = {}
        self.keys: dict[str, Any] = {}  # source id -> translation key given in this run
        self.organisation_objects: dict[int, Organisation] = {}

    def write(self, records) -> None:
        batch = []
        for record in records:
            batch.append(record)
            if len(batch) == BATCH:
                self.write_batch(batch)
                batch = []
        if batch:
            self.write_batch(batch)
        self.pages.finish()

    # One batch -----------------------------------------------------------------------------------------

    def write_batch(self, records: list[InnovationRecord]) -> None:
        ids = {record.id for record in records}
        sources = list(
            InnovationSource.objects.filter(source_id__in=ids).annotate(page_key=F("page__translation_key"))
        )
        by_key = {(str(row.source_id), row.locale): row for row in sources}
        for row in sources:
            self.keys.setdefault(str(row.source_id), row.page_key)
        wanted_keys = {self.keys.get(str(record.id), record.id) for record in records}
        linked = {row.page_id for row in sources}
        own = defaultdict(set)  # translation key -> languages of this site's own pages with it
        for key, language, pk in (
            get_base_page_model()
            .objects.filter(translation_key__in=wanted_keys)
            .values_list("translation_key", "locale__language_code", "pk")
        ):
            if pk not in linked:
                own[str(key)].add(language)
        batch_keys = {record.key for record in records}
        page_ids = [row.page_id for row in sources if (str(row.source_id), row.locale) in batch_keys]
        existing = {}
        if page_ids:
            existing = {
                page.pk: page
                for page in InnovationPage.objects.filter(pk__in=page_ids)
                .select_related("locale", "organisation")
                .prefetch_related(*self.pages.relation_names)
            }

        creates: dict[int, list] = defaultdict(list)
        updates, touched_sources, new_sources = [], [], []
        for record in records:
            row = by_key.get(record.key)
            if row is not None:
                self._update(record, row, existing.get(row.page_id), updates, touched_sources)
                continue
            key = self.keys.get(str(record.id), record.id)
            if own.get(str(key)):
                self.report.skip(self._label(record), _("an innovation of this site has the same stable id"))
                continue
            parent, reason = self._parent(record.locale)
            if parent is None:
                self.report.skip(self._label(record), reason)
                continue
            page = self._new_page(record, key, parent)
            creates[parent.pk].append((parent, page, record))
            self.keys[str(record.id)] = key

        for items in creates.values():
            parent = items[0][0]
            pages = [page for _parent, page, _record in items]
            self.pages.create(parent, pages, [self._log_data(record, True) for *_, record in items])
            for _parent, page, record in items:
                new_sources.append(self._source_row(page, record))
            self.report.created += len(items)
        if updates:
            fields = set()
            for _page, _record, changed in updates:
                fields.update(name for name in changed if name not in ("themes", "sdgs", "awards"))
            fields = {"organisation" if name == "organisation_id" else name for name in fields}
            self.pages.update(
                [page for page, _record, _changed in updates],
                fields,
                [self._log_data(record, False, changed) for _page, record, changed in updates],
            )
            self.report.updated += len(updates)
        InnovationSource.objects.bulk_create(new_sources, batch_size=BATCH)
        if touched_sources:
            InnovationSource.objects.bulk_update(
                touched_sources, ["portal", "harvest", "url", "updated_at"], batch_size=BATCH
            )

    def _update(self, record, row, page, updates: list, touched: list) -> None:
        if page is None:  # another kind of page, or gone since the query
            self.report.skip(self._label(record), _("its page here is not an innovation page"))
            return
        if not page.live:
            self.report.skip(self._label(record), _("its page is unpublished on this site; left as it is"))
            return
        themes, goals = self._taxonomy(record)
        body, figures = mapping.body_blocks(record)
        new = mapping.content_of(
            record, self._organisation(record), [t.pk for t in themes], [g.pk for g in goals], body=body
        )
        changed = mapping.changed_fields(mapping.content_of_page(page), new)
        self.report.figures_left_out += figures if changed else 0
        url = self._url(record)
        if not changed:
            self.report.unchanged += 1
            if row.updated_at != record.last_published_at or row.url != url:
                row.updated_at, row.url = record.last_published_at, url
                touched.append(row)
            return
        for name in changed:
            if name not in ("themes", "sdgs", "awards"):
                setattr(page, name, new[name])
        if "organisation_id" in changed:
            page.organisation = self._organisation_object(new["organisation_id"])
        page.themes, page.sdgs = themes, goals
        page.awards = [award for award in page.awards.all() if award.entry_id] + self._awards(record)
        row.portal, row.harvest, row.url, row.updated_at = (
            self.portal,
            self.source,
            url,
            record.last_published_at,
        )
        touched.append(row)
        updates.append((page, record, changed))

    def _new_page(self, record: InnovationRecord, key, parent) -> InnovationPage:
        themes, goals = self._taxonomy(record)
        body, figures = mapping.body_blocks(record)
        content = mapping.content_of(record, self._organisation(record), [], [], body=body)
        self.report.figures_left_out += figures
        page = InnovationPage(
            slug=record.slug or record.title,
            translation_key=key,
            locale=parent.locale,
            **{
                name: content[name]
                for name in mapping.CONTENT_FIELDS
                if name not in ("themes", "sdgs", "awards")
            },
        )
        page.organisation = self._organisation_object(content["organisation_id"])
        page.themes, page.sdgs, page.awards = themes, goals, self._awards(record)
        return page

    # What a record refers to -----------------------------------------------------------------------------

    def _parent(self, language: str):
        """The catalogue in ``language`` (its translation), or ``None`` and why."""
        if language not in self.parents:
            locale = Locale.objects.filter(language_code__iexact=language).first()
            if locale is None:
                self.parents[language] = (None, _("this site has no content in the language %(language)s"))
            elif locale.pk == self.catalogue.locale_id:
                self.parents[language] = (self.catalogue, "")
            else:
                translation = self.catalogue.get_translation_or_none(locale)
                reason = _("the catalogue has no translation in the language %(language)s")
                self.parents[language] = (translation, "" if translation else reason)
            if self.parents[language][0] is not None:
                self.parents[language][0].locale = locale
        parent, reason = self.parents[language]
        return parent, reason % {"language": language} if reason else reason

    def _organisation(self, record: InnovationRecord) -> int:
        """
        This site's organisation for the record's: the mapping (portal, slug) if there is one, else a new,
        inactive organisation (another government's, not offered in this site's forms) and its mapping.
        Organisations are never matched by name: every government has a "Dinas Kesehatan".
        """
        organisation = record.organisation
        if organisation.slug in self.organisations:
            return self.organisations[organisation.slug]
        name = organisation.name
        if organisation.region and organisation.region.casefold() not in name.casefold():
            name = f"{name} ({organisation.region})"
        parent_id = self.organisations.get(organisation.parent.slug) if organisation.parent else None
        created = Organisation.objects.create(
            name=name[:255],
            acronym=organisation.acronym,
            slug=self._organisation_slug(organisation.slug),
            kind=organisation.kind,
            parent_id=parent_id,
            website=mapping.http_url(organisation.website)[:200],
            active=False,
        )
        OrganisationSource.objects.create(
            portal=self.portal, key=organisation.slug, name=organisation.name, organisation=created
        )
        self.organisations[organisation.slug] = created.pk
        self.organisation_objects[created.pk] = created
        self.report.organisations_created.append(created.name)
        return created.pk

    def _organisation_object(self, pk: int) -> Organisation:
        if pk not in self.organisation_objects:
            self.organisation_objects[pk] = Organisation.objects.get(pk=pk)
        return self.organisation_objects[pk]

    def _organisation_slug(self, key: str) -> str:
        """A new organisation's slug: the portal's host and the slug there (as bundle imports make it)."""
        host = urlsplit(self.portal).hostname or "portal"
        base = slugify(f"{host} {key}")[:240].strip("-") or "organisasi"
        slug, number = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def _taxonomy(self, record: InnovationRecord) -> tuple[list[Theme], list[SustainableDevelopmentGoal]]:
        themes = []
        for item in record.themes:
            theme = self.themes.get(item.slug)
            if theme is None:
                theme = Theme.objects.create(slug=item.slug, name=item.name, name_en=item.name_en)
                self.themes[item.slug] = theme
                self.report.themes_created.append(item.slug)
            if theme not in themes:
                themes.append(theme)
        goals = [self.goals[item.number] for item in record.sdgs if item.number in self.goals]
        return themes, list(dict.fromkeys(goals))

    @staticmethod
    def _awards(record: InnovationRecord) -> list[Award]:
        return [
            Award(year=a.year, competition=a.competition, level=a.level, tier=a.tier, note=a.note)
            for a in record.awards
        ]

    def _url(self, record: InnovationRecord) -> str:
        url = mapping.http_url(record.url or "")
        return url if len(url) <= 500 else ""

    def _source_row(self, page, record: InnovationRecord) -> InnovationSource:
        return InnovationSource(
            page_id=page.pk,
            portal=self.portal,
            source_id=record.id,
            locale=record.locale,
            url=self._url(record),
            updated_at=record.last_published_at,
            harvest=self.source,
        )

    def _label(self, record: InnovationRecord) -> dict[str, str]:
        return {"id": str(record.id), "locale": record.locale, "title": record.title[:200]}

    def _log_data(self, record: InnovationRecord, created: bool, changed=()) -> dict[str, Any]:
        data = {"portal": self.portal, "source": self.source.pk, "id": str(record.id), "created": created}
        if changed:
            data["fields"] = sorted(changed)
        return data

    # Full runs -----------------------------------------------------------------------------------------

    def missing(self, seen: set[tuple[str, str]], prune: bool) -> None:
        """Report the source's records taken before that it no longer lists; unpublish them with ``prune``."""
        rows = InnovationSource.objects.filter(harvest=self.source).values_list(
            "source_id", "locale", "page_id"
        )
        gone = [
            (str(sid), locale, page_id) for sid, locale, page_id in rows if (str(sid), locale) not in seen
        ]
        self.report.missing = len(gone)
        titles = dict(InnovationPage.objects.filter(pk__in=[g[2] for g in gone]).values_list("pk", "title"))
        self.report.missing_records = [
            {"id": sid, "locale": locale, "page": page_id, "title": titles.get(page_id, "")}
            for sid, locale, page_id in gone[:MAX_LISTED]
        ]
        if prune:
            for page in InnovationPage.objects.live().filter(pk__in=[g[2] for g in gone]):
                page.unpublish(user=self.user, log_action=True)
                self.report.pruned += 1


# Runs ---------------------------------------------------------------------------------------------------


def catalogue_of(source: HarvestSource):
    """The source's catalogue page (specific), or :class:`HarvestError` when it is not a catalogue."""
    # Read through the site's base page model (``HarvestSource.catalogue`` names Wagtail's own ``Page``).
    page = get_base_page_model().objects.filter(pk=source.catalogue_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, InnovationIndexPage):
        raise HarvestError(_("The source's catalogue is not an innovation catalogue page."))
    return page


def harvest_source(
    source: HarvestSource,
    *,
    full: bool = False,
    prune: bool = False,
    dry_run: bool = False,
    user=None,
    client: HarvestClient | None = None,
) -> SourceReport:
    """
    Harvest one source (see the module's description) and return its report. Never raises for a problem of
    the source: the report's ``status`` is ``failed`` and ``error`` says why. ``dry_run`` reads and merges
    as a real run would, then rolls everything back and leaves the source's record untouched.
    """
    report = SourceReport(source=source.name, api_url=source.api_url, full=full, dry_run=dry_run)
    report.started_at = timezone.now().isoformat()
    began = time.monotonic()
    own_client = client is None
    client = client or HarvestClient()
    cursor = None
    since = None
    if not full and source.harvested_until:
        since = source.harvested_until - datetime.timedelta(seconds=int(setting("HARVEST_OVERLAP_SECONDS")))
        report.updated_since = since.isoformat()
    try:
        catalogue = catalogue_of(source)
        with tempfile.TemporaryFile(prefix="kipp-harvest-") as spool:
            listing = read_source(client, source, since, spool, report)
            with transaction.atomic():
                HarvestSource.objects.select_for_update().filter(pk=source.pk).first()
                writer = SourceWriter(source, catalogue, report, user=user)
                writer.write(spooled_records(spool, listing))
                if full:
                    writer.missing(listing.seen, prune=prune and not dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        if listing.complete:
            cursor = listing.cursor
    except HarvestError as error:
        report.error = str(error)
    except Exception as error:  # a bug or a database failure: the source fails, the other sources run
        logger.exception("Harvest of %s failed", source.api_url)
        report.error = _("Unexpected error: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
    finally:
        report.requests, report.retries = client.request_count, client.retry_count
        if own_client:
            client.close()
    report.duration_seconds = round(time.monotonic() - began, 3)
    if report.error:
        report.status = Status.FAILED
        for name in ("created", "updated", "unchanged", "pruned"):
            setattr(report, name, 0)  # rolled back
        report.organisations_created, report.themes_created = [], []
    else:
        report.status = Status.PARTIAL if report.skipped else Status.OK
    if not dry_run:
        record_run(source, report, cursor, user)
    return report


def record_run(source: HarvestSource, report: SourceReport, cursor, user=None) -> None:
    """Keep the run's report on the source, move its cursor (only after success) and log the run."""
    if report.status != Status.FAILED and cursor is not None:
        if source.harvested_until is None or cursor > source.harvested_until:
            source.harvested_until = cursor
    report.harvested_until = source.harvested_until.isoformat() if source.harvested_until else None
    source.last_run_at = timezone.now()
    source.last_status = report.status
    source.last_report = json.loads(json.dumps(report.as_dict(), default=str))
    fields = ("harvested_until", "last_run_at", "last_status", "last_report")
    if not HarvestSource.objects.filter(pk=source.pk).update(
        **{name: getattr(source, name) for name in fields}
    ):
        return  # deleted while it ran
    data = {
        key: report.as_dict()[key]
        for key in (
            "status",
            "full",
            "fetched",
            "created",
            "updated",
            "unchanged",
            "skipped",
            "missing",
            "error",
        )
    }
    log(source, ACTION_RUN, user=user, data=data)


def harvest_sources(sources, **options) -> list[SourceReport]:
    """Harvest each source in turn (a failing one does not stop the others); their reports."""
    return [harvest_source(source, **options) for source in sources]
