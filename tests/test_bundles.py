"""
Winner bundles upward: the city exports its published winners, the province imports them into its own round,
and every field, answer, file, award and published score arrives; importing again changes nothing.

Both portals live in the one test database as two Wagtail sites (see ``tests/bundle_sites.py``).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from tests.bundle_sites import PDF, build_bundle, counts, make_province, private_files, sample_data
from tests.judged import JUROR_NAMES, publish, publish_final
from tests.users import in_english
from wagtail_kipp.exchange import bundle_export
from wagtail_kipp.exchange.bundle_import import BundleImporter
from wagtail_kipp.exchange.bundles import (
    BundleError,
    ExportRefused,
    ImportReport,
    export_bundle,
    import_bundle,
    read_bundle,
    winners,
)
from wagtail_kipp.models import (
    Award,
    CompetitionPage,
    Entry,
    EntryAttachment,
    EntryGroup,
    EntryStatus,
    ExportJob,
    ImportedBundle,
    InnovationSource,
    KippSettings,
    Organisation,
    OrganisationSource,
    StageResult,
)

OLD_AWARD = {"year": 2022, "competition": "KIPP Kota Uji 2022", "level": "lokal", "tier": "juara_2"}
PHONE = "0812-3456-7890"


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def attach(entry: Entry, slot: str, content: bytes, name: str) -> EntryAttachment:
    attachment = EntryAttachment(
        entry=entry,
        slot=slot,
        original_name=name,
        file_type="pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save("sk.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def city_setup(judged, make_theme, *, publish_scores=True):
    """The judged round as the city's: its site and settings, themes, files, phone numbers; not published."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = "kota.test"
    site.save()
    KippSettings.objects.update_or_create(site=site, defaults={"government_name": "Pemerintah Kota Uji"})
    CompetitionPage.objects.filter(pk=judged.page.pk).update(publish_scores=publish_scores)
    theme = make_theme("Kesehatan", name_en="Health")
    for number, entry in enumerate(judged.entries, start=1):
        entry.refresh_from_db()
        entry.innovator_phone = PHONE
        entry.video_url = "https://youtu.be/abc123"
        entry.answers = {"ringkasan": f"Ringkasan inovasi {number}.", "kebaruan": "Kebaruan yang nyata."}
        entry.template_snapshot = entry.group.template.snapshot()
        entry.save()
        entry.themes.add(theme)
        attach(
            entry, "sk_inovator", PDF.replace(b"200 200", f"{200 + number} 200".encode()), f"SK {number}.pdf"
        )
    return SimpleNamespace(site=site, page=CompetitionPage.objects.get(pk=judged.page.pk), judged=judged)


@pytest.fixture
def city(judged, catalogue, make_theme):
    """The city after publishing its desk evaluation and final: two winners with records and awards."""
    city = city_setup(judged, make_theme)
    publish(judged)
    publish_final(judged)
    city.winners = list(winners(city.page))
    assert len(city.winners) == 2
    Award.objects.create(page=city.winners[0].innovation, **OLD_AWARD)
    return city


@pytest.fixture
def province(db, proposal_template):
    return make_province(proposal_template)


def bundle_of(entries, **kwargs) -> bytes:
    buffer = io.BytesIO()
    export_bundle(entries, buffer, **kwargs)
    return buffer.getvalue()


def unpacked_text(bundle: bytes) -> str:
    """Every member of the bundle, unpacked, as one text (to search for what must not be there)."""
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


# The round trip --------------------------------------------------------------------------------------------


def test_the_winners_arrive_in_the_province_with_everything(city, province):
    secretariat = city.judged.secretariat
    bundle = bundle_of(winners(city.page), user=secretariat)
    report = import_bundle(io.BytesIO(bundle), province.round, user=secretariat)

    assert not report.already_imported and not report.skipped and not report.warnings
    assert [row["source_reference"] for row in report.created] == [entry.reference for entry in city.winners]
    assert [row["reference"] for row in report.created] == ["PROV-2026-0001", "PROV-2026-0002"]
    umum = province.round.entry_groups.get(kind="umum")
    for sent in city.winners:
        sent.refresh_from_db()
        got = Entry.objects.get(competition=province.round, source_uuid=sent.uuid)
        assert got.pk != sent.pk and got.uuid != sent.uuid
        assert got.status == EntryStatus.SUBMITTED and got.submitted_by == secretariat
        assert got.group == umum
        for field in ("title", "started_on", "innovation_stage", "is_digital", "video_url", "innovator_name"):
            assert getattr(got, field) == getattr(sent, field), field
        assert got.answers == sent.answers
        assert got.template_snapshot == {**sent.template_snapshot, "template_id": None}
        assert {theme.slug for theme in got.themes.all()} == {theme.slug for theme in sent.themes.all()}
        assert {goal.number for goal in got.sdgs.all()} == {goal.number for goal in sent.sdgs.all()}
        # Contact details stay with the city.
        assert got.innovator_phone == "" and got.innovator_email == ""
        # A new organisation of the province, inactive, mapped from the city's.
        organisation = got.organisation
        assert organisation.pk != sent.organisation.pk and not organisation.active
        assert organisation.name == f"{sent.organisation.name} (Pemerintah Kota Uji)"
        assert OrganisationSource.objects.get(
            portal="http://kota.test", key=sent.organisation.slug
        ).organisation == (organisation)
        # The files: the same bytes under a new private name.
        sent_file, got_file = sent.attachments.get(), got.attachments.get()
        assert (
            got_file.slot,
            got_file.original_name,
            got_file.file_type,
            got_file.size,
            got_file.sha256,
        ) == (
            sent_file.slot,
            sent_file.original_name,
            sent_file.file_type,
            sent_file.size,
            sent_file.sha256,
        )
        assert got_file.file.name != sent_file.file.name
        with got_file.file.open("rb") as a, sent_file.file.open("rb") as b:
            assert a.read() == b.read()
        # Where it came from: the portal, round, reference, published results and award history.
        source = got.source
        assert source["portal"] == {"name": "Pemerintah Kota Uji", "url": "http://kota.test"}
        assert source["reference"] == sent.reference and source["uuid"] == str(sent.uuid)
        assert source["round"]["title"] == city.page.title and source["round"]["id"] == str(
            city.page.translation_key
        )
        expected_results = [
            {
                "stage_kind": result.stage_kind,
                "score": f"{result.score:.2f}",
                "rank": result.rank,
                "decision": result.decision,
                "award_tier": result.award_tier if result.stage_kind == "final" else "",
            }
            for result in sorted(sent.stage_results.all(), key=lambda r: r.stage_kind != "desk_evaluation")
        ]
        assert [
            {key: row[key] for key in ("stage_kind", "score", "rank", "decision", "award_tier")}
            for row in source["results"]
        ] == expected_results
        expected_awards = [
            {"year": a.year, "competition": a.competition, "level": a.level, "tier": a.tier, "note": a.note}
            for a in Award.objects.filter(page=sent.innovation).order_by("-year", "sort_order", "pk")
        ]
        assert source["awards"] == expected_awards and expected_awards
        assert source["innovation"]["stable_id"] == str(sent.innovation.translation_key)
        assert got.innovation is None  # the province has no record of it (yet)
        assert ModelLogEntry.objects.filter(
            action="wagtail_kipp.entry.import", object_id=str(got.pk)
        ).exists()
    assert OLD_AWARD | {"note": ""} in Entry.objects.get(source_uuid=city.winners[0].uuid).source["awards"]

    record = ImportedBundle.objects.get(competition=province.round)
    assert record.entry_count == 2 and record.source_portal == "Pemerintah Kota Uji"
    assert record.source_url == "http://kota.test" and record.imported_by == secretariat
    assert ImportReport.from_dict(record.report).created == report.created
    assert PageLogEntry.objects.filter(action="wagtail_kipp.bundle.export", page=city.page).exists()
    assert PageLogEntry.objects.filter(action="wagtail_kipp.bundle.import", page=province.round).exists()


def test_importing_the_same_bundle_again_changes_nothing(city, province):
    bundle = bundle_of(winners(city.page))
    import_bundle(io.BytesIO(bundle), province.round)
    before_rows, before_files = counts(), private_files()
    again = import_bundle(io.BytesIO(bundle), province.round)
    assert again.already_imported and not again.created
    assert "already imported" in again.summary
    assert counts() == before_rows and private_files() == before_files


def test_an_entry_already_imported_through_another_bundle_is_skipped(city, province):
    import_bundle(io.BytesIO(bundle_of(city.winners[:1])), province.round)
    report = import_bundle(io.BytesIO(bundle_of(city.winners)), province.round)
    assert [row["source_reference"] for row in report.skipped] == [city.winners[0].reference]
    assert [row["source_reference"] for row in report.created] == [city.winners[1].reference]
    assert Entry.objects.filter(competition=province.round).count() == 2
    assert len(report.organisations_created) == 1 and not report.organisations_mapped


def test_the_same_bundle_may_go_into_another_round(city, province, proposal_template):
    bundle = bundle_of(winners(city.page))
    import_bundle(io.BytesIO(bundle), province.round)
    other = CompetitionPage(title="KIPP Provinsi Uji 2027", slug="kipp-provinsi-2027", year=2027)
    other.entry_groups = [EntryGroup(name="Umum", slug="umum", kind="umum", template=proposal_template)]
    province.home.add_child(instance=other)
    report = import_bundle(io.BytesIO(bundle), other)
    assert [row["reference"] for row in report.created] == ["PROV-2027-0001", "PROV-2027-0002"]
    assert len(report.organisations_mapped) == 2 and not report.organisations_created


def test_a_mapped_organisation_receives_the_entries(city, province, make_organisation):
    sent = city.winners[0]
    local = make_organisation(name="Dinas Kependudukan Provinsi")
    OrganisationSource.objects.create(
        portal="http://kota.test", key=sent.organisation.slug, organisation=local
    )
    organisations = Organisation.objects.count()
    report = import_bundle(io.BytesIO(bundle_of([sent])), province.round)
    assert Entry.objects.get(source_uuid=sent.uuid, competition=province.round).organisation == local
    assert Organisation.objects.count() == organisations
    assert report.organisations_mapped == [f"{sent.organisation.name} → {local}"]


def test_a_known_innovation_is_linked(city, province, make_innovation):
    sent = city.winners[0]
    record = make_innovation(title="Catatan inovasi di provinsi")
    InnovationSource.objects.create(
        page=record, portal="http://kota.test", source_id=sent.innovation.translation_key, locale="id"
    )
    import_bundle(io.BytesIO(bundle_of([sent])), province.round)
    assert Entry.objects.get(source_uuid=sent.uuid, competition=province.round).innovation == record


def test_unknown_themes_are_reported_and_left_out(city, province):
    bundle = bundle_of(city.winners[:1])
    city.winners[0].themes.get().delete()
    report = import_bundle(io.BytesIO(bundle), province.round)
    assert any("Kesehatan" in warning and "not known here" in warning for warning in report.warnings)
    assert not Entry.objects.get(competition=province.round).themes.exists()


# Groups ----------------------------------------------------------------------------------------------------


def test_a_group_kind_the_round_lacks_is_refused_unless_mapped(province):
    data, members = sample_data()
    data["entries"][0]["group"]["kind"] = "khusus"
    bundle = build_bundle(data, members)
    before = counts()
    with pytest.raises(BundleError) as caught:
        import_bundle(io.BytesIO(bundle), province.round)
    assert (
        "no group of the kind “khusus”" in caught.value.problems[0]
        and "--group khusus=" in (caught.value.problems[0])
    )
    assert counts() == before
    replikasi = province.round.entry_groups.get(kind="replikasi")
    import_bundle(io.BytesIO(bundle), province.round, group_map={"khusus": replikasi.pk})
    assert Entry.objects.get(competition=province.round).group == replikasi


def test_a_group_of_another_round_is_refused(province, competition):
    data, members = sample_data()
    with pytest.raises(BundleError) as caught:
        import_bundle(
            io.BytesIO(build_bundle(data, members)),
            province.round,
            group_map={"*": competition.entry_groups.first()},
        )
    assert "is not a group of the round" in caught.value.problems[0]


def test_a_round_with_one_group_takes_every_kind_with_a_warning(competition):
    data, members = sample_data()
    data["entries"][0]["group"]["kind"] = "replikasi"
    report = import_bundle(io.BytesIO(build_bundle(data, members)), competition)
    assert Entry.objects.get(competition=competition).group == competition.entry_groups.get()
    assert any("round's only group" in warning for warning in report.warnings)


# All or nothing ---------------------------------------------------------------------------------------------


def test_a_failure_on_the_second_entry_rolls_back_everything_with_the_files(province, monkeypatch):
    data, members = sample_data(entries=3)
    bundle = build_bundle(data, members)
    before_rows, before_files = counts(), private_files()
    original = BundleImporter.create_entry
    made = []

    def create_entry(self, record, group):
        if made:
            raise RuntimeError("the disk is full")
        made.append(original(self, record, group))
        return made[-1]

    monkeypatch.setattr(BundleImporter, "create_entry", create_entry)
    with pytest.raises(RuntimeError):
        import_bundle(io.BytesIO(bundle), province.round)
    assert made  # the first entry and its file were written, then undone
    assert counts() == before_rows
    assert private_files() == before_files


def test_a_dry_run_reports_and_keeps_nothing(province):
    data, members = sample_data(entries=2)
    bundle = build_bundle(data, members)
    before_rows, before_files = counts(), private_files()
    report = import_bundle(io.BytesIO(bundle), province.round, dry_run=True)
    assert report.dry_run and len(report.created) == 2 and len(report.organisations_created) == 2
    assert "Dry run, nothing was saved" in report.summary
    assert counts() == before_rows and private_files() == before_files
    # ... and the real import afterwards gets the same reference numbers.
    real = import_bundle(io.BytesIO(bundle), province.round)
    assert [row["reference"] for row in real.created] == [row["reference"] for row in report.created]


# What never leaves the city ---------------------------------------------------------------------------------


def test_the_bundle_holds_no_jurors_comments_or_contacts(city):
    bundle = bundle_of(city.winners)
    text = unpacked_text(bundle)
    for secret in (*JUROR_NAMES, "Catatan juri", PHONE, "tim@example.com", "example.com"):
        assert secret not in text, secret
    assert "feedback" not in text and "override_reason" not in text and "explanation" not in text


def test_unpublished_results_are_not_in_the_bundle(judged, catalogue, make_theme):
    city = city_setup(judged, make_theme)
    publish(judged)  # the desk evaluation is published; the final is decided but not published
    from wagtail_kipp.judging import results as judging_results

    judged.page.stages.filter(kind="interview").delete()
    judging_results.compute_stage(judged.secretariat, judged.page, "final")
    judging_results.accept_suggestions(judged.secretariat, judged.page, "final")
    entry = judged.entries[0]
    assert StageResult.objects.filter(entry=entry, stage_kind="final", published_at__isnull=True).exists()
    with read_bundle(io.BytesIO(bundle_of([entry]))) as bundle:
        results = bundle.entries[0]["results"]
    assert [row["stage_kind"] for row in results] == ["desk_evaluation"]
    assert not winners(city.page).exists()


def test_scores_stay_out_when_the_round_does_not_publish_them(judged, catalogue, make_theme):
    city_setup(judged, make_theme, publish_scores=False)
    publish(judged)
    with read_bundle(io.BytesIO(bundle_of([judged.entries[0]]))) as bundle:
        (result,) = bundle.entries[0]["results"]
    assert result["decision"] == "advance" and result["score"] is None and result["rank"] is None


def test_drafts_and_mixed_rounds_are_not_exported(province, make_entry, competition, judged):
    draft = make_entry()
    with pytest.raises(ExportRefused, match="not submitted"):
        bundle_of([draft])
    with pytest.raises(ExportRefused, match="one round only"):
        bundle_of([judged.entries[0], Entry(competition=province.round, reference="X", status="submitted")])
    with pytest.raises(ExportRefused, match="at least one entry"):
        bundle_of([])


def test_a_stored_file_that_no_longer_matches_is_not_exported(city):
    attachment = city.winners[0].attachments.get()
    EntryAttachment.objects.filter(pk=attachment.pk).update(sha256="0" * 64)
    with pytest.raises(ExportRefused, match="no longer matches its checksum"):
        bundle_of(city.winners)


def test_a_signed_bundle_carries_its_signature(city, settings):
    settings.WAGTAIL_KIPP_BUNDLE_SIGNING_KEY = "rahasia-bersama"
    buffer = io.BytesIO()
    manifest = export_bundle(city.winners, buffer)
    assert manifest["signature"]["algorithm"] == "HMAC-SHA256"
    with read_bundle(io.BytesIO(buffer.getvalue())) as bundle:
        assert bundle.signed


# The commands ----------------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_and_import_commands(city, province, tmp_path):
    path = tmp_path / "juara.zip"
    out, _err = run("kipp_export_bundle", "--round", str(city.page.pk), "--winners", "--output", str(path))
    assert "Wrote" in out and "Entries (2)" in out and "Signed: no" in out
    assert all(entry.reference in out for entry in city.winners)

    with pytest.raises(CommandError, match="already exists; use --force"):
        run("kipp_export_bundle", "--round", city.page.slug, "--winners", "--output", str(path))
    out, _err = run(
        "kipp_export_bundle",
        "--round",
        city.page.slug,
        "--entry",
        city.winners[1].reference,
        "-o",
        str(path),
        "--force",
    )
    assert "Entries (1)" in out

    out, _err = run("kipp_import_bundle", str(path), "--round", str(province.round.pk), "--dry-run")
    assert "Dry run, nothing was saved: 1 entry created" in out
    assert not Entry.objects.filter(competition=province.round).exists()
    out, _err = run("kipp_import_bundle", str(path), "--round", province.round.slug)
    assert "Imported: 1 entry created" in out and "PROV-2026-0001" in out
    out, _err = run("kipp_import_bundle", str(path), "--round", province.round.slug)
    assert "already imported" in out


def test_the_export_command_refuses_what_it_cannot_do(city, tmp_path):
    output = str(tmp_path / "b.zip")
    with pytest.raises(CommandError, match="no round with the id or slug"):
        run("kipp_export_bundle", "--round", "tidak-ada", "--winners", "-o", output)
    with pytest.raises(CommandError, match="no entry with the reference NOPE"):
        run("kipp_export_bundle", "--round", str(city.page.pk), "--entry", "NOPE", "-o", output)
    with pytest.raises(CommandError, match="is a folder"):
        run("kipp_export_bundle", "--round", str(city.page.pk), "--winners", "-o", str(tmp_path))
    assert not list(tmp_path.iterdir())


def test_the_export_command_needs_published_winners(judged, tmp_path):
    with pytest.raises(CommandError, match="no published winners yet"):
        run("kipp_export_bundle", "--round", str(judged.page.pk), "--winners", "-o", str(tmp_path / "b.zip"))


def test_the_import_command_reports_a_refused_bundle_and_fails(province, tmp_path):
    data, members = sample_data()
    members[next(iter(members))] = PDF + b"tambahan"
    path = tmp_path / "rusak.zip"
    path.write_bytes(build_bundle(data, members))
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("kipp_import_bundle", str(path), "--round", str(province.round.pk), stderr=err)
    assert caught.value.returncode == 1
    assert "The bundle was refused (1 problem, listed above); nothing was imported." in str(caught.value)
    assert "bundle.json and the manifest" in err.getvalue() and "Traceback" not in err.getvalue()
    assert counts() == before


def test_the_import_command_checks_its_options(province, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("kipp_import_bundle", str(tmp_path / "tidak-ada.zip"), "--round", str(province.round.pk))
    with pytest.raises(CommandError, match="--group expects KIND=ID"):
        run("kipp_import_bundle", "x.zip", "--round", str(province.round.pk), "--group", "khusus")
    (tmp_path / "sampah.zip").write_bytes(b"bukan zip")
    with pytest.raises(CommandError, match="refused"):
        run("kipp_import_bundle", str(tmp_path / "sampah.zip"), "--round", str(province.round.pk))


def test_the_import_command_maps_a_group(province, tmp_path):
    data, members = sample_data()
    data["entries"][0]["group"]["kind"] = "khusus"
    path = tmp_path / "khusus.zip"
    path.write_bytes(build_bundle(data, members))
    replikasi = province.round.entry_groups.get(kind="replikasi")
    run(
        "kipp_import_bundle",
        str(path),
        "--round",
        str(province.round.pk),
        "--group",
        f"khusus={replikasi.pk}",
    )
    assert Entry.objects.get(competition=province.round).group == replikasi


# The background export job --------------------------------------------------------------------------------


def test_a_bundle_export_job_makes_the_bundle_in_the_background(city, province):
    """The export jobs' admin makes bundles too (kind ``bundle``)."""
    from wagtail_kipp.exchange import tasks

    job = ExportJob.objects.create(
        competition=city.page,
        kind="bundle",
        selection={"entries": "winners"},
        requested_by=city.judged.secretariat,
    )
    assert tasks.run_export.call(job.pk) == "done"
    job.refresh_from_db()
    assert job.total == 2 and job.file.name.endswith(".zip") and job.sha256
    with job.file.open("rb") as stored:
        report = import_bundle(io.BytesIO(stored.read()), province.round)
    assert [row["source_reference"] for row in report.created] == [entry.reference for entry in city.winners]

    chosen = ExportJob.objects.create(
        competition=city.page, kind="bundle", selection={"entry_ids": [city.winners[1].pk]}
    )
    target = io.BytesIO()
    assert bundle_export.build_bundle_job(chosen, target)["entries"] == [city.winners[1].reference]


def test_a_bundle_job_without_published_winners_fails_with_the_reason(judged, monkeypatch):
    from wagtail_kipp.exchange import tasks

    monkeypatch.setitem(tasks.EXPORTERS, "bundle", tasks.Exporter(bundle_export.build_bundle_job, "zip"))
    job = ExportJob.objects.create(
        competition=judged.page,
        kind="bundle",
        selection={"entries": "winners"},
        requested_by=in_english(judged.secretariat),
    )
    assert tasks.run_export.call(job.pk) == "failed"
    job.refresh_from_db()
    assert "no published winners yet" in job.error and not job.file


# The admin -------------------------------------------------------------------------------------------------


def upload(content: bytes, name: str = "juara.zip"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/zip")


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_preview_then_confirm_imports_the_bundle(admin_client, province, secretariat):
    data, members = sample_data(entries=2)
    before_files = private_files()
    pending = "kipp/bundles/pending/"
    response = admin_client.post(
        reverse("kipp_bundles:import"),
        {"file": upload(build_bundle(data, members)), "competition": province.round.pk, "preview": "on"},
    )
    html = page_text(response)
    assert "Dry run, nothing was saved: 2 entries created" in html
    assert "PROV-2026-0001" in html and "KOTA-2026-0001" in html and "Import these entries" in html
    assert not Entry.objects.filter(competition=province.round).exists()
    token = admin_client.session["wagtail_kipp_pending_bundles"][-1]
    # Only the upload is kept (privately) until it is confirmed.
    assert private_files() - before_files == {f"{pending}{token}.zip"}

    response = admin_client.post(
        reverse("kipp_bundles:confirm"), {"token": token, "competition": province.round.pk}
    )
    record = ImportedBundle.objects.get(competition=province.round)
    assert response.status_code == 302 and response["Location"] == reverse(
        "kipp_bundles:inspect", args=[record.pk]
    )
    assert Entry.objects.filter(competition=province.round).count() == 2
    assert record.imported_by == secretariat
    assert token not in admin_client.session["wagtail_kipp_pending_bundles"]
    assert not any(name.startswith(pending) for name in private_files())
    html = page_text(admin_client.get(response["Location"]))
    assert "Imported: 2 entries created" in html and "Pemerintah Kota Uji" in html
    entry = Entry.objects.get(competition=province.round, reference="PROV-2026-0001")
    assert reverse("kipp_entries:inspect", args=[entry.pk]) in html
    # The kept upload is gone; confirming again finds no preview.
    response = admin_client.post(
        reverse("kipp_bundles:confirm"), {"token": token, "competition": province.round.pk}
    )
    assert response.status_code == 302 and response["Location"] == reverse("kipp_bundles:import")
    assert Entry.objects.filter(competition=province.round).count() == 2


def test_an_import_without_preview_and_a_second_upload(admin_client, province):
    data, members = sample_data()
    bundle = build_bundle(data, members)
    url = reverse("kipp_bundles:import")
    response = admin_client.post(url, {"file": upload(bundle), "competition": province.round.pk})
    assert response.status_code == 302
    assert Entry.objects.filter(competition=province.round).count() == 1
    response = admin_client.post(url, {"file": upload(bundle), "competition": province.round.pk}, follow=True)
    assert "already imported into this round" in page_text(response)
    assert Entry.objects.filter(competition=province.round).count() == 1


def test_a_confirmation_needs_the_users_own_preview(admin_client, province, make_secretariat, client):
    response = admin_client.post(
        reverse("kipp_bundles:confirm"), {"token": "0" * 32, "competition": province.round.pk}, follow=True
    )
    assert "This preview has expired" in page_text(response)
    assert not ImportedBundle.objects.exists()
    assert admin_client.post(reverse("kipp_bundles:confirm"), {"token": "x"}).status_code == 302
    assert admin_client.get(reverse("kipp_bundles:confirm")).status_code == 405


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"bukan zip",
        b"PK\x05\x06" + b"\x00" * 18,
        b"PK\x03\x04" + bytes(range(256)) * 4,
        PDF,
    ],
)
def test_garbage_uploads_get_a_clear_answer_never_a_500(admin_client, province, content):
    before = counts()
    response = admin_client.post(
        reverse("kipp_bundles:import"),
        {"file": upload(content), "competition": province.round.pk, "preview": "on"},
    )
    html = page_text(response)
    assert "The bundle was refused" in html or "The submitted file is empty" in html
    assert counts() == before


def test_a_zip_bomb_upload_is_listed_with_its_reasons(admin_client, province):
    data, members = sample_data()
    members["attachments/bomb"] = b"\0" * (8 * 1024 * 1024)
    response = admin_client.post(
        reverse("kipp_bundles:import"),
        {"file": upload(build_bundle(data, members)), "competition": province.round.pk},
    )
    html = page_text(response)
    assert "data-problems" in html and "zip bomb" in html
    assert not ImportedBundle.objects.exists()


def test_the_import_form_checks_round_group_and_size(admin_client, province, competition, settings):
    data, members = sample_data()
    bundle = build_bundle(data, members)
    url = reverse("kipp_bundles:import")
    html = page_text(admin_client.post(url, {"file": upload(bundle), "competition": "999999"}))
    assert "Select a valid choice" in html
    other_group = competition.entry_groups.first()
    html = page_text(
        admin_client.post(
            url, {"file": upload(bundle), "competition": province.round.pk, "group": other_group.pk}
        )
    )
    assert "Choose a group of the round the bundle goes into." in html
    html = page_text(admin_client.post(url, {"competition": province.round.pk}))
    assert "This field is required" in html
    settings.WAGTAIL_KIPP_BUNDLE_MAX_BYTES = 100
    html = page_text(admin_client.post(url, {"file": upload(bundle), "competition": province.round.pk}))
    assert "larger than the" in html
    assert not ImportedBundle.objects.exists()


def test_the_export_view_downloads_an_importable_bundle(city, province, client):
    client.force_login(in_english(city.judged.secretariat))
    url = reverse("kipp_bundles:export")
    assert "Download the bundle" in page_text(client.get(url + f"?competition={city.page.pk}"))
    response = client.post(url, {"competition": city.page.pk, "which": "winners"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    bundle = b"".join(response.streaming_content)
    report = import_bundle(io.BytesIO(bundle), province.round)
    assert [row["source_reference"] for row in report.created] == [entry.reference for entry in city.winners]

    response = client.post(
        url, {"competition": city.page.pk, "which": "chosen", "references": "NOPE, KIPP-X"}
    )
    assert "no entry with the reference NOPE, KIPP-X" in page_text(response)
    response = client.post(url, {"competition": city.page.pk, "which": "chosen", "references": ""})
    assert "List the reference numbers" in page_text(response)


def test_the_export_view_says_when_there_are_no_winners(admin_client, province):
    html = page_text(admin_client.post(reverse("kipp_bundles:export"), {"competition": province.round.pk}))
    assert "no published winners yet" in html


def test_organisation_mappings_are_kept_in_the_admin(admin_client, province, make_organisation):
    local = make_organisation(name="Dinas Kesehatan Provinsi")
    response = admin_client.post(
        reverse("kipp_organisation_sources:add"),
        {"portal": "http://kota.test", "key": "dinkes", "name": "Dinas Kesehatan", "organisation": local.pk},
    )
    assert response.status_code == 302
    assert OrganisationSource.objects.get(key="dinkes").organisation == local
    assert "dinkes" in page_text(admin_client.get(reverse("kipp_organisation_sources:index")))


def assert_refused(response) -> None:
    """403, 404, or Wagtail's redirect to the dashboard ("you do not have permission"); never the page."""
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def _editor(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor-bundles", "e@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_only_the_secretariat_may_use_bundles(
    client, province, django_user_model, make_operator, make_organisation
):
    data, members = sample_data()
    ImportedBundle.objects.create(
        bundle_id=data["bundle_id"], sha256="0" * 64, competition=province.round, source_portal="Kota"
    )
    record = ImportedBundle.objects.get()
    gets = [
        reverse("kipp_bundles:index"),
        reverse("kipp_bundles:import"),
        reverse("kipp_bundles:export"),
        reverse("kipp_bundles:inspect", args=[record.pk]),
        reverse("kipp_organisation_sources:index"),
        reverse("kipp_organisation_sources:add"),
    ]
    for url in gets:
        assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_operator(make_organisation()))
    for url in gets:
        assert client.get(url).status_code in (302, 403), url  # no admin access at all
    client.force_login(_editor(django_user_model))
    for url in gets:
        assert_refused(client.get(url))
    bundle = build_bundle(data, members)
    assert_refused(
        client.post(
            reverse("kipp_bundles:import"), {"file": upload(bundle), "competition": province.round.pk}
        )
    )
    assert_refused(client.post(reverse("kipp_bundles:export"), {"competition": province.round.pk}))
    assert_refused(
        client.post(reverse("kipp_bundles:confirm"), {"token": "x", "competition": province.round.pk})
    )
    assert Entry.objects.filter(competition=province.round).count() == 0


def test_the_secretariat_sees_the_bundles_and_their_menu(admin_client, province):
    data, members = sample_data()
    import_bundle(io.BytesIO(build_bundle(data, members)), province.round)
    html = page_text(admin_client.get(reverse("kipp_bundles:index")))
    assert "Pemerintah Kota Uji" in html and "Import a bundle" in html and "Export a bundle" in html
    assert "Winner bundles" in page_text(admin_client.get(reverse("wagtailadmin_home")))
