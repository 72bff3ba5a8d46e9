"""The jury's service layer: panel, conflicts, assignment, score sheets, results, publication, objections."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from wagtail_kipp.judging import objections, panel, results, reviews
from wagtail_kipp.judging.services import NotAllowed, ServiceError
from wagtail_kipp.models import (
    Assignment,
    Award,
    ConflictOfInterest,
    ConflictSource,
    Decision,
    Invitation,
    ObjectionStatus,
    ReviewStatus,
    StageResult,
    StageState,
)

DESK = "desk_evaluation"
ALL_TENS = {"kebaruan": 10, "efektif": 10, "bermanfaat": 10, "replikasi": 10, "keberlanjutan": 10}


def score_all(member, entry, value, stage=DESK, recommendation="advance"):
    assignment = Assignment.objects.get(panel_member=member, entry=entry, stage_kind=stage)
    keys = [c.key for c in reviews.criteria_for(assignment)]
    assignment = reviews.save_review(
        member.user,
        assignment,
        based_on_version=assignment.version,
        values=dict.fromkeys(keys, value),
        overall_comment=f"Komentar {value}",
        recommendation=recommendation,
    )
    return reviews.submit_review(member.user, assignment)


@pytest.fixture
def setting(jury_round, make_juror, make_eligible_entry, make_organisation, make_secretariat):
    parent = make_organisation(name="Dinas Kesehatan")
    child = make_organisation(name="Puskesmas Sukamaju", kind="puskesmas", parent=parent)
    entries = [
        make_eligible_entry(jury_round, organisation=org)
        for org in (child, make_organisation(), make_organisation())
    ]
    jurors = [make_juror(jury_round) for _ in range(3)]
    conflicted = make_juror(jury_round, organisation=parent)
    return {
        "round": jury_round,
        "entries": entries,
        "jurors": jurors,
        "conflicted": conflicted,
        "secretariat": make_secretariat(),
    }


def test_assignment_gives_every_entry_conflict_free_jurors_and_can_run_again(setting):
    run = panel.run_assignment(setting["secretariat"], setting["round"], DESK)
    assert run.shortfall == {}
    first_entry = setting["entries"][0]
    assert ConflictOfInterest.objects.filter(
        panel_member=setting["conflicted"], entry=first_entry, source=ConflictSource.DETECTED
    ).exists()
    assert not Assignment.objects.filter(panel_member=setting["conflicted"], entry=first_entry).exists()
    for entry in setting["entries"]:
        assert Assignment.objects.filter(entry=entry, stage_kind=DESK).count() == 3
    again = panel.run_assignment(setting["secretariat"], setting["round"], DESK)
    assert again.added == 0


def test_only_the_secretariat_runs_the_assignment(setting):
    with pytest.raises(PermissionDenied):
        panel.run_assignment(setting["jurors"][0].user, setting["round"], DESK)


def test_score_sheet_refuses_out_of_scale_values_and_stale_versions(setting):
    panel.run_assignment(setting["secretariat"], setting["round"], DESK)
    member = setting["jurors"][0]
    assignment = member.assignments.first()
    with pytest.raises(ServiceError):
        reviews.save_review(
            member.user, assignment, based_on_version=assignment.version, values={"kebaruan": 11}
        )
    assert not assignment.scores.exists()
    saved = reviews.save_review(
        member.user, assignment, based_on_version=assignment.version, values={"kebaruan": 7}
    )
    with pytest.raises(reviews.StaleReview):
        reviews.save_review(member.user, saved, based_on_version=assignment.version, values={"kebaruan": 8})
    assert saved.scores.get().value == 7


def test_incomplete_review_cannot_be_submitted_and_submitted_is_locked(setting):
    panel.run_assignment(setting["secretariat"], setting["round"], DESK)
    member = setting["jurors"][0]
    assignment = member.assignments.first()
    with pytest.raises(ServiceError) as refused:
        reviews.submit_review(member.user, assignment)
    assert len(refused.value.messages) == 6  # five criteria and the recommendation
    submitted = score_all(member, assignment.entry, 8)
    assert submitted.status == ReviewStatus.SUBMITTED
    with pytest.raises(NotAllowed):
        reviews.save_review(
            member.user, submitted, based_on_version=submitted.version, values={"kebaruan": 1}
        )
    chair = setting["jurors"][1]
    with pytest.raises(PermissionDenied):
        reviews.reopen_review(chair.user, submitted, "salah ketik")
    reopened = reviews.reopen_review(setting["secretariat"], submitted, "salah ketik")
    assert reopened.status == ReviewStatus.DRAFT
    assert ModelLogEntry.objects.filter(action="wagtail_kipp.review.reopen").exists()


def test_a_juror_without_the_pledge_cannot_score(setting, make_juror, make_eligible_entry):
    member = make_juror(setting["round"], pledge=False)
    entry = setting["entries"][1]
    assignment = panel.assign(setting["secretariat"], member, entry, DESK)
    with pytest.raises(NotAllowed):
        reviews.save_review(member.user, assignment, based_on_version=1, values={"kebaruan": 5})
    panel.accept_pledge(member.user, member)
    reviews.save_review(member.user, assignment, based_on_version=1, values={"kebaruan": 5})


def test_declared_conflict_hides_the_entry_and_drops_the_draft(setting):
    panel.run_assignment(setting["secretariat"], setting["round"], DESK)
    member = setting["jurors"][0]
    entry = setting["entries"][1]
    with pytest.raises(ServiceError):
        panel.declare_conflict(member.user, member, entry, "  ")
    panel.declare_conflict(member.user, member, entry, "Saya pernah menjadi konsultan inovasi ini.")
    assert not Assignment.objects.filter(panel_member=member, entry=entry).exists()
    with pytest.raises(ServiceError):
        panel.assign(setting["secretariat"], member, entry, DESK)


def test_results_published_in_one_batch_with_awards_and_mail(
    setting, make_innovation, make_operator, django_capture_on_commit_callbacks
):
    secretariat, page = setting["secretariat"], setting["round"]
    entries = setting["entries"]
    for entry in entries:
        make_operator(entry.organisation)
    panel.run_assignment(secretariat, page, DESK)
    for value, entry in zip((9, 7, 5), entries, strict=True):
        for assignment in Assignment.objects.filter(entry=entry):
            score_all(assignment.panel_member, entry, value)
    page.stages.filter(kind=DESK).update(advancing=2)
    computed = results.compute_stage(secretariat, page, DESK)
    by_entry = {r.entry_id: r for r in computed}
    assert [by_entry[e.pk].rank for e in entries] == [1, 2, 3]
    assert float(by_entry[entries[0].pk].score) == pytest.approx(88.89, abs=0.01)  # (9-1)/9*100
    assert [by_entry[e.pk].suggestion for e in entries] == [
        Decision.ADVANCE,
        Decision.ADVANCE,
        Decision.ELIMINATE,
    ]
    assert results.publication_problems(page, DESK)
    with pytest.raises(ServiceError):
        results.publish_stage(secretariat, page, DESK)
    # Overriding the ranking needs a reason.
    with pytest.raises(ServiceError):
        results.decide(secretariat, by_entry[entries[2].pk], Decision.ADVANCE)
    results.decide(
        secretariat, by_entry[entries[2].pk], Decision.ADVANCE, reason="Keputusan rapat pleno TPI."
    )
    assert results.accept_suggestions(secretariat, page, DESK) == 2
    assert not StageResult.objects.filter(published_at__isnull=False).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert results.publish_stage(secretariat, page, DESK) == 3
    assert StageResult.objects.filter(published_at__isnull=False).count() == 3
    assert len(mail.outbox) >= 3
    assert StageState.objects.get(competition=page, stage_kind=DESK).published_at
    assert PageLogEntry.objects.filter(action="wagtail_kipp.stage.publish", page=page).exists()
    with pytest.raises(NotAllowed):
        results.compute_stage(secretariat, page, DESK)

    # Final (this round skips the interview): the desk evaluation alone decides (no stage weights), and the
    # winners get awards on their records.
    page.stages.filter(kind="interview").delete()
    innovation = make_innovation(title="Layanan Sukamaju")
    entries[0].innovation = innovation
    entries[0].save()
    final = results.compute_stage(secretariat, page, "final")
    assert {r.entry_id for r in final} == {e.pk for e in entries}
    top = next(r for r in final if r.entry_id == entries[0].pk)
    assert top.rank == 1 and top.award_tier == "juara_1"
    results.accept_suggestions(secretariat, page, "final")
    results.publish_stage(secretariat, page, "final")
    award = Award.objects.get(entry=entries[0])
    assert award.page_id == innovation.pk and award.tier == "juara_1" and award.year == page.year
    latest = innovation.specific.get_latest_revision_as_object()
    assert any(a.pk == award.pk for a in latest.awards.all())


def test_objection_window_accepts_objections_only_against_published_finalists(setting):
    secretariat, page, entries = setting["secretariat"], setting["round"], setting["entries"]
    now = timezone.now()
    kwargs = {
        "filer_name": "Warga",
        "filer_email": "warga@example.com",
        "grounds": "Inovasi ini belum berjalan di lapangan.",
    }
    with pytest.raises((NotAllowed, ServiceError)):
        objections.file_objection(page, entries[0], **kwargs)
    during = now + datetime.timedelta(days=7)
    with pytest.raises(ServiceError):
        objections.file_objection(page, entries[0], now=during, **kwargs)
    StageResult.objects.create(entry=entries[0], stage_kind=DESK, decision=Decision.ADVANCE, published_at=now)
    objection = objections.file_objection(page, entries[0], now=during, **kwargs)
    with pytest.raises(ServiceError):
        objections.resolve_objection(secretariat, objection, ObjectionStatus.REJECTED, "")
    resolved = objections.resolve_objection(
        secretariat, objection, ObjectionStatus.REJECTED, "Terbukti berjalan."
    )
    assert list(objections.published_objections(page)) == [resolved]


def test_jury_invitation_links_the_account(setting, django_user_model, django_capture_on_commit_callbacks):
    from wagtail_kipp.entrant_portal import accounts

    with django_capture_on_commit_callbacks(execute=True):
        member = panel.add_panel_member(
            setting["secretariat"],
            setting["round"],
            name="Dr. Sari",
            email="Sari@Univ.example",
            role="panelist",
            affiliation="academic",
            stage_kinds=["interview"],
        )
    invitation = Invitation.objects.get(panel_member=member)
    assert mail.outbox[-1].to == ["sari@univ.example"]
    user = django_user_model.objects.create_user("sari", "sari@univ.example", "pw")
    assert accounts.accept(invitation, user) == member
    member.refresh_from_db()
    assert member.user == user
