"""Placeholder pictures (Pillow) and small PDF documents for the demo, generated the same way on every run."""

from __future__ import annotations

import io
import random
import textwrap
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from .generate import DocumentSpec, ImageSpec

WIDTH, HEIGHT = 960, 540


@cache
def font(size: int, bold: bool = True):
    names = (
        ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"]
        if bold
        else ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"]
    )
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def render_image(spec: ImageSpec) -> bytes:
    """A 960x540 JPEG: a gradient (or a block pattern) in the theme's colours with the acronym on it."""
    rng = random.Random(spec.key)
    start, end = hex_to_rgb(spec.colours[0]), hex_to_rgb(spec.colours[1])
    if spec.style == "blocks":
        picture = Image.new("RGB", (WIDTH, HEIGHT), start)
        draw = ImageDraw.Draw(picture)
        size = 120
        for x in range(0, WIDTH, size):
            for y in range(0, HEIGHT, size):
                draw.rectangle((x, y, x + size - 6, y + size - 6), fill=mix(start, end, rng.random() * 0.6))
    else:
        mask = (
            Image.linear_gradient("L").rotate(rng.choice([45, 90, 135]), expand=True).resize((WIDTH, HEIGHT))
        )
        picture = Image.composite(
            Image.new("RGB", (WIDTH, HEIGHT), end), Image.new("RGB", (WIDTH, HEIGHT), start), mask
        )
        overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
        shapes = ImageDraw.Draw(overlay)
        for _ in range(6):
            radius = rng.randint(60, 220)
            x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
            shapes.ellipse(
                (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, rng.randint(18, 40))
            )
        picture = Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(picture)
    # A dark band keeps the white text readable on light colours.
    draw.rectangle((0, HEIGHT // 2 - 110, WIDTH, HEIGHT // 2 + 110), fill=mix(start, (0, 0, 0), 0.45))
    size = 96
    while size > 40 and draw.textlength(spec.heading, font=font(size)) > WIDTH - 80:
        size -= 8
    heading_font = font(size)
    draw.text((WIDTH // 2, HEIGHT // 2 - 30), spec.heading, font=heading_font, fill="white", anchor="mm")
    subheading = textwrap.shorten(spec.subheading, 70, placeholder="…")
    draw.text(
        (WIDTH // 2, HEIGHT // 2 + 60), subheading, font=font(28, bold=False), fill="white", anchor="mm"
    )
    draw.text((32, HEIGHT - 36), spec.footer, font=font(22, bold=False), fill="white", anchor="ls")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _pdf_text(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def render_pdf(spec: DocumentSpec) -> bytes:
    """A one-page A4 PDF 1.4 with the document's title and a few lines, written by hand (no dependency)."""
    lines: list[tuple[str, int, bool]] = [(spec.title.id, 16, True), ("", 12, False)]
    for line in spec.lines:
        wrapped = textwrap.wrap(line, 85) or [""]
        lines.extend((part, 11, False) for part in wrapped)
    content = [b"BT", b"56 780 Td"]
    for index, (line, size, bold) in enumerate(lines):
        if index:
            content.append(b"0 -%d Td" % (size + 8))
        content.append(b"/%s %d Tf" % (b"F1" if bold else b"F2", size))
        content.append(b"(" + _pdf_text(line) + b") Tj")
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + _pdf_text(spec.title.id) + b") /Producer (wagtail-kipp demo) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()
