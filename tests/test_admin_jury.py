"""The secretariat's jury screens: panel, conflicts, assignment, criteria presets, interviews, visits."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail_kipp.entrant_portal import accounts
from wagtail_kipp.judging import panel, results, reviews
from wagtail_kipp.models import (
    Assignment,
    ConflictOfInterest,
    ConflictSource,
    Criterion,
    FieldVisit,
    InterviewSlot,
    Invitation,
    PanelMember,
    ReviewStatus,
    Stage,
    StageState,
)

DESK = "desk_evaluation"
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def stage_url(competition, name="stage", stage=DESK, *args):
    return reverse(f"kipp_assignment:{name}", args=[competition.pk, stage, *args])


def score_all(member, entry, value, stage=DESK):
    assignment = Assignment.objects.get(panel_member=member, entry=entry, stage_kind=stage)
    keys = [criterion.key for criterion in reviews.criteria_for(assignment)]
    assignment = reviews.save_review(
        member.user,
        assignment,
        based_on_version=assignment.version,
        values=dict.fromkeys(keys, value),
        overall_comment="Baik.",
        recommendation="advance",
    )
    return reviews.submit_review(member.user, assignment)


@pytest.fixture
def setting(jury_round, make_juror, make_eligible_entry, make_organisation):
    """Three eligible entries (the first of a clinic under a health office), four jurors (one conflicted)."""
    parent = make_organisation(name="Dinas Kesehatan")
    child = make_organisation(name="Puskesmas Sukamaju", kind="puskesmas", parent=parent)
    entries = [
        make_eligible_entry(jury_round, organisation=organisation)
        for organisation in (child, make_organisation(), make_organisation())
    ]
    jurors = [make_juror(jury_round, name=f"Juri {number}") for number in range(3)]
    conflicted = make_juror(jury_round, name="Juri Dinkes", organisation=parent)
    return {"round": jury_round, "entries": entries, "jurors": jurors, "conflicted": conflicted}


# Who may open the screens --------------------------------------------------------------------------


def jury_addresses(setting, secretariat):
    competition = setting["round"]
    member = setting["jurors"][0]
    entry = setting["entries"][0]
    panel.run_assignment(secretariat, competition, DESK)
    assignment = Assignment.objects.filter(panel_member=member).first()
    conflict = panel.record_conflict(secretariat, setting["jurors"][1], entry, "Keluarga.")
    slot = InterviewSlot.objects.create(entry=entry, starts_at=timezone.now())
    visit = FieldVisit.objects.create(entry=entry, visit_at=timezone.now(), place="Jl. Merdeka 1")
    return [
        reverse("kipp_panel:index"),
        reverse("kipp_panel:index") + "?export=csv",
        reverse("kipp_panel:add"),
        reverse("kipp_panel:edit", args=[member.pk]),
        reverse("kipp_panel:history", args=[member.pk]),
        reverse("kipp_panel:resend", args=[member.pk]),
        reverse("kipp_panel:deactivate", args=[member.pk]),
        reverse("kipp_conflicts:index"),
        reverse("kipp_conflicts:add"),
        reverse("kipp_conflicts:inspect", args=[conflict.pk]),
        reverse("kipp_conflicts:detect"),
        reverse("kipp_assignment:index"),
        stage_url(competition),
        stage_url(competition, "unassign", DESK, assignment.pk),
        reverse("kipp_interviews:index"),
        reverse("kipp_interviews:add"),
        reverse("kipp_interviews:edit", args=[slot.pk]),
        reverse("kipp_field_visits:index"),
        reverse("kipp_field_visits:add"),
        reverse("kipp_field_visits:edit", args=[visit.pk]),
    ]


def test_the_secretariat_opens_every_jury_screen(admin_client, setting, secretariat):
    for address in jury_addresses(setting, secretariat):
        response = admin_client.get(address)
        assert response.status_code == 200, address
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    for name in ("kipp_panel", "kipp_assignment", "kipp_conflicts", "kipp_interviews", "kipp_field_visits"):
        assert reverse(f"{name}:index") in menu


@pytest.fixture
def editor(db):
    """A Wagtail editor: admin access and page permissions, but not the secretariat's entry permission."""
    user = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=["add_page", "change_page"]
        ),
    )
    return user


@pytest.mark.parametrize("who", ["operator", "juror", "editor"])
def test_others_are_refused_everywhere(client, setting, secretariat, who, make_operator, editor):
    addresses = jury_addresses(setting, secretariat)
    user = {
        "operator": lambda: make_operator(setting["entries"][1].organisation),
        "juror": lambda: setting["jurors"][0].user,
        "editor": lambda: editor,
    }[who]()
    client.force_login(user)
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert b"Juri 0" not in response.content
    # A missing juror or round answers like an existing one: nothing to learn from the numbers.
    assert (
        client.get(reverse("kipp_panel:edit", args=[999999])).status_code
        == client.get(reverse("kipp_panel:edit", args=[setting["jurors"][0].pk])).status_code
    )
    competition = setting["round"]
    posts = [
        (stage_url(competition, "run"), {}),
        (stage_url(competition, "preset", "field_verification"), {}),
        (reverse("kipp_panel:deactivate", args=[setting["jurors"][0].pk]), {}),
        (reverse("kipp_conflicts:detect"), {"competition": competition.pk}),
    ]
    count = Assignment.objects.count()
    for address, data in posts:
        assert client.post(address, data).status_code in (302, 403), address
    assert Assignment.objects.count() == count
    assert PanelMember.objects.get(pk=setting["jurors"][0].pk).active
    if who == "editor":
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("kipp_panel:index") not in menu
        assert reverse("kipp_assignment:index") not in menu


def test_anonymous_visitors_are_sent_to_the_login(client, setting, make_secretariat):
    for address in jury_addresses(setting, make_secretariat()):
        response = client.get(address)
        assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url, address


# Panel members ---------------------------------------------------------------------------------------


def member_data(competition, **overrides):
    data = {
        "competition": competition.pk,
        "name": "Dr. Sari Wulandari",
        "email": "sari@univ.example",
        "role": "evaluator",
        "affiliation": "academic",
        "institution": "Universitas Contoh",
        "organisation": "",
        "stage_kinds": [DESK, "interview"],
        "capacity": "10",
    }
    data.update(overrides)
    return data


def test_adding_a_panel_member_emails_the_invitation(
    admin_client, jury_round, make_theme, mailoutbox, django_capture_on_commit_callbacks
):
    theme = make_theme("Kesehatan")
    form = admin_client.get(reverse("kipp_panel:add") + f"?competition={jury_round.pk}")
    assert form.status_code == 200
    assert form.context["form"].initial["competition"] == jury_round.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("kipp_panel:add"),
            member_data(
                jury_round, email="Sari@Univ.Example", stage_kinds=["interview", DESK], themes=[theme.pk]
            ),
        )
    assert response.status_code == 302
    member = PanelMember.objects.get()
    assert member.email == "sari@univ.example"
    assert member.stage_kinds == [DESK, "interview"]
    assert list(member.themes.all()) == [theme]
    assert member.capacity == 10 and member.user is None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sari@univ.example"]
    assert Invitation.objects.get().panel_member == member
    assert any("invited by e-mail" in message for message in messages_of(response))


@pytest.mark.parametrize("email", ["sari@univ.example", "SARI@univ.example "])
def test_a_duplicate_email_in_the_same_round_is_refused_with_a_message(
    admin_client, jury_round, mailoutbox, django_capture_on_commit_callbacks, email
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("kipp_panel:add"), member_data(jury_round))
        response = admin_client.post(reverse("kipp_panel:add"), member_data(jury_round, email=email))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    assert "already" in str(form.errors)
    assert PanelMember.objects.count() == 1 and len(mailoutbox) == 1


def test_a_stage_that_is_not_judged_is_refused(admin_client, jury_round):
    response = admin_client.post(reverse("kipp_panel:add"), member_data(jury_round, stage_kinds=["final"]))
    assert response.status_code == 200
    assert "stage_kinds" in response.context["form"].errors
    assert not PanelMember.objects.exists()


def test_the_listing_shows_counts_and_filters(
    admin_client, setting, secretariat, make_competition, make_juror
):
    panel.run_assignment(secretariat, setting["round"], DESK)
    member = setting["jurors"][0]
    score_all(member, Assignment.objects.filter(panel_member=member).first().entry, 8)
    make_juror(make_competition(), name="Juri Lain", stages=("interview",))
    listing = reverse("kipp_panel:index")
    response = admin_client.get(listing, {"competition": setting["round"].pk})
    rows = {row.name: row for row in response.context["object_list"]}
    assert set(rows) == {"Juri 0", "Juri 1", "Juri 2", "Juri Dinkes"}
    assert rows["Juri 0"].assignment_count == Assignment.objects.filter(panel_member=member).count()
    assert rows["Juri 0"].submitted_count == 1
    assert rows["Juri 1"].submitted_count == 0
    names = lambda **query: {row.name for row in admin_client.get(listing, query).context["object_list"]}  # noqa: E731
    assert names(stage="interview") == {"Juri Lain"}
    assert names(role="chair") == set()
    panel.deactivate_member(secretariat, setting["jurors"][2])
    assert "Juri 2" not in names(active="true") and names(active="false") == {"Juri 2"}
    csv_text = admin_client.get(
        listing, {"export": "csv", "competition": setting["round"].pk}
    ).content.decode()
    assert "Juri Dinkes" in csv_text and "Dinas Kesehatan" in csv_text


@pytest.mark.parametrize("count", [3, 30])
def test_the_panel_listing_takes_a_constant_number_of_queries(
    count,
    admin_client,
    jury_round,
    make_juror,
    make_eligible_entry,
    make_organisation,
    django_assert_max_num_queries,
):
    organisation = make_organisation()
    for _ in range(count):
        make_juror(jury_round, organisation=make_organisation(parent=organisation))
        make_eligible_entry(jury_round)
    listing = reverse("kipp_panel:index")
    admin_client.get(listing)  # the session and the permission caches
    with django_assert_max_num_queries(15):
        response = admin_client.get(listing)
    assert len(response.context["object_list"]) == count


def test_editing_a_juror_keeps_the_round_and_a_joined_address(admin_client, setting, make_organisation):
    member = setting["jurors"][0]
    edit = reverse("kipp_panel:edit", args=[member.pk])
    form = admin_client.get(edit).context["form"]
    assert form.fields["competition"].disabled and form.fields["email"].disabled
    data = member_data(
        setting["round"],
        name="Juri Nol",
        email="other@example.com",
        organisation=setting["entries"][1].organisation.pk,
    )
    data["competition"] = 999999  # disabled: ignored
    response = admin_client.post(edit, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "Juri Nol" and member.email != "other@example.com"
    assert member.competition == setting["round"]
    # The new organisation is checked for conflicts at once.
    assert ConflictOfInterest.objects.filter(
        panel_member=member, entry=setting["entries"][1], source=ConflictSource.DETECTED
    ).exists()


def test_a_new_address_before_joining_replaces_the_invitation(
    admin_client, jury_round, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = panel.add_panel_member(
            secretariat,
            jury_round,
            name="Budi",
            email="budi@old.example",
            role="panelist",
            affiliation="journalist",
            stage_kinds=["interview"],
        )
        response = admin_client.post(
            reverse("kipp_panel:edit", args=[member.pk]),
            member_data(
                jury_round, name="Budi", email="budi@new.example", role="panelist", stage_kinds=["interview"]
            ),
        )
    assert response.status_code == 302
    old, new = Invitation.objects.order_by("pk")
    assert old.revoked and old.email == "budi@old.example"
    assert new.email == "budi@new.example" and not new.revoked
    assert [message.to for message in mailoutbox] == [["budi@old.example"], ["budi@new.example"]]


def test_resend_the_invitation_and_refuse_it_once_joined(
    admin_client, jury_round, secretariat, setting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = panel.add_panel_member(
            secretariat,
            jury_round,
            name="Budi",
            email="budi@example.com",
            role="panelist",
            affiliation="journalist",
            stage_kinds=["interview"],
        )
    resend = reverse("kipp_panel:resend", args=[member.pk])
    listing = admin_client.get(reverse("kipp_panel:index")).content.decode()
    assert resend in listing
    assert reverse("kipp_panel:resend", args=[setting["jurors"][0].pk]) not in listing  # joined already
    first = Invitation.objects.get().token_hash
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(resend).status_code == 302
    assert len(mailoutbox) == 2 and Invitation.objects.get().token_hash != first
    joined = reverse("kipp_panel:resend", args=[setting["jurors"][0].pk])
    response = admin_client.post(joined)
    assert response.status_code == 302
    assert any("already joined" in message for message in messages_of(response))
    assert len(mailoutbox) == 2


def test_deactivate_says_how_many_unsubmitted_assignments_go(admin_client, setting, secretariat):
    panel.run_assignment(secretariat, setting["round"], DESK)
    member = setting["jurors"][0]
    first = Assignment.objects.filter(panel_member=member).order_by("pk").first()
    score_all(member, first.entry, 9)
    unsubmitted = (
        Assignment.objects.filter(panel_member=member).exclude(status=ReviewStatus.SUBMITTED).count()
    )
    address = reverse("kipp_panel:deactivate", args=[member.pk])
    page = admin_client.get(address).content.decode()
    assert f"Their {unsubmitted} unsubmitted assignment" in page
    response = admin_client.post(address)
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.active
    assert list(Assignment.objects.filter(panel_member=member)) == [first]
    assert any(f"{unsubmitted} unsubmitted" in message for message in messages_of(response))
    again = admin_client.get(address)
    assert again.status_code == 302 and any("no longer active" in m for m in messages_of(again))


# Conflicts of interest -----------------------------------------------------------------------------


def test_detect_and_list_conflicts_per_round(
    admin_client, setting, make_competition, make_juror, make_eligible_entry
):
    competition = setting["round"]
    other = make_competition()
    make_juror(other, name="Juri Lain")
    response = admin_client.post(reverse("kipp_conflicts:detect"), {"competition": competition.pk})
    assert response.status_code == 302
    assert any("1 new conflict" in message for message in messages_of(response))
    conflict = ConflictOfInterest.objects.get()
    assert conflict.panel_member == setting["conflicted"] and conflict.entry == setting["entries"][0]
    listing = reverse("kipp_conflicts:index")
    html = admin_client.get(listing, {"competition": competition.pk}).content.decode()
    assert "Juri Dinkes" in html and setting["entries"][0].reference in html
    assert admin_client.get(listing, {"competition": other.pk}).context["object_list"].count() == 0
    assert admin_client.get(listing, {"source": "declared"}).context["object_list"].count() == 0
    assert admin_client.get(listing, {"source": "detected"}).context["object_list"].count() == 1
    again = admin_client.post(reverse("kipp_conflicts:detect"), {"competition": competition.pk})
    assert any("No new conflicts" in message for message in messages_of(again))
    bad = admin_client.post(reverse("kipp_conflicts:detect"), {"competition": "abc"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_record_a_conflict_by_hand(admin_client, setting, secretariat, make_competition, make_juror):
    panel.run_assignment(secretariat, setting["round"], DESK)
    member, entry = setting["jurors"][0], setting["entries"][1]
    assert Assignment.objects.filter(panel_member=member, entry=entry).exists()
    add = reverse("kipp_conflicts:add") + f"?competition={setting['round'].pk}"
    form = admin_client.get(add).context["form"]
    assert set(form.fields["panel_member"].queryset) == {*setting["jurors"], setting["conflicted"]}
    response = admin_client.post(
        add, {"panel_member": member.pk, "entry": entry.pk, "reason": "Mantan konsultan."}
    )
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get(panel_member=member, entry=entry)
    assert conflict.source == ConflictSource.SECRETARIAT
    assert not Assignment.objects.filter(panel_member=member, entry=entry).exists()
    # Twice, another round's juror, or no reason: refused with a message, nothing recorded.
    stranger = make_juror(make_competition(), name="Juri Lain")
    plain = reverse("kipp_conflicts:add")
    for data in (
        {"panel_member": member.pk, "entry": entry.pk, "reason": "Lagi."},
        {"panel_member": stranger.pk, "entry": entry.pk, "reason": "Lain."},
        {"panel_member": member.pk, "entry": setting["entries"][2].pk, "reason": ""},
        {"panel_member": "x", "entry": "y", "reason": "z"},
    ):
        response = admin_client.post(plain, data)
        assert response.status_code == 200 and response.context["form"].errors, data
    assert (
        ConflictOfInterest.objects.count()
        == 1 + ConflictOfInterest.objects.filter(source=ConflictSource.DETECTED).count()
    )
    assert admin_client.get(reverse("kipp_conflicts:index")).status_code == 200


# Assignment ----------------------------------------------------------------------------------------


def test_run_the_assignment_from_the_screen(admin_client, setting):
    competition = setting["round"]
    screen = admin_client.get(stage_url(competition))
    assert screen.status_code == 200
    assert screen.context["short_entries"] == 3
    response = admin_client.post(stage_url(competition, "run"))
    assert response.status_code == 302 and response.url == stage_url(competition)
    assert any("9 assignments added" in message for message in messages_of(response))
    for entry in setting["entries"]:
        assert Assignment.objects.filter(entry=entry, stage_kind=DESK).count() == 3
    screen = admin_client.get(stage_url(competition))
    assert screen.context["short_entries"] == 0
    jurors = {progress.member.name: progress for progress in screen.context["jurors"]}
    assert jurors["Juri Dinkes"].conflicts == 1
    assert sum(progress.assigned for progress in jurors.values()) == 9
    rows = {row.entry.pk: row for row in screen.context["entry_rows"]}
    assert rows[setting["entries"][0].pk].conflicts == 1
    assert all(row.assigned == 3 and row.submitted == 0 for row in rows.values())
    # A GET of the action only goes back to the screen.
    assert admin_client.get(stage_url(competition, "run")).url == stage_url(competition)


def test_a_shortfall_is_reported_per_entry(admin_client, setting):
    competition = setting["round"]
    stage = competition.get_stage(DESK)
    stage.reviewers_per_entry = 5
    stage.save()
    response = admin_client.post(stage_url(competition, "run"))
    warnings = [message for message in messages_of(response) if "Not enough jurors" in message]
    assert warnings
    assert f"{setting['entries'][0].reference} (2 missing)" in warnings[0]
    assert f"{setting['entries'][1].reference} (1 missing)" in warnings[0]


def test_manual_assignment_refuses_a_conflicted_juror(admin_client, setting, secretariat):
    competition = setting["round"]
    panel.detect_conflicts(competition)
    conflicted, entry = setting["conflicted"], setting["entries"][0]
    response = admin_client.post(
        stage_url(competition, "assign"), {"panel_member": conflicted.pk, "entry": entry.pk}
    )
    assert response.status_code == 302
    assert any("conflict of interest" in message for message in messages_of(response))
    assert not Assignment.objects.filter(panel_member=conflicted, entry=entry).exists()
    response = admin_client.post(
        stage_url(competition, "assign"), {"panel_member": conflicted.pk, "entry": setting["entries"][1].pk}
    )
    assignment = Assignment.objects.get(panel_member=conflicted, entry=setting["entries"][1])
    assert assignment.manual
    assert any("reviews" in message for message in messages_of(response))


@pytest.mark.parametrize(
    "data",
    [{}, {"panel_member": "abc", "entry": "1"}, {"panel_member": "999999", "entry": "999999"}],
)
def test_manual_assignment_with_bad_input_gives_a_message(admin_client, setting, data):
    response = admin_client.post(stage_url(setting["round"], "assign"), data)
    assert response.status_code == 302
    assert any("Choose a juror and an entry" in message for message in messages_of(response))
    assert not Assignment.objects.exists()


def test_manual_assignment_refuses_a_juror_of_another_round_or_stage(
    admin_client, setting, make_competition, make_juror
):
    strangers = [make_juror(make_competition()), make_juror(setting["round"], stages=("interview",))]
    for stranger in strangers:
        response = admin_client.post(
            stage_url(setting["round"], "assign"),
            {"panel_member": stranger.pk, "entry": setting["entries"][0].pk},
        )
        assert any("Choose a juror and an entry" in message for message in messages_of(response))
    assert not Assignment.objects.exists()


def test_unassign_removes_an_open_review_but_never_a_submitted_one(admin_client, setting, secretariat):
    competition = setting["round"]
    panel.run_assignment(secretariat, competition, DESK)
    member = setting["jurors"][0]
    submitted, open_ = Assignment.objects.filter(panel_member=member).order_by("pk")[:2]
    score_all(member, submitted.entry, 7)
    address = stage_url(competition, "unassign", DESK, submitted.pk)
    response = admin_client.post(address)
    assert response.status_code == 302
    assert any("was submitted" in message for message in messages_of(response))
    assert Assignment.objects.filter(pk=submitted.pk).exists()
    confirm = admin_client.get(stage_url(competition, "unassign", DESK, open_.pk))
    assert confirm.status_code == 200 and member.name in confirm.content.decode()
    response = admin_client.post(stage_url(competition, "unassign", DESK, open_.pk))
    assert not Assignment.objects.filter(pk=open_.pk).exists()
    assert any("no longer reviews" in message for message in messages_of(response))
    # An assignment of another stage or round, or one that does not exist: not found.
    assert admin_client.post(stage_url(competition, "unassign", "interview", submitted.pk)).status_code == 404
    assert admin_client.post(stage_url(competition, "unassign", DESK, 999999)).status_code == 404


def test_published_stage_refuses_changes(admin_client, setting, secretariat):
    competition = setting["round"]
    panel.run_assignment(secretariat, competition, DESK)
    StageState.objects.update_or_create(
        competition=competition, stage_kind=DESK, defaults={"published_at": timezone.now()}
    )
    count = Assignment.objects.count()
    screen = admin_client.get(stage_url(competition))
    assert screen.context["locked"]
    assert stage_url(competition, "run") not in screen.content.decode()
    response = admin_client.post(stage_url(competition, "run"))
    assert any("published" in message for message in messages_of(response))
    assignment = Assignment.objects.first()
    response = admin_client.post(stage_url(competition, "unassign", DESK, assignment.pk))
    assert any("published" in message for message in messages_of(response))
    assert Assignment.objects.count() == count
    assert results.is_published(competition, DESK)


def test_unknown_rounds_and_stages_are_not_found(admin_client, setting):
    competition = setting["round"]
    assert admin_client.get(stage_url(competition, stage="final")).status_code == 404
    assert admin_client.get(stage_url(competition, stage="field_verification")).status_code == 404  # not used
    assert admin_client.get(stage_url(competition, stage="nonsense")).status_code == 404
    assert admin_client.get(reverse("kipp_assignment:stage", args=[999999, DESK])).status_code == 404
    assert admin_client.post(reverse("kipp_assignment:run", args=[999999, DESK])).status_code == 404


def test_the_index_lists_rounds_and_their_judged_stages(admin_client, setting, secretariat):
    panel.run_assignment(secretariat, setting["round"], DESK)
    html = admin_client.get(reverse("kipp_assignment:index")).content.decode()
    assert stage_url(setting["round"]) in html
    assert stage_url(setting["round"], stage="interview") in html
    assert "9 assignments, 0 submitted" in html


def test_the_national_preset_fills_a_stage_without_criteria(admin_client, jury_round):
    now = timezone.now()
    Stage.objects.create(
        competition=jury_round,
        kind="field_verification",
        opens_at=now + datetime.timedelta(days=15),
        closes_at=now + datetime.timedelta(days=18),
        sort_order=9,
    )
    screen = admin_client.get(stage_url(jury_round, stage="field_verification"))
    html = screen.content.decode()
    assert "Use the national preset" in html and "field-verification checklist" in html
    assert stage_url(jury_round, "preset", "field_verification") in html
    response = admin_client.post(stage_url(jury_round, "preset", "field_verification"))
    assert response.status_code == 302
    assert Criterion.objects.filter(competition=jury_round, stage_kind="field_verification").count() == 4
    assert any("4 criteria added" in message for message in messages_of(response))
    screen = admin_client.get(stage_url(jury_round, stage="field_verification"))
    assert len(screen.context["criteria"]) == 4 and screen.context["criteria"][0]["scale"] == "yes or no"
    assert reverse("wagtailadmin_pages:edit", args=[jury_round.pk]) in screen.content.decode()
    again = admin_client.post(stage_url(jury_round, "preset", "field_verification"))
    assert any("already has criteria" in message for message in messages_of(again))
    assert Criterion.objects.filter(competition=jury_round, stage_kind="field_verification").count() == 4


def test_the_desk_screen_shows_the_current_criteria(admin_client, jury_round):
    screen = admin_client.get(stage_url(jury_round))
    names = [item["criterion"].key for item in screen.context["criteria"]]
    assert names == ["kebaruan", "efektif", "bermanfaat", "replikasi", "keberlanjutan"]
    assert screen.context["criteria"][0]["scale"] == "1–10"
    assert "Use the national preset" not in screen.content.decode()


def test_the_assignment_screen_takes_a_constant_number_of_queries(
    admin_client, jury_round, make_juror, make_eligible_entry, make_organisation, secretariat
):
    def fill(entries, jurors):
        for _ in range(entries):
            make_eligible_entry(jury_round, organisation=make_organisation())
        for _ in range(jurors):
            make_juror(jury_round, organisation=make_organisation())
        panel.run_assignment(secretariat, jury_round, DESK)

    def count_queries():
        admin_client.get(stage_url(jury_round))  # the session and the permission caches
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(stage_url(jury_round))
        assert response.status_code == 200
        return len(queries), response

    fill(3, 3)
    few, response = count_queries()
    assert len(response.context["entry_rows"]) == 3
    fill(27, 7)
    many, response = count_queries()
    assert len(response.context["entry_rows"]) == 30 and len(response.context["jurors"]) == 10
    assert many == few
    assert few <= 20


# Interview slots and field visits ------------------------------------------------------------------


@pytest.fixture
def wita_round(jury_round):
    jury_round.timezone = "Asia/Makassar"
    jury_round.save()
    return jury_round


def test_an_interview_slot_is_entered_and_shown_in_the_rounds_zone(
    admin_client, wita_round, make_eligible_entry, make_entry
):
    entry = make_eligible_entry(wita_round)
    draft = make_entry(competition_page=wita_round)
    form = admin_client.get(reverse("kipp_interviews:add")).context["form"]
    assert list(form.fields["entry"].queryset) == [entry]
    response = admin_client.post(
        reverse("kipp_interviews:add"),
        {"entry": entry.pk, "starts_at": "2026-07-01T09:30", "duration_minutes": "20", "place": "Aula"},
    )
    assert response.status_code == 302
    slot = InterviewSlot.objects.get()
    assert slot.starts_at == datetime.datetime(2026, 7, 1, 9, 30, tzinfo=WITA)
    html = admin_client.get(reverse("kipp_interviews:index")).content.decode()
    assert "09:30 WITA" in html
    edit = admin_client.get(reverse("kipp_interviews:edit", args=[slot.pk]))
    assert 'value="2026-07-01T09:30"' in edit.content.decode()
    refused = admin_client.post(
        reverse("kipp_interviews:add"), {"entry": draft.pk, "starts_at": "kemarin", "duration_minutes": "x"}
    )
    assert refused.status_code == 200
    assert {"entry", "starts_at", "duration_minutes"} <= set(refused.context["form"].errors)
    twice = admin_client.post(
        reverse("kipp_interviews:add"),
        {"entry": entry.pk, "starts_at": "2026-07-02T09:30", "duration_minutes": "20"},
    )
    assert twice.status_code == 200 and twice.context["form"].errors
    assert InterviewSlot.objects.count() == 1


def test_a_field_visit_takes_only_jurors_of_the_entrys_round(
    admin_client, jury_round, make_eligible_entry, make_juror, make_competition
):
    now = timezone.now()
    Stage.objects.create(
        competition=jury_round,
        kind="field_verification",
        opens_at=now + datetime.timedelta(days=15),
        closes_at=now + datetime.timedelta(days=18),
        sort_order=9,
    )
    entry = make_eligible_entry(jury_round)
    ours = make_juror(jury_round, role="panelist", stages=("field_verification",), name="Juri Kita")
    theirs = make_juror(make_competition(), name="Juri Mereka")
    data = {"entry": entry.pk, "visit_at": "2026-07-20T08:00", "place": "Puskesmas Sukamaju"}
    refused = admin_client.post(reverse("kipp_field_visits:add"), {**data, "members": [ours.pk, theirs.pk]})
    assert refused.status_code == 200
    assert "Juri Mereka" in str(refused.context["form"].errors["members"])
    assert not FieldVisit.objects.exists()
    response = admin_client.post(reverse("kipp_field_visits:add"), {**data, "members": [ours.pk]})
    assert response.status_code == 302
    visit = FieldVisit.objects.get()
    assert list(visit.members.all()) == [ours]
    assert visit.visit_at == datetime.datetime(2026, 7, 20, 8, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    edit = admin_client.get(reverse("kipp_field_visits:edit", args=[visit.pk])).context["form"]
    assert list(edit.fields["members"].queryset) == [ours]
    html = admin_client.get(reverse("kipp_field_visits:index")).content.decode()
    assert "Juri Kita" in html and "08:00 WIB" in html
    # A juror with a conflict of interest with the entry does not visit it.
    ConflictOfInterest.objects.create(panel_member=ours, entry=entry, source="declared", reason="Kerabat.")
    conflicted = admin_client.post(
        reverse("kipp_field_visits:edit", args=[visit.pk]), {**data, "members": [ours.pk]}
    )
    assert conflicted.status_code == 200
    assert "Juri Kita" in str(conflicted.context["form"].errors["members"])


# The entrants' invitations -------------------------------------------------------------------------


def test_the_entrant_invitation_listing_ignores_jury_invitations(
    admin_client, jury_round, secretariat, make_organisation, django_capture_on_commit_callbacks
):
    organisation = make_organisation()
    with django_capture_on_commit_callbacks(execute=True):
        member = panel.add_panel_member(
            secretariat,
            jury_round,
            name="Budi",
            email="budi@example.com",
            role="panelist",
            affiliation="journalist",
            stage_kinds=["interview"],
        )
        entrant = accounts.invite(organisation, "ani@example.com", "operator", secretariat)
    jury = Invitation.objects.get(panel_member=member)
    response = admin_client.get(reverse("kipp_invitations:index"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [entrant]
    assert "budi@example.com" not in response.content.decode()
    assert admin_client.get(reverse("kipp_invitations:index"), {"status": "pending"}).status_code == 200
    assert admin_client.get(reverse("kipp_invitations:inspect", args=[entrant.pk])).status_code == 200
    assert admin_client.get(reverse("kipp_invitations:inspect", args=[jury.pk])).status_code == 404
    assert admin_client.get(reverse("kipp_invitations:resend", args=[jury.pk])).status_code == 404
    assert admin_client.post(reverse("kipp_invitations:revoke", args=[jury.pk])).status_code == 404
    jury.refresh_from_db()
    assert not jury.revoked
