"""Proposal templates in the admin: presets are read-only and duplicable; templates in use stay."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from wagtail_kipp.models import ProposalTemplate

NS = "wagtailsnippets_wagtail_kipp_proposaltemplate"


def url(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def secretariat(db):
    """A non-superuser with the template permissions, as a secretariat group would have."""
    user = get_user_model().objects.create_user("sekretariat", "s@example.com", "pw")
    group = Group.objects.create(name="Sekretariat (templates)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtail_kipp", codename__endswith="proposaltemplate"
        ),
    )
    user.groups.add(group)
    # Messages are checked in English (the msgids); the admin otherwise speaks the site's Indonesian.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin_client(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def preset(db):
    return ProposalTemplate.objects.get(preset="kipp2023_umum")


def test_the_listing_shows_presets_sections_and_use(admin_client, preset, competition, proposal_template):
    response = admin_client.get(url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert preset.name in html and "kipp2023_umum" in html
    assert proposal_template.name in html
    rows = {row.pk: row for row in response.context["object_list"]}
    assert rows[preset.pk].section_count == 9 and rows[preset.pk].group_count == 0
    assert rows[proposal_template.pk].section_count == 2 and rows[proposal_template.pk].group_count == 1
    # A preset is opened read-only (inspect), never in the edit form.
    assert url("edit", preset.pk) not in html
    assert url("inspect", preset.pk) in html
    assert url("duplicate", preset.pk) in html


def test_the_inspect_view_shows_sections_limits_and_slots(admin_client, preset):
    response = admin_client.get(url("inspect", preset.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Strategi Keberlanjutan" in html and "500" in html
    assert "SK inovator atau tim inovasi" in html
    assert url("duplicate", preset.pk) in html
    assert url("edit", preset.pk) not in html


def test_editing_a_preset_is_refused_with_a_message(admin_client, preset):
    response = admin_client.get(url("edit", preset.pk))
    assert response.status_code == 302 and response.url == url("inspect", preset.pk)
    assert any("national preset" in message for message in messages_of(response))
    response = admin_client.post(url("edit", preset.pk), {"name": "Diubah"})
    assert response.status_code == 302
    preset.refresh_from_db()
    assert preset.name == "KIPP Nasional 2023: Kelompok Umum"


def test_deleting_a_preset_is_refused_with_a_message(admin_client, preset):
    for method in (admin_client.get, admin_client.post):
        response = method(url("delete", preset.pk))
        assert response.status_code == 302
        assert any("national preset" in message for message in messages_of(response))
    assert ProposalTemplate.objects.filter(pk=preset.pk).exists()


def test_duplicate_makes_an_editable_copy_and_opens_it(admin_client, preset):
    form = admin_client.get(url("duplicate", preset.pk))
    assert form.status_code == 200
    assert "KIPP Nasional 2023: Kelompok Umum (copy)" in form.content.decode()
    response = admin_client.post(url("duplicate", preset.pk), {"name": "KIPP Kota Sukamaju 2026: Umum"})
    copy = ProposalTemplate.objects.get(name="KIPP Kota Sukamaju 2026: Umum")
    assert response.status_code == 302 and response.url == url("edit", copy.pk)
    assert copy.preset == "" and copy.sections.count() == 9 and copy.attachment_slots.count() == 4
    assert ModelLogEntry.objects.filter(object_id=str(copy.pk), action="wagtail.create").exists()
    assert admin_client.get(url("edit", copy.pk)).status_code == 200


def test_duplicate_needs_a_name_and_a_csrf_token(secretariat, preset):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    count = ProposalTemplate.objects.count()
    assert client.post(url("duplicate", preset.pk), {"name": "Tanpa token"}).status_code == 403
    assert ProposalTemplate.objects.count() == count
    form = client.get(url("duplicate", preset.pk))
    token = form.context["csrf_token"]
    response = client.post(url("duplicate", preset.pk), {"name": "", "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and response.context["form"].errors
    assert ProposalTemplate.objects.count() == count


def test_deleting_a_template_in_use_gives_a_clear_message(admin_client, competition, proposal_template):
    for method in (admin_client.get, admin_client.post):
        response = method(url("delete", proposal_template.pk))
        assert response.status_code == 302
        message = messages_of(response)[-1]
        assert "cannot be deleted" in message and competition.title in message
    assert ProposalTemplate.objects.filter(pk=proposal_template.pk).exists()


def test_an_unused_own_template_can_be_deleted(admin_client, preset):
    copy = preset.duplicate(name="Salinan Sementara")
    assert admin_client.get(url("delete", copy.pk)).status_code == 200
    response = admin_client.post(url("delete", copy.pk))
    assert response.status_code == 302
    assert not ProposalTemplate.objects.filter(pk=copy.pk).exists()


def test_bulk_delete_leaves_presets_and_templates_in_use(
    admin_client, preset, competition, proposal_template
):
    copy = preset.duplicate(name="Salinan Sementara")
    bulk = reverse("wagtail_bulk_action", args=["wagtail_kipp", "proposaltemplate", "delete"])
    query = f"?id={preset.pk}&id={proposal_template.pk}&id={copy.pk}"
    assert admin_client.get(bulk + query).status_code == 200
    response = admin_client.post(bulk + query)
    assert response.status_code == 302
    assert ProposalTemplate.objects.filter(pk__in=[preset.pk, proposal_template.pk]).count() == 2
    assert not ProposalTemplate.objects.filter(pk=copy.pk).exists()


def test_an_editor_without_template_permissions_is_refused(client, preset):
    editor = get_user_model().objects.create_user("editor", "e@example.com", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for name in ("list", "duplicate", "inspect", "edit", "delete"):
        args = () if name == "list" else (preset.pk,)
        response = client.get(url(name, *args))
        assert response.status_code in (302, 403), name
        if response.status_code == 302:
            assert response.url != url("inspect", preset.pk), name
    assert client.post(url("duplicate", preset.pk), {"name": "x"}).status_code in (302, 403)
    assert ProposalTemplate.objects.filter(name="x").count() == 0
