"""Eligibility flags for the administrative check: advice for the secretariat, never a decision."""

from __future__ import annotations

import bisect
import datetime
import difflib
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    WINNING_TIERS,
    AttachmentSlot,
    Award,
    AwardLevel,
    AwardTier,
    CompetitionPage,
    Entry,
    EntryAttachment,
    EntryGroup,
    EntryStatus,
    InnovationPage,
    Stage,
    StageKind,
)
from .rules import full_months_between

#: Two normalised titles at least this similar (difflib ratio) are flagged as near-duplicates.
SIMILARITY_THRESHOLD = 0.85

#: National award tiers that make an innovation a finalist (a "Top 99").
FINALIST_TIERS = frozenset({AwardTier.TOP_99, AwardTier.FINALIST})

#: How many national finalist years make an innovation ineligible.
FINALIST_LIMIT = 2

#: How many similar titles one flag names before it says "and N more".
MAX_NAMED_MATCHES = 5


class FlagCode:
    """The kinds of flag; stable identifiers for filters, exports and templates."""

    TOO_YOUNG = "too_young"
    DUPLICATE_TITLE = "duplicate_title"
    EARLIER_TITLE = "earlier_title"
    CATALOGUE_TITLE = "catalogue_title"
    TOP_WINNER = "top_winner"
    TWICE_FINALIST = "twice_finalist"
    MISSING_ATTACHMENT = "missing_attachment"


@dataclass(frozen=True)
class Flag:
    """Something the secretariat should look at before deciding; ``message`` is translated."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


# Titles -------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str | None) -> str:
    """Lower-case words without accents or punctuation: "Si-PANDU: Éfektif!" -> "si pandu efektif"."""
    decomposed = unicodedata.normalize("NFKD", title or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def _bigrams(normalised: str) -> frozenset[tuple[str, int]]:
    """The title's character pairs, each numbered by its occurrence, so that sets intersect like multisets."""
    seen: dict[str, int] = defaultdict(int)
    pairs = []
    for position in range(len(normalised) - 1):
        pair = normalised[position : position + 2]
        pairs.append((pair, seen[pair]))
        seen[pair] += 1
    return frozenset(pairs)


def _shared_pairs_slope(threshold: float) -> float:
    """
    Titles whose difflib ratio reaches ``threshold`` share at least ``slope * T - 1`` character pairs.

    T is their total length. The ratio is 2M/T for M matched characters in k blocks; a block of L
    characters holds L - 1 shared pairs and blocks are separated by unmatched characters, so
    k <= T - 2M + 1 and the titles share at least M - k >= 3M - T - 1 pairs, with M >= threshold * T / 2.
    """
    return 1.5 * threshold - 1


def titles_match(first: str, second: str, threshold: float = SIMILARITY_THRESHOLD) -> bool:
    """
    Whether two *normalised* titles are the same or nearly so: the same words, or a difflib ratio of at
    least ``threshold`` (taken in alphabetical order of the two, as difflib's ratio is not symmetric).
    """
    if not first or not second:
        return False
    if first == second or set(first.split()) == set(second.split()):
        return True
    low, high = sorted((first, second))
    return difflib.SequenceMatcher(None, low, high, autojunk=False).ratio() >= threshold


@dataclass(frozen=True)
class TitleCandidate:
    """A title another proposal or innovation already uses."""

    kind: str  # "entry" or "innovation"
    pk: int
    title: str
    normalised: str
    label: str  # how a flag names it: “title” (reference, organisation), or an innovation's “title”
    competition_id: int | None = None
    year: int | None = None
    status: str = ""
    translation_key: object = None


@dataclass
class TitleIndex:
    """
    Titles to compare against, sorted by length so that only titles of a similar length are compared.

    A difflib ratio of at least ``t`` needs lengths within a factor of ``t / (2 - t)`` of each other.
    """

    candidates: list[TitleCandidate] = field(default_factory=list)
    threshold: float = SIMILARITY_THRESHOLD

    def __post_init__(self) -> None:
        self.candidates = sorted(
            (c for c in self.candidates if c.normalised), key=lambda c: len(c.normalised)
        )
        self._lengths = [len(c.normalised) for c in self.candidates]
        self._bigrams = [_bigrams(c.normalised) for c in self.candidates]
        self._matchers: dict[int, difflib.SequenceMatcher] = {}
        self._by_words: dict[frozenset[str], list[int]] = defaultdict(list)
        for position, candidate in enumerate(self.candidates):
            self._by_words[frozenset(candidate.normalised.split())].append(position)

    def _matcher(self, position: int) -> difflib.SequenceMatcher:
        """A matcher with candidate ``position`` as its second sequence, kept for the next queries."""
        matcher = self._matchers.get(position)
        if matcher is None:
            matcher = self._matchers[position] = difflib.SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(self.candidates[position].normalised)
        return matcher

    def similar(self, title: str) -> list[TitleCandidate]:
        """Candidates whose title matches ``title`` (raw), in a stable order."""
        normalised = normalise_title(title)
        if not normalised:
            return []
        found = set(self._by_words.get(frozenset(normalised.split()), []))
        length = len(normalised)
        factor = self.threshold / (2 - self.threshold)
        low = bisect.bisect_left(self._lengths, int(length * factor))
        high = bisect.bisect_right(self._lengths, int(length / factor) + 1)
        # Shared character pairs rule most titles out cheaply (see _shared_pairs_slope). difflib caches
        # what it learns about its second sequence: the later title alphabetically, as in titles_match.
        pairs = _bigrams(normalised)
        slope = _shared_pairs_slope(self.threshold)
        query_matcher = difflib.SequenceMatcher(None, autojunk=False)
        query_matcher.set_seq2(normalised)
        candidates = zip(self._lengths[low:high], self._bigrams[low:high], strict=True)
        for position, (other_length, other_pairs) in enumerate(candidates, start=low):
            if len(pairs & other_pairs) < slope * (length + other_length) - 1 or position in found:
                continue
            other = self.candidates[position].normalised
            if other < normalised:
                matcher = query_matcher
                matcher.set_seq1(other)
            else:
                matcher = self._matcher(position)
                matcher.set_seq1(normalised)
            if matcher.ratio() >= self.threshold:
                found.add(position)
        return sorted((self.candidates[p] for p in found), key=lambda c: (c.kind, c.year or 0, c.label))


def _names(candidates: Sequence[TitleCandidate]) -> str:
    named = "; ".join(c.label for c in candidates[:MAX_NAMED_MATCHES])
    rest = len(candidates) - MAX_NAMED_MATCHES
    if rest > 0:
        named += " " + ngettext("and %(count)d more", "and %(count)d more", rest) % {"count": rest}
    return named


# Single checks (pure functions of what they are given) ---------------------------------------------


def age_flag(
    started_on: datetime.date | None, deadline: datetime.datetime | None, minimum_months: int, tzinfo
) -> Flag | None:
    """The innovation is younger than the round's minimum age at the entry deadline (in the round's zone)."""
    if started_on is None or not minimum_months:
        return None
    reference = (deadline or timezone.now()).astimezone(tzinfo).date()
    age = full_months_between(started_on, reference)
    if age >= minimum_months:
        return None
    return Flag(
        FlagCode.TOO_YOUNG,
        _(
            "The innovation started on %(date)s: at the entry deadline it has run for %(age)d full months; "
            "the round asks for at least %(months)d."
        )
        % {"date": date_format(started_on, "j F Y"), "age": max(age, 0), "months": minimum_months},
    )


def award_flags(awards: Iterable) -> list[Flag]:
    """Already a national top winner, or a national finalist (Top 99) in two or more years."""
    national = [award for award in awards if award.level == AwardLevel.NATIONAL]
    flags = []
    wins = [award for award in national if award.tier in WINNING_TIERS]
    if wins:
        flags.append(
            Flag(
                FlagCode.TOP_WINNER,
                _("The innovation is already a national top winner: %(awards)s.")
                % {"awards": "; ".join(str(award) for award in wins)},
            )
        )
    finalist_years = sorted({award.year for award in national if award.tier in FINALIST_TIERS})
    if len(finalist_years) >= FINALIST_LIMIT:
        flags.append(
            Flag(
                FlagCode.TWICE_FINALIST,
                _("The innovation was a national finalist (Top 99) in %(years)s.")
                % {"years": ", ".join(str(year) for year in finalist_years)},
            )
        )
    return flags


def attachment_flag(spec: dict, uploaded_slots: Iterable[str]) -> Flag | None:
    """Required attachments of the entry's template that have no file."""
    uploaded = set(uploaded_slots)
    missing = [
        slot["label"]
        for slot in spec.get("attachment_slots", [])
        if slot.get("required") and slot["key"] not in uploaded
    ]
    if not missing:
        return None
    return Flag(
        FlagCode.MISSING_ATTACHMENT,
        ngettext(
            "A required attachment is missing: %(labels)s.",
            "Required attachments are missing: %(labels)s.",
            len(missing),
        )
        % {"labels": ", ".join(f"“{label}”" for label in missing)},
    )


def title_flags(entry: Entry, year: int, matches: Iterable[TitleCandidate]) -> list[Flag]:
    """Sort the similar titles found for ``entry`` into the same round, earlier rounds and the catalogue."""
    same_round, earlier, catalogue = [], [], []
    own_innovations = {entry.innovation_id, entry.replicated_innovation_id} - {None}
    for candidate in matches:
        if candidate.kind == "innovation":
            catalogue.append(candidate)
        elif candidate.pk == entry.pk:
            continue
        elif candidate.competition_id == entry.competition_id:
            same_round.append(candidate)
        elif candidate.year is not None and candidate.year <= year and candidate.status != EntryStatus.DRAFT:
            earlier.append(candidate)
    # The innovation the entry is linked to (or replicates) is expected to carry a similar title.
    own_keys = {c.translation_key for c in catalogue if c.pk in own_innovations}
    catalogue = [c for c in catalogue if c.pk not in own_innovations and c.translation_key not in own_keys]
    flags = []
    if same_round:
        flags.append(
            Flag(
                FlagCode.DUPLICATE_TITLE,
                _("Another proposal of this round has the same or a similar title: %(titles)s.")
                % {"titles": _names(same_round)},
            )
        )
    if earlier:
        flags.append(
            Flag(
                FlagCode.EARLIER_TITLE,
                _("A proposal of an earlier round has the same or a similar title: %(titles)s.")
                % {"titles": _names(earlier)},
            )
        )
    if catalogue:
        flags.append(
            Flag(
                FlagCode.CATALOGUE_TITLE,
                _(
                    "An innovation in the catalogue has the same or a similar title: %(titles)s. "
                    "If it is the same innovation, link the entry to it so that its award history is checked."
                )
                % {"titles": _names(catalogue)},
            )
        )
    return flags


# Many entries at once, in a constant number of queries ---------------------------------------------


def _entry_label(row: dict) -> str:
    reference = row["reference"] or _("draft")
    return f"“{row['title']}” ({reference}, {row['organisation__name']})"


def build_title_index(round_ids: Iterable[int], latest_year: int) -> TitleIndex:
    """
    The titles entries of ``round_ids`` are compared with, in two queries.

    Non-withdrawn entries of those rounds; entries of rounds up to ``latest_year`` that were at least
    submitted once; and the live innovations of the catalogue.
    """
    round_ids = set(round_ids)
    rows = (
        Entry.objects.exclude(status=EntryStatus.WITHDRAWN)
        .filter(competition__year__lte=latest_year)
        .values(
            "pk", "title", "reference", "status", "competition_id", "competition__year", "organisation__name"
        )
    )
    candidates = [
        TitleCandidate(
            kind="entry",
            pk=row["pk"],
            title=row["title"],
            normalised=normalise_title(row["title"]),
            label=_entry_label(row),
            competition_id=row["competition_id"],
            year=row["competition__year"],
            status=row["status"],
        )
        for row in rows
        if row["competition_id"] in round_ids or row["status"] != EntryStatus.DRAFT
    ]
    candidates.extend(
        TitleCandidate(
            kind="innovation",
            pk=row["pk"],
            title=row["title"],
            normalised=normalise_title(row["title"]),
            label=f"“{row['title']}”",
            translation_key=row["translation_key"],
        )
        for row in InnovationPage.objects.live().values("pk", "title", "translation_key")
    )
    return TitleIndex(candidates)


def flags_for_entries(
    entries: Iterable[Entry], title_index: TitleIndex | None = None
) -> dict[int, list[Flag]]:
    """
    Flags of each entry, by primary key, in a constant number of queries whatever the number of entries.

    Reads only the entries' own columns, so callers need not select or prefetch anything. Pass
    ``title_index`` (see :func:`build_title_index`) to reuse one across calls.
    """
    entries = list(entries)
    if not entries:
        return {}
    round_ids = {entry.competition_id for entry in entries}
    rounds = {
        row["pk"]: row
        for row in CompetitionPage.objects.filter(pk__in=round_ids).values(
            "pk", "year", "minimum_age_months", "timezone"
        )
    }
    deadlines = {
        stage.competition_id: stage.closes_at
        for stage in Stage.objects.filter(competition_id__in=round_ids, kind=StageKind.ENTRY)
    }
    group_templates = dict(
        EntryGroup.objects.filter(pk__in={entry.group_id for entry in entries}).values_list(
            "pk", "template_id"
        )
    )
    slots_by_template: dict[int, list[dict]] = defaultdict(list)
    live_template_ids = {group_templates[e.group_id] for e in entries if not e.template_snapshot}
    for slot in AttachmentSlot.objects.filter(template_id__in=live_template_ids).order_by("sort_order"):
        slots_by_template[slot.template_id].append(slot.as_dict())
    uploaded: dict[int, set[str]] = defaultdict(set)
    for entry_id, slot in EntryAttachment.objects.filter(entry__in=[e.pk for e in entries]).values_list(
        "entry_id", "slot"
    ):
        uploaded[entry_id].add(slot)
    awards_by_page: dict[int, list[Award]] = defaultdict(list)
    for award in Award.objects.filter(page_id__in={e.innovation_id for e in entries if e.innovation_id}):
        awards_by_page[award.page_id].append(award)
    if title_index is None:
        title_index = build_title_index(round_ids, max(row["year"] for row in rounds.values()))

    result = {}
    for entry in entries:
        competition = rounds[entry.competition_id]
        flags: list[Flag] = []
        flag = age_flag(
            entry.started_on,
            deadlines.get(entry.competition_id),
            competition["minimum_age_months"],
            zoneinfo.ZoneInfo(competition["timezone"]),
        )
        if flag:
            flags.append(flag)
        flags.extend(title_flags(entry, competition["year"], title_index.similar(entry.title)))
        flags.extend(award_flags(awards_by_page.get(entry.innovation_id, [])))
        spec = entry.template_snapshot or {
            "attachment_slots": slots_by_template.get(group_templates[entry.group_id], [])
        }
        flag = attachment_flag(spec, uploaded[entry.pk])
        if flag:
            flags.append(flag)
        result[entry.pk] = flags
    return result


def flags_for_entry(entry: Entry) -> list[Flag]:
    """The flags of one entry."""
    return flags_for_entries([entry])[entry.pk]
