"""The jury in Chromium: a juror scores around a conflict, the secretariat publishes, the entrant sees."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from wagtail_kipp.judging import panel
from wagtail_kipp.models import (
    Assignment,
    ConflictOfInterest,
    Decision,
    ReviewStatus,
    StageResult,
)

try:
    from playwright.sync_api import expect
except ImportError:  # the conftest skips (or fails) the tests with the reason
    expect = None

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESK = "desk_evaluation"


def t(message: str) -> str:
    """``message`` as the site shows it in Indonesian (the English text while it is not translated yet)."""
    with translation.override("id"):
        return translation.gettext(message)


def log_in(page, user, password="pw"):  # noqa: S107 - the fixtures' test password
    page.goto(reverse("wagtail_kipp_portal:login"))
    form = page.locator("form").filter(has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.get_username())
    form.locator('input[name="password"]').fill(password)
    form.get_by_role("button", name=t("Log in"), exact=True).click()


def test_a_juror_scores_the_secretariat_publishes_and_the_entrant_sees_the_outcome(
    new_context,
    jury_round,
    make_juror,
    make_eligible_entry,
    make_organisation,
    make_operator,
    make_secretariat,
    screenshot,
):
    entries = [
        make_eligible_entry(jury_round, organisation=make_organisation(name=name), title=title)
        for name, title in (
            ("Dinas Kependudukan Kota Uji", "Layanan Adminduk Keliling"),
            ("Puskesmas Sukamaju", "Posyandu Digital"),
            ("Kecamatan Sukamaju Utara", "Sabtu Melayani"),
        )
    ]
    operator = make_operator(entries[0].organisation)
    secretariat = make_secretariat()
    juror = make_juror(jury_round, name="Dr. Ani Penilai", username="ani", pledge=False)
    for entry in entries:
        panel.assign(secretariat, juror, entry, DESK)
    jury_round.stages.filter(kind=DESK).update(advancing=1)

    # The juror logs in (and lands on the jury portal), accepts the pledge and declares a conflict.
    page = new_context().new_page()
    log_in(page, juror.user)
    expect(page).to_have_url(re.compile(re.escape(reverse("wagtail_kipp_jury:dashboard")) + r"$"))
    page.get_by_role("link", name=t("Read the integrity pledge")).click()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=t("Accept the pledge")).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("wagtail_kipp_jury:dashboard"))))
    page.locator("tr", has_text="Sabtu Melayani").get_by_role(
        "link", name=t("Declare a conflict of interest")
    ).click()
    page.locator('textarea[name="reason"]').fill("Saya pernah menjadi pendamping inovasi ini di kecamatan.")
    page.get_by_role("button", name=t("Declare the conflict")).click()
    expect(page.locator("tr", has_text="Sabtu Melayani")).to_have_count(0)
    assert ConflictOfInterest.objects.filter(panel_member=juror, entry=entries[2]).exists()

    # It scores the two other entries and submits each.
    for title, value in (("Layanan Adminduk Keliling", "9"), ("Posyandu Digital", "6")):
        page.goto(reverse("wagtail_kipp_jury:dashboard"))
        page.get_by_role("link", name=title).first.click()
        for field in page.locator('input[name^="value_"]').all():
            field.fill(value)
        page.locator('textarea[name="overall_comment"]').fill(f"Catatan juri untuk {title}.")
        page.locator('select[name="recommendation"]').select_option("advance")
        page.get_by_role("button", name=t("Submit"), exact=True).click()
        expect(page.locator("body")).to_contain_text(t("submitted"))
    screenshot(page, "juror-review-submitted")
    assert Assignment.objects.filter(panel_member=juror, status=ReviewStatus.SUBMITTED).count() == 2

    # The secretariat computes the ranking, accepts its suggestions and publishes, in the admin.
    admin = new_context().new_page()
    admin.goto(reverse("wagtailadmin_login"))
    admin.locator('input[name="username"]').fill(secretariat.get_username())
    admin.locator('input[name="password"]').fill("pw")
    admin.locator('button[type="submit"]').click()
    ranking = reverse("kipp_results:ranking", args=[jury_round.pk, DESK])
    admin.goto(ranking)
    admin.get_by_role("link", name=t("Compute results")).first.click()
    submit_confirmation(admin)
    expect(admin.locator("body")).to_contain_text("Layanan Adminduk Keliling")
    admin.goto(reverse("kipp_results:accept", args=[jury_round.pk, DESK]))
    submit_confirmation(admin)
    admin.goto(reverse("kipp_results:publish", args=[jury_round.pk, DESK]))
    submit_confirmation(admin)
    screenshot(admin, "secretariat-published")
    result = StageResult.objects.get(entry=entries[0], stage_kind=DESK)
    assert result.published_at is not None and result.decision == Decision.ADVANCE
    assert StageResult.objects.get(entry=entries[1], stage_kind=DESK).decision == Decision.ELIMINATE

    # The entrant sees the published outcome, without the juror's name.
    entrant = new_context().new_page()
    log_in(entrant, operator)
    entrant.goto(reverse("wagtail_kipp_portal:entry_status", args=[entries[0].uuid]))
    results = entrant.locator("#kipp-entry-results").locator("xpath=..")
    expect(results).to_contain_text(t("advances"))
    expect(entrant.locator("body")).not_to_contain_text("Ani Penilai")
    screenshot(entrant, "entrant-outcome")


def submit_confirmation(page):
    """Confirm an admin action: its page has one form whose submit button carries the action."""
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    page.wait_for_load_state()
