"""Settings for the test suite: the example portal with fast hashing and a throw-away media folder.

``DATABASE_URL`` selects the database (SQLite in memory by default, PostgreSQL in CI).
"""

import os
import tempfile

from example_site.settings import *  # noqa: F403

DATABASES = {
    "default": dj_database_url.config(default="sqlite://:memory:")  # noqa: F405
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="kipp-test-media-")
WAGTAIL_KIPP_PRIVATE_ROOT = tempfile.mkdtemp(prefix="kipp-test-private-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "tests-only")
WAGTAILADMIN_BASE_URL = "http://testserver"
