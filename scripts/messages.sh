#!/usr/bin/env bash
# Re-extract and compile the message catalogues of the package (wagtail_kipp/locale) and the example site (locale/); needs GNU gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(pwd)/${VENV:-.venv}/bin"

# 1. Extract: the package from its own tree, the example site (LOCALE_PATHS = locale/) without demo/'s generated content.
(cd wagtail_kipp && env -u DJANGO_SETTINGS_MODULE "$BIN/django-admin" makemessages \
  --locale id --locale en --no-obsolete --no-location)
(cd example_site && "$BIN/python" manage.py makemessages \
  --locale id --locale en --no-obsolete --no-location --ignore "demo/*")

# 2. Compile. compilemessages skips a .mo newer than its .po, which a fresh checkout can make stale: touch first.
touch wagtail_kipp/locale/*/LC_MESSAGES/django.po locale/*/LC_MESSAGES/django.po
(cd wagtail_kipp && env -u DJANGO_SETTINGS_MODULE "$BIN/django-admin" compilemessages)
(cd example_site && "$BIN/python" manage.py compilemessages)

# 3. Report: the id catalogues must show no untranslated or fuzzy messages.
for po in wagtail_kipp/locale/*/LC_MESSAGES/django.po locale/*/LC_MESSAGES/django.po; do
  printf '%s: ' "$po"
  msgfmt --check --statistics -o /dev/null "$po" 2>&1
done
