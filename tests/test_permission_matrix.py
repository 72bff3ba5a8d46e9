"""Who may see what in the entrant portal: every view and file download against six kinds of user."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail_kipp.judging import services
from wagtail_kipp.models import Entry, EntryAttachment

User = get_user_model()

OK, REDIRECT, NOT_FOUND, LOGIN = 200, 302, 404, "login"


@pytest.fixture
def world(make_entry, make_organisation, make_operator, make_secretariat, pdf_bytes):
    """Org A's draft and submitted entries with a file; users of every kind."""
    org_a, org_b = make_organisation("Dinas A"), make_organisation("Dinas B")
    draft = make_entry(organisation=org_a, title="Draf Rahasia A")
    submitted = make_entry(organisation=org_a, title="Usulan Terkirim A")
    for entry in (draft, submitted):
        EntryAttachment.objects.create(
            entry=entry,
            slot="sk_inovator",
            file=ContentFile(pdf_bytes, "sk.pdf"),
            original_name="sk-rahasia.pdf",
            file_type="pdf",
            size=len(pdf_bytes),
            sha256="0" * 64,
        )
    operator_a = make_operator(org_a, username="op-a")
    services.submit(submitted, operator_a)
    juror = User.objects.create_user("juri", "juri@example.com", "pw")  # a juror has no membership
    editors = Group.objects.get_or_create(name="Editor (uji)")[0]
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = User.objects.create_user("editor-uji", "e@example.com", "pw")
    editor.groups.add(editors)
    return {
        "draft": draft,
        "submitted": Entry.objects.get(pk=submitted.pk),
        "users": {
            "anonymous": None,
            "operator_a": operator_a,
            "operator_b": make_operator(org_b, username="op-b"),
            "juror": juror,
            "secretariat": make_secretariat("sek"),
            "editor": editor,
        },
    }


def portal(name, entry, *args):
    return reverse(f"wagtail_kipp_portal:{name}", args=[entry.uuid, *args])


# (view, entry, method) -> expected outcome per user kind
MATRIX = [
    # (view, *args), entry, method, [anonymous, op_a, op_b, juror, secretariat, editor]
    (("entry_edit",), "draft", "get", [LOGIN, OK, NOT_FOUND, NOT_FOUND, REDIRECT, NOT_FOUND]),
    (("entry_status",), "draft", "get", [LOGIN, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND]),
    (("entry_receipt",), "submitted", "get", [LOGIN, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND]),
    (("entry_submit",), "draft", "get", [LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]),
    (
        ("attachment_download", "sk_inovator"),
        "draft",
        "get",
        [LOGIN, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND],
    ),
    (
        ("attachment_download", "sk_inovator"),
        "submitted",
        "get",
        [LOGIN, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND],
    ),
]
KINDS = ["anonymous", "operator_a", "operator_b", "juror", "secretariat", "editor"]


@pytest.mark.parametrize("kind_index", range(len(KINDS)), ids=KINDS)
def test_entry_pages_and_files_follow_the_matrix(client, world, kind_index):
    user = world["users"][KINDS[kind_index]]
    if user:
        client.force_login(user)
    for (name, *args), entry_key, method, expected in MATRIX:
        entry = world[entry_key]
        response = getattr(client, method)(portal(name, entry, *args))
        want = expected[kind_index]
        if want == LOGIN:
            assert response.status_code == 302, name
            assert reverse("wagtail_kipp_portal:login") in response["Location"], name
        else:
            assert response.status_code == want, (name, entry_key, response.status_code)
        if response.status_code == 200 and KINDS[kind_index] not in ("operator_a", "secretariat"):
            pytest.fail(f"{KINDS[kind_index]} could read {name}")


@pytest.mark.parametrize("kind", ["operator_b", "juror", "editor"])
def test_outsiders_cannot_change_org_as_entries(client, world, kind, pdf_bytes):
    client.force_login(world["users"][kind])
    draft, submitted = world["draft"], world["submitted"]
    posts = [
        portal("entry_edit", draft),
        portal("entry_autosave", draft),
        portal("entry_submit", draft),
        portal("entry_transition", submitted, "withdraw"),
        portal("entry_transition", submitted, "reopen"),
        portal("attachment_delete", draft, "sk_inovator"),
        portal("attachment_upload", draft, "sk_inovator"),
    ]
    for url in posts:
        response = client.post(url, {"version": draft.version, "title": "Dibajak", "answer_kebaruan": "x"})
        assert response.status_code in (401, 404), (url, response.status_code)
    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert draft.title == "Draf Rahasia A" and draft.version == 1
    assert submitted.status == "submitted"
    assert draft.attachments.count() == 1


def test_lists_never_show_another_organisations_entries(client, world):
    for kind in ("operator_b", "juror", "editor", "secretariat"):
        client.force_login(world["users"][kind])
        html = client.get(reverse("wagtail_kipp_portal:dashboard")).content.decode()
        assert "Draf Rahasia A" not in html and "Usulan Terkirim A" not in html, kind
    client.force_login(world["users"]["operator_a"])
    html = client.get(reverse("wagtail_kipp_portal:dashboard")).content.decode()
    assert "Draf Rahasia A" in html and "Usulan Terkirim A" in html


def test_entries_cannot_be_guessed_by_sequential_ids(client, world):
    client.force_login(world["users"]["operator_b"])
    draft = world["draft"]
    assert f"/{draft.pk}/" not in portal("entry_edit", draft)
    for guess in (f"/portal/entries/{draft.pk}/", f"/portal/entries/{draft.pk + 1}/status/"):
        assert client.get(guess).status_code == 404


def test_private_files_have_no_public_url(world):
    attachment = world["draft"].attachments.get()
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018
