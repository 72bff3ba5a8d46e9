"""The wheel built from the repository installs into a clean virtualenv and carries its data files."""

import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHECK_SCRIPT = textwrap.dedent(
    """
    import importlib.resources, django
    from django.conf import settings
    settings.configure(
        SECRET_KEY="x",
        INSTALLED_APPS=[
            "wagtail_kipp", "wagtail.contrib.routable_page", "wagtail.contrib.settings",
            "wagtail.embeds", "wagtail.sites", "wagtail.users", "wagtail.snippets",
            "wagtail.documents", "wagtail.images", "wagtail.search", "wagtail.admin", "wagtail",
            "modelcluster", "taggit", "django_filters", "django.contrib.auth",
            "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages",
            "django.contrib.staticfiles",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        LANGUAGES=[("id", "Bahasa Indonesia"), ("en", "English")],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
        STATIC_URL="/static/", ROOT_URLCONF=__name__, USE_TZ=True,
    )
    urlpatterns = []
    django.setup()
    from django.core.management import call_command
    call_command("check")
    call_command("migrate", verbosity=0)
    from wagtail_kipp.models import SustainableDevelopmentGoal
    assert SustainableDevelopmentGoal.objects.count() == 17
    package = importlib.resources.files("wagtail_kipp")
    for name in [
        "templates/wagtail_kipp/innovation_index_page.html",
        "templates/wagtail_kipp/innovation_page.html",
        "static/wagtail_kipp/css/kipp.css",
        "locale/id/LC_MESSAGES/django.mo",
        "exchange/schemas/sinovik-entry-1.0.schema.json",
        "locale/id/LC_MESSAGES/django.po",
        "migrations/0002_preload_sdgs.py",
    ]:
        assert package.joinpath(name).is_file(), name
    from django.utils import translation
    from django.utils.translation import gettext
    with translation.override("id"):
        assert gettext("Search innovations") != "Search innovations"
    print("wheel-ok")
    """
)


@pytest.mark.slow
def test_wheel_installs_into_a_clean_virtualenv(tmp_path):
    dist = tmp_path / "dist"
    # setuptools copies into build/lib and never removes what the source no longer has (a deleted migration).
    shutil.rmtree(REPO / "build", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("wagtail_kipp-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [str(python), "-c", CHECK_SCRIPT],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "wheel-ok" in result.stdout
