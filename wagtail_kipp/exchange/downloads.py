"""The SINOVIK export as an HTTP download: one entry's PDF or JSON, private and never cached."""

from __future__ import annotations

import re

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..models import Entry
from . import national_forms, sinovik, sinovik_pdf

#: Content types of the export's formats.
CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json; charset=utf-8"}

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def export_filename(entry: Entry, extension: str) -> str:
    """``<reference or uuid>-sinovik.<extension>``, with characters unsafe in a file name replaced."""
    base = _UNSAFE.sub("-", entry.reference or "").strip("-.") or str(entry.uuid)
    return f"{base}-sinovik.{extension}"


def render(entry: Entry, export_format: str, *, form: str | None = None) -> bytes:
    """The export of ``entry`` in ``export_format`` ("pdf" or "json"); may raise ``UnknownForm``."""
    document = sinovik.entry_document(entry, form=form)
    if export_format == "pdf":
        return sinovik_pdf.entry_pdf(entry, document=document)
    return sinovik.dumps(document).encode("utf-8")


def sinovik_download(entry: Entry, export_format: str, *, form: str | None = None) -> HttpResponse:
    """
    The export as a download, in the active language. ``form`` chooses the national form (``?form=2021``);
    an unknown one answers 400 with the names that exist.
    """
    try:
        body = render(entry, export_format, form=form)
    except national_forms.UnknownForm:
        message = _("There is no national form “%(form)s”; choose one of: %(forms)s.") % {
            "form": form,
            "forms": ", ".join(national_forms.form_keys()),
        }
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export_filename(entry, export_format)
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
