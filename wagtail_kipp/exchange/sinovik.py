"""
The SINOVIK-ready document of one entry: what the entrant re-enters in the national system, as versioned JSON.

The document holds the entrant's own data only: header fields, answers in the national form's order with word
counts, the attachment checklist and warnings. Never scores, jurors, decisions, stage results, the status of
the administrative check or its reasons. The PDF (:mod:`.sinovik_pdf`) is drawn from this document.
"""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import json
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .. import __version__
from ..judging.rules import count_words
from ..models import EDITABLE_STATUSES, AwardTier, Entry, EntryStatus, KippSettings
from . import national_forms

SCHEMA_VERSION = "1.0"
SCHEMA_ID = f"urn:wagtail-kipp:schema:sinovik-entry:{SCHEMA_VERSION}"
SCHEMA_FILE = f"sinovik-entry-{SCHEMA_VERSION}.schema.json"

#: Header fields the national form asks for, checked for emptiness (``themes`` and ``sdgs`` are lists).
REQUIRED_HEADER_FIELDS = (
    "title",
    "started_on",
    "innovation_stage",
    "themes",
    "sdgs",
    "video_url",
    "innovator_name",
    "innovator_phone",
    "innovator_email",
)

SECTION_OK, SECTION_OVER_LIMIT, SECTION_MISSING = "ok", "over_limit", "missing"
PRESENT, MISSING = "present", "missing"


class DocumentInvalid(ValueError):
    """A document that does not follow the schema; ``errors`` lists each problem as ``path: message``."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def entry_queryset():
    """Entries with what the document reads, in a few queries."""
    return Entry.objects.select_related(
        "competition", "organisation", "group__template", "replicated_innovation", "innovation"
    ).prefetch_related("themes", "sdgs", "attachments", "innovation__awards")


# Reading the entry defensively: answers and snapshots are JSON that older code or imports may have shaped.


def _answers(entry: Entry) -> dict[str, Any]:
    return entry.answers if isinstance(entry.answers, dict) else {}


def _text(answers: dict[str, Any], key: str) -> str:
    value = answers.get(key, "")
    return value if isinstance(value, str) else ""


def _rows(spec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = spec.get(name) if isinstance(spec, dict) else None
    return [row for row in rows or [] if isinstance(row, dict) and isinstance(row.get("key"), str)]


def _limit(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def local_spec(entry: Entry) -> dict[str, Any]:
    """The local template the entry was written against (its snapshot once submitted)."""
    spec = entry.get_template_spec()
    return spec if isinstance(spec, dict) else {}


# Parts of the document -----------------------------------------------------------------------------


def _isoformat(value: datetime.datetime | None, tzinfo) -> str | None:
    return timezone.localtime(value, tzinfo).isoformat(timespec="seconds") if value else None


def source_of(entry: Entry) -> dict[str, Any]:
    """The portal the document comes from: its government's name and root URL when the round is in a site."""
    site = entry.competition.get_site()
    # Read only: a download must not create the site's settings row as KippSettings.for_site() would.
    names = KippSettings.objects.filter(site=site).values_list("government_name", flat=True) if site else []
    government = next(iter(names), "")
    return {
        "government": government,
        "site_url": site.root_url if site else None,
        "generator": f"wagtail-kipp {__version__}",
    }


#: Award tiers that mean the innovation was among the national Top 99 (the Top 45 are chosen from them).
TOP_99_TIERS = frozenset({AwardTier.TOP_99, AwardTier.TOP_45})


def top_99_years(entry: Entry) -> list[int]:
    """The years the entry's innovation was a Top 99 finalist, from its catalogue page's award history."""
    if entry.innovation_id is None or entry.innovation is None:
        return []
    return sorted({award.year for award in entry.innovation.awards.all() if award.tier in TOP_99_TIERS})


def header_of(entry: Entry) -> dict[str, Any]:
    """The proposal's header fields as the national form asks for them."""
    stage = entry.innovation_stage
    return {
        "title": entry.title,
        "started_on": entry.started_on.isoformat() if entry.started_on else None,
        "innovation_stage": {"value": stage, "label": str(entry.get_innovation_stage_display())}
        if stage
        else None,
        "is_digital": entry.is_digital,
        "themes": [{"slug": theme.slug, "name": theme.display_name} for theme in entry.themes.all()],
        "sdgs": [{"number": goal.number, "name": goal.display_name} for goal in entry.sdgs.all()],
        "video_url": entry.video_url or None,
        "replicated_innovation": entry.replicated_innovation.title if entry.replicated_innovation else None,
        "top_99_years": top_99_years(entry),
        "innovator_name": entry.innovator_name,
        "innovator_phone": entry.innovator_phone,
        "innovator_email": entry.innovator_email,
    }


def section_status(words: int, limit: int | None, required: bool) -> str:
    if required and words == 0:
        return SECTION_MISSING
    if limit and words > limit:
        return SECTION_OVER_LIMIT
    return SECTION_OK


def national_sections(
    form: national_forms.NationalForm, spec: dict[str, Any], answers: dict[str, Any]
) -> list[dict[str, Any]]:
    """The national form's sections in its order, each with the entry's answer to the same key."""
    local = {row["key"]: row for row in _rows(spec, "sections")}
    sections = []
    for section in form.sections:
        key = section["key"]
        text = _text(answers, key)
        words = count_words(text)
        local_row = local.get(key)
        sections.append(
            {
                "key": key,
                "heading": section["heading"],
                "local_heading": str(local_row.get("heading") or "") or None if local_row else None,
                "required": section["required"],
                "text": text,
                "words": words,
                "word_limit": section["word_limit"],
                "local_word_limit": _limit(local_row.get("word_limit")) if local_row else None,
                "status": section_status(words, section["word_limit"], section["required"]),
            }
        )
    return sections


def extra_sections(
    form: national_forms.NationalForm, spec: dict[str, Any], answers: dict[str, Any]
) -> list[dict[str, Any]]:
    """
    Answered local sections that the national form does not have (in the local order), then answers to keys
    no template names: nothing typed is left out, but it has no place in SINOVIK as it is.
    """
    national = set(form.section_keys())
    local = [row for row in _rows(spec, "sections") if row["key"] not in national]
    known = national | {row["key"] for row in _rows(spec, "sections")}
    rows = [
        (row["key"], str(row.get("heading") or row["key"]), _limit(row.get("word_limit"))) for row in local
    ]
    rows += [(key, key, None) for key in sorted(k for k in answers if isinstance(k, str) and k not in known)]
    extras = []
    for key, heading, limit in rows:
        text = _text(answers, key)
        if text.strip():
            extras.append(
                {
                    "key": key,
                    "heading": heading,
                    "text": text,
                    "words": count_words(text),
                    "local_word_limit": limit,
                }
            )
    return extras


def file_of(attachment) -> dict[str, Any]:
    return {
        "name": attachment.original_name,
        "type": attachment.file_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }


def attachment_checklist(
    form: national_forms.NationalForm, spec: dict[str, Any], attachments
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The national slots with the entry's file in each (or none), and the files in slots it does not have."""
    by_slot = {attachment.slot: attachment for attachment in attachments}
    checklist = []
    for slot in form.attachment_slots:
        attachment = by_slot.pop(slot["key"], None)
        checklist.append(
            {
                **slot,
                "status": PRESENT if attachment else MISSING,
                "file": file_of(attachment) if attachment else None,
            }
        )
    labels = {row["key"]: str(row.get("label") or row["key"]) for row in _rows(spec, "attachment_slots")}
    extras = [
        {"key": key, "label": labels.get(key, key), "file": file_of(attachment)}
        for key, attachment in sorted(by_slot.items())
    ]
    return checklist, extras


# Warnings ------------------------------------------------------------------------------------------


def warning(code: str, message: str, target: str | None = None) -> dict[str, Any]:
    return {"code": code, "target": target, "message": message}


def header_warnings(header: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        warning(
            "field_missing",
            _("“%(field)s” is empty; the national form asks for it.")
            % {"field": capfirst(field_label(name))},
            name,
        )
        for name in REQUIRED_HEADER_FIELDS
        if not header.get(name)
    ]


def field_label(name: str) -> str:
    """The label of a header field: the entry's field name (lower case, in the active language)."""
    return str(Entry._meta.get_field(name).verbose_name)


def section_warnings(sections: list[dict[str, Any]], extras: list[dict[str, Any]]) -> list[dict[str, Any]]:
    warnings = []
    for section in sections:
        names = {"heading": section["heading"], "words": section["words"], "limit": section["word_limit"]}
        if section["status"] == SECTION_MISSING:
            message = _("“%(heading)s” is required by the national form but has no answer.") % names
            warnings.append(warning("section_missing", message, section["key"]))
        elif section["status"] == SECTION_OVER_LIMIT:
            message = (
                ngettext(
                    "“%(heading)s” has %(words)d words; the national limit is %(limit)d word.",
                    "“%(heading)s” has %(words)d words; the national limit is %(limit)d words.",
                    section["word_limit"],
                )
                % names
            )
            warnings.append(warning("section_over_limit", message, section["key"]))
    for extra in extras:
        message = _(
            "“%(heading)s” is not part of the national form: move what matters into its sections."
        ) % {"heading": extra["heading"]}
        warnings.append(warning("extra_section", message, extra["key"]))
    return warnings


def attachment_warnings(
    checklist: list[dict[str, Any]], extras: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    warnings = []
    for slot in checklist:
        file, names = slot["file"], {"label": slot["label"]}
        if file is None:
            if slot["required"]:
                message = _("The required attachment “%(label)s” is missing.") % names
                warnings.append(warning("attachment_missing", message, slot["key"]))
            continue
        names.update(
            name=file["name"], type=file["type"].upper(), size=filesizeformat(slot["max_size_bytes"])
        )
        if slot["allowed_types"] and file["type"] not in slot["allowed_types"]:
            names["types"] = ", ".join(kind.upper() for kind in slot["allowed_types"])
            message = (
                _("“%(name)s” is a %(type)s file; the national form takes %(types)s for “%(label)s”.") % names
            )
            warnings.append(warning("attachment_type", message, slot["key"]))
        if file["size"] > slot["max_size_bytes"]:
            message = _("“%(name)s” is larger than the national limit of %(size)s for “%(label)s”.") % names
            warnings.append(warning("attachment_too_large", message, slot["key"]))
    for extra in extras:
        message = _(
            "“%(name)s” (%(label)s) has no place among the national attachments; add it to the supporting "
            "documents if it matters."
        ) % {"name": extra["file"]["name"], "label": extra["label"]}
        warnings.append(warning("extra_attachment", message, extra["key"]))
    return warnings


def status_warnings(entry: Entry) -> list[dict[str, Any]]:
    """Whether the text is final, from what the entrant sees of the status (never the check's outcome)."""
    if entry.status == EntryStatus.WITHDRAWN:
        return [warning("withdrawn", _("This proposal was withdrawn."))]
    if entry.status in EDITABLE_STATUSES:
        return [
            warning(
                "not_submitted", _("This proposal has not been submitted yet: its text may still change.")
            )
        ]
    return []


# The document ----------------------------------------------------------------------------------------


def entry_document(
    entry: Entry, *, form: str | None = None, source: dict[str, Any] | None = None
) -> dict[str, Any]:
    """
    The SINOVIK-ready document of ``entry`` (JSON-ready), texts in the active language.

    ``form`` chooses the national form: an edition (``"2023"``, the default, or ``"2021"``) or a form's key
    (see :func:`.national_forms.form_for`); raises :class:`.national_forms.UnknownForm` for anything else.
    ``source`` is :func:`source_of` the entry, given when many entries of one round are documented together.
    """
    national = national_forms.form_for(entry.group.kind, form)
    competition = entry.competition
    spec = local_spec(entry)
    answers = _answers(entry)
    header = header_of(entry)
    sections = national_sections(national, spec, answers)
    extras = extra_sections(national, spec, answers)
    checklist, extra_files = attachment_checklist(national, spec, entry.attachments.all())
    return {
        "schema": {"id": SCHEMA_ID, "version": SCHEMA_VERSION},
        "generated_at": _isoformat(timezone.now(), competition.tzinfo),
        "language": get_language() or "",
        "source": source if source is not None else source_of(entry),
        "round": {"title": competition.title, "year": competition.year, "timezone": competition.timezone},
        "group": {"name": entry.group.name, "kind": entry.group.kind},
        "organisation": {"name": entry.organisation.name, "acronym": entry.organisation.acronym or ""},
        "reference": entry.reference or None,
        "entry_uuid": str(entry.uuid),
        "submitted_at": _isoformat(entry.submitted_at, competition.tzinfo),
        "national_form": {"key": national.key, "edition": national.edition, "name": national.name},
        "local_form": {"name": str(spec.get("name") or entry.group.template.name)},
        "header": header,
        "sections": sections,
        "extra_sections": extras,
        "attachments": checklist,
        "extra_attachments": extra_files,
        "warnings": [
            *status_warnings(entry),
            *header_warnings(header),
            *section_warnings(sections, extras),
            *attachment_warnings(checklist, extra_files),
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    """The document as JSON text: UTF-8 characters kept, indented for reading."""
    return json.dumps(document, ensure_ascii=False, indent=2)


# The schema ----------------------------------------------------------------------------------------------


@functools.cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document, shipped in ``wagtail_kipp/exchange/schemas/``."""
    resource = importlib.resources.files(__package__).joinpath("schemas", SCHEMA_FILE)
    return json.loads(resource.read_text(encoding="utf-8"))


def validate_document(document: Any) -> None:
    """Raise :class:`DocumentInvalid` unless ``document`` follows the schema (needs ``jsonschema``)."""
    try:
        from jsonschema import Draft202012Validator
    except ImportError as error:  # an optional dependency: only validation needs it
        raise ImproperlyConfigured("Validating a SINOVIK document needs the jsonschema package.") from error
    validator = Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
    if errors:
        raise DocumentInvalid(
            [
                f"{'/'.join(map(str, error.absolute_path)) or '(document)'}: {error.message}"
                for error in errors
            ]
        )
