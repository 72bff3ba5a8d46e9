"""
The SINOVIK-ready PDF of one entry, drawn with reportlab from its document (:mod:`.sinovik`), so the PDF and
the JSON always agree. Labels are in the active language.

Text is set in Bitstream Vera (shipped with reportlab): it covers Latin-1 (é, ñ, ü ...), typographic quotes
and dashes, the bullet, the ellipsis and the euro sign. Characters it lacks are replaced before drawing: see
:data:`SUBSTITUTES` and :func:`printable`.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import unicodedata
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

from ..models import Entry, IndonesianTimezone
from . import sinovik

FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = (
    "KippVera",
    "KippVera-Bold",
    "KippVera-Italic",
    "KippVera-BoldItalic",
)
FONT_FILES = {
    FONT: "Vera.ttf",
    FONT_BOLD: "VeraBd.ttf",
    FONT_ITALIC: "VeraIt.ttf",
    FONT_BOLD_ITALIC: "VeraBI.ttf",
}

WARNING_COLOUR = colors.HexColor("#a1181d")
WARNING_BACKGROUND = colors.HexColor("#fdecea")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#bbbbbb")
MARGIN = 18 * mm

#: Characters Vera has no glyph for, drawn as a near equivalent ("" drops them).
SUBSTITUTES = {
    **dict.fromkeys(
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
    ),
    **dict.fromkeys("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff", ""),
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", ""),
    **dict.fromkeys("\u2010\u2011\u2043", "-"),
    "\u2012": "\u2013",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\u2032": "'",
    "\u2033": '"',
    "\u2044": "/",
    **dict.fromkeys("\u25cf\u25aa\u25a0\u25e6\u2219", "\u2022"),
    "\u25cb": "o",
    **dict.fromkeys("\u2713\u2714\u2705", "\u221a"),
    **dict.fromkeys("\u2715\u2716\u2717\u2718\u274c", "\u00d7"),
    "\u2190": "<-",
    "\u2192": "->",
    "\u2194": "<->",
    "\u21d2": "=>",
}

#: What stands for a character that has neither a glyph, a substitute nor a drawable decomposition.
UNKNOWN = "?"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@functools.cache
def register_fonts() -> None:
    """Register Vera (regular, bold, italic, bold italic) as one family with reportlab, once."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


@functools.cache
def covered() -> frozenset[int]:
    """The code points every face of the family has a glyph for."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in FONT_FILES]
    return frozenset(set.intersection(*(set(face) for face in faces)))


@functools.lru_cache(maxsize=4096)
def _drawable(char: str) -> str:
    if ord(char) in covered():
        return char
    if char in SUBSTITUTES:
        return SUBSTITUTES[char]
    # A compatibility decomposition without its accents (ā -> a, ﬃ -> ffi, ĳ -> ij) when Vera has all of it.
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if decomposed and all(ord(c) in covered() or c in " \n" for c in decomposed):
        return decomposed
    return UNKNOWN


def printable(text: str) -> str:
    """``text`` with line ends unified, control characters dropped and every character drawable in Vera."""
    text = (
        unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    )
    text = _CONTROL.sub("", text)
    return "".join(c if c == "\n" or ord(c) in covered() else _drawable(c) for c in text)


def markup(text: str) -> str:
    """Plain ``text`` as Paragraph markup: drawable, markup characters escaped, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


# Styles and small builders --------------------------------------------------------------------------


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("kipp-body", fontName=FONT, fontSize=9.5, leading=13.5, spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle("kipp-title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20),
        "subtitle": ParagraphStyle("kipp-subtitle", parent=body, textColor=MUTED, spaceAfter=8),
        "h2": ParagraphStyle(
            "kipp-h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "kipp-h3", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=9, spaceAfter=1
        ),
        "meta": ParagraphStyle(
            "kipp-meta", parent=body, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=3
        ),
        "label": ParagraphStyle("kipp-label", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("kipp-cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "missing": ParagraphStyle(
            "kipp-missing",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=WARNING_COLOUR,
        ),
        "small": ParagraphStyle("kipp-small", parent=body, fontSize=6.5, leading=8.5, spaceAfter=0),
        "empty": ParagraphStyle("kipp-empty", parent=body, fontName=FONT_ITALIC, textColor=MUTED),
        "warning": ParagraphStyle(
            "kipp-warning",
            parent=body,
            fontSize=8.5,
            leading=11.5,
            textColor=WARNING_COLOUR,
            backColor=WARNING_BACKGROUND,
            borderPadding=(3, 4, 3, 4),
            spaceBefore=3,
            spaceAfter=7,
        ),
    }


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), styles()[style])


def text_flowables(text: str) -> list:
    """An answer as paragraphs (split at blank lines), its single line breaks kept; a note when empty."""
    blocks = [block for block in _BLANK_LINES.split(printable(text).strip()) if block.strip()]
    if not blocks:
        return [para(_("(no answer)"), "empty")]
    return [para(block) for block in blocks]


def warning_flowables(document: dict[str, Any], target: str, codes: set[str]) -> list:
    return [
        para(item["message"], "warning")
        for item in document["warnings"]
        if item["target"] == target and item["code"] in codes
    ]


def kept_with_text(heading: list, text: str) -> list:
    """A heading and its answer, the heading kept on one page with the answer's first paragraph."""
    first, *rest = text_flowables(text)
    return [KeepTogether([*heading, first]), *rest]


def words_label(words: int, limit: int | None) -> str:
    """ "123 / 200 words" under a limit, "123 words" without one."""
    if limit:
        return ngettext("%(words)d / %(limit)d word", "%(words)d / %(limit)d words", limit) % {
            "words": words,
            "limit": limit,
        }
    return ngettext("%(words)d word", "%(words)d words", words) % {"words": words}


def field_label(name: str) -> str:
    return capfirst(str(Entry._meta.get_field(name).verbose_name))


# Values of the document, formatted for reading --------------------------------------------------------------


def zone_label(document: dict[str, Any]) -> str:
    zone = document["round"]["timezone"]
    return IndonesianTimezone(zone).name if zone in IndonesianTimezone.values else zone


def moment(value: str | None, document: dict[str, Any]) -> str:
    """An ISO datetime of the document (already in the round's zone) as "2 Mei 2026, 23:59 WIB"."""
    if not value:
        return ""
    return (
        f"{formats.date_format(datetime.datetime.fromisoformat(value), 'j F Y, H:i')} {zone_label(document)}"
    )


def day(value: str | None) -> str:
    return formats.date_format(datetime.date.fromisoformat(value), "j F Y") if value else ""


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def header_rows(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of the header block; empty values show as a dash."""
    header, source = document["header"], document["source"]
    portal = " · ".join(part for part in (source["government"], source["site_url"] or "") if part)
    stage = header["innovation_stage"]
    rows = [
        (_("Portal"), portal),
        (field_label("competition"), f"{document['round']['title']} ({document['round']['year']})"),
        (field_label("reference"), document["reference"] or _("not submitted yet")),
        (field_label("organisation"), document["organisation"]["name"]),
        (field_label("group"), document["group"]["name"]),
        (_("National form"), document["national_form"]["name"]),
        (field_label("submitted_at"), moment(document["submitted_at"], document)),
        (field_label("title"), header["title"]),
        (field_label("started_on"), day(header["started_on"])),
        (field_label("innovation_stage"), stage["label"] if stage else ""),
        (field_label("is_digital"), yes_no(header["is_digital"])),
        (field_label("themes"), ", ".join(theme["name"] for theme in header["themes"])),
        (field_label("sdgs"), "; ".join(f"{goal['number']}. {goal['name']}" for goal in header["sdgs"])),
        (field_label("video_url"), header["video_url"] or ""),
    ]
    if header["replicated_innovation"]:
        rows.append((field_label("replicated_innovation"), header["replicated_innovation"]))
    rows.append((_("Top 99 finalist in"), ", ".join(str(year) for year in header["top_99_years"])))
    rows += [
        (field_label("innovator_name"), header["innovator_name"]),
        (field_label("innovator_phone"), header["innovator_phone"]),
        (field_label("innovator_email"), header["innovator_email"]),
    ]
    return [(label, value or "\u2013") for label, value in rows]


def grid(rows: list[list], widths: list[float], *, header: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    table.setStyle(TableStyle(commands))
    return table


# Parts of the PDF ------------------------------------------------------------------------------------------


def header_block(document: dict[str, Any], width: float) -> list:
    rows = [[para(label, "label"), para(value, "cell")] for label, value in header_rows(document)]
    return [
        para(document["header"]["title"] or "\u2013", "title"),
        para(
            _("Prepared for SINOVIK, the national system: %(form)s")
            % {"form": document["national_form"]["name"]},
            "subtitle",
        ),
        grid(rows, [0.3 * width, 0.7 * width]),
    ]


def warnings_block(document: dict[str, Any]) -> list:
    flowables = [para(_("Before entering it in SINOVIK"), "h2")]
    if not document["warnings"]:
        return [*flowables, para(_("No warnings: the proposal fits the national form."))]
    return flowables + [para(f"\u2022 {item['message']}", "warning") for item in document["warnings"]]


def section_block(number: int, section: dict[str, Any], document: dict[str, Any]) -> list:
    meta = words_label(section["words"], section["word_limit"])
    if section["local_heading"] and section["local_heading"] != section["heading"]:
        meta += " · " + _("local form: %(heading)s") % {"heading": section["local_heading"]}
    heading = [para(f"{number}. {section['heading']}", "h3"), para(meta, "meta")]
    heading += warning_flowables(document, section["key"], {"section_missing", "section_over_limit"})
    return kept_with_text(heading, section["text"])


def extras_block(document: dict[str, Any]) -> list:
    if not document["extra_sections"]:
        return []
    flowables = [para(_("Answers outside the national form"), "h2")]
    for extra in document["extra_sections"]:
        heading = [
            para(extra["heading"], "h3"),
            para(words_label(extra["words"], extra["local_word_limit"]), "meta"),
        ]
        heading += warning_flowables(document, extra["key"], {"extra_section"})
        flowables += kept_with_text(heading, extra["text"])
    return flowables


def file_cell(file: dict[str, Any] | None) -> list:
    if file is None:
        return [para("\u2013", "cell")]
    sha = file["sha256"]
    return [
        para(file["name"], "cell"),
        para(f"{file['type'].upper()} · {filesizeformat(file['size'])}", "cell"),
        para(f"SHA-256: {sha[:32]}\n{sha[32:]}", "small"),
    ]


def attachments_block(document: dict[str, Any], width: float) -> list:
    rows = [[para(_("Attachment"), "label"), para(_("Status"), "label"), para(_("File"), "label")]]
    for slot in document["attachments"]:
        need = _("required") if slot["required"] else _("optional")
        status = _("present") if slot["status"] == sinovik.PRESENT else _("missing")
        label = [para(slot["label"], "cell"), para(need, "meta")]
        label += warning_flowables(
            document, slot["key"], {"attachment_missing", "attachment_type", "attachment_too_large"}
        )
        rows.append([label, para(status, "cell" if slot["file"] else "missing"), file_cell(slot["file"])])
    widths = [0.42 * width, 0.14 * width, 0.44 * width]
    flowables = [para(_("Attachments"), "h2"), grid(rows, widths, header=True)]
    if document["extra_attachments"]:
        extra_rows = [[para(_("Attachment"), "label"), para(_("File"), "label")]]
        extra_rows += [
            [
                [
                    para(extra["label"], "cell"),
                    *warning_flowables(document, extra["key"], {"extra_attachment"}),
                ],
                file_cell(extra["file"]),
            ]
            for extra in document["extra_attachments"]
        ]
        flowables += [
            para(_("Files outside the national form"), "h3"),
            grid(extra_rows, [0.56 * width, 0.44 * width], header=True),
        ]
    return flowables


def story(document: dict[str, Any], width: float) -> list:
    flowables = [*header_block(document, width), *warnings_block(document)]
    flowables.append(para(_("Sections of the national form"), "h2"))
    for number, section in enumerate(document["sections"], start=1):
        flowables += section_block(number, section, document)
    flowables += extras_block(document)
    flowables += attachments_block(document, width)
    return flowables


# Pages ---------------------------------------------------------------------------------------------------


class FooterCanvas(canvas.Canvas):
    """A canvas that numbers the pages "Page 2 of 5" and writes ``footer`` on each, once all are laid out."""

    def __init__(self, *args, footer: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.footer = footer
        self.pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self.pages)
        for state in self.pages:
            self.__dict__.update(state)
            self.draw_footer(total)
            super().showPage()
        super().save()

    def draw_footer(self, total: int) -> None:
        width, _height = self._pagesize
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, 10 * mm, self.footer)
        page = _("Page %(page)d of %(pages)d") % {"page": self._pageNumber, "pages": total}
        self.drawRightString(width - MARGIN, 10 * mm, page)


def footer_text(document: dict[str, Any]) -> str:
    name = document["reference"] or document["header"]["title"]
    generated = _("Generated on %(moment)s") % {"moment": moment(document["generated_at"], document)}
    return printable(f"{name[:60]} · {generated}")


def document_pdf(document: dict[str, Any]) -> bytes:
    """The PDF of a SINOVIK document (as made by :func:`.sinovik.entry_document`)."""
    register_fonts()
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=printable(document["header"]["title"]),
        author=printable(document["source"]["government"] or document["organisation"]["name"]),
        subject="SINOVIK",
        creator=document["source"]["generator"],
        lang=document["language"] or None,
        initialFontName=FONT,
    )
    template.build(
        story(document, template.width),
        canvasmaker=functools.partial(FooterCanvas, footer=footer_text(document)),
    )
    return buffer.getvalue()


def entry_pdf(entry: Entry, *, document: dict[str, Any] | None = None, form: str | None = None) -> bytes:
    """The SINOVIK-ready PDF of ``entry``: from ``document`` when given, else from a new one (``form``)."""
    return document_pdf(document if document is not None else sinovik.entry_document(entry, form=form))
