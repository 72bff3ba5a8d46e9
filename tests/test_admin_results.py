"""The secretariat's results screens: ranking, decisions, publication, explanations, exports, objections."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from wagtail_kipp.judging import panel, results, reviews
from wagtail_kipp.models import (
    Assignment,
    Criterion,
    Decision,
    Objection,
    ObjectionStatus,
    StageResult,
    StageState,
)

DESK = "desk_evaluation"
CRITERIA = ("kebaruan", "efektif", "bermanfaat", "replikasi", "keberlanjutan")
FORMULA = '=HYPERLINK("http://evil.example/","klik")'


def stage_url(name, page, stage=DESK):
    return reverse(f"kipp_results:{name}", args=[page.pk, stage])


def result_url(name, result):
    return reverse(f"kipp_results:{name}", args=[result.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content_of(response).decode())))


def score(member, entry, values, *, comment="", overall="Cukup baik.", stage=DESK):
    """The juror scores every criterion (``values``: one number for all, or by key) and submits."""
    assignment = Assignment.objects.get(panel_member=member, entry=entry, stage_kind=stage)
    keys = [criterion.key for criterion in reviews.criteria_for(assignment)]
    values = values if isinstance(values, dict) else dict.fromkeys(keys, values)
    assignment = reviews.save_review(
        member.user,
        assignment,
        based_on_version=assignment.version,
        values=values,
        comments={keys[0]: comment} if comment else None,
        overall_comment=overall,
        recommendation="advance",
    )
    return reviews.submit_review(member.user, assignment)


@pytest.fixture
def jurors(jury_round, make_juror):
    return [
        make_juror(jury_round, name=name)
        for name in ("Dr. Ani Lestari", "Budi Santoso, M.Si.", "Citra Dewi (Jurnalis)")
    ]


@pytest.fixture
def scored(jury_round, jurors, make_eligible_entry, make_organisation, secretariat):
    """Three entries scored 9, 7 and 5 by all three jurors (the last one unevenly); two advance."""
    entries = [
        make_eligible_entry(jury_round, organisation=make_organisation(), title=title)
        for title in ("Klinik Keliling", "Bank Sampah Digital", FORMULA)
    ]
    panel.run_assignment(secretariat, jury_round, DESK)
    for value, entry in zip((9, 7, 5), entries, strict=True):
        for position, member in enumerate(jurors):
            uneven = value if entry is not entries[2] else (2, 5, 8)[position]
            score(member, entry, uneven, comment="+62 812 kontak juri" if position == 0 else "")
    jury_round.stages.filter(kind=DESK).update(advancing=2)
    return entries


@pytest.fixture
def computed(scored, jury_round, secretariat):
    results.compute_stage(secretariat, jury_round, DESK)
    return {r.entry_id: r for r in StageResult.objects.filter(stage_kind=DESK)}


def result_of(entry, stage=DESK):
    return StageResult.objects.get(entry=entry, stage_kind=stage)


# Compute, decide, publish ------------------------------------------------------------------------------


def test_compute_decide_accept_and_publish_through_the_screens(
    admin_client, jury_round, scored, make_operator, django_capture_on_commit_callbacks
):
    for entry in scored:
        make_operator(entry.organisation)
    ranking = admin_client.get(stage_url("ranking", jury_round))
    assert ranking.status_code == 200
    assert "not yet" in ranking.content.decode()
    assert stage_url("compute", jury_round) in ranking.content.decode()

    # Compute: a confirmation page, then the service.
    page = admin_client.get(stage_url("compute", jury_round))
    assert page.status_code == 200 and "Scoring is still open" in page.content.decode()
    response = admin_client.post(stage_url("compute", jury_round))
    assert response.status_code == 302 and response.url == stage_url("ranking", jury_round)
    assert any("Results computed for 3 entries" in m for m in messages_of(response))
    assert StageState.objects.get(competition=jury_round, stage_kind=DESK).computed_at
    html = admin_client.get(stage_url("ranking", jury_round)).content.decode()
    assert "Klinik Keliling" in html and "Bank Sampah Digital" in html
    assert "overall quota full" in html  # the third entry's suggestion, as text
    assert "jurors disagree" in html  # the third entry's jurors disagree (spread 66.67)

    # A decision against the suggestion needs a reason: the service's message is shown with the form.
    third = result_of(scored[2])
    assert third.suggestion == Decision.ELIMINATE
    form = admin_client.get(result_url("decide", third))
    assert form.status_code == 200 and "overall quota full" in form.content.decode()
    refused = admin_client.post(result_url("decide", third), {"decision": "advance", "reason": "  "})
    assert refused.status_code == 200
    assert "Give the reason for deciding against the ranking" in refused.content.decode()
    assert result_of(scored[2]).decision == Decision.PENDING
    decided = admin_client.post(
        result_url("decide", third), {"decision": "advance", "reason": "Keputusan rapat pleno TPI."}
    )
    assert decided.status_code == 302 and decided.url == stage_url("ranking", jury_round)
    third.refresh_from_db()
    assert third.decision == Decision.ADVANCE and third.override_reason == "Keputusan rapat pleno TPI."
    assert ModelLogEntry.objects.filter(action="wagtail_kipp.stage.decide").exists()

    # Publishing is refused while entries have no decision; the page lists the problems without a button.
    page = admin_client.get(stage_url("publish", jury_round))
    assert "2 entries have no decision yet." in page.content.decode()
    assert 'type="submit"' not in page.content.decode()
    response = admin_client.post(stage_url("publish", jury_round))
    assert any("2 entries have no decision yet." in m for m in messages_of(response))
    assert not StageResult.objects.filter(published_at__isnull=False).exists()

    response = admin_client.post(stage_url("accept", jury_round))
    assert any("2 entries decided as the ranking suggests" in m for m in messages_of(response))
    assert set(StageResult.objects.values_list("decision", flat=True)) == {Decision.ADVANCE}

    page = admin_client.get(stage_url("publish", jury_round)).content.decode()
    assert "told by e-mail" in page and "nothing can change afterwards" in page
    assert "3 entries advance and 0 do not" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(stage_url("publish", jury_round))
    assert any("The results of 3 entries are published." in m for m in messages_of(response))
    assert StageResult.objects.filter(published_at__isnull=False).count() == 3
    assert len(mail.outbox) >= 3

    # Published: nothing can change any more, and the screens say so.
    html = admin_client.get(stage_url("ranking", jury_round)).content.decode()
    assert "nothing can change any more" in html and stage_url("compute", jury_round) not in html
    response = admin_client.get(result_url("decide", third))
    assert response.status_code == 302 and response.url == result_url("explain", third)
    assert any("can no longer change" in m for m in messages_of(response))
    response = admin_client.post(stage_url("compute", jury_round))
    assert any("can no longer change" in m for m in messages_of(response))
    assert admin_client.post(stage_url("accept", jury_round)).status_code == 302


def test_the_final_stage_decides_award_tiers(admin_client, jury_round, computed, secretariat):
    results.accept_suggestions(secretariat, jury_round, DESK)
    results.publish_stage(secretariat, jury_round, DESK)
    jury_round.stages.filter(kind="interview").delete()  # the desk evaluation alone decides
    response = admin_client.post(stage_url("compute", jury_round, "final"))
    assert response.status_code == 302
    top = StageResult.objects.get(stage_kind="final", rank=1)
    assert top.award_tier == "juara_1"
    html = admin_client.get(stage_url("ranking", jury_round, "final")).content.decode()
    assert "first place" in html and "Award" in html
    form = admin_client.get(result_url("decide", top)).content.decode()
    assert 'name="award_tier"' in form
    admin_client.post(
        result_url("decide", top), {"decision": "advance", "award_tier": "terpuji", "reason": ""}
    )
    top.refresh_from_db()
    assert top.award_tier == "terpuji" and top.decision == Decision.ADVANCE
    explanation = admin_client.get(result_url("explain", top)).content.decode()
    assert "The final score" in explanation and "desk evaluation" in explanation


def test_close_scoring_from_the_ranking(admin_client, jury_round, scored):
    assert (
        stage_url("close_scoring", jury_round)
        in admin_client.get(stage_url("ranking", jury_round)).content.decode()
    )
    admin_client.post(stage_url("close_scoring", jury_round))
    assert StageState.objects.get(competition=jury_round, stage_kind=DESK).scoring_closed_at
    page = admin_client.get(stage_url("close_scoring", jury_round)).content.decode()
    assert "Scoring was closed on" in page
    assert admin_client.get(stage_url("close_scoring", jury_round, "final")).status_code == 404


# Explanations -------------------------------------------------------------------------------------------


def test_explanation_shows_jurors_criteria_and_the_tie_break(
    admin_client, jury_round, jurors, make_eligible_entry, secretariat
):
    Criterion.objects.filter(competition=jury_round, stage_kind=DESK, key="kebaruan").update(
        tie_break_order=1
    )
    first = make_eligible_entry(jury_round, title="Menang Kebaruan")
    second = make_eligible_entry(jury_round, title="Kalah Kebaruan")
    twin_a = make_eligible_entry(jury_round, title="Kembar A")
    twin_b = make_eligible_entry(jury_round, title="Kembar B")
    panel.run_assignment(secretariat, jury_round, DESK)
    base = dict.fromkeys(CRITERIA, 8)
    for member in jurors:
        score(member, first, {**base, "kebaruan": 9, "efektif": 7})
        score(member, second, {**base, "kebaruan": 7, "efektif": 9})
        score(member, twin_a, 6)
        score(member, twin_b, 6)
    results.compute_stage(secretariat, jury_round, DESK)

    winner = result_of(first)
    assert winner.rank == 1 and result_of(second).rank == 2
    html = admin_client.get(result_url("explain", winner)).content.decode()
    for member in jurors:
        assert member.name in html
    assert "Novelty" in html and "Effectiveness" in html  # criterion names (English admin)
    assert "the tie-break criterion “Novelty” decided its place" in html
    assert "Kalah Kebaruan" in html  # the entry it was tied with, linked
    assert result_url("explain", result_of(second)) in html

    twin = result_of(twin_a)
    assert twin.tied and twin.rank == result_of(twin_b).rank == 3
    html = admin_client.get(result_url("explain", twin)).content.decode()
    assert "without a panel decision: it shares rank 3" in html and "Kembar B" in html
    ranking = admin_client.get(stage_url("ranking", jury_round)).content.decode()
    assert ranking.count("data-tie") == 2
    # A tied entry's decision form offers the panel's order; a wrong type is refused by the form.
    form = admin_client.get(result_url("decide", twin)).content.decode()
    assert 'name="panel_order"' in form
    refused = admin_client.post(result_url("decide", twin), {"decision": "advance", "panel_order": "satu"})
    assert refused.status_code == 200 and refused.context["form"].errors["panel_order"]
    admin_client.post(
        result_url("decide", twin), {"decision": "eliminate", "panel_order": "1", "reason": "x"}
    )
    assert result_of(twin_a).panel_order == 1


def test_explanation_names_excluded_reviews_and_trimmed_means(
    admin_client, jury_round, make_juror, make_eligible_entry, secretariat
):
    jury_round.stages.filter(kind=DESK).update(aggregation="trimmed_mean", reviewers_per_entry=5)
    members = [make_juror(jury_round, name=f"Juri {letter}") for letter in "ABCDEF"]
    entry = make_eligible_entry(jury_round, title="Lima Juri")
    for member in members:
        panel.assign(secretariat, member, entry, DESK)
    for member, value in zip(members[:5], (2, 6, 7, 8, 10), strict=True):
        score(member, entry, value)
    results.compute_stage(secretariat, jury_round, DESK)
    html = admin_client.get(result_url("explain", result_of(entry))).content.decode()
    assert "trimmed mean" in html and "yes (trimmed)" in html
    assert "Juri F" in html and "not counted: not submitted" in html


# Reports and exports ------------------------------------------------------------------------------------


def test_results_export_csv_and_xlsx(admin_client, jury_round, computed):
    response = admin_client.get(stage_url("ranking", jury_round), {"export": "csv"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    headings, body = rows[0], rows[1:]
    assert headings[:7] == ["Rank", "Tied", "Reference", "Title", "Organisation", "Group", "Score"]
    assert "Decision" in headings and "Why" in headings
    by_title = {row[3]: dict(zip(headings, row, strict=True)) for row in body}
    assert by_title["Klinik Keliling"]["Rank"] == "1"
    assert by_title["Klinik Keliling"]["Score"] == "88.89"
    # A title a spreadsheet would run as a formula is quoted in CSV ...
    assert "'" + FORMULA in by_title
    assert by_title["'" + FORMULA]["Why"] == "overall quota full"

    # ... and kept as text (never a formula) in XLSX.
    response = admin_client.get(stage_url("ranking", jury_round), {"export": "xlsx", "decision": "pending"})
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]][:4] == ["Rank", "Tied", "Reference", "Title"]
    cells = [row[3] for row in rows[1:]]
    formula_cell = next(cell for cell in cells if cell.value.startswith("="))
    assert formula_cell.value == FORMULA and formula_cell.data_type == "s"
    assert len(cells) == 3


def test_results_export_follows_the_filters(admin_client, jury_round, computed, scored, secretariat):
    results.decide(secretariat, result_of(scored[0]), Decision.ADVANCE)
    rows = csv_rows(
        admin_client.get(stage_url("ranking", jury_round), {"export": "csv", "decision": "advance"})
    )
    assert [row[3] for row in rows[1:]] == ["Klinik Keliling"]
    rows = csv_rows(admin_client.get(stage_url("ranking", jury_round), {"export": "csv", "flagged": "yes"}))
    assert len(rows) == 2 and rows[1][3] == "'" + FORMULA


def test_ranking_filters(admin_client, jury_round, computed, scored):
    def titles(**params):
        response = admin_client.get(stage_url("ranking", jury_round), params)
        assert response.status_code == 200
        return {result.entry.title for result in response.context["object_list"]}

    group = scored[0].group
    assert len(titles()) == 3
    assert titles(flagged="yes") == {FORMULA}
    assert titles(flagged="no") == {"Klinik Keliling", "Bank Sampah Digital"}
    assert titles(decision="pending") == {"Klinik Keliling", "Bank Sampah Digital", FORMULA}
    assert titles(decision="advance") == set()
    assert len(titles(group=group.pk)) == 3
    # A wrong filter value is ignored with the form's error, never a server error.
    assert (
        admin_client.get(stage_url("ranking", jury_round), {"group": "abc", "flagged": "maybe"}).status_code
        == 200
    )
    results_only = admin_client.get(stage_url("ranking_results", jury_round), {"flagged": "yes"})
    assert results_only.status_code == 200 and "Klinik Keliling" not in results_only.content.decode()


def test_scores_export(admin_client, jury_round, computed, jurors):
    response = admin_client.get(stage_url("scores", jury_round), {"export": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    headings = rows[0]
    assert headings == [
        "Juror",
        "Reference",
        "Title",
        "Criterion",
        "Score",
        "Comment",
        "Review status",
        "Submitted",
    ]
    records = [dict(zip(headings, row, strict=True)) for row in rows[1:]]
    # 3 entries x 3 jurors x (5 criteria + the overall comment)
    assert len(records) == 3 * 3 * 6
    ani = [r for r in records if r["Juror"] == "Dr. Ani Lestari" and r["Title"] == "Klinik Keliling"]
    assert {r["Criterion"] for r in ani} >= {"Novelty", "Effectiveness", "Overall comment and recommendation"}
    novelty = next(r for r in ani if r["Criterion"] == "Novelty")
    assert novelty["Score"] == "9.00" and novelty["Review status"] == "submitted"
    assert novelty["Comment"] == "'+62 812 kontak juri"  # a leading + would start a formula
    assert any(r["Title"] == "'" + FORMULA for r in records)

    sheet = openpyxl.load_workbook(
        io.BytesIO(content_of(admin_client.get(stage_url("scores", jury_round), {"export": "xlsx"})))
    ).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Juror" and len(values) == 1 + 3 * 3 * 6
    wrong = admin_client.get(stage_url("scores", jury_round), {"export": "pdf"})
    assert wrong.status_code == 302 and any("CSV or XLSX" in m for m in messages_of(wrong))
    assert admin_client.get(stage_url("scores", jury_round, "final"), {"export": "csv"}).status_code == 404


def test_agreement_report_screen_and_exports(admin_client, jury_round, computed, scored, jurors):
    response = admin_client.get(stage_url("agreement", jury_round))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Entries to discuss at the consolidation meeting" in html
    flagged = response.context["flagged"]
    assert [row["entry"].pk for row in flagged] == [scored[2].pk]
    assert flagged[0]["spread"] == pytest.approx(66.67)
    for member in jurors:
        assert member.name in html
    labels = {row["name"]: row["label"] for row in response.context["jurors"]}
    # Ani scored the disputed entry 2 where the others gave 5 and 8: the severe one; Citra the lenient one.
    assert labels["Dr. Ani Lestari"] == "severe" and labels["Citra Dewi (Jurnalis)"] == "lenient"
    assert labels["Budi Santoso, M.Si."] == "typical"

    rows = csv_rows(admin_client.get(stage_url("agreement", jury_round), {"export": "csv"}))
    assert rows[0] == ["Jurors"] and rows[1][0] == "Juror"
    assert {row[0] for row in rows[2:5]} == {member.name for member in jurors}
    split = rows.index([])
    assert rows[split + 1] == ["Flagged entries"]
    assert rows[split + 3][1] == "'" + FORMULA
    book = openpyxl.load_workbook(
        io.BytesIO(content_of(admin_client.get(stage_url("agreement", jury_round), {"export": "xlsx"})))
    )
    assert book.sheetnames == ["Jurors", "Flagged entries"]
    flagged_sheet = list(book["Flagged entries"].iter_rows())
    assert flagged_sheet[1][1].value == FORMULA and flagged_sheet[1][1].data_type == "s"
    assert admin_client.get(stage_url("agreement", jury_round, "final")).status_code == 404


def test_agreement_report_without_criteria_gives_a_message(admin_client, jury_round):
    Criterion.objects.filter(competition=jury_round, stage_kind=DESK).delete()
    response = admin_client.get(stage_url("agreement", jury_round))
    assert response.status_code == 302
    assert any("scoring criteria" in m for m in messages_of(response))
    response = admin_client.post(stage_url("compute", jury_round))
    assert response.status_code == 302 and any("scoring criteria" in m for m in messages_of(response))


# Overview and bad input ---------------------------------------------------------------------------------


def test_rounds_and_round_overview(admin_client, jury_round, computed):
    html = admin_client.get(reverse("kipp_results:index")).content.decode()
    assert jury_round.title in html and stage_url("ranking", jury_round) in html
    assert stage_url("ranking", jury_round, "final") in html and "computed" in html
    html = admin_client.get(reverse("kipp_results:round", args=[jury_round.pk])).content.decode()
    assert "3 entries: 0 advance, 0 do not, 3 not decided" in html
    assert (
        stage_url("agreement", jury_round) in html and stage_url("scores", jury_round) + "?export=csv" in html
    )
    assert stage_url("agreement", jury_round, "final") not in html
    assert reverse("kipp_results:index") in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_unknown_rounds_stages_and_results_answer_404(admin_client, jury_round):
    assert admin_client.get(reverse("kipp_results:round", args=[999999])).status_code == 404
    assert admin_client.get(reverse("kipp_results:ranking", args=[999999, DESK])).status_code == 404
    for stage in ("objection", "entry", "field_verification", "nonsense"):
        assert admin_client.get(stage_url("ranking", jury_round, stage)).status_code == 404, stage
    assert admin_client.get(stage_url("ranking", jury_round, "interview")).status_code == 200
    assert admin_client.get(reverse("kipp_results:explain", args=[999999])).status_code == 404
    assert admin_client.post(reverse("kipp_results:decide", args=[999999]), {}).status_code == 404


def test_a_decision_of_an_unknown_kind_is_refused_by_the_form(admin_client, computed, scored):
    result = result_of(scored[0])
    response = admin_client.post(result_url("decide", result), {"decision": "maybe"})
    assert response.status_code == 200 and response.context["form"].errors["decision"]
    assert result_of(scored[0]).decision == Decision.PENDING


def test_accept_before_compute_is_not_offered(admin_client, jury_round, scored):
    page = admin_client.get(stage_url("accept", jury_round)).content.decode()
    assert "Compute the results first." in page and 'type="submit"' not in page


@pytest.mark.parametrize("stage", [DESK, "final"])
def test_the_ranking_takes_a_constant_number_of_queries(
    stage, admin_client, jury_round, make_eligible_entry, make_organisation
):
    def add(count):
        for number in range(count):
            entry = make_eligible_entry(
                jury_round, organisation=make_organisation(), title=f"Inovasi {number}"
            )
            StageResult.objects.create(
                entry=entry,
                stage_kind=stage,
                score=50 + number % 7,
                rank=number + 1,
                tied=number % 5 == 0,
                flagged=number % 3 == 0,
                suggestion=Decision.ADVANCE if number % 2 else Decision.ELIMINATE,
                suggestion_reason="" if number % 2 else "group_quota",
                decision=Decision.PENDING,
                award_tier="juara_1" if stage == "final" else "",
            )

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = admin_client.get(stage_url("ranking", jury_round, stage))
        assert response.status_code == 200
        return len(context.captured_queries), response

    admin_client.get(stage_url("ranking", jury_round, stage))  # session and permission caches
    add(3)
    few, response = queries()
    assert len(response.context["object_list"]) == 3
    add(27)
    many, response = queries()
    assert len(response.context["object_list"]) == 30
    assert few == many
    assert many <= 20


# Permissions --------------------------------------------------------------------------------------------


@pytest.fixture
def objection(computed, jury_round, scored, pdf_bytes):
    objection = Objection(
        competition=jury_round,
        entry=scored[0],
        filer_name="Warga Sukamaju",
        filer_email="warga@example.com",
        grounds="@SUM(1+1) Inovasi ini belum berjalan di lapangan.",
        evidence_name="Foto lapangan.pdf",
    )
    objection.evidence.save("bukti.pdf", ContentFile(pdf_bytes), save=False)
    objection.save()
    return objection


@pytest.fixture
def outsiders(jury_round, make_juror, make_operator, make_organisation, django_user_model):
    """Users who must not see the results: operator, juror, chair (with admin access), an editor."""
    admin_access = Permission.objects.get(codename="access_admin")
    chair = make_juror(jury_round, role="chair").user
    chair.user_permissions.add(admin_access)
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw")
    editor.user_permissions.add(admin_access)
    return {
        "operator": make_operator(make_organisation()),
        "juror": make_juror(jury_round).user,
        "chair": chair,
        "editor": editor,
    }


def every_url(page, result, objection):
    return [
        reverse("kipp_results:index"),
        reverse("kipp_results:round", args=[page.pk]),
        stage_url("ranking", page),
        stage_url("ranking", page) + "?export=csv",
        stage_url("ranking_results", page),
        stage_url("compute", page),
        stage_url("accept", page),
        stage_url("publish", page),
        stage_url("close_scoring", page),
        stage_url("agreement", page),
        stage_url("agreement", page) + "?export=xlsx",
        stage_url("scores", page) + "?export=csv",
        result_url("explain", result),
        result_url("decide", result),
        reverse("kipp_objections:index"),
        reverse("kipp_objections:index") + "?export=csv",
        reverse("kipp_objections:edit", args=[objection.pk]),
        reverse("kipp_objections:evidence", args=[objection.pk]),
    ]


def test_only_the_secretariat_may_open_the_results_screens(
    client, jury_round, scored, objection, outsiders, secretariat
):
    result = result_of(scored[0])
    urls = every_url(jury_round, result, objection)
    posts = [
        stage_url("compute", jury_round),
        stage_url("accept", jury_round),
        stage_url("publish", jury_round),
        stage_url("close_scoring", jury_round),
        result_url("decide", result),
        reverse("kipp_objections:edit", args=[objection.pk]),
    ]
    for who, user in [("anonymous", None), *outsiders.items()]:
        client.logout()
        if user:
            client.force_login(user)
        for address in urls:
            response = client.get(address)
            assert response.status_code in (302, 403, 404), (who, address, response.status_code)
            body = content_of(response)
            assert b"%PDF" not in body and b"Klinik Keliling" not in body, (who, address)
            if who == "anonymous":
                assert reverse("wagtailadmin_login") in response.url
        for address in posts:
            response = client.post(
                address, {"decision": "eliminate", "reason": "x", "status": "upheld", "resolution": "x"}
            )
            assert response.status_code in (302, 403, 404), (who, address)
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("kipp_results:index") not in menu and reverse("kipp_objections:index") not in menu
    # Nothing changed.
    assert not StageResult.objects.exclude(decision=Decision.PENDING).exists()
    assert not StageState.objects.filter(published_at__isnull=False).exists()
    assert not StageState.objects.filter(scoring_closed_at__isnull=False).exists()
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RECEIVED
    # The evidence of an objection answers 404 to anybody in the admin but the secretariat.
    for who in ("chair", "editor"):
        client.force_login(outsiders[who])
        assert client.get(reverse("kipp_objections:evidence", args=[objection.pk])).status_code == 404

    client.force_login(secretariat)
    for address in urls:
        assert client.get(address).status_code == 200, address


# Objections ---------------------------------------------------------------------------------------------


def test_objection_listing_and_export(admin_client, objection):
    response = admin_client.get(reverse("kipp_objections:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Warga Sukamaju" in html and "Klinik Keliling" in html
    assert reverse("kipp_objections:edit", args=[objection.pk]) in html
    assert "kipp/objections/new/" not in html and "/delete/" not in html
    assert admin_client.get("/admin/kipp/objections/new/").status_code == 404
    assert {
        o.pk
        for o in admin_client.get(reverse("kipp_objections:index"), {"status": "upheld"}).context[
            "object_list"
        ]
    } == set()
    filtered = admin_client.get(reverse("kipp_objections:index"), {"competition": objection.competition_id})
    assert [o.pk for o in filtered.context["object_list"]] == [objection.pk]
    rows = csv_rows(admin_client.get(reverse("kipp_objections:index"), {"export": "csv"}))
    header = [name.lower() for name in rows[0]]  # capitalised by the export
    grounds = header.index(str(Objection._meta.get_field("grounds").verbose_name).lower())
    assert rows[1][grounds].startswith("'@SUM")


def test_the_objection_listing_takes_a_constant_number_of_queries(
    admin_client, objection, make_eligible_entry, jury_round, django_assert_max_num_queries
):
    def add(count):
        for number in range(count):
            Objection.objects.create(
                competition=jury_round,
                entry=make_eligible_entry(jury_round, title=f"Inovasi {number}"),
                filer_name=f"Warga {number}",
                filer_email="warga@example.com",
                grounds="Belum berjalan di lapangan.",
            )

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = admin_client.get(reverse("kipp_objections:index"))
        assert response.status_code == 200
        return len(context.captured_queries)

    admin_client.get(reverse("kipp_objections:index"))
    add(2)
    few = queries()
    add(20)
    assert queries() == few


def test_resolving_an_objection(admin_client, objection, pdf_bytes, django_capture_on_commit_callbacks):
    edit = reverse("kipp_objections:edit", args=[objection.pk])
    page = admin_client.get(edit)
    assert page.status_code == 200
    html = page.content.decode()
    assert "belum berjalan di lapangan" in html and "warga@example.com" in html
    evidence = reverse("kipp_objections:evidence", args=[objection.pk])
    assert evidence in html and objection.evidence.name not in html

    download = admin_client.get(evidence)
    assert download.status_code == 200 and content_of(download) == pdf_bytes
    assert "Foto lapangan.pdf" in download["Content-Disposition"]
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"

    refused = admin_client.post(edit, {"status": "rejected", "resolution": "  "})
    assert refused.status_code == 200
    assert "Write the outcome" in refused.content.decode()
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RECEIVED and not objection.resolution
    wrong = admin_client.post(edit, {"status": "received", "resolution": "Ditolak."})
    assert wrong.status_code == 200 and wrong.context["form"].errors["status"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, {"status": "rejected", "resolution": "Inovasi terbukti berjalan."})
    assert response.status_code == 302 and response.url == reverse("kipp_objections:index")
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.REJECTED
    assert objection.resolution == "Inovasi terbukti berjalan." and objection.resolved_by
    assert ModelLogEntry.objects.filter(action="wagtail_kipp.objection.resolve").exists()
    assert [message.to for message in mail.outbox] == [["warga@example.com"]]


def test_evidence_download_404s(admin_client, objection):
    Objection.objects.filter(pk=objection.pk).update(evidence="")
    assert admin_client.get(reverse("kipp_objections:evidence", args=[objection.pk])).status_code == 404
    assert admin_client.get(reverse("kipp_objections:evidence", args=[999999])).status_code == 404
    Objection.objects.filter(pk=objection.pk).update(evidence="kipp/objections/hilang.pdf")
    assert admin_client.get(reverse("kipp_objections:evidence", args=[objection.pk])).status_code == 404
