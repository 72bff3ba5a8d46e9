"""The API, version 1: one django-ninja ``NinjaAPI`` with the resources' routers and the index."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from ..conf import settings as kipp_settings
from . import awards, errors, innovations, results, rounds
from .references import NAMESPACE, region
from .renderers import OpenDataRenderer
from .schemas import Index

VERSION = "1"


def docs_available() -> bool:
    """Whether the interactive docs are served: asked for, and ninja's own assets are installed locally."""
    return bool(kipp_settings.API_DOCS) and "ninja" in settings.INSTALLED_APPS


def _gate_docs(view):
    def gated(request: HttpRequest, *args, **kwargs):
        # The OpenAPI schema is always served; the docs page only with local assets (never from a CDN).
        if (
            request.resolver_match
            and request.resolver_match.url_name == "openapi-view"
            and not docs_available()
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return gated


def site_bounds() -> dict[str, dict]:
    """What the OpenAPI document can only know from the site: its page size, years and languages."""
    from wagtail.models import Locale

    from ..catalogue.filters import FIRST_YEAR

    return {
        "limit": {"maximum": kipp_settings.API_MAX_PAGE_SIZE},
        "year": {"minimum": FIRST_YEAR, "maximum": timezone.now().year + 1},
        "locale": {"enum": sorted(Locale.objects.values_list("language_code", flat=True))},
    }


def _narrow(schema: dict, bounds: dict) -> None:
    if "anyOf" in schema:  # an optional value: the bounds go to its non-null form
        for option in schema["anyOf"]:
            if option.get("type") != "null":
                _narrow(option, bounds)
    elif schema.get("type") == "array":
        _narrow(schema["items"], bounds)
    else:
        schema.update(bounds)
        if "enum" in bounds:
            schema.pop("maxLength", None)


class OpenDataAPI(NinjaAPI):
    """
    The API, whose OpenAPI document is exact for the site that serves it: errors are problem details
    (``application/problem+json``), and the page size, years and languages are the site's.
    """

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        bounds = site_bounds()
        for item in schema["paths"].values():
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    # The catalogue knows years from FIRST_YEAR to next year; awards and rounds any year.
                    if parameter["name"] == "year" and operation.get("operationId") != "listInnovations":
                        continue
                    if parameter["name"] in bounds:
                        _narrow(parameter["schema"], bounds[parameter["name"]])
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith("4") and "application/json" in content:
                        response["content"] = {errors.PROBLEM_JSON: content["application/json"]}
        return schema


api = OpenDataAPI(
    title=_("KIPP open data API"),
    version=VERSION,
    description=_(
        "Public innovations, awards, competition rounds and their published results of this portal, as "
        "open data. Read-only; no key needed; any origin may read it."
    ),
    urls_namespace=NAMESPACE,
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    docs_decorator=_gate_docs,
    openapi_url="/openapi.json",
    renderer=OpenDataRenderer(),
)
errors.register(api)
api.add_router("", innovations.router)
api.add_router("", awards.router)
api.add_router("", rounds.router)
api.add_router("", results.router)


@api.get("/", response=Index, url_name="index", summary=_("Index"), tags=["index"], operation_id="getIndex")
def index(request: HttpRequest):
    def absolute(name: str) -> str:
        return request.build_absolute_uri(reverse(f"{NAMESPACE}:{name}"))

    return {
        "title": str(api.title),
        "version": VERSION,
        "portal": region(request),
        "openapi": absolute("openapi-json"),
        "docs": absolute("openapi-view") if docs_available() else None,
        "resources": [{"name": name, "url": absolute(name)} for name in ("innovations", "awards", "rounds")],
    }
