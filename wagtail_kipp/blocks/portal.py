"""Competition blocks any page can use: an innovation card, latest winners, a round's timeline, its published
results and the call for proposals; each with an admin preview."""

from __future__ import annotations

import datetime

from django.db.models import Case, F, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale

#: The template of every portal block's admin preview: Wagtail's, with the package's stylesheet.
PREVIEW_TEMPLATE = "wagtail_kipp/blocks/preview.html"

#: The longest grace period a round may have (the validator of ``CompetitionPage.grace_minutes``).
LONGEST_GRACE = datetime.timedelta(days=7)


def page_locale_id(context) -> int:
    """The locale of the page being rendered (``page`` in the context), else the active language's."""
    return getattr((context or {}).get("page"), "locale_id", None) or Locale.get_active().pk


def in_locale(page, locale_id: int, queryset=None):
    """
    ``page`` as the public should see it in ``locale_id``: its live, public translation there if there is one,
    else ``page`` itself (fetched again from ``queryset``); ``None`` when ``page`` is not live or not public.
    """
    if page is None:
        return None
    queryset = type(page).objects.all() if queryset is None else queryset
    found = {
        candidate.locale_id: candidate
        for candidate in queryset.live()
        .public()
        .filter(translation_key=page.translation_key, locale_id__in={page.locale_id, locale_id})
    }
    if page.locale_id not in found:
        return None
    return found.get(locale_id) or found[page.locale_id]


def rounds_queryset():
    from ..models import CompetitionPage

    return CompetitionPage.objects.prefetch_related("stages")


def newest_round(queryset=None):
    """The newest live, public round (in the active language where there is one), or ``None``."""
    queryset = (queryset if queryset is not None else rounds_queryset()).live().public()
    # NULLS LAST: PostgreSQL puts pages never published first in a descending order, SQLite last.
    queryset = queryset.order_by("-year", F("first_published_at").desc(nulls_last=True), "-pk")
    return queryset.filter(locale=Locale.get_active()).first() or queryset.first()


class PortalBlock(blocks.StructBlock):
    """
    Base of the portal blocks: knows the locale of the page being rendered and previews itself in the admin
    with the package's stylesheet. ``get_preview_value`` picks real, live pages for the choosers.
    """

    class Meta:
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        """The block's default value; subclasses fill in a real live page where the block needs one."""
        return self.get_default()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(self.get_data(value, page_locale_id(parent_context)))
        return context

    def get_data(self, value, locale_id: int) -> dict:
        """What the template shows besides ``value``, for a page in ``locale_id``; may be overridden."""
        return {}


class InnovationCardBlock(PortalBlock):
    """One innovation of the catalogue as a card, in the language of the page; nothing if it is not live."""

    innovation = blocks.PageChooserBlock(page_type="wagtail_kipp.InnovationPage", label=_("innovation"))
    note = blocks.CharBlock(
        label=_("note"),
        required=False,
        max_length=255,
        help_text=_("A short line shown below the card, for example why it is featured."),
    )

    class Meta:
        icon = "thumbtack"
        label = _("innovation card")
        description = _("One innovation of the catalogue, shown as in the catalogue's list.")
        template = "wagtail_kipp/blocks/innovation_card.html"

    def get_data(self, value, locale_id):
        from ..models import InnovationPage

        queryset = InnovationPage.objects.select_related("organisation", "image").prefetch_related("awards")
        return {"innovation": in_locale(value.get("innovation"), locale_id, queryset)}

    def get_preview_value(self):
        from ..models import InnovationPage

        value = self.get_default()
        pages = InnovationPage.objects.live().public().order_by("-first_published_at", "-pk")
        value["innovation"] = pages.filter(locale=Locale.get_active()).first() or pages.first()
        return value


class LatestWinnersBlock(PortalBlock):
    """The latest winning awards on live innovation records, of every round or of one."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    round = blocks.PageChooserBlock(
        page_type="wagtail_kipp.CompetitionPage",
        label=_("round"),
        required=False,
        help_text=_("Leave empty to show the winners of every round and competition."),
    )
    number = blocks.IntegerBlock(label=_("number of winners"), min_value=1, max_value=24, default=6)

    class Meta:
        icon = "success"
        label = _("latest winners")
        description = _("The newest winning awards of the catalogue's innovations, newest year first.")
        template = "wagtail_kipp/blocks/latest_winners.html"

    def get_awards(self, competition, number: int) -> list:
        """
        The newest winning awards on live, public innovation records, at most ``number``; those recorded from
        ``competition``'s results when given (the round in the default language). May be overridden.

        The awards of an innovation are read from its record in the default language (the one results are
        recorded on), or from its record in another language when it has no live one in the default language,
        so that the copies on translations are not listed twice.
        """
        from ..models import WINNING_TIERS, Award, AwardTier, InnovationPage

        default = Locale.get_default()
        records = InnovationPage.objects.live().public()
        originals = InnovationPage.objects.live().filter(locale=default).values("translation_key")
        awards = Award.objects.filter(tier__in=WINNING_TIERS, page__in=records).filter(
            Q(page__locale=default) | ~Q(page__translation_key__in=originals)
        )
        if competition is not None:
            from ..judging.publication import results_round

            awards = awards.filter(entry__competition=results_round(competition))
        tier_order = Case(
            *[When(tier=tier, then=position) for position, tier in enumerate(AwardTier.values)],
            output_field=IntegerField(),
        )
        return list(awards.select_related("page__organisation").order_by("-year", tier_order, "-pk")[:number])

    def get_data(self, value, locale_id):
        from ..models import InnovationPage

        awards = self.get_awards(value.get("round"), value.get("number") or 6)
        pages = {award.page.translation_key: award.page for award in awards}
        keys = [key for key, page in pages.items() if page.locale_id != locale_id]
        if keys:
            for translated in (
                InnovationPage.objects.live().public().filter(locale_id=locale_id, translation_key__in=keys)
            ):
                pages[translated.translation_key] = translated
        winners = [
            {
                "award": award,
                "innovation": pages[award.page.translation_key],
                "organisation": award.page.organisation,
            }
            for award in awards
        ]
        return {"winners": winners}


class RoundTimelineBlock(PortalBlock):
    """The stages of a round in date order, in the round's timezone, the current one marked."""

    round = blocks.PageChooserBlock(page_type="wagtail_kipp.CompetitionPage", label=_("round"))

    class Meta:
        icon = "calendar"
        label = _("round timeline")
        description = _("The stages of a round with their dates, the current stage marked.")
        template = "wagtail_kipp/blocks/round_timeline.html"

    def get_data(self, value, locale_id):
        competition = in_locale(value.get("round"), locale_id, rounds_queryset())
        now = timezone.now()
        return {
            "competition": competition,
            "timeline": competition.get_timeline() if competition else [],
            "now": now,
        }

    def get_preview_value(self):
        value = self.get_default()
        value["round"] = newest_round()
        return value


class ResultsTableBlock(PortalBlock):
    """A round's published winners and/or finalists per entry group; a short note before publication."""

    WINNERS = "winners"
    FINALISTS = "finalists"
    BOTH = "both"

    round = blocks.PageChooserBlock(page_type="wagtail_kipp.CompetitionPage", label=_("round"))
    show = blocks.ChoiceBlock(
        label=_("show"),
        choices=[
            (WINNERS, _("the winners")),
            (FINALISTS, _("the finalists")),
            (BOTH, _("the winners and the finalists")),
        ],
        default=BOTH,
    )

    class Meta:
        icon = "table"
        label = _("round results")
        description = _(
            "A round's published winners or finalists per entry group; before publication, a short note."
        )
        template = "wagtail_kipp/blocks/results_table.html"

    def get_data(self, value, locale_id):
        competition = in_locale(value.get("round"), locale_id, rounds_queryset())
        if competition is None:
            return {"competition": None}
        results = competition.published_results()
        show = value.get("show") or self.BOTH
        winners = results.winners if show in (self.WINNERS, self.BOTH) else []
        finalists = results.finalists if show in (self.FINALISTS, self.BOTH) else []
        return {
            "competition": competition,
            "results": results,
            "winners": winners,
            "finalists": finalists,
            "published": bool(winners or finalists),
        }

    def get_preview_value(self):
        from ..models import StageState

        value = self.get_default()
        published = StageState.objects.filter(published_at__isnull=False).values("competition_id")
        value["round"] = newest_round(rounds_queryset().filter(pk__in=published)) or newest_round()
        return value


class CallForProposalsBlock(PortalBlock):
    """A banner inviting proposals while a round is open for entries, with its deadline; else nothing."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=1000)
    round = blocks.PageChooserBlock(
        page_type="wagtail_kipp.CompetitionPage",
        label=_("round"),
        required=False,
        help_text=_("Leave empty to show every round that is open for proposals."),
    )

    class Meta:
        icon = "form"
        label = _("call for proposals")
        description = _("A banner with the entry deadline and a link to the round while proposals are open.")
        template = "wagtail_kipp/blocks/call_for_proposals.html"

    def get_open_rounds(self, competition, locale_id: int, now: datetime.datetime) -> list:
        """
        The rounds to invite to, soonest deadline first: ``competition`` (in the page's language) when given,
        else the live rounds in the page's language or, untranslated, in the default language; only while
        they are open for entries. May be overridden.
        """
        if competition is not None:
            candidates = [in_locale(competition, locale_id, rounds_queryset())]
        else:
            default_id = Locale.get_default().pk
            by_key: dict = {}
            for candidate in (
                rounds_queryset()
                .live()
                .public()
                .filter(
                    locale_id__in={locale_id, default_id},
                    stages__kind="entry",
                    stages__opens_at__lte=now,
                    stages__closes_at__gte=now - LONGEST_GRACE,
                )
                .distinct()
            ):
                if candidate.translation_key not in by_key or candidate.locale_id == locale_id:
                    by_key[candidate.translation_key] = candidate
            candidates = list(by_key.values())
        rounds = [round_ for round_ in candidates if round_ is not None and round_.is_open_for_entries(now)]
        return sorted(rounds, key=lambda round_: (round_.entry_deadline, round_.pk))

    def get_data(self, value, locale_id):
        return {"rounds": self.get_open_rounds(value.get("round"), locale_id, timezone.now())}


def _named(pairs: list[tuple[str, blocks.Block]]) -> list[tuple[str, blocks.Block]]:
    # Named as a StreamField names its children, so the admin preview's wrapper carries the name too.
    for name, block in pairs:
        block.set_name(name)
    return pairs


#: The portal blocks as ``(name, block)`` pairs, to add to a site's own StreamField.
PORTAL_BLOCKS = _named(
    [
        ("innovation_card", InnovationCardBlock()),
        ("latest_winners", LatestWinnersBlock()),
        ("round_timeline", RoundTimelineBlock()),
        ("results_table", ResultsTableBlock()),
        ("call_for_proposals", CallForProposalsBlock()),
    ]
)
