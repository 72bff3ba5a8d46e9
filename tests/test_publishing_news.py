"""Results news drafts: written when winners (or finalists) are published, in both languages, never live."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from tests.judged import DESK, FINAL, publish, publish_final
from wagtail_kipp.models import NewsDrafts, NewsPage, ResultsNews, StageResult
from wagtail_kipp.publishing import news


def publish_translation(page, locale):
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.save_revision().publish()
    return translated.specific


@pytest.fixture
def en_news_index(news_index, en_locale):
    return publish_translation(news_index, en_locale)


def publish_all(judged, capture):
    with capture(execute=True):
        publish(judged)
    with capture(execute=True):
        publish_final(judged)


def winners(judged):
    return list(
        StageResult.objects.filter(entry__competition=judged.page, stage_kind=FINAL, decision="advance")
        .select_related("entry")
        .order_by("rank")
    )


def test_publishing_the_winners_drafts_a_story_in_each_language(
    judged, catalogue, en_news_index, en_locale, django_capture_on_commit_callbacks
):
    publish_all(judged, django_capture_on_commit_callbacks)

    record = ResultsNews.objects.get(competition=judged.page, stage_kind=FINAL)
    story = record.page.specific
    assert isinstance(story, NewsPage) and not story.live
    assert story.title == f"Pemenang {judged.page.title}"
    assert story.related_competition_id == judged.page.pk
    english = story.get_translation(en_locale).specific
    assert not english.live
    assert english.title == f"The winners of {judged.page.title}"
    assert english.get_parent().pk == en_news_index.pk

    won = winners(judged)
    assert won
    with translation.override("en"):
        english_body = str(english.body)
    with translation.override("id"):
        indonesian_body = str(story.body)
    for result in won:
        entry = result.entry
        assert entry.innovation_id, "the winner has an innovation record"
        assert set(story.related_innovations.values_list("pk", flat=True)) >= {entry.innovation_id}
        for body in (indonesian_body, english_body):
            assert entry.title in body
            assert f'href="{entry.innovation.url}"' in body
    assert "Congratulations to the winners" in english_body
    assert "Selamat kepada para pemenang" in indonesian_body

    # No finalists story unless the round asks for one.
    assert not ResultsNews.objects.filter(competition=judged.page, stage_kind=DESK).exists()


def test_drafts_never_appear_on_the_public_site(
    client, judged, catalogue, en_news_index, django_capture_on_commit_callbacks
):
    publish_all(judged, django_capture_on_commit_callbacks)
    story = ResultsNews.objects.get(competition=judged.page, stage_kind=FINAL).page.specific
    english = story.get_translation(en_news_index.locale).specific
    for url in (
        story.get_parent().url,
        en_news_index.url,
        en_news_index.url + "feed/",
        story.get_parent().url + "feed/atom/",
    ):
        html = client.get(url).content.decode()
        assert story.title not in html and english.title not in html, url
    assert client.get(story.url).status_code == 404
    assert client.get(english.url).status_code == 404


def test_finalists_story_when_the_round_asks_for_it(
    judged, catalogue, news_index, django_capture_on_commit_callbacks
):
    judged.page.news_drafts = NewsDrafts.FINALISTS_AND_WINNERS
    judged.page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        publish(judged)
    story = ResultsNews.objects.get(competition=judged.page, stage_kind=DESK).page.specific
    assert story.title == f"Finalis {judged.page.title}"
    assert not story.live
    assert "Layanan Antar Dokumen" in str(story.body)


def test_no_story_when_the_round_wants_none_or_there_is_no_news_area(
    judged, catalogue, django_capture_on_commit_callbacks, caplog
):
    publish_all(judged, django_capture_on_commit_callbacks)  # no news area in this site
    assert not ResultsNews.objects.exists()
    assert "No news area" in caplog.text


def test_drafting_again_writes_nothing_new(judged, catalogue, news_index, django_capture_on_commit_callbacks):
    publish_all(judged, django_capture_on_commit_callbacks)
    count = NewsPage.objects.count()
    assert news.draft_results_news(judged.page, FINAL) is None
    assert NewsPage.objects.count() == count == 1


def test_drafts_go_to_the_moderation_workflow(
    judged, catalogue, news_index, django_capture_on_commit_callbacks
):
    workflow = Workflow.objects.create(name="Redaksi")
    task = GroupApprovalTask.objects.create(name="Periksa redaktur")
    task.groups.set([Group.objects.get_or_create(name="Redaktur")[0]])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=news_index)

    publish_all(judged, django_capture_on_commit_callbacks)
    story = ResultsNews.objects.get(competition=judged.page, stage_kind=FINAL).page.specific
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == judged.secretariat
    story.refresh_from_db()
    assert not story.live


def test_a_workflow_without_tasks_does_not_publish_the_draft(
    judged, catalogue, news_index, django_capture_on_commit_callbacks
):
    WorkflowPage.objects.create(workflow=Workflow.objects.create(name="Kosong"), page=news_index)
    publish_all(judged, django_capture_on_commit_callbacks)
    story = ResultsNews.objects.get(competition=judged.page, stage_kind=FINAL).page.specific
    assert not story.live
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()
