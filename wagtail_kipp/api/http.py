"""
HTTP around the API's views: CORS for reads, answers to preflight requests, HEAD, conditional GET (ETag) and
Cache-Control. Local to the API, so a site needs no CORS package and its other URLs are unaffected.
"""

from __future__ import annotations

import re
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from ..conf import settings as kipp_settings
from .errors import problem

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
EXPOSED_HEADERS = "ETag, Link, Content-Language"
PREFLIGHT_MAX_AGE = 86400
# Header names a preflight may ask for (RFC 9110 tokens), echoed back: the API reads no credentials.
HEADER_NAMES = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


def request_language(request: HttpRequest) -> str:
    """
    The language of the answer: the first of ``Accept-Language`` the site speaks, else ``LANGUAGE_CODE``.

    Only the header counts (not the language cookie), so shared caches can key answers on it.
    """
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def cors(response: HttpResponse) -> HttpResponse:
    """Let any origin read ``response`` (public data, no cookies or credentials involved)."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def preflight(request: HttpRequest) -> HttpResponse:
    """The answer to ``OPTIONS``: the methods allowed, and to a CORS preflight, the headers asked for."""
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    requested = [
        name.strip()
        for name in request.headers.get("Access-Control-Request-Headers", "").split(",")
        if HEADER_NAMES.match(name.strip())
    ]
    if requested:
        response["Access-Control-Allow-Headers"] = ", ".join(requested)
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def cache_headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An ETag of the body, 304 when the client has it, and how long caches may keep it."""
    if response.status_code != 200 or response.streaming:
        return response
    set_response_etag(response)
    seconds = kipp_settings.API_CACHE_SECONDS
    if seconds > 0:
        patch_cache_control(response, public=True, max_age=seconds)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def open_data_view(view):
    """Wrap one of the API's views: reads only, readable from any origin, cacheable."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight(request)
        if request.method not in ("GET", "HEAD"):
            with translation.override(request_language(request)):
                response = problem(405, _("The open data API only answers reads (GET, HEAD and OPTIONS)."))
            response["Allow"] = ALLOWED_METHODS
            return cors(response)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        language = request_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        response = cache_headers(request, response)
        if head:
            request.method = "HEAD"
            response.content = b""
        return cors(response)

    wrapped.csrf_exempt = True
    return wrapped
