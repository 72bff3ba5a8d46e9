"""
A bundle is trusted only after every check: each bad bundle is refused with the right message, and nothing of
it is written (no rows, no files in private storage, no audit-log entries).
"""

from __future__ import annotations

import io
import json
import stat
import struct
import zipfile

import pytest
from django.utils import translation

from tests.bundle_sites import (
    PDF,
    PNG,
    build_bundle,
    counts,
    make_province,
    members_of,
    private_files,
    rezip,
    sample_data,
    sample_entry,
)
from wagtail_kipp.exchange.archive import ArchiveLimits, dumps
from wagtail_kipp.exchange.bundles import BundleError, import_bundle, read_bundle
from wagtail_kipp.models import Entry


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the site's default language is Indonesian)."""
    with translation.override("en"):
        yield


@pytest.fixture
def province(db, proposal_template):
    return make_province(proposal_template)


@pytest.fixture
def bundle():
    data, members = sample_data(entries=2)
    return build_bundle(data, members)


def refused(province, content: bytes, **kwargs) -> list[str]:
    """Import ``content``, expect a refusal, and check that nothing was written; returns the problems."""
    before_rows, before_files = counts(), private_files()
    with pytest.raises(BundleError) as caught:
        import_bundle(io.BytesIO(content), province.round, **kwargs)
    assert counts() == before_rows
    assert private_files() == before_files
    assert caught.value.problems
    return caught.value.problems


def has(problems: list[str], *words: str) -> bool:
    return any(all(word in problem for word in words) for problem in problems)


def test_a_good_bundle_is_imported(province, bundle):
    report = import_bundle(io.BytesIO(bundle), province.round)
    assert len(report.created) == 2
    assert Entry.objects.filter(competition=province.round).count() == 2


# The archive ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 40, PDF])
def test_what_is_not_a_zip_is_refused(province, content):
    assert has(refused(province, content), "not a ZIP")


def test_a_truncated_bundle_is_refused_wherever_it_is_cut(province, bundle):
    for length in (10, len(bundle) // 3, len(bundle) // 2, len(bundle) - 30, len(bundle) - 1):
        assert refused(province, bundle[:length])


def test_a_changed_member_fails_its_checksum(province, bundle):
    name = next(name for name in members_of(bundle) if name.startswith("attachments/"))
    changed = members_of(bundle)[name].replace(b"200 200", b"300 300")
    problems = refused(province, rezip(bundle, replace={name: changed}))
    assert has(problems, name, "checksum")


def test_a_member_of_another_size_is_refused(province, bundle):
    name = next(name for name in members_of(bundle) if name.startswith("attachments/"))
    problems = refused(province, rezip(bundle, replace={name: members_of(bundle)[name] + b"\n"}))
    assert has(problems, name, "bytes, but the manifest says")


def test_a_missing_file_is_refused(province, bundle):
    name = next(name for name in members_of(bundle) if name.startswith("attachments/"))
    assert has(refused(province, rezip(bundle, replace={name: None})), name, "missing from the archive")


def test_an_extra_file_is_refused(province, bundle):
    problems = refused(province, rezip(bundle, extra=[("attachments/extra.pdf", PDF)]))
    assert has(problems, "attachments/extra.pdf", "not in its manifest")


def test_a_listed_file_that_belongs_to_no_entry_is_refused(province):
    data, members = sample_data()
    members["attachments/stray"] = PDF
    assert has(refused(province, build_bundle(data, members)), "attachments/stray", "belongs to no entry")


def test_a_bundle_without_a_manifest_or_bundle_json_is_refused(province, bundle):
    assert has(refused(province, rezip(bundle, replace={"manifest.json": None})), "no manifest")
    without = rezip(bundle, replace={"bundle.json": None}, manifest=lambda m: m.update(files=m["files"][:-1]))
    assert has(refused(province, without), "no bundle.json")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../evil", "“..”"),
        ("attachments/../../evil", "“..”"),
        ("/abs", "absolute path"),
        ("C:\\x", "drive letter"),
        ("attachments\\evil", "backslash"),
        ("attachments//evil", "empty folder name"),
        ("evil\x07", "control characters"),
        ("attachments/", "folder entry"),
    ],
)
def test_unsafe_member_names_are_refused(province, bundle, name, words):
    problems = refused(province, rezip(bundle, extra=[(name, b"x")]))
    assert has(problems, words), problems


def test_a_symbolic_link_is_refused(province, bundle):
    link = zipfile.ZipInfo("attachments/link")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert has(refused(province, rezip(bundle, extra=[(link, b"/etc/passwd")])), "symbolic link")


def test_a_name_twice_is_refused(province, bundle):
    name = next(name for name in members_of(bundle) if name.startswith("attachments/"))
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = rezip(bundle, extra=[(name, PDF)])
    assert has(refused(province, twice), name, "more than once")


def test_too_many_members_are_refused(province, bundle):
    limits = ArchiveLimits(max_members=3)
    with pytest.raises(BundleError) as caught:
        read_bundle(io.BytesIO(bundle), limits=limits)
    assert has(caught.value.problems, "more than 3 files")


def test_a_zip_bomb_is_refused_by_its_ratio(province):
    data, members = sample_data()
    members["attachments/bomb"] = b"\0" * (8 * 1024 * 1024)
    problems = refused(province, build_bundle(data, members))
    assert has(problems, "attachments/bomb", "zip bomb")


def declare_size(content: bytearray, name: str, size: int) -> None:
    """Make the archive's local header and central directory claim ``size`` bytes for ``name``."""
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        local = archive.getinfo(name).header_offset
    content[local + 22 : local + 26] = struct.pack("<L", size)
    position = content.find(b"PK\x01\x02")
    while position >= 0:
        (length,) = struct.unpack("<H", content[position + 28 : position + 30])
        if content[position + 46 : position + 46 + length] == name.encode():
            content[position + 24 : position + 28] = struct.pack("<L", size)
            return
        position = content.find(b"PK\x01\x02", position + 4)
    raise AssertionError(name)


def test_a_zip_bomb_with_lying_sizes_is_refused_while_unpacking(province):
    """The directory claims a small member, so the ratio looks harmless; unpacking it is stopped."""
    data, members = sample_data()
    members["attachments/bomb"] = b"\0" * (8 * 1024 * 1024)
    content = bytearray(build_bundle(data, members))
    declare_size(content, "attachments/bomb", 1000)
    assert has(refused(province, bytes(content)), "attachments/bomb", "damaged")


def test_an_oversized_file_is_refused(province, settings):
    settings.WAGTAIL_KIPP_BUNDLE_MAX_FILE_BYTES = 1024
    data, members = sample_data()
    members["attachments/big"] = bytes(range(256)) * 8  # 2 KiB, does not compress
    problems = refused(province, build_bundle(data, members))
    assert has(problems, "attachments/big", "larger than the 1.0\xa0KB allowed")


def test_a_bundle_over_the_total_limit_is_refused(province, settings, bundle):
    settings.WAGTAIL_KIPP_BUNDLE_MAX_BYTES = 2000
    assert has(refused(province, bundle), "unpacks to more than")


# bundle.json -----------------------------------------------------------------------------------------------


def rebuilt(data, members=None, **kwargs) -> bytes:
    if members is None:
        members = {}
        for record in data["entries"]:
            members.update({a["path"]: PDF for a in record["attachments"]})
    return build_bundle(data, members, **kwargs)


def test_malformed_json_is_refused(province):
    data, members = sample_data()
    problems = refused(province, build_bundle(data, members, bundle_bytes=b'{"schema": "kipp-bundle",'))
    assert has(problems, "not valid JSON")


def test_json_that_is_not_an_object_is_refused(province):
    data, members = sample_data()
    assert has(
        refused(province, build_bundle(data, {}, bundle_bytes=b"[1, 2]")), "does not hold a JSON object"
    )


@pytest.mark.parametrize("version", ["2.0", "0.9", "1", "1.0.1", "1.a", "1.0\n", 1.0, None])
def test_an_unsupported_schema_version_is_refused(province, version):
    data, members = sample_data()
    data["schema_version"] = version
    assert has(refused(province, build_bundle(data, members)), "schema version", "reads version 1.x")


def test_another_schema_is_refused(province):
    data, members = sample_data()
    data["schema"] = "sinovik-entry"
    assert has(refused(province, build_bundle(data, members)), "not a KIPP winner bundle")


def test_a_newer_minor_version_is_read_with_a_warning(province):
    data, members = sample_data()
    data["schema_version"] = "1.3"
    data["entries"][0]["future_field"] = {"anything": True}
    report = import_bundle(io.BytesIO(build_bundle(data, members)), province.round)
    assert len(report.created) == 1
    assert any("newer than this site's 1.0" in warning for warning in report.warnings)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["entries"][0]["header"].update(title=5), "entries/0/header/title"),
        (lambda d: d["entries"][0].update(sdgs=["tiga"]), "entries/0/sdgs/0"),
        (lambda d: d["entries"][0].update(sdgs=[18]), "entries/0/sdgs/0"),
        (lambda d: d["entries"][0]["header"].update(is_digital="ya"), "entries/0/header/is_digital"),
        (lambda d: d["entries"][0].update(answers={"ringkasan": ["a list"]}), "entries/0/answers/ringkasan"),
        (lambda d: d["entries"][0].update(uuid="not-a-uuid"), "entries/0/uuid"),
        (lambda d: d.update(entries=[]), "entries"),
        (lambda d: d["entries"][0].pop("organisation"), "entries/0"),
        (lambda d: d["entries"][0]["attachments"][0].update(type="exe"), "entries/0/attachments/0/type"),
        (lambda d: d.update(surprise=1), "(document)"),
        (
            lambda d: d["entries"][0]["header"].update(video_url="https://youtu.be/" + "a" * 200),
            "entries/0/header/video_url",
        ),
        (lambda d: d["portal"].update(url=5), "portal/url"),
    ],
)
def test_fields_of_the_wrong_type_are_refused_with_their_place(province, change, where):
    data, members = sample_data()
    change(data)
    problems = refused(province, build_bundle(data, members))
    assert has(problems, f"bundle.json, {where}:"), problems


def test_a_wrong_date_is_refused(province):
    data, members = sample_data()
    data["entries"][0]["header"]["started_on"] = "2020-02-30"
    assert has(refused(province, build_bundle(data, members)), "start date is not a date")


def test_an_attachment_whose_content_is_not_its_type_is_refused(province):
    record, members = sample_entry(1, files={"sk_inovator": PNG})
    record["attachments"][0]["type"] = "pdf"
    data, _members = sample_data()
    data["entries"] = [record]
    assert has(refused(province, build_bundle(data, members)), "it is a PNG image, but bundle.json says PDF")


def test_an_attachment_with_web_page_code_is_refused(province):
    html = b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF\n"
    record, members = sample_entry(1, files={"sk_inovator": html})
    data, _members = sample_data()
    data["entries"] = [record]
    assert has(refused(province, build_bundle(data, members)), "web page code")


def test_an_attachment_in_the_wrong_place_is_refused(province):
    data, members = sample_data(entries=2)
    first, second = data["entries"]
    first["attachments"], second["attachments"] = second["attachments"], first["attachments"]
    assert has(refused(province, build_bundle(data, members)), "is not where its entry and slot say")


def test_an_entry_twice_is_refused(province):
    data, members = sample_data()
    twin = json.loads(json.dumps(data["entries"][0]))
    twin["attachments"] = []
    data["entries"].append(twin)
    assert has(refused(province, build_bundle(data, members)), "appears twice")


def test_the_manifest_must_name_the_bundle_and_hold_its_checksum(province, bundle):
    other = rezip(bundle, manifest=lambda m: m.update(bundle_id="00000000-0000-0000-0000-000000000000"))
    assert has(refused(province, other), "name different bundles")
    unsummed = rezip(bundle, manifest=lambda m: m.pop("bundle_sha256"))
    assert has(refused(province, unsummed), "checksum of bundle.json is missing or wrong")


def test_a_manifest_that_is_not_json_or_lacks_files_is_refused(province, bundle):
    assert has(
        refused(province, rezip(bundle, replace={"manifest.json": b"{nope"})), "manifest", "not valid JSON"
    )
    assert has(
        refused(province, rezip(bundle, replace={"manifest.json": dumps({"a": 1})})), "no list of files"
    )


# Signatures -------------------------------------------------------------------------------------------------


def test_a_signed_bundle_is_accepted_with_the_shared_key(province, settings):
    settings.WAGTAIL_KIPP_BUNDLE_SIGNING_KEY = "rahasia-bersama"
    data, members = sample_data()
    report = import_bundle(
        io.BytesIO(build_bundle(data, members, signing_key="rahasia-bersama")), province.round
    )
    assert len(report.created) == 1 and not report.warnings


def test_an_unsigned_bundle_is_refused_when_the_site_has_a_key(province, settings, bundle):
    settings.WAGTAIL_KIPP_BUNDLE_SIGNING_KEY = "rahasia-bersama"
    assert has(refused(province, bundle), "not signed", "accepts only signed bundles")


def test_a_bundle_signed_with_another_key_is_refused(province, settings):
    settings.WAGTAIL_KIPP_BUNDLE_SIGNING_KEY = "rahasia-bersama"
    data, members = sample_data()
    assert has(
        refused(province, build_bundle(data, members, signing_key="kunci-lain")), "signature does not match"
    )


def test_a_signed_bundle_changed_afterwards_is_refused(province, settings):
    """Changing a file and its manifest row (without the key) breaks the signature."""
    settings.WAGTAIL_KIPP_BUNDLE_SIGNING_KEY = "rahasia-bersama"
    data, members = sample_data()
    signed = build_bundle(data, members, signing_key="rahasia-bersama")
    data["entries"][0]["header"]["title"] = "Judul palsu"
    forged_json = dumps(data)

    def forge(manifest):
        import hashlib

        digest = hashlib.sha256(forged_json).hexdigest()
        for row in manifest["files"]:
            if row["path"] == "bundle.json":
                row.update(size=len(forged_json), sha256=digest)
        manifest["bundle_sha256"] = digest
        manifest["signature"] = {"algorithm": "HMAC-SHA256", "value": "0" * 64}

    forged = rezip(signed, replace={"bundle.json": forged_json}, manifest=lambda m: forge(m))
    # rezip drops the signature it cannot make; put the stale one back as a forger would.
    original_signature = json.loads(members_of(signed)["manifest.json"])["signature"]
    manifest = json.loads(members_of(forged)["manifest.json"])
    manifest["signature"] = original_signature
    forged = rezip(forged, replace={"manifest.json": dumps(manifest)})
    assert has(refused(province, forged), "signature does not match")


def test_a_signed_bundle_without_a_key_here_is_imported_with_a_warning(province):
    data, members = sample_data()
    report = import_bundle(io.BytesIO(build_bundle(data, members, signing_key="kunci")), province.round)
    assert len(report.created) == 1
    assert any("authenticity was not checked" in warning for warning in report.warnings)


# Every problem at once -------------------------------------------------------------------------------------


def test_the_report_lists_every_problem(province, bundle):
    names = [name for name in members_of(bundle) if name.startswith("attachments/")]
    broken = rezip(bundle, replace={names[0]: b"%PDF-1.4 diubah %%EOF", names[1]: None})
    problems = refused(province, broken)
    assert len(problems) == 1  # a missing file is found before anything is unpacked
    tampered = rezip(bundle, replace={name: PDF.replace(b"200", b"201") for name in names})
    assert len(refused(province, tampered)) == 2


def test_damaged_bytes_anywhere_give_a_refusal_never_another_error(bundle):
    """Bytes changed at random places: the reader either reads the bundle or refuses it, nothing else."""
    import random

    generator = random.Random(20260801)
    outcomes = {"read": 0, "refused": 0}
    for _round in range(60):
        damaged = bytearray(bundle)
        for _change in range(generator.randint(1, 4)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        try:
            with read_bundle(io.BytesIO(bytes(damaged))):
                outcomes["read"] += 1
        except BundleError as error:
            assert error.problems and all(isinstance(problem, str) for problem in error.problems)
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0
