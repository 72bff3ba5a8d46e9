"""Settings, system checks, migrations, admin registration and preloaded data."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.test import override_settings
from wagtail.log_actions import registry as log_registry

from wagtail_kipp.conf import DEFAULTS
from wagtail_kipp.conf import settings as kipp_settings
from wagtail_kipp.models import Organisation, SustainableDevelopmentGoal


def check_ids():
    return {message.id for message in checks.run_checks()}


def test_settings_have_defaults_and_follow_overrides():
    assert kipp_settings.CATALOGUE_PAGE_SIZE == DEFAULTS["CATALOGUE_PAGE_SIZE"]
    with override_settings(WAGTAIL_KIPP_CATALOGUE_PAGE_SIZE=7):
        assert kipp_settings.CATALOGUE_PAGE_SIZE == 7
    with pytest.raises(AttributeError):
        kipp_settings.NOT_A_SETTING  # noqa: B018


def test_project_passes_system_checks():
    call_command("check", fail_level="WARNING")


@override_settings(WAGTAIL_KIPP_CATALOGUE_PAGE_SIZ=10)
def test_misspelt_setting_is_reported():
    assert "wagtail_kipp.W001" in check_ids()


@override_settings(WAGTAIL_KIPP_SEARCH_BACKEND="elastic")
def test_unknown_search_backend_is_an_error():
    assert "wagtail_kipp.E002" in check_ids()


@override_settings(WAGTAIL_KIPP_CATALOGUE_PAGE_SIZE=0)
def test_bad_page_size_is_an_error():
    assert "wagtail_kipp.E003" in check_ids()


@override_settings(LANGUAGES=[("en", "English")], WAGTAIL_CONTENT_LANGUAGES=[("en", "English")])
def test_missing_indonesian_is_a_warning():
    assert "wagtail_kipp.W005" in check_ids()


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "wagtail_kipp", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_the_17_sdgs_are_preloaded_in_both_languages():
    goals = list(SustainableDevelopmentGoal.objects.order_by("number"))
    assert [goal.number for goal in goals] == list(range(1, 18))
    assert goals[0].name == "Tanpa Kemiskinan"
    assert goals[0].name_en == "No Poverty"
    assert all(goal.name and goal.name_en and goal.colour.startswith("#") for goal in goals)


@pytest.mark.django_db
def test_names_follow_the_active_language():
    from django.utils import translation

    goal = SustainableDevelopmentGoal.objects.get(number=4)
    with translation.override("id"):
        assert str(goal) == "4. Pendidikan Berkualitas"
    with translation.override("en"):
        assert str(goal) == "4. Quality Education"


def test_log_actions_are_registered():
    actions = dict(log_registry.get_choices())
    assert "wagtail_kipp.organisation.activate" in actions
    assert "wagtail_kipp.organisation.deactivate" in actions


@pytest.mark.django_db
def test_migrations_unapply_and_reapply(transactional_db):
    call_command("migrate", "wagtail_kipp", "zero", verbosity=0)
    call_command("migrate", "wagtail_kipp", verbosity=0)
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert Organisation.objects.count() == 0


@override_settings(WAGTAIL_KIPP_DEFAULT_TIMEZONE="Europe/Paris")
def test_timezone_outside_indonesia_is_a_warning_and_falls_back_to_wib():
    from wagtail_kipp.models.settings import default_timezone

    assert "wagtail_kipp.W006" in check_ids()
    assert default_timezone() == "Asia/Jakarta"


@override_settings(WAGTAIL_KIPP_DEFAULT_TIMEZONE="Asia/Makassar")
def test_default_timezone_follows_the_setting():
    from wagtail_kipp.models.settings import default_timezone

    assert default_timezone() == "Asia/Makassar"


def test_private_attachments_inside_media_root_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.WAGTAIL_KIPP_PRIVATE_ROOT = str(tmp_path / "media" / "private")
    assert "wagtail_kipp.E007" in check_ids()
    settings.WAGTAIL_KIPP_PRIVATE_ROOT = str(tmp_path / "private")
    assert "wagtail_kipp.E007" not in check_ids()
    settings.WAGTAIL_KIPP_PRIVATE_ROOT = ""
    # The default is a sibling of MEDIA_ROOT, never inside it.
    assert "wagtail_kipp.E007" not in check_ids()
