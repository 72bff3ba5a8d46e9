"""Bilingual text helpers for the demo data: each phrase is written in Indonesian and English together.

``T`` holds one phrase in both languages; ``T.format`` fills placeholders language by language, so a
sentence template and its arguments stay aligned. Numbers, money and units are formatted the way each
language writes them (``18.400`` / ``18,400``, ``Rp35 juta`` / ``IDR 35 million``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class T(NamedTuple):
    """One phrase in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str

    def format(self, **values) -> T:
        """Fill ``{name}`` placeholders; ``T`` values give each language its own text."""
        return T(
            self.id.format(**{key: _pick(value, "id") for key, value in values.items()}),
            self.en.format(**{key: _pick(value, "en") for key, value in values.items()}),
        )

    def cap(self) -> T:
        """Both languages with a capital first letter (for the start of a sentence)."""
        return T(_upper_first(self.id), _upper_first(self.en))

    def low(self) -> T:
        """Both languages with a small first letter, unless the phrase starts with an acronym."""
        return T(_lower_first(self.id), _lower_first(self.en))

    def __add__(self, other):  # type: ignore[override]
        other = other if isinstance(other, T) else T(str(other), str(other))
        return T(self.id + other.id, self.en + other.en)

    def get(self, language: str) -> str:
        return self.id if language == "id" else self.en


def same(text: str) -> T:
    """A phrase that reads the same in both languages (names, acronyms)."""
    return T(text, text)


def join(parts: list[T], separator: str = " ") -> T:
    return T(separator.join(p.id for p in parts), separator.join(p.en for p in parts))


def listing(parts: list[T]) -> T:
    """``a, b dan c`` / ``a, b and c``."""
    if len(parts) == 1:
        return parts[0]
    head = parts[:-1]
    return T(
        ", ".join(p.id for p in head) + " dan " + parts[-1].id,
        ", ".join(p.en for p in head) + " and " + parts[-1].en,
    )


def _pick(value, language: str):
    if isinstance(value, T):
        return value.get(language)
    return value


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    if len(text) > 1 and (text[1].isupper() or text[1] in "-."):
        return text
    return text[:1].lower() + text[1:]


# -- numbers --------------------------------------------------------------------------------------


def number(value: float, decimals: int = 0) -> T:
    """``18.400`` / ``18,400``; ``12,5`` / ``12.5``."""
    english = f"{value:,.{decimals}f}"
    indonesian = english.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return T(indonesian, english)


def money(rupiah: float) -> T:
    """``Rp35 juta`` / ``IDR 35 million``; ``Rp850.000`` / ``IDR 850,000``."""
    for size, word in (
        (1_000_000_000_000, T("triliun", "trillion")),
        (1_000_000_000, T("miliar", "billion")),
    ):
        if rupiah >= size:
            amount = _short(rupiah / size)
            return T(f"Rp{amount.id} {word.id}", f"IDR {amount.en} {word.en}")
    if rupiah >= 1_000_000:
        amount = _short(rupiah / 1_000_000)
        return T(f"Rp{amount.id} juta", f"IDR {amount.en} million")
    amount = number(rupiah)
    return T(f"Rp{amount.id}", f"IDR {amount.en}")


def _short(value: float) -> T:
    return number(value, 0 if abs(value - round(value)) < 0.05 else 1)


@dataclass(frozen=True)
class Unit:
    """A unit after a number: Indonesian (no plural) and English singular/plural; ``%`` sticks to it."""

    id: str
    en_one: str = ""
    en_many: str = ""

    def __call__(self, value: float, decimals: int = 0) -> T:
        return quantity(value, self, decimals)


def quantity(value: float, unit: Unit | None, decimals: int = 0) -> T:
    if unit is RUPIAH:
        return money(value)
    amount = number(value, decimals)
    if unit is None or unit.id == "":
        return amount
    if unit.id == "%":
        return T(amount.id + "%", amount.en + "%")
    english = unit.en_one if value == 1 else unit.en_many
    return T(f"{amount.id} {unit.id}", f"{amount.en} {english}")


RUPIAH = Unit("Rp", "IDR", "IDR")
PERCENT = Unit("%")
SCORE = Unit("")

DAYS = Unit("hari", "day", "days")
HOURS = Unit("jam", "hour", "hours")
MINUTES = Unit("menit", "minute", "minutes")
KM = Unit("km", "km", "km")
VISITS = Unit("kali", "visit", "visits")
CASES = Unit("kasus", "case", "cases")
PEOPLE = Unit("orang", "person", "people")
CHILDREN = Unit("anak", "child", "children")
PUPILS = Unit("pelajar", "pupil", "pupils")
DOCUMENTS = Unit("dokumen", "document", "documents")
HOMES = Unit("rumah", "home", "homes")
TONNES = Unit("ton", "tonne", "tonnes")
SPOTS = Unit("titik", "spot", "spots")
ALLEYS = Unit("gang", "alley", "alleys")
URBAN_VILLAGES = Unit("kelurahan", "urban village", "urban villages")
INNOVATIONS = Unit("inovasi", "innovation", "innovations")
REPORTS = Unit("laporan", "report", "reports")
INCIDENTS = Unit("kejadian", "incident", "incidents")


def month_year(month: int, year: int) -> T:
    return T(f"{MONTHS_ID[month - 1]} {year}", f"{MONTHS_EN[month - 1]} {year}")
