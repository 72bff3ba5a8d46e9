"""Wagtail admin screens for organisations, taxonomy, innovation pages and KIPP settings."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from wagtail_kipp.models import Organisation


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.com", "pw")
    client.force_login(user)
    return client


def test_organisation_listing_filters_and_export(admin_client, make_organisation):
    make_organisation("Dinas Kesehatan", acronym="Dinkes")
    make_organisation("Kecamatan Utara", kind="kecamatan")
    url = reverse("wagtailsnippets_wagtail_kipp_organisation:list")
    response = admin_client.get(url, {"kind": "kecamatan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kecamatan Utara" in html
    assert "Dinas Kesehatan" not in html
    export = admin_client.get(url, {"export": "csv"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Dinas Kesehatan" in content


def test_secretariat_creates_an_organisation(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_kipp_organisation:add"),
        {
            "name": "Badan Perencanaan",
            "acronym": "Bappeda",
            "slug": "bappeda",
            "kind": "badan",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="bappeda").kind == "badan"


def test_organisation_form_rejects_duplicate_slug(admin_client, make_organisation):
    make_organisation(slug="bappeda")
    response = admin_client.post(
        reverse("wagtailsnippets_wagtail_kipp_organisation:add"),
        {"name": "Badan Lain", "slug": "bappeda", "kind": "badan"},
    )
    assert response.status_code == 200
    assert Organisation.objects.filter(slug="bappeda").count() == 1


def test_deactivating_an_organisation_is_logged(admin_client, make_organisation):
    organisation = make_organisation("Dinas Lama", slug="dinas-lama")
    url = reverse("wagtailsnippets_wagtail_kipp_organisation:edit", args=[organisation.pk])
    response = admin_client.post(url, {"name": "Dinas Lama", "slug": "dinas-lama", "kind": "dinas"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.active is False
    entry = ModelLogEntry.objects.get(action="wagtail_kipp.organisation.deactivate")
    assert entry.object_id == str(organisation.pk)


def test_innovation_page_can_be_created_in_the_admin(admin_client, catalogue, make_organisation):
    add_url = reverse("wagtailadmin_pages:add", args=["wagtail_kipp", "innovationpage", catalogue.pk])
    assert admin_client.get(add_url).status_code == 200


def test_innovation_page_edit_form_renders(admin_client, make_innovation):
    page = make_innovation("Inovasi Uji")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "Inovasi Uji" in response.content.decode()


def test_kipp_settings_are_editable(admin_client, home_page):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["wagtail_kipp", "kippsettings", site.pk])
    assert admin_client.get(url).status_code == 200


def test_admin_is_closed_to_anonymous_visitors(client, db):
    response = client.get(reverse("wagtailsnippets_wagtail_kipp_organisation:list"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
