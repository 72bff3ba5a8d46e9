"""
URLs of the open data API; include them once: ``path("api/kipp/", include("wagtail_kipp.api.urls"))``.

Version 1 answers under ``v1/`` in the namespace ``wagtail_kipp_api_v1``.
"""

from django.urls import URLPattern, include, path

from .api import api
from .http import open_data_view


def _wrapped(patterns: list) -> list:
    return [
        URLPattern(pattern.pattern, open_data_view(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]


_patterns, _app_name, _namespace = api.urls

urlpatterns = [path("v1/", include((_wrapped(_patterns), _app_name), namespace=_namespace))]
