"""The national SINOVIK proposal forms: which one fits an entry, its sections, limits and attachments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..proposal_presets import PRESETS

#: The editions of the national form that an export can follow, newest first.
EDITIONS = ("2023", "2021")

#: The edition used when none is asked for.
DEFAULT_EDITION = "2023"

#: The preset holding each edition's form, by group kind (``GroupKind`` values); ``""`` is the fallback for a
#: kind the edition has no own form for (for example *lainnya*). The 2021 form is one form for every group.
EDITION_PRESETS: dict[str, dict[str, str]] = {
    "2023": {
        "": "kipp2023_umum",
        "umum": "kipp2023_umum",
        "replikasi": "kipp2023_replikasi",
        "khusus": "kipp2023_khusus",
    },
    "2021": {"": "kipp2021"},
}


class UnknownForm(ValueError):
    """Raised for a form name that is neither an edition (``"2023"``) nor a preset key (``"kipp2021"``)."""


@dataclass(frozen=True)
class NationalForm:
    """One national proposal form: its ordered sections and its attachment slots, as plain dicts."""

    key: str
    edition: str
    name: str
    sections: tuple[dict[str, Any], ...]
    attachment_slots: tuple[dict[str, Any], ...]

    def section_keys(self) -> list[str]:
        return [section["key"] for section in self.sections]

    def slot_keys(self) -> list[str]:
        return [slot["key"] for slot in self.attachment_slots]


def _section(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": row["key"],
        "heading": row["heading"],
        "word_limit": row.get("word_limit"),
        "required": bool(row.get("required", True)),
    }


def _slot(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": row["key"],
        "label": row["label"],
        "required": bool(row.get("required", True)),
        "allowed_types": list(row.get("allowed_types", [])),
        "max_size_bytes": int(row["max_size_mb"] * 1024 * 1024),
    }


def _edition_of(preset_key: str) -> str:
    return next(edition for edition, kinds in EDITION_PRESETS.items() if preset_key in kinds.values())


def build_form(preset_key: str) -> NationalForm:
    """The national form held by the preset ``preset_key`` of :mod:`wagtail_kipp.proposal_presets`."""
    preset = PRESETS[preset_key]
    return NationalForm(
        key=preset_key,
        edition=_edition_of(preset_key),
        name=preset["name"],
        sections=tuple(_section(row) for row in preset["sections"]),
        attachment_slots=tuple(_slot(row) for row in preset["attachment_slots"]),
    )


#: Every national form by preset key.
NATIONAL_FORMS: dict[str, NationalForm] = {
    key: build_form(key) for kinds in EDITION_PRESETS.values() for key in sorted(set(kinds.values()))
}


def form_keys() -> list[str]:
    """Every name ``form_for`` accepts: the editions, then the preset keys."""
    return [*EDITIONS, *NATIONAL_FORMS]


def form_for(group_kind: str, form: str | None = None) -> NationalForm:
    """
    The national form for an entry of ``group_kind``: ``form`` names an edition (``"2023"``, ``"2021"``, by
    default :data:`DEFAULT_EDITION`) whose form for the group kind applies, or one form by its preset key.
    """
    form = (form or DEFAULT_EDITION).strip()
    if form in NATIONAL_FORMS:
        return NATIONAL_FORMS[form]
    kinds = EDITION_PRESETS.get(form)
    if kinds is None:
        raise UnknownForm(form)
    return NATIONAL_FORMS[kinds.get(group_kind, kinds[""])]
