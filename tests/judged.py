"""A judged round for tests: three entries scored by three named jurors, ready to publish stage by stage."""

from __future__ import annotations

from types import SimpleNamespace

from wagtail_kipp.judging import panel, results, reviews
from wagtail_kipp.models import Assignment

DESK = "desk_evaluation"
FINAL = "final"
JUROR_NAMES = ("Prof. Rahasia Satu", "Dr. Rahasia Dua", "Rahasia Tiga, M.Si.")
TITLES = ("Layanan Antar Dokumen", "Posyandu Digital Sukamaju", "Antrean Daring Puskesmas")
ORGANISATIONS = ("Dinas Dukcapil Uji", "Kecamatan Sukamaju Uji", "RSUD Uji")


def score_all(assignment: Assignment, value: int) -> Assignment:
    member = assignment.panel_member
    keys = [criterion.key for criterion in reviews.criteria_for(assignment)]
    assignment = reviews.save_review(
        member.user,
        assignment,
        based_on_version=assignment.version,
        values=dict.fromkeys(keys, value),
        overall_comment=f"Catatan juri: nilai {value}.",
        recommendation="advance",
    )
    return reviews.submit_review(member.user, assignment)


def make_judged(page, *, make_juror, make_eligible_entry, make_organisation, make_secretariat, make_operator):
    """Entries scored 9, 7 and 5; the top two advance from the desk evaluation (decided, unpublished)."""
    page.stages.filter(kind=DESK).update(advancing=2, show_feedback=True)
    organisations = [make_organisation(name=name) for name in ORGANISATIONS]
    entries = [
        make_eligible_entry(page, organisation=organisation, title=title)
        for organisation, title in zip(organisations, TITLES, strict=True)
    ]
    jurors = [make_juror(page, name=name) for name in JUROR_NAMES]
    secretariat = make_secretariat()
    panel.run_assignment(secretariat, page, DESK)
    for value, entry in zip((9, 7, 5), entries, strict=True):
        for assignment in Assignment.objects.filter(entry=entry, stage_kind=DESK):
            score_all(assignment, value)
    results.compute_stage(secretariat, page, DESK)
    results.accept_suggestions(secretariat, page, DESK)
    return SimpleNamespace(
        page=page,
        entries=entries,
        organisations=organisations,
        jurors=jurors,
        secretariat=secretariat,
        operator=make_operator(organisations[0]),
        loser_operator=make_operator(organisations[2]),
    )


def publish(judged, stage=DESK):
    results.publish_stage(judged.secretariat, judged.page, stage)


def publish_final(judged):
    """The final decision from the desk scores alone (the interview is left out of this round)."""
    judged.page.stages.filter(kind="interview").delete()
    results.compute_stage(judged.secretariat, judged.page, FINAL)
    results.accept_suggestions(judged.secretariat, judged.page, FINAL)
    publish(judged, FINAL)
