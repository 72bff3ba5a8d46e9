"""The entrant portal in Chromium: two writing sessions, autosave, upload, submit, a stale tab, phones."""

import contextlib
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail_kipp.judging.rules import count_words
from wagtail_kipp.models import Entry, EntryConflict, EntryStatus, SustainableDevelopmentGoal

from .conftest import PHONE

try:
    from playwright.sync_api import expect
except ImportError:  # the conftest skips (or fails) the tests with the reason
    expect = None

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# 20 words: exactly the limit of the "ringkasan" section of the test template.
TWENTY_WORDS = (
    "Layanan antar jemput dokumen kependudukan bagi warga lansia dan penyandang disabilitas "
    "langsung ke rumah tanpa biaya tambahan setiap hari kerja"
)
SUMMARY = "Petugas kelurahan mengantar KTP dan KK ke rumah warga yang sulit datang ke kantor."
NOVELTY = "Jadwal antar disusun otomatis dari data permohonan, sehingga petugas tidak bolak-balik."


assert count_words(TWENTY_WORDS) == 20 and count_words(SUMMARY) < 20


@pytest.fixture(autouse=True)
def fast_autosave(settings):
    settings.WAGTAIL_KIPP_AUTOSAVE_SECONDS = 1


def t(message: str) -> str:
    """``message`` as the portal shows it in Indonesian (the English text while it is not translated yet)."""
    with translation.override("id"):
        return translation.gettext(message)


def portal_url(name: str, *args) -> str:
    return reverse(f"wagtail_kipp_portal:{name}", args=args)


def log_in(page, user, password="pw"):  # noqa: S107 - the fixtures' test password
    """Open the dashboard, get sent to the login page, log in and land on the dashboard."""
    dashboard = portal_url("dashboard")
    page.goto(dashboard)
    expect(page).to_have_url(re.compile(re.escape(portal_url("login"))))
    form = page.locator("form").filter(has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.get_username())
    form.locator('input[name="password"]').fill(password)
    form.get_by_role("button", name=t("Log in"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(dashboard) + r"$"))


def log_in_with_cookie(context, user, live_server):
    """Give ``context`` a logged-in session without the login page (it has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@contextlib.contextmanager
def autosave_of(page, text: str):
    """Wait for the autosave request that carries ``text``, sent by the script after the edit in the block."""
    with page.expect_response(
        lambda response: (
            "/autosave/" in response.url
            and response.request.method == "POST"
            and text in (response.request.post_data or "")
        )
    ) as response_info:
        yield response_info


def expect_saved(page):
    """The status line says the draft was saved (the form's own "saved at" text and a time)."""
    saved = page.locator("#kipp-entry-form").get_attribute("data-msg-saved")
    status = page.locator("#kipp-autosave-status")
    expect(status).to_have_text(re.compile(rf"^\s*{re.escape(saved)} \d{{1,2}}[:.]\d\d\s*$"))
    expect(status).not_to_have_class(re.compile(r"kipp-autosave-status--error"))


def horizontal_overflow(page) -> str:
    """Empty when the page fits the screen's width; else what is too wide."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) return "";
            const wide = [...document.querySelectorAll("body *")]
                .filter((node) => node.getBoundingClientRect().right > width + 1)
                .map((node) => node.tagName.toLowerCase() + (node.className ? "." + node.className : ""));
            const total = document.documentElement.scrollWidth;
            return `${total}px wide on a ${width}px screen: ${wide.slice(0, 5).join(", ")}`;
        }"""
    )


def test_operator_writes_over_two_sessions_uploads_and_submits(
    new_context, competition, make_organisation, make_operator, pdf_bytes, screenshot
):
    organisation = make_organisation("Dinas Kependudukan dan Pencatatan Sipil")
    operator = make_operator(organisation)
    group = competition.entry_groups.get()

    # First session: log in, start a proposal in the open round.
    context = new_context()
    page = context.new_page()
    log_in(page, operator)
    expect(page.get_by_role("heading", name=t("My proposals"), level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=competition.title)).to_be_visible()
    screenshot(page, "dashboard")
    page.get_by_text(t("Start a new proposal")).click()
    page.get_by_label(t("Working title of the innovation")).fill("Antar Dokumen Kependudukan")
    page.get_by_label(t("Group"), exact=True).select_option(str(group.pk))
    page.get_by_role("button", name=t("Start"), exact=True).click()
    entry = Entry.objects.get(organisation=organisation)
    expect(page).to_have_url(re.compile(re.escape(portal_url("entry_edit", entry.uuid)) + r"$"))
    form = page.locator("#kipp-entry-form")

    # Header fields.
    page.get_by_label(t("Innovation title"), exact=True).fill("Antar Dokumen Kependudukan ke Rumah")
    page.get_by_label(t("Date the innovation started")).fill("2020-03-01")
    page.get_by_label(t("Stage of the innovation")).select_option("penerapan")
    digital = page.get_by_role("group", name=t("Is it a digital innovation?"))
    digital.get_by_label(t("Yes"), exact=True).check()
    sdg = SustainableDevelopmentGoal.objects.get(number=16)
    form.locator(f'input[name="sdgs"][value="{sdg.pk}"]').check()
    page.get_by_label(t("Innovator or team")).fill("Tim Jemput Bola Disdukcapil")
    page.get_by_label(t("E-mail"), exact=True).fill("disdukcapil@example.go.id")

    # The word count follows the typing and turns "over the limit" past 20 words.
    summary = page.get_by_label("Ringkasan", exact=True)
    counter = page.locator('[data-kipp-counter-for="id_answer_ringkasan"]')
    over = form.get_attribute("data-msg-over")
    summary.fill(TWENTY_WORDS)
    expect(counter).to_have_text(re.compile(r"^\s*20\D"))
    expect(counter).not_to_have_class(re.compile(r"kipp-words--over"))
    summary.press("End")
    summary.press_sequentially(" lagi")
    expect(counter).to_have_text(re.compile(r"^\s*21\D"))
    expect(counter).to_contain_text(over)
    expect(counter).to_have_class(re.compile(r"kipp-words--over"))
    screenshot(page, "word-limit")
    with autosave_of(page, SUMMARY) as saved:
        summary.fill(SUMMARY)
        expect(counter).not_to_contain_text(over)
        expect(counter).not_to_have_class(re.compile(r"kipp-words--over"))
    assert saved.value.status == 200
    expect_saved(page)
    screenshot(page, "autosaved")

    entry.refresh_from_db()
    assert entry.answers["ringkasan"] == SUMMARY
    assert entry.title == "Antar Dokumen Kependudukan ke Rumah"
    assert entry.innovator_name == "Tim Jemput Bola Disdukcapil"

    page.reload()
    expect(page.get_by_label("Ringkasan", exact=True)).to_have_value(SUMMARY)
    expect(page.get_by_label(t("Date the innovation started"))).to_have_value("2020-03-01")
    context.close()

    # Second session, another day: log in again and carry on.
    page = new_context().new_page()
    log_in(page, operator)
    page.get_by_role("link", name="Antar Dokumen Kependudukan ke Rumah").click()
    expect(page).to_have_url(re.compile(re.escape(portal_url("entry_edit", entry.uuid)) + r"$"))
    expect(page.get_by_label("Ringkasan", exact=True)).to_have_value(SUMMARY)
    with autosave_of(page, NOVELTY) as saved:
        page.get_by_label("Kebaruan", exact=True).fill(NOVELTY)
    assert saved.value.status == 200
    expect_saved(page)

    # The required PDF, into its slot (sent by the upload script, with its progress and status line).
    slot = page.locator("#field-file_sk_inovator")
    expect(slot.get_by_role("heading", name="SK Inovator")).to_be_visible()
    slot.locator('input[type="file"]').set_input_files(
        files=[{"name": "sk-inovator.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes}]
    )
    slot.get_by_role("button", name=t("Upload"), exact=True).click()
    expect(slot.locator("[data-kipp-slot-link]")).to_have_text("sk-inovator.pdf")
    expect(slot.locator("[data-kipp-slot-status]")).not_to_have_class(re.compile(r"kipp-error"))
    assert entry.attachments.filter(slot="sk_inovator").exists()
    page.reload()
    expect(page.locator("#field-file_sk_inovator [data-kipp-slot-link]")).to_have_text("sk-inovator.pdf")
    screenshot(page, "uploaded")

    # Check and submit: the receipt shows the reference number.
    page.get_by_role("link", name=t("Check and submit")).click()
    expect(page).to_have_url(re.compile(re.escape(portal_url("entry_submit", entry.uuid)) + r"$"))
    expect(page.locator(".kipp-problems")).to_have_count(0)
    page.get_by_role("button", name=t("Submit now"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(portal_url("entry_receipt", entry.uuid)) + r"$"))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.reference
    expect(page.locator(".kipp-receipt__reference")).to_contain_text(entry.reference)
    expect(page.get_by_role("heading", name=t("Receipt"), level=1)).to_be_visible()
    screenshot(page, "receipt")


def test_stale_tab_is_refused_and_both_texts_are_kept(
    new_context, live_server, make_entry, make_organisation, make_operator, screenshot
):
    organisation = make_organisation()
    ani, budi = make_operator(organisation, "ani"), make_operator(organisation, "budi")
    entry = make_entry(organisation=organisation)
    edit_url = portal_url("entry_edit", entry.uuid)
    pages = {}
    for user in (ani, budi):
        context = new_context()
        log_in_with_cookie(context, user, live_server)
        pages[user.username] = context.new_page()
        pages[user.username].goto(edit_url)
        expect(pages[user.username].get_by_label("Ringkasan", exact=True)).to_be_visible()
    ani_page, budi_page = pages["ani"], pages["budi"]
    ani_text = "Versi Ani: petugas mengantar dokumen ke rumah warga lansia."
    budi_text = "Versi Budi: warga memesan antaran dokumen lewat WhatsApp kelurahan."

    with autosave_of(ani_page, ani_text) as saved:
        ani_page.get_by_label("Ringkasan", exact=True).fill(ani_text)
    assert saved.value.status == 200
    expect_saved(ani_page)

    # Budi's tab still holds the version both pages were opened with.
    with autosave_of(budi_page, budi_text) as refused:
        budi_page.get_by_label("Ringkasan", exact=True).fill(budi_text)
    assert refused.value.status == 409
    conflict_message = budi_page.locator("#kipp-entry-form").get_attribute("data-msg-conflict")
    status = budi_page.locator("#kipp-autosave-status")
    expect(status).to_have_text(conflict_message)
    expect(status).to_have_class(re.compile(r"kipp-autosave-status--error"))
    screenshot(budi_page, "refused")

    budi_page.reload()
    # Text the browser still keeps for the entry is sent again on load (then the page reloads): let it settle.
    budi_page.wait_for_function(
        "key => window.localStorage.getItem(key) === null", arg=f"kipp-draft-{entry.uuid}"
    )
    budi_page.wait_for_load_state("networkidle")
    expect(budi_page.locator(".kipp-conflict").first).to_be_visible()
    kept_text = budi_page.locator('.kipp-conflict textarea[id$="-answer_ringkasan"]')
    expect(kept_text.first).to_have_value(budi_text)
    expect(budi_page.get_by_label("Ringkasan", exact=True)).to_have_value(ani_text)
    screenshot(budi_page, "conflict-kept")

    entry.refresh_from_db()
    assert entry.answers["ringkasan"] == ani_text
    kept = EntryConflict.objects.filter(entry=entry, user=budi, resolved_at__isnull=True)
    assert kept.exists()
    assert {conflict.data.get("answer_ringkasan") for conflict in kept} == {budi_text}
    assert not EntryConflict.objects.filter(entry=entry, user=ani).exists()


def test_phone_screens_have_no_horizontal_scrolling(
    new_context, competition, make_entry, make_organisation, make_operator, screenshot
):
    organisation = make_organisation("Kecamatan Contoh dengan Nama yang Cukup Panjang untuk Layar Ponsel")
    operator = make_operator(organisation)
    title = "Inovasi dengan judul yang panjang sekali untuk layar ponsel"
    entry = make_entry(organisation=organisation, title=title)
    page = new_context(viewport=PHONE).new_page()

    overflow = {}
    page.goto(portal_url("login"))
    overflow["login"] = horizontal_overflow(page)
    screenshot(page, "login")
    log_in(page, operator)
    expect(page.get_by_role("heading", name=t("My proposals"), level=1)).to_be_visible()
    overflow["dashboard"] = horizontal_overflow(page)
    screenshot(page, "dashboard")

    page.get_by_role("link", name=entry.title).click()
    expect(page.get_by_label("Ringkasan", exact=True)).to_be_visible()
    overflow["proposal form"] = horizontal_overflow(page)
    screenshot(page, "form")
    too_wide = {screen: text for screen, text in overflow.items() if text}
    assert not too_wide, f"a phone would scroll sideways: {too_wide}"
