"""Competition rounds: the public round page, deadlines in the round's zone, and set-up in the admin."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_kipp.models import CompetitionPage, Stage, StageKind

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WIT = zoneinfo.ZoneInfo("Asia/Jayapura")


def test_the_round_page_shows_the_timeline_and_the_call_while_open(client, competition):
    html = client.get(competition.url).content.decode()
    assert "WIB" in html
    deadline = timezone.localtime(competition.entry_deadline, WIB)
    assert deadline.strftime("%H:%M") in html
    assert reverse("wagtail_kipp_portal:dashboard") in html
    assert "Ringkasan" in html and "SK Inovator" in html


def test_a_round_in_wit_shows_its_deadline_in_wit(client, make_competition):
    closes = datetime.datetime(2030, 5, 2, 23, 59, tzinfo=WIT)
    page = make_competition(closes=closes, timezone="Asia/Jayapura")
    html = client.get(page.url).content.decode()
    assert "23:59" in html and "WIT" in html


def test_a_closed_round_says_so_and_does_not_invite_entries(client, make_competition):
    now = timezone.now()
    page = make_competition(opens=now - datetime.timedelta(days=30), closes=now - datetime.timedelta(days=1))
    html = client.get(page.url).content.decode()
    assert reverse("wagtail_kipp_portal:dashboard") not in html
    assert not page.is_open_for_entries()


def test_grace_period_extends_the_window(make_competition):
    now = timezone.now()
    page = make_competition(
        opens=now - datetime.timedelta(days=30), closes=now - datetime.timedelta(minutes=10), grace_minutes=15
    )
    assert page.is_open_for_entries()
    assert not page.is_open_for_entries(now + datetime.timedelta(minutes=6))


def test_a_stage_must_close_after_it_opens():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    with pytest.raises(ValidationError):
        Stage(kind=StageKind.ENTRY, opens_at=now, closes_at=now).clean()


ENTRY_STAGE = {
    "kind": "entry",
    "name": "",
    "opens_at": "2027-03-01 08:00",
    "closes_at": "2027-05-02 23:59",
    "advancing": "",
    "passing_score": "",
    "weight": "0",
    "advancing_per_group": "",
    "max_per_organisation": "",
    "organisation_kind_quotas": "{}",
    "reviewers_per_entry": "3",
    "aggregation": "mean",
    "min_reviews": "1",
    "spread_threshold": "15",
}


def post_new_round(client, home_page, template, stages=(ENTRY_STAGE,), **fields):
    """Create a round through the admin's page editor as a superuser; returns the response."""
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    data = {
        "title": "KIPP Kota 2027",
        "slug": "kipp-2027",
        "year": 2027,
        "timezone": "Asia/Jakarta",
        "intro": "Kompetisi tahunan.",
        "rules": rich_text("<p>Aturan.</p>"),
        "max_entries_per_group": 2,
        "minimum_age_months": 24,
        "grace_minutes": 0,
        "reference_prefix": "",
        "award_level": "lokal",
        "news_drafts": "winners",
        "criteria": inline_formset([]),
        "stages": inline_formset([dict(stage) for stage in stages]),
        "entry_groups": inline_formset(
            [{"name": "Umum", "name_en": "General", "kind": "umum", "slug": "umum", "template": template.pk}]
        ),
        "action-publish": "publish",
        **fields,
    }
    url = reverse("wagtailadmin_pages:add", args=["wagtail_kipp", "competitionpage", home_page.pk])
    return client.post(url, nested_form_data(data))


def test_the_secretariat_creates_a_round_in_the_admin(client, home_page, proposal_template):
    response = post_new_round(client, home_page, proposal_template, timezone="Asia/Makassar")
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CompetitionPage.objects.get(slug="kipp-2027")
    stage = page.stages.get()
    # Typed as the round's wall clock (WITA, UTC+8), whatever the editor's zone (the site's WIB here).
    assert stage.closes_at == datetime.datetime(2027, 5, 2, 23, 59, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar"))
    # ... and shown again in the round's zone when the page is edited.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "2027-05-02 23:59" in edit
    assert page.entry_groups.get().template == proposal_template
    assert page.timezone_label == "WITA"


def test_two_stages_of_one_kind_get_a_message_not_an_error_page(client, home_page, proposal_template):
    response = post_new_round(client, home_page, proposal_template, stages=(ENTRY_STAGE, ENTRY_STAGE))
    assert response.status_code == 200
    assert not CompetitionPage.objects.filter(slug="kipp-2027").exists()


def test_a_new_round_takes_its_timezone_from_the_site_settings(home_page):
    from wagtail.models import Site

    from wagtail_kipp.models import KippSettings

    settings = KippSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_timezone = "Asia/Jayapura"
    settings.save()
    assert CompetitionPage().timezone == "Asia/Jayapura"


DESK_STAGE = {
    **ENTRY_STAGE,
    "kind": "desk_evaluation",
    "opens_at": "2027-05-10 08:00",
    "closes_at": "2027-05-30 23:59",
}
CRITERION = {
    "stage_kind": "desk_evaluation",
    "key": "kebaruan",
    "kind": "score",
    "name": "Kebaruan",
    "name_en": "Novelty",
    "guidance": "",
    "guidance_en": "",
    "weight": "1",
    "scale_min": "1",
    "scale_max": "10",
    "tie_break_order": "",
}


def test_criteria_of_a_stage_being_scored_cannot_change(
    client, home_page, proposal_template, make_juror, make_eligible_entry
):
    from wagtail_kipp.models import Assignment

    response = post_new_round(
        client,
        home_page,
        proposal_template,
        stages=(ENTRY_STAGE, DESK_STAGE),
        criteria=inline_formset([CRITERION]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CompetitionPage.objects.get(slug="kipp-2027")
    criterion = page.criteria.get()
    stages = list(page.stages.order_by("sort_order"))
    group = page.entry_groups.get()

    def edit(weight):
        data = {
            "title": page.title,
            "slug": page.slug,
            "year": 2027,
            "timezone": "Asia/Jakarta",
            "intro": "Kompetisi tahunan.",
            "rules": rich_text("<p>Aturan.</p>"),
            "max_entries_per_group": 2,
            "minimum_age_months": 24,
            "grace_minutes": 0,
            "reference_prefix": "",
            "award_level": "lokal",
            "news_drafts": "winners",
            "stages": inline_formset(
                [
                    {**stage_data, "id": stage.pk}
                    for stage_data, stage in zip((ENTRY_STAGE, DESK_STAGE), stages, strict=True)
                ],
                initial=2,
            ),
            "entry_groups": inline_formset(
                [
                    {
                        "id": group.pk,
                        "name": "Umum",
                        "name_en": "General",
                        "kind": "umum",
                        "slug": "umum",
                        "template": proposal_template.pk,
                    }
                ],
                initial=1,
            ),
            "criteria": inline_formset([{**CRITERION, "id": criterion.pk, "weight": weight}], initial=1),
            "action-publish": "publish",
        }
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data))

    assert edit("2").status_code == 302  # nobody has scored yet: the criteria may change
    criterion.refresh_from_db()
    assert criterion.weight == 2
    juror = make_juror(page)
    Assignment.objects.create(
        panel_member=juror, entry=make_eligible_entry(page), stage_kind="desk_evaluation", status="draft"
    )
    refused = edit("3")
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()  # "Jurors have started scoring ..."
    criterion.refresh_from_db()
    assert criterion.weight == 2
