"""Who may see what of the jury's work: every jury, results and entrant page against eight kinds of user."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wagtail_kipp.judging import panel, results, reviews
from wagtail_kipp.models import Assignment, StageResult

DESK = "desk_evaluation"
OK, NOT_FOUND, LOGIN, REFUSED = 200, 404, "login", "refused"
KINDS = [
    "anonymous",
    "operator",
    "other_operator",
    "juror",
    "conflicted_juror",
    "chair",
    "outside_juror",
    "secretariat",
]


@pytest.fixture
def world(
    jury_round,
    make_competition,
    make_juror,
    make_eligible_entry,
    make_organisation,
    make_operator,
    make_secretariat,
):
    """One entry reviewed by one juror (submitted); a conflicted juror; a chair; a juror of another round."""
    secretariat = make_secretariat("sek")
    entry = make_eligible_entry(
        jury_round, organisation=make_organisation("Dinas Rahasia"), title="Inovasi Rahasia"
    )
    juror = make_juror(jury_round, name="Juri Penilai Rahasia", username="juri")
    conflicted = make_juror(jury_round, name="Juri Berkonflik", username="juri-konflik")
    chair = make_juror(jury_round, role="chair", name="Ketua Juri", username="ketua")
    outside = make_juror(make_competition(), name="Juri Lain", username="juri-lain")
    assignment = panel.assign(secretariat, juror, entry, DESK)
    conflicted_assignment = panel.assign(secretariat, conflicted, entry, DESK)
    panel.declare_conflict(conflicted.user, conflicted, entry, "Saya kerabat inovator.")
    keys = [c.key for c in reviews.criteria_for(assignment)]
    saved = reviews.save_review(
        juror.user, assignment, based_on_version=1, values=dict.fromkeys(keys, 8), recommendation="advance"
    )
    reviews.submit_review(juror.user, saved)
    results.compute_stage(secretariat, jury_round, DESK)
    return {
        "round": jury_round,
        "entry": entry,
        "assignment": assignment,
        "conflicted_assignment_pk": conflicted_assignment.pk,
        "result": StageResult.objects.get(entry=entry, stage_kind=DESK),
        "users": {
            "anonymous": None,
            "operator": make_operator(entry.organisation, username="op"),
            "other_operator": make_operator(make_organisation("Dinas Lain"), username="op-lain"),
            "juror": juror.user,
            "conflicted_juror": conflicted.user,
            "chair": chair.user,
            "outside_juror": outside.user,
            "secretariat": secretariat,
        },
    }


def pages(world):
    """(name, url, expected outcome per kind in KINDS order)."""
    round_pk = world["round"].pk
    return [
        (
            "the juror's score sheet",
            reverse("wagtail_kipp_jury:review", args=[world["assignment"].pk]),
            [LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
        ),
        (
            "the conflicted juror's former assignment",
            reverse("wagtail_kipp_jury:review", args=[world["conflicted_assignment_pk"]]),
            [LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
        ),
        (
            "the chair's overview",
            reverse("wagtail_kipp_jury:chair", args=[round_pk]),
            [LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND],
        ),
        (
            "the ranking",
            reverse("kipp_results:ranking", args=[round_pk, DESK]),
            # Without admin access, Wagtail's admin sends everybody to its login.
            [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK],
        ),
        (
            "the explanation of a score",
            reverse("kipp_results:explain", args=[world["result"].pk]),
            [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK],
        ),
        (
            "the entrant's status page",
            reverse("wagtail_kipp_portal:entry_status", args=[world["entry"].uuid]),
            [LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK],
        ),
    ]


def outcome(response) -> str | int:
    if response.status_code in (301, 302):
        location = response["Location"]
        if "login" in location:
            return LOGIN
        return REFUSED
    if response.status_code == 403:
        return REFUSED
    return response.status_code


@pytest.mark.parametrize("kind", KINDS)
def test_every_jury_page_follows_the_matrix(client, world, kind):
    user = world["users"][kind]
    if user is not None:
        client.force_login(user)
    wrong = []
    for name, url, expected in pages(world):
        got = outcome(client.get(url))
        want = expected[KINDS.index(kind)]
        if got != want:
            wrong.append(f"{name}: {got} instead of {want}")
    assert not wrong, f"{kind}: " + "; ".join(wrong)


@pytest.mark.parametrize("kind", ["operator", "other_operator", "outside_juror", "anonymous"])
def test_nothing_of_the_score_or_the_jurors_leaks_before_publication(client, world, kind):
    user = world["users"][kind]
    if user is not None:
        client.force_login(user)
    score = f"{world['result'].score:.2f}"
    for url in (
        world["round"].url,
        reverse("wagtail_kipp_portal:dashboard"),
        reverse("wagtail_kipp_portal:entry_status", args=[world["entry"].uuid]),
    ):
        html = client.get(url, follow=True).content.decode()
        for secret in (score, score.replace(".", ","), "Juri Penilai Rahasia", "Juri Berkonflik"):
            assert secret not in html, f"{secret!r} shown on {url} to {kind}"


def test_after_publication_the_entrant_sees_the_outcome_but_never_the_jurors(client, world):
    secretariat = world["users"]["secretariat"]
    results.accept_suggestions(secretariat, world["round"], DESK)
    results.publish_stage(secretariat, world["round"], DESK)
    client.force_login(world["users"]["operator"])
    html = client.get(
        reverse("wagtail_kipp_portal:entry_status", args=[world["entry"].uuid])
    ).content.decode()
    assert "Juri Penilai Rahasia" not in html and "Ketua Juri" not in html
    assert Assignment.objects.filter(entry=world["entry"]).exists()


def test_a_juror_sees_only_own_scores_until_the_chair_closes_scoring(client, world, make_juror):
    other = make_juror(world["round"], name="Juri Kedua", username="juri-2")
    assignment = panel.assign(world["users"]["secretariat"], other, world["entry"], DESK)
    client.force_login(other.user)
    url = reverse("wagtail_kipp_jury:review", args=[assignment.pk])
    assert "Juror 1" not in client.get(url).content.decode()
    results.close_scoring(world["users"]["chair"], world["round"], DESK)
    html = client.get(url).content.decode()
    assert "Juri Penilai Rahasia" not in html
