"""A round's exports: the SINOVIK package, the table of entries and scores, the jobs and the Exports admin."""

import csv
import hashlib
import io
import json
import zipfile

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests.judged import publish, publish_final
from tests.users import in_english
from wagtail_kipp.exchange import round_exports, tasks
from wagtail_kipp.exchange.tasks import request_export, run_export
from wagtail_kipp.models import EntryAttachment, EntryStatus, ExportJob, ExportKind, JobStatus, StageResult
from wagtail_kipp.storage import get_private_storage

User = get_user_model()


def attach(entry, data, name="SK Inovator Tim.pdf", slot="sk_inovator"):
    return EntryAttachment.objects.create(
        entry=entry,
        slot=slot,
        file=ContentFile(data, "upload.pdf"),
        original_name=name,
        file_type="pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def desk_name(page) -> str:
    """The desk evaluation's name as the (English-speaking) secretariat reads it in the exports."""
    with translation.override("en"):
        return str(page.get_stage("desk_evaluation").display_name)


def make_job(competition, kind, selection, user=None, status=JobStatus.QUEUED, **fields):
    return ExportJob.objects.create(
        competition=competition, kind=kind, selection=selection, requested_by=user, status=status, **fields
    )


def run(job):
    """Run the job's task now (as a worker would) and return the job as stored."""
    run_export.call(job.pk)
    job.refresh_from_db()
    return job


def stored_bytes(job) -> bytes:
    with job.file.storage.open(job.file.name, "rb") as handle:
        return handle.read()


def read_zip(job) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(stored_bytes(job)))


def export_files() -> list[str]:
    """Every file kept under the exports' folder of the private storage."""
    storage = get_private_storage()
    found = []

    def walk(folder):
        if not storage.exists(folder):
            return
        folders, files = storage.listdir(folder)
        found.extend(f"{folder}/{name}" for name in files)
        for name in folders:
            walk(f"{folder}/{name}")

    walk("kipp/exports")
    return found


@pytest.fixture
def editor(db):
    """An admin user who is not the secretariat (Wagtail admin access only)."""
    group = Group.objects.get_or_create(name="Editor (uji ekspor)")[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = in_english(User.objects.create_user("editor-ekspor", "editor@example.com", "pw"))
    user.groups.add(group)
    return user


@pytest.fixture
def other_entry(make_competition, make_eligible_entry):
    """A submitted entry of another round."""
    return make_eligible_entry(make_competition(title="KIPP Kota Lain"), title="Inovasi Ronde Lain")


@pytest.fixture
def with_files(judged, pdf_bytes):
    """Each of the judged round's entries with its own attachment."""
    for position, entry in enumerate(judged.entries):
        attach(entry, pdf_bytes + f"% berkas {position}\n".encode(), name=f"SK Tim/{position} (final).pdf")
    return judged


# The SINOVIK package ---------------------------------------------------------------------------------------


def test_the_package_holds_exactly_the_chosen_entries_of_the_round(with_files, other_entry, secretariat):
    chosen, left_out = [with_files.entries[0], with_files.entries[2]], with_files.entries[1]
    attach(other_entry, b"%PDF-1.4 lain")
    job = make_job(
        with_files.page,
        ExportKind.SINOVIK_PACKAGE,
        {"entry_ids": [chosen[0].pk, chosen[1].pk, other_entry.pk]},
        secretariat,
    )
    job = run(job)
    assert job.status == JobStatus.DONE, job.error
    archive = read_zip(job)
    expected = {"entries.csv", "manifest.json"}
    for position, entry in zip((0, 2), chosen, strict=True):
        ref = entry.reference
        expected |= {
            f"{ref}/{ref}-sinovik.pdf",
            f"{ref}/{ref}-sinovik.json",
            f"{ref}/attachments/sk_inovator-{position}-final.pdf",
        }
    assert set(archive.namelist()) == expected
    names = "\n".join(archive.namelist())
    assert left_out.reference not in names and other_entry.reference not in names

    for position, entry in zip((0, 2), chosen, strict=True):
        ref = entry.reference
        assert archive.read(f"{ref}/{ref}-sinovik.pdf").startswith(b"%PDF")
        document = json.loads(archive.read(f"{ref}/{ref}-sinovik.json"))
        assert document["reference"] == ref and document["header"]["title"] == entry.title
        stored = EntryAttachment.objects.get(entry=entry)
        streamed = archive.read(f"{ref}/attachments/sk_inovator-{position}-final.pdf")
        assert hashlib.sha256(streamed).hexdigest() == stored.sha256 and len(streamed) == stored.size

    summary = list(csv.reader(io.StringIO(archive.read("entries.csv").decode())))
    assert summary[0][:3] == ["Reference", "Title", "Organisation"]
    assert [row[0] for row in summary[1:]] == [entry.reference for entry in chosen]


def test_the_manifest_gives_every_member_its_size_and_sha256(with_files, secretariat):
    job = run(make_job(with_files.page, ExportKind.SINOVIK_PACKAGE, {"entries": "all"}, secretariat))
    archive = read_zip(job)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["schema"] == "kipp-round-package" and manifest["version"] == "1.0"
    assert manifest["round"]["title"] == with_files.page.title
    assert manifest["round"]["year"] == with_files.page.year
    assert manifest["entry_count"] == 3 and manifest["missing"] == []
    assert manifest["generated_at"] and "portal" in manifest
    members = set(archive.namelist()) - {"manifest.json"}
    assert {row["path"] for row in manifest["files"]} == members
    for row in manifest["files"]:
        data = archive.read(row["path"])
        assert row["size"] == len(data)
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
    # The job keeps the file's own size and digest, for the download page and for checking it later.
    data = stored_bytes(job)
    assert job.size == len(data) and job.sha256 == hashlib.sha256(data).hexdigest()
    assert job.done == job.total == 3


def test_the_winners_are_the_entries_the_final_stage_advanced(with_files, secretariat):
    publish(with_files)
    publish_final(with_files)
    job = run(make_job(with_files.page, ExportKind.SINOVIK_PACKAGE, {"entries": "winners"}, secretariat))
    manifest = json.loads(read_zip(job).read("manifest.json"))
    folders = {row["path"].split("/")[0] for row in manifest["files"] if "/" in row["path"]}
    assert folders == {with_files.entries[0].reference, with_files.entries[1].reference}
    assert manifest["entry_count"] == 2


def test_a_file_missing_from_storage_is_listed_as_missing_and_the_package_is_still_made(
    with_files, secretariat
):
    entry = with_files.entries[1]
    attachment = EntryAttachment.objects.get(entry=entry)
    attachment.file.storage.delete(attachment.file.name)
    job = run(make_job(with_files.page, ExportKind.SINOVIK_PACKAGE, {"entries": "all"}, secretariat))
    assert job.status == JobStatus.DONE
    archive = read_zip(job)
    manifest = json.loads(archive.read("manifest.json"))
    [missing] = manifest["missing"]
    assert missing["reference"] == entry.reference and missing["slot"] == "sk_inovator"
    assert missing["sha256"] == attachment.sha256
    assert missing["path"] not in archive.namelist()
    assert missing["path"] in job.error  # the note shown next to the finished export
    summary = list(csv.reader(io.StringIO(archive.read("entries.csv").decode())))
    row = next(row for row in summary if row[0] == entry.reference)
    assert row[6:8] == ["0", "1"]  # attachments packed, missing


def test_unsafe_references_and_names_stay_inside_their_folder(make_entry):
    entries = [make_entry(reference="KIPP/2026 001"), make_entry(reference="KIPP-2026-001"), make_entry()]
    assert list(round_exports.entry_folders(entries).values()) == [
        "KIPP-2026-001",
        f"KIPP-2026-001-{entries[1].pk}",
        f"entry-{entries[2].pk}",
    ]
    assert round_exports.safe_name("../../etc/passwd") == "passwd"
    assert round_exports.safe_name("Surat Keterangan (final).pdf") == "Surat-Keterangan-final.pdf"
    assert round_exports.safe_name("...", fallback="file") == "file"
    long = round_exports.safe_name("a" * 300 + ".pdf")
    assert len(long) == round_exports.NAME_LENGTH and long.endswith(".pdf")


# Entries, scores and results ---------------------------------------------------------------------------


def test_the_csv_holds_one_row_per_entry_with_its_real_status_and_stage_results(judged, secretariat):
    judged.entries[2].status = EntryStatus.INELIGIBLE  # the check's outcome, never shown to the entrant
    judged.entries[2].save()
    publish(judged)
    job = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))
    assert job.status == JobStatus.DONE and job.done == job.total == 3
    rows = list(csv.reader(io.StringIO(stored_bytes(job).decode())))
    headings, body = rows[0], rows[1:]
    assert headings[:5] == ["Reference", "Organisation", "Group", "Title", "Status"]
    desk = desk_name(judged.page)
    column = {name: headings.index(f"{desk}: {name}") for name in ("score", "rank", "decision", "published")}
    by_reference = {row[0]: row for row in body}
    assert set(by_reference) == {entry.reference for entry in judged.entries}
    first, last = by_reference[judged.entries[0].reference], by_reference[judged.entries[2].reference]
    assert first[3] == judged.entries[0].title
    assert first[4] == "passed the administrative check"
    assert last[4] == "did not pass the administrative check"
    for entry, row in ((judged.entries[0], first), (judged.entries[2], last)):
        result = StageResult.objects.get(entry=entry, stage_kind="desk_evaluation")
        with translation.override("en"):
            decision = str(result.get_decision_display())
        expected = [f"{result.score:.2f}", str(result.rank), decision]
        assert [row[column["score"]], row[column["rank"]], row[column["decision"]]] == expected
    assert first[column["rank"]] == "1" and last[column["rank"]] == "3"
    assert float(first[column["score"]]) > float(last[column["score"]])
    assert first[column["published"]] == "yes"


def test_unpublished_results_are_in_the_secretariats_table_marked_as_unpublished(judged, secretariat):
    job = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))
    rows = list(csv.reader(io.StringIO(stored_bytes(job).decode())))
    desk = desk_name(judged.page)
    published = rows[0].index(f"{desk}: published")
    assert {row[published] for row in rows[1:]} == {"no"}
    assert rows[0].index(f"{desk}: score") > 0


def test_the_xlsx_adds_every_jurors_scores_of_the_chosen_entries(judged, secretariat):
    chosen = judged.entries[0]
    job = run(make_job(judged.page, ExportKind.ENTRIES_XLSX, {"entry_ids": [chosen.pk]}, secretariat))
    assert job.status == JobStatus.DONE, job.error
    workbook = openpyxl.load_workbook(io.BytesIO(stored_bytes(job)))
    entries, scores = workbook.worksheets[0], workbook.worksheets[1]
    rows = list(entries.values)
    assert len(rows) == 2 and rows[1][0] == chosen.reference
    desk = desk_name(judged.page)
    result = StageResult.objects.get(entry=chosen, stage_kind="desk_evaluation")
    assert rows[1][rows[0].index(f"{desk}: score")] == float(result.score)  # a number, not text
    score_rows = list(scores.values)
    assert score_rows[0][:2] == ("Juror", "Reference")
    assert {row[1] for row in score_rows[1:]} == {chosen.reference}
    assert {row[0] for row in score_rows[1:]} == {member.name for member in judged.jurors}
    assert 9 in {row[4] for row in score_rows[1:]}


# Jobs --------------------------------------------------------------------------------------------------


def test_requesting_an_export_queues_it_on_commit_and_logs_it(
    judged, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = request_export(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat)
        assert ExportJob.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file and job.finished_at and job.started_at
    actions = list(ModelLogEntry.objects.for_instance(job).values_list("action", flat=True))
    assert set(actions) == {"wagtail_kipp.export.request", "wagtail_kipp.export.complete"}


def test_a_job_already_done_or_running_is_not_run_again(judged, secretariat):
    job = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))
    name, digest = job.file.name, job.sha256
    assert run_export.call(job.pk) == "skipped"
    job.refresh_from_db()
    assert (job.file.name, job.sha256, job.status) == (name, digest, JobStatus.DONE)
    running = make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, status=JobStatus.RUNNING)
    assert run_export.call(running.pk) == "skipped"
    running.refresh_from_db()
    assert running.status == JobStatus.RUNNING and not running.file


def test_a_failing_build_marks_the_job_failed_with_its_error_and_leaves_no_file(
    judged, secretariat, monkeypatch
):
    def half_written(job, target):
        target.write(b"partial,content\n")
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(tasks.EXPORTERS, ExportKind.ENTRIES_CSV, tasks.Exporter(half_written, "csv"))
    before = export_files()
    job = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))
    assert job.status == JobStatus.FAILED and job.finished_at
    assert "disk on fire" in job.error
    assert not job.file and job.size is None and not job.sha256
    assert export_files() == before
    assert ModelLogEntry.objects.for_instance(job).filter(action="wagtail_kipp.export.fail").exists()


def test_a_failure_after_the_file_was_stored_removes_it(judged, secretariat, monkeypatch):
    def broken_notes(report):
        raise ValueError("report unreadable")

    monkeypatch.setattr(tasks, "notes", broken_notes)
    before = export_files()
    job = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))
    assert job.status == JobStatus.FAILED and "report unreadable" in job.error
    assert not job.file and export_files() == before


def test_a_bad_selection_or_a_kind_without_exporter_fails_with_a_clear_message(
    judged, secretariat, monkeypatch
):
    bad = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "losers"}, secretariat))
    assert bad.status == JobStatus.FAILED and "Unknown selection" in bad.error
    ids = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entry_ids": ["1; DROP"]}, secretariat))
    assert ids.status == JobStatus.FAILED and "not a list of entry numbers" in ids.error
    monkeypatch.delitem(tasks.EXPORTERS, ExportKind.BUNDLE)
    bundle = run(make_job(judged.page, ExportKind.BUNDLE, {"entries": "all"}, secretariat))
    assert bundle.status == JobStatus.FAILED and "cannot make exports" in bundle.error


def test_progress_is_saved_as_entries_are_done_and_reaches_the_total(judged, secretariat, monkeypatch):
    seen = []
    original = round_exports.Progress.save

    def recording_save(progress):
        original(progress)
        stored = ExportJob.objects.get(pk=progress.job.pk)
        seen.append((stored.done, stored.total))

    monkeypatch.setattr(round_exports, "PROGRESS_SECONDS", 0)
    monkeypatch.setattr(round_exports.Progress, "save", recording_save)
    job = run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert job.progress_percent == 100


# The admin: download, progress, listing --------------------------------------------------------------------


@pytest.fixture
def done_job(judged, secretariat):
    return run(make_job(judged.page, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat))


def download_url(job):
    return reverse("kipp_exports:download", args=[job.pk])


def test_download_permission_matrix(client, done_job, editor, secretariat, make_operator, judged):
    url = download_url(done_job)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    client.force_login(make_operator(judged.organisations[0]))  # an entrant: no admin at all
    denied = client.get(url)
    assert denied.status_code == 302 and "login" in denied["Location"]

    client.force_login(editor)  # in the admin, but not the secretariat: Wagtail's permission denied
    denied = client.get(url)
    assert denied.status_code == 302 and denied["Location"] == reverse("wagtailadmin_home")
    assert not denied.content

    client.force_login(secretariat)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == stored_bytes(done_job)
    assert response["Content-Disposition"].startswith("attachment;")
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert done_job.file.name.rsplit("/", 1)[-1] in response["Content-Disposition"]


def test_a_job_that_is_not_done_has_nothing_to_download(admin_client, judged, secretariat):
    for status in (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED):
        job = make_job(
            judged.page, ExportKind.SINOVIK_PACKAGE, {"entries": "all"}, secretariat, status=status
        )
        assert admin_client.get(download_url(job)).status_code == 404
    assert admin_client.get(reverse("kipp_exports:download", args=[999999])).status_code == 404


def test_any_kind_of_finished_export_is_served(admin_client, judged, secretariat):
    job = make_job(judged.page, ExportKind.BUNDLE, {"entries": "winners"}, secretariat, status=JobStatus.DONE)
    job.file.save("bundle.zip", ContentFile(b"PK bundle"), save=True)
    response = admin_client.get(download_url(job))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK bundle"


def test_the_progress_endpoint_answers_json(admin_client, client, judged, secretariat, editor):
    job = make_job(judged.page, ExportKind.SINOVIK_PACKAGE, {"entries": "all"}, secretariat)
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=3, total=10)
    url = reverse("kipp_exports:progress", args=[job.pk])
    response = admin_client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response.json() == {"status": "running", "done": 3, "total": 10, "percent": 30}
    client.force_login(editor)
    refused = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert refused.status_code == 403 and b"running" not in refused.content


def test_the_listing_shows_progress_and_downloads_and_follows_running_jobs(
    admin_client, done_job, judged, secretariat
):
    running = make_job(judged.page, ExportKind.SINOVIK_PACKAGE, {"entries": "winners"}, secretariat)
    ExportJob.objects.filter(pk=running.pk).update(status=JobStatus.RUNNING, done=1, total=4)
    failed = make_job(
        judged.page, ExportKind.ENTRIES_XLSX, {"entry_ids": [1, 2]}, secretariat, status=JobStatus.FAILED
    )
    ExportJob.objects.filter(pk=failed.pk).update(error="The export could not be made (boom).")
    response = admin_client.get(reverse("kipp_exports:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<progress max="4" value="1">25%</progress>' in html
    assert reverse("kipp_exports:progress", args=[running.pk]) in html
    assert download_url(done_job) in html and download_url(running) not in html
    assert done_job.sha256 in html  # to compare with the downloaded file
    assert "The export could not be made (boom)." in html
    assert "2 chosen entries" in html and "the winners" in html
    assert '<meta http-equiv="refresh"' in html and "export-progress.js" in html

    ExportJob.objects.exclude(pk=done_job.pk).delete()
    calm = admin_client.get(reverse("kipp_exports:index")).content.decode()
    assert '<meta http-equiv="refresh"' not in calm


def test_the_listing_filters_by_round(admin_client, done_job, other_entry, secretariat):
    other = make_job(other_entry.competition, ExportKind.ENTRIES_CSV, {"entries": "all"}, secretariat)
    response = admin_client.get(reverse("kipp_exports:index"), {"competition": other_entry.competition.pk})
    assert [job.pk for job in response.context["object_list"]] == [other.pk]


def test_the_listing_takes_a_constant_number_of_queries(
    admin_client, judged, secretariat, make_secretariat, django_assert_max_num_queries
):
    def add_jobs(count):
        for position in range(count):
            make_job(
                judged.page,
                ExportKind.ENTRIES_CSV,
                {"entries": "all"},
                make_secretariat(),
                status=(JobStatus.DONE, JobStatus.RUNNING, JobStatus.FAILED)[position % 3],
            )

    listing = reverse("kipp_exports:index")
    add_jobs(2)
    admin_client.get(listing)  # the session and the permission caches
    with CaptureQueriesContext(connection) as few:
        admin_client.get(listing)
    add_jobs(20)
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(listing)
    assert len(response.context["object_list"]) == 22


def test_the_listing_and_form_are_the_secretariats(client, editor):
    client.force_login(editor)
    for name in ("index", "add"):
        response = client.get(reverse(f"kipp_exports:{name}"))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# The admin: the new-export form ------------------------------------------------------------------------


def add_url(**params):
    url = reverse("kipp_exports:add")
    return url + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def test_the_results_of_a_round_link_to_the_prefilled_form(admin_client, judged):
    page = admin_client.get(reverse("kipp_results:round", args=[judged.page.pk])).content.decode()
    link = add_url(competition=judged.page.pk, kind="sinovik_package", entries="winners")
    assert link.replace("&", "&amp;") in page and "Export for SINOVIK (ZIP)" in page
    form = admin_client.get(link).context["form"]
    assert form.initial["competition"] == judged.page.pk
    assert form["kind"].value() == "sinovik_package" and form["entries"].value() == "winners"
    # Only the round's submitted entries are offered.
    offered = {value for value, _label in form.fields["chosen"].widget.choices}
    assert offered == {entry.pk for entry in judged.entries}


def test_requesting_chosen_entries_through_the_form(
    admin_client, judged, secretariat, django_capture_on_commit_callbacks
):
    chosen = judged.entries[:2]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            add_url(),
            {
                "competition": judged.page.pk,
                "kind": "sinovik_package",
                "entries": "chosen",
                "chosen": [entry.pk for entry in chosen],
                "national_form": "2021",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("kipp_exports:index") + f"?competition={judged.page.pk}"
    job = ExportJob.objects.get()
    assert job.selection == {"entry_ids": sorted(entry.pk for entry in chosen), "form": "2021"}
    assert job.requested_by == secretariat and job.status == JobStatus.DONE, job.error
    document = json.loads(read_zip(job).read(f"{chosen[0].reference}/{chosen[0].reference}-sinovik.json"))
    assert document["national_form"]["edition"] == "2021"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"kind": "entries_csv", "entries": "all"}, "competition", "This field is required."),
        ({"kind": "entries_csv", "entries": "chosen"}, "chosen", "Choose at least one entry."),
        ({"kind": "entries_csv", "entries": "winners"}, "entries", "has no winners yet"),
        ({"kind": "nonsense", "entries": "all"}, "kind", "Select a valid choice"),
        ({"kind": "entries_csv", "entries": "everything"}, "entries", "Select a valid choice"),
        ({"kind": "entries_csv", "entries": "chosen", "chosen": ["abc"]}, "chosen", "valid value"),
    ],
)
def test_form_errors_are_shown_on_the_form(admin_client, judged, data, field, message):
    if field != "competition":
        data = {"competition": judged.page.pk, **data}
    response = admin_client.post(add_url(), data)
    assert response.status_code == 200
    with translation.override("en"):
        errors = {
            name: " ".join(map(str, messages)) for name, messages in response.context["form"].errors.items()
        }
    assert field in errors and message in errors[field]
    assert message.split("“")[0] in response.content.decode()
    assert not ExportJob.objects.exists()


def test_an_entry_of_another_round_is_refused_by_name(admin_client, judged, other_entry):
    response = admin_client.post(
        add_url(),
        {
            "competition": judged.page.pk,
            "kind": "entries_csv",
            "entries": "chosen",
            "chosen": [judged.entries[0].pk, other_entry.pk],
        },
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["chosen"]
    assert other_entry.reference in error and judged.page.title in error
    assert "is not an entry of" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_without_a_round_the_form_offers_every_rounds_entries_grouped(admin_client, judged, other_entry):
    form = admin_client.get(add_url()).context["form"]
    groups = dict(form.fields["chosen"].widget.choices)
    assert set(groups) == {judged.page.title, other_entry.competition.title}
    assert {value for value, _label in groups[other_entry.competition.title]} == {other_entry.pk}
