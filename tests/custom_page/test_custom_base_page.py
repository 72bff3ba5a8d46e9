"""The package's pages on a site with its own base page model (run with tests.settings_custom_page)."""

import datetime

import pytest
from django.conf import settings

from wagtail_kipp.models import InnovationIndexPage, InnovationPage, Organisation

pytestmark = pytest.mark.skipif(
    getattr(settings, "WAGTAIL_PAGE_MODEL", "") != "custom_page.BasePage",
    reason="needs --ds=tests.settings_custom_page (make test runs it)",
)


@pytest.mark.django_db
def test_package_pages_extend_the_sites_base_page(client):
    from wagtail.models import Page, Site

    from tests.custom_page.models import BasePage

    assert issubclass(InnovationPage, BasePage)
    assert issubclass(InnovationIndexPage, BasePage)
    root = BasePage.get_first_root_node()
    catalogue = root.add_child(
        instance=InnovationIndexPage(title="Katalog", slug="katalog", department="Bagian Organisasi")
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": catalogue}
    )
    organisation = Organisation.objects.create(name="Dinas Kominfo", slug="kominfo")
    innovation = catalogue.add_child(
        instance=InnovationPage(
            title="Satu Data",
            slug="satu-data",
            organisation=organisation,
            summary="Portal data terbuka.",
            started_on=datetime.date(2022, 1, 1),
            department="Diskominfo",
        )
    )
    assert innovation.basepage_ptr_id == innovation.pk
    assert Page is not BasePage

    listing = client.get("/")
    assert listing.status_code == 200
    assert 'class="custom-base"' in listing.content.decode()
    assert "Satu Data" in listing.content.decode()
    detail = client.get(innovation.url)
    assert detail.status_code == 200
    assert "Portal data terbuka." in detail.content.decode()
