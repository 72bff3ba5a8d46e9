"""
The read-only open data API: innovations, awards, rounds and their published results as JSON (django-ninja).

Mount it with one include, ``path("api/kipp/", include("wagtail_kipp.api.urls"))``; version 1 answers under
``v1/``. Only live, public pages of the requesting site and published results leave it.
"""
