"""
Error answers of the API: RFC 9457 problem details in JSON, with a translated message per bad parameter.

Every error is ``application/problem+json``: ``status``, ``title``, ``detail`` and, for bad input, ``errors``
(one per parameter). Nothing the API is asked for becomes a server error page.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_JSON = "application/problem+json"


class ParameterError(Schema):
    """What is wrong with one parameter of the request."""

    parameter: str
    message: str


class Problem(Schema):
    """An error answer (RFC 9457 problem details)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ParameterError] = []


class BadRequest(Exception):
    """The request's parameters are not valid: ``errors`` maps each parameter to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        404: _("Not found"),
        405: _("Method not allowed"),
    }


def problem(status: int, detail: str, errors: dict[str, list[str]] | None = None) -> HttpResponse:
    """A problem-details answer with ``status``; ``errors`` lists each bad parameter's messages."""
    title = titles().get(status) or HTTPStatus(status).phrase
    body = Problem(
        title=str(title),
        status=status,
        detail=str(detail),
        errors=[
            ParameterError(parameter=name, message=str(message))
            for name, messages in (errors or {}).items()
            for message in messages
        ],
    )
    return HttpResponse(body.model_dump_json(), status=status, content_type=PROBLEM_JSON)


def bad_request(errors: dict[str, list[str]]) -> HttpResponse:
    names = ", ".join(errors)
    return problem(400, _("These parameters are not valid: %(names)s.") % {"names": names}, errors)


def not_found(detail: str = "") -> HttpResponse:
    return problem(404, detail or _("There is nothing public at this address."))


# Pydantic's error types, as messages a re-user can act on.
def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false (or 1 or 0).")
    if kind in ("uuid_parsing", "uuid_type", "uuid_version"):
        return _("Enter an id in the form of a UUID, as the API gives it.")
    if kind.startswith(("datetime_", "date_")):
        return _("Enter a date and time with its offset (RFC 3339), for example 2026-07-27T10:00:00+07:00.")
    if kind == "enum":
        choices = str(context.get("expected", "")).replace("' or '", "', '")
        return _("Choose one of: %(choices)s.") % {"choices": choices}
    if kind == "greater_than_equal":
        return _("Enter a value of at least %(limit)s.") % {"limit": context.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a value of at most %(limit)s.") % {"limit": context.get("le")}
    if kind in ("string_too_long", "too_long"):
        return _("This value is too long.")
    if kind in ("missing",):
        return _("This parameter is required.")
    return _("This value is not valid.")


def _parameter(location: tuple | list) -> str:
    # ("query", "filters", "year", 0) -> "year"; ("path", "id") -> "id".
    names = [part for part in location[1:] if isinstance(part, str)]
    return names[-1] if names else str(location[0] if location else "")


def register(api: NinjaAPI) -> None:
    """Answer ninja's and the API's errors with problem details."""

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_parameter(error.get("loc", ())), []).append(_message(error))
        return bad_request(errors)

    @api.exception_handler(BadRequest)
    def invalid(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return bad_request(exc.errors)

    @api.exception_handler(Http404)
    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return not_found()

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, exc.message)
