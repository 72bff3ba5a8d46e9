"""
Results news drafts: when a round's winners (or finalists) are published, the portal writes a draft story in
the round's language, and its translations through wagtail-localize, for an editor to polish and publish.

The drafts are never published here. When the site has a moderation workflow for the news area they are
submitted to it; otherwise they wait in the page explorer. One story per round and stage (``ResultsNews``):
publishing again, or running this again, writes nothing new.
"""

from __future__ import annotations

import dataclasses
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from ..conf import settings as kipp_settings
from ..judging.publication import FINALIST_STAGE, WINNER_STAGE
from ..models import (
    CompetitionPage,
    Decision,
    InnovationPage,
    NewsDrafts,
    ResultsNews,
    StageResult,
)
from ..models.news import NewsPageMixin

logger = logging.getLogger(__name__)


# The story -------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class StoryLine:
    """One winner or finalist: what it is called, who made it, what it won, and its innovation record."""

    title: str
    organisation: str
    award: str
    page_id: int | None


@dataclasses.dataclass
class StoryGroup:
    name: str
    lines: list[StoryLine]


@dataclasses.dataclass
class ResultsStory:
    """A results story in one language, ready to be written into a news page."""

    title: str
    lead: str
    intro: str
    groups: list[StoryGroup]
    closing: str

    def as_stream(self) -> list[tuple[str, str]]:
        """The story as ``heading`` and ``paragraph`` blocks (rich text linking the innovation pages)."""
        stream = [("paragraph", format_html("<p>{}</p>", self.intro))]
        for group in self.groups:
            if len(self.groups) > 1:
                stream.append(("heading", group.name))
            items = "".join(_line_html(line) for line in group.lines)
            stream.append(("paragraph", f"<ul>{items}</ul>"))
        stream.append(("paragraph", format_html("<p>{}</p>", self.closing)))
        return stream


def _line_html(line: StoryLine) -> str:
    title = escape(line.title)
    if line.page_id:
        title = f'<a linktype="page" id="{line.page_id}">{title}</a>'
    details = ", ".join(escape(part) for part in (line.organisation, line.award) if part)
    return f"<li>{title} ({details})</li>" if details else f"<li>{title}</li>"


def _round_title(competition: CompetitionPage, locale: Locale) -> str:
    if competition.locale_id == locale.pk:
        return competition.title
    translated = competition.get_translation_or_none(locale)
    return translated.title if translated is not None else competition.title


def story_results(competition: CompetitionPage, stage_kind: str) -> list[StageResult]:
    """The published results that advanced in the stage: the winners of the final, or the finalists."""
    return list(
        StageResult.objects.filter(
            entry__competition=competition,
            stage_kind=stage_kind,
            decision=Decision.ADVANCE,
            published_at__isnull=False,
        )
        .select_related("entry__organisation", "entry__group")
        .order_by("entry__group__sort_order", "entry__group_id", "rank", "entry__title", "pk")
    )


def build_story(
    competition: CompetitionPage, stage_kind: str, results: list[StageResult], locale: Locale
) -> ResultsStory:
    """The story of ``results`` in ``locale``'s language (its interface strings and the round's title)."""
    with translation.override(locale.language_code):
        round_title = _round_title(competition, locale)
        count = len(results)
        groups: dict[int, StoryGroup] = {}
        for result in results:
            entry = result.entry
            group = groups.setdefault(entry.group_id, StoryGroup(str(entry.group.display_name), []))
            award = (
                str(result.get_award_tier_display())
                if stage_kind == WINNER_STAGE and result.award_tier
                else ""
            )
            group.lines.append(StoryLine(entry.title, str(entry.organisation), award, entry.innovation_id))
        if stage_kind == WINNER_STAGE:
            title = _("The winners of %(round)s") % {"round": round_title}
            lead = ngettext(
                "The jury of %(round)s has chosen %(count)d winning innovation.",
                "The jury of %(round)s has chosen %(count)d winning innovations.",
                count,
            ) % {"round": round_title, "count": count}
            intro = _(
                "After the desk evaluation, presentations and field verification, the results of %(round)s "
                "are final. Congratulations to the winners:"
            ) % {"round": round_title}
            closing = _(
                "Every winning innovation has its own page in the innovation catalogue, where you can read "
                "how it works and what it changed."
            )
        else:
            title = _("The finalists of %(round)s") % {"round": round_title}
            lead = ngettext(
                "%(count)d innovation has reached the final stage of %(round)s.",
                "%(count)d innovations have reached the final stage of %(round)s.",
                count,
            ) % {"round": round_title, "count": count}
            intro = _(
                "The jury of %(round)s has finished the desk evaluation. These innovations go on to the "
                "presentations and interviews:"
            ) % {"round": round_title}
            closing = _("The winners will be announced after the interviews and field verification.")
        return ResultsStory(title, lead, intro, list(groups.values()), closing)


# Writing the drafts ---------------------------------------------------------------------------------------


def news_page_model():
    """The page model of the news drafts (``WAGTAIL_KIPP_NEWS_PAGE_MODEL``), which must use NewsPageMixin."""
    model = apps.get_model(kipp_settings.NEWS_PAGE_MODEL)
    if not issubclass(model, NewsPageMixin):
        raise TypeError(f"{kipp_settings.NEWS_PAGE_MODEL} does not use NewsPageMixin")
    return model


def news_parent(competition: CompetitionPage, model, locale: Locale | None = None):
    """
    Where drafts of ``model`` go: the first live page of the round's site, in ``locale`` (the round's by
    default), that may have ``model`` children; ``None`` when the site has no news area.
    """
    site = competition.get_site()
    if site is None:
        return None
    locale = locale or competition.locale
    root = site.root_page
    if root.locale_id != locale.pk:
        root = root.get_translation_or_none(locale)
        if root is None:
            return None
    parent_models = [m for m in model.allowed_parent_page_models() if issubclass(m, Page)]
    candidates = root.get_descendants(inclusive=True).live().filter(locale=locale).type(*parent_models)
    for candidate in candidates.order_by("path").specific():
        if model.can_create_at(candidate):
            return candidate
    return None


def wanted(competition: CompetitionPage, stage_kind: str) -> bool:
    """Whether the round asks for a news draft when ``stage_kind``'s results are published."""
    if stage_kind == WINNER_STAGE:
        return competition.news_drafts != NewsDrafts.NONE
    if stage_kind == FINALIST_STAGE:
        return competition.news_drafts == NewsDrafts.FINALISTS_AND_WINNERS
    return False


def draft_results_news(competition: CompetitionPage, stage_kind: str, *, user=None):
    """
    Write the draft story of the stage's published results (and its translations); return the story in the
    round's language, or ``None`` when nothing was written (no news area, nothing published, already written).
    """
    if ResultsNews.objects.filter(competition=competition, stage_kind=stage_kind).exists():
        return None
    results = story_results(competition, stage_kind)
    if not results:
        return None
    model = news_page_model()
    parent = news_parent(competition, model)
    if parent is None:
        logger.warning(
            "No news area for the results news of %s (%s): add a %s under the site's home page.",
            competition,
            stage_kind,
            model._meta.verbose_name,
        )
        return None
    with transaction.atomic():
        page = _create_draft(competition, stage_kind, results, model, parent, user)
        ResultsNews.objects.create(competition=competition, stage_kind=stage_kind, page=page)
        translations = [
            translated
            for locale in Locale.objects.exclude(pk=page.locale_id).order_by("language_code")
            if (translated := translate_draft(page, competition, stage_kind, results, locale, user))
            is not None
        ]
    for draft in [page, *translations]:
        submit_to_workflow(draft, user)
    return page


def _create_draft(competition, stage_kind, results, model, parent, user):
    story = build_story(competition, stage_kind, results, parent.locale)
    page = model(
        title=story.title,
        slug=find_available_slug(parent, slugify(story.title)[:80] or "berita"),
        lead=story.lead,
        live=False,
        owner=user,
        related_competition=competition,
        related_innovations=list(
            InnovationPage.objects.filter(pk__in=[result.entry.innovation_id for result in results])
        ),
    )
    page.set_results_story(story)
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    log(
        page,
        "wagtail_kipp.news.draft_results",
        user=user,
        data={"competition": competition.pk, "stage": stage_kind, "locale": page.locale.language_code},
    )
    return page


def localize_installed() -> bool:
    return apps.is_installed("wagtail_localize")


def translate_draft(page, competition, stage_kind, results, locale: Locale, user=None):
    """
    The draft's translation into ``locale`` through wagtail-localize, with the story written in that language
    as its translated strings: the editor sees a complete translation and can change it in the translation
    editor. ``None`` when wagtail-localize is not installed or the news area is not translated.
    """
    if not localize_installed() or page.get_parent().get_translation_or_none(locale) is None:
        return None
    if locale.language_code not in dict(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)):
        return None
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
    from wagtail_localize.models import Translation as LocalizeTranslation
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    story = build_story(competition, stage_kind, results, locale)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    original = source.as_instance()
    translated = type(original).from_serializable_data(original.serializable_data())
    translated.title = story.title
    translated.slug = slugify(story.title)[:80] or original.slug
    translated.lead = story.lead
    translated.set_results_story(story)
    _keep_block_ids(original, translated)

    def strings(instance) -> dict[str, list]:
        found: dict[str, list] = {}
        for value in extract_segments(instance):
            if isinstance(value, StringSegmentValue):
                found.setdefault(value.path, []).append(value)
        return found

    ours = strings(translated)
    segments = {
        (segment.context.path, segment.string.data): segment
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context")
    }
    for path, values in strings(original).items():
        theirs = ours.get(path, [])
        if len(theirs) != len(values):
            continue  # not the same shape: wagtail-localize shows the source text for the editor to translate
        for value, translated_value in zip(values, theirs, strict=True):
            segment = segments.get((path, value.string.data))
            if segment is None or value.string.data == translated_value.string.data:
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": translated_value.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                },
            )
    localize_translation, _created = LocalizeTranslation.objects.get_or_create(
        source=source, target_locale=locale
    )
    localize_translation.save_target(user=user, publish=False)
    draft = page.get_translation(locale).specific
    log(
        draft,
        "wagtail_kipp.news.draft_results",
        user=user,
        data={"competition": competition.pk, "stage": stage_kind, "locale": locale.language_code},
    )
    return draft


def _keep_block_ids(original, translated) -> None:
    """Give the translated body the original's block ids, so that both extract to the same segment paths."""
    field = "body"
    if not hasattr(original, field) or not hasattr(translated, field):
        return
    ids = [child.id for child in getattr(original, field)]
    stream = getattr(translated, field)
    for child, block_id in zip(stream, ids, strict=False):
        child.id = block_id
    setattr(translated, field, stream.stream_block.to_python(stream.get_prep_value()))


def submit_to_workflow(page, user) -> bool:
    """Submit the draft to the moderation workflow that applies to it, if the site has one."""
    workflow = page.get_workflow()
    if workflow is None or not workflow.active or user is None:
        return False
    if not workflow.tasks.filter(active=True).exists():
        # A workflow without tasks would publish the draft at once: publishing is an editor's call.
        return False
    page.refresh_from_db()
    workflow.start(page, user)
    return True
